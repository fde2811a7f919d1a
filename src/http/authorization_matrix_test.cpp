// The route walk and the authorization matrix of issue 3, over the real router, the real API
// routes, the real account and dashboard services and a real database (SQLite always,
// PostgreSQL when JARING_TEST_PG is set; `make test` sets it).
//
// Every route of AddApiRoutes is called as nobody, as each demo role of regency 35.14 (and the
// province administrator of 35), and as the administrator of regency 35.13, naming the
// caller's own regency and a foreign one. The status must be the expected one, and no body
// may carry a foreign regency's code, name or district names. A route that is added without
// a row in the matrix fails the test: new routes are born with their authorization checked.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "domain/nik.hpp"
#include "http/api_routes.hpp"
#include "integration/storage/test_database.hpp"
#include "services/account_service.hpp"
#include "services/audit_view.hpp"
#include "services/bill_service.hpp"
#include "services/card_service.hpp"
#include "services/claim_service.hpp"
#include "services/monev_service.hpp"
#include "services/dashboard_service.hpp"
#include "services/enrolment_service.hpp"
#include "services/extract_service.hpp"
#include "services/import_jobs.hpp"
#include "services/payment_service.hpp"
#include "services/policy_service.hpp"
#include "services/program_service.hpp"
#include "services/quarantine_service.hpp"
#include "services/reconciliation_service.hpp"
#include "services/registry_service.hpp"
#include "services/settlement.hpp"
#include "services/verval_jobs.hpp"
#include "services/verval_review.hpp"
#include "services/verval_service.hpp"
#include "storage/database.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::json;

constexpr char kOwn[] = "35.14";      // Kabupaten Pasuruan: the demo regency
constexpr char kOther[] = "35.13";    // Kabupaten Probolinggo: a neighbour
constexpr char kOutside[] = "36.01";  // Kabupaten Pandeglang (Banten): outside province 35

// --- The route table: every route, its policy, nothing public by accident ------------------

const std::map<std::string, RoutePolicy>& ExpectedPolicies() {
  static const std::map<std::string, RoutePolicy> policies = {
      {"health", RoutePolicy::Public()},
      {"session.sign_in", RoutePolicy::Public()},
      {"session.current", RoutePolicy::SignedIn()},
      {"session.sign_out", RoutePolicy::SignedIn()},
      {"session.change_password", RoutePolicy::SignedIn()},
      {"regency.list", RoutePolicy::SignedIn()},
      {"regency.dashboard", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"imports.upload", RoutePolicy::InRegency(Permission::kImport)},
      {"imports.list", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"imports.job", RoutePolicy::InRegency(Permission::kImport)},
      {"imports.mapping", RoutePolicy::InRegency(Permission::kImport)},
      {"imports.commit", RoutePolicy::InRegency(Permission::kImport)},
      {"imports.discard", RoutePolicy::InRegency(Permission::kImport)},
      {"imports.quarantine", RoutePolicy::InRegency(Permission::kImport)},
      {"quarantine.fix", RoutePolicy::InRegency(Permission::kImport)},
      {"imports.templates", RoutePolicy::InRegency(Permission::kImport)},
      {"registry.list", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"registry.export", RoutePolicy::InRegency(Permission::kExportPersonalData)},
      {"registry.status", RoutePolicy::InRegency(Permission::kEditWorkers)},
      {"registry.get", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"registry.edit", RoutePolicy::InRegency(Permission::kEditWorkers)},
      {"registry.unmask", RoutePolicy::InRegency(Permission::kUnmaskNik)},
      {"audit.search", RoutePolicy::Requires(Permission::kViewAudit)},
      {"verval.overview", RoutePolicy::InRegency(Permission::kViewReports)},
      {"verval.run", RoutePolicy::InRegency(Permission::kDecide)},
      {"verval.findings", RoutePolicy::InRegency(Permission::kDecide)},
      {"verval.findings_xlsx", RoutePolicy::InRegency(Permission::kExportPersonalData)},
      {"verval.finding", RoutePolicy::InRegency(Permission::kDecide)},
      {"verval.decide", RoutePolicy::InRegency(Permission::kDecide)},
      {"verval.settle", RoutePolicy::InRegency(Permission::kDecide)},
      {"verval.minutes", RoutePolicy::InRegency(Permission::kViewReports)},
      {"verval.history", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"verval.settings", RoutePolicy::InRegency(Permission::kDecide)},
      {"verval.settings_save", RoutePolicy::InRegency(Permission::kManageUsers)},
      {"extracts.list", RoutePolicy::InRegency(Permission::kImport)},
      {"extracts.upload", RoutePolicy::InRegency(Permission::kImport)},
      {"extracts.demo", RoutePolicy::InRegency(Permission::kImport)},
      {"programs.list", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"programs.create", RoutePolicy::InRegency(Permission::kManagePrograms)},
      {"programs.get", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"programs.revise", RoutePolicy::InRegency(Permission::kManagePrograms)},
      {"programs.simulate", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"policy.in_force", RoutePolicy::Requires(Permission::kViewDashboard)},
      {"policy.add", RoutePolicy::Requires(Permission::kManagePolicy)},
      {"policy.benefit_rules", RoutePolicy::Requires(Permission::kViewDashboard)},
      {"enrolment.batches", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"enrolment.create_batch", RoutePolicy::InRegency(Permission::kManageEnrolment)},
      {"enrolment.budget_months", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"enrolment.ineligible", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"enrolment.answers", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"enrolment.answer", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"enrolment.batch", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"enrolment.members", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"enrolment.approve", RoutePolicy::InRegency(Permission::kDecide)},
      {"enrolment.file", RoutePolicy::InRegency(Permission::kManageEnrolment)},
      {"enrolment.import_answer", RoutePolicy::InRegency(Permission::kManageEnrolment)},
      {"enrolment.worker_coverage", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"cards.key", RoutePolicy::Public()},
      {"cards.status", RoutePolicy::Public()},
      {"cards.check_page", RoutePolicy::Public()},
      {"cards.list", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"cards.issue", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"cards.pdf", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"cards.revoke", RoutePolicy::InRegency(Permission::kManageEnrolment)},
      {"bills.list", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"bills.issue", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"bills.get", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"bills.lines", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"bills.file", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"invoices.upload", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"invoices.list", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"invoices.get", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"invoices.lines", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"invoices.lines_csv", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"invoices.resolve", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"payments.list", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"payments.add", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"payments.arrears", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"claims.list", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.open", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.get", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.heirs", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.document_upload", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.document_seen", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.document", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.transition", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.targets", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.export", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.import", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"claims.report", RoutePolicy::InRegency(Permission::kViewReports)},
      {"claims.targets_set", RoutePolicy::InRegency(Permission::kViewWorkers)},
      {"monev.regency", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"monev.villages", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"monev.province", RoutePolicy::Requires(Permission::kViewDashboard)},
      {"monev.denominators", RoutePolicy::Requires(Permission::kViewDashboard)},
      {"monev.denominator_set", RoutePolicy::Requires(Permission::kManageTargets)},
      {"monev.denominators_import", RoutePolicy::Requires(Permission::kManageTargets)},
      {"monev.targets", RoutePolicy::Requires(Permission::kViewDashboard)},
      {"monev.target_set", RoutePolicy::Requires(Permission::kManageTargets)},
      {"monev.boundaries", RoutePolicy::InRegency(Permission::kViewDashboard)},
      {"monev.boundaries_set", RoutePolicy::InRegency(Permission::kManageTargets)},
      {"monev.report_pdf", RoutePolicy::InRegency(Permission::kViewReports)},
      {"monev.report_xlsx", RoutePolicy::InRegency(Permission::kViewReports)},
      {"monev.report_chart", RoutePolicy::InRegency(Permission::kViewReports)},
      {"monev.province_pdf", RoutePolicy::Requires(Permission::kViewReports)},
      {"monev.province_xlsx", RoutePolicy::Requires(Permission::kViewReports)},
      {"monev.province_chart", RoutePolicy::Requires(Permission::kViewReports)},
  };
  return policies;
}

Result<std::optional<Caller>> NobodyYet(const Request&) { return std::nullopt; }

TEST(RouteTableTest, EveryRouteHasTheReviewedPolicy) {
  Router router(NobodyYet);
  ApiContext context;
  AddApiRoutes(router, context);
  std::set<std::string> names;
  for (const Route& route : router.routes()) {
    SCOPED_TRACE(route.name);
    EXPECT_TRUE(names.insert(route.name).second) << "route name used twice";
    const auto expected = ExpectedPolicies().find(route.name);
    ASSERT_NE(expected, ExpectedPolicies().end())
        << "route " << route.pattern << " has no reviewed policy in this test";
    EXPECT_EQ(route.policy, expected->second);
    // Public is only for what must work before sign-in, and for checking a membership card
    // (anyone holding one: the key, the page and its JSON show no personal data).
    if (route.policy.access == RoutePolicy::Access::kPublic) {
      EXPECT_TRUE(route.name == "health" || route.name == "session.sign_in" ||
                  route.name == "cards.key" || route.name == "cards.status" ||
                  route.name == "cards.check_page");
    }
  }
  EXPECT_EQ(names.size(), ExpectedPolicies().size()) << "a reviewed route is not registered";
}

// --- The matrix ----------------------------------------------------------------------------

const std::chrono::year_month_day kBorn{std::chrono::year{1980}, std::chrono::month{5},
                                        std::chrono::day{17}};

domain::Worker MakeWorker(const std::string& village_code, const std::string& nik) {
  domain::Worker worker;
  worker.regency_code = village_code.substr(0, 5);
  worker.nik = nik;
  worker.name = "Sumarni";
  worker.name_original = "SUMARNI";
  worker.sex = domain::Sex::kFemale;
  worker.birth_date = kBorn;
  worker.village_code = village_code;
  worker.occupation = "petani";
  worker.source = "test";
  return worker;
}

// What SetUp imported into kOwn through ImportJobs: a job in preview, a committed job, its
// batch and one quarantined row (the matrix below names them in paths).
struct SeededImport {
  std::string preview_job, done_job;
  std::int64_t batch = 0, row = 0;
};
SeededImport seeded_import;

// One worker id per regency stored by SetUp (the registry rows of the matrix name them).
std::map<std::string, std::int64_t> seeded_workers;
// One program id per regency stored by SetUp.
std::map<std::string, std::int64_t> seeded_programs;
// A valid edit of that worker (its synthetic NIK is not sound, and an edit must leave the
// record valid): a sound NIK that agrees with its sex, birth date and district.
std::map<std::string, std::string> seeded_edits;

