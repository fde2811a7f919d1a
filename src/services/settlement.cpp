// Design notes
//  - The settled list is the registry's persons on the list (status neither 'meninggal' nor
//    'dikeluarkan') at settlement: one surviving record per person once duplicates are merged,
//    so its size is the month's count of distinct persons.
//  - The run must be current: a record on the list changed (or added) after the month's newest
//    run started was not verified; decisions only take records off the list, so they never make
//    the run stale.
//  - Removal reasons come from the registry: 'meninggal' is "died", 'dikeluarkan' carries the
//    finding kind that removed it (removed_reason), or "removed" for a person's own edit.
//  - The berita acara is rendered once, inside the settlement's transaction, and stored with its
//    checksum: the signed document is kept, not re-rendered from data that may change later.
#include "services/settlement.hpp"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "formats/xlsx_writer.hpp"
#include "services/claim_service.hpp"
#include "services/dashboard_service.hpp"
#include "services/monev_snapshot.hpp"
#include "services/policy_service.hpp"
#include "services/verval_findings.hpp"
#include "services/verval_minutes.hpp"
#include "services/verval_review.hpp"
#include "services/verval_view_of.hpp"

namespace jaring::services {
namespace {

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::int64_t MicrosOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

std::string Blake2bHex(std::string_view bytes) {
  JARING_ASSERT(sodium_init() >= 0, "libsodium must start");
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool OnList(domain::WorkerStatus status) {
  return status != domain::WorkerStatus::kDeceased && status != domain::WorkerStatus::kRemoved;
}

std::string RemovalReason(const storage::RegistryRecord& r) {
  if (r.worker.status == domain::WorkerStatus::kDeceased) return "died";
  return r.removed_reason.empty() ? "removed" : r.removed_reason;
}

// The persons of the list broken down as the dashboard shows them, counted once at settlement
// (the dashboard then reads one row, however large the regency): by district, occupation, sex
// and age band on the month's last day.
nlohmann::json Breakdown(const std::vector<const storage::RegistryRecord*>& persons,
                         std::chrono::year_month_day last_day) {
  std::map<std::string, std::uint64_t> district, occupation, sex, age;
  for (const storage::RegistryRecord* r : persons) {
    const domain::Worker& w = r->worker;
    const auto dot = w.village_code.rfind('.');
    ++district[dot == std::string::npos ? std::string() : w.village_code.substr(0, dot)];
    ++occupation[w.occupation];
    ++sex[std::string(domain::ToCode(w.sex))];
    ++age[w.birth_date.ok() ? std::to_string(domain::AgeInYears(w.birth_date, last_day)) : "?"];
  }
  return {{"district", district}, {"occupation", occupation}, {"sex", sex}, {"age", age}};
}

nlohmann::ordered_json CountsJson(const MonthCounts& c) {
  nlohmann::ordered_json removed = nlohmann::ordered_json::object();
  for (const auto& [reason, n] : c.removed) removed[reason] = n;
  return {{"start", c.start}, {"added", c.added}, {"removed", removed}, {"end", c.end}};
}

std::string DateOf(std::int64_t micros) {
  const auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(micros)));
  return domain::FormatDateIndonesian(std::chrono::year_month_day(day));
}

std::string_view ExtractKindLabel(std::string_view kind) {
  return kind == "deaths" ? "Daftar kematian (Dukcapil)" : "Daftar kepesertaan BPJS";
}

}  // namespace

nlohmann::ordered_json SettleReportToJson(const SettleReport& report) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  json["period"] = report.month.period;
  json["version"] = report.month.version;
  json["persons"] = report.month.persons;
  json["checksum"] = report.month.checksum;
  json["counts"] = CountsJson(report.counts);
  json["claims_opened"] = report.claims_opened;
  return json;
}

Result<MonthCounts> CountsFromJson(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) return Fail(Error::Internal("rekap bulan rusak"));
  MonthCounts c;
  c.start = json.value("start", std::uint64_t{0});
  c.added = json.value("added", std::uint64_t{0});
  c.end = json.value("end", std::uint64_t{0});
  if (json.contains("removed") && json["removed"].is_object()) {
    for (const auto& [reason, n] : json["removed"].items())
      c.removed[reason] = n.get<std::uint64_t>();
  }
  return c;
}

