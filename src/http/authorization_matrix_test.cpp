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

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "auth/nik_mask.hpp"
#include "domain/nik.hpp"
#include "http/api_routes.hpp"
#include "integration/storage/test_database.hpp"
#include "services/account_service.hpp"
#include "services/audit_view.hpp"
#include "services/dashboard_service.hpp"
#include "services/import_jobs.hpp"
#include "services/quarantine_service.hpp"
#include "services/registry_service.hpp"
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
    // Public is only for what must work before sign-in.
    if (route.policy.access == RoutePolicy::Access::kPublic) {
      EXPECT_TRUE(route.name == "health" || route.name == "session.sign_in");
    }
  }
  EXPECT_EQ(names.size(), ExpectedPolicies().size()) << "a reviewed route is not registered";
}

// --- The matrix ----------------------------------------------------------------------------

domain::Worker MakeWorker(const std::string& village_code, const std::string& nik) {
  domain::Worker worker;
  worker.regency_code = village_code.substr(0, 5);
  worker.nik = nik;
  worker.name = "Sumarni";
  worker.name_original = "SUMARNI";
  worker.sex = domain::Sex::kFemale;
  worker.birth_date = std::chrono::year{1980} / 5 / 17;
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
          char nik[17];
          std::snprintf(nik, sizeof nik, "%s%s01018%05d", std::string(regency).substr(0, 2).c_str(),
                        std::string(regency).substr(3, 2).c_str(), ++serial);
          workers.push_back(MakeWorker(villages[0].code, nik));
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
    ASSERT_EQ(committed->state, services::JobState::kDone) << committed->error_detail;
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
  const std::string own_id = std::to_string(seeded_workers[own]);
  const std::string foreign_id =
      std::to_string(seeded_workers[own == kOwn ? std::string(kOther) : std::string(kOwn)]);
  const std::string own_worker = regency + "/workers/" + own_id;
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
       {{Method::kGet, regency + "/workers?sort=-nik&page_size=10", "", signed_in},
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

INSTANTIATE_TEST_SUITE_P(Engines, AuthorizationMatrixTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::http
