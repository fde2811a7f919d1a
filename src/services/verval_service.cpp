// Design notes
//  - Three phases (see the header): read in one transaction, compute holding nothing, write in
//    one transaction. The write phase is the run's unit of work: a run killed before its commit
//    leaves the previous run, findings and decisions as they were.
//  - The engine sees only records on the list (status neither 'meninggal' nor 'dikeluarkan'):
//    a person merged or found dead earlier is not found again. Its ids are "w<worker id>" and
//    "e<extract row id>", the same keys labelled pairs use.
//  - A finding's subject is built from stored ids (worker, extract row), so re-running on the
//    same inputs finds the same subjects and storage keeps their decisions; a pair a person
//    rejected is removed before clustering or linking and never proposed again.
//  - Labelled pairs train the dedupe model once there are enough of each class; the engine
//    trains from labels only when deduplicating, so links always estimate their own model.
//  - Deaths apply themselves only when certain (DeathIsCertain), whatever the settings say: a
//    living worker flagged dead loses cover.
#include "services/verval_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "domain/date_format.hpp"
#include "domain/nik.hpp"
#include "domain/period.hpp"
#include "services/cross_regency.hpp"
#include "services/match_service.hpp"
#include "services/verval_decisions.hpp"
#include "services/verval_findings.hpp"
#include "services/verval_reuse.hpp"

namespace jaring::services {
namespace {

using namespace finding_kinds;
constexpr std::string_view kAutomaticReason = "Diterapkan otomatis menurut pengaturan verval";

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::int64_t MicrosOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

bool OnList(domain::WorkerStatus status) {
  return status != domain::WorkerStatus::kDeceased && status != domain::WorkerStatus::kRemoved;
}

// "w123" / "e45" -> 123 / 45.
std::int64_t KeyId(std::string_view key) { return std::stoll(std::string(key.substr(1))); }

const std::vector<std::string> kRosterHeader = {
    "id",         "nik",     "kk",           "name",       "sex",  "birth_place",
    "birth_date", "address", "village_code", "occupation", "phone"};
const std::vector<std::string> kDeathsHeader = {"id",         "nik",        "name",        "sex",
                                                "birth_date", "death_date", "village_code"};
const std::vector<std::string> kMembersHeader = {"id",         "nik", "name",
                                                 "birth_date", "kpj", "segment"};

matching::RecordTable EmptyTable(const std::vector<std::string>& header) {
  matching::RecordTable table;
  for (std::size_t c = 1; c < header.size(); ++c) table.AddColumn(header[c]);
  return table;
}

void AppendRow(matching::RecordTable& table, std::string_view id,
               std::initializer_list<std::string_view> cells) {
  table.ids.Append(id);
  std::size_t c = 0;
  for (std::string_view cell : cells) table.columns[c++].Append(cell);
}

matching::RecordTable RosterTable(const std::vector<const storage::RegistryRecord*>& list) {
  matching::RecordTable table = EmptyTable(kRosterHeader);
  for (const storage::RegistryRecord* r : list) {
    const domain::Worker& w = r->worker;
    const std::string birth = w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : "";
    AppendRow(
        table, WorkerKey(w.id),
        {w.nik, w.kk, w.name_original.empty() ? w.name : w.name_original, domain::ToCode(w.sex),
         w.birth_place, birth, w.address, w.village_code, w.occupation, w.phone});
  }
  return table;
}

matching::RecordTable ExtractTable(const std::vector<storage::ExtractRow>& rows, bool deaths) {
  matching::RecordTable table = EmptyTable(deaths ? kDeathsHeader : kMembersHeader);
  for (const storage::ExtractRow& r : rows) {
    if (deaths) {
      AppendRow(table, ExtractKey(r.id),
                {r.nik, r.name, r.sex, r.birth_date, r.death_date, r.village_code});
    } else {
      AppendRow(table, ExtractKey(r.id), {r.nik, r.name, r.birth_date, r.kpj, r.segment});
    }
  }
  return table;
}

// Level label of one field in a pair's evidence ("" when the field was not compared).
std::string LevelOf(const nlohmann::json& evidence, std::string_view field) {
  for (const auto& f : evidence["fields"]) {
    if (f["field"] == field) return f["level"].get<std::string>();
  }
  return "";
}

// A death is certain when the NIKs agree exactly, the NIK is a valid one, and the name or the
// birth date agrees as well: only such deaths may apply themselves.
bool DeathIsCertain(const nlohmann::json& evidence, bool worker_nik_valid) {
  if (!worker_nik_valid || LevelOf(evidence, "nik") != "exact") return false;
  const std::string name = LevelOf(evidence, "name");
  return name == "exact" || name == "phonetic" || name == "similar" ||
         LevelOf(evidence, "birth_date") == "exact";
}

// Everything the read phase gathers.
struct Inputs {
  VervalSettings settings;
  std::vector<storage::RegistryRecord> registry;
  std::vector<storage::ExtractRow> deaths, members;
  std::vector<storage::LabelledPair> labels;
  std::optional<storage::SettledMonth> previous;
  std::unordered_set<std::int64_t> previous_members;
  std::optional<storage::VervalRun> last_run;
  std::unique_ptr<CrossRegencyIndex> outside = std::make_unique<CrossRegencyIndex>();
  std::int64_t registry_updated_at_us = 0;  // the newest change of the regency's workers
};

// The run's findings before storing: the stored form plus what the write phase needs.
struct Draft {
  storage::Finding finding;
  bool automatic = false;
};

class RunBuilder {
 public:
  // `reused`: the groups the month's last run computed from the same inputs; they are not
  // computed again (verval_reuse.hpp).
  RunBuilder(const VervalRunRequest& request, Inputs& in, const domain::RegionIndex& regions,
             const VervalService::ProgressFn& progress, std::set<FindingGroup> reused)
      : request_(request),
        in_(in),
        regions_(regions),
        progress_(progress),
        reused_(std::move(reused)),
        period_(*domain::Period::Parse(request.period)) {
    for (const auto& r : in_.registry) {
      if (OnList(r.worker.status)) on_list_.push_back(&r);
      by_id_[r.worker.id] = &r;
    }
    for (const auto& l : in_.labels) {
      if (!l.same) rejected_.insert(l.left_key + "|" + l.right_key);
    }
  }

