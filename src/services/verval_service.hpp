// VervalService: the monthly verification run (issue 12). For one regency and month it runs the
// matching engine over the stored registry and the month's extracts and stores what it finds.
//
//   VervalService verval(db, &trail, clock);
//   auto report = verval.Run({.regency_code = "35.14", .period = "2025-10", .actor = actor});
//   // report->findings["died"], report->automatic, report->to_review
//
// A run, in order:
//   1. reads (one transaction) the regency's workers, the month's death and membership extracts,
//      the regency's settings and labelled pairs, the last settled month, and the encodings of
//      other regencies' people (services/cross_regency.hpp);
//   2. computes, holding no lock: duplicates (dedupe + clusters, pairs labelled different
//      removed), deaths (one-to-one link), memberships (link; a member with two KPJ numbers is
//      linked twice), other regencies, NIK checks, age in the month, domicile, changes since the
//      last settled month; each finding with the engine's evidence, a confidence, a proposal and
//      whether it applies itself (VervalSettings; deaths only when certain);
//   3. stores (one transaction) the run, its findings (a finding seen before keeps its
//      decision), and applies the automatic ones through ApplyDecision.
// Killed anywhere, the database keeps the previous state; the same inputs give the same findings.
// Thread safety: one run per regency at a time (a second waits for the write lock).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"
#include "services/audit_trail.hpp"
#include "services/verval_settings.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct VervalRunRequest {
  std::string regency_code;
  std::string period;  // "2025-10"
  Actor actor = Actor::ForCli("");
  int threads = 0;  // the engine's; 0 = every core
};

struct VervalRunReport {
  std::int64_t run_id = 0;
  std::map<std::string, std::uint64_t> findings;  // kind -> findings this run produced
  std::uint64_t automatic = 0;                    // of them, applied by the run
  std::uint64_t to_review = 0;                    // of them, open and waiting for a person
  std::uint64_t workers = 0;              // registry records on the list when the run read it
  std::uint64_t deaths = 0, members = 0;  // extract rows used
  bool trained_from_labels = false;
  // The groups of findings taken unchanged from the month's last run, whose inputs have not
  // changed since ("duplicates", "deaths", "members"; verval_reuse.hpp).
  std::vector<std::string> reused;
  double seconds = 0;
};

// {"findings":{"duplicate":N,...every kind...},"automatic":N,"to_review":N,"reused":[...]}
nlohmann::ordered_json RunReportToJson(const VervalRunReport& report);

class VervalService {
 public:
  // db, trail (may be null), clock must outlive it; regions null: the embedded index.
  VervalService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                const domain::RegionIndex* regions = nullptr);

  // Progress: stage ("read", "duplicate", "died", "member", "other", "store") and a fraction.
  using ProgressFn = std::function<void(std::string_view stage, double fraction)>;
  // Errors: InvalidArgument (regency, period); Unavailable / Internal from storage.
  Result<VervalRunReport> Run(const VervalRunRequest& request, const ProgressFn& progress = {});

  // The regency's settings (defaults when none were saved).
  Result<VervalSettings> Settings(std::string_view regency_code);
  // Stored with an audit entry. InvalidArgument for bad settings.
  Status SaveSettings(std::string_view regency_code, const VervalSettings& settings,
                      const Actor& actor);

 private:
  storage::Database& db_;
  const AuditTrail* trail_;
  const Clock& clock_;
  const domain::RegionIndex& regions_;
};

}  // namespace jaring::services
