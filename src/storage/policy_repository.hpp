// PolicyRepository: the rule versions an administrator added (issue 13, item 1), append-only.
//
// It exists only inside a Transaction (Transaction::Policy()): a policy file's versions and
// their audit entries are stored in one unit of work. Each call runs inside a savepoint: a
// failed call leaves the transaction as it was. Storage does not interpret a version: the row
// is policy::PolicyRow's columns (services convert with policy::ToRow / FromRow); there is no
// update and no delete, by design (a version is never edited in place).
//
// Rule versions are national law, not a regency's data: rows carry no regency code. Failures are
// values: InvalidArgument (a bad date, an empty family), AlreadyExists (a second version of a
// family from the same date), Unavailable, Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct StoredPolicyVersion {
  std::int64_t id = 0;  // assigned by Insert
  std::string family;   // policy::RuleFamilyCode
  std::string effective_from;
  std::string effective_until;  // "" = open-ended
  std::string legal_reference;
  std::string certainty;  // policy::CertaintyCode
  std::string document;   // policy::VersionToJson, read back byte for byte
  std::string actor;
  std::int64_t created_at_us = 0;  // 0 on Insert: the Database clock's now
  friend bool operator==(const StoredPolicyVersion&, const StoredPolicyVersion&) = default;
};

class PolicyRepository {
 public:
  virtual ~PolicyRepository() = default;

  // Serialises appends until the transaction ends, so that two administrators adding versions
  // at once cannot both pass the overlap check against the same stored versions (PostgreSQL:
  // LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE, which readers pass; SQLite: the transaction's
  // BEGIN IMMEDIATE holds the write lock already). Call it before List in a unit of work that
  // appends.
  virtual Status Lock() = 0;
  // Appends one version; its id.
  virtual Result<std::int64_t> Insert(const StoredPolicyVersion& version) = 0;
  // Every stored version, by family, then effective_from.
  virtual Result<std::vector<StoredPolicyVersion>> List() = 0;
};

}  // namespace jaring::storage