constexpr char kImportCsv[] =
    "NIK;Nama;Jenis Kelamin;Tanggal Lahir;Desa;Kecamatan\n"
    "3514015205750002;Siti Aminah;P;1975-05-12;Lebakrejo;Purwodadi\n"
    "123;Budi;L;1975-05-12;Lebakrejo;Purwodadi\n";

// Someone calling the API: no credentials, or a session from signing in through the route.
struct Client {
  std::string label;
  std::string username;  // "" for nobody
  std::string own;       // the regency the caller belongs to ("" for nobody)
  std::string foreign;   // a regency the caller must not see
  std::string cookie;    // "jaring_session=..."
  std::string csrf;
};

class AuthorizationMatrixTest : public testing::TestWithParam<storage::testing::TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam())) return;

    // Workers in three districts of each regency, so both have names and counts to leak.
    std::vector<domain::Worker> workers;
    int serial = 0;
    for (const char* regency : {kOwn, kOther}) {
      const auto districts = regions_.Children(regency);
      ASSERT_GE(districts.size(), 3u);
      for (std::size_t d = 0; d < 3; ++d) {
        const auto villages = regions_.Children(districts[d].code);
        ASSERT_FALSE(villages.empty());
        for (std::size_t n = 0; n <= d; ++n) {
          // Sound NIKs (district, birth date with day + 40, serial): what a masked role must
          // not be able to rebuild.
          auto nik = domain::EncodeNik(districts[d].code, kBorn, domain::Sex::kFemale, ++serial);
          ASSERT_TRUE(nik);
          workers.push_back(MakeWorker(villages[0].code, *nik));
        }
        if (std::string(regency) == kOther) foreign_districts_.insert(districts[d].name);
        if (std::string(regency) == kOwn) own_districts_.insert(districts[d].name);
      }
    }
    ASSERT_TRUE(db_->Workers().InsertMany(workers));

    settings_.hash_options = auth::PasswordHashOptions::ForTests();
    auto demo = services::SeedDemoAccounts(*db_, regions_, clock_, settings_);
    ASSERT_TRUE(demo) << demo.error().ToString();
    ASSERT_EQ(demo->size(), auth::kAllRoles.size());
    accounts_ = std::make_unique<services::AccountService>(*db_, regions_, clock_, settings_);
    services::NewUser other_admin{"admin.probolinggo",
                                  "Admin Probolinggo",
                                  std::string(services::kDemoPassword),
                                  {{auth::Role::kAdminDaerah, kOther}},
                                  false};
    auto created = accounts_->CreateUser(other_admin, services::Actor::ForCli("test"));
    ASSERT_TRUE(created) << created.error().ToString();

    dashboard_ = std::make_unique<services::DashboardService>(db_->Workers(), regions_, clock_);
    context_ = {"test", std::string(db_->engine()), dashboard_.get(), accounts_.get(), &regions_,
                false};
    import_jobs_ = std::make_unique<services::ImportJobs>(*db_, &trail_, clock_);
    quarantine_ = std::make_unique<services::QuarantineService>(*db_, &trail_, clock_);
    context_.import_jobs = import_jobs_.get();
    context_.quarantine = quarantine_.get();
    registry_ = std::make_unique<services::RegistryService>(*db_, trail_, clock_,
                                                            services::RegistrySettings{});
    context_.registry = registry_.get();
    audit_view_ = std::make_unique<services::AuditView>(*db_, trail_, regions_);
    context_.audit_view = audit_view_.get();
    extracts_ = std::make_unique<services::ExtractService>(*db_, &trail_, clock_);
    verval_ = std::make_unique<services::VervalService>(*db_, &trail_, clock_);
    verval_jobs_ = std::make_unique<services::VervalJobs>(*verval_, clock_);
    review_ = std::make_unique<services::VervalReview>(*db_, &trail_, clock_);
    settlement_ = std::make_unique<services::Settlement>(*db_, &trail_, clock_);
    context_.extracts = extracts_.get();
    context_.verval = verval_.get();
    context_.verval_jobs = verval_jobs_.get();
    context_.review = review_.get();
    context_.settlement = settlement_.get();
    policy_ = std::make_unique<services::PolicyService>(*db_, &trail_);
    programs_ = std::make_unique<services::ProgramService>(*db_, &trail_, *policy_);
    context_.policy = policy_.get();
    context_.programs = programs_.get();
    enrolment_ = std::make_unique<services::EnrolmentService>(*db_, &trail_, *policy_, clock_);
    context_.enrolment = enrolment_.get();
    card_keys_ = std::filesystem::temp_directory_path() /
                 ("jaring_matrix_cards_" + std::to_string(::getpid()));
    cards_ = std::make_unique<services::CardService>(*db_, &trail_, clock_, card_keys_);
    context_.cards = cards_.get();
    bills_ = std::make_unique<services::BillService>(*db_, &trail_, *policy_, clock_);
    context_.bills = bills_.get();
    reconciliations_ = std::make_unique<services::ReconciliationService>(*db_, &trail_);
    context_.reconciliations = reconciliations_.get();
    payments_ = std::make_unique<services::PaymentService>(*db_, &trail_, *policy_, clock_);
    context_.payments = payments_.get();
    claims_ = std::make_unique<services::ClaimService>(*db_, &trail_, clock_,
                                                       card_keys_ / "claim-documents");
    context_.claims = claims_.get();
    monev_ = std::make_unique<services::MonevService>(*db_, domain::RegionIndex::Embedded(),
                                                      &trail_, clock_, claims_.get());
    context_.monev = monev_.get();
    for (const char* regency : {kOwn, kOther}) {
      services::ProgramInput program;
      program.regency_code = regency;
      program.name = "Program uji";
      program.funding = {{domain::FundingSource::kDbhcht, 10000}};
      program.budget = domain::Money::Rupiah(2'800'000'000);
      program.from = "2025-09";
      program.to = "2025-12";
      program.quota = 28'448;
      auto id = programs_->Add(program, services::Actor::ForCli("test"));
      ASSERT_TRUE(id) << id.error().ToString();
      seeded_programs[regency] = *id;
    }
    for (const char* regency : {kOwn, kOther}) {
      auto first = db_->Workers().Find(regency, {.limit = 1});
      ASSERT_TRUE(first && !first->items.empty());
      const domain::Worker& w = first->items[0].worker;
      seeded_workers[regency] = w.id;
      auto nik = domain::EncodeNik(w.village_code.substr(0, 8), w.birth_date, w.sex, 77);
      ASSERT_TRUE(nik);
      seeded_edits[regency] = json{{"nik", *nik}, {"address", "Dusun Krajan"}}.dump();
    }
    SeedImport();
    router_ = std::make_unique<Router>(MakeAuthenticator(*accounts_));
    AddApiRoutes(*router_, context_);

    clients_.push_back({"nobody", "", "", kOwn, "", ""});
    for (const auto& account : *demo) {
      const bool province = account.scope_code == "35";
      clients_.push_back(
          {account.username, account.username, kOwn, province ? kOutside : kOther, "", ""});
    }
    clients_.push_back({"admin_daerah_35.13", "admin.probolinggo", kOther, kOwn, "", ""});
    for (auto& client : clients_) {
      if (client.username.empty()) continue;
      SignIn(client);
    }
  }

  void TearDown() override {
    router_.reset();
    payments_.reset();
    reconciliations_.reset();
    bills_.reset();
    cards_.reset();
    std::filesystem::remove_all(card_keys_);
    programs_.reset();
    policy_.reset();
    verval_jobs_.reset();
    settlement_.reset();
    review_.reset();
    verval_.reset();
    extracts_.reset();
    audit_view_.reset();
    registry_.reset();
    import_jobs_.reset();
    quarantine_.reset();
    accounts_.reset();
    dashboard_.reset();
    db_.Close();
  }

  void SeedImport() {
    const services::ImportJobs::Upload upload{kOwn, "Desa Lebakrejo", domain::SourceKind::kVillage,
                                              "", "uji.csv"};
    auto done = import_jobs_->Start(upload, kImportCsv);
    ASSERT_TRUE(done) << done.error().ToString();
    ASSERT_TRUE(import_jobs_->Wait(kOwn, done->id, std::chrono::seconds(60)));
    const auto actor = services::Actor::ForCli("test");
    ASSERT_TRUE(import_jobs_->Commit(kOwn, done->id, actor));
    auto committed = import_jobs_->Wait(kOwn, done->id, std::chrono::seconds(60));
    ASSERT_TRUE(committed);
    ASSERT_EQ(committed->state, services::JobState::kDone)
        << (committed->problem ? committed->problem->error.message : "");
    auto preview = import_jobs_->Start(upload, kImportCsv);
    ASSERT_TRUE(preview) << preview.error().ToString();
    ASSERT_TRUE(import_jobs_->Wait(kOwn, preview->id, std::chrono::seconds(60)));
    auto rows = quarantine_->List(kOwn, committed->batch_id, 0, 10);
    ASSERT_TRUE(rows) << rows.error().ToString();
    ASSERT_EQ(rows->rows.size(), 1u);
    seeded_import = {preview->id, done->id, committed->batch_id, rows->rows[0].id};
  }

  void SignIn(Client& client) {
    Request request;
    request.method = Method::kPost;
    request.path = "/api/v1/session";
    request.remote_address = "192.0.2.1";
    request.body =
        json{{"username", client.username}, {"password", services::kDemoPassword}}.dump();
    // What the web page's fetch sends.
    request.headers = {{"content-type", "application/json"},
                       {"host", "jaring.example"},
                       {"origin", "http://jaring.example"},
                       {"sec-fetch-site", "same-origin"}};
    const Response response = router_->Dispatch(request);
    ASSERT_EQ(response.status, 200) << client.label << ": " << response.body;
    for (const auto& [name, value] : response.headers) {
      if (name != "Set-Cookie") continue;
      EXPECT_NE(value.find("HttpOnly"), std::string::npos);
      EXPECT_NE(value.find("SameSite=Strict"), std::string::npos);
      EXPECT_NE(value.find("Path=/"), std::string::npos);
      EXPECT_EQ(value.find("Secure"), std::string::npos);  // plain HTTP, no flag
      client.cookie = value.substr(0, value.find(';'));
    }
    ASSERT_TRUE(client.cookie.starts_with("jaring_session=")) << client.label;
    client.csrf = json::parse(response.body).at("csrf_token").get<std::string>();
  }

  Response Call(const Client& client, Method method, const std::string& path, std::string body = {},
                bool with_csrf = true) const {
    Request request;
    request.method = method;
    request.path = path;
    if (auto target = ParseTarget(path)) {
      request.path = target->first;
      request.query = target->second;
    }
    if (body.starts_with('{')) request.headers.emplace_back("content-type", "application/json");
    request.body = std::move(body);
    request.remote_address = "192.0.2.1";
    if (!client.cookie.empty()) request.headers.emplace_back("cookie", client.cookie);
    if (with_csrf && !client.csrf.empty())
      request.headers.emplace_back("x-csrf-token", client.csrf);
    return router_->Dispatch(request);
  }

  // The body must not name anything of the regency the client may not see.
  void ExpectNoForeignData(const Client& client, const Response& response) const {
    if (client.foreign.empty()) return;
    EXPECT_EQ(response.body.find(client.foreign), std::string::npos)
        << client.label << " sees " << client.foreign << ": " << response.body;
    const domain::Region* foreign = regions_.Find(client.foreign);
    ASSERT_NE(foreign, nullptr);
    EXPECT_EQ(response.body.find(foreign->name), std::string::npos)
        << client.label << " sees " << foreign->name << ": " << response.body;
    if (client.foreign == kOutside) return;  // nothing seeded there beyond its name
    const auto& names = client.foreign == kOther ? foreign_districts_ : own_districts_;
    const auto& allowed = client.foreign == kOther ? own_districts_ : foreign_districts_;
    for (const auto& name : names) {
      if (allowed.contains(name)) continue;  // a district name both regencies use
      EXPECT_EQ(response.body.find("\"" + name + "\""), std::string::npos)
          << client.label << " sees district " << name;
    }
  }

  const domain::RegionIndex& regions_ = domain::RegionIndex::Embedded();
  FixedClock clock_{std::chrono::sys_days(std::chrono::year{2026} / 11 / 23) +
                    std::chrono::hours(3)};
  services::AccountSettings settings_;
  storage::testing::MigratedDatabase db_;
  std::unique_ptr<services::AccountService> accounts_;
  std::unique_ptr<services::DashboardService> dashboard_;
  services::AuditTrail trail_{clock_};
  std::unique_ptr<services::ImportJobs> import_jobs_;
  std::unique_ptr<services::QuarantineService> quarantine_;
  std::unique_ptr<services::RegistryService> registry_;
  std::unique_ptr<services::AuditView> audit_view_;
  std::unique_ptr<services::ExtractService> extracts_;
  std::unique_ptr<services::VervalService> verval_;
  std::unique_ptr<services::VervalJobs> verval_jobs_;
  std::unique_ptr<services::VervalReview> review_;
  std::unique_ptr<services::Settlement> settlement_;
  std::unique_ptr<services::PolicyService> policy_;
  std::unique_ptr<services::ProgramService> programs_;
  std::unique_ptr<services::EnrolmentService> enrolment_;
  std::filesystem::path card_keys_;
  std::unique_ptr<services::CardService> cards_;
  std::unique_ptr<services::BillService> bills_;
  std::unique_ptr<services::ReconciliationService> reconciliations_;
  std::unique_ptr<services::PaymentService> payments_;
  std::unique_ptr<services::ClaimService> claims_;
  std::unique_ptr<services::MonevService> monev_;
  ApiContext context_;
  std::unique_ptr<Router> router_;
  std::vector<Client> clients_;
  std::set<std::string> own_districts_, foreign_districts_;
};