  Status Build() {
    Report("duplicate", 0.1);
    if (!reused_.contains(FindingGroup::kDuplicates)) {
      if (auto ok = Duplicates(); !ok) return ok;
      NikConflicts();
    }
    Report("died", 0.35);
    if (!reused_.contains(FindingGroup::kDeaths)) {
      if (auto ok = Links(/*deaths=*/true); !ok) return ok;
    }
    Report("member", 0.55);
    if (!reused_.contains(FindingGroup::kMembers)) {
      if (auto ok = Links(/*deaths=*/false); !ok) return ok;
    }
    Report("other", 0.75);
    OtherRegencies();
    PersonChecks();
    Changes();
    return {};
  }

  std::vector<Draft>& drafts() { return drafts_; }
  bool trained_from_labels() const { return trained_; }
  std::uint64_t on_list() const { return on_list_.size(); }

 private:
  void Report(std::string_view stage, double fraction) {
    if (progress_) progress_(stage, fraction);
  }

  bool Rejected(std::string a, std::string b) const {
    if (b < a) std::swap(a, b);
    return rejected_.contains(a + "|" + b);
  }

  Draft& Add(std::string_view kind, std::string subject, std::int64_t worker_id, double confidence,
             nlohmann::json evidence) {
    Draft& d = drafts_.emplace_back();
    storage::Finding& f = d.finding;
    f.regency_code = request_.regency_code;
    f.period = request_.period;
    f.kind = kind;
    f.subject = std::move(subject);
    f.worker_id = worker_id;
    f.confidence = std::round(confidence * 1e6) / 1e6;
    f.proposal = ProposalFor(kind);
    f.blocking = IsBlockingKind(kind);
    f.evidence_json = Dump(evidence);
    d.automatic = in_.settings.IsAutomatic(kind);
    f.action = d.automatic ? "automatic" : "review";
    return d;
  }

  // The survivor of a cluster: a record on the list already enrolled (aktif) before a candidate,
  // one with a valid NIK before one without, then the oldest record.
  std::int64_t Survivor(const std::vector<std::int64_t>& ids) const {
    auto rank = [&](std::int64_t id) {
      const domain::Worker& w = by_id_.at(id)->worker;
      const bool active = w.status == domain::WorkerStatus::kActive;
      return std::tuple(!active, !NikValid(w), id);
    };
    return *std::ranges::min_element(ids, {}, rank);
  }

