// ClaimService: death (JKM) and work-accident (JKK) cases from the first report to the money in
// the heir's account (issue 15).
//
//   ClaimService claims(db, &trail, clock, claims::DocumentDirectory());
//   auto c = claims.Open({"35.14", worker, "jkm", "death", "2025-10-20", "operator",
//                         "Kepala Desa Sukorejo"}, actor);
//   claims.SetHeirs("35.14", c->record.id, heirs, actor);       // the legal order is checked
//   claims.AddDocument("35.14", id, "akta_kematian", "akta.pdf", bytes, actor);
//   claims.Move("35.14", id, "dossier_complete", {}, actor);     // refused while papers miss
//
// Rules (docs/claims.md):
//  - A case is one per worker, kind and event date: opening it again returns it (repeated).
//    An event before membership or after the recorded death is refused; a death case ends the
//    worker's cover on the day of death (coverage periods, so billing and cards follow).
//  - The benefit is assessed at the event date (claim_assessment.hpp) and assessed again while
//    the case is open, when heirs change (children in school) or the branch's figures arrive.
//  - Moves follow claims::TransitionPermission; a complete dossier needs every required
//    document, heirs in the legal order and one recipient; a rejection needs a reason; a payment
//    an amount, a date and a reference. Each move is a claim event (the clock) and an audit entry.
//  - Deaths that verval settles open JKM cases by themselves (OpenDeathCases, inside the
//    settlement's transaction) for workers who had cover.
//
// Authorization: reading needs view_workers in the regency (NIKs as the account sees them),
// changes manage_claims, the branch's decisions by hand decide_claims. Failures: InvalidArgument,
// NotFound, FailedPrecondition (a move the state does not allow, a dossier incomplete),
// PermissionDenied, storage errors. Thread-safe: no mutable state.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "services/audit_trail.hpp"
#include "services/claim_assessment.hpp"
#include "services/claim_rules.hpp"
#include "services/policy_service.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct OpenClaimRequest {
  std::string regency_code;
  std::int64_t worker_id = 0;
  std::string kind = "jkm";         // "jkm" | "jkk"
  std::string outcome = "death";    // JKK also "total_disability" | "injury"
  std::string event_date;           // "YYYY-MM-DD"
  std::string source = "operator";  // "operator" | "branch" (verval opens its own)
  std::string reporter;             // who reported it: a village, the family, a hospital
  std::string reported_on;          // "" (today) or the day it was reported, event..today
  std::string member_since;         // the branch's figures, when known
  std::optional<int> paid_months;
  int unable_to_work_months = 0;
};

// What a move carries: a reason (rejection, sending a dossier back), the branch's decision.
struct MoveDetails {
  std::string note;
  std::int64_t amount = 0;        // approved or paid, whole rupiah
  std::string paid_on;            // "YYYY-MM-DD"
  std::string reference;          // the branch's payment reference
  bool from_branch_file = false;  // an imported decision: manage_claims suffices
};

struct ClaimView {
  storage::ClaimRecord record;
  std::string worker_name, nik, village_code;  // NIK as the account may see it
  nlohmann::json assessment;                   // AssessmentToJson as stored
  std::vector<storage::HeirRecord> heirs;
  std::vector<claims::DocumentRequirement> checklist;
  std::vector<storage::ClaimDocumentRecord> documents;
  std::vector<std::string> missing;
  std::vector<storage::ClaimEventRecord> events;
  claims::ClaimClock clock;
  std::vector<storage::HeirRecord> proposed_heirs;  // the household (same KK), not yet heirs
  bool repeated = false;                            // Open found the case already there
};
nlohmann::ordered_json ToJson(const ClaimView& view);

struct ClaimSummary {
  storage::ClaimRecord record;
  std::string worker_name, nik, village_code;
  bool overdue = false;
  std::string stage;  // the running stage of the clock
  int stage_days = 0;
};
nlohmann::ordered_json ToJson(const ClaimSummary& summary);
// Heirs as the API and the CLI's file give them: [{"name","nik","relation","share_bp",
// "school_level","recipient","payout","bank","account_no","account_name"}, ...].
Result<std::vector<storage::HeirRecord>> HeirsFromJson(const nlohmann::json& list);

class ClaimService {
 public:
  ClaimService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
               std::filesystem::path document_root);

  Result<ClaimView> Open(const OpenClaimRequest& request, const Actor& actor);
  Result<ClaimView> Get(std::string_view regency, std::int64_t id, const Actor& actor);
  Result<std::vector<ClaimSummary>> List(std::string_view regency, std::optional<std::string> state,
                                         bool overdue_only, const Actor& actor);
  Result<ClaimView> SetHeirs(std::string_view regency, std::int64_t id,
                             std::vector<storage::HeirRecord> heirs, const Actor& actor);
  Result<ClaimView> AddDocument(std::string_view regency, std::int64_t id,
                                std::string_view doc_kind, std::string_view file_name,
                                std::string_view bytes, const Actor& actor);
  Result<ClaimView> MarkSeen(std::string_view regency, std::int64_t id, std::string_view doc_kind,
                             const Actor& actor);
  // The stored file of a document (its bytes and content type), checksum checked.
  Result<std::pair<std::string, std::string>> DocumentFile(std::string_view regency,
                                                           std::int64_t id,
                                                           std::string_view doc_kind,
                                                           const Actor& actor);
  Result<ClaimView> Move(std::string_view regency, std::int64_t id, std::string_view to_state,
                         const MoveDetails& details, const Actor& actor);

  Result<claims::ClockTargets> Targets(std::string_view regency, const Actor& actor);
  Result<claims::ClockTargets> SetTargets(std::string_view regency,
                                          const claims::ClockTargets& targets, const Actor& actor);

  // The regency a case id belongs to (for `jaring claim show ID` without --regency).
  Result<std::string> RegencyOf(std::int64_t id);

  // Inside the settlement's transaction: a JKM case for each of `deaths` (worker id, death
  // date) who had cover on the day; the number opened (cases already there are left alone).
  static Result<int> OpenDeathCases(storage::Transaction& tx, const AuditTrail* trail,
                                    const policy::PolicyBook& book, std::string_view regency,
                                    const std::vector<std::pair<std::int64_t, std::string>>& deaths,
                                    std::string_view period, const Actor& actor,
                                    std::string_view today);

 private:
  Result<ClaimView> ViewOf(storage::Transaction& tx, const storage::ClaimRecord& record,
                           const Actor& actor);
  Result<ClaimView> Reassess(storage::Transaction& tx, storage::ClaimRecord record,
                             const Actor& actor);
  std::string Today() const;

  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  std::filesystem::path document_root_;
};

}  // namespace jaring::services
