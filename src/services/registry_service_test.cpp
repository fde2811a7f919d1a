// RegistryService over a real database (SQLite always, PostgreSQL when JARING_TEST_PG is set):
// masking per role, search, edit through the import's validator with its audit entry and
// history, bulk status with reason, export to csv/xlsx (audited), unmask (audited).
#include "services/registry_service.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/nik_mask.hpp"
#include "domain/nik.hpp"
#include "formats/xlsx_reader.hpp"
#include "integration/storage/test_database.hpp"

namespace jaring::services {
namespace {

using nlohmann::json;

// ExportContentIsPinned's expected files.
const std::string kGoldenCsv =
    "\xEF\xBB\xBF"
    R"("NIK","KK",Nama,Jenis kelamin,Tempat lahir,Tanggal lahir,Umur,Alamat,Kode desa,Desa/Kelurahan,Kecamatan,Pekerjaan,No. HP,Status,Sumber,source_id,Perlu dicek,Diubah)"
    "\n"
    R"("3514011705800009","3514011203150001",Muhamad Supardi,L,,1980-05-17,46,,35.14.01.2001,Gerbo,Purwodadi,Petani,,aktif,Dinas Pertanian,,tidak,2026-11-23T03:00:00Z)"
    "\n"
    R"("3514015705800002","3514011203150001",Sumarni,P,,1980-05-17,46,,35.14.01.2001,Gerbo,Purwodadi,Petani,,aktif,Dinas Pertanian,,tidak,2026-11-23T03:00:00Z)"
    "\n"
    R"("3514010201900003","",Zainal,L,,,," Jl. ""Mawar"", RT 1",35.14.01.2001,Gerbo,Purwodadi,Petani,+6281234567890,aktif,Dinas Pertanian,,ya,2026-11-23T03:00:00Z)"
    "\n";
const std::vector<std::string> kGoldenXlsx = {
    R"(s:NIK[General]|s:KK[General]|s:Nama[General]|s:Jenis kelamin[General]|s:Tempat lahir[General]|s:Tanggal lahir[General]|s:Umur[General]|s:Alamat[General]|s:Kode desa[General]|s:Desa/Kelurahan[General]|s:Kecamatan[General]|s:Pekerjaan[General]|s:No. HP[General]|s:Status[General]|s:Sumber[General]|s:source_id[General]|s:Perlu dicek[General]|s:Diubah[General]|)",
    R"(s:3514011705800009[@]|s:3514011203150001[@]|s:Muhamad Supardi[@]|s:L[@]|-:[]|n:29358[dd/mm/yyyy]|n:46[0]|-:[]|s:35.14.01.2001[@]|s:Gerbo[@]|s:Purwodadi[@]|s:Petani[@]|-:[]|s:aktif[@]|s:Dinas Pertanian[@]|-:[]|s:tidak[@]|s:2026-11-23T03:00:00Z[@]|)",
    R"(s:3514015705800002[@]|s:3514011203150001[@]|s:Sumarni[@]|s:P[@]|-:[]|n:29358[dd/mm/yyyy]|n:46[0]|-:[]|s:35.14.01.2001[@]|s:Gerbo[@]|s:Purwodadi[@]|s:Petani[@]|-:[]|s:aktif[@]|s:Dinas Pertanian[@]|-:[]|s:tidak[@]|s:2026-11-23T03:00:00Z[@]|)",
    R"(s:3514010201900003[@]|-:[]|s:Zainal[@]|s:L[@]|-:[]|-:[]|-:[]|s: Jl. "Mawar", RT 1[@]|s:35.14.01.2001[@]|s:Gerbo[@]|s:Purwodadi[@]|s:Petani[@]|s:+6281234567890[@]|s:aktif[@]|s:Dinas Pertanian[@]|-:[]|s:ya[@]|s:2026-11-23T03:00:00Z[@]|)",
};

auth::Principal PrincipalOf(auth::Role role, const char* scope = "35.14") {
  return {7, std::string(auth::RoleCode(role)), {{role, auth::Scope::Unchecked(scope)}}};
}

class RegistryServiceTest : public testing::TestWithParam<storage::testing::TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    const std::chrono::year_month_day born{std::chrono::year{1980}, std::chrono::month{5},
                                           std::chrono::day{17}};
    for (int i = 0; i < 3; ++i) {
      domain::Worker w;
      w.regency_code = i < 2 ? "35.14" : "35.13";
      w.village_code = i < 2 ? "35.14.01.2001" : "35.13.01.2001";
      w.nik =
          domain::EncodeNik(w.village_code.substr(0, 8), born, domain::Sex::kFemale, i + 1).value();
      w.kk = w.nik.substr(0, 6) + "1203150001";
      w.name = i == 0 ? "Muhamad Supardi" : "Sumarni";
      w.sex = i == 0 ? domain::Sex::kMale : domain::Sex::kFemale;
      if (i == 0) {
        w.nik = domain::EncodeNik("35.14.01", born, domain::Sex::kMale, 9).value();
      }
      w.name_original = w.name;
      w.birth_date = born;
      w.occupation = "petani";
      w.source = "Dinas Pertanian";
      workers_.push_back(w);
    }
    ASSERT_TRUE(db_->Workers().InsertMany(workers_));
    auto page = db_->Workers().Find("35.14", {.limit = 10});
    ASSERT_TRUE(page);
    for (const auto& r : page->items) ids_.push_back(r.worker.id);  // Muhamad, Sumarni
    service_ = std::make_unique<RegistryService>(*db_, trail_, clock_, RegistrySettings{});
  }

