// ClaimRepository: death (JKM) and work-accident (JKK) cases, their state changes, heirs,
// dossier documents and the regency's clock targets (issue 15; migration 0015).
//
// It exists only inside a Transaction (Transaction::Claims()); each call runs inside a
// savepoint. Storage keeps what the claim service decided (states, amounts, who the heirs are)
// and checks only shapes and its constraints: one case per worker, kind and event date
// (AlreadyExists), known kinds, states and relations (InvalidArgument).
//
// Tenancy: every call but RegencyOf names the regency ("NN.NN") and never reads or changes
// another regency's rows. Dates are "YYYY-MM-DD". Failures are values: InvalidArgument,
// NotFound, AlreadyExists, Unavailable, Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct ClaimRecord {
  std::int64_t id = 0;  // assigned by Insert
  std::string regency_code;
  std::int64_t worker_id = 0;
  std::string kind;     // "jkm" | "jkk"
  std::string outcome;  // "death" | "total_disability" | "injury"
  std::string event_date, reported_on;
  std::string source;  // "verval" | "operator" | "branch"
  std::string reporter;
  std::string state = "reported";
  std::int64_t program_id = 0;  // the program whose cover the case rests on (0: none)
  std::string kpj;
  bool eligible = false;
  std::int64_t expected_total = 0;
  std::string quote_json = "{}";  // eligibility and benefit at the event date
  std::string failure_cause;      // "" | "arrears" | "coverage_ended" | "late_enrolment"
  std::string decision_reason;
  std::int64_t approved_amount = 0, paid_amount = 0;
  std::string paid_on, payment_reference, actor;
  std::int64_t created_at_us = 0;   // 0 on insert: the Database clock's now
  std::int64_t stage_since_us = 0;  // when the case entered its state; 0 on insert: now
  friend bool operator==(const ClaimRecord&, const ClaimRecord&) = default;
};

struct ClaimEventRecord {
  std::int64_t seq = 0;  // assigned by AddEvent, 1 first
  std::string from_state, to_state, note, actor;
  std::int64_t at_us = 0;  // 0: the Database clock's now
  friend bool operator==(const ClaimEventRecord&, const ClaimEventRecord&) = default;
};

struct HeirRecord {
  std::int64_t heir_no = 0;  // 1.. in the order given
  std::string name, nik;
  std::string relation;      // spouse, child, parent, grandchild, grandparent, sibling,
                             // parent_in_law, will
  int share_bp = 0;          // of the benefit, basis points
  std::string school_level;  // a child in school: tk_sd | smp | sma | perguruan_tinggi
  bool recipient = false;    // receives the money for all
  std::string payout;        // "" | "bank" | "cash"
  std::string bank, account_no, account_name, actor;
  friend bool operator==(const HeirRecord&, const HeirRecord&) = default;
};

struct ClaimDocumentRecord {
  std::string doc_kind;  // a checklist code, e.g. "akta_kematian"
  std::string state;     // "uploaded" | "seen_on_paper"
  std::string file_name, content_type;
  std::int64_t size_bytes = 0;
  std::string sha256, checked_by;
  std::int64_t checked_at_us = 0;  // 0: now
  friend bool operator==(const ClaimDocumentRecord&, const ClaimDocumentRecord&) = default;
};

// Who a case is about, as a list of cases shows them.
struct ClaimWorkerRecord {
  std::string name, village_code, nik;
  friend bool operator==(const ClaimWorkerRecord&, const ClaimWorkerRecord&) = default;
};

class ClaimRepository {
 public:
  virtual ~ClaimRepository() = default;
  virtual Result<ClaimRecord> Insert(const ClaimRecord& claim) = 0;
  // Writes every column but id, regency, worker, kind, event date and created_at.
  virtual Status Update(const ClaimRecord& claim) = 0;
  virtual Result<ClaimRecord> Get(std::string_view regency_code, std::int64_t id) = 0;
  virtual Result<std::optional<ClaimRecord>> Find(std::string_view regency_code,
                                                  std::int64_t worker_id, std::string_view kind,
                                                  std::string_view event_date) = 0;
  // The regency's cases, newest first; of one state when given.
  virtual Result<std::vector<ClaimRecord>> List(std::string_view regency_code,
                                                std::optional<std::string> state) = 0;
  // The cases of one worker, oldest event first.
  virtual Result<std::vector<ClaimRecord>> OfWorker(std::string_view regency_code,
                                                    std::int64_t worker_id) = 0;

  virtual Result<ClaimEventRecord> AddEvent(std::string_view regency_code, std::int64_t claim_id,
                                            const ClaimEventRecord& event) = 0;
  // One case's events, by seq.
  virtual Result<std::vector<ClaimEventRecord>> Events(std::string_view regency_code,
                                                       std::int64_t claim_id) = 0;

  // For a list or report of many cases, each in one statement instead of one per case (of one
  // state when given, as List): the events by case id, then seq; who each case is about, by
  // worker id; how many heirs each case names, by case id (cases without heirs absent).
  virtual Result<std::map<std::int64_t, std::vector<ClaimEventRecord>>> EventsOfCases(
      std::string_view regency_code, std::optional<std::string> state) = 0;
  virtual Result<std::map<std::int64_t, ClaimWorkerRecord>> WorkersOfCases(
      std::string_view regency_code, std::optional<std::string> state) = 0;
  virtual Result<std::map<std::int64_t, std::int64_t>> HeirCounts(
      std::string_view regency_code) = 0;

  virtual Status ReplaceHeirs(std::string_view regency_code, std::int64_t claim_id,
                              const std::vector<HeirRecord>& heirs) = 0;
  virtual Result<std::vector<HeirRecord>> Heirs(std::string_view regency_code,
                                                std::int64_t claim_id) = 0;

  // Stores the document of its kind, replacing an earlier one of the same kind.
  virtual Status PutDocument(std::string_view regency_code, std::int64_t claim_id,
                             const ClaimDocumentRecord& document) = 0;
  virtual Result<std::vector<ClaimDocumentRecord>> Documents(std::string_view regency_code,
                                                             std::int64_t claim_id) = 0;

  // The regency's clock targets as JSON ("" when never set).
  virtual Result<std::string> Settings(std::string_view regency_code) = 0;
  virtual Status PutSettings(std::string_view regency_code, std::string_view json,
                             std::string_view actor) = 0;

  // The worker's recorded death date ("" when none); NotFound when the regency has no such worker.
  virtual Result<std::string> DeathDate(std::string_view regency_code, std::int64_t worker_id) = 0;

  // The regency a case belongs to, nullopt when there is none (`jaring claim show ID`).
  virtual Result<std::optional<std::string>> RegencyOf(std::int64_t claim_id) = 0;
};

}  // namespace jaring::storage
