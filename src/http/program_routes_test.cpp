// The programs and policy routes against docs/programs.md, through the real router, the real
// services and a real database (SQLite always, PostgreSQL when JARING_TEST_PG is set): the
// Pasuruan program created, simulated and revised, bad input refused with nothing stored, a
// foreign regency's program answered as missing, and rule versions added only by a province
// administrator, all or nothing.
#include "http/program_routes.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/storage/test_database.hpp"
#include "services/policy_service.hpp"
#include "services/program_service.hpp"

namespace jaring::http {
namespace {

using nlohmann::json;
using storage::testing::TestEngine;

constexpr char kPasuruan[] = R"({"name":"Perlindungan pekerja rentan DBHCHT 2025",
  "funding":[{"source":"DBHCHT","share_bp":10000}],"budget":2800000000,
  "period_from":"2025-09","period_to":"2025-12","quota":28448,"participation_code":"sg"})";

// A contribution schedule from 1 July 2026 with JKM Rp 8.000 (the package becomes Rp 18.000).
constexpr char kPolicy2026[] = R"({"jaring_policy":1,"versions":[{"family":"contribution",
  "effective_from":"2026-07-01","legal_reference":"PP uji 1/2026","certainty":"uncertain",
  "rules":{"brackets":[{"income_up_to":1000000,"basis":1000000},{"income_up_to":20700000}],
  "jkk_rate_bp":100,"jkm_amount":8000,"jht_rate_bp":200}}]})";

class ProgramRoutesTest : public testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    policy_ = std::make_unique<services::PolicyService>(*db_, &trail_);
    programs_ = std::make_unique<services::ProgramService>(*db_, &trail_, *policy_);
    context_.programs = programs_.get();
    context_.policy = policy_.get();
    // An API token's caller (no CSRF token needed), whose grants each test sets.
    router_ = std::make_unique<Router>([this](const Request&) {
      return Result<std::optional<Caller>>(
          Caller{auth::Principal{7, "uji", grants_}, Caller::Via::kApiToken, {}, {}});
    });
    AddApiRoutes(*router_, context_);
    ActAs(auth::Role::kOperator, "35.14");
  }
  void TearDown() override {
    router_.reset();
    programs_.reset();
    policy_.reset();
    db_.Close();
  }

  void ActAs(auth::Role role, std::string_view scope) {
    grants_ = {auth::Grant{role, auth::Scope::Unchecked(scope)}};
  }

  std::pair<int, json> Call(Method method, const std::string& target, std::string body = {}) {
    Request request;
    request.method = method;
    auto parsed = ParseTarget(target);
    EXPECT_TRUE(parsed);
    request.path = parsed->first;
    request.query = parsed->second;
    if (body.starts_with('{')) request.headers.emplace_back("content-type", "application/json");
    request.body = std::move(body);
    request.remote_address = "192.0.2.9";
    const Response response = router_->Dispatch(request);
    if (response.body.empty()) return {response.status, json()};
    return {response.status, json::parse(response.body)};
  }

  std::size_t ProgramCount(const std::string& regency = "35.14") {
    auto [status, body] = Call(Method::kGet, "/api/v1/regencies/" + regency + "/programs");
    EXPECT_EQ(status, 200) << body;
    return body["items"].size();
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year{2025} / 9 / 24) +
                    std::chrono::hours(3)};
  services::AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  std::unique_ptr<services::PolicyService> policy_;
  std::unique_ptr<services::ProgramService> programs_;
  ApiContext context_;
  std::unique_ptr<Router> router_;
  std::vector<auth::Grant> grants_;
};