  void TearDown() override {
    service_.reset();
    db_.Close();
  }

  std::vector<auth::AuditEntry> Audit(const std::string& record_id = "") {
    AuditQuery query;
    query.regency_codes = {"35.14"};
    query.record_type = "worker";
    query.record_id = record_id;
    auto entries = trail_.Search(*db_, query);
    EXPECT_TRUE(entries) << entries.error().ToString();
    return entries ? *entries : std::vector<auth::AuditEntry>{};
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year{2026} / 11 / 23) +
                    std::chrono::hours(3)};
  AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  std::unique_ptr<RegistryService> service_;
  std::vector<domain::Worker> workers_;
  std::vector<std::int64_t> ids_;
  Actor operator_ = Actor::ForPrincipal(PrincipalOf(auth::Role::kOperator), "192.0.2.1");
  Actor pimpinan_ = Actor::ForPrincipal(PrincipalOf(auth::Role::kPimpinan), "192.0.2.2");
  Actor auditor_ = Actor::ForPrincipal(PrincipalOf(auth::Role::kAuditor), "192.0.2.3");
};

TEST_P(RegistryServiceTest, ListMasksNiksForRolesWithoutViewWorkerNik) {
  for (const Actor* actor : {&operator_, &pimpinan_, &auditor_}) {
    SCOPED_TRACE(actor->name);
    auto list = service_->List("35.14", {}, *actor);
    ASSERT_TRUE(list) << list.error().ToString();
    ASSERT_EQ(list->total, 2);
    ASSERT_EQ(list->items.size(), 2u);
    const bool full = auth::RoleSeesNikUnmasked(actor->principal->grants[0].role);
    const auto& first = list->items[0];
    EXPECT_EQ(first.name, "Muhamad Supardi");
    EXPECT_EQ(first.nik_masked, !full);
    EXPECT_EQ(first.nik, full ? workers_[0].nik : "3514************");
    EXPECT_EQ(first.district_code, "35.14.01");
    EXPECT_FALSE(first.district_name.empty());
    EXPECT_EQ(first.occupation_label, "Petani");
    // A masked role sees the birth year, not the date nor the age (which changes on the
    // birthday and would give the date away to someone who looks every day).
    EXPECT_EQ(first.birth_year, 1980);
    EXPECT_EQ(first.birth_date, full ? "1980-05-17" : "");
    EXPECT_EQ(first.age, full ? std::optional<int>(46) : std::nullopt);
    EXPECT_EQ(first.updated_at, "2026-11-23T03:00:00Z");
  }
}

