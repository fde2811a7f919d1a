// AuditRepository: the rows of the hash-chained audit log (issue 3, item 6).
//
// Storage keeps entries exactly as sealed (services::AuditTrail seals them with auth's
// SealEntry): `at` in integer microseconds, before/after JSON as TEXT byte for byte, a UNIQUE
// sequence. Appending is LockHead() then Insert() inside one Transaction: LockHead takes the
// chain's lock (PostgreSQL: SELECT ... FOR UPDATE on the one-row audit_head table; SQLite: the
// write lock BEGIN IMMEDIATE already holds) so that two writers never extend the same head.
// Nothing here updates or deletes entries.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"

namespace jaring::storage {

// One stored entry; the fields of auth::AuditEntry with the action as its code.
struct AuditRecord {
  std::int64_t sequence = 0;
  TimePoint at;
  std::optional<std::int64_t> actor_user_id;
  std::string actor_username;
  std::string remote_address;
  std::string action;  // auth::AuditActionCode
  std::string record_type;
  std::string record_id;
  std::string regency_code;
  std::string before_json;
  std::string after_json;
  std::string prev_hash;
  std::string hash;
  friend bool operator==(const AuditRecord&, const AuditRecord&) = default;
};

struct AuditHead {
  std::int64_t sequence = 0;  // 0 for an empty log
  std::string hash;           // the genesis hash for an empty log
};

// Filters for Search; empty fields do not filter.
struct AuditFilter {
  std::vector<std::string> regency_codes;  // entries of these regencies ...
  bool include_unscoped = false;           // ... and, if set, those with regency_code ''
  std::string actor_username;
  std::string record_type;
  std::string record_id;
  std::string action;
  std::optional<TimePoint> from;     // at >= from
  std::optional<TimePoint> until;    // at < until
  std::int64_t before_sequence = 0;  // > 0: only sequence < before_sequence
  int limit = 100;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;

  // The current head, locked until the transaction ends (only meaningful in a Transaction).
  virtual Result<AuditHead> LockHead() = 0;
  // Inserts a sealed entry and moves the head to it. AlreadyExists if the sequence is taken.
  Status Insert(const AuditRecord& record) { return InsertMany(std::span(&record, 1)); }
  // Inserts sealed entries with consecutive sequences, in order, and moves the head to the last
  // (one statement per few hundred entries on PostgreSQL). AlreadyExists if a sequence is taken.
  virtual Status InsertMany(std::span<const AuditRecord> records) = 0;
  // Up to `limit` entries with sequence > after_sequence, by sequence.
  virtual Result<std::vector<AuditRecord>> Page(std::int64_t after_sequence, int limit) = 0;
  // Entries matching `filter`, newest (highest sequence) first. A filter whose regency list is
  // empty and include_unscoped false matches nothing.
  virtual Result<std::vector<AuditRecord>> Search(const AuditFilter& filter) = 0;
};

}  // namespace jaring::storage