TEST_P(ProgramRoutesTest, PasuruanCreatedSimulatedAndRevised) {
  auto [status, program] = Call(Method::kPost, "/api/v1/regencies/35.14/programs", kPasuruan);
  ASSERT_EQ(status, 201) << program;
  const std::string id = std::to_string(program["id"].get<std::int64_t>());
  EXPECT_EQ(program["regency_code"], "35.14");
  EXPECT_EQ(program["budget"], 2800000000);
  EXPECT_EQ(program["months"], 4);
  EXPECT_EQ(program["fiscal_year"], 2025);
  EXPECT_EQ(program["participation_code"], "SG");
  EXPECT_EQ(program["declared_income"], 1000000);
  EXPECT_EQ(program["funding"][0]["source"], "DBHCHT");
  EXPECT_EQ(program["funding"][0]["share_bp"], 10000);
  EXPECT_EQ(program["eligibility"]["age_min"], 15);
  EXPECT_EQ(program["eligibility"]["age_max"], 64);
  EXPECT_EQ(program["priority"], json({"extreme_poor", "tobacco_sector", "longest_waiting"}));
  ASSERT_EQ(program["budget_lines"].size(), 1u);
  EXPECT_EQ(program["budget_lines"][0]["kind"], "original");
  EXPECT_EQ(program["budget_lines"][0]["decree"], nullptr);
  EXPECT_EQ(program["actor"], "uji");

  auto [got_status, got] = Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id);
  ASSERT_EQ(got_status, 200);
  EXPECT_EQ(got, program);

  auto [sim_status, sim] =
      Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id + "/simulation");
  ASSERT_EQ(sim_status, 200) << sim;
  EXPECT_EQ(sim["monthly_cost"], 477926400);
  EXPECT_EQ(sim["whole_months"], 5);
  EXPECT_EQ(sim["covered_until"], "2026-01");
  EXPECT_EQ(sim["left"], 410368000);
  EXPECT_EQ(sim["shortfall_next_month"], 67558400);
  EXPECT_EQ(sim["next_month"], "2026-02");
  EXPECT_EQ(sim["cost_until_end"], 1911705600);
  EXPECT_EQ(sim["shortfall"], 0);
  EXPECT_EQ(sim["surplus"], 888294400);
  EXPECT_EQ(sim["workers_until_end"], 41666);  // 2.800.000.000 / (4 x 16.800)
  EXPECT_EQ(sim["workers"], 28448);
  EXPECT_EQ(sim["workers_basis"], "quota");

  // 45.000 workers from November: Rp 1.512.000.000, the budget outlasts it.
  auto [from_status, from] = Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id +
                                                    "/simulation?workers=45000&from=2025-11");
  ASSERT_EQ(from_status, 200) << from;
  EXPECT_EQ(from["from"], "2025-11");
  EXPECT_EQ(from["monthly_cost"], 756000000);
  EXPECT_EQ(from["cost_until_end"], 1512000000);
  EXPECT_EQ(from["workers_basis"], "request");
  // 90.000 workers: Rp 1.512.000.000 a month, short by Rp 224.000.000 to December.
  auto [short_status, short_of] = Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id +
                                                         "/simulation?workers=90000&from=2025-11");
  ASSERT_EQ(short_status, 200) << short_of;
  EXPECT_EQ(short_of["whole_months"], 1);
  EXPECT_EQ(short_of["covered_until"], "2025-11");
  EXPECT_EQ(short_of["shortfall"], 3024000000 - 2800000000);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id + "/simulation?from=2026-01")
          .first,
      400);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id + "/simulation?workers=0").first,
      400);

  auto [rev_status, revised] =
      Call(Method::kPost, "/api/v1/regencies/35.14/programs/" + id + "/revisions",
           R"({"budget":3200000000,"decree":"Perbup Pasuruan 88/2025","date":"2025-10-15"})");
  ASSERT_EQ(rev_status, 201) << revised;
  EXPECT_EQ(revised["budget"], 3200000000);
  ASSERT_EQ(revised["budget_lines"].size(), 2u);
  EXPECT_EQ(revised["budget_lines"][1]["kind"], "revision");
  EXPECT_EQ(revised["budget_lines"][1]["decree"], "Perbup Pasuruan 88/2025");
  EXPECT_EQ(revised["budget_lines"][1]["decree_date"], "2025-10-15");
  EXPECT_EQ(revised["budget_lines"][0]["amount"], 2800000000);  // never overwritten
  auto [after_status, after] =
      Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id + "/simulation");
  ASSERT_EQ(after_status, 200);
  EXPECT_EQ(after["whole_months"], 6);  // 3.2 billion / 477.926.400

  for (const char* bad : {R"({"budget":0,"decree":"x","date":"2025-10-15"})",
                          R"({"budget":3200000000,"decree":"","date":"2025-10-15"})",
                          R"({"budget":3200000000,"decree":"x","date":"15-10-2025"})",
                          R"({"budget":"3200000000","decree":"x","date":"2025-10-15"})"}) {
    EXPECT_EQ(
        Call(Method::kPost, "/api/v1/regencies/35.14/programs/" + id + "/revisions", bad).first,
        400)
        << bad;
  }
  auto [final_status, final_program] = Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id);
  EXPECT_EQ(final_program["budget_lines"].size(), 2u);
}