TEST_P(RegistryServiceTest, SearchAndParameterErrors) {
  auto found = service_->List("35.14", {.q = "Moehammad Soepardi"}, operator_);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].id, ids_[0]);
  auto by_nik = service_->List("35.14", {.q = workers_[1].nik.substr(0, 10)}, operator_);
  ASSERT_TRUE(by_nik);
  EXPECT_EQ(by_nik->total, 1);
  // In the digit groups of a KTP.
  const std::string grouped = workers_[1].nik.substr(0, 4) + " " + workers_[1].nik.substr(4, 4) +
                              " " + workers_[1].nik.substr(8, 2);
  auto by_grouped_nik = service_->List("35.14", {.q = grouped}, operator_);
  ASSERT_TRUE(by_grouped_nik);
  EXPECT_EQ(by_grouped_nik->total, 1);
  const std::vector<RegistryListParams> bad = {
      {.status = "hidup"}, {.sex = "X"}, {.age_band = "10-20"}, {.has_issues = "ya"},
      {.sort = "-umur"},   {.page = 0},  {.page_size = 201},    {.q = "35140101018000011"}};
  for (const auto& params : bad) {
    auto refused = service_->List("35.14", params, operator_);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  }
  auto age = service_->List("35.14", {.age_band = "45-54"}, operator_);
  ASSERT_TRUE(age);
  EXPECT_EQ(age->total, 2);
  age = service_->List("35.14", {.age_band = "35-44"}, operator_);
  ASSERT_TRUE(age);
  EXPECT_EQ(age->total, 0);
}

// Searching by NIK as a masked role: only a whole NIK (a prefix, typed digit by digit, would
// read the hidden digits back one at a time), audited like an unmask and counted by the same
// throttle; sorting by NIK or birth date and filtering by age band, which would order or bound
// the hidden date, are refused. Roles that see NIKs keep prefixes, sorts and bands, unaudited.
TEST_P(RegistryServiceTest, MaskedRolesSearchWholeNiksOnlyAuditedAndThrottled) {
  RegistrySettings settings;
  settings.lookup_throttle.free_failures = 3;
  RegistryService registry(*db_, trail_, clock_, settings);
  const std::string nik = workers_[1].nik;
  const std::vector<RegistryListParams> refused = {{.q = nik.substr(0, 10)},
                                                   {.q = nik.substr(0, 15)},
                                                   {.q = nik.substr(0, 4) + " " + nik.substr(4, 4)},
                                                   {.sort = "nik"},
                                                   {.sort = "-nik"},
                                                   {.sort = "birth_date"},
                                                   {.sort = "-birth_date"},
                                                   {.age_band = "45-54"}};
  for (const auto& params : refused) {
    SCOPED_TRACE(params.q + params.sort + params.age_band);
    auto list = registry.List("35.14", params, pimpinan_);
    ASSERT_FALSE(list);
    EXPECT_EQ(list.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(registry.List("35.14", params, operator_)) << "the operator may";
  }
  EXPECT_TRUE(Audit().empty());

  // The whole NIK, with or without the KTP's spaces: found, masked, audited with the worker.
  const std::string grouped =
      nik.substr(0, 4) + " " + nik.substr(4, 4) + " " + nik.substr(8, 4) + " " + nik.substr(12);
  auto found = registry.List("35.14", {.q = grouped}, pimpinan_);
  ASSERT_TRUE(found) << found.error().ToString();
  ASSERT_EQ(found->items.size(), 1u);
  EXPECT_EQ(found->items[0].id, ids_[1]);
  EXPECT_EQ(found->items[0].nik, "3514************");
  auto entries = Audit();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, auth::AuditAction::kUnmask);
  EXPECT_EQ(entries[0].actor_username, "pimpinan");
  EXPECT_EQ(entries[0].record_id, std::to_string(ids_[1]));
  EXPECT_EQ(json::parse(entries[0].after_json),
            (json{{"field", "nik"}, {"via", "search"}, {"found", 1}}));
  // A NIK that is not there is an answer too ("not registered"): audited the same way.
  auto absent = registry.List("35.14", {.q = "3514015705809999"}, pimpinan_);
  ASSERT_TRUE(absent);
  EXPECT_TRUE(absent->items.empty());
  entries = Audit();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].record_id, "");
  EXPECT_EQ(json::parse(entries[0].after_json)["found"], 0);
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.after_json.find("3514"), std::string::npos) << "no NIK in the trail";
  }
  // The operator's searches are neither audited nor counted.
  EXPECT_TRUE(registry.List("35.14", {.q = nik}, operator_));
  EXPECT_EQ(Audit().size(), 2u);

  // The third lookup of the hour passes, the fourth waits; unmasking is counted the same way.
  EXPECT_TRUE(registry.List("35.14", {.q = nik}, pimpinan_));
  auto throttled = registry.List("35.14", {.q = nik}, pimpinan_);
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, ErrorCode::kUnavailable);
  ASSERT_TRUE(throttled.error().retry_after);
  EXPECT_GT(*throttled.error().retry_after, std::chrono::seconds(0));
  EXPECT_EQ(Audit().size(), 3u) << "a refused lookup is not recorded";
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(registry.Unmask("35.14", ids_[0], auditor_));
  auto unmask = registry.Unmask("35.14", ids_[0], auditor_);
  ASSERT_FALSE(unmask);
  EXPECT_TRUE(unmask.error().retry_after);
  // Once the window has passed, lookups are free again.
  clock_.Advance(std::chrono::hours(2));
  EXPECT_TRUE(registry.List("35.14", {.q = nik}, pimpinan_));
  EXPECT_TRUE(registry.Unmask("35.14", ids_[0], auditor_));
}

