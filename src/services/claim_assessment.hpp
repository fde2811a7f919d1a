// Eligibility and benefit of a claim at its event date (issue 15, item 2 with item 7): from the
// worker's coverage history, the program's bills and payments, and the benefits version in
// force (policy::QuoteBenefit).
//
//  - Membership starts at the earliest cover that began on or before the event, unless the
//    branch says otherwise (ClaimInputs::member_since: the branch knows membership that began
//    before the regency's program).
//  - A month is paid when the program's newest bill for it is paid in full by the event; the
//    months billed but not paid by then are arrears. The branch's figure
//    (ClaimInputs::paid_months) replaces the count when given.
//  - Not covered on the event date: not eligible, with the cause, a program failure: "arrears"
//    when more months were unpaid than the payment terms allow, else "coverage_ended".
//  - An event before any cover began, or after the worker's recorded death, is refused
//    (InvalidArgument, Indonesian): there is no membership to claim on.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "policy/benefit.hpp"
#include "policy/book.hpp"
#include "storage/database.hpp"

namespace jaring::services::claims {

struct ClaimInputs {
  std::string kind = "jkm";        // "jkm" | "jkk"
  std::string outcome = "death";   // JKK: "death" | "total_disability" | "injury"
  std::string event_date;          // "YYYY-MM-DD"
  std::string member_since;        // "" or the branch's date
  std::optional<int> paid_months;  // the branch's count
  int unable_to_work_months = 0;   // JKK injury
};

struct Assessment {
  bool covered = false;
  std::string member_since;
  std::int64_t program_id = 0;
  std::string kpj;
  int paid_months = 0;
  int arrears_months = 0;
  std::string failure_cause;  // "" | "arrears" | "coverage_ended" | "late_enrolment"
  policy::BenefitQuote quote;
};

Result<Assessment> Assess(storage::Transaction& tx, const policy::PolicyBook& book,
                          std::string_view regency, std::int64_t worker_id,
                          const ClaimInputs& inputs, const std::vector<storage::HeirRecord>& heirs);

// {"covered","member_since","program_id","kpj","paid_months","arrears_months","failure_cause",
//  "inputs":{…},"quote":{"eligible","total","items":[…],"reason",…}}
nlohmann::ordered_json AssessmentToJson(const Assessment& a, const ClaimInputs& inputs);
nlohmann::ordered_json QuoteToJson(const policy::BenefitQuote& quote);
// The inputs stored with a case (quote_json's "inputs"), so that it can be assessed again.
ClaimInputs InputsFromJson(const nlohmann::json& stored, const storage::ClaimRecord& claim);

}  // namespace jaring::services::claims