  bool NikValid(const domain::Worker& w) const {
    return domain::ParseNik(w.nik, &regions_, std::nullopt, period_.LastDay()).ok();
  }

  Status Duplicates() {
    const VervalSettings& s = in_.settings;
    MatchRunOptions run;
    run.threads = request_.threads;
    run.explain = true;
    run.threshold = s.duplicate_threshold;
    std::size_t same = 0, different = 0;
    for (const auto& l : in_.labels) {
      if (l.left_key[0] != 'w' || l.right_key[0] != 'w') continue;
      (l.same ? same : different) += 1;
    }
    if (same >= static_cast<std::size_t>(s.min_labels_per_class) &&
        different >= static_cast<std::size_t>(s.min_labels_per_class)) {
      for (const auto& l : in_.labels) {
        if (l.left_key[0] == 'w' && l.right_key[0] == 'w') {
          run.labels.push_back({l.left_key, l.right_key, l.same});
        }
      }
      trained_ = true;
    }
    auto spec = MatchService::ResolveSpec("", {kRosterHeader});
    if (!spec) return Fail(spec.error());
    auto outcome = MatchService().Dedupe(RosterTable(on_list_), *spec, run);
    if (!outcome) return Fail(outcome.error());
    const auto& table = outcome->left;
    const auto& result = outcome->result;
    // Pairs a person rejected are never proposed again.
    std::vector<matching::ScoredPair> kept;
    std::vector<std::size_t> kept_index;
    for (std::size_t k = 0; k < result.pairs.size(); ++k) {
      const auto& p = result.pairs[k];
      if (Rejected(std::string(table.ids[p.a]), std::string(table.ids[p.b]))) continue;
      kept.push_back(p);
      kept_index.push_back(k);
    }
    const auto cluster_of = matching::ClusterPairs(
        table.rows(), kept, outcome->spec.chain_threshold, outcome->spec.max_cluster_size);
    std::map<std::uint32_t, std::vector<std::uint32_t>> clusters;
    for (std::uint32_t row = 0; row < cluster_of.size(); ++row) {
      clusters[cluster_of[row]].push_back(row);
    }
    // Each cluster's pairs, for its confidence and evidence.
    std::map<std::uint32_t, std::vector<std::size_t>> pairs_of;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      if (cluster_of[kept[k].a] == cluster_of[kept[k].b]) {
        pairs_of[cluster_of[kept[k].a]].push_back(k);
      }
    }
    for (const auto& [root, rows] : clusters) {
      if (rows.size() < 2) continue;
      std::vector<std::int64_t> ids;
      for (auto row : rows) ids.push_back(KeyId(table.ids[row]));
      std::ranges::sort(ids);
      double confidence = 1;
      nlohmann::json pairs = nlohmann::json::array();
      for (std::size_t k : pairs_of[root]) {
        confidence = std::min(confidence, kept[k].probability);
        if (pairs.size() < 10) {
          nlohmann::json e = PairEvidence(result, kept_index[k]);
          e["left"] = KeyId(table.ids[kept[k].a]);
          e["right"] = KeyId(table.ids[kept[k].b]);
          pairs.push_back(std::move(e));
        }
      }
      const std::int64_t survivor = Survivor(ids);
      Draft& d = Add(kDuplicate, ClusterSubject(kDuplicate, ids), survivor, confidence,
                     {{"pairs", std::move(pairs)}, {"survivor", survivor}});
      d.finding.related_json = Dump(ids);
      for (const auto id : ids) {
        if (id != survivor) {
          d.finding.other_worker_id = id;
          break;
        }
      }
    }
    return {};
  }

