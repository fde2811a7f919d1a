// PolicyService and ProgramService on both engines (issue 13): the built-in defaults in force
// until the first add stores them, policy files all or nothing, programs checked against the
// law in force, budget revisions appended, the Pasuruan arithmetic, tenancy, and an audit entry
// for every change.
#include "services/program_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "integration/storage/test_database.hpp"
#include "policy/defaults.hpp"
#include "policy/policy_file.hpp"
#include "services/enrolment_service.hpp"
#include "services/policy_service.hpp"

namespace jaring::services {
namespace {

using domain::Money;
using storage::testing::TestEngine;

constexpr char kJuly2026[] = R"({"jaring_policy":1,"versions":[{"family":"contribution",
  "effective_from":"2026-07-01","legal_reference":"PP uji 1/2026","certainty":"uncertain",
  "rules":{"brackets":[{"income_up_to":1000000,"basis":1000000},{"income_up_to":20700000}],
  "jkk_rate_bp":100,"jkm_amount":8000,"jht_rate_bp":200}}]})";

// Two versions of one family from the same day: the second overlaps the first.
constexpr char kSelfOverlap[] = R"({"jaring_policy":1,"versions":[
  {"family":"payment_terms","effective_from":"2027-01-01","legal_reference":"uji",
   "certainty":"confirmed","rules":{"due_day":10,"due_next_working_day":true,"arrears_limit_months":3}},
  {"family":"payment_terms","effective_from":"2027-01-01","legal_reference":"uji",
   "certainty":"confirmed","rules":{"due_day":20,"due_next_working_day":true,"arrears_limit_months":3}}]})";

Actor Holding(auth::Role role, std::string_view scope, std::string name = "uji") {
  return Actor::ForPrincipal(
      auth::Principal{11, std::move(name), {auth::Grant{role, auth::Scope::Unchecked(scope)}}},
      "192.0.2.1");
}

ProgramInput Pasuruan(std::string from = "2025-09", std::string to = "2025-12") {
  ProgramInput in;
  in.regency_code = "35.14";
  in.name = "Perlindungan pekerja rentan DBHCHT 2025";
  in.funding = {{domain::FundingSource::kDbhcht, 10000}};
  in.budget = Money::Rupiah(2'800'000'000);
  in.from = std::move(from);
  in.to = std::move(to);
  in.quota = 28'448;
  return in;
}

class ProgramServiceTest : public testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    policy_ = std::make_unique<PolicyService>(*db_, &trail_);
    programs_ = std::make_unique<ProgramService>(*db_, &trail_, *policy_);
  }

  std::vector<auth::AuditEntry> Entries(std::string record_type, std::string regency = "") {
    AuditQuery query;
    query.record_type = std::move(record_type);
    if (regency.empty()) {
      query.include_unscoped = true;
    } else {
      query.regency_codes = {std::move(regency)};
    }
    auto found = trail_.Search(*db_, query);
    EXPECT_TRUE(found) << found.error().ToString();
    return found ? *found : std::vector<auth::AuditEntry>{};
  }

  FixedClock clock_{std::chrono::sys_days(std::chrono::year{2025} / 9 / 24) +
                    std::chrono::hours(3)};
  AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  std::unique_ptr<PolicyService> policy_;
  std::unique_ptr<ProgramService> programs_;
};

TEST_P(ProgramServiceTest, DefaultsAreInForceUntilTheFirstAddStoresThem) {
  auto uses = policy_->UsesDefaults();
  ASSERT_TRUE(uses);
  EXPECT_TRUE(*uses);
  auto book = policy_->Book();
  ASSERT_TRUE(book) << book.error().ToString();
  auto defaults = policy::PolicyBook::Of(*policy::ParsePolicyFile(policy::DefaultPolicyJson()));
  ASSERT_TRUE(defaults);
  EXPECT_EQ(book->AllVersions(), defaults->AllVersions());
  EXPECT_TRUE(Entries("policy_version").empty()) << "reading the defaults wrote something";

  const Actor admin = Holding(auth::Role::kAdminProvinsi, "35", "admin.jatim");
  auto added = policy_->AddFile(kJuly2026, admin);
  ASSERT_TRUE(added) << added.error().ToString();
  EXPECT_EQ(added->defaults_stored, 4);
  ASSERT_EQ(added->ids.size(), 1u);
  EXPECT_FALSE(*policy_->UsesDefaults());
  auto stored = policy_->Book();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->AllVersions().size(), 5u);
  auto june = stored->InForce(policy::RuleFamily::kContribution, std::chrono::year{2026} / 6 / 30);
  ASSERT_TRUE(june);
  EXPECT_EQ(june->until, std::chrono::year{2026} / 6 / 30);

  const auto entries = Entries("policy_version");
  ASSERT_EQ(entries.size(), 5u);
  for (const auto& e : entries) {
    EXPECT_EQ(e.actor_username, "admin.jatim");
    EXPECT_EQ(e.action, auth::AuditAction::kCreate);
    EXPECT_EQ(e.regency_code, "");
  }
  // Newest first: the administrator's version, then the built-in ones it stored.
  EXPECT_EQ(nlohmann::json::parse(entries.front().after_json)["source"], "berkas");
  EXPECT_EQ(nlohmann::json::parse(entries.back().after_json)["source"], "bawaan");
  EXPECT_EQ(entries.front().record_id, std::to_string(added->ids[0]));
}

