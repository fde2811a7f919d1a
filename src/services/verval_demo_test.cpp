// The monthly verification over the demo regency, counted against the demo's truth, on both
// engines: what a newcomer does in `make run` (seed the demo, upload the month's death and
// membership extracts, run verval) must find what the generator planted (src/demo/demo.hpp).
//
// The demo shares its author with the engine, so these are floors for a known roster, not the
// quality figures: those are measured on independent lists (bench/verval, docs/benchmarks.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "domain/date_format.hpp"
#include "integration/storage/test_database.hpp"
#include "services/demo_seed.hpp"
#include "services/extract_service.hpp"
#include "services/verval_decisions.hpp"
#include "services/verval_review.hpp"
#include "services/verval_service.hpp"

namespace jaring::services {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;
using storage::testing::TestEngine;

constexpr char kPeriod[] = "2025-07";  // the demo's reference month (DemoOptions::as_of)

// A demo id ("17"); a failure names the text that was not one.
std::int64_t DemoId(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  EXPECT_TRUE(ec == std::errc() && end == text.data() + text.size())
      << "not a demo id: '" << text << "'";
  return id;
}

// Precision and recall of `found` against `truth`, printed so a failure says how far off.
struct Score {
  std::size_t found = 0, truth = 0, correct = 0;
  double Precision() const { return found == 0 ? 1 : double(correct) / double(found); }
  double Recall() const { return truth == 0 ? 1 : double(correct) / double(truth); }
};
std::ostream& operator<<(std::ostream& out, const Score& s) {
  return out << "found " << s.found << ", truth " << s.truth << ", correct " << s.correct << " (P "
             << s.Precision() << ", R " << s.Recall() << ")";
}

class VervalDemoTest : public testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    options_.workers = 4'000;
    options_.seed = 11;
    auto seeded = SeedDemoIfEmpty(*db_, domain::RegionIndex::Embedded(), options_);
    ASSERT_TRUE(seeded) << seeded.error().ToString();
    auto demo = demo::GenerateDemo(options_, domain::RegionIndex::Embedded());
    ASSERT_TRUE(demo) << demo.error().ToString();
    truth_ = demo->truth;
    for (const auto& w : demo->roster) birth_dates_[w.id] = w.birth_date;
    dir_ = fs::temp_directory_path() / ("jaring-verval-demo-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void ImportExtract(std::string_view kind, intake::ExtractKind extract_kind) {
    auto csv = DemoExtractCsv(options_, domain::RegionIndex::Embedded(), kind);
    ASSERT_TRUE(csv) << csv.error().ToString();
    const fs::path path = dir_ / (std::string(kind) + ".csv");
    std::ofstream(path, std::ios::binary) << *csv;
    auto file = intake::SourceFile::Open(path);
    ASSERT_TRUE(file) << file.error().ToString();
    ExtractService extracts(*db_, &trail_, clock_);
    auto report = extracts.Import(
        *file, {options_.regency_code, extract_kind, kPeriod, Actor::ForCli("tester")});
    ASSERT_TRUE(report) << report.error().ToString();
    EXPECT_EQ(report->quarantined, 0u);
  }

  // Every finding of the month, with the demo ids (source ids) of its workers and the `id` of
  // its extract row.
  struct Seen {
    FindingView finding;
    std::vector<std::int64_t> demo_ids;  // the worker, then the others
    std::int64_t extract_id = 0;
  };
  std::map<std::string, std::vector<Seen>> Findings() {
    VervalReview review(*db_, &trail_, clock_);
    std::map<std::string, std::vector<Seen>> out;
    for (std::int64_t offset = 0;; offset += 500) {
      auto page = review.Queue(options_.regency_code, {kPeriod, {}, {}, {}, offset, 500});
      EXPECT_TRUE(page) << page.error().ToString();
      if (!page || page->empty()) break;
      for (auto& view : *page) {
        auto full = review.Get(options_.regency_code, view.finding.id);
        EXPECT_TRUE(full) << full.error().ToString();
        if (!full) continue;
        Seen seen{full->finding, {}, 0};
        for (const auto& record : full->workers) {
          seen.demo_ids.push_back(DemoId(record.worker.source_id));
        }
        // "id:<the id column>" (intake::ExtractRecord::row_key).
        if (full->extract) {
          EXPECT_TRUE(full->extract->row_key.starts_with("id:"));
          seen.extract_id = DemoId(full->extract->row_key.substr(3));
        }
        out[seen.finding.kind].push_back(std::move(seen));
      }
    }
    return out;
  }

  demo::DemoOptions options_;
  demo::DemoTruth truth_;
  std::map<std::int64_t, year_month_day> birth_dates_;  // by demo id
  FixedClock clock_{sys_days(year_month_day{2025y / August / 4d}) + hours(2)};
  AuditTrail trail_{clock_};
  storage::testing::MigratedDatabase db_;
  fs::path dir_;
};

// Pairs (worker, extract row) against the truth's, where a duplicated person is listed under
// both entries: linking both is right (neither record may stay paid for, or miss a benefit).
// Precision counts pairs; recall counts extract rows (a person found under either entry).
struct LinkScore {
  Score pairs, rows;
};
template <typename Planted>
LinkScore ScoreLinks(const std::vector<Planted>& planted, std::int64_t Planted::*extract_id,
                     const std::vector<std::pair<std::int64_t, std::int64_t>>& found) {
  std::set<std::pair<std::int64_t, std::int64_t>> truth;
  std::set<std::int64_t> rows;
  for (const Planted& p : planted) {
    truth.emplace(p.roster_id, p.*extract_id);
    rows.insert(p.*extract_id);
  }
  LinkScore score{{found.size(), truth.size(), 0}, {0, rows.size(), 0}};
  std::set<std::int64_t> rows_found;
  for (const auto& pair : found) {
    if (truth.contains(pair)) {
      ++score.pairs.correct;
      rows_found.insert(pair.second);
    } else {
      std::cout << "  not planted: roster " << pair.first << " - extract " << pair.second << "\n";
    }
  }
  score.rows.found = score.rows.correct = rows_found.size();
  return score;
}