  // Records on the list sharing one valid NIK that no duplicate finding put together: two
  // people under one NIK, or one person the engine could not call the same (another name).
  void NikConflicts() {
    std::unordered_map<std::int64_t, std::size_t> clustered;  // worker -> its duplicate finding
    for (std::size_t d = 0; d < drafts_.size(); ++d) {
      if (drafts_[d].finding.kind != kDuplicate) continue;
      for (const auto id : ClusterIds(drafts_[d].finding)) clustered[id] = d;
    }
    std::unordered_map<std::string_view, std::vector<std::int64_t>> by_nik;
    for (const storage::RegistryRecord* r : on_list_) {
      const domain::Worker& w = r->worker;
      if (w.nik.size() == 16 && NikValid(w)) by_nik[w.nik].push_back(w.id);
    }
    for (auto& [nik, ids] : by_nik) {
      if (ids.size() < 2) continue;
      const auto first = clustered.find(ids.front());
      const bool together =
          first != clustered.end() && std::ranges::all_of(ids, [&](std::int64_t id) {
            const auto it = clustered.find(id);
            return it != clustered.end() && it->second == first->second;
          });
      if (together) continue;
      // A person already said these records are different people (a rejected duplicate): the
      // pair is not proposed again, under this kind either.
      bool all_rejected = true;
      for (std::size_t i = 0; i < ids.size() && all_rejected; ++i) {
        for (std::size_t j = i + 1; j < ids.size() && all_rejected; ++j) {
          all_rejected = Rejected(WorkerKey(ids[i]), WorkerKey(ids[j]));
        }
      }
      if (all_rejected) continue;
      std::ranges::sort(ids);
      Draft& d = Add(kNikConflict, ClusterSubject(kNikConflict, ids), Survivor(ids), 1.0,
                     {{"nik_shared", true}, {"records", ids.size()}});
      d.finding.related_json = Dump(ids);
      d.finding.other_worker_id = ids.front() == d.finding.worker_id ? ids.back() : ids.front();
    }
  }

  static std::vector<std::int64_t> ClusterIds(const storage::Finding& f) {
    std::vector<std::int64_t> ids;
    for (const auto& id : nlohmann::json::parse(f.related_json))
      ids.push_back(id.get<std::int64_t>());
    return ids;
  }

  Status Links(bool deaths) {
    const auto& rows = deaths ? in_.deaths : in_.members;
    if (rows.empty() || on_list_.empty()) return {};
    const VervalSettings& s = in_.settings;
    MatchRunOptions run;
    run.threads = request_.threads;
    run.explain = true;
    // A person dies once: deaths link one to one. A member may hold two KPJ numbers (two rows
    // of the membership extract), and each is a finding: members link every pair above the
    // threshold.
    run.one_to_one = deaths;
    run.threshold = deaths ? s.death_threshold : s.member_threshold;
    auto spec =
        MatchService::ResolveSpec("", {kRosterHeader, deaths ? kDeathsHeader : kMembersHeader});
    if (!spec) return Fail(spec.error());
    auto outcome =
        MatchService().Link(RosterTable(on_list_), ExtractTable(rows, deaths), *spec, run);
    if (!outcome) return Fail(outcome.error());
    std::unordered_map<std::int64_t, const storage::ExtractRow*> row_by_id;
    for (const auto& r : rows) row_by_id[r.id] = &r;
    const auto& result = outcome->result;
    for (std::size_t k = 0; k < result.pairs.size(); ++k) {
      const auto& p = result.pairs[k];
      const std::string left(outcome->left.ids[p.a]), right(outcome->right.ids[p.b]);
      if (Rejected(left, right)) continue;
      const std::int64_t worker_id = KeyId(left), row_id = KeyId(right);
      const storage::ExtractRow& row = *row_by_id.at(row_id);
      nlohmann::json evidence = PairEvidence(result, k);
      std::string_view kind = kDied;
      if (deaths) {
        evidence["death_date"] = row.death_date;
      } else {
        kind = row.segment == "PU" ? kMemberWage : kMemberOther;
        evidence["kpj"] = row.kpj;
        evidence["segment"] = row.segment;
      }
      const bool certain =
          deaths && DeathIsCertain(evidence, NikValid(by_id_.at(worker_id)->worker));
      Draft& d = Add(kind, PairSubject(kind, worker_id, row_id), worker_id, p.probability,
                     std::move(evidence));
      d.finding.extract_row_id = row_id;
      if (deaths && !certain) {
        d.automatic = false;
        d.finding.action = "review";
      }
    }
    return {};
  }

