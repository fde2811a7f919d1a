// Design notes
//  - What a principal sees is decided once per call: auth::NikVisibilityFor(principal, regency)
//    gives the NIK visibility; NIK and KK are shown through auth::NikForList, and the "nik"/"kk"
//    members of audit before/after JSON shown in a worker's history are masked the same way, so
//    the history cannot leak what the list hides. A masked role also gets no birth date or age
//    (the birth year only), no order by NIK or birth date, no age bands and no NIK prefixes:
//    each of those would give the hidden digits back (docs/privacy.md).
//  - Lookups (an unmask, a masked role's whole-NIK search) are counted per user from the audit
//    trail itself (its kUnmask entries) and throttled with auth::Decide: no second record of
//    who looked at what can drift from the first.
//  - Edits are validated by the import's own intake::RowValidator over a one-row "file" whose
//    columns are the canonical fields: the same codes and messages as an import, and the same
//    normalisation (name case, phone "+62...", district from the village code).
//  - A change and its audit entries share one storage::Transaction; exports and unmasks are
//    read first and audited in a transaction that must commit before anything is returned.
//  - An export gathers rows; formats::TableExport writes them as .xlsx or .csv (cell kinds,
//    quoting, formula neutralisation, the temporary file), as every later download will.
#include "services/registry_service.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "domain/occupation.hpp"
#include "formats/table_export.hpp"
#include "intake/issues.hpp"
#include "intake/row_validator.hpp"
#include "services/audit_view.hpp"

