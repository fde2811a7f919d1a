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
#include <map>
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

// One line of the branch's file of decisions and payments (claim_exchange.cpp).
struct BranchDecision {
  std::int64_t line = 0;
  std::int64_t claim_id = 0;  // jaring's case number when the file carries it
  std::string nik;
  std::string decision;  // "approved" | "rejected" | "paid"
  std::int64_t amount = 0;
  std::string date, reference, reason;
};
// Reads the branch's file (.xlsx/.csv; headers mapped like every import: No. Klaim / NIK,
// Keputusan / Status, Jumlah, Tanggal Bayar, No. Referensi, Alasan). InvalidArgument, naming the
// line, for a file without a case or NIK column or a decision column, or a line whose decision,
// amount or date cannot be read: the file is refused whole before anything is applied.
Result<std::vector<BranchDecision>> ReadBranchDecisions(const std::filesystem::path& path,
                                                        std::string display_name);

// What an import of the branch's decisions did: the moves applied and each line that was not
// (or was, but differs from jaring's figure), with why.
struct DecisionMismatch {
  std::int64_t line = 0;
  std::int64_t claim_id = 0;
  std::string nik;
  std::string kind;  // "unknown_claim" | "wrong_state" | "amount_differs" | "refused"
  std::string message;
};
struct DecisionImportReport {
  std::int64_t lines = 0, applied = 0, repeated = 0;
  std::vector<DecisionMismatch> mismatches;
};
nlohmann::ordered_json ToJson(const DecisionImportReport& report);

// The claims report (claim_report.cpp): by kind and state, district and month of the event;
// amounts paid; days from the event to payment; heirs still waiting; overdue cases.
struct ClaimReport {
  std::string regency_code, regency_name, as_of;
  std::int64_t cases = 0, paid_cases = 0, amount_paid = 0, expected_open = 0;
  std::map<std::string, std::map<std::string, std::int64_t>> by_kind_state;
  struct District {
    std::string code, name;
    std::int64_t cases = 0, paid = 0, amount_paid = 0;
  };
  std::vector<District> districts;
  struct Month {
    std::string month;  // "YYYY-MM" of the event
    std::int64_t cases = 0, paid = 0, amount_paid = 0;
  };
  std::vector<Month> months;
  std::optional<double> median_days_to_payment;
  std::int64_t cases_waiting = 0, heirs_waiting = 0, overdue = 0, program_failures = 0;
};
nlohmann::ordered_json ToJson(const ClaimReport& report);

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

  // The submitted cases as the .xlsx the branch receives (export_personal_data, audited).
  Result<std::string> ExportSubmitted(std::string_view regency, const Actor& actor);
  // The branch's decisions and payments applied in one transaction (manage_claims): each line
  // moves its case (submitted -> approved or rejected; -> paid, through approved when the file
  // pays directly); lines that cannot apply are listed, never half-applied.
  Result<DecisionImportReport> ImportDecisions(std::string_view regency,
                                               const std::filesystem::path& file,
                                               std::string display_name, const Actor& actor);
  // The report (view_reports), and as .xlsx and PDF for the monev meeting.
  Result<ClaimReport> Report(std::string_view regency, const Actor& actor);
  Result<std::string> ReportXlsx(std::string_view regency, const Actor& actor);
  Result<std::string> ReportPdf(std::string_view regency, const Actor& actor);

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
  // One move inside the caller's transaction: checked, stored, its event and audit entry; the
  // case as it now is.
  Result<storage::ClaimRecord> MoveInTx(storage::Transaction& tx,
                                        const storage::ClaimRecord& record,
                                        std::string_view to_state, const MoveDetails& details,
                                        const Actor& actor);
  std::string Today() const;

  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  std::filesystem::path document_root_;
};

}  // namespace jaring::services