  void OtherRegencies() {
    if (in_.outside->size() == 0) return;
    for (const storage::RegistryRecord* r : on_list_) {
      const domain::Worker& w = r->worker;
      const std::string birth = w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : "";
      const auto match =
          in_.outside->Find({w.nik, w.name_original.empty() ? w.name : w.name_original,
                             domain::ToCode(w.sex), birth});
      if (!match) continue;
      Draft& d = Add(kOtherRegency, WorkerSubject(kOtherRegency, w.id, match->regency_code), w.id,
                     match->confidence, {{"regency", match->regency_code}, {"rule", match->rule}});
      d.finding.other_regency = match->regency_code;
    }
  }

  // NIK checks, age in the month, domicile: one record at a time.
  void PersonChecks() {
    const AgeRule& age = in_.settings.AgeRuleFor(request_.period);
    const auto last_day = period_.LastDay();
    const std::string prefix = request_.regency_code + ".";
    for (const storage::RegistryRecord* r : on_list_) {
      const domain::Worker& w = r->worker;
      const std::optional<std::chrono::year_month_day> birth =
          w.birth_date.ok() ? std::optional(w.birth_date) : std::nullopt;
      const domain::NikCheck nik = domain::ParseNik(w.nik, &regions_, birth, last_day);
      if (!nik.ok()) {
        nlohmann::json codes = nlohmann::json::array();
        for (const auto issue : nik.issues) codes.push_back(domain::NikIssueCode(issue));
        Add(kInvalidNik, WorkerSubject(kInvalidNik, w.id), w.id, 1.0, {{"issues", codes}});
      } else if (birth) {
        const domain::NikAgreement agreement = domain::NikAgreesWith(*nik.info, w.sex, *birth);
        if (!agreement.ok()) {
          Add(kNikMismatch, WorkerSubject(kNikMismatch, w.id), w.id, 1.0,
              {{"sex_agrees", agreement.sex_agrees},
               {"birth_date_agrees", agreement.birth_date_agrees},
               {"day_month_swapped", agreement.day_month_swapped}});
        }
      }
      if (birth) {
        const int years = domain::AgeInYears(*birth, last_day);
        if (years < age.min_age || years >= age.max_age) {
          Add(kAge, WorkerSubject(kAge, w.id), w.id, 1.0,
              {{"age", years},
               {"min_age", age.min_age},
               {"max_age", age.max_age},
               {"rule_from", age.from_period},
               {"reference", age.reference}});
        }
      }
      if (!w.village_code.empty() && !w.village_code.starts_with(prefix)) {
        Add(kDomicile, WorkerSubject(kDomicile, w.id), w.id, 1.0,
            {{"village_code", w.village_code}});
      }
    }
  }

  // New, removed and changed since the last settled month (none before the first settlement).
  void Changes() {
    if (!in_.previous) return;
    const std::int64_t since = in_.previous->settled_at_us;
    for (const storage::RegistryRecord& r : in_.registry) {
      const bool was = in_.previous_members.contains(r.worker.id);
      const bool is = OnList(r.worker.status);
      std::string_view what;
      if (is && !was && r.worker.id != 0 && r.merged_into == 0) {
        what = "new";
      } else if (was && !is) {
        what = "removed";
      } else if (was && is && r.updated_at_us > since) {
        what = "changed";
      } else {
        continue;
      }
      Add(kChanged, WorkerSubject(kChanged, r.worker.id, what), r.worker.id, 1.0,
          {{"change", what}, {"status", domain::ToCode(r.worker.status)}});
    }
  }

  const VervalRunRequest& request_;
  Inputs& in_;
  const domain::RegionIndex& regions_;
  const VervalService::ProgressFn& progress_;
  std::set<FindingGroup> reused_;
  domain::Period period_;
  std::vector<const storage::RegistryRecord*> on_list_;
  std::unordered_map<std::int64_t, const storage::RegistryRecord*> by_id_;
  std::unordered_set<std::string> rejected_;
  std::vector<Draft> drafts_;
  bool trained_ = false;
};

// A decision's facts from what the run read: the registry and the death extract, both in id
// order as the repository streams them.
DecisionFacts FactsFromInputs(const Inputs& in) {
  return {.worker_status = [&in](std::int64_t id) -> Result<domain::WorkerStatus> {
            const auto found = std::ranges::lower_bound(
                in.registry, id, {}, [](const storage::RegistryRecord& r) { return r.worker.id; });
            if (found == in.registry.end() || found->worker.id != id) {
              return Fail(Error::NotFound("pekerja tidak ditemukan"));
            }
            return found->worker.status;
          },
          .death_date = [&in](std::int64_t id) -> Result<std::string> {
            const auto found = std::ranges::lower_bound(
                in.deaths, id, {}, [](const storage::ExtractRow& r) { return r.id; });
            if (found == in.deaths.end() || found->id != id) {
              return Fail(Error::NotFound("baris ekstrak kematian tidak ditemukan"));
            }
            return found->death_date;
          }};
}

}  // namespace

