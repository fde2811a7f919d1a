// SqlCardRepository: CardRepository over SOCI, bound to a Transaction's connection; each call
// runs inside a savepoint (see card_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "common/clock.hpp"
#include "storage/card_repository.hpp"
#include "storage/sql/call_runner.hpp"

namespace jaring::storage::sql {

class SqlCardRepository final : public CardRepository {
 public:
  SqlCardRepository(Engine engine, soci::session& session, const Clock& clock)
      : runner_(engine, session, "jaring_card"), clock_(&clock) {}

  Result<std::int64_t> Insert(const CardRecord& card) override;
  Status SetToken(std::string_view regency_code, std::int64_t id, std::string_view token) override;
  Result<CardRecord> Get(std::string_view regency_code, std::int64_t id) override;
  Result<std::vector<CardRecord>> List(std::string_view regency_code, std::int64_t program_id,
                                       std::int64_t worker_id) override;
  Status Revoke(std::string_view regency_code, std::int64_t id, std::string_view reason,
                std::int64_t at_us) override;
  Result<std::int64_t> RevokeActive(std::string_view regency_code, std::int64_t worker_id,
                                    std::int64_t program_id, std::string_view reason,
                                    std::int64_t at_us) override;

 private:
  CallRunner runner_;
  const Clock* clock_;
};

}  // namespace jaring::storage::sql
