// CardRepository: the membership cards printed for workers' coverage periods (issue 14, item 4;
// migration 0012): which card, for whom, under which cover, its token, and whether and why it
// was revoked.
//
// It exists only inside a Transaction (Transaction::Cards()): a card is stored with its audit
// entry in one unit of work. Each call runs inside a savepoint: a failed call leaves the
// transaction as it was. Storage keeps what CardService decided (the token it signed, the reason
// it revoked) and checks only shapes and its constraints.
//
// Tenancy: every call names the regency ("NN.NN") and never reads or changes another regency's
// cards. Failures are values: InvalidArgument (bad regency, empty reason), NotFound (no such card
// in the regency), FailedPrecondition (revoking a revoked card), Unavailable, Internal.
// One thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct CardRecord {
  std::int64_t id = 0;  // assigned by Insert: the token's serial
  std::string regency_code;
  std::int64_t worker_id = 0;
  std::int64_t program_id = 0;
  std::int64_t coverage_id = 0;
  int serial = 0;     // the worker's n-th card under the program; 0 on Insert: the next one
  std::string token;  // "" until SetToken
  std::string actor;
  std::int64_t issued_at_us = 0;   // 0 on Insert: the Database clock's now
  std::int64_t revoked_at_us = 0;  // 0: not revoked
  std::string revoke_reason;       // "reissued", "died", "removed", ... or ""
  friend bool operator==(const CardRecord&, const CardRecord&) = default;
};

class CardRepository {
 public:
  virtual ~CardRepository() = default;

  // Stores a card (its serial the worker's next under the program when 0); its id.
  virtual Result<std::int64_t> Insert(const CardRecord& card) = 0;
  // The signed token of a stored card (signed after Insert gave it its id).
  virtual Status SetToken(std::string_view regency_code, std::int64_t id,
                          std::string_view token) = 0;
  virtual Result<CardRecord> Get(std::string_view regency_code, std::int64_t id) = 0;
  // The regency's cards of a program (0: every program), of one worker (0: every worker), by id.
  virtual Result<std::vector<CardRecord>> List(std::string_view regency_code,
                                               std::int64_t program_id, std::int64_t worker_id) = 0;
  // Marks the card revoked at `at_us` (0: now) with `reason`; FailedPrecondition if it is.
  virtual Status Revoke(std::string_view regency_code, std::int64_t id, std::string_view reason,
                        std::int64_t at_us) = 0;
  // Revokes every card of the worker under the program that is not revoked yet (a re-issue);
  // how many.
  virtual Result<std::int64_t> RevokeActive(std::string_view regency_code, std::int64_t worker_id,
                                            std::int64_t program_id, std::string_view reason,
                                            std::int64_t at_us) = 0;
};

}  // namespace jaring::storage