TEST_P(ProgramRoutesTest, BadProgramsAreRefusedAndNothingIsStored) {
  const json good = json::parse(kPasuruan);
  const auto with = [&](const std::string& key, json value) {
    json body = good;
    body[key] = std::move(value);
    return body.dump();
  };
  const std::pair<std::string, std::string> bad[] = {
      {"budget zero", with("budget", 0)},
      {"budget negative", with("budget", -5)},
      {"budget text", with("budget", "Rp 2.800.000.000")},
      {"period reversed", with("period_to", "2025-08")},
      {"period malformed", with("period_from", "2025-9")},
      {"shares not 100 %", with("funding", json::parse(R"([{"source":"DBHCHT","share_bp":6000},
                                                       {"source":"APBD","share_bp":3000}])"))},
      {"unknown source", with("funding", json::parse(R"([{"source":"APBN","share_bp":10000}])"))},
      {"source twice", with("funding", json::parse(R"([{"source":"APBD","share_bp":5000},
                                                   {"source":"apbd","share_bp":5000}])"))},
      {"no name", with("name", "  ")},
      {"ages wider than the law", with("eligibility", json{{"age_min", 10}})},
      {"ages reversed", with("eligibility", json{{"age_min", 50}, {"age_max", 40}})},
      {"unknown priority", with("priority", json{"richest_first"})},
      {"income above the brackets", with("declared_income", 30000000)},
  };
  for (const auto& [what, body] : bad) {
    auto [status, problem] = Call(Method::kPost, "/api/v1/regencies/35.14/programs", body);
    EXPECT_EQ(status, 400) << what << ": " << problem;
    EXPECT_FALSE(problem.value("detail", "").empty()) << what;
  }
  // A period with no contribution schedule in force (the built-in one starts in 2025).
  auto [gap_status, gap] =
      Call(Method::kPost, "/api/v1/regencies/35.14/programs", with("period_from", "2024-11"));
  EXPECT_EQ(gap_status, 409) << gap;
  EXPECT_EQ(ProgramCount(), 0u);

  // Co-funded, shares in basis points.
  auto [ok_status, ok] = Call(Method::kPost, "/api/v1/regencies/35.14/programs",
                              with("funding", json::parse(R"([{"source":"DBHCHT","share_bp":6250},
                                   {"source":"APBD","share_bp":3750}])")));
  ASSERT_EQ(ok_status, 201) << ok;
  EXPECT_EQ(ok["funding"].size(), 2u);
  EXPECT_EQ(ProgramCount(), 1u);
}

TEST_P(ProgramRoutesTest, ARegencySeesAndChangesOnlyItsOwnPrograms) {
  auto [status, program] = Call(Method::kPost, "/api/v1/regencies/35.14/programs", kPasuruan);
  ASSERT_EQ(status, 201);
  const std::string id = std::to_string(program["id"].get<std::int64_t>());

  ActAs(auth::Role::kAdminDaerah, "35.13");  // Probolinggo
  EXPECT_EQ(Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id).first, 403);
  // Its own regency's path naming Pasuruan's id: as missing as an id that does not exist.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/regencies/35.13/programs/" + id).first, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/regencies/35.13/programs/" + id + "/simulation").first,
            404);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/regencies/35.13/programs/" + id + "/revisions",
                 R"({"budget":1,"decree":"x","date":"2025-10-15"})")
                .first,
            404);
  EXPECT_EQ(ProgramCount("35.13"), 0u);

  ActAs(auth::Role::kPimpinan, "35.14");  // sees, changes nothing
  EXPECT_EQ(Call(Method::kGet, "/api/v1/regencies/35.14/programs/" + id).first, 200);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/regencies/35.14/programs", kPasuruan).first, 403);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/regencies/35.14/programs/" + id + "/revisions",
                 R"({"budget":1,"decree":"x","date":"2025-10-15"})")
                .first,
            403);
  ActAs(auth::Role::kAdminProvinsi, "35");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/regencies/35.13/programs", kPasuruan).first, 201);
  EXPECT_EQ(ProgramCount("35.14"), 1u);
}

