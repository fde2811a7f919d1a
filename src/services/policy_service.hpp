// PolicyService: the rule versions in storage (issue 13, item 1): the book in force, adding an
// administrator's policy file all-or-nothing, and what is in force on a date.
//
//   PolicyService policy(db, &trail);
//   auto added = policy.AddFile(text, actor);           // every version, or none
//   auto book = policy.Book();                          // for calculations
//
// The built-in defaults (policy::DefaultPolicyJson, docs/examples/policy-2025.json) are in
// force while the database holds no version: Book() then answers them from memory, and reads
// never write. The first AddFile stores them first, in the same transaction and with their own
// audit entries (actor "bawaan"), so that from then on the stored versions are the whole
// history and an administrator's versions are checked against the very versions the
// calculations used. They are not seeded by a migration: storage does not know the policy
// module, and a database nobody configured stays empty.
//
// Authorization: an Actor with a principal needs manage_policy (auth/roles.hpp) somewhere;
// rule versions are not a regency's. The CLI's actor may do it. Audit: one entry per version
// stored ("policy_version", create), in the transaction that stores it.
// Failures: InvalidArgument (the file, an overlap with a stored version or another version of
// the same file: nothing is stored), PermissionDenied, storage errors. Thread-safe: no state;
// concurrent adds are serialised by PolicyRepository::Lock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "policy/book.hpp"
#include "policy/version.hpp"
#include "services/audit_trail.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct PolicyAddReport {
  std::vector<policy::RuleVersion> added;  // in file order
  std::vector<std::int64_t> ids;           // their storage ids
  int defaults_stored = 0;                 // built-in versions stored before them (first add)
};

class PolicyService {
 public:
  // db and trail (may be null: no audit, for tests of storage only) must outlive it.
  PolicyService(storage::Database& db, const AuditTrail* trail) : db_(db), trail_(trail) {}

  // The stored versions as a book, or the built-in defaults when none is stored.
  Result<policy::PolicyBook> Book();
  // ... and whether it is the built-in one (nothing stored yet).
  Result<bool> UsesDefaults();

  // Parses a policy file (policy_file.hpp) and adds every version to the book, checking each
  // against the stored versions and the file's earlier ones; stores them only when all pass.
  Result<PolicyAddReport> AddFile(std::string_view text, const Actor& actor);
  Result<PolicyAddReport> AddVersions(std::vector<policy::RuleVersion> versions,
                                      const Actor& actor);

  // The versions in force on `date` as a policy file (policy::WriteInForce).
  Result<std::string> InForceJson(policy::Date date);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
};

// The book of stored rows, or of the built-in defaults when `rows` is empty (the rule
// Book() follows, for services that read the rows in a transaction of their own).
Result<policy::PolicyBook> BookOf(const std::vector<storage::StoredPolicyVersion>& rows);

}  // namespace jaring::services
