// The rules of a claim case that are not money (issue 15, items 3 to 5): the states and who may
// move a case between them, the legal order of heirs and their payout, the dossier checklist
// per kind, and the clock of each stage against its target. Pure functions over values; the
// benefit itself is policy::QuoteBenefit. docs/claims.md says the same in prose.
//
//   claims::CheckHeirs(heirs)               // the legal order, shares, one recipient, account
//   claims::Checklist("jkm", "death", heirs) // which documents the dossier needs
//   claims::ClockOf(claim, events, targets, today)
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/roles.hpp"
#include "common/error.hpp"
#include "storage/claim_repository.hpp"

namespace jaring::services::claims {

// --- States -----------------------------------------------------------------------------------
// reported -> dossier_complete -> submitted -> approved -> paid, or submitted -> rejected.
// A dossier found wanting goes back: dossier_complete -> reported.
inline constexpr std::string_view kStates[] = {"reported", "dossier_complete", "submitted",
                                               "approved", "rejected",         "paid"};
bool IsState(std::string_view state);
std::string_view StateLabel(std::string_view state);  // Indonesian, e.g. "Berkas lengkap"
// The permission moving a case from `from` to `to` needs; nullopt when the move is not allowed.
std::optional<auth::Permission> TransitionPermission(std::string_view from, std::string_view to);
bool IsClosed(std::string_view state);  // paid or rejected

// --- Heirs ------------------------------------------------------------------------------------
// 1 spouse or child, 2 parents, 3 grandchildren, 4 grandparents, 5 siblings, 6 parents-in-law,
// 7 the person named in a will; 0 for an unknown relation.
int HeirClass(std::string_view relation);
std::string_view RelationLabel(std::string_view relation);  // Indonesian, e.g. "Anak"
// Refuses (InvalidArgument, Indonesian) heirs of a later class while a closer one is named, an
// unknown relation, a NIK that is not 16 digits, shares that do not make 100 % (all 0: equal
// shares), no or two recipients, a recipient without a payout, a bank account of the wrong
// form. A school level only for a child.
Status CheckHeirs(const std::vector<storage::HeirRecord>& heirs);
// Shares in basis points, filled equally (the last takes the remainder) when all are 0.
std::vector<storage::HeirRecord> WithShares(std::vector<storage::HeirRecord> heirs);
// Digits only, of the bank's length (BRI 15, Mandiri 13, BNI/BCA/BSI/Bank Jatim 10, BTN 16;
// another bank 8 to 20 digits).
Status CheckBankAccount(std::string_view bank, std::string_view account_no);

// --- Dossier ----------------------------------------------------------------------------------
struct DocumentRequirement {
  std::string kind;   // e.g. "akta_kematian"
  std::string label;  // Indonesian
  bool required = true;
};
// What the case needs: for every case the card, the member's KTP and the KK; for a death the
// death certificate, the heirship certificate and each heir's KTP; the marriage book when a
// spouse is an heir; the bank book when the money goes to an account; for JKK the accident
// report (made within 2 × 24 hours).
std::vector<DocumentRequirement> Checklist(std::string_view kind, std::string_view outcome,
                                           const std::vector<storage::HeirRecord>& heirs);
// The required kinds not yet uploaded or seen on paper.
std::vector<std::string> MissingDocuments(const std::vector<DocumentRequirement>& checklist,
                                          const std::vector<storage::ClaimDocumentRecord>& docs);

// --- Clock ------------------------------------------------------------------------------------
// A regency's targets (settings) and BPJS's own rule (policy: 3 working days to pay).
struct ClockTargets {
  int detect_days = 30;      // from the event to the case being opened
  int dossier_days = 14;     // from the case to a complete dossier
  int submit_days = 3;       // from a complete dossier to the branch
  int pay_working_days = 3;  // from submission to payment (BPJS)
};
Result<ClockTargets> ClockTargetsFromJson(std::string_view json);  // "" -> defaults
std::string ClockTargetsToJson(const ClockTargets& targets);

// Monday to Friday after `from` up to and including `to` (public holidays are not known).
int WorkingDaysBetween(std::chrono::sys_days from, std::chrono::sys_days to);

struct StageClock {
  std::string stage;     // "detect", "dossier", "submit", "pay"
  std::string from, to;  // ISO dates; `to` "" while the stage runs
  int days = 0;          // calendar days (working days for "pay")
  int target = 0;
  bool overdue = false;
};
struct ClaimClock {
  std::vector<StageClock> stages;  // the stages reached, in order
  bool overdue = false;            // the running stage is past its target
  int days_to_payment = -1;        // event to payment, once paid
};
ClaimClock ClockOf(const storage::ClaimRecord& claim,
                   const std::vector<storage::ClaimEventRecord>& events,
                   const ClockTargets& targets, std::chrono::sys_days today);

}  // namespace jaring::services::claims