TEST_P(ProgramRoutesTest, PolicyVersionsAddedByTheProvinceAdministratorAllOrNothing) {
  ActAs(auth::Role::kPimpinan, "35.14");
  auto [status, in_force] = Call(Method::kGet, "/api/v1/policy?date=2025-10-01");
  ASSERT_EQ(status, 200) << in_force;
  EXPECT_TRUE(in_force["builtin"]);
  EXPECT_EQ(in_force["date"], "2025-10-01");
  EXPECT_EQ(in_force["versions"].size(), 4u);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/policy", kPolicy2026).first, 403);
  ActAs(auth::Role::kAdminDaerah, "35.14");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/policy", kPolicy2026).first, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/policy?date=2025-13-01").first, 400);

  ActAs(auth::Role::kAdminProvinsi, "35");
  auto [added_status, added] = Call(Method::kPost, "/api/v1/policy", kPolicy2026);
  ASSERT_EQ(added_status, 201) << added;
  EXPECT_EQ(added["added"], 1);
  EXPECT_EQ(added["defaults_stored"], 4);
  // The same version again overlaps: refused, and nothing of the file is stored.
  auto [again_status, again] = Call(Method::kPost, "/api/v1/policy", kPolicy2026);
  EXPECT_EQ(again_status, 400) << again;
  EXPECT_EQ(Call(Method::kPost, "/api/v1/policy", R"({"jaring_policy":1,"versions":[]})").first,
            400);

  auto [later_status, later] = Call(Method::kGet, "/api/v1/policy?date=2026-08-01");
  ASSERT_EQ(later_status, 200);
  EXPECT_FALSE(later["builtin"]);
  ASSERT_EQ(later["versions"][0]["family"], "contribution");
  EXPECT_EQ(later["versions"][0]["effective_from"], "2026-07-01");
  EXPECT_EQ(later["versions"][0]["rules"]["jkm_amount"], 8000);
  auto [before_status, before] = Call(Method::kGet, "/api/v1/policy?date=2026-06-30");
  ASSERT_EQ(before_status, 200);
  EXPECT_EQ(before["versions"][0]["effective_until"], "2026-06-30");

  // A program across the change is priced month by month: June at Rp 16.800, July at Rp 18.000.
  ActAs(auth::Role::kOperator, "35.14");
  json body = json::parse(kPasuruan);
  body["period_from"] = "2026-06";
  body["period_to"] = "2026-07";
  body["quota"] = 1000;
  auto [p_status, p] = Call(Method::kPost, "/api/v1/regencies/35.14/programs", body.dump());
  ASSERT_EQ(p_status, 201) << p;
  auto [s_status, s] =
      Call(Method::kGet, "/api/v1/regencies/35.14/programs/" +
                             std::to_string(p["id"].get<std::int64_t>()) + "/simulation");
  ASSERT_EQ(s_status, 200);
  EXPECT_EQ(s["monthly_cost"], 16800000);
  EXPECT_EQ(s["cost_until_end"], 16800000 + 18000000);
}

INSTANTIATE_TEST_SUITE_P(Engines, ProgramRoutesTest,
                         testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& info) {
                           return info.param == TestEngine::kSqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace jaring::http
