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
      : runner_(engine, session, "jaring_account_call"), in_transaction_(true) {}

  Result<AuditHead> LockHead() override;
  Status InsertMany(std::span<const AuditRecord> records) override;
  Result<std::vector<AuditRecord>> Page(std::int64_t after_sequence, int limit) override;
  Result<std::vector<AuditRecord>> Search(const AuditFilter& filter) override;

  // In a transaction: writes the head row once, where the transaction's appends moved it (the
  // transaction calls it just before COMMIT). No-op when nothing was appended.
  Status FlushHead();

 private:
  CallRunner runner_;
  // In a transaction, the head is read (and locked) once and then followed in memory: moving
  // the one head row once per entry would leave one row version per entry, which PostgreSQL
  // walks on every later update of that row in the same transaction (a verval run that applies
  // 15,000 decisions took minutes).
  bool in_transaction_ = false;
  std::optional<AuditHead> head_;
  bool head_moved_ = false;
};

}  // namespace jaring::storage::sql
