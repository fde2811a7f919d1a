// The monthly verification end to end over a real database (SQLite, and PostgreSQL under
// scripts/with-postgres.sh): a small registry with one planted case of every finding kind, the
// month's extracts, a run, decisions, a settlement with its berita acara, and the properties
// issue 12 asks for: the same inputs give the same findings and keep their decisions, a rejected
// pair is never proposed again, a namesake's death never applies itself, settling waits for
// every blocking decision and for a run that still describes the registry.
#include "services/verval_service.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "domain/date_format.hpp"
#include "integration/storage/test_database.hpp"
#include "services/extract_service.hpp"
#include "services/settlement.hpp"
#include "services/verval_review.hpp"

namespace jaring::services {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;
using storage::testing::TestEngine;

constexpr char kRegency[] = "35.14";
constexpr char kPeriod[] = "2025-10";

domain::Worker W(std::string regency, std::string nik, std::string name, domain::Sex sex,
                 year_month_day birth, std::string village, std::string source = "Desa Gerbo") {
  domain::Worker w;
  w.regency_code = std::move(regency);
  w.nik = std::move(nik);
  w.name = w.name_original = std::move(name);
  w.sex = sex;
  w.birth_date = birth;
  w.birth_place = "Pasuruan";
  w.village_code = std::move(village);
  w.occupation = "petani";
  w.status = domain::WorkerStatus::kActive;
  w.source = std::move(source);
  return w;
}

constexpr auto kMale = domain::Sex::kMale;
constexpr auto kFemale = domain::Sex::kFemale;

class VervalServiceTest : public testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    dir_ =
        fs::temp_directory_path() / ("jaring-verval-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    verval_ = std::make_unique<VervalService>(*db_, &trail_, clock_);
    review_ = std::make_unique<VervalReview>(*db_, &trail_, clock_);
    settlement_ = std::make_unique<Settlement>(*db_, &trail_, clock_);
    extracts_ = std::make_unique<ExtractService>(*db_, &trail_, clock_);
    SeedRegistry();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // One planted case of every kind (the comment after each worker says which).
  void SeedRegistry() {
    const std::string v = "35.14.01.2001";
    std::vector<domain::Worker> home = {
        W(kRegency, "3514014503800001", "SITI AMINAH", kFemale, 1980y / 3 / 5, v, "Desa Gerbo"),
        W(kRegency, "3514014503800001", "Siti Aminah", kFemale, 1980y / 3 / 5, v,
          "Dinas Pertanian"),  // 2: duplicate of 1 (another list)
        W(kRegency, "3514011207750002", "MUHAMMAD SANUSI", kMale, 1975y / 7 / 12, v),
        W(kRegency, "3514011207750002", "Moch. Sanoesi", kMale, 1975y / 7 / 12, v,
          "Dinas Pertanian"),  // 4: duplicate of 3, rejected below
        W(kRegency, "3514015510850004", "SRI WAHYUNI", kFemale, 1985y / 10 / 15, v),  // 5: died
        W(kRegency, "3514015510850005", "SRI WAHYUNINGSIH", kFemale, 1985y / 10 / 15,
          v),                                                                     // 6: her twin
        W(kRegency, "3514010101620006", "SLAMET", kMale, 1962y / 1 / 1, v),       // 7: namesake
        W(kRegency, "3514010505750009", "AHMAD FAUZI", kMale, 1975y / 5 / 5, v),  // 8: PU member
        W(kRegency, "3514014411500010", "WARSINI", kFemale, 1950y / 11 / 4, v),   // 9: age 74
        W(kRegency, "3514015712920012", "DEWI LESTARI", kFemale, 1992y / 12 / 17,
          "35.13.01.2001"),                                                         // 10: domicile
        W(kRegency, "123", "BAMBANG HERU", kMale, 1988y / 3 / 23, v),               // 11: bad NIK
        W(kRegency, "3514016608700008", "NUR HAYATI", kFemale, 1970y / 8 / 26, v),  // 12: 35.13 too
        W(kRegency, "3514012002900003", "JOKO SUSILO", kMale, 1990y / 2 / 20, v),
        W(kRegency, "3514012002900003", "AGUS SALIM", kMale, 1990y / 2 / 20, v,
          "Dinas Pertanian"),  // 14: another person under 13's NIK
        W(kRegency, "3514012303880011", "BAMBANG SUTRISNO", kMale, 1988y / 3 / 23, v),
        W(kRegency, "3514014807900013", "SRI UTAMI", kFemale, 1990y / 7 / 8, v),
    };
    std::vector<domain::Worker> neighbour = {W("35.13", "3514016608700008", "Nur Hayati", kFemale,
                                               1970y / 8 / 26, "35.13.01.2001", "Desa Sumberasih")};
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->Workers().InsertMany(home));
    ASSERT_TRUE((*tx)->Workers().InsertMany(neighbour));
    ASSERT_TRUE((*tx)->Commit());
  }