// What each route does for a client; every route of the table must appear here.
struct Expectation {
  Method method;
  std::string path;
  std::string body;
  int status;
};

std::map<std::string, std::vector<Expectation>> MatrixFor(const Client& c) {
  const bool anonymous = c.username.empty();
  const int signed_in = anonymous ? 401 : 200;
  const std::string own = anonymous ? kOwn : c.own;
  const std::string regency = "/api/v1/regencies/" + own;
  const std::string foreign = "/api/v1/regencies/" + c.foreign;
  const bool importer = c.username == "operator";  // the demo operator of kOwn
  const int denied = anonymous ? 401 : 403;
  const int refused = anonymous ? 401 : 403;
  const SeededImport& imports = seeded_import;
  // The registry rows: the client's role decides, in its own regency.
  const auto role = c.username == "admin.probolinggo" ? std::optional(auth::Role::kAdminDaerah)
                                                      : auth::RoleFromCode(c.username);
  const auto allows = [&](Permission p) { return role && auth::RoleHas(*role, p); };
  const auto may = [&](Permission p) { return anonymous ? 401 : (allows(p) ? 200 : 403); };
  // `ok` for a caller holding `p`, 403 (401 anonymous) otherwise.
  const auto gate = [&](Permission p, int ok) { return anonymous ? 401 : (allows(p) ? ok : 403); };
  // Who may print membership cards (CardService).
  const bool printer =
      allows(Permission::kManageEnrolment) || allows(Permission::kExportPersonalData);
  // Who may issue bills, reconcile invoices and record payments; who may take files out.
  const bool finance = allows(Permission::kManageEnrolment) || allows(Permission::kManagePrograms);
  const bool exporter = allows(Permission::kExportPersonalData);
  const bool claims = allows(Permission::kManageClaims);
  const std::string own_id = std::to_string(seeded_workers[own]);
  const std::string foreign_id =
      std::to_string(seeded_workers[own == kOwn ? std::string(kOther) : std::string(kOwn)]);
  const std::string own_worker = regency + "/workers/" + own_id;
  const std::string own_program = regency + "/programs/" + std::to_string(seeded_programs[own]);
  const std::string foreign_program =
      std::to_string(seeded_programs[own == kOwn ? std::string(kOther) : std::string(kOwn)]);
  return {
      {"health", {{Method::kGet, "/api/v1/health", "", 200}}},
      // Public, but a sign-in without credentials is a bad request for everyone.
      {"session.sign_in", {{Method::kPost, "/api/v1/session", "{}", 400}}},
      {"session.current", {{Method::kGet, "/api/v1/session", "", signed_in}}},
      {"session.change_password",
       {{Method::kPost, "/api/v1/session/password",
         R"({"current_password":"not-the-password","new_password":"Sebuah kata sandi baru 7"})",
         anonymous ? 401 : 403}}},
      {"regency.list", {{Method::kGet, "/api/v1/regencies", "", signed_in}}},
      {"regency.dashboard",
       {{Method::kGet, "/api/v1/regencies/" + own + "/dashboard", "", signed_in},
        {Method::kGet, "/api/v1/regencies/" + c.foreign + "/dashboard", "",
         anonymous ? 401 : 403}}},
      // Imports: only the operator imports; everyone of the regency sees the batch list.
      {"imports.upload",
       {{Method::kPost, regency + "/imports?source=Desa%20Lebakrejo&source_kind=village",
         kImportCsv, importer ? 202 : denied},
        {Method::kPost, foreign + "/imports?source=Desa%20Lebakrejo", kImportCsv, refused}}},
      {"imports.list",
       {{Method::kGet, regency + "/imports", "", signed_in},
        {Method::kGet, foreign + "/imports", "", refused}}},
      {"imports.job",
       {{Method::kGet, regency + "/imports/jobs/" + imports.preview_job, "",
         importer ? 200 : denied},
        {Method::kGet, foreign + "/imports/jobs/" + imports.preview_job, "", refused}}},
      {"imports.mapping",
       {{Method::kPut, regency + "/imports/jobs/" + imports.preview_job + "/mapping",
         R"({"columns":[],"save_template":false})", importer ? 202 : denied},
        {Method::kPut, foreign + "/imports/jobs/" + imports.preview_job + "/mapping",
         R"({"columns":[]})", refused}}},
      {"imports.commit",
       {{Method::kPost, regency + "/imports/jobs/" + imports.done_job + "/commit", "",
         importer ? 409 : denied},
        {Method::kPost, foreign + "/imports/jobs/" + imports.done_job + "/commit", "", refused}}},
      {"imports.discard",
       {{Method::kDelete, regency + "/imports/jobs/j_00000000000000000000000000000000", "",
         importer ? 404 : denied},
        {Method::kDelete, foreign + "/imports/jobs/" + imports.preview_job, "", refused}}},
      {"imports.quarantine",
       {{Method::kGet, regency + "/imports/" + std::to_string(imports.batch) + "/quarantine", "",
         importer ? 200 : denied},
        {Method::kGet, foreign + "/imports/" + std::to_string(imports.batch) + "/quarantine", "",
         refused}}},
      {"quarantine.fix",
       {{Method::kPost, regency + "/quarantine/" + std::to_string(imports.row) + "/fix",
         R"({"values":{"nik":"123"}})", importer ? 422 : denied},
        {Method::kPost, foreign + "/quarantine/" + std::to_string(imports.row) + "/fix",
         R"({"values":{"nik":"123"}})", refused}}},
      {"imports.templates",
       {{Method::kGet, regency + "/import-templates", "", importer ? 200 : denied},
        {Method::kGet, foreign + "/import-templates", "", refused}}},
      // Registry: every role of the regency views; the operator edits; operator and BPJS
      // export; administrators and auditors unmask. A worker of another regency is 404.
      {"registry.list",
       {{Method::kGet, regency + "/workers?sort=-name&page_size=10", "", signed_in},
        // Ordered by NIK the hidden digits would show through: only for who sees them.
        {Method::kGet, regency + "/workers?sort=-nik&page_size=10", "",
         anonymous ? 401 : (allows(Permission::kViewWorkerNik) ? 200 : 400)},
        {Method::kGet, foreign + "/workers", "", refused}}},
      {"registry.get",
       {{Method::kGet, own_worker, "", signed_in},
        {Method::kGet, regency + "/workers/" + foreign_id, "", anonymous ? 401 : 404},
        {Method::kGet, foreign + "/workers/" + foreign_id, "", refused}}},
      {"registry.edit",
       {{Method::kPatch, own_worker, seeded_edits[own], may(Permission::kEditWorkers)},
        {Method::kPatch, regency + "/workers/" + foreign_id, R"({"address":"x"})",
         anonymous ? 401 : (allows(Permission::kEditWorkers) ? 404 : 403)},
        {Method::kPatch, foreign + "/workers/" + foreign_id, R"({"address":"x"})", refused}}},
      {"registry.status",
       {{Method::kPost, regency + "/workers/status",
         R"({"ids":[)" + own_id + R"(],"status":"aktif","reason":"uji"})",
         may(Permission::kEditWorkers)},
        {Method::kPost, foreign + "/workers/status",
         R"({"ids":[)" + foreign_id + R"(],"status":"aktif","reason":"uji"})", refused}}},
      {"registry.export",
       {{Method::kGet, regency + "/workers/export?format=csv", "",
         may(Permission::kExportPersonalData)},
        {Method::kGet, foreign + "/workers/export?format=csv", "", refused}}},
      {"registry.unmask",
       {{Method::kPost, own_worker + "/unmask", "", may(Permission::kUnmaskNik)},
        {Method::kPost, foreign + "/workers/" + foreign_id + "/unmask", "", refused}}},
      // The audit view: administrators and auditors, each only of their own scope (the body
      // check below catches an entry of the foreign regency, such as its administrator's
      // creation and sign-in).
      {"audit.search",
       {{Method::kGet, "/api/v1/audit?limit=1000", "", may(Permission::kViewAudit)},
        {Method::kGet, "/api/v1/audit?action=no_such_action", "",
         anonymous ? 401 : (allows(Permission::kViewAudit) ? 400 : 403)}}},
      // Verval: the verifier runs, reviews, decides and settles; reports for those who read
      // them. No run exists for the month: allowed callers get the service's answer (409
      // "not yet run", 404, 400 for a bad period), never data of the month.
      {"verval.overview",
       {{Method::kGet, regency + "/verval?period=2025-10", "", gate(Permission::kViewReports, 200)},
        {Method::kGet, foreign + "/verval?period=2025-10", "", refused}}},
      {"verval.run",
       {{Method::kPost, regency + "/verval/runs", R"({"period":"2025-13"})",
         gate(Permission::kDecide, 400)},
        {Method::kPost, foreign + "/verval/runs", R"({"period":"2025-10"})", refused}}},
      {"verval.findings",
       {{Method::kGet, regency + "/verval/findings?period=2025-10", "",
         gate(Permission::kDecide, 409)},
        {Method::kGet, foreign + "/verval/findings?period=2025-10", "", refused}}},
      {"verval.finding",
       {{Method::kGet, regency + "/verval/findings/999999", "", gate(Permission::kDecide, 404)},
        {Method::kGet, foreign + "/verval/findings/1", "", refused}}},
      {"verval.findings_xlsx",
       {{Method::kGet, regency + "/verval/findings.xlsx?period=2025-10", "",
         gate(Permission::kExportPersonalData, 409)},
        {Method::kGet, foreign + "/verval/findings.xlsx?period=2025-10", "", refused}}},
      {"verval.decide",
       {{Method::kPost, regency + "/verval/decisions",
         R"({"period":"2025-10","all":true,"verdict":"accept","reason":"uji"})",
         gate(Permission::kDecide, 409)},
        {Method::kPost, foreign + "/verval/decisions",
         R"({"period":"2025-10","all":true,"verdict":"accept","reason":"uji"})", refused}}},
      {"verval.settle",
       {{Method::kPost, regency + "/verval/settle", R"({"period":"2025-10"})",
         gate(Permission::kDecide, 409)},
        {Method::kPost, foreign + "/verval/settle", R"({"period":"2025-10"})", refused}}},
      {"verval.minutes",
       {{Method::kGet, regency + "/verval/minutes?period=2025-10", "",
         gate(Permission::kViewReports, 404)},
        {Method::kGet, foreign + "/verval/minutes?period=2025-10", "", refused}}},
      {"verval.history",
       {{Method::kGet, regency + "/verval/history", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/verval/history", "", refused}}},
      {"verval.settings",
       {{Method::kGet, regency + "/verval/settings", "", gate(Permission::kDecide, 200)},
        {Method::kGet, foreign + "/verval/settings", "", refused}}},
      {"verval.settings_save",
       {{Method::kPut, regency + "/verval/settings", R"({"duplicate_threshold":5})",
         gate(Permission::kManageUsers, 400)},
        {Method::kPut, foreign + "/verval/settings", "{}", refused}}},
      {"extracts.list",
       {{Method::kGet, regency + "/extracts", "", gate(Permission::kImport, 200)},
        {Method::kGet, foreign + "/extracts", "", refused}}},
      {"extracts.upload",
       {{Method::kPost, regency + "/extracts?kind=deaths&period=2025-13", "id,nik\n",
         gate(Permission::kImport, 400)},
        {Method::kPost, foreign + "/extracts?kind=deaths&period=2025-10", "id,nik\n", refused}}},
      {"extracts.demo",
       {{Method::kGet, regency + "/demo-extracts/deaths.csv", "", gate(Permission::kImport, 404)},
        {Method::kGet, foreign + "/demo-extracts/deaths.csv", "", refused}}},
      // Programs: everyone of the regency reads and simulates; administrators and the operator
      // record them (bodies that are refused, so the matrix changes nothing); a program of
      // another regency is 404 through one's own path. Rule versions: everyone reads, only the
      // province administrator adds.
      {"programs.list",
       {{Method::kGet, regency + "/programs", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/programs", "", refused}}},
      {"programs.create",
       {{Method::kPost, regency + "/programs", R"({"name":"x","funding":[],"budget":1})",
         gate(Permission::kManagePrograms, 400)},
        {Method::kPost, foreign + "/programs", R"({"name":"x"})", refused}}},
      {"programs.get",
       {{Method::kGet, own_program, "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, regency + "/programs/" + foreign_program, "",
         gate(Permission::kViewDashboard, 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program, "", refused}}},
      {"programs.revise",
       {{Method::kPost, own_program + "/revisions",
         R"({"budget":0,"decree":"x","date":"2025-10-01"})",
         gate(Permission::kManagePrograms, 400)},
        {Method::kPost, regency + "/programs/" + foreign_program + "/revisions",
         R"({"budget":5,"decree":"x","date":"2025-10-01"})",
         gate(Permission::kManagePrograms, 404)},
        {Method::kPost, foreign + "/programs/" + foreign_program + "/revisions",
         R"({"budget":5,"decree":"x","date":"2025-10-01"})", refused}}},
      {"programs.simulate",
       {{Method::kGet, own_program + "/simulation?workers=100", "",
         gate(Permission::kViewDashboard, 200)},
        {Method::kGet, regency + "/programs/" + foreign_program + "/simulation", "",
         gate(Permission::kViewDashboard, 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/simulation", "", refused}}},
      {"policy.in_force",
       {{Method::kGet, "/api/v1/policy?date=2025-10-01", "", may(Permission::kViewDashboard)}}},
      {"policy.add",
       {{Method::kPost, "/api/v1/policy", "{}", gate(Permission::kManagePolicy, 400)}}},
      {"policy.benefit_rules",
       {{Method::kGet, "/api/v1/policy/benefit-rules?date=2025-10-01", "",
         may(Permission::kViewDashboard)}}},
      // Enrolment: no batch or answer exists; allowed callers get the service's answer (400 for
      // a bad month, 404 for a missing batch, answer or worker), never another regency's.
      {"enrolment.batches",
       {{Method::kGet, own_program + "/batches", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/batches", "", refused}}},
      {"enrolment.create_batch",
       {{Method::kPost, own_program + "/batches", R"({"period":"2025-13"})",
         gate(Permission::kManageEnrolment, 400)},
        {Method::kPost, foreign + "/programs/" + foreign_program + "/batches",
         R"({"period":"2025-10"})", refused}}},
      {"enrolment.budget_months",
       {{Method::kGet, own_program + "/budget-months", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, regency + "/programs/" + foreign_program + "/budget-months", "",
         gate(Permission::kViewDashboard, 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/budget-months", "", refused}}},
      {"enrolment.ineligible",
       {{Method::kGet, own_program + "/ineligible", "", gate(Permission::kViewWorkers, 200)},
        {Method::kGet, regency + "/programs/" + foreign_program + "/ineligible", "",
         gate(Permission::kViewWorkers, 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/ineligible", "", refused}}},
      {"enrolment.answers",
       {{Method::kGet, own_program + "/answers", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/answers", "", refused}}},
      {"enrolment.answer",
       {{Method::kGet, own_program + "/answers/999999", "", gate(Permission::kViewWorkers, 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/answers/1", "", refused}}},
      {"enrolment.batch",
       {{Method::kGet, regency + "/enrolment-batches/999999", "",
         gate(Permission::kViewDashboard, 404)},
        {Method::kGet, foreign + "/enrolment-batches/1", "", refused}}},
      {"enrolment.members",
       {{Method::kGet, regency + "/enrolment-batches/999999/members", "",
         gate(Permission::kViewWorkers, 404)},
        {Method::kGet, foreign + "/enrolment-batches/1/members", "", refused}}},
      {"enrolment.approve",
       {{Method::kPost, regency + "/enrolment-batches/999999/approval", "{}",
         gate(Permission::kDecide, 404)},
        {Method::kPost, foreign + "/enrolment-batches/1/approval", "{}", refused}}},
      {"enrolment.file",
       {{Method::kGet, regency + "/enrolment-batches/999999/file", "",
         gate(Permission::kManageEnrolment, 404)},
        {Method::kGet, foreign + "/enrolment-batches/1/file", "", refused}}},
      {"enrolment.import_answer",
       {{Method::kPost, regency + "/enrolment-answers?program=999999",
         "nik,nama\n3514010101900001,Uji\n", gate(Permission::kManageEnrolment, 404)},
        {Method::kPost, foreign + "/enrolment-answers?program=1", "nik\n", refused}}},
      {"enrolment.worker_coverage",
       {{Method::kGet, regency + "/workers/999999/coverage", "",
         gate(Permission::kViewWorkers, 404)},
        {Method::kGet, foreign + "/workers/1/coverage", "", refused}}},
      // Cards: the key and the check are public (a forged token is a page saying so, or 400);
      // printing needs manage_enrolment or export_personal_data besides view_workers (else 403,
      // or 404 for the list), and no worker is covered yet (409).
      {"cards.key", {{Method::kGet, "/api/v1/card-key", "", 200}}},
      {"cards.status", {{Method::kGet, "/api/v1/cards/bm90LWEtY2FyZA.AAAA/status", "", 400}}},
      {"cards.check_page", {{Method::kGet, "/cek/bm90LWEtY2FyZA.AAAA", "", 200}}},
      {"cards.list",
       {{Method::kGet, own_program + "/cards", "",
         gate(Permission::kViewWorkers, printer ? 200 : 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/cards", "", refused}}},
      {"cards.issue",
       {{Method::kPost, own_program + "/cards", "{}",
         gate(Permission::kViewWorkers, printer ? 409 : 403)},
        {Method::kPost, foreign + "/programs/" + foreign_program + "/cards", "{}", refused}}},
      {"cards.pdf",
       {{Method::kGet, own_program + "/cards.pdf", "",
         gate(Permission::kViewWorkers, printer ? 409 : 403)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/cards.pdf", "", refused}}},
      {"cards.revoke",
       {{Method::kPost, regency + "/cards/999999/revocation", R"({"reason":"lost"})",
         gate(Permission::kManageEnrolment, 404)},
        {Method::kPost, foreign + "/cards/1/revocation", R"({"reason":"lost"})", refused}}},
      // Bills, invoices, payments: reading needs view_dashboard (lines view_workers); issuing,
      // reconciling, resolving and paying need manage_enrolment or manage_programs (else 403);
      // the files need export_personal_data. Nothing is billed yet (404, 409 for a payment).
      {"bills.list",
       {{Method::kGet, own_program + "/bills", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/bills", "", refused}}},
      {"bills.issue",
       {{Method::kPost, own_program + "/bills", "{}",
         gate(Permission::kViewDashboard, finance ? 400 : 403)},
        {Method::kPost, foreign + "/programs/" + foreign_program + "/bills", "{}", refused}}},
      {"bills.get",
       {{Method::kGet, own_program + "/bills/2025-09", "", gate(Permission::kViewDashboard, 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/bills/2025-09", "", refused}}},
      {"bills.lines",
       {{Method::kGet, own_program + "/bills/2025-09/lines", "",
         gate(Permission::kViewWorkers, 404)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/bills/2025-09/lines", "",
         refused}}},
      {"bills.file",
       {{Method::kGet, own_program + "/bills/2025-09/file", "",
         gate(Permission::kViewWorkers, exporter ? 404 : 403)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/bills/2025-09/file", "",
         refused}}},
      {"invoices.upload",
       {{Method::kPost, regency + "/invoices?program=999999&period=2025-09",
         "nik,iuran\n3514010101900001,16800\n",
         gate(Permission::kViewDashboard, finance ? 404 : 403)},
        {Method::kPost, foreign + "/invoices?program=1&period=2025-09", "nik,iuran\n", refused}}},
      {"invoices.list",
       {{Method::kGet, own_program + "/invoices", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/invoices", "", refused}}},
      {"invoices.get",
       {{Method::kGet, regency + "/invoices/999999", "", gate(Permission::kViewDashboard, 404)},
        {Method::kGet, foreign + "/invoices/1", "", refused}}},
      {"invoices.lines",
       {{Method::kGet, regency + "/invoices/999999/lines", "",
         gate(Permission::kViewDashboard, 404)},
        {Method::kGet, foreign + "/invoices/1/lines", "", refused}}},
      {"invoices.lines_csv",
       {{Method::kGet, regency + "/invoices/999999/lines.csv", "",
         gate(Permission::kViewWorkers, exporter ? 404 : 403)},
        {Method::kGet, foreign + "/invoices/1/lines.csv", "", refused}}},
      {"invoices.resolve",
       {{Method::kPost, regency + "/invoices/999999/lines/1/resolution",
         R"({"reason":"sudah dicek"})", gate(Permission::kViewDashboard, finance ? 404 : 403)},
        {Method::kPost, foreign + "/invoices/1/lines/1/resolution", R"({"reason":"sudah dicek"})",
         refused}}},
      {"payments.list",
       {{Method::kGet, own_program + "/payments", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/payments", "", refused}}},
      {"payments.add",
       {{Method::kPost, own_program + "/payments",
         R"({"period":"2025-09","amount":16800,"date":"2025-09-20","reference":"SP2D-1"})",
         gate(Permission::kViewDashboard, finance ? 409 : 403)},
        {Method::kPost, foreign + "/programs/" + foreign_program + "/payments", "{}", refused}}},
      {"payments.arrears",
       {{Method::kGet, own_program + "/arrears", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/programs/" + foreign_program + "/arrears", "", refused}}},
      // Claims: everyone who sees the regency's people reads them; the operator and the branch
      // officer manage them; a case that does not exist is 404 to whoever may look, and the
      // own worker has no cover, so opening a case for them is refused as bad input.
      {"claims.list",
       {{Method::kGet, regency + "/claims", "", gate(Permission::kViewWorkers, 200)},
        {Method::kGet, foreign + "/claims", "", refused}}},
      {"claims.open",
       {{Method::kPost, regency + "/claims",
         R"({"worker_id":)" + own_id + R"(,"kind":"jkm","event_date":"2025-10-05"})",
         gate(Permission::kViewWorkers, claims ? 400 : 403)},
        {Method::kPost, foreign + "/claims",
         R"({"worker_id":)" + foreign_id + R"(,"kind":"jkm","event_date":"2025-10-05"})",
         refused}}},
      {"claims.get",
       {{Method::kGet, regency + "/claims/999999", "", gate(Permission::kViewWorkers, 404)},
        {Method::kGet, foreign + "/claims/1", "", refused}}},
      {"claims.heirs",
       {{Method::kPut, regency + "/claims/999999/heirs",
         R"({"heirs":[{"name":"A","relation":"spouse","recipient":true,"payout":"cash"}]})",
         gate(Permission::kViewWorkers, claims ? 404 : 403)},
        {Method::kPut, foreign + "/claims/1/heirs", R"({"heirs":[]})", refused}}},
      {"claims.document_upload",
       {{Method::kPost, regency + "/claims/999999/documents/kk", "%PDF-1.4\n",
         gate(Permission::kViewWorkers, claims ? 404 : 403)},
        {Method::kPost, foreign + "/claims/1/documents/kk", "%PDF-1.4\n", refused}}},
      {"claims.document_seen",
       {{Method::kPost, regency + "/claims/999999/documents/kk/seen", "",
         gate(Permission::kViewWorkers, claims ? 404 : 403)},
        {Method::kPost, foreign + "/claims/1/documents/kk/seen", "", refused}}},
      {"claims.document",
       {{Method::kGet, regency + "/claims/999999/documents/kk", "",
         gate(Permission::kViewWorkers, claims ? 404 : 403)},
        {Method::kGet, foreign + "/claims/1/documents/kk", "", refused}}},
      {"claims.transition",
       {{Method::kPost, regency + "/claims/999999/transitions", R"({"to":"dossier_complete"})",
         gate(Permission::kViewWorkers, 404)},
        {Method::kPost, foreign + "/claims/1/transitions", R"({"to":"dossier_complete"})",
         refused}}},
      {"claims.export",
       {{Method::kGet, regency + "/claims-submitted.xlsx", "",
         gate(Permission::kViewWorkers, exporter ? 200 : 403)},
        {Method::kGet, foreign + "/claims-submitted.xlsx", "", refused}}},
      {"claims.import",
       {{Method::kPost, regency + "/claim-decisions", "No. Klaim,Keputusan\n999999,Disetujui\n",
         gate(Permission::kViewWorkers, claims ? 200 : 403)},
        {Method::kPost, foreign + "/claim-decisions", "No. Klaim,Keputusan\n1,Disetujui\n",
         refused}}},
      {"claims.report",
       {{Method::kGet, regency + "/claims-report", "", gate(Permission::kViewReports, 200)},
        {Method::kGet, foreign + "/claims-report", "", refused}}},
      {"claims.targets",
       {{Method::kGet, regency + "/claim-targets", "", gate(Permission::kViewWorkers, 200)},
        {Method::kGet, foreign + "/claim-targets", "", refused}}},
      {"claims.targets_set",
       {{Method::kPut, regency + "/claim-targets", R"({"detect_days":7})",
         gate(Permission::kViewWorkers, allows(Permission::kManageUsers) ? 200 : 403)},
        {Method::kPut, foreign + "/claim-targets", R"({"detect_days":7})", refused}}},
      // Monitoring: every role sees its regency's figures and the province's regencies it may
      // see; a region outside the caller's scope is not found. Targets and denominators are
      // set by the administrators (manage_targets), never for a regency outside their scope.
      {"monev.regency",
       {{Method::kGet, regency + "/coverage", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/coverage", "", refused}}},
      {"monev.villages",
       {{Method::kGet, regency + "/coverage/districts/" + own + ".01", "",
         gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/coverage/districts/" + c.foreign + ".01", "", refused}}},
      {"monev.province",
       {{Method::kGet, "/api/v1/provinces/35/coverage", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, "/api/v1/provinces/36/coverage", "", anonymous ? 401 : 404}}},
      {"monev.denominators",
       {{Method::kGet, "/api/v1/regions/" + own + "/denominators", "",
         gate(Permission::kViewDashboard, 200)},
        {Method::kGet, "/api/v1/regions/" + c.foreign + "/denominators", "",
         anonymous ? 401 : 404}}},
      {"monev.denominator_set",
       {{Method::kPut, "/api/v1/regions/" + own + "/denominators/2025/working_population",
         R"({"value":612000,"source":"BPS Sakernas Agustus 2024"})",
         gate(Permission::kManageTargets, 200)},
        {Method::kPut, "/api/v1/regions/" + c.foreign + "/denominators/2025/working_population",
         R"({"value":1,"source":"x"})", refused}}},
      {"monev.denominators_import",
       {{Method::kPost, "/api/v1/denominators",
         "kode_wilayah,tahun,nama,nilai,sumber\n" + own + ",2025,informal_workers,400000,BPS\n",
         gate(Permission::kManageTargets, 200)},
        {Method::kPost, "/api/v1/denominators",
         "kode_wilayah,tahun,nama,nilai,sumber\n" + c.foreign + ",2025,informal_workers,1,x\n",
         refused}}},
      {"monev.targets",
       {{Method::kGet, "/api/v1/regions/" + own + "/targets", "",
         gate(Permission::kViewDashboard, 200)},
        {Method::kGet, "/api/v1/regions/" + c.foreign + "/targets", "", anonymous ? 401 : 404}}},
      {"monev.target_set",
       {{Method::kPut, "/api/v1/regions/" + own + "/targets/2025", R"({"value":0.33})",
         gate(Permission::kManageTargets, 200)},
        {Method::kPut, "/api/v1/regions/" + c.foreign + "/targets/2025", R"({"value":0.33})",
         refused}}},
      {"monev.boundaries",
       {{Method::kGet, regency + "/boundaries", "", gate(Permission::kViewDashboard, 200)},
        {Method::kGet, foreign + "/boundaries", "", refused}}},
      {"monev.boundaries_set",
       {{Method::kPost, regency + "/boundaries",
         R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kode":")" +
             own +
             R"(.01"},"geometry":{"type":"Polygon","coordinates":[[[112.0,-7.6],[112.1,-7.6],[112.1,-7.7],[112.0,-7.6]]]}}]})",
         gate(Permission::kManageTargets, 200)},
        {Method::kPost, foreign + "/boundaries", R"({"type":"FeatureCollection","features":[]})",
         refused}}},
      // The monev report: no month is settled here, so those who read reports are told so
      // (409); the province's report lists the regencies the caller sees, its ranking chart
      // needs a ranked regency (409).
      {"monev.report_pdf",
       {{Method::kGet, regency + "/monev.pdf?period=2025-10", "",
         gate(Permission::kViewReports, 409)},
        {Method::kGet, foreign + "/monev.pdf", "", refused}}},
      {"monev.report_xlsx",
       {{Method::kGet, regency + "/monev.xlsx", "", gate(Permission::kViewReports, 409)},
        {Method::kGet, foreign + "/monev.xlsx", "", refused}}},
      {"monev.report_chart",
       {{Method::kGet, regency + "/monev/charts/trend.png", "", gate(Permission::kViewReports, 409)},
        {Method::kGet, foreign + "/monev/charts/trend.png", "", refused}}},
      {"monev.province_pdf",
       {{Method::kGet, "/api/v1/provinces/35/monev.pdf?period=2025-10", "",
         gate(Permission::kViewReports, 200)},
        {Method::kGet, "/api/v1/provinces/36/monev.pdf", "", anonymous ? 401 : 404}}},
      {"monev.province_xlsx",
       {{Method::kGet, "/api/v1/provinces/35/monev.xlsx?period=2025-10", "",
         gate(Permission::kViewReports, 200)},
        {Method::kGet, "/api/v1/provinces/36/monev.xlsx", "", anonymous ? 401 : 404}}},
      {"monev.province_chart",
       {{Method::kGet, "/api/v1/provinces/35/monev/charts/ranking.png?period=2025-10", "",
         gate(Permission::kViewReports, 409)},
        {Method::kGet, "/api/v1/provinces/36/monev/charts/ranking.png", "",
         anonymous ? 401 : 404}}},
      // Last: it ends the session.
      {"session.sign_out", {{Method::kDelete, "/api/v1/session", "", anonymous ? 401 : 204}}},
  };
}

TEST_P(AuthorizationMatrixTest, EveryRouteAsEveryRoleInsideAndOutsideTheTenant) {
  std::set<std::string> route_names;
  for (const Route& route : router_->routes()) route_names.insert(route.name);
  for (const Client& client : clients_) {
    SCOPED_TRACE(client.label);
    const auto matrix = MatrixFor(client);
    for (const auto& name : route_names) {
      EXPECT_TRUE(matrix.contains(name)) << "route " << name << " is missing from the matrix";
    }
    // sign_out last, whatever the map's order.
    std::vector<std::string> order(route_names.begin(), route_names.end());
    std::stable_partition(order.begin(), order.end(),
                          [](const std::string& n) { return n != "session.sign_out"; });
    for (const auto& name : order) {
      const auto it = matrix.find(name);
      if (it == matrix.end()) continue;
      for (const Expectation& e : it->second) {
        SCOPED_TRACE(std::string(MethodName(e.method)) + " " + e.path);
        const Response response = Call(client, e.method, e.path, e.body);
        EXPECT_EQ(response.status, e.status) << response.body;
        ExpectNoForeignData(client, response);
      }
    }
    // After sign-out the same cookie is nobody.
    if (!client.username.empty()) {
      EXPECT_EQ(Call(client, Method::kGet, "/api/v1/session").status, 401);
    }
  }
}

TEST_P(AuthorizationMatrixTest, RegencyListIsTheVisibleRegencies) {
  for (const Client& client : clients_) {
    if (client.username.empty()) continue;
    SCOPED_TRACE(client.label);
    const Response response = Call(client, Method::kGet, "/api/v1/regencies");
    ASSERT_EQ(response.status, 200);
    std::vector<std::string> listed;
    const json body = json::parse(response.body);
    for (const auto& item : body.at("items")) listed.push_back(item.at("code"));
    const bool province = client.foreign == kOutside;
    const std::vector<std::string> expected =
        province ? std::vector<std::string>{kOther, kOwn} : std::vector<std::string>{client.own};
    EXPECT_EQ(listed, expected) << response.body;
  }
}

TEST_P(AuthorizationMatrixTest, SessionSaysWhoAndWhichRole) {
  const Client& admin = clients_.back();
  const Response response = Call(admin, Method::kGet, "/api/v1/session");
  ASSERT_EQ(response.status, 200);
  const json body = json::parse(response.body);
  EXPECT_EQ(body["user"]["username"], "admin.probolinggo");
  ASSERT_EQ(body["roles"].size(), 1u);
  EXPECT_EQ(body["roles"][0]["role"], "admin_daerah");
  EXPECT_EQ(body["roles"][0]["name"], "Admin Daerah");
  EXPECT_EQ(body["roles"][0]["scope"], kOther);
  EXPECT_EQ(body["csrf_token"], admin.csrf);
}

TEST_P(AuthorizationMatrixTest, StateChangesWithTheCookieNeedTheCsrfToken) {
  const Client& client = clients_[1];
  const Response refused = Call(client, Method::kDelete, "/api/v1/session", "", false);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json::parse(refused.body)["code"], "CSRF_TOKEN_INVALID");
  EXPECT_EQ(Call(client, Method::kGet, "/api/v1/session").status, 200);  // still signed in
}

TEST_P(AuthorizationMatrixTest, WrongPasswordIs401AndThrottledSignInIs429) {
  Request request;
  request.method = Method::kPost;
  request.path = "/api/v1/session";
  request.remote_address = "198.51.100.7";
  request.headers = {{"content-type", "application/json"}};
  request.body = json{{"username", "operator"}, {"password", "salah-salah-salah"}}.dump();
  Response last;
  for (int attempt = 0; attempt < settings_.user_throttle.free_failures; ++attempt) {
    Request copy = request;
    last = router_->Dispatch(copy);
    ASSERT_EQ(last.status, 401) << last.body;
    EXPECT_EQ(json::parse(last.body)["code"], "INVALID_CREDENTIALS");
  }
  // Now even the right password waits.
  request.body = json{{"username", "operator"}, {"password", services::kDemoPassword}}.dump();
  const Response throttled = router_->Dispatch(request);
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  std::string retry_after;
  for (const auto& [name, value] : throttled.headers) {
    if (name == "Retry-After") retry_after = value;
  }
  EXPECT_EQ(retry_after, "60");  // base_delay after the 5th failure, the clock standing still
}

// The session's bodies are read like every other (http/api_json): a field that is not text is a
// 400 naming it, not taken as empty.
TEST_P(AuthorizationMatrixTest, SessionFieldsThatAreNotTextAre400NamingTheField) {
  const Client anonymous;
  const Response sign_in =
      Call(anonymous, Method::kPost, "/api/v1/session",
           json{{"username", 7}, {"password", services::kDemoPassword}}.dump());
  EXPECT_EQ(sign_in.status, 400) << sign_in.body;
  EXPECT_EQ(json::parse(sign_in.body)["detail"], "username harus teks") << sign_in.body;
  const Client& op = *std::ranges::find(clients_, std::string("operator"), &Client::username);
  const Response change =
      Call(op, Method::kPost, "/api/v1/session/password",
           json{{"current_password", services::kDemoPassword}, {"new_password", true}}.dump());
  EXPECT_EQ(change.status, 400) << change.body;
  EXPECT_EQ(json::parse(change.body)["detail"], "new_password harus teks") << change.body;
}

// Login CSRF (issue 11, finding 5): a page on another site must not sign a browser in to its
// own account. Sign-in takes only JSON (which a form cannot send without a CORS preflight
// jaring never answers) and refuses what the browser says came from another site; clients
// that are not browsers send neither Origin nor Sec-Fetch-Site and are let through.
TEST_P(AuthorizationMatrixTest, SignInFromAnotherSiteIsRefused) {
  const std::string good =
      json{{"username", "operator"}, {"password", services::kDemoPassword}}.dump();
  struct Case {
    std::string label;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"a form on another site",
       {{"content-type", "application/x-www-form-urlencoded"},
        {"origin", "https://evil.example"},
        {"sec-fetch-site", "cross-site"}},
       "username=operator&password=demo-jaring-2025",
       415,
       "UNSUPPORTED_MEDIA_TYPE"},
      {"a text/plain form carrying JSON",
       {{"content-type", "text/plain"}},
       good,
       415,
       "UNSUPPORTED_MEDIA_TYPE"},
      {"no content type", {}, good, 415, "UNSUPPORTED_MEDIA_TYPE"},
      {"JSON said to come from another site",
       {{"content-type", "application/json"}, {"sec-fetch-site", "cross-site"}},
       good,
       403,
       "CROSS_SITE_REQUEST"},
      {"JSON from a sibling site",
       {{"content-type", "application/json"}, {"sec-fetch-site", "same-site"}},
       good,
       403,
       "CROSS_SITE_REQUEST"},
      {"JSON from another origin (older browser, no Sec-Fetch-Site)",
       {{"content-type", "application/json"},
        {"host", "jaring.example"},
        {"origin", "https://evil.example"}},
       good,
       403,
       "CROSS_SITE_REQUEST"},
      {"JSON from an opaque origin",
       {{"content-type", "application/json"}, {"host", "jaring.example"}, {"origin", "null"}},
       good,
       403,
       "CROSS_SITE_REQUEST"},
      {"the web page",
       {{"content-type", "application/json; charset=utf-8"},
        {"host", "jaring.example:8080"},
        {"origin", "http://jaring.example:8080"},
        {"sec-fetch-site", "same-origin"}},
       good,
       200,
       ""},
      {"behind a proxy that rewrites Host",
       {{"content-type", "application/json"},
        {"host", "127.0.0.1:8080"},
        {"x-forwarded-host", "jaring.kab.example"},
        {"origin", "https://jaring.kab.example"}},
       good,
       200,
       ""},
      {"a script (curl)", {{"content-type", "application/json"}}, good, 200, ""},
      {"a bookmark opened by the user",
       {{"content-type", "Application/JSON"}, {"sec-fetch-site", "none"}},
       good,
       200,
       ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    Request request;
    request.method = Method::kPost;
    request.path = "/api/v1/session";
    request.remote_address = "192.0.2.9";
    request.headers = c.headers;
    request.body = c.body;
    const Response response = router_->Dispatch(request);
    EXPECT_EQ(response.status, c.status) << response.body;
    const bool cookie = std::ranges::any_of(
        response.headers, [](const auto& header) { return header.first == "Set-Cookie"; });
    EXPECT_EQ(cookie, c.status == 200);
    if (!c.code.empty()) {
      EXPECT_EQ(json::parse(response.body)["code"], c.code);
    }
  }
}

TEST_P(AuthorizationMatrixTest, ApiTokenActsForItsUserWithoutCsrf) {
  auto user = accounts_->FindUser("admin.probolinggo", services::Actor::ForCli("test"));
  ASSERT_TRUE(user) << user.error().ToString();
  auto token = accounts_->IssueApiToken(user->id, "test", services::Actor::ForCli("test"));
  ASSERT_TRUE(token) << token.error().ToString();
  Request request;
  request.path = "/api/v1/regencies/35.13/dashboard";
  request.headers.emplace_back("authorization", "Bearer " + token->plaintext);
  Request foreign = request;
  foreign.path = "/api/v1/regencies/35.14/dashboard";
  EXPECT_EQ(router_->Dispatch(request).status, 200);
  EXPECT_EQ(router_->Dispatch(foreign).status, 403);
  Request bad = request;
  bad.headers = {{"authorization", "Bearer jrg_nonsense"}};
  EXPECT_EQ(router_->Dispatch(bad).status, 401);
}

// A token does not skip the forced password change (issue 11, finding 6): after an
// administrator resets the password, the token answers like a session with a temporary
// password: who am I, yes; anything else, 403 PASSWORD_CHANGE_REQUIRED.
TEST_P(AuthorizationMatrixTest, ApiTokenOfAnAccountWithATemporaryPasswordIsRefused) {
  const auto cli = services::Actor::ForCli("test");
  auto user = accounts_->FindUser("admin.probolinggo", cli);
  ASSERT_TRUE(user) << user.error().ToString();
  auto token = accounts_->IssueApiToken(user->id, "test", cli);
  ASSERT_TRUE(token) << token.error().ToString();
  ASSERT_TRUE(accounts_->ResetPassword(user->id, "Sawah-Padi-Lumajang-31", cli));
  Request request;
  request.path = "/api/v1/regencies/35.13/dashboard";
  request.headers.emplace_back("authorization", "Bearer " + token->plaintext);
  const Response refused = router_->Dispatch(request);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["code"], "PASSWORD_CHANGE_REQUIRED");
  Request who = request;
  who.path = "/api/v1/session";
  const Response session = router_->Dispatch(who);
  ASSERT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(json::parse(session.body)["must_change_password"], true);
  // And no new token for it until the password is changed.
  auto another = accounts_->IssueApiToken(user->id, "test", cli);
  ASSERT_FALSE(another);
  EXPECT_EQ(another.error().code, ErrorCode::kFailedPrecondition);
}

// Input is not stored as sent when it cannot be meant (issue 11, finding 7): a NUL inside a
// text field, a column index beyond any int, an id beyond any row are refused with 400 naming
// the field, and nothing changes.
TEST_P(AuthorizationMatrixTest, ControlCharactersAndOutOfRangeNumbersAreRefused) {
  const Client& op = *std::ranges::find(clients_, std::string("operator"), &Client::username);
  const std::string regency = "/api/v1/regencies/" + std::string(kOwn);
  const std::string worker = regency + "/workers/" + std::to_string(seeded_workers[kOwn]);
  auto before = db_->Workers().Get(kOwn, seeded_workers[kOwn]);
  ASSERT_TRUE(before);
  const Response nul = Call(op, Method::kPatch, worker, R"({"address":"Jl. Mawar\u0000 RT 1"})");
  EXPECT_EQ(nul.status, 400) << nul.body;
  EXPECT_NE(json::parse(nul.body)["detail"].get<std::string>().find("address"), std::string::npos);
  const Response reason = Call(op, Method::kPost, regency + "/workers/status",
                               R"({"ids":[)" + std::to_string(seeded_workers[kOwn]) +
                                   R"(],"status":"ditangguhkan","reason":"uji\u0000"})");
  EXPECT_EQ(reason.status, 400) << reason.body;
  auto after = db_->Workers().Get(kOwn, seeded_workers[kOwn]);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->address, before->address);
  EXPECT_EQ(after->status, before->status);

  const Response huge_id =
      Call(op, Method::kPost, regency + "/workers/status",
           R"({"ids":[18446744073709551615],"status":"aktif","reason":"uji"})");
  EXPECT_EQ(huge_id.status, 400) << huge_id.body;
  EXPECT_NE(json::parse(huge_id.body)["detail"].get<std::string>().find("ids"), std::string::npos);

  const std::string mapping = regency + "/imports/jobs/" + seeded_import.preview_job + "/mapping";
  const Response wrapped =
      Call(op, Method::kPut, mapping, R"({"columns":[{"index":4294967296,"field":"nik"}]})");
  EXPECT_EQ(wrapped.status, 400) << wrapped.body;
  EXPECT_NE(json::parse(wrapped.body)["detail"].get<std::string>().find("index"),
            std::string::npos);
  const Response text =
      Call(op, Method::kPut, mapping, R"({"columns":[{"index":0,"field":"ni\u0000k"}]})");
  EXPECT_EQ(text.status, 400) << text.body;
}

// An importer of another regency: the jobs, batches and rows of kOwn are absent (404), and
// its own lists are empty.
TEST_P(AuthorizationMatrixTest, ImportsOfAnotherRegencyAreNotFound) {
  services::NewUser operator_other{"operator.probolinggo",
                                   "Operator Probolinggo",
                                   std::string(services::kDemoPassword),
                                   {{auth::Role::kOperator, kOther}},
                                   false};
  ASSERT_TRUE(accounts_->CreateUser(operator_other, services::Actor::ForCli("test")));
  Client client{"operator_35.13", "operator.probolinggo", kOther, kOwn, "", ""};
  SignIn(client);
  const std::string base = std::string("/api/v1/regencies/") + kOther;
  const SeededImport& imports = seeded_import;
  const std::vector<Expectation> calls = {
      {Method::kGet, base + "/imports/jobs/" + imports.preview_job, "", 404},
      {Method::kPut, base + "/imports/jobs/" + imports.preview_job + "/mapping",
       R"({"columns":[]})", 404},
      {Method::kPost, base + "/imports/jobs/" + imports.preview_job + "/commit", "", 404},
      {Method::kDelete, base + "/imports/jobs/" + imports.preview_job, "", 404},
      {Method::kGet, base + "/imports/" + std::to_string(imports.batch) + "/quarantine", "", 404},
      {Method::kPost, base + "/quarantine/" + std::to_string(imports.row) + "/fix",
       R"({"values":{"nik":"3514015205750003","name":"Budi"}})", 404},
      {Method::kGet, base + "/imports", "", 200},
      {Method::kGet, base + "/import-templates", "", 200},
  };
  for (const Expectation& e : calls) {
    SCOPED_TRACE(std::string(MethodName(e.method)) + " " + e.path);
    const Response response = Call(client, e.method, e.path, e.body);
    EXPECT_EQ(response.status, e.status) << response.body;
    ExpectNoForeignData(client, response);
    EXPECT_EQ(response.body.find("Lebakrejo"), std::string::npos) << response.body;
  }
  EXPECT_EQ(json::parse(Call(client, Method::kGet, base + "/imports").body)["items"].size(), 0u);
  // The job is still there for its own regency.
  EXPECT_TRUE(import_jobs_->Get(kOwn, imports.preview_job));
}

TEST_P(AuthorizationMatrixTest, RegistryMasksNiksForRolesWithoutViewWorkerNik) {
  for (const Client& client : clients_) {
    if (client.username.empty()) continue;
    SCOPED_TRACE(client.label);
    const auto role = client.username == "admin.probolinggo"
                          ? std::optional(auth::Role::kAdminDaerah)
                          : auth::RoleFromCode(client.username);
    ASSERT_TRUE(role);
    const bool full = auth::RoleSeesNikUnmasked(*role);
    const std::string base = "/api/v1/regencies/" + client.own + "/workers";
    const Response list = Call(client, Method::kGet, base);
    ASSERT_EQ(list.status, 200) << list.body;
    const json body = json::parse(list.body);
    ASSERT_EQ(body["total"], db_->Workers().Count(client.own).value());
    EXPECT_EQ(body["total_exact"], true);
    const std::string id = std::to_string(seeded_workers[client.own]);
    const Response one = Call(client, Method::kGet, base + "/" + id);
    ASSERT_EQ(one.status, 200) << one.body;
    for (const auto& item : body["items"]) {
      EXPECT_EQ(item["nik_masked"], !full);
      const std::string nik = item["nik"];
      EXPECT_EQ(nik.find('*') != std::string::npos, !full) << nik;
    }
    const json worker = json::parse(one.body);
    EXPECT_EQ(worker["nik_masked"], !full);
    EXPECT_EQ(worker["can_unmask"], auth::RoleHas(*role, Permission::kUnmaskNik) && !full);
    if (!full) {
      // The full NIK appears nowhere in what a masked role receives.
      auto stored = db_->Workers().Get(client.own, seeded_workers[client.own]);
      ASSERT_TRUE(stored);
      EXPECT_EQ(list.body.find(stored->nik), std::string::npos);
      EXPECT_EQ(one.body.find(stored->nik), std::string::npos);
    }
  }
}

// --- A masked role cannot rebuild a NIK (issue 11, finding 1) -------------------------------
//
// A NIK is PP RR DD ddmmyy ssss: region, district, birth date (day + 40 for women), serial.
// Everything a masked role gets back from every route it may call is gathered per worker, the
// way an attacker would, and the NIKs consistent with it are counted: the birth date must stay
// open to at least a year of days and the serial to at least a thousand values, whatever the
// list, the worker page (household, history), the audit view, the dashboard, an export or a
// search shows. The digit-by-digit prefix search, and orders that would sort the hidden digits,
// must be refused.

// What one client learned about one worker.
struct Learned {
  std::set<std::string> niks;  // as shown
  std::set<std::string> birth_dates;
  std::set<int> birth_years;
  std::set<int> ages;
  std::set<std::string> sexes;
  std::set<std::string> districts;
};

void LearnFrom(const json& person, Learned& learned) {
  if (!person.is_object()) return;
  const auto text = [&](const char* key) -> std::string {
    const auto it = person.find(key);
    return it != person.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (const std::string nik = text("nik"); !nik.empty()) learned.niks.insert(nik);
  if (const std::string date = text("birth_date"); !date.empty()) {
    if (domain::ParseIsoDate(date)) {
      learned.birth_dates.insert(date);
    } else if (date.size() >= 4 && std::all_of(date.begin(), date.begin() + 4, ::isdigit)) {
      learned.birth_years.insert(std::stoi(date.substr(0, 4)));  // "1980-**-**"
    }
  }
  if (const std::string sex = text("sex"); !sex.empty()) learned.sexes.insert(sex);
  if (const std::string district = text("district_code"); !district.empty()) {
    learned.districts.insert(district);
  }
  if (person.contains("birth_year") && person["birth_year"].is_number_integer()) {
    learned.birth_years.insert(person["birth_year"].get<int>());
  }
  if (person.contains("age") && person["age"].is_number_integer()) {
    learned.ages.insert(person["age"].get<int>());
  }
}

// True when `shown` (a NIK as displayed: digits, or '*' for a hidden one) allows `digit` at
// position `at`.
bool ShownAllows(const std::set<std::string>& shown, std::size_t at, char digit) {
  for (const std::string& nik : shown) {
    if (nik.size() == 16 && nik[at] != '*' && nik[at] != digit) return false;
  }
  return true;
}

struct Candidates {
  std::int64_t districts = 0, dates = 0, serials = 0;
  std::int64_t total() const { return districts * dates * serials; }
};

// NIKs of regency `regency` consistent with what was learned; `today` for ages.
Candidates CountConsistent(const Learned& l, const std::string& regency,
                           const domain::RegionIndex& regions, std::chrono::year_month_day today) {
  Candidates c;
  for (const auto& district : regions.Children(regency)) {
    const std::string dd = district.code.substr(6, 2);
    if (!ShownAllows(l.niks, 4, dd[0]) || !ShownAllows(l.niks, 5, dd[1])) continue;
    // The attacker's best guess for where a NIK was issued: where its holder lives.
    if (!l.districts.empty() && !l.districts.contains(district.code)) continue;
    ++c.districts;
  }
  using std::chrono::days;
  using std::chrono::sys_days;
  for (sys_days day = sys_days(std::chrono::year{1900} / 1 / 1); day <= sys_days(today);
       day += days(1)) {
    const std::chrono::year_month_day date(day);
    if (!l.birth_dates.empty() && !l.birth_dates.contains(domain::FormatIsoDate(date))) continue;
    if (!l.birth_years.empty() && !l.birth_years.contains(static_cast<int>(date.year()))) continue;
    if (!l.ages.empty() && !l.ages.contains(domain::AgeInYears(date, today))) continue;
    for (const char* sex : {"L", "P"}) {
      if (!l.sexes.empty() && !l.sexes.contains(sex)) continue;
      const unsigned dd = static_cast<unsigned>(date.day()) + (sex[0] == 'P' ? 40 : 0);
      char digits[32];
      std::snprintf(digits, sizeof digits, "%02u%02u%02d", dd, static_cast<unsigned>(date.month()),
                    static_cast<int>(date.year()) % 100);
      bool fits = true;
      for (std::size_t i = 0; i < 6 && fits; ++i) fits = ShownAllows(l.niks, 6 + i, digits[i]);
      if (fits) ++c.dates;
    }
  }
  for (int serial = 1; serial <= 9999; ++serial) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%04d", serial);
    bool fits = true;
    for (std::size_t i = 0; i < 4 && fits; ++i) fits = ShownAllows(l.niks, 12 + i, digits[i]);
    if (fits) ++c.serials;
  }
  return c;
}

TEST_P(AuthorizationMatrixTest, MaskedRolesCannotRebuildANik) {
  // History and audit entries with birth dates and NIKs, and a NIK typed as a search term:
  // the operator edits a worker and exports a search for one NIK (finding 4).
  const Client& op = *std::ranges::find(clients_, std::string("operator"), &Client::username);
  const std::string own_worker =
      "/api/v1/regencies/" + std::string(kOwn) + "/workers/" + std::to_string(seeded_workers[kOwn]);
  ASSERT_EQ(Call(op, Method::kPatch, own_worker, seeded_edits[kOwn]).status, 200);
  auto edited = db_->Workers().Get(kOwn, seeded_workers[kOwn]);
  ASSERT_TRUE(edited);
  ASSERT_EQ(
      Call(op, Method::kGet,
           "/api/v1/regencies/" + std::string(kOwn) + "/workers/export?format=csv&q=" + edited->nik)
          .status,
      200);
  const auto today =
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(clock_.Now()));

  int masked_clients = 0;
  for (const Client& client : clients_) {
    const auto role = client.username == "admin.probolinggo"
                          ? std::optional(auth::Role::kAdminDaerah)
                          : auth::RoleFromCode(client.username);
    if (!role || auth::RoleSeesNikUnmasked(*role)) continue;
    ++masked_clients;
    SCOPED_TRACE(client.label);
    const std::string base = "/api/v1/regencies/" + client.own;
    auto stored = db_->Workers().Find(client.own, {.limit = 100});
    ASSERT_TRUE(stored);
    ASSERT_FALSE(stored->items.empty());

    std::map<std::int64_t, Learned> learned;
    std::vector<std::string> bodies;
    const auto get = [&](const std::string& path) {
      const Response response = Call(client, Method::kGet, path);
      bodies.push_back(response.body);
      return response;
    };
    // The list in every order it may be had; orders over hidden digits are refused.
    for (const char* sort :
         {"name", "-name", "updated_at", "-updated_at", "district", "-district"}) {
      const Response list = get(base + "/workers?page_size=200&sort=" + sort);
      ASSERT_EQ(list.status, 200) << list.body;
      const json page = json::parse(list.body);  // kept: the loop reads into it
      for (const auto& item : page["items"]) {
        LearnFrom(item, learned[item["id"].get<std::int64_t>()]);
      }
    }
    for (const char* refused : {"sort=nik", "sort=-nik", "sort=birth_date", "sort=-birth_date",
                                "age_band=35-44", "age_band=45-54"}) {
      EXPECT_EQ(get(base + "/workers?" + refused).status, 400) << refused;
    }
    // Every worker page: the person, the household, the history.
    for (const auto& record : stored->items) {
      const Response page = get(base + "/workers/" + std::to_string(record.worker.id));
      ASSERT_EQ(page.status, 200) << page.body;
      const json worker = json::parse(page.body);
      Learned& about = learned[record.worker.id];
      LearnFrom(worker, about);
      for (const auto& member : worker["household"]) {
        LearnFrom(member, learned[member["id"].get<std::int64_t>()]);
      }
      for (const auto& change : worker["history"]) {
        LearnFrom(change["before"], about);
        LearnFrom(change["after"], about);
      }
    }
    // The audit view, where allowed: before/after of worker entries, search terms.
    const Response audit = get("/api/v1/audit?limit=1000");
    if (audit.status == 200) {
      const json entries = json::parse(audit.body);  // kept: the loop reads into it
      for (const auto& entry : entries["items"]) {
        if (entry["record_type"] != "worker" || entry["record_id"] == "") continue;
        Learned& about = learned[std::stoll(entry["record_id"].get<std::string>())];
        LearnFrom(entry["before"], about);
        LearnFrom(entry["after"], about);
      }
    }
    get(base + "/dashboard");
    get(base + "/imports");
    get(base + "/workers/export?format=csv");

    // The prefix attack: one more digit per request. Every step is refused, so the digits
    // never come back; the whole NIK is looked up (audited) and shows no more than the list.
    const domain::Worker& target = stored->items[0].worker;
    for (std::size_t digits = 1; digits < 16; ++digits) {
      const Response step = get(base + "/workers?q=" + target.nik.substr(0, digits));
      EXPECT_EQ(step.status, 400) << digits << " digits: " << step.body;
    }
    const Response whole = get(base + "/workers?q=" + target.nik);
    ASSERT_EQ(whole.status, 200) << whole.body;
    ASSERT_EQ(json::parse(whole.body)["items"].size(), 1u);
    LearnFrom(json::parse(whole.body)["items"][0], learned[target.id]);

    for (const auto& record : stored->items) {
      const domain::Worker& w = record.worker;
      SCOPED_TRACE("worker " + std::to_string(w.id) + " " + w.nik);
      const auto it = learned.find(w.id);
      ASSERT_NE(it, learned.end()) << "the client never saw this worker";
      const Candidates c = CountConsistent(it->second, client.own, regions_, today);
      EXPECT_GE(c.districts, 1) << "what is shown contradicts the stored NIK";
      EXPECT_GE(c.dates, 365) << "the birth date is (nearly) given away";
      EXPECT_GE(c.serials, 1000) << "the serial is (nearly) given away";
      EXPECT_GT(c.total(), 1);
      // Nor in free text: the NIK, its date-and-serial tail, the birth date.
      const std::string born = domain::FormatIsoDate(w.birth_date);
      const std::string born_dmy =
          born.substr(8, 2) + "-" + born.substr(5, 2) + "-" + born.substr(0, 4);
      for (const std::string& body : bodies) {
        EXPECT_EQ(body.find(w.nik), std::string::npos);
        EXPECT_EQ(body.find(w.nik.substr(6)), std::string::npos);
        EXPECT_EQ(body.find(born), std::string::npos);
        EXPECT_EQ(body.find(born_dmy), std::string::npos);
      }
    }
  }
  EXPECT_EQ(masked_clients, 5);  // both administrators, pimpinan, auditor, the 35.13 administrator
}

// A whole NIK typed by a masked role is looked up, audited as an unmask, and throttled with
// the unmasks: 429 with Retry-After once the hour's free lookups are spent.
TEST_P(AuthorizationMatrixTest, MaskedNikSearchIsAuditedAndThrottled) {
  const Client& pimpinan = *std::ranges::find(clients_, std::string("pimpinan"), &Client::username);
  auto stored = db_->Workers().Get(kOwn, seeded_workers[kOwn]);
  ASSERT_TRUE(stored);
  const std::string path = "/api/v1/regencies/" + std::string(kOwn) + "/workers?q=" + stored->nik;
  const int free = services::RegistrySettings{}.lookup_throttle.free_failures;
  for (int i = 0; i < free; ++i) ASSERT_EQ(Call(pimpinan, Method::kGet, path).status, 200) << i;
  const Response throttled = Call(pimpinan, Method::kGet, path);
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_EQ(json::parse(throttled.body)["code"], "TOO_MANY_ATTEMPTS");
  const auto retry = std::ranges::find(throttled.headers, std::string("Retry-After"),
                                       &std::pair<std::string, std::string>::first);
  ASSERT_NE(retry, throttled.headers.end());
  EXPECT_GT(std::stoi(retry->second), 0);
  services::AuditQuery query;
  query.regency_codes = {kOwn};
  query.actor_username = "pimpinan";
  query.action = auth::AuditAction::kUnmask;
  query.limit = 1000;
  auto entries = trail_.Search(*db_, query);
  ASSERT_TRUE(entries);
  EXPECT_EQ(static_cast<int>(entries->size()), free);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthorizationMatrixTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::http