Settlement::Settlement(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                       const domain::RegionIndex* regions)
    : db_(db),
      trail_(trail),
      clock_(clock),
      regions_(regions != nullptr ? *regions : domain::RegionIndex::Embedded()) {}

Result<SettleReport> Settlement::Settle(const SettleRequest& request) {
  const domain::Region* regency = regions_.Find(request.regency_code);
  if (regency == nullptr || regency->level != domain::RegionLevel::kRegency) {
    return Fail(
        Error::InvalidArgument("Kode kabupaten/kota tidak dikenal: " + request.regency_code));
  }
  if (!domain::Period::Parse(request.period)) {
    return Fail(Error::InvalidArgument("Periode harus berbentuk YYYY-MM: " + request.period));
  }
  auto begun = db_.Begin();
  if (!begun) return Fail(std::move(begun.error()));
  storage::Transaction& tx = **begun;
  storage::VervalRepository& repo = tx.Verval();
  const std::string& regency_code = request.regency_code;

  auto latest = repo.LatestRun(regency_code, request.period);
  if (!latest) return Fail(std::move(latest.error()));
  if (!*latest) return Fail(Error::FailedPrecondition("Verval bulan ini belum dijalankan"));
  const storage::VervalRun run = **latest;
  // A new version of a settled month comes from a new run: the same run settled twice would
  // only repeat the version before it.
  auto newest = repo.LatestSettled(regency_code, request.period);
  if (!newest) return Fail(std::move(newest.error()));
  if (*newest && (*newest)->run_id == run.id) {
    return Fail(Error::FailedPrecondition("Bulan ini sudah ditetapkan (versi " +
                                              std::to_string((*newest)->version) +
                                              "); jalankan verval lagi untuk menetapkan versi baru",
                                          "already settled from run " + std::to_string(run.id)));
  }

  storage::FindingFilter open;
  open.period = request.period;
  open.state = "open";
  open.run_id = run.id;
  auto open_counts = repo.CountFindings(regency_code, open);
  if (!open_counts) return Fail(std::move(open_counts.error()));
  std::uint64_t blocking = 0;
  for (const auto& [kind, states] : *open_counts) {
    if (!IsBlockingKind(kind)) continue;
    for (const auto& [state, n] : states) blocking += n;
  }
  if (blocking > 0) {
    return Fail(Error::FailedPrecondition(
        "Masih ada " + std::to_string(blocking) + " temuan yang belum diputuskan",
        "open blocking findings"));
  }

  // The registry now: who is on the list, and whether the run still describes it.
  std::vector<storage::RegistryRecord> registry;
  std::vector<std::int64_t> on_list;
  if (auto ok = repo.ForEachRegistryRecord(regency_code,
                                           [&](const storage::RegistryRecord& r) {
                                             registry.push_back(r);
                                             return true;
                                           });
      !ok) {
    return Fail(ok.error());
  }
  for (const auto& r : registry) {
    if (!OnList(r.worker.status)) continue;
    if (r.updated_at_us > run.started_at_us) {
      return Fail(Error::FailedPrecondition(
          "Data pekerja berubah setelah verval dijalankan; jalankan verval lagi",
          "worker " + std::to_string(r.worker.id) + " changed after run " +
              std::to_string(run.id)));
    }
    on_list.push_back(r.worker.id);
  }
  std::ranges::sort(on_list);

  // Compared with the previous settled month.
  auto previous = repo.PreviousSettled(regency_code, request.period);
  if (!previous) return Fail(std::move(previous.error()));
  std::unordered_set<std::int64_t> before;
  if (!*previous) {
    // The first settled month opens from the list as the run read it, so that its minutes show
    // what the cleaning took off (the dead, the duplicates, ...): who was on it then is either
    // still on it or was taken off by this month's decisions, after the run began.
    for (const auto& r : registry) {
      if (OnList(r.worker.status) || r.updated_at_us >= run.started_at_us) {
        before.insert(r.worker.id);
      }
    }
  } else {
    if (auto ok = repo.ForEachSettledMember(regency_code, (*previous)->id,
                                            [&](std::int64_t id) {
                                              before.insert(id);
                                              return true;
                                            });
        !ok) {
      return Fail(ok.error());
    }
  }
  MonthCounts counts;
  counts.start = before.size();
  counts.end = on_list.size();
  MinutesContent minutes;
  std::unordered_map<std::int64_t, const storage::RegistryRecord*> by_id;
  for (const auto& r : registry) by_id[r.worker.id] = &r;
  auto person = [&](const storage::RegistryRecord& r, std::string reason) {
    const domain::Region* village = regions_.Find(r.worker.village_code);
    return MinutesPerson{
        r.worker.name, village != nullptr ? village->name : r.worker.village_code,
        r.source_id.empty() ? "jaring:" + std::to_string(r.worker.id) : r.source_id,
        std::move(reason)};
  };
  const std::unordered_set<std::int64_t> now(on_list.begin(), on_list.end());
  std::vector<std::pair<std::int64_t, std::string>> deaths;  // taken off as died: JKM cases
  for (const auto id : on_list) {
    if (before.contains(id)) continue;
    ++counts.added;
    minutes.added.push_back(person(*by_id.at(id), ""));
  }
  for (const auto id : before) {
    if (now.contains(id)) continue;
    const auto it = by_id.find(id);
    const std::string reason = it == by_id.end() ? "removed" : RemovalReason(*it->second);
    ++counts.removed[reason];
    if (reason == "died") deaths.emplace_back(id, it->second->death_date);
    if (it != by_id.end())
      minutes.removed.push_back(person(*it->second, std::string(KindLabel(reason))));
  }
  std::ranges::sort(minutes.added, {}, &MinutesPerson::name);
  std::ranges::sort(minutes.removed, {}, &MinutesPerson::name);

  // The sources behind the list: the month's extracts the run used, and the lists imported
  // since the previous settlement.
  nlohmann::json sources = nlohmann::json::array();
  const auto inputs = nlohmann::json::parse(run.inputs_json, nullptr, false);
  std::unordered_set<std::int64_t> used;
  if (inputs.is_object() && inputs.contains("extract_batches")) {
    for (const auto& id : inputs["extract_batches"]) used.insert(id.get<std::int64_t>());
  }
  auto extracts = repo.ListExtractBatches(regency_code, request.period, 1000);
  if (!extracts) return Fail(std::move(extracts.error()));
  for (const auto& b : *extracts) {
    if (!used.contains(b.id)) continue;
    minutes.sources.push_back({std::string(ExtractKindLabel(b.kind)), b.file_name,
                               DateOf(b.created_at_us), b.read, b.checksum});
  }
  auto lists = tx.Imports().ListBatches(regency_code, 1000);
  if (!lists) return Fail(std::move(lists.error()));
  const std::int64_t since = *previous ? (*previous)->settled_at_us : 0;
  for (const auto& b : *lists) {
    if (b.created_at_us <= since || b.created_at_us > run.started_at_us) continue;
    minutes.sources.push_back(
        {"Daftar " + b.source, b.file_name, DateOf(b.created_at_us), b.read, b.checksum});
  }
  for (const auto& s : minutes.sources) {
    sources.push_back({{"kind", s.kind},
                       {"file_name", s.file_name},
                       {"imported", s.imported},
                       {"rows", s.rows},
                       {"checksum", s.checksum}});
  }

  // The month's findings and their decisions, for the minutes.
  std::map<std::string, std::set<std::int64_t>> overlapping;  // other regency -> workers
  storage::FindingFilter month;
  month.period = request.period;
  if (auto ok = repo.ForEachFinding(regency_code, month,
                                    [&](const storage::Finding& f) {
                                      if (!BelongsToMonth(f, run.id)) return true;
                                      ++minutes.findings[f.kind][f.state];
                                      // Registered by another regency and still on the list:
                                      // the overlap the province counts.
                                      if (f.kind == finding_kinds::kOtherRegency &&
                                          !f.other_regency.empty() && now.contains(f.worker_id))
                                        overlapping[f.other_regency].insert(f.worker_id);
                                      return true;
                                    });
      !ok) {
    return Fail(ok.error());
  }

  std::string ids;
  for (const auto id : on_list) ids += std::to_string(id) + "\n";
  storage::SettledMonth settled;
  settled.regency_code = regency_code;
  settled.period = request.period;
  settled.run_id = run.id;
  settled.actor = request.actor.name;
  settled.settled_at_us = MicrosOf(clock_.Now());
  settled.persons = on_list.size();
  settled.rows_listed = registry.size();
  settled.checksum = Blake2bHex(ids);
  std::vector<const storage::RegistryRecord*> persons;
  for (const auto id : on_list) persons.push_back(by_id.at(id));
  nlohmann::json counts_json = CountsJson(counts);
  counts_json["breakdown"] = Breakdown(persons, domain::Period::Parse(request.period)->LastDay());
  settled.counts_json = Dump(counts_json);
  settled.sources_json = Dump(sources);
  auto stored = repo.InsertSettled(settled, on_list);
  if (!stored) return Fail(std::move(stored.error()));
  std::map<std::string, std::int64_t> overlaps;
  for (const auto& [other, workers] : overlapping)
    overlaps[other] = static_cast<std::int64_t>(workers.size());
  if (auto counted = monev::CountSettled(tx, *stored, registry, on_list, overlaps); !counted)
    return Fail(counted.error());

  minutes.regency_name = regency->name;
  minutes.period = request.period;
  minutes.version = stored->version;
  minutes.settled_at =
      std::chrono::floor<std::chrono::seconds>(std::chrono::sys_time<std::chrono::microseconds>(
          std::chrono::microseconds(settled.settled_at_us)));
  minutes.settled_by = request.actor.name;
  minutes.list_checksum = settled.checksum;
  minutes.counts = counts;
  auto pdf = RenderMinutes(minutes);
  if (!pdf) return Fail(std::move(pdf.error()));
  const std::string pdf_checksum = Blake2bHex(*pdf);
  if (auto ok = repo.SetMinutes(regency_code, stored->id, pdf_checksum, *pdf); !ok) {
    return Fail(ok.error());
  }
  stored->minutes_checksum = pdf_checksum;

  // The deaths of the month open their heirs' JKM cases in the same unit of work.
  std::ranges::sort(deaths);
  auto policy_rows = tx.Policy().List();
  if (!policy_rows) return Fail(std::move(policy_rows.error()));
  auto book = BookOf(*policy_rows);
  if (!book) return Fail(std::move(book.error()));
  auto opened =
      ClaimService::OpenDeathCases(tx, trail_, *book, regency_code, deaths, request.period,
                                   request.actor, domain::FormatIsoDate(TodayInWib(clock_)));
  if (!opened) return Fail(std::move(opened.error()));

  SettleReport report{ViewOf(*stored), counts, std::move(*pdf), *opened};
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = SettleReportToJson(report);
    after["minutes_checksum"] = pdf_checksum;
    auto event = AuditEvent::By(request.actor, auth::AuditAction::kCreate, "settled_month",
                                std::to_string(stored->id), regency_code, "", Dump(after));
    if (auto ok = trail_->Append(tx, event); !ok) return Fail(ok.error());
  }
  if (auto ok = tx.Commit(); !ok) return Fail(ok.error());
  return report;
}

