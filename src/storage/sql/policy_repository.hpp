// SqlPolicyRepository: PolicyRepository over SOCI, bound to a Transaction's connection; each
// call runs inside a savepoint (see policy_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/policy_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlPolicyRepository final : public PolicyRepository {
 public:
  SqlPolicyRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_policy"), clock_(&clock) {}

  Status Lock() override;
  Result<std::int64_t> Insert(const StoredPolicyVersion& version) override;
  Result<std::vector<StoredPolicyVersion>> List() override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