// The validator's notes on a stored record quote its birth date or age; a masked role gets
// them without those values (and computed as of the end of the year, so that they follow the
// birth year it sees, not the birthday).
TEST_P(RegistryServiceTest, MaskedRolesSeeValidationNotesWithoutTheBirthDate) {
  domain::Worker old = workers_[1];
  old.nik = domain::EncodeNik("35.14.01",
                              {std::chrono::year{1950}, std::chrono::month{6}, std::chrono::day{1}},
                              domain::Sex::kFemale, 7)
                .value();
  old.birth_date = {std::chrono::year{1950}, std::chrono::month{6}, std::chrono::day{1}};
  ASSERT_TRUE(db_->Workers().InsertMany(std::span<const domain::Worker>(&old, 1)));
  auto found = service_->List("35.14", {.q = old.nik}, operator_);
  ASSERT_TRUE(found && found->items.size() == 1u);
  const std::int64_t id = found->items[0].id;
  auto full = service_->Get("35.14", id, operator_);
  ASSERT_TRUE(full) << full.error().ToString();
  auto masked = service_->Get("35.14", id, pimpinan_);
  ASSERT_TRUE(masked) << masked.error().ToString();
  const auto has_age_note = [](const WorkerDetail& d) {
    return std::ranges::any_of(d.issues,
                               [](const WorkerIssue& i) { return i.code == "AGE_OUT_OF_RANGE"; });
  };
  EXPECT_TRUE(has_age_note(*full));
  EXPECT_TRUE(has_age_note(*masked));
  for (const auto& issue : masked->issues) {
    SCOPED_TRACE(issue.code + ": " + issue.message);
    for (const char* value : {"76", "1950", "06-01", "01-06"}) {
      EXPECT_EQ(issue.message.find(value), std::string::npos);
    }
  }
}

// Lists beyond RegistrySettings::exact_total_limit say "more than" instead of counting on.
TEST_P(RegistryServiceTest, LargeListsReportALowerBoundAsTheirTotal) {
  RegistrySettings settings;
  settings.exact_total_limit = 1;
  RegistryService bounded(*db_, trail_, clock_, settings);
  auto list = bounded.List("35.14", {.page_size = 1}, operator_);
  ASSERT_TRUE(list) << list.error().ToString();
  EXPECT_EQ(list->total, 1);
  EXPECT_FALSE(list->total_exact);
  list = bounded.List("35.14", {.page = 2, .page_size = 1}, operator_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->total, 2);
  EXPECT_TRUE(list->total_exact);
  EXPECT_EQ(list->items.size(), 1u);
  list = service_->List("35.14", {}, operator_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->total, 2);
  EXPECT_TRUE(list->total_exact);
}