  fs::path Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  void ImportExtracts() {
    auto deaths = intake::SourceFile::Open(
        Write("kematian.csv",
              "id,nik,name,sex,birth_date,death_date,village_code\n"
              "D1,3514015510850004,SRI WAHYUNI,P,1985-10-15,2025-10-02,35.14.01.2001\n"
              "D2,3514010203620013,SLAMET,L,1962-03-02,2025-10-11,35.14.01.2001\n"));
    ASSERT_TRUE(deaths);
    auto d = extracts_->Import(
        *deaths, {kRegency, intake::ExtractKind::kDeaths, kPeriod, Actor::ForCli("tester")});
    ASSERT_TRUE(d) << d.error().ToString();
    EXPECT_EQ(d->accepted, 2u);
    auto members = intake::SourceFile::Open(
        Write("peserta.csv",
              "id,nik,name,birth_date,kpj,segment\n"
              "M1,3514010505750009,AHMAD FAUZI,1975-05-05,12345678901,PU\n"
              "M2,3514019999990001,ORANG LAIN,1966-06-06,12345678902,BPU\n"));
    ASSERT_TRUE(members);
    auto m = extracts_->Import(
        *members, {kRegency, intake::ExtractKind::kMembers, kPeriod, Actor::ForCli("tester")});
    ASSERT_TRUE(m) << m.error().ToString();
    EXPECT_EQ(m->accepted + m->quarantined, 2u);
  }

  Result<VervalRunReport> Run() {
    clock_.Advance(minutes(1));
    return verval_->Run({kRegency, kPeriod, Actor::ForCli("tester"), 1});
  }

  // The review queue of the month (every finding with its records), by kind.
  std::map<std::string, std::vector<ReviewItem>> Findings() {
    std::map<std::string, std::vector<ReviewItem>> out;
    for (std::int64_t offset = 0;; offset += 100) {
      auto page = review_->Queue(kRegency,
                                 {kPeriod, std::nullopt, std::nullopt, std::nullopt, offset, 100});
      EXPECT_TRUE(page) << page.error().ToString();
      if (!page || page->empty()) break;
      for (auto& item : *page) out[item.finding.kind].push_back(std::move(item));
    }
    return out;
  }

  std::int64_t IdOf(const std::string& name) {
    std::int64_t found = 0;
    auto tx = db_->Begin();
    if (!tx) {
      ADD_FAILURE() << tx.error().ToString();
      return 0;
    }
    EXPECT_TRUE((*tx)->Verval().ForEachRegistryRecord(kRegency, [&](const auto& r) {
      if (r.worker.name_original == name) found = r.worker.id;
      return true;
    }));
    return found;
  }

  Actor Verifier() {
    return Actor::ForPrincipal(
        {7, "verif", {{auth::Role::kVerifikator, auth::Scope::Unchecked(kRegency)}}}, "");
  }

  FixedClock clock_{sys_days(year_month_day{2025y / November / 3d}) + hours(2)};
  AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  fs::path dir_;
  std::unique_ptr<VervalService> verval_;
  std::unique_ptr<VervalReview> review_;
  std::unique_ptr<Settlement> settlement_;
  std::unique_ptr<ExtractService> extracts_;
};