namespace jaring::services {
namespace {

using nlohmann::json;

std::chrono::year_month_day Today(const Clock& clock) {
  return TodayInWib(clock);
}

std::string IsoTime(TimePoint at) { return domain::FormatIsoTimestamp(at); }

auth::NikVisibility VisibilityOf(const Actor& actor, std::string_view regency_code) {
  if (!actor.principal) return auth::NikVisibility::kFull;
  return auth::NikVisibilityFor(*actor.principal, regency_code);
}

bool ActorAllows(const Actor& actor, auth::Permission permission, std::string_view regency) {
  return !actor.principal || auth::Allows(*actor.principal, permission, regency);
}

json WorkerJson(const domain::Worker& w) {
  return {{"nik", w.nik},
          {"kk", w.kk},
          {"name", w.name},
          {"name_original", w.name_original},
          {"sex", domain::ToCode(w.sex)},
          {"birth_place", w.birth_place},
          {"birth_date", w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : ""},
          {"address", w.address},
          {"village_code", w.village_code},
          {"occupation", w.occupation},
          {"phone", w.phone},
          {"status", domain::ToCode(w.status)},
          {"source", w.source}};
}

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Parsed list parameters.
struct ParsedList {
  storage::WorkerFilter filter;
  storage::WorkerSort sort = storage::WorkerSort::kName;
  bool descending = false;
};

// `masked`: the caller sees NIKs masked (auth::NikVisibility other than kFull). Such a caller
// may search a NIK only whole (a prefix answered one digit at a time reads the hidden digits
// back), and may not order by NIK or birth date nor bound the birth date by an age band: an
// order or a band boundary over a hidden value shows it through (docs/privacy.md).
Result<ParsedList> ParseList(const RegistryListParams& p, std::chrono::year_month_day today,
                             bool masked) {
  ParsedList out;
  auto bad = [](std::string message, std::string field) {
    return Fail(Error::InvalidArgument(std::move(message), "param=" + std::move(field)));
  };
  std::string q = p.q;
  while (!q.empty() && q.back() == ' ') q.pop_back();
  while (!q.empty() && q.front() == ' ') q.erase(q.begin());
  if (!q.empty()) {
    // Digits are a NIK prefix, also when typed in the groups printed on a KTP ("3514 0101").
    if (std::ranges::all_of(q, [](char c) { return (c >= '0' && c <= '9') || c == ' '; })) {
      std::erase(q, ' ');
      if (q.size() > 16) return bad("NIK paling panjang 16 digit", "q");
      if (masked && q.size() != 16) {
        return bad("Cari NIK dengan 16 digit lengkap (NIK disamarkan untuk peran Anda)", "q");
      }
      out.filter.nik_prefix = q;
    } else {
      out.filter.name = q;
    }
  }
  out.filter.district_code = p.district;
  out.filter.village_code = p.village;
  out.filter.occupation = p.occupation;
  out.filter.source = p.source;
  if (!p.status.empty()) {
    out.filter.status = domain::WorkerStatusFromCode(p.status);
    if (!out.filter.status) return bad("status tidak dikenal", "status");
  }
  if (!p.sex.empty()) {
    if (p.sex != "L" && p.sex != "P") return bad("jenis kelamin harus L atau P", "sex");
    out.filter.sex = domain::SexFromCode(p.sex);
  }
  if (!p.age_band.empty()) {
    if (masked) return bad("Saring menurut umur hanya untuk peran yang melihat NIK", "age_band");
    static constexpr std::array<std::pair<std::string_view, std::pair<int, int>>, 6> kBands = {{
        {"17-24", {17, 25}},
        {"25-34", {25, 35}},
        {"35-44", {35, 45}},
        {"45-54", {45, 55}},
        {"55-64", {55, 65}},
        {"65+", {65, -1}},
    }};
    const auto band = std::ranges::find(kBands, std::string_view(p.age_band),
                                        &std::pair<std::string_view, std::pair<int, int>>::first);
    if (band == kBands.end()) return bad("kelompok umur tidak dikenal", "age_band");
    // age >= a <=> born on or before today - a years; age < b <=> born after today - b years.
    auto years_before = [&](int years) {
      std::chrono::year_month_day date = today - std::chrono::years(years);
      if (!date.ok()) date = date.year() / date.month() / std::chrono::last;  // 29 February
      return date;
    };
    out.filter.born_on_or_before = years_before(band->second.first);
    if (band->second.second > 0) out.filter.born_after = years_before(band->second.second);
  }
  if (p.has_issues == "true") {
    out.filter.has_issues = true;
  } else if (p.has_issues == "false") {
    out.filter.has_issues = false;
  } else if (!p.has_issues.empty()) {
    return bad("has_issues harus true atau false", "has_issues");
  }
  std::string_view sort = p.sort.empty() ? "name" : std::string_view(p.sort);
  out.descending = sort.starts_with('-');
  if (out.descending) sort.remove_prefix(1);
  if (sort == "name") {
    out.sort = storage::WorkerSort::kName;
  } else if (sort == "nik") {
    out.sort = storage::WorkerSort::kNik;
  } else if (sort == "birth_date") {
    out.sort = storage::WorkerSort::kBirthDate;
  } else if (sort == "updated_at") {
    out.sort = storage::WorkerSort::kUpdatedAt;
  } else if (sort == "district") {
    out.sort = storage::WorkerSort::kDistrict;
  } else {
    return bad("urutan tidak dikenal", "sort");
  }
  if (masked &&
      (out.sort == storage::WorkerSort::kNik || out.sort == storage::WorkerSort::kBirthDate)) {
    return bad("Urutan menurut NIK atau tanggal lahir hanya untuk peran yang melihat NIK", "sort");
  }
  return out;
}

// The filters of an export as recorded in its audit entry. A NIK typed as the search term is
// recorded as the registry masks NIKs (the trail's readers see NIKs masked); a name as typed.
json FiltersJson(const RegistryListParams& p) {
  json out = json::object();
  const std::array<std::pair<const char*, const std::string*>, 10> fields = {{
      {"q", &p.q},
      {"district", &p.district},
      {"village", &p.village},
      {"occupation", &p.occupation},
      {"status", &p.status},
      {"source", &p.source},
      {"sex", &p.sex},
      {"age_band", &p.age_band},
      {"has_issues", &p.has_issues},
      {"sort", &p.sort},
  }};
  for (const auto& [name, value] : fields) {
    if (!value->empty()) out[name] = *value;
  }
  if (std::ranges::all_of(p.q, [](char c) { return (c >= '0' && c <= '9') || c == ' '; })) {
    std::string digits = p.q;
    std::erase(digits, ' ');
    if (!digits.empty()) out["q"] = auth::MaskNik(digits);
  } else {
    out["q"] = auth::MaskNikRuns(p.q);
  }
  return out;
}

// The export's columns, in order (the row writer in Export follows it).
std::vector<formats::TableColumn> ExportColumns() {
  using Kind = formats::TableColumnKind;
  return {{"NIK", Kind::kText, 20, true},
          {"KK", Kind::kText, 20, true},
          {"Nama", Kind::kText, 28},
          {"Jenis kelamin"},
          {"Tempat lahir"},
          {"Tanggal lahir", Kind::kDate},
          {"Umur", Kind::kInteger},
          {"Alamat", Kind::kText, 28},
          {"Kode desa"},
          {"Desa/Kelurahan"},
          {"Kecamatan"},
          {"Pekerjaan"},
          {"No. HP"},
          {"Status"},
          {"Sumber"},
          // The id the worker had in the list it came from, under the name scripts look for.
          {"source_id"},
          {"Perlu dicek"},
          {"Diubah"}};
}

// The canonical fields an edit may set, in the column order of the one-row validation file.
constexpr std::array<intake::Field, 10> kEditable = {
    intake::Field::kNik,     intake::Field::kKk,          intake::Field::kName,
    intake::Field::kSex,     intake::Field::kBirthPlace,  intake::Field::kBirthDate,
    intake::Field::kAddress, intake::Field::kVillageCode, intake::Field::kOccupation,
    intake::Field::kPhone};

std::array<std::string, 10> EditableValues(const domain::Worker& w) {
  return {w.nik,
          w.kk,
          w.name_original.empty() ? w.name : w.name_original,
          std::string(domain::ToCode(w.sex)),
          w.birth_place,
          w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : std::string(),
          w.address,
          w.village_code,
          w.occupation,
          w.phone};
}

WorkerIssue IssueOf(const intake::RowIssue& issue) {
  return {issue.code, issue.message, issue.field,
          std::string(intake::SeverityCode(issue.severity))};
}

// The message of a validation note as a masked role reads it: the notes about the birth date
// and the NIK's date or sex quote the values the mask hides, so they get a plain sentence.
std::string MaskedIssueMessage(const WorkerIssue& issue, const RegistrySettings& settings) {
  namespace codes = intake::codes;
  if (issue.code == codes::kAgeOutOfRange) {
    return "Umur di luar rentang program " + std::to_string(settings.min_age) + "-" +
           std::to_string(settings.max_age - 1) + " tahun";
  }
  if (issue.code == codes::kNikBirthdateMismatch) return "Tanggal lahir tidak sesuai NIK";
  if (issue.code == codes::kNikSexMismatch) return "Jenis kelamin tidak sesuai NIK";
  if (issue.code == codes::kDateInvalid) return "Tanggal lahir tidak valid";
  if (issue.code == codes::kDateTwoDigitYear) return "Tahun lahir ditulis 2 digit";
  if (issue.code == codes::kNikFilledBirthdate) return "Tanggal lahir diisi dari NIK";
  return issue.message;
}

}  // namespace

RegistryService::RegistryService(storage::Database& db, const AuditTrail& trail, const Clock& clock,
                                 RegistrySettings settings)
    : db_(db),
      trail_(trail),
      clock_(clock),
      settings_(settings),
      regions_(settings.regions != nullptr ? *settings.regions : domain::RegionIndex::Embedded()) {}

namespace {

WorkerSummary Summarise(const storage::WorkerRecord& record, auth::NikVisibility visibility,
                        const domain::RegionIndex& regions, std::chrono::year_month_day today) {
  const domain::Worker& w = record.worker;
  WorkerSummary out;
  out.id = w.id;
  out.nik = auth::NikForList(w.nik, visibility);
  out.nik_masked = visibility != auth::NikVisibility::kFull;
  out.name = w.name;
  out.sex = std::string(domain::ToCode(w.sex));
  if (w.birth_date.ok()) {
    out.birth_year = static_cast<int>(w.birth_date.year());
    // The date and the age (which changes on the birthday) are the NIK's hidden digits.
    if (!out.nik_masked) {
      out.birth_date = domain::FormatIsoDate(w.birth_date);
      out.age = domain::AgeInYears(w.birth_date, today);
    }
  }
  out.village_code = w.village_code;
  if (const domain::Region* village = regions.Find(w.village_code))
    out.village_name = village->name;
  if (w.village_code.size() >= 8) {
    out.district_code = w.village_code.substr(0, 8);
    if (const domain::Region* district = regions.Find(out.district_code)) {
      out.district_name = district->name;
    }
  }
  out.occupation = w.occupation;
  if (const domain::Occupation* occupation = domain::FindOccupation(w.occupation)) {
    out.occupation_label = std::string(occupation->label_id);
  }
  out.status = std::string(domain::ToCode(w.status));
  out.source = w.source;
  out.has_issues = record.has_issues;
  out.updated_at = record.updated_at;
  return out;
}

}  // namespace

Result<WorkerList> RegistryService::List(const std::string& regency_code,
                                         const RegistryListParams& params,
                                         const Actor& actor) const {
  const auto today = Today(clock_);
  const auto visibility = VisibilityOf(actor, regency_code);
  const bool masked = visibility != auth::NikVisibility::kFull;
  auto parsed = ParseList(params, today, masked);
  if (!parsed) return Fail(std::move(parsed.error()));
  if (params.page < 1 || params.page_size < 1 || params.page_size > settings_.max_page_size) {
    return Fail(
        Error::InvalidArgument("halaman tidak sah (page >= 1, page_size 1-200)", "param=page"));
  }
  if (params.page > 1'000'000) {
    return Fail(Error::InvalidArgument("halaman tidak sah", "param=page"));
  }
  // A masked role's search by a whole NIK links a number it holds to a person: a lookup,
  // throttled and audited like an unmask (the NIK itself is not written into the trail).
  const bool lookup = masked && !parsed->filter.nik_prefix.empty();
  if (lookup) {
    if (auto ok = AllowLookup(actor); !ok) return Fail(ok.error());
  }
  storage::WorkerQuery query{parsed->filter,
                             parsed->sort,
                             parsed->descending,
                             (params.page - 1) * params.page_size,
                             static_cast<int>(params.page_size),
                             settings_.exact_total_limit};
  auto page = db_.Workers().Find(regency_code, query);
  if (!page) return Fail(std::move(page.error()));
  WorkerList out;
  out.total = page->total;
  out.total_exact = page->total_exact;
  out.page = params.page;
  out.page_size = params.page_size;
  out.items.reserve(page->items.size());
  for (const auto& record : page->items) {
    out.items.push_back(Summarise(record, visibility, regions_, today));
  }
  if (lookup) {
    auto tx = db_.Begin();
    if (!tx) return Fail(std::move(tx.error()));
    const std::string record_id = out.items.size() == 1 ? std::to_string(out.items[0].id) : "";
    auto event =
        AuditEvent::By(actor, auth::AuditAction::kUnmask, "worker", record_id, regency_code, "",
                       Dump(json{{"field", "nik"}, {"via", "search"}, {"found", out.total}}));
    if (auto ok = trail_.Append(**tx, event); !ok) return Fail(ok.error());
    if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  }
  return out;
}

Status RegistryService::AllowLookup(const Actor& actor) const {
  if (!actor.principal) return {};  // the console
  const TimePoint now = clock_.Now();
  AuditQuery query;
  query.regency_codes =
      auth::VisibleRegencies(*actor.principal, regions_, auth::Permission::kViewWorkers);
  query.actor_username = actor.name;
  query.action = auth::AuditAction::kUnmask;
  query.from = now - settings_.lookup_throttle.window;
  query.limit = 1000;
  auto recent = trail_.Search(db_, query);
  if (!recent) return Fail(std::move(recent.error()));
  std::vector<TimePoint> times;
  times.reserve(recent->size());
  for (const auto& entry : *recent) times.push_back(entry.at);
  const auth::ThrottleDecision decision = auth::Decide(times, now, settings_.lookup_throttle);
  if (decision.allowed) return {};
  return Fail(Error::Throttled("Terlalu banyak NIK dibuka atau dicari. Coba lagi dalam " +
                                   std::to_string(decision.retry_after.count()) + " detik.",
                               decision.retry_after, "op=registry.lookup LOOKUP_THROTTLED"));
}

Result<WorkerDetail> RegistryService::Get(const std::string& regency_code, std::int64_t id,
                                          const Actor& actor) const {
  auto record = db_.Workers().GetRecord(regency_code, id);
  if (!record) return Fail(std::move(record.error()));
  const auto today = Today(clock_);
  const auto visibility = VisibilityOf(actor, regency_code);
  const domain::Worker& w = record->worker;
  WorkerDetail out;
  out.summary = Summarise(*record, visibility, regions_, today);
  out.kk = auth::NikForList(w.kk, visibility);
  out.name_original = w.name_original;
  out.birth_place = w.birth_place;
  out.address = w.address;
  out.phone = w.phone;
  out.created_at = record->created_at;
  out.can_edit = ActorAllows(actor, auth::Permission::kEditWorkers, regency_code);
  out.can_unmask = visibility == auth::NikVisibility::kUnmaskable;
  if (!w.kk.empty()) {
    auto household = db_.Workers().ListByKk(regency_code, w.kk, settings_.household_limit + 1);
    if (!household) return Fail(std::move(household.error()));
    for (const auto& member : *household) {
      if (member.worker.id == id) continue;
      out.household.push_back(Summarise(member, visibility, regions_, today));
    }
  }
  AuditQuery history;
  history.regency_codes = {regency_code};
  history.record_type = "worker";
  history.record_id = std::to_string(id);
  history.limit = settings_.history_limit;
  auto entries = trail_.Search(db_, history);
  if (!entries) return Fail(std::move(entries.error()));
  for (const auto& entry : *entries) {
    out.history.push_back({IsoTime(entry.at), entry.actor_username,
                           std::string(auth::AuditActionCode(entry.action)),
                           MaskAuditJson(entry.before_json, visibility),
                           MaskAuditJson(entry.after_json, visibility)});
  }
  if (record->batch) {
    out.batches.push_back(
        {record->batch->id, record->batch->file_name, record->batch->source,
         IsoTime(TimePoint(std::chrono::microseconds(record->batch->created_at_us)))});
  }
  // The import validator's view of the stored record.
  intake::ColumnMapping mapping;
  for (std::size_t i = 0; i < kEditable.size(); ++i) {
    mapping.Set(kEditable[i], static_cast<int>(i), std::string(intake::FieldName(kEditable[i])));
  }
  // A masked role gets the notes as of the end of the year (ages then follow the birth year it
  // sees, not the birthday) and without the dates and ages they quote.
  const bool masked = out.summary.nik_masked;
  intake::ValidationOptions options;
  options.regency_code = regency_code;
  options.reference_date = masked ? today.year() / std::chrono::December / 31 : today;
  options.min_age = settings_.min_age;
  options.max_age = settings_.max_age;
  options.source = w.source;
  options.status = w.status;
  options.fill_from_nik = false;
  if (intake::CheckOptions(options, regions_)) {
    intake::RowValidator validator(mapping, regions_, options);
    const auto values = EditableValues(w);
    const intake::SourceRow row = intake::MakeRow(1, values);
    intake::RowOutcome outcome;
    validator.Validate(row, outcome);
    for (const auto& issue : outcome.issues) {
      WorkerIssue shown = IssueOf(issue);
      if (masked) shown.message = MaskedIssueMessage(shown, settings_);
      out.issues.push_back(std::move(shown));
    }
  }
  return out;
}

Result<EditResult> RegistryService::Edit(const std::string& regency_code, std::int64_t id,
                                         const WorkerPatch& patch, const Actor& actor) const {
  auto current = db_.Workers().Get(regency_code, id);
  if (!current) return Fail(std::move(current.error()));
  auto values = EditableValues(*current);
  for (const auto& [field, value] : patch) {
    const auto parsed = intake::FieldFromName(field);
    const auto it = parsed ? std::ranges::find(kEditable, *parsed) : kEditable.end();
    if (it == kEditable.end()) {
      return Fail(Error::InvalidArgument("kolom tidak dapat diubah: " + field, "field=" + field));
    }
    values[static_cast<std::size_t>(it - kEditable.begin())] = value;
  }
  intake::ColumnMapping mapping;
  for (std::size_t i = 0; i < kEditable.size(); ++i) {
    mapping.Set(kEditable[i], static_cast<int>(i), std::string(intake::FieldName(kEditable[i])));
  }
  intake::ValidationOptions options;
  options.regency_code = regency_code;
  options.reference_date = Today(clock_);
  options.min_age = settings_.min_age;
  options.max_age = settings_.max_age;
  options.source = current->source;
  options.status = current->status;
  if (auto ok = intake::CheckOptions(options, regions_); !ok) return Fail(ok.error());
  intake::RowValidator validator(mapping, regions_, options);
  const intake::SourceRow row = intake::MakeRow(1, values);
  intake::RowOutcome outcome;
  validator.Validate(row, outcome);
  EditResult result;
  if (outcome.HasErrors()) {
    for (const auto& issue : outcome.issues) {
      if (issue.severity == intake::Severity::kError) result.errors.push_back(IssueOf(issue));
    }
    return result;
  }
  domain::Worker changed = outcome.worker;
  changed.id = id;
  changed.regency_code = regency_code;
  changed.status = current->status;
  changed.source = current->source;

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto update = (*tx)->Workers().Update(changed);
  if (!update) return Fail(std::move(update.error()));
  const json before = WorkerJson(update->before.worker);
  const json after = WorkerJson(update->after.worker);
  if (before != after) {
    auto event = AuditEvent::By(actor, auth::AuditAction::kUpdate, "worker", std::to_string(id),
                                regency_code, Dump(before), Dump(after));
    if (auto ok = trail_.Append(**tx, event); !ok) return Fail(ok.error());
    if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  } else {
    (*tx)->Rollback();  // nothing changed: no write, no entry
  }
  tx->reset();  // give the connection back before reading the page (pools may be of one)
  auto detail = Get(regency_code, id, actor);
  if (!detail) return Fail(std::move(detail.error()));
  result.worker = std::move(*detail);
  return result;
}

Result<std::int64_t> RegistryService::SetStatus(const std::string& regency_code,
                                                const std::vector<std::int64_t>& ids,
                                                const std::string& status,
                                                const std::string& reason,
                                                const Actor& actor) const {
  const auto parsed = domain::WorkerStatusFromCode(status);
  if (!parsed) return Fail(Error::InvalidArgument("status tidak dikenal", "param=status"));
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(Error::InvalidArgument("alasan perubahan status wajib diisi", "param=reason"));
  }
  if (ids.empty() || ids.size() > 10'000) {
    return Fail(Error::InvalidArgument("pilih 1 sampai 10.000 pekerja", "param=ids"));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto changed = (*tx)->Workers().SetStatus(regency_code, ids, *parsed);
  if (!changed) return Fail(std::move(changed.error()));
  for (const auto& change : *changed) {
    const json before = {{"status", domain::ToCode(change.before)}};
    const json after = {{"status", domain::ToCode(*parsed)}, {"reason", reason}};
    auto event = AuditEvent::By(actor, auth::AuditAction::kUpdate, "worker",
                                std::to_string(change.id), regency_code, Dump(before), Dump(after));
    if (auto ok = trail_.Append(**tx, event); !ok) return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return static_cast<std::int64_t>(changed->size());
}

Result<ExportFile> RegistryService::Export(const std::string& regency_code,
                                           const RegistryListParams& params, ExportFormat format,
                                           const Actor& actor) const {
  const auto today = Today(clock_);
  const auto visibility = VisibilityOf(actor, regency_code);
  auto parsed = ParseList(params, today, visibility != auth::NikVisibility::kFull);
  if (!parsed) return Fail(std::move(parsed.error()));
  const auto table_format =
      format == ExportFormat::kXlsx ? formats::TableFormat::kXlsx : formats::TableFormat::kCsv;
  auto table = formats::TableExport::Create(table_format, "Pekerja", ExportColumns());
  if (!table) return Fail(std::move(table.error()));
  // Rows are streamed from storage straight into the table.
  auto visit = [&](const storage::WorkerRecord& record) {
    const WorkerSummary s = Summarise(record, visibility, regions_, today);
    const domain::Worker& w = record.worker;
    table->Text(s.nik).Text(auth::NikForList(w.kk, visibility)).Text(s.name).Text(s.sex);
    table->Text(w.birth_place);
    if (!s.birth_date.empty()) {
      table->Date(w.birth_date);
    } else {
      table->Empty();
    }
    if (s.age) {
      table->Integer(*s.age);
    } else {
      table->Empty();
    }
    table->Text(w.address)
        .Text(s.village_code)
        .Text(s.village_name)
        .Text(s.district_name)
        .Text(s.occupation_label.empty() ? s.occupation : s.occupation_label)
        .Text(w.phone)
        .Text(s.status)
        .Text(s.source)
        .Text(w.source_id)
        .Text(s.has_issues ? "ya" : "tidak")
        .Text(s.updated_at);
    table->EndRow();
    return table->ok();
  };
  auto streamed =
      db_.Workers().ForEach(regency_code, parsed->filter, parsed->sort, parsed->descending, visit);
  if (!streamed) return Fail(std::move(streamed.error()));
  auto bytes = table->Finish();
  if (!bytes) return Fail(std::move(bytes.error()));

  ExportFile file;
  file.file_name = "pekerja-" + regency_code + "-" + domain::FormatIsoDate(today) + "." +
                   std::string(formats::TableFormatExtension(table_format));
  file.content_type = std::string(formats::TableFormatContentType(table_format));
  file.bytes = std::move(*bytes);
  file.rows = table->rows();

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  const json after = {{"format", formats::TableFormatExtension(table_format)},
                      {"filters", FiltersJson(params)},
                      {"rows", file.rows},
                      {"nik_masked", visibility != auth::NikVisibility::kFull}};
  auto event = AuditEvent::By(actor, auth::AuditAction::kExport, "worker", "", regency_code, "",
                              Dump(after));
  if (auto ok = trail_.Append(**tx, event); !ok) return Fail(ok.error());
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return file;
}

Result<std::string> RegistryService::Unmask(const std::string& regency_code, std::int64_t id,
                                            const Actor& actor) const {
  const auto visibility = VisibilityOf(actor, regency_code);
  if (visibility != auth::NikVisibility::kFull && visibility != auth::NikVisibility::kUnmaskable) {
    return Fail(Error::PermissionDenied("tidak berwenang membuka NIK", "op=registry.unmask"));
  }
  if (auto ok = AllowLookup(actor); !ok) return Fail(ok.error());
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto worker = (*tx)->Workers().Get(regency_code, id);
  if (!worker) return Fail(std::move(worker.error()));
  auto event = AuditEvent::By(actor, auth::AuditAction::kUnmask, "worker", std::to_string(id),
                              regency_code, "", Dump(json{{"field", "nik"}}));
  if (auto ok = trail_.Append(**tx, event); !ok) return Fail(ok.error());
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return worker->nik;
}

}  // namespace jaring::services