nlohmann::ordered_json RunReportToJson(const VervalRunReport& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::object();
  for (const auto kind : AllFindingKinds()) {
    const auto it = report.findings.find(std::string(kind));
    findings[std::string(kind)] = it == report.findings.end() ? 0 : it->second;
  }
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  json["findings"] = std::move(findings);
  json["automatic"] = report.automatic;
  json["to_review"] = report.to_review;
  json["reused"] = report.reused;
  return json;
}

VervalService::VervalService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                             const domain::RegionIndex* regions)
    : db_(db),
      trail_(trail),
      clock_(clock),
      regions_(regions != nullptr ? *regions : domain::RegionIndex::Embedded()) {}

Result<VervalSettings> VervalService::Settings(std::string_view regency_code) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto stored = (*tx)->Verval().GetSettings(regency_code);
  if (!stored) return Fail(std::move(stored.error()));
  if (!*stored) return VervalSettings{};
  return SettingsFromJson(**stored);
}

Status VervalService::SaveSettings(std::string_view regency_code, const VervalSettings& settings,
                                   const Actor& actor) {
  const std::string json = SettingsToJson(settings);
  if (auto check = SettingsFromJson(json); !check) return Fail(check.error());
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto before = (*tx)->Verval().GetSettings(regency_code);
  if (!before) return Fail(std::move(before.error()));
  if (auto ok =
          (*tx)->Verval().SaveSettings(regency_code, json, actor.name, MicrosOf(clock_.Now()));
      !ok) {
    return ok;
  }
  if (trail_ != nullptr) {
    auto event = AuditEvent::By(actor, auth::AuditAction::kUpdate, "verval_settings",
                                std::string(regency_code), std::string(regency_code),
                                before->value_or(""), json);
    if (auto ok = trail_->Append(**tx, event); !ok) return ok;
  }
  return (*tx)->Commit();
}

