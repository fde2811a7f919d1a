// BillRepository: the monthly bills of a program (issue 14, item 1; migration 0013): a bill per
// program and settled month, versioned, with one line per billed worker.
//
// It exists only inside a Transaction (Transaction::Bills()): a bill, its lines and its audit
// entry are stored in one unit of work; each call runs inside a savepoint. Bills are inserted,
// never updated: a month billed again is a new version. Storage checks shapes and its
// constraints (a line's parts add up to its amount); services compute the figures.
//
// Tenancy: every call names the regency ("NN.NN"). Failures are values: InvalidArgument,
// NotFound, Unavailable, Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct BillRecord {
  std::int64_t id = 0;  // assigned by Insert
  std::string regency_code;
  std::int64_t program_id = 0;
  std::string period;  // "YYYY-MM"
  int version = 0;     // assigned by Insert: one more than the month's newest
  std::int64_t settled_id = 0;
  std::string policy_version;  // the contribution version priced with (family@effective_from)
  std::int64_t workers = 0;
  std::int64_t total = 0;
  std::string by_source_json = "{}";
  std::string proration = "whole_month";
  std::string due_date;  // "YYYY-MM-DD"
  std::string actor;
  std::int64_t created_at_us = 0;  // 0 on insert: the Database clock's now
  friend bool operator==(const BillRecord&, const BillRecord&) = default;
};

struct BillLineRecord {
  std::int64_t worker_id = 0;
  std::int64_t coverage_id = 0;
  std::string kpj;
  std::int64_t jkk = 0, jkm = 0, jht = 0, amount = 0;
  std::string by_source_json = "{}";
  friend bool operator==(const BillLineRecord&, const BillLineRecord&) = default;
};

class BillRepository {
 public:
  virtual ~BillRepository() = default;
  // Stores the bill and its lines; returns it with id, version and created_at_us set.
  virtual Result<BillRecord> Insert(const BillRecord& bill,
                                    std::span<const BillLineRecord> lines) = 0;
  // The newest version of the program's bill for the month, nullopt when none.
  virtual Result<std::optional<BillRecord>> Latest(std::string_view regency_code,
                                                   std::int64_t program_id,
                                                   std::string_view period) = 0;
  // A bill version by id; NotFound when none.
  virtual Result<BillRecord> Get(std::string_view regency_code, std::int64_t bill_id) = 0;
  // The program's bills, newest version of each month, by month.
  virtual Result<std::vector<BillRecord>> List(std::string_view regency_code,
                                               std::int64_t program_id) = 0;
  // A bill's lines by worker id.
  virtual Result<std::vector<BillLineRecord>> Lines(std::string_view regency_code,
                                                    std::int64_t bill_id) = 0;
};

}  // namespace jaring::storage
