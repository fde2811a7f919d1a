// The "Imports through the web" routes against the contract (docs: the session's API contract),
// through the real router, the real services and a real database (SQLite always, PostgreSQL
// when JARING_TEST_PG is set), and the upload body limit over a real socket.
#include "http/import_routes.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "http/server.hpp"
#include "integration/storage/test_database.hpp"
#include "services/import_jobs.hpp"
#include "services/quarantine_service.hpp"

namespace jaring::http {
namespace {

using nlohmann::json;
using storage::testing::TestEngine;

TEST(IsImportUploadTest, OnlyThePostOfTheUploadRoute) {
  struct Case {
    Method method;
    std::string_view target;
    bool expected;
  };
  const Case cases[] = {
      {Method::kPost, "/api/v1/regencies/35.14/imports", true},
      {Method::kPost, "/api/v1/regencies/35.14/imports?source=Dinas%20Pertanian", true},
      {Method::kGet, "/api/v1/regencies/35.14/imports", false},
      {Method::kPost, "/api/v1/regencies/35.14/imports/jobs/j_1/commit", false},
      {Method::kPost, "/api/v1/regencies/35.14/importsx", false},
      {Method::kPost, "/api/v1/session", false},
      {Method::kPost, "/api/v1/regencies/35.1/imports", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsImportUpload(c.method, c.target), c.expected) << c.target;
  }
}

// --- The body limit over a socket ------------------------------------------------------------

std::string Exchange(std::uint16_t port, const std::string& raw) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  std::size_t sent = 0;
  while (sent < raw.size()) {
    const auto n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string out;
  char buffer[4096];
  ssize_t n;
  while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) out.append(buffer, n);
  ::close(fd);
  return out;
}

Result<std::optional<Caller>> Nobody(const Request&) { return std::nullopt; }

TEST(ImportUploadLimitTest, UploadsMayBeLargerThanOtherRequests) {
  Router router(Nobody);
  auto size = [](const Request& request) -> Result<Response> {
    return Response::Json(json{{"bytes", request.body.size()}}.dump());
  };
  router.Add(Method::kPost, "/api/v1/regencies/{code}/imports", "upload",
             auth::RoutePolicy::Public(), size);
  router.Add(Method::kPost, "/api/v1/echo", "echo", auth::RoutePolicy::Public(), size);
  StaticFiles static_files("/nonexistent-jaring-web-root");
  ServerOptions options;
  options.port = 0;
  options.body_limit = 1024;
  options.large_body = IsImportUpload;
  options.large_body_limit = 16 * 1024;
  options.handle_signals = false;
  options.drain_timeout = std::chrono::seconds(2);
  Server server(options, router, static_files);
  ASSERT_TRUE(server.Start());
  std::thread thread([&] { server.Run(); });
  auto post = [&](const std::string& path, std::size_t bytes) {
    return Exchange(server.port(), "POST " + path +
                                       " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                       "Content-Length: " +
                                       std::to_string(bytes) + "\r\n\r\n" +
                                       std::string(bytes, 'x'));
  };
  const std::string upload = "/api/v1/regencies/35.14/imports?source=Desa";
  const std::string small_upload = post(upload, 8000);
  EXPECT_TRUE(small_upload.starts_with("HTTP/1.1 200")) << small_upload.substr(0, 200);
  EXPECT_NE(small_upload.find(R"({"bytes":8000})"), std::string::npos);
  EXPECT_TRUE(post(upload, 20000).starts_with("HTTP/1.1 413"));
  EXPECT_TRUE(post("/api/v1/echo", 8000).starts_with("HTTP/1.1 413"));
  EXPECT_TRUE(post("/api/v1/echo", 1000).starts_with("HTTP/1.1 200"));
  server.Stop();
  thread.join();
}

// --- The contract, end to end through the router ------------------------------------------

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ImportRoutesTest : public testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    jobs_ = std::make_unique<services::ImportJobs>(*db_, &trail_, clock_);
    quarantine_ = std::make_unique<services::QuarantineService>(*db_, &trail_, clock_);
    context_.import_jobs = jobs_.get();
    context_.quarantine = quarantine_.get();
    auto grant = auth::MakeGrant(auth::Role::kOperator, "35.14", domain::RegionIndex::Embedded());
    ASSERT_TRUE(grant);
    // An API token's caller: no CSRF token needed; the router still checks the policy.
    router_ = std::make_unique<Router>([grant = *grant](const Request&) {
      return Result<std::optional<Caller>>(
          Caller{auth::Principal{7, "operator", {grant}}, Caller::Via::kApiToken, {}, {}});
    });
    AddImportRoutes(*router_, context_);
  }
  void TearDown() override {
    router_.reset();
    jobs_.reset();
    quarantine_.reset();
    db_.Close();
  }

  std::pair<int, json> Call(Method method, const std::string& target, std::string body = {},
                            std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request request;
    request.method = method;
    auto parsed = ParseTarget("/api/v1/regencies/35.14" + target);
    EXPECT_TRUE(parsed);
    request.path = parsed->first;
    request.query = parsed->second;
    request.body = std::move(body);
    request.headers = std::move(headers);
    request.remote_address = "192.0.2.9";
    const Response response = router_->Dispatch(request);
    if (response.body.empty()) return {response.status, json()};
    return {response.status, json::parse(response.body)};
  }

  // Polls the job like the UI does until it leaves parsing/committing.
  json Settled(const std::string& id) {
    for (int i = 0; i < 600; ++i) {
      auto [status, body] = Call(Method::kGet, "/imports/jobs/" + id);
      EXPECT_EQ(status, 200);
      const std::string state = body["job"]["state"];
      if (state != "parsing" && state != "committing") return body["job"];
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job did not settle";
    return {};
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year{2025} / 7 / 1) + std::chrono::hours(3)};
  services::AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  std::unique_ptr<services::ImportJobs> jobs_;
  std::unique_ptr<services::QuarantineService> quarantine_;
  ApiContext context_;
  std::unique_ptr<Router> router_;
};

