// SqlAuditRepository: AuditRepository over SOCI (pooled or bound, see call_runner.hpp).
#pragma once

#include <soci/soci.h>

#include "storage/audit_repository.hpp"
#include "storage/sql/account_repository.hpp"

namespace jaring::storage::sql {

class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(ConnectionPool& pool) : runner_(pool) {}
  SqlAuditRepository(Engine engine, soci::session& session)
      : runner_(engine, session, "jaring_account_call") {}

  Result<AuditHead> LockHead() override;
  Status Insert(const AuditRecord& record) override;
  Result<std::vector<AuditRecord>> Page(std::int64_t after_sequence, int limit) override;
  Result<std::vector<AuditRecord>> Search(const AuditFilter& filter) override;

 private:
  CallRunner runner_;
};

}  // namespace jaring::storage::sql