Result<VervalRunReport> VervalService::Run(const VervalRunRequest& request,
                                           const ProgressFn& progress) {
  const domain::Region* regency = regions_.Find(request.regency_code);
  if (regency == nullptr || regency->level != domain::RegionLevel::kRegency) {
    return Fail(
        Error::InvalidArgument("Kode kabupaten/kota tidak dikenal: " + request.regency_code));
  }
  if (!domain::Period::Parse(request.period)) {
    return Fail(Error::InvalidArgument("Periode harus berbentuk YYYY-MM: " + request.period));
  }
  const auto started = std::chrono::steady_clock::now();
  const std::int64_t started_us = MicrosOf(clock_.Now());
  if (progress) progress("read", 0);

  // ---- 1. Read.
  Inputs in;
  {
    auto tx = db_.Begin();
    if (!tx) return Fail(std::move(tx.error()));
    storage::VervalRepository& repo = (*tx)->Verval();
    const std::string& regency_code = request.regency_code;
    auto stored = repo.GetSettings(regency_code);
    if (!stored) return Fail(std::move(stored.error()));
    if (*stored) {
      auto parsed = SettingsFromJson(**stored);
      if (!parsed) return Fail(std::move(parsed.error()));
      in.settings = std::move(*parsed);
    }
    auto keep = [](auto& into) {
      return [&into](const auto& item) {
        into.push_back(item);
        return true;
      };
    };
    if (auto ok = repo.ForEachRegistryRecord(regency_code, keep(in.registry)); !ok) {
      return Fail(ok.error());
    }
    for (const auto& r : in.registry) {
      in.registry_updated_at_us = std::max(in.registry_updated_at_us, r.updated_at_us);
    }
    if (auto ok = repo.ForEachExtractRow(regency_code, "deaths", request.period, keep(in.deaths));
        !ok) {
      return Fail(ok.error());
    }
    if (auto ok = repo.ForEachExtractRow(regency_code, "members", request.period, keep(in.members));
        !ok) {
      return Fail(ok.error());
    }
    if (auto ok = repo.ForEachLabel(regency_code, keep(in.labels)); !ok) return Fail(ok.error());
    auto previous = repo.PreviousSettled(regency_code, request.period);
    if (!previous) return Fail(std::move(previous.error()));
    in.previous = std::move(*previous);
    auto last_run = repo.LatestRun(regency_code, request.period);
    if (!last_run) return Fail(std::move(last_run.error()));
    in.last_run = std::move(*last_run);
    if (in.previous) {
      if (auto ok = repo.ForEachSettledMember(regency_code, in.previous->id,
                                              [&](std::int64_t id) {
                                                in.previous_members.insert(id);
                                                return true;
                                              });
          !ok) {
        return Fail(ok.error());
      }
    }
    if (auto ok = repo.ForEachPersonOutside(
            regency_code,
            [&](const storage::OutsidePerson& p) {
              in.outside->Add(p.regency_code, {p.nik, p.name, p.sex, p.birth_date});
              return true;
            });
        !ok) {
      return Fail(ok.error());
    }
  }

  // Each phase's seconds, logged at the end: where a slow run spends its time.
  auto seconds_since = [](std::chrono::steady_clock::time_point from) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - from).count();
  };
  const double read_s = seconds_since(started);
  const auto compute_started = std::chrono::steady_clock::now();

  // ---- 2. Compute, reusing what the month's last run computed from the same inputs.
  const std::string settings_json = SettingsToJson(in.settings);
  const RunFingerprints fingerprints =
      Fingerprint({in.registry, in.deaths, in.members, in.labels, settings_json});
  const std::set<FindingGroup> reused = in.last_run
                                            ? ReusableGroups(fingerprints, in.last_run->inputs_json)
                                            : std::set<FindingGroup>{};
  RunBuilder builder(request, in, regions_, progress, reused);
  if (auto ok = builder.Build(); !ok) return Fail(ok.error());
  std::vector<Draft>& drafts = builder.drafts();
  in.outside.reset();  // the other regencies' encodings go now

  const double compute_s = seconds_since(compute_started);

  // ---- 3. Store.
  const auto store_started = std::chrono::steady_clock::now();
  if (progress) progress("store", 0.9);
  VervalRunReport report;
  report.workers = builder.on_list();
  report.deaths = in.deaths.size();
  report.members = in.members.size();
  report.trained_from_labels = builder.trained_from_labels();
  if (reused.contains(FindingGroup::kDuplicates)) {
    // The duplicates were computed by the last run: whether its model was trained is its own.
    const auto last = nlohmann::json::parse(in.last_run->inputs_json, nullptr, false);
    report.trained_from_labels = last.is_object() && last.value("trained_from_labels", false);
  }
  for (const FindingGroup group : reused) report.reused.emplace_back(GroupCode(group));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::VervalRepository& repo = (*tx)->Verval();
  storage::VervalRun run;
  run.regency_code = request.regency_code;
  run.period = request.period;
  run.actor = request.actor.name;
  run.started_at_us = started_us;
  nlohmann::json extract_batches = nlohmann::json::array();
  std::set<std::int64_t> batch_ids;
  for (const auto* rows : {&in.deaths, &in.members}) {
    for (const auto& r : *rows) batch_ids.insert(r.batch_id);
  }
  for (const auto id : batch_ids) extract_batches.push_back(id);
  run.inputs_json = Dump({{"workers", in.registry.size()},
                          {"on_list", report.workers},
                          {"registry_updated_at_us", in.registry_updated_at_us},
                          {"deaths", report.deaths},
                          {"members", report.members},
                          {"extract_batches", extract_batches},
                          {"labels", in.labels.size()},
                          {"trained_from_labels", report.trained_from_labels},
                          {"settings", nlohmann::json::parse(settings_json)},
                          {"fingerprints", fingerprints},
                          {"reused", report.reused}});
  auto run_id = repo.InsertRun(run);
  if (!run_id) return Fail(std::move(run_id.error()));
  run.id = report.run_id = *run_id;

  std::vector<storage::Finding> findings;
  findings.reserve(drafts.size());
  for (Draft& d : drafts) {
    d.finding.first_run_id = d.finding.last_run_id = run.id;
    d.finding.state = "open";
    findings.push_back(d.finding);
  }
  auto ids = repo.SaveFindings(findings);
  if (!ids) return Fail(std::move(ids.error()));
  for (const FindingGroup group : reused) {
    for (const std::string_view kind : KindsOf(group)) {
      if (auto ok = repo.CarryFindings(request.regency_code, request.period, in.last_run->id,
                                       run.id, kind);
          !ok) {
        return Fail(ok.error());
      }
    }
  }
  // What this run produced, computed and carried alike.
  storage::FindingFilter of_run;
  of_run.period = request.period;
  of_run.run_id = run.id;
  // Findings matching `filter`, by kind, whatever their state.
  auto count_by_kind = [&](const storage::FindingFilter& filter)
      -> Result<std::map<std::string, std::uint64_t>> {
    auto counts = repo.CountFindings(request.regency_code, filter);
    if (!counts) return Fail(std::move(counts.error()));
    std::map<std::string, std::uint64_t> by_kind;
    for (const auto& [kind, states] : *counts) {
      for (const auto& [state, n] : states) by_kind[kind] += n;
    }
    return by_kind;
  };
  auto total_of = [](const std::map<std::string, std::uint64_t>& by_kind) {
    std::uint64_t total = 0;
    for (const auto& [kind, n] : by_kind) total += n;
    return total;
  };
  auto produced = count_by_kind(of_run);
  if (!produced) return Fail(std::move(produced.error()));
  for (const auto& [kind, n] : *produced) report.findings[kind] += n;
  of_run.action = "automatic";
  auto automatic = count_by_kind(of_run);
  if (!automatic) return Fail(std::move(automatic.error()));
  report.automatic += total_of(*automatic);

  const double save_s = seconds_since(store_started);
  const auto apply_started = std::chrono::steady_clock::now();
  // Apply what applies itself, unless a person decided it already on an earlier run: the
  // stored findings of this run that are still open and automatic, decided together. What the
  // decisions need to know (a worker's status, a death date) comes from the inputs read above;
  // a run holds no lock between reading and storing, so a verifier's decision on the same
  // worker in that window is the one case it cannot see (its own finding's state is checked).
  std::vector<storage::Finding> to_apply;
  storage::FindingFilter automatic_open;
  automatic_open.period = request.period;
  automatic_open.run_id = run.id;
  automatic_open.state = "open";
  automatic_open.action = "automatic";
  if (auto ok = repo.ForEachFinding(request.regency_code, automatic_open,
                                    [&](const storage::Finding& f) {
                                      to_apply.push_back(f);
                                      return true;
                                    });
      !ok) {
    return Fail(ok.error());
  }
  const DecisionFacts facts = FactsFromInputs(in);
  if (auto ok = ApplyDecisions(**tx, trail_, to_apply,
                               {Verdict::kAccept, std::string(kAutomaticReason), std::nullopt},
                               Actor::ForCli("otomatis"), MicrosOf(clock_.Now()), facts);
      !ok) {
    return Fail(ok.error());
  }
  const double apply_s = seconds_since(apply_started);
  storage::FindingFilter open_review;
  open_review.period = request.period;
  open_review.run_id = run.id;
  open_review.state = "open";
  auto open_counts = count_by_kind(open_review);
  if (!open_counts) return Fail(std::move(open_counts.error()));
  report.to_review += total_of(*open_counts);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  run.finished_at_us = MicrosOf(clock_.Now());
  run.counts_json = Dump(RunReportToJson(report));
  if (auto ok = repo.FinishRun(run); !ok) return Fail(ok.error());
  if (trail_ != nullptr) {
    nlohmann::json after = RunReportToJson(report);
    after["period"] = request.period;
    auto event = AuditEvent::By(request.actor, auth::AuditAction::kCreate, "verval_run",
                                std::to_string(run.id), request.regency_code, "", Dump(after));
    if (auto ok = trail_->Append(**tx, event); !ok) return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  if (progress) progress("store", 1.0);
  spdlog::debug(
      R"("event":"verval_run","regency":"{}","period":"{}","run":{},"seconds":{{"read":{:.2f},)"
      R"("compute":{:.2f},"save_findings":{:.2f},"apply_automatic":{:.2f},"total":{:.2f}}})",
      request.regency_code, request.period, run.id, read_s, compute_s, save_s, apply_s,
      seconds_since(started));
  return report;
}

}  // namespace jaring::services
