// RegistryService over a real database (SQLite always, PostgreSQL when JARING_TEST_PG is set):
// masking per role, search, edit through the import's validator with its audit entry and
// history, bulk status with reason, export to csv/xlsx (audited), unmask (audited).
#include "services/registry_service.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/nik_mask.hpp"
#include "domain/nik.hpp"
#include "integration/storage/test_database.hpp"

namespace jaring::services {
namespace {

using nlohmann::json;

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
    EXPECT_EQ(first.nik, full ? workers_[0].nik : auth::MaskNik(workers_[0].nik));
    EXPECT_EQ(first.district_code, "35.14.01");
    EXPECT_FALSE(first.district_name.empty());
    EXPECT_EQ(first.occupation_label, "Petani");
    EXPECT_EQ(first.age, 46);
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
  EXPECT_EQ(page->kk, auth::MaskNik(workers_[0].kk));
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
  EXPECT_EQ(json::parse(seen->history[0].before_json)["nik"], auth::MaskNik(workers_[1].nik));
  EXPECT_EQ(seen->history[0].before_json.find(workers_[1].nik), std::string::npos);

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
  EXPECT_NE(csv->bytes.find("\"" + auth::MaskNik(workers_[1].nik) + "\""), std::string::npos);
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