TEST_P(VervalServiceTest, FindsEveryPlantedKindDecidesSettlesAndKeepsDecisions) {
  ImportExtracts();
  auto report = Run();
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->workers, 16u);
  auto findings = Findings();
  // Decided findings are in the queue's month view too (the automatic death).
  auto all = review_->Summary(kRegency, kPeriod);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->counts["died"]["accepted"], 1u);

  // The certain death applied itself: worker 5 is recorded dead on the civil registry's date.
  {
    const std::int64_t sri_id = IdOf("SRI WAHYUNI"), twin_id = IdOf("SRI WAHYUNINGSIH");
    auto tx = db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    auto sri = (*tx)->Verval().GetRegistryRecord(kRegency, sri_id);
    ASSERT_TRUE(sri);
    EXPECT_EQ(sri->worker.status, domain::WorkerStatus::kDeceased);
    EXPECT_EQ(sri->death_date, "2025-10-02");
    auto twin = (*tx)->Verval().GetRegistryRecord(kRegency, twin_id);
    EXPECT_EQ(twin->worker.status, domain::WorkerStatus::kActive);
  }
  // The namesake's death never applied itself (at most a person reviews it).
  for (const auto& item : findings["died"]) {
    const FindingView& f = item.finding;
    if (f.worker_id == IdOf("SRI WAHYUNI")) continue;
    EXPECT_EQ(f.action, "review");
    EXPECT_EQ(f.worker_id, IdOf("SLAMET"));
  }
  auto cluster_of = [&](const std::string& kind) {
    std::set<std::set<std::int64_t>> out;
    // A cluster's records are the ones the review shows beside it.
    for (const auto& item : findings[kind]) {
      std::set<std::int64_t> ids;
      for (const auto& record : item.workers) ids.insert(record.worker.id);
      out.insert(std::move(ids));
    }
    return out;
  };
  EXPECT_EQ(cluster_of("duplicate"),
            (std::set<std::set<std::int64_t>>{{IdOf("SITI AMINAH"), IdOf("Siti Aminah")},
                                              {IdOf("MUHAMMAD SANUSI"), IdOf("Moch. Sanoesi")}}));
  EXPECT_EQ(cluster_of("nik_conflict"),
            (std::set<std::set<std::int64_t>>{{IdOf("JOKO SUSILO"), IdOf("AGUS SALIM")}}));
  auto workers_of = [&](const std::string& kind) {
    std::set<std::int64_t> out;
    for (const auto& item : findings[kind]) out.insert(item.finding.worker_id);
    return out;
  };
  EXPECT_EQ(workers_of("member_wage"), std::set<std::int64_t>{IdOf("AHMAD FAUZI")});
  EXPECT_EQ(workers_of("age"), std::set<std::int64_t>{IdOf("WARSINI")});
  EXPECT_EQ(workers_of("domicile"), std::set<std::int64_t>{IdOf("DEWI LESTARI")});
  EXPECT_EQ(workers_of("invalid_nik"), std::set<std::int64_t>{IdOf("BAMBANG HERU")});
  ASSERT_EQ(findings["other_regency"].size(), 1u);
  EXPECT_EQ(findings["other_regency"][0].finding.worker_id, IdOf("NUR HAYATI"));
  EXPECT_EQ(findings["other_regency"][0].finding.other_regency, "35.13");
  // The other regency's record is never shown: only its code.
  auto view = review_->Get(kRegency, findings["other_regency"][0].finding.id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->workers.size(), 1u);
  EXPECT_EQ(view->workers[0].worker.regency_code, kRegency);
  EXPECT_FALSE(view->extract.has_value());

  // Not yet: blocking findings are open.
  auto early = settlement_->Settle({kRegency, kPeriod, Verifier()});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kFailedPrecondition);

  // Decide: one duplicate accepted (merge), the other rejected (two people), the rest accepted
  // or deferred per kind.
  const auto siti = findings["duplicate"][0].finding.worker_id == IdOf("SITI AMINAH") ? 0 : 1;
  const FindingView& accept_dup = findings["duplicate"][siti].finding;
  const FindingView& reject_dup = findings["duplicate"][1 - siti].finding;
  const std::string reason = "diperiksa dengan KTP";
  ASSERT_TRUE(review_->Decide(kRegency, kPeriod, {accept_dup.id},
                              {Verdict::kAccept, reason, std::nullopt}, Verifier()));
  ASSERT_TRUE(review_->Decide(kRegency, kPeriod, {reject_dup.id},
                              {Verdict::kReject, reason, std::nullopt}, Verifier()));
  // A decision needs a reason, and a decided finding cannot be decided again.
  EXPECT_EQ(
      review_->Decide(kRegency, kPeriod, {accept_dup.id}, {Verdict::kAccept, "", {}}, Verifier())
          .error()
          .code,
      ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      review_
          ->Decide(kRegency, kPeriod, {accept_dup.id}, {Verdict::kAccept, reason, {}}, Verifier())
          .error()
          .code,
      ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(review_->Decide(kRegency, kPeriod, {findings["nik_conflict"][0].finding.id},
                              {Verdict::kAccept, reason, IdOf("JOKO SUSILO")}, Verifier()));
  ASSERT_TRUE(review_->Decide(kRegency, kPeriod, {std::nullopt, "other_regency"},
                              {Verdict::kDefer, "menunggu kabar Kab. Probolinggo", {}},
                              Verifier()));
  for (const char* kind : {"died", "member_wage", "age", "domicile"}) {
    auto decided = review_->Decide(
        kRegency, kPeriod, {std::nullopt, std::string(kind)},
        {kind == std::string("died") ? Verdict::kReject : Verdict::kAccept, reason, std::nullopt},
        Verifier());
    ASSERT_TRUE(decided) << kind << ": " << decided.error().ToString();
  }
  {
    const std::int64_t siti = IdOf("Siti Aminah"), siti_first = IdOf("SITI AMINAH"),
                       agus_id = IdOf("AGUS SALIM"), joko = IdOf("JOKO SUSILO"),
                       warsini = IdOf("WARSINI");
    auto tx = db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    auto merged = (*tx)->Verval().GetRegistryRecord(kRegency, siti);
    EXPECT_EQ(merged->worker.status, domain::WorkerStatus::kRemoved);
    EXPECT_EQ(merged->merged_into, siti_first);
    auto agus = (*tx)->Verval().GetRegistryRecord(kRegency, agus_id);
    EXPECT_EQ(agus->merged_into, joko);
    auto old = (*tx)->Verval().GetRegistryRecord(kRegency, warsini);
    EXPECT_EQ(old->removed_reason, "age");
  }

  // Settled: the list is the persons left on it.
  clock_.Advance(minutes(5));
  auto settled = settlement_->Settle({kRegency, kPeriod, Verifier()});
  ASSERT_TRUE(settled) << settled.error().ToString();
  // 16 records: dead Sri, merged Siti and Agus, PU member, aged-out and out-of-regency removed.
  EXPECT_EQ(settled->month.persons, 10u);
  EXPECT_EQ(settled->month.version, 1);
  // The first month opens from the list the run read: 16 on it, 6 taken off, none added.
  EXPECT_EQ(settled->counts.start, 16u);
  EXPECT_EQ(settled->counts.added, 0u);
  EXPECT_EQ(settled->counts.end, 10u);
  EXPECT_EQ(settled->counts.removed,
            (std::map<std::string, std::uint64_t>{
                {"died", 1}, {"duplicate", 2}, {"member_wage", 1}, {"age", 1}, {"domicile", 1}}));
  EXPECT_TRUE(settled->minutes_pdf.starts_with("%PDF"));
  auto kept = settlement_->Minutes(kRegency, kPeriod);
  ASSERT_TRUE(kept);
  EXPECT_EQ(*kept, settled->minutes_pdf);
  EXPECT_EQ(settled->month.checksum.size(), 64u);
  const fs::path xlsx = dir_ / "temuan.xlsx";
  ASSERT_TRUE(settlement_->FindingsXlsx(kRegency, kPeriod, xlsx));
  EXPECT_GT(fs::file_size(xlsx), 1000u);

  // Re-running on the same inputs finds the same findings and keeps every decision; the pair a
  // person rejected is not proposed again, and neither is the namesake's death.
  auto again = Run();
  ASSERT_TRUE(again) << again.error().ToString();
  auto summary = review_->Summary(kRegency, kPeriod);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->open_blocking, 0u) << [&] {
    std::string open;
    for (const auto& [kind, states] : summary->counts) {
      if (states.contains("open")) open += kind + "=" + std::to_string(states.at("open")) + " ";
    }
    return open;
  }();
  EXPECT_EQ(summary->counts["duplicate"]["open"], 0u);
  EXPECT_EQ(summary->counts["died"]["open"], 0u);
  EXPECT_EQ(again->findings["duplicate"], 0u);  // Siti merged, Sanusi pair rejected
  EXPECT_EQ(summary->counts["other_regency"]["deferred"], 1u);

  // The audit chain holds every decision and change.
  auto chain = trail_.Verify(*db_);
  ASSERT_TRUE(chain);
  EXPECT_TRUE(chain->ok());
  EXPECT_GT(chain->entries_checked, 15);
}