TEST_P(RegistryServiceTest, WorkerPageHasHouseholdAndForeignIdsAreNotFound) {
  auto page = service_->Get("35.14", ids_[0], pimpinan_);
  ASSERT_TRUE(page) << page.error().ToString();
  ASSERT_EQ(page->household.size(), 1u);
  EXPECT_EQ(page->household[0].name, "Sumarni");
  EXPECT_TRUE(page->household[0].nik_masked);
  EXPECT_EQ(page->kk, "3514************");
  EXPECT_EQ(page->household[0].nik, "3514************");
  EXPECT_EQ(page->household[0].birth_date, "");
  EXPECT_EQ(page->summary.birth_date, "");
  EXPECT_FALSE(page->can_edit);
  EXPECT_FALSE(page->can_unmask);
  auto foreign = db_->Workers().Find("35.13", {.limit = 1});
  ASSERT_TRUE(foreign);
  auto hidden = service_->Get("35.14", foreign->items.at(0).worker.id, operator_);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
}

TEST_P(RegistryServiceTest, EditValidatesLikeTheImportAndIsAuditedWithBeforeAndAfter) {
  auto refused =
      service_->Edit("35.14", ids_[1], {{"nik", "35140112"}, {"phone", "08123"}}, operator_);
  ASSERT_TRUE(refused) << refused.error().ToString();
  EXPECT_FALSE(refused->worker);
  ASSERT_FALSE(refused->errors.empty());
  EXPECT_EQ(refused->errors[0].code, "NIK_LENGTH");
  EXPECT_EQ(refused->errors[0].field, "nik");
  EXPECT_TRUE(Audit().empty());

  clock_.Advance(std::chrono::seconds(60));
  auto edited = service_->Edit(
      "35.14", ids_[1], {{"name", "sumarni wati"}, {"address", "Dusun Krajan RT 1"}}, operator_);
  ASSERT_TRUE(edited) << edited.error().ToString();
  ASSERT_TRUE(edited->worker) << (edited->errors.empty() ? "" : edited->errors[0].code);
  EXPECT_EQ(edited->worker->summary.name, "Sumarni Wati");
  EXPECT_EQ(edited->worker->address, "Dusun Krajan RT 1");
  EXPECT_EQ(edited->worker->summary.updated_at, "2026-11-23T03:01:00Z");
  ASSERT_EQ(edited->worker->history.size(), 1u);
  const auto& entry = edited->worker->history[0];
  EXPECT_EQ(entry.action, "update");
  EXPECT_EQ(entry.actor, "operator");
  EXPECT_EQ(json::parse(entry.before_json)["name"], "Sumarni");
  EXPECT_EQ(json::parse(entry.after_json)["name"], "Sumarni Wati");

  // A masked viewer sees the history with the NIK masked.
  auto seen = service_->Get("35.14", ids_[1], pimpinan_);
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->history.size(), 1u);
  EXPECT_EQ(json::parse(seen->history[0].before_json)["nik"], "3514************");
  EXPECT_EQ(seen->history[0].before_json.find(workers_[1].nik), std::string::npos);
  // ... and the birth date as its year only, like the list.
  EXPECT_EQ(json::parse(seen->history[0].before_json)["birth_date"], "1980-**-**");
  EXPECT_EQ(seen->history[0].after_json.find("05-17"), std::string::npos);

  auto unknown = service_->Edit("35.14", ids_[1], {{"status", "aktif"}}, operator_);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(RegistryServiceTest, BulkStatusNeedsAReasonAndAuditsEachWorker) {
  auto refused = service_->SetStatus("35.14", ids_, "ditangguhkan", " ", operator_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  auto changed = service_->SetStatus("35.14", ids_, "ditangguhkan", "Pindah domisili", operator_);
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_EQ(*changed, 2);
  const auto entries = Audit();
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& e : entries) {
    EXPECT_EQ(json::parse(e.before_json)["status"], "aktif");
    EXPECT_EQ(json::parse(e.after_json)["reason"], "Pindah domisili");
  }
  auto list = service_->List("35.14", {.status = "ditangguhkan"}, operator_);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->total, 2);
}