Result<std::vector<MonthFlow>> Settlement::History(std::string_view regency_code) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto months = (*tx)->Verval().ListSettled(regency_code);
  if (!months) return Fail(std::move(months.error()));
  std::vector<MonthFlow> flows;
  for (auto& m : *months) {
    auto counts = CountsFromJson(m.counts_json);
    if (!counts) return Fail(std::move(counts.error()));
    flows.push_back({ViewOf(m), std::move(*counts)});
  }
  return flows;
}

Result<std::optional<SettledSummary>> Settlement::Newest(std::string_view regency_code) const {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto month = (*tx)->Verval().PreviousSettled(regency_code, "");
  if (!month) return Fail(std::move(month.error()));
  if (!*month) return std::optional<SettledSummary>();
  SettledSummary out;
  out.month = ViewOf(**month);
  const auto json = nlohmann::json::parse(out.month.counts_json, nullptr, false);
  if (json.is_object() && json.contains("breakdown") && json["breakdown"].is_object()) {
    for (const auto& [dimension, counts] : json["breakdown"].items()) {
      for (const auto& [key, n] : counts.items()) {
        out.breakdown[dimension][key] = n.get<std::uint64_t>();
      }
    }
  }
  return std::optional(std::move(out));
}

Result<SettledMonthView> Settlement::Get(std::string_view regency_code, std::string_view period) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto month = (*tx)->Verval().LatestSettled(regency_code, period);
  if (!month) return Fail(std::move(month.error()));
  if (!*month) return Fail(Error::NotFound("Bulan ini belum ditetapkan"));
  return ViewOf(**month);
}