TEST_P(VervalServiceTest, SettlingWaitsForARunThatStillDescribesTheRegistry) {
  ImportExtracts();
  auto report = Run();
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(
      review_->Decide(kRegency, kPeriod, {}, {Verdict::kDefer, "bulan depan", {}}, Verifier()));
  // A worker is added after the run: the run no longer describes the list.
  clock_.Advance(minutes(1));
  {
    auto tx = db_->Begin();
    ASSERT_TRUE((*tx)->Workers().InsertMany(std::vector{
        W(kRegency, "3514015708950014", "WIWIK", kFemale, 1995y / 8 / 17, "35.14.01.2001")}));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto stale = settlement_->Settle({kRegency, kPeriod, Verifier()});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kFailedPrecondition);
  // Run again: the new worker is verified; deferred findings do not block.
  ASSERT_TRUE(Run());
  ASSERT_TRUE(
      review_->Decide(kRegency, kPeriod, {}, {Verdict::kDefer, "bulan depan", {}}, Verifier()));
  clock_.Advance(minutes(1));
  auto settled = settlement_->Settle({kRegency, kPeriod, Verifier()});
  ASSERT_TRUE(settled) << settled.error().ToString();
  EXPECT_EQ(settled->month.persons, 16u);  // 17 records, the certain death applied itself
  // The same run settled again would only repeat version 1: refused.
  auto twice = settlement_->Settle({kRegency, kPeriod, Verifier()});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  // A new run gives the month its next version (the same list: the same checksum).
  clock_.Advance(minutes(1));
  ASSERT_TRUE(Run());
  clock_.Advance(minutes(1));
  auto v2 = settlement_->Settle({kRegency, kPeriod, Verifier()});
  ASSERT_TRUE(v2) << v2.error().ToString();
  EXPECT_EQ(v2->month.version, 2);
  EXPECT_EQ(v2->month.checksum, settled->month.checksum);
}