TEST_P(RegistryServiceTest, ExportsAreFilesAndAudited) {
  auto csv = service_->Export("35.14", {.sex = "P"}, ExportFormat::kCsv, pimpinan_);
  ASSERT_TRUE(csv) << csv.error().ToString();
  EXPECT_EQ(csv->file_name, "pekerja-35.14-2026-11-23.csv");
  EXPECT_EQ(csv->rows, 1);
  EXPECT_TRUE(csv->bytes.starts_with("\xEF\xBB\xBF\"NIK\",\"KK\",Nama,")) << csv->bytes;
  EXPECT_NE(csv->bytes.find("\"3514************\""), std::string::npos);
  EXPECT_EQ(csv->bytes.find("1980-05-17"), std::string::npos);  // no birth date, no age
  EXPECT_EQ(csv->bytes.find(workers_[1].nik), std::string::npos);
  EXPECT_EQ(csv->bytes.find("Muhamad"), std::string::npos);

  auto xlsx = service_->Export("35.14", {}, ExportFormat::kXlsx, operator_);
  ASSERT_TRUE(xlsx) << xlsx.error().ToString();
  EXPECT_EQ(xlsx->rows, 2);
  EXPECT_TRUE(xlsx->bytes.starts_with("PK"));

  const auto entries = Audit();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, auth::AuditAction::kExport);
  EXPECT_EQ(json::parse(entries[1].after_json)["filters"]["sex"], "P");
  EXPECT_EQ(json::parse(entries[1].after_json)["rows"], 1);
}

// A NIK typed as the search term of an export is recorded masked, as the registry masks NIKs:
// the trail is read by auditors and administrators, who see NIKs masked.
TEST_P(RegistryServiceTest, ExportSearchTermsAreRecordedMasked) {
  const std::string grouped = workers_[1].nik.substr(0, 4) + " " + workers_[1].nik.substr(4);
  for (const std::string& q : {workers_[1].nik, grouped, workers_[1].nik.substr(0, 10)}) {
    auto csv = service_->Export("35.14", {.q = q}, ExportFormat::kCsv, operator_);
    ASSERT_TRUE(csv) << csv.error().ToString();
    EXPECT_EQ(csv->rows, 1);
  }
  const auto entries = Audit();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(json::parse(entries[2].after_json)["filters"]["q"], "3514************");
  EXPECT_EQ(json::parse(entries[1].after_json)["filters"]["q"], "3514************");
  EXPECT_EQ(json::parse(entries[0].after_json)["filters"]["q"], "35********");
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.after_json.find(workers_[1].nik.substr(4, 8)), std::string::npos);
  }
  // A name is recorded as typed.
  ASSERT_TRUE(service_->Export("35.14", {.q = "Sumarni"}, ExportFormat::kCsv, operator_));
  EXPECT_EQ(json::parse(Audit()[0].after_json)["filters"]["q"], "Sumarni");
}

