// CardService: membership cards (kartu peserta, issue 14, item 4). Cards are issued for workers
// with a coverage period under a program, printed as a PDF (one card, or A4 sheets of ten) whose
// QR code carries a token signed with the installation's Ed25519 key (cards/token.hpp), and
// checked by anyone: the signature offline, then, with the database, whether the card was
// revoked (re-issued, revoked by hand, the worker dead or removed, the cover ended early) or its
// period is over.
//
//   CardService cards(db, &trail, clock, cards::KeyDirectory());
//   auto issued = cards.Issue({"35.14", program_id}, actor);   // issued->pdf: the sheets
//   auto status = cards.Verify(token, std::nullopt);           // the public check
//
// Authorization: issuing, listing and the PDF contain personal data: manage_enrolment or
// export_personal_data in the regency (the CLI's actor may do everything); revoking needs
// manage_enrolment; checking and the public key are public. Audit: "card" create (the cards
// issued, with their ids) and export (the PDF left the system), in the transaction that stores
// the cards; "card" update for a revocation. Issuing re-issues: a worker's earlier card under
// the program is revoked ("reissued"). Failures: InvalidArgument (Indonesian), NotFound,
// PermissionDenied, FailedPrecondition (nobody to print for), storage and key-file errors.
// Thread-safe: the key is loaded once under a lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cards/token.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "formats/pdf_card_sheet.hpp"
#include "services/audit_trail.hpp"
#include "services/card_views.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct CardRequest {
  std::string regency_code;
  std::int64_t program_id = 0;
  std::int64_t worker_id = 0;  // 0: every worker with a coverage period under the program
  formats::PdfCardLayout layout = formats::PdfCardLayout::kA4Sheet;
};

class CardService {
 public:
  // db, trail (may be null: no audit) and clock must outlive it; the signing key lives in
  // `key_dir` (created there on first use).
  CardService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
              std::filesystem::path key_dir)
      : db_(db), trail_(trail), clock_(clock), key_dir_(std::move(key_dir)) {}

  // The public half of the signing key (created on first use).
  Result<CardKeyView> PublicKey();

  // Issues a card for each covered worker (or the one asked for) and renders them.
  Result<IssuedCards> Issue(const CardRequest& request, const Actor& actor);
  // The PDF of the cards issued before that still hold (none is issued or revoked): for a
  // download of the same cards again. FailedPrecondition when there are none. Audited export.
  Result<std::string> Print(const CardRequest& request, const Actor& actor);
  Result<std::vector<CardView>> List(std::string_view regency_code, std::int64_t program_id,
                                     std::int64_t worker_id, const Actor& actor);
  Result<CardView> Revoke(std::string_view regency_code, std::int64_t card_id,
                          std::string_view reason, const Actor& actor);

  // Checks a token: the signature (InvalidArgument "Kartu tidak sah" when it fails), then the
  // card's record and registry. `on`: the day the card is checked for (nullopt: today).
  // Read-only (Database::BeginRead: no write lock, never waits behind a writer on SQLite); it
  // reads the one card, its worker and that worker's coverage periods, nothing else.
  Result<CardStatusView> Verify(std::string_view token,
                                std::optional<std::chrono::year_month_day> on);

 private:
  Result<cards::SigningKey> Key();
  // A transaction and the request's program, once the actor may print there.
  struct OpenedProgram {
    std::unique_ptr<storage::Transaction> tx;
    storage::ProgramRecord program;
  };
  Result<OpenedProgram> OpenProgram(const CardRequest& request, const Actor& actor);
  Result<std::string> Render(const std::vector<storage::CardRecord>& records,
                             const storage::ProgramRecord& program,
                             const std::vector<storage::CoverageRecord>& coverage,
                             const std::unordered_map<std::int64_t, storage::WorkerRecord>& workers,
                             formats::PdfCardLayout layout) const;
  Status Audit(storage::Transaction& tx, const Actor& actor, auth::AuditAction action,
               const CardRequest& request, const std::vector<storage::CardRecord>& records,
               std::int64_t skipped) const;

  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  std::filesystem::path key_dir_;
  std::mutex key_mutex_;
  std::optional<cards::SigningKey> key_;
};

// The offline check: signature and dates only (no database). `on` as Verify.
Result<CardStatusView> VerifyCardOffline(std::string_view token, const cards::PublicKey& key,
                                         std::chrono::year_month_day on);

}  // namespace jaring::services