TEST_P(VervalServiceTest, ReimportingTheSameExtractChangesNothing) {
  ImportExtracts();
  const fs::path same = dir_ / "kematian.csv";
  auto file = intake::SourceFile::Open(same);
  ASSERT_TRUE(file);
  auto again = extracts_->Import(
      *file, {kRegency, intake::ExtractKind::kDeaths, kPeriod, Actor::ForCli("tester")});
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_FALSE(again->stored);
  EXPECT_EQ(again->unchanged, 2u);
  EXPECT_EQ(again->accepted, 0u);
  auto batches = extracts_->List(kRegency, kPeriod);
  ASSERT_TRUE(batches);
  EXPECT_EQ(batches->size(), 2u);  // deaths and members, once each
  // A corrected version changes one row and drops another.
  auto corrected = intake::SourceFile::Open(
      Write("kematian-2.csv",
            "id,nik,name,sex,birth_date,death_date,village_code\n"
            "D1,3514015510850004,SRI WAHYUNI,P,1985-10-15,2025-10-03,35.14.01.2001\n"
            "D3,not-a-nik,,P,,2025-10-05,\n"));
  ASSERT_TRUE(corrected);
  auto v2 = extracts_->Import(
      *corrected, {kRegency, intake::ExtractKind::kDeaths, kPeriod, Actor::ForCli("tester")});
  ASSERT_TRUE(v2) << v2.error().ToString();
  EXPECT_TRUE(v2->stored);
  EXPECT_EQ(v2->changed, 1u);
  EXPECT_EQ(v2->withdrawn, 1u);
  EXPECT_EQ(v2->quarantined, 1u);  // no valid NIK, no name: nobody to link
  EXPECT_EQ(v2->issues.at("NOBODY_TO_LINK"), 1u);
}