TEST_P(VervalDemoTest, FindsWhatTheDemoPlanted) {
  ImportExtract("deaths", intake::ExtractKind::kDeaths);
  ImportExtract("members", intake::ExtractKind::kMembers);
  VervalService verval(*db_, &trail_, clock_);
  clock_.Advance(minutes(1));
  auto report = verval.Run({options_.regency_code, kPeriod, Actor::ForCli("tester"), 1});
  ASSERT_TRUE(report) << report.error().ToString();
  EXPECT_EQ(report->workers, static_cast<std::uint64_t>(options_.workers));
  auto findings = Findings();

  // Deaths: each planted death found once, no living person flagged dead automatically.
  std::vector<std::pair<std::int64_t, std::int64_t>> died, died_automatic;
  for (const Seen& s : findings["died"]) {
    died.emplace_back(s.demo_ids.at(0), s.extract_id);
    if (s.finding.action == "automatic") died_automatic.push_back(died.back());
  }
  const LinkScore deaths = ScoreLinks(truth_.deaths, &demo::PlantedDeath::death_id, died);
  const LinkScore automatic =
      ScoreLinks(truth_.deaths, &demo::PlantedDeath::death_id, died_automatic);
  EXPECT_GE(deaths.rows.Recall(), 0.98) << deaths.rows;
  EXPECT_GE(deaths.pairs.Precision(), 0.95) << deaths.pairs;
  EXPECT_EQ(automatic.pairs.Precision(), 1.0) << automatic.pairs;
  EXPECT_GT(automatic.pairs.found, deaths.pairs.found / 2) << "the certain deaths apply themselves";

  // Members: wage earners and others, each by its segment.
  for (const auto& [kind, segment] :
       {std::pair{"member_wage", demo::MemberSegment::kWageEarner},
        std::pair{"member_other", demo::MemberSegment::kNonWageEarner}}) {
    std::vector<demo::PlantedMember> planted;
    for (const auto& m : truth_.members) {
      if (m.segment == segment) planted.push_back(m);
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> found;
    for (const Seen& s : findings[kind]) found.emplace_back(s.demo_ids.at(0), s.extract_id);
    const LinkScore members = ScoreLinks(planted, &demo::PlantedMember::member_id, found);
    EXPECT_GE(members.pairs.Precision(), 0.99) << kind << ": " << members.pairs;
    EXPECT_GE(members.rows.Recall(), 0.95) << kind << ": " << members.rows;
  }

  // Duplicates: pairwise over closed clusters.
  std::set<std::pair<std::int64_t, std::int64_t>> truth_pairs, found_pairs;
  for (const auto& d : truth_.duplicates) truth_pairs.emplace(d.id_a, d.id_b);
  for (const Seen& s : findings["duplicate"]) {
    for (std::size_t i = 0; i < s.demo_ids.size(); ++i) {
      for (std::size_t j = i + 1; j < s.demo_ids.size(); ++j) {
        found_pairs.emplace(std::min(s.demo_ids[i], s.demo_ids[j]),
                            std::max(s.demo_ids[i], s.demo_ids[j]));
      }
    }
  }
  Score dupes{found_pairs.size(), truth_pairs.size(), 0};
  for (const auto& p : found_pairs) dupes.correct += truth_pairs.contains(p);
  const double f1 = 2 * dupes.Precision() * dupes.Recall() / (dupes.Precision() + dupes.Recall());
  EXPECT_GE(f1, 0.99) << dupes;

  // Invalid NIKs: every planted one is a finding (Excel damage included: the digits are lost).
  std::set<std::int64_t> invalid;
  for (const Seen& s : findings["invalid_nik"]) invalid.insert(s.demo_ids.at(0));
  Score bad{invalid.size(), truth_.bad_niks.size(), 0};
  for (const auto& b : truth_.bad_niks) bad.correct += invalid.contains(b.roster_id);
  EXPECT_EQ(bad.Recall(), 1.0) << bad;
  EXPECT_EQ(bad.Precision(), 1.0) << bad;

  // Aged out: the month is the demo's own (where the page opens), so exactly those who turned 65
  // by its last day are found, the 65-year-olds of the list (about 1 %), not a mass of the old.
  ASSERT_EQ(DemoPeriod(options_), kPeriod);
  const year_month_day last_day{2025y / July / last};
  std::set<std::int64_t> aged_out, found_age;
  for (const auto& [id, birth] : birth_dates_) {
    if (domain::AgeInYears(birth, last_day) >= 65) aged_out.insert(id);
  }
  for (const Seen& s : findings["age"]) found_age.insert(s.demo_ids.at(0));
  EXPECT_EQ(found_age, aged_out);
  EXPECT_GT(aged_out.size(), 0u);
  EXPECT_LT(static_cast<double>(aged_out.size()), 0.02 * static_cast<double>(options_.workers));
  std::cout << "[ demo ] deaths " << deaths.pairs << "\n[ demo ] duplicates " << dupes
            << "\n[ demo ] invalid NIKs " << bad << "\n[ demo ] aged out " << found_age.size()
            << "\n";
}

INSTANTIATE_TEST_SUITE_P(Engines, VervalDemoTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::services