TEST_P(ImportRoutesTest, UploadPreviewMapCommitQuarantineFixTemplates) {
  std::string file = ReadFile(std::filesystem::path(JARING_SOURCE_DIR) /
                              "tests/data/intake/messy_village_list.csv");
  file.replace(file.find("No. KTP"), 7, "Identitas Warga");

  auto [status, body] =
      Call(Method::kPost, "/imports?source=Desa%20Lebakrejo&source_kind=village", file,
           {{"x-file-name", "daftar%20desa.csv"}, {"content-type", "application/octet-stream"}});
  ASSERT_EQ(status, 202) << body;
  const std::string id = body["job"]["id"];
  EXPECT_TRUE(id.starts_with("j_"));
  EXPECT_EQ(body["job"]["file_name"], "daftar desa.csv");
  EXPECT_EQ(body["job"]["source"], "Desa Lebakrejo");
  EXPECT_EQ(body["job"]["source_kind"], "village");
  EXPECT_EQ(body["job"]["size_bytes"], file.size());
  EXPECT_EQ(body["job"]["created_at"], "2025-07-01T03:00:00Z");
  EXPECT_EQ(body["job"]["progress"]["phase"], "parse");

  json job = Settled(id);
  EXPECT_EQ(job["state"], "preview");
  EXPECT_EQ(job["error"]["code"], "MAPPING_INCOMPLETE");
  EXPECT_EQ(job["batch_id"], nullptr);
  const json& columns = job["mapping"]["columns"];
  ASSERT_EQ(columns.size(), 12u);
  EXPECT_EQ(columns[2], (json{{"index", 2}, {"header", "Identitas Warga"}, {"field", nullptr}}));
  EXPECT_EQ(columns[1]["field"], "name");
  EXPECT_EQ(job["mapping"]["from_template"], false);
  bool nik_field = false;
  for (const auto& f : job["mapping"]["fields"]) {
    if (f["field"] == "nik") nik_field = f["label"] == "NIK" && f["required"] == true;
  }
  EXPECT_TRUE(nik_field);
  EXPECT_EQ(Call(Method::kPost, "/imports/jobs/" + id + "/commit").first, 409);

  std::tie(status, body) = Call(
      Method::kPut, "/imports/jobs/" + id + "/mapping",
      R"({"columns":[{"index":2,"field":"nik"},{"index":11,"field":null}],"save_template":true})");
  ASSERT_EQ(status, 202) << body;
  EXPECT_EQ(Call(Method::kPut, "/imports/jobs/" + id + "/mapping",
                 R"({"columns":[{"index":2,"field":"gaji"}]})")
                .first,
            400);
  job = Settled(id);
  ASSERT_EQ(job["state"], "preview");
  EXPECT_EQ(job["error"], nullptr);
  EXPECT_EQ(job["mapping"]["columns"][2]["field"], "nik");
  ASSERT_EQ(job["preview"]["rows"].size(), 20u);
  const json& first = job["preview"]["rows"][0];
  EXPECT_EQ(first["line"], 2);
  EXPECT_EQ(first["values"]["nik"], "3514015205750002");
  const json& sixth = job["preview"]["rows"][4];
  EXPECT_EQ(sixth["issues"][0]["code"], "NIK_LENGTH");
  EXPECT_EQ(sixth["issues"][0]["field"], "nik");
  EXPECT_EQ(sixth["issues"][0]["severity"], "error");
  EXPECT_FALSE(sixth["issues"][0]["message"].get<std::string>().empty());
  bool grouped = false;
  for (const auto& group : job["issues"]) {
    if (group["code"] == "NIK_LENGTH") {
      grouped = group["count"] == 1 && group["lines"] == json::array({6}) &&
                group["severity"] == "error" &&
                group["examples"] == json::parse(R"([{"line":6,"value":"351401120575001"}])");
    }
  }
  EXPECT_TRUE(grouped) << job["issues"];
  EXPECT_EQ(job["file_issues"][0]["code"], "EXCEL_ROUNDED_COLUMN");
  EXPECT_EQ(job["counts"]["read"], 32);
  const auto quarantined = job["counts"]["quarantined"].get<std::uint64_t>();

  std::tie(status, body) = Call(Method::kPost, "/imports/jobs/" + id + "/commit");
  ASSERT_EQ(status, 202) << body;
  job = Settled(id);
  ASSERT_EQ(job["state"], "done") << job["error"];
  const std::int64_t batch = job["batch_id"];
  EXPECT_EQ(job["progress"]["phase"], "commit");
  EXPECT_EQ(Call(Method::kDelete, "/imports/jobs/" + id).first, 409);

  std::tie(status, body) = Call(Method::kGet, "/imports");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["id"], batch);
  EXPECT_EQ(body["items"][0]["open_quarantine"], quarantined);
  EXPECT_EQ(body["items"][0]["file_name"], "daftar desa.csv");
  EXPECT_EQ(body["items"][0]["source_kind"], "village");
  EXPECT_EQ(body["items"][0]["created_at"], "2025-07-01T03:00:00Z");

  std::tie(status, body) =
      Call(Method::kGet, "/imports/" + std::to_string(batch) + "/quarantine?limit=100");
  ASSERT_EQ(status, 200) << body;
  EXPECT_EQ(body["next_after"], nullptr);
  ASSERT_EQ(body["items"].size(), quarantined);
  json budi;
  for (const auto& item : body["items"]) {
    if (item["line"] == 6) budi = item;
  }
  ASSERT_TRUE(budi.is_object());
  EXPECT_EQ(budi["header"][2], "Identitas Warga");
  EXPECT_EQ(budi["cells"][2], "351401120575001");
  EXPECT_EQ(budi["issues"][0]["code"], "NIK_LENGTH");
  EXPECT_EQ(budi["resolved"], false);

  const std::string fix = "/quarantine/" + std::to_string(budi["id"].get<std::int64_t>()) + "/fix";
  std::tie(status, body) = Call(Method::kPost, fix, R"({"values":{"nik":"3514","name":"Budi"}})");
  EXPECT_EQ(status, 422) << body;
  ASSERT_FALSE(body["errors"].empty());
  EXPECT_EQ(body["errors"][0]["field"], "nik");
  EXPECT_EQ(body["errors"][0]["code"], "NIK_LENGTH");
  std::tie(status, body) = Call(
      Method::kPost, fix,
      R"({"values":{"nik":"3514011205750002","name":"Budi Santoso","sex":"L","birth_date":"1975-05-12","village":"Gerbo","district":"Purwodadi","occupation":"Nelayan"}})");
  ASSERT_EQ(status, 200) << body;
  EXPECT_GT(body["worker_id"].get<std::int64_t>(), 0);
  EXPECT_EQ(Call(Method::kGet, "/imports").second["items"][0]["open_quarantine"], quarantined - 1);
  EXPECT_EQ(Call(Method::kPost, fix, R"({"values":{"nik":"3514011205750002"}})").first, 409);

  std::tie(status, body) = Call(Method::kGet, "/import-templates");
  ASSERT_EQ(status, 200);
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["source"], "Desa Lebakrejo");
  EXPECT_EQ(body["items"][0]["columns"][2]["field"], "nik");
  EXPECT_EQ(body["items"][0]["columns"][11]["field"], nullptr);

  // The next file of the source: mapped by the template, ready to commit.
  std::tie(status, body) = Call(Method::kPost, "/imports?source=Desa%20Lebakrejo", file);
  ASSERT_EQ(status, 202);
  job = Settled(body["job"]["id"]);
  EXPECT_EQ(job["mapping"]["from_template"], true);
  EXPECT_EQ(job["error"], nullptr);
  ASSERT_EQ(Call(Method::kDelete, "/imports/jobs/" + job["id"].get<std::string>()).first, 204);
  EXPECT_EQ(Call(Method::kGet, "/imports/jobs/" + job["id"].get<std::string>()).first, 404);
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportRoutesTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::http