// Item 8: a re-run takes from the month's last run every group of findings whose inputs did
// not change, and re-evaluates what a new extract version, a decision or an import touches.
TEST_P(VervalServiceTest, ARerunReevaluatesOnlyWhatANewExtractVersionTouches) {
  // Everything to a person, so that the runs themselves change nothing in the registry.
  VervalSettings settings;
  for (auto& [kind, automatic] : settings.automatic) automatic = false;
  ASSERT_TRUE(verval_->SaveSettings(kRegency, settings, Actor::ForCli("tester")));
  ImportExtracts();
  auto first = Run();
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(first->reused.empty());
  auto ids_by_kind = [&] {
    std::map<std::string, std::set<std::int64_t>> out;
    for (const auto& [kind, items] : Findings()) {
      for (const auto& item : items) out[kind].insert(item.finding.id);
    }
    return out;
  };
  const auto before = ids_by_kind();
  ASSERT_FALSE(before.at("died").empty());
  ASSERT_FALSE(before.at("duplicate").empty());

  // The same inputs: every expensive group is reused, and the findings are the same.
  auto same = Run();
  ASSERT_TRUE(same) << same.error().ToString();
  EXPECT_EQ(same->reused, (std::vector<std::string>{"duplicates", "deaths", "members"}));
  EXPECT_EQ(same->findings, first->findings);
  EXPECT_EQ(ids_by_kind(), before);

  // A new version of the death extract: deaths are re-evaluated, the rest is carried.
  auto corrected = intake::SourceFile::Open(
      Write("kematian-2.csv",
            "id,nik,name,sex,birth_date,death_date,village_code\n"
            "D1,3514015510850004,SRI WAHYUNI,P,1985-10-15,2025-10-02,35.14.01.2001\n"));
  ASSERT_TRUE(corrected);
  ASSERT_TRUE(extracts_->Import(
      *corrected, {kRegency, intake::ExtractKind::kDeaths, kPeriod, Actor::ForCli("tester")}));
  auto after_extract = Run();
  ASSERT_TRUE(after_extract) << after_extract.error().ToString();
  EXPECT_EQ(after_extract->reused, (std::vector<std::string>{"duplicates", "members"}));
  auto now = ids_by_kind();
  EXPECT_EQ(now.at("duplicate"), before.at("duplicate"));
  EXPECT_EQ(now.at("member_wage"), before.at("member_wage"));
  EXPECT_EQ(now.at("died").size(), 1u);  // the namesake's row was withdrawn: only Sri is left
  // What a full computation gives is what the run carried: the same counts per kind.
  EXPECT_EQ(after_extract->findings.at("duplicate"), first->findings.at("duplicate"));

  // A decision changes the registry: the next run re-evaluates everything.
  const auto dup = *now.at("duplicate").begin();
  ASSERT_TRUE(review_->Decide(kRegency, kPeriod, {dup},
                              {Verdict::kAccept, "KTP sama", std::nullopt}, Verifier()));
  auto after_decision = Run();
  ASSERT_TRUE(after_decision) << after_decision.error().ToString();
  EXPECT_TRUE(after_decision->reused.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, VervalServiceTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::services