// The export's content for a small list, pinned when its writing moved from the service to
// formats: the CSV byte for byte, the XLSX cell by cell (its zip carries a creation time).
// A third worker brings the cases a writer can get wrong: no birth date (empty date and age),
// a quote, a comma and a leading space in the address, a phone number.
TEST_P(RegistryServiceTest, ExportContentIsPinned) {
  domain::Worker odd = workers_[1];
  odd.nik = domain::EncodeNik("35.14.01",
                              {std::chrono::year{1990}, std::chrono::month{1}, std::chrono::day{2}},
                              domain::Sex::kMale, 3)
                .value();
  odd.kk.clear();
  odd.name = odd.name_original = "Zainal";
  odd.sex = domain::Sex::kMale;
  odd.birth_date = {};
  odd.address = R"( Jl. "Mawar", RT 1)";
  odd.phone = "+6281234567890";
  ASSERT_TRUE(db_->Workers().InsertMany(std::span<const domain::Worker>(&odd, 1)));

  auto csv = service_->Export("35.14", {}, ExportFormat::kCsv, operator_);
  ASSERT_TRUE(csv) << csv.error().ToString();
  EXPECT_EQ(csv->bytes, kGoldenCsv);

  auto xlsx = service_->Export("35.14", {}, ExportFormat::kXlsx, operator_);
  ASSERT_TRUE(xlsx) << xlsx.error().ToString();
  auto book = formats::XlsxReader::FromBuffer(xlsx->bytes);
  ASSERT_TRUE(book) << book.error().ToString();
  ASSERT_EQ(book->sheets().size(), 1u);
  EXPECT_EQ(book->sheets()[0].name, "Pekerja");
  auto sheet = book->OpenSheet(0);
  ASSERT_TRUE(sheet) << sheet.error().ToString();
  std::vector<std::string> cells;
  formats::XlsxRow row;
  while (sheet->Next(row)) {
    std::string line;
    for (const auto& cell : row.cells) {
      line += cell.type == formats::XlsxCellType::kString   ? "s:"
              : cell.type == formats::XlsxCellType::kNumber ? "n:"
                                                            : "-:";
      line += cell.text + "[" + cell.format_code + "]|";
    }
    cells.push_back(line);
  }
  ASSERT_TRUE(sheet->status());
  EXPECT_EQ(cells, kGoldenXlsx);
}

// A worker's text that a spreadsheet would run (OWASP CSV injection) leaves the CSV export as
// text: an apostrophe in front. The XLSX export stores text cells, never formulas.
TEST_P(RegistryServiceTest, CsvExportNeutralisesFormulas) {
  domain::Worker planted = workers_[1];
  planted.nik =
      domain::EncodeNik("35.14.01",
                        {std::chrono::year{1991}, std::chrono::month{3}, std::chrono::day{4}},
                        domain::Sex::kFemale, 5)
          .value();
  planted.name = planted.name_original = "@SUM(1+1)*cmd|' /C calc'!A0";
  planted.address = "=HYPERLINK(\"http://contoh.invalid\",\"Klik\")";
  planted.birth_place = "-2+3";
  ASSERT_TRUE(db_->Workers().InsertMany(std::span<const domain::Worker>(&planted, 1)));
  auto csv = service_->Export("35.14", {.q = planted.nik}, ExportFormat::kCsv, operator_);
  ASSERT_TRUE(csv) << csv.error().ToString();
  ASSERT_EQ(csv->rows, 1);
  EXPECT_NE(csv->bytes.find(",'@SUM(1+1)*cmd|' /C calc'!A0,"), std::string::npos) << csv->bytes;
  EXPECT_NE(csv->bytes.find(",'-2+3,"), std::string::npos) << csv->bytes;
  EXPECT_NE(csv->bytes.find(R"x(,"'=HYPERLINK(""http://contoh.invalid"",""Klik"")",)x"),
            std::string::npos)
      << csv->bytes;
  for (const char* formula : {",=", ",@", ",-2", ",\"="}) {
    EXPECT_EQ(csv->bytes.find(formula), std::string::npos) << formula;
  }
}

TEST_P(RegistryServiceTest, UnmaskIsAuditedAndRefusedToMaskedOnlyRoles) {
  auto nik = service_->Unmask("35.14", ids_[1], auditor_);
  ASSERT_TRUE(nik) << nik.error().ToString();
  EXPECT_EQ(*nik, workers_[1].nik);
  const auto entries = Audit(std::to_string(ids_[1]));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, auth::AuditAction::kUnmask);
  EXPECT_EQ(entries[0].actor_username, "auditor");
  auto refused = service_->Unmask("35.14", ids_[1], pimpinan_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Engines, RegistryServiceTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::services
