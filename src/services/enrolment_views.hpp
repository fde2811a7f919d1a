// What EnrolmentService hands to presenters (CLI, HTTP): batches, answers, a worker's coverage
// history, the program's ineligible list and its budget by month, as plain values, and their one
// JSON form (docs/enrolment.md), so that `jaring enrol ... --json` and the API answer alike.
//
// Amounts are integer rupiah, months "YYYY-MM", dates "YYYY-MM-DD". NIKs are already shown as
// the viewer may see them (masked or not) when a view carries one.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/money.hpp"

namespace jaring::services {

// How a batch's persons were chosen from the settled month.
struct SelectionCounts {
  std::int64_t settled = 0;           // persons on the settled list
  std::int64_t ineligible = 0;        // left out by the program's rules
  std::int64_t already = 0;           // eligible, already covered or waiting in an earlier batch
  std::int64_t eligible = 0;          // eligible and not yet enrolled
  std::int64_t selected = 0;          // taken into this batch (quota permitting)
  std::int64_t waiting = 0;           // eligible beyond the quota
  std::vector<std::string> priority;  // the order applied
  std::vector<std::string> priority_without_data;  // rules the registry cannot apply yet
};

struct BatchView {
  std::int64_t id = 0;
  std::int64_t program_id = 0;
  std::string program_name;
  std::string period;     // the settled month
  std::string reference;  // "JRG-35.14-P1-B3": written in every row of the file
  std::string status;     // "created" | "approved" | "answered"
  std::int64_t workers = 0;
  SelectionCounts counts;
  std::string actor;
  TimePoint created_at;
  std::string approved_by;
  std::optional<TimePoint> approved_at, answered_at;
  // Members by answer state (filled by GetBatch): sent, matched, name_differs, rejected.
  std::optional<std::vector<std::pair<std::string, std::int64_t>>> states;
};

struct BatchMemberView {
  int rank = 0;
  std::int64_t worker_id = 0;
  std::string nik;  // as the viewer may see it
  std::string name, state, kpj, answered_name, start_date, reason;
};

struct AnswerCounts {
  std::int64_t matched = 0, unknown = 0, rejected = 0, name_differs = 0;
  std::int64_t coverage_started = 0;  // new coverage periods (a repeated answer starts none)
};

struct AnswerLineView {
  std::int64_t line = 0;
  std::string kind, nik, name_sent, name_answered, kpj, reason;
  std::int64_t worker_id = 0, batch_id = 0;
};

struct AnswerView {
  std::int64_t id = 0;
  std::int64_t program_id = 0;
  std::string file_name, checksum;
  AnswerCounts counts;
  std::string actor;
  TimePoint created_at;
  std::vector<AnswerLineView> lines;  // filled by GetAnswer and ImportAnswer
};

struct CoverageView {
  std::int64_t program_id = 0;
  std::string program_name, kpj;
  std::string start_date, end_date;
  std::string start_reason, end_reason;
  std::int64_t batch_id = 0;
};

struct WorkerEnrolmentView {
  std::int64_t batch_id = 0, program_id = 0;
  std::string program_name, period, batch_status, state, kpj, reason;
};

struct ReasonView {
  std::string code, label;
};

struct WorkerIneligibleView {
  std::int64_t program_id = 0;
  std::string program_name, period;
  std::vector<ReasonView> reasons;
};

struct WorkerCoverageView {
  std::int64_t worker_id = 0;
  std::vector<CoverageView> coverage;
  std::vector<WorkerEnrolmentView> enrolments;
  std::vector<WorkerIneligibleView> ineligible;
};

struct IneligibleWorkerView {
  std::int64_t worker_id = 0;
  std::string nik, name, village_code, occupation, birth_date, period;
  std::vector<ReasonView> reasons;
};

struct BudgetMonthView {
  std::string month;
  std::int64_t workers = 0;  // covered or approved for enrolment in the month
  domain::Money committed, billed, remaining;
};

struct BudgetMonthsView {
  std::int64_t program_id = 0;
  domain::Money budget;
  bool billed_available = false;  // true since bills exist (billed: the month's newest bill)
  std::vector<BudgetMonthView> months;
};

nlohmann::ordered_json ToJson(const SelectionCounts& counts);
nlohmann::ordered_json ToJson(const BatchView& batch);
nlohmann::ordered_json ToJson(const BatchMemberView& member);
nlohmann::ordered_json ToJson(const AnswerCounts& counts);
nlohmann::ordered_json ToJson(const AnswerView& answer);
nlohmann::ordered_json ToJson(const WorkerCoverageView& coverage);
nlohmann::ordered_json ToJson(const IneligibleWorkerView& row);
nlohmann::ordered_json ToJson(const BudgetMonthsView& months);

}  // namespace jaring::services