Result<std::string> Settlement::Minutes(std::string_view regency_code, std::string_view period) {
  auto month = Get(regency_code, period);
  if (!month) return Fail(std::move(month.error()));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  return (*tx)->Verval().GetMinutes(regency_code, month->id);
}

Status Settlement::FindingsXlsx(std::string_view regency_code, std::string_view period,
                                const std::filesystem::path& out) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::VervalRepository& repo = (*tx)->Verval();
  auto run = repo.LatestRun(regency_code, period);
  if (!run) return Fail(std::move(run.error()));
  if (!*run) return Fail(Error::FailedPrecondition("Verval bulan ini belum dijalankan"));
  std::unordered_map<std::int64_t, storage::RegistryRecord> registry;
  if (auto ok = repo.ForEachRegistryRecord(regency_code,
                                           [&](const storage::RegistryRecord& r) {
                                             registry.emplace(r.worker.id, r);
                                             return true;
                                           });
      !ok) {
    return ok;
  }
  auto writer = formats::XlsxWriter::Create(out.string());
  if (!writer) return Fail(writer.error());
  using formats::XlsxColumnKind;
  if (auto ok = writer->AddSheet("Temuan", {{"No. temuan", XlsxColumnKind::kInteger},
                                            {"Jenis"},
                                            {"ID sumber"},
                                            {"NIK"},
                                            {"Nama"},
                                            {"Data lain / kabupaten lain"},
                                            {"Keyakinan", XlsxColumnKind::kNumber, 0, "0.000"},
                                            {"Tindakan"},
                                            {"Usulan"},
                                            {"Keputusan"},
                                            {"Oleh"},
                                            {"Alasan"}});
      !ok) {
    return ok;
  }
  storage::FindingFilter filter;
  filter.period = period;
  if (auto ok = repo.ForEachFinding(
          regency_code, filter,
          [&](const storage::Finding& f) {
            if (!BelongsToMonth(f, (*run)->id)) return true;
            const auto it = registry.find(f.worker_id);
            const storage::RegistryRecord* r = it == registry.end() ? nullptr : &it->second;
            std::string other = f.other_regency;
            if (IsClusterKind(f.kind)) {
              for (const auto id : ClusterOf(f)) {
                if (id == f.worker_id) continue;
                const auto o = registry.find(id);
                if (!other.empty()) other += "; ";
                other += o == registry.end() ? std::to_string(id) : o->second.worker.name;
              }
            } else if (f.extract_row_id) {
              auto row = repo.GetExtractRow(regency_code, *f.extract_row_id);
              if (row) other = row->name + " (" + row->row_key + ")";
            }
            writer->Integer(f.id).Text(KindLabel(f.kind));
            writer->Text(r ? r->source_id : "").Text(r ? r->worker.nik : "");
            writer->Text(r ? r->worker.name : "").Text(other).Number(f.confidence);
            writer->Text(f.action == "automatic" ? "otomatis" : "ditinjau").Text(f.proposal);
            writer->Text(StateLabel(f.state)).Text(f.decided_by).Text(f.reason);
            writer->EndRow();
            return true;
          });
      !ok) {
    return ok;
  }
  return writer->Close();
}

}  // namespace jaring::services