TEST_P(ProgramServiceTest, PolicyFilesAreAllOrNothing) {
  const Actor cli = Actor::ForCli("budi");
  auto inside = policy_->AddFile(kSelfOverlap, cli);
  ASSERT_FALSE(inside);
  EXPECT_EQ(inside.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(*policy_->UsesDefaults()) << "a refused file stored the defaults";
  EXPECT_TRUE(Entries("policy_version").empty());

  ASSERT_TRUE(policy_->AddFile(kJuly2026, cli));
  auto twice = policy_->AddFile(kJuly2026, cli);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(twice.error().message.find("Iuran"), std::string::npos) << twice.error().message;
  EXPECT_EQ(policy_->Book()->AllVersions().size(), 5u);
  EXPECT_EQ(Entries("policy_version").size(), 5u);

  EXPECT_EQ(policy_->AddFile("{", cli).error().code, ErrorCode::kInvalidArgument);
  auto regency_admin = policy_->AddFile(kJuly2026, Holding(auth::Role::kAdminDaerah, "35.14"));
  ASSERT_FALSE(regency_admin);
  EXPECT_EQ(regency_admin.error().code, ErrorCode::kPermissionDenied);
}

TEST_P(ProgramServiceTest, PasuruanArithmeticAndItsShortfall) {
  const Actor op = Holding(auth::Role::kOperator, "35.14", "operator");
  auto id = programs_->Add(Pasuruan(), op);
  ASSERT_TRUE(id) << id.error().ToString();
  auto sim = programs_->Simulate("35.14", *id, {}, op);
  ASSERT_TRUE(sim) << sim.error().ToString();
  EXPECT_EQ(sim->per_worker, Money::Rupiah(16'800));
  EXPECT_EQ(sim->monthly_cost, Money::Rupiah(477'926'400));
  EXPECT_EQ(sim->whole_months, 5);
  EXPECT_EQ(sim->covered_until, "2026-01");
  EXPECT_EQ(sim->spent, Money::Rupiah(2'389'632'000));
  EXPECT_EQ(sim->left, Money::Rupiah(410'368'000));
  EXPECT_EQ(sim->shortfall_next_month, Money::Rupiah(67'558'400));
  EXPECT_EQ(sim->shortfall, Money::Zero());  // September to December is paid
  EXPECT_EQ(sim->surplus, Money::Rupiah(2'800'000'000 - 4 * 477'926'400));

  // Six months, July to December (domain.md): the same Rp 67.558.400 is now missing to the end.
  auto six = programs_->Add(Pasuruan("2025-07", "2025-12"), op);
  ASSERT_TRUE(six);
  auto six_sim = programs_->Simulate("35.14", *six, {}, op);
  ASSERT_TRUE(six_sim);
  EXPECT_EQ(six_sim->cost_until_end, Money::Rupiah(2'867'558'400));
  EXPECT_EQ(six_sim->shortfall, Money::Rupiah(67'558'400));
  EXPECT_EQ(six_sim->surplus, Money::Zero());
  EXPECT_EQ(six_sim->workers_until_end, 27'777);  // 2.800.000.000 / (6 x 16.800)
  const auto json = SimulationToJson(*six_sim);
  EXPECT_EQ(json["shortfall"], 67'558'400);
  EXPECT_EQ(json["covered_until"], "2025-11");
  EXPECT_EQ(json.begin().key(), "monthly_cost");
}

TEST_P(ProgramServiceTest, RevisionsAppendAndEveryChangeIsAudited) {
  const Actor op = Holding(auth::Role::kOperator, "35.14", "operator");
  auto id = programs_->Add(Pasuruan(), op);
  ASSERT_TRUE(id);
  auto line = programs_->Revise("35.14", *id,
                                {Money::Rupiah(3'200'000'000), " Perbup 88/2025 ", "2025-10-15"},
                                Holding(auth::Role::kAdminDaerah, "35.14", "admin.pasuruan"));
  ASSERT_TRUE(line) << line.error().ToString();
  auto program = programs_->Get("35.14", *id, op);
  ASSERT_TRUE(program);
  EXPECT_EQ(program->budget, Money::Rupiah(3'200'000'000));
  ASSERT_EQ(program->budget_lines.size(), 2u);
  EXPECT_EQ(program->budget_lines[1].decree, "Perbup 88/2025");
  EXPECT_EQ(program->budget_lines[1].actor, "admin.pasuruan");
  EXPECT_EQ(program->budget_lines[0].amount, Money::Rupiah(2'800'000'000));

  for (const BudgetRevision& bad : {BudgetRevision{Money::Zero(), "x", "2025-10-15"},
                                    BudgetRevision{Money::Rupiah(-1), "x", "2025-10-15"},
                                    BudgetRevision{Money::Rupiah(1), "", "2025-10-15"},
                                    BudgetRevision{Money::Rupiah(1), "x", ""},
                                    BudgetRevision{Money::Rupiah(1), "x", "2025-02-30"}}) {
    auto refused = programs_->Revise("35.14", *id, bad, op);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument) << refused.error().message;
  }
  EXPECT_EQ(programs_->Get("35.14", *id, op)->budget_lines.size(), 2u);

  const auto entries = Entries("program", "35.14");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, auth::AuditAction::kUpdate);
  EXPECT_EQ(entries[0].actor_username, "admin.pasuruan");
  EXPECT_EQ(nlohmann::json::parse(entries[0].before_json)["budget"], 2'800'000'000);
  EXPECT_EQ(nlohmann::json::parse(entries[0].after_json)["budget"], 3'200'000'000);
  EXPECT_EQ(nlohmann::json::parse(entries[0].after_json)["decree"], "Perbup 88/2025");
  EXPECT_EQ(entries[1].action, auth::AuditAction::kCreate);
  EXPECT_EQ(entries[1].record_id, std::to_string(*id));
  EXPECT_EQ(nlohmann::json::parse(entries[1].after_json)["name"], Pasuruan().name);
}

TEST_P(ProgramServiceTest, BadProgramsAreRefusedWithNothingStored) {
  const Actor cli = Actor::ForCli("budi");
  const auto refused = [&](ProgramInput in, ErrorCode code) {
    auto id = programs_->Add(in, cli);
    EXPECT_FALSE(id);
    if (!id) {
      EXPECT_EQ(id.error().code, code) << id.error().message;
    }
    return id ? std::string() : id.error().message;
  };
  ProgramInput in = Pasuruan();
  in.budget = Money::Zero();
  EXPECT_NE(refused(in, ErrorCode::kInvalidArgument).find("Anggaran"), std::string::npos);
  in = Pasuruan("2025-12", "2025-09");
  EXPECT_NE(refused(in, ErrorCode::kInvalidArgument).find("sebelum dimulai"), std::string::npos);
  in = Pasuruan();
  in.funding = {{domain::FundingSource::kDbhcht, 6000}, {domain::FundingSource::kApbd, 3000}};
  EXPECT_NE(refused(in, ErrorCode::kInvalidArgument).find("100 %"), std::string::npos);
  in = Pasuruan();
  in.regency_code = "35.99";
  refused(in, ErrorCode::kInvalidArgument);
  in = Pasuruan();
  in.age_max = 70;
  EXPECT_NE(refused(in, ErrorCode::kInvalidArgument).find("15–64"), std::string::npos);
  in = Pasuruan();
  in.occupations = std::vector<std::string>{"astronaut"};
  refused(in, ErrorCode::kInvalidArgument);
  in = Pasuruan();
  in.participation_code = "S1";
  refused(in, ErrorCode::kInvalidArgument);
  in = Pasuruan("2024-10", "2025-03");  // no schedule in force before 2025
  refused(in, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(programs_->List("35.14", cli)->empty());
  EXPECT_TRUE(Entries("program", "35.14").empty());

  in = Pasuruan();
  in.age_min = 18;
  in.age_max = 60;
  in.occupations = std::vector<std::string>{"buruh_tani_tembakau"};
  in.priority = std::vector<std::string>{"tobacco_sector"};
  auto id = programs_->Add(in, cli);
  ASSERT_TRUE(id) << id.error().ToString();
  auto program = programs_->Get("35.14", *id, cli);
  EXPECT_EQ(program->age_min, 18);
  EXPECT_EQ(program->occupations, std::vector<std::string>{"buruh_tani_tembakau"});
  EXPECT_EQ(program->priority, std::vector<std::string>{"tobacco_sector"});
  EXPECT_EQ(program->actor, "cli:budi");
}

TEST_P(ProgramServiceTest, ARegencyNeverSeesAnothersPrograms) {
  auto id = programs_->Add(Pasuruan(), Actor::ForCli("budi"));
  ASSERT_TRUE(id);
  const Actor probolinggo = Holding(auth::Role::kAdminDaerah, "35.13");
  EXPECT_EQ(programs_->Get("35.14", *id, probolinggo).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(programs_->Get("35.13", *id, probolinggo).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(programs_->Simulate("35.14", *id, {}, probolinggo).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(programs_->Revise("35.14", *id, {Money::Rupiah(1), "x", "2025-10-01"}, probolinggo)
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(programs_->Add(Pasuruan(), probolinggo).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(programs_->Add(Pasuruan(), Holding(auth::Role::kVerifikator, "35.14")).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(*programs_->RegencyOf(*id), "35.14");
  EXPECT_EQ(programs_->RegencyOf(*id + 99).error().code, ErrorCode::kNotFound);
}

TEST_P(ProgramServiceTest, IneligibleListsItsWorkersVillageByVillage) {
  // The list is read by id and sorted in the service: the same rows in the order of the
  // registry list sorted by district (district, name, id), only the ineligible, none of
  // another regency.
  auto home = storage::testing::MakeWorkers(600, 5, std::vector<std::string>{"35.14"});
  auto other = storage::testing::MakeWorkers(50, 6, std::vector<std::string>{"35.13"});
  ASSERT_TRUE(db_->Workers().InsertMany(home));
  ASSERT_TRUE(db_->Workers().InsertMany(other));
  const Actor op = Holding(auth::Role::kOperator, "35.14", "operator");
  auto program = programs_->Add(Pasuruan(), op);
  ASSERT_TRUE(program) << program.error().ToString();
  std::vector<std::int64_t> expected;
  std::vector<storage::IneligibleRecord> rows;
  int n = 0;
  ASSERT_TRUE(db_->Workers().ForEach("35.14", {}, storage::WorkerSort::kDistrict, false,
                                     [&](const storage::WorkerRecord& r) {
                                       if (n++ % 3 != 0) return true;
                                       expected.push_back(r.worker.id);
                                       rows.push_back({r.worker.id, "2025-09", "age_above"});
                                       return true;
                                     }));
  ASSERT_GT(expected.size(), 150u);
  std::ranges::reverse(rows);  // stored in another order than listed
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->Enrolment().ReplaceIneligible("35.14", *program, rows));
    ASSERT_TRUE((*tx)->Commit());
  }
  EnrolmentService enrolment(*db_, &trail_, *policy_, clock_);
  auto listed = enrolment.Ineligible("35.14", *program, op);
  ASSERT_TRUE(listed) << listed.error().ToString();
  std::vector<std::int64_t> ids;
  for (const auto& v : *listed) {
    ids.push_back(v.worker_id);
    EXPECT_EQ(v.period, "2025-09");
    ASSERT_EQ(v.reasons.size(), 1u);
    EXPECT_EQ(v.reasons.front().code, "age_above");
  }
  EXPECT_EQ(ids, expected);
  auto first = db_->Workers().GetRecord("35.14", expected.front());
  ASSERT_TRUE(first);
  EXPECT_EQ(listed->front().name, first->worker.name);
  EXPECT_EQ(listed->front().village_code, first->worker.village_code);
  EXPECT_EQ(listed->front().occupation, first->worker.occupation);
}

INSTANTIATE_TEST_SUITE_P(Engines, ProgramServiceTest,
                         testing::Values(TestEngine::kSqlite, TestEngine::kPostgres),
                         [](const auto& info) {
                           return info.param == TestEngine::kSqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace jaring::services
