#include "demo/story.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "domain/date_format.hpp"
#include "domain/nik.hpp"
#include "domain/occupation.hpp"

namespace jaring::demo {
namespace {

namespace fs = std::filesystem;

const StoryPlan& Plan() {
  static const StoryPlan plan = [] {
    auto p = PlanStory(domain::RegionIndex::Embedded());
    EXPECT_TRUE(p) << p.error().ToString();
    return std::move(*p);
  }();
  return plan;
}

const domain::Worker& Row(const StoryRegency& r, std::int64_t id) {
  return r.data.roster.at(static_cast<std::size_t>(id - 1));
}

// Every id a truth list of the generator names.
std::set<std::int64_t> Planted(const DemoData& d) {
  std::set<std::int64_t> out;
  for (const auto& x : d.truth.duplicates) out.insert({x.id_a, x.id_b});
  for (const auto& x : d.truth.deaths) out.insert(x.roster_id);
  for (const auto& x : d.truth.members) out.insert(x.roster_id);
  for (const auto& x : d.truth.bad_niks) out.insert(x.roster_id);
  return out;
}

TEST(StoryTest, ThreeRegenciesWithTheArticlesFigures) {
  const StoryPlan& plan = Plan();
  ASSERT_EQ(plan.regencies.size(), 3u);
  EXPECT_EQ(StoryRegencyCodes(), (std::vector<std::string>{"35.14", "35.13", "35.23"}));
  std::map<std::string, std::size_t> rows;
  for (const auto& r : plan.regencies) rows[r.code()] = r.data.roster.size();
  EXPECT_EQ(rows, (std::map<std::string, std::size_t>{
                      {"35.14", 28'448}, {"35.13", 27'400}, {"35.23", 20'000}}));
  const StoryRegency& pasuruan = *plan.Find("35.14");
  ASSERT_EQ(pasuruan.programs.size(), 1u);
  EXPECT_EQ(pasuruan.programs[0].quota, 28'448);
  EXPECT_EQ(pasuruan.programs[0].budget, 2'800'000'000);
  EXPECT_EQ(pasuruan.programs[0].funding, "DBHCHT");
  const StoryRegency& probolinggo = *plan.Find("35.13");
  ASSERT_EQ(probolinggo.programs.size(), 1u);
  EXPECT_EQ(probolinggo.programs[0].quota, 18'000);
  ASSERT_TRUE(probolinggo.programs[0].revision);
  EXPECT_EQ(probolinggo.programs[0].revision->planned_quota, 24'250);
  EXPECT_GT(probolinggo.programs[0].revision->budget, probolinggo.programs[0].budget);
  const StoryRegency& tuban = *plan.Find("35.23");
  ASSERT_EQ(tuban.programs.size(), 2u);
  EXPECT_EQ(tuban.programs[0].quota + tuban.programs[1].quota, 20'000);
  EXPECT_EQ(tuban.programs[1].funding, "APBD");
  // Tuban's two programs never share an occupation: nobody is paid for twice.
  for (const auto& o : tuban.programs[0].occupations) {
    EXPECT_EQ(std::ranges::count(tuban.programs[1].occupations, o), 0) << o;
  }
}

TEST(StoryTest, TheSamePlanEveryTime) {
  auto again = PlanStory(domain::RegionIndex::Embedded());
  ASSERT_TRUE(again);
  const StoryPlan& plan = Plan();
  for (std::size_t r = 0; r < plan.regencies.size(); ++r) {
    const auto& a = plan.regencies[r];
    const auto& b = again->regencies[r];
    ASSERT_EQ(a.data.roster.size(), b.data.roster.size());
    for (std::size_t i = 0; i < a.data.roster.size(); ++i) {
      ASSERT_EQ(a.data.roster[i].nik, b.data.roster[i].nik) << a.code() << " row " << i + 1;
      ASSERT_EQ(a.data.roster[i].name, b.data.roster[i].name) << a.code() << " row " << i + 1;
    }
    EXPECT_EQ(DeathsCsv(a.DeathsOf(kStorySecondMonth)), DeathsCsv(b.DeathsOf(kStorySecondMonth)));
    EXPECT_EQ(DeathsCsv(a.DeathsOf(kStoryOpenMonth)), DeathsCsv(b.DeathsOf(kStoryOpenMonth)));
  }
  ASSERT_EQ(plan.cross.size(), again->cross.size());
  for (std::size_t i = 0; i < plan.cross.size(); ++i) {
    EXPECT_EQ(plan.cross[i].nik, again->cross[i].nik);
    EXPECT_EQ(plan.cross[i].copy_id, again->cross[i].copy_id);
  }
}

TEST(StoryTest, CrossRegencyPersonsAreTheOnlyNiksTwoRostersShare) {
  const StoryPlan& plan = Plan();
  ASSERT_EQ(plan.cross.size(), 300u);
  std::map<CrossOutcome, int> outcomes;
  std::map<std::string, int> variants;
  std::set<std::string> crossing;
  for (const CrossPerson& c : plan.cross) {
    ASSERT_LT(c.source, c.copy) << "the source is verified first";
    const domain::Worker& person = Row(plan.regencies[c.source], c.source_id);
    const domain::Worker& copy = Row(plan.regencies[c.copy], c.copy_id);
    EXPECT_EQ(person.nik, c.nik);
    EXPECT_EQ(copy.nik, c.nik);
    EXPECT_EQ(copy.sex, person.sex);
    EXPECT_EQ(copy.birth_date, person.birth_date);
    EXPECT_EQ(copy.name == person.name, c.variant == "same") << person.name << " / " << copy.name;
    EXPECT_TRUE(copy.village_code.starts_with(plan.regencies[c.copy].code() + "."))
        << "listed where he works";
    ++outcomes[c.outcome];
    ++variants[c.variant];
    crossing.insert(c.nik);
  }
  EXPECT_EQ(outcomes[CrossOutcome::kBothKeep], 100);
  EXPECT_EQ(outcomes[CrossOutcome::kSourceRemoves], 100);
  EXPECT_EQ(outcomes[CrossOutcome::kCopyRemoves], 100);
  EXPECT_GT(variants["spelling"] + variants["abbreviation"] + variants["title"], 100);
  // NIKs of 16 digits, what cross-regency matching compares (Excel's "3.51304E+15" is shared).
  std::map<std::string, std::set<std::string>> holders;
  for (const auto& r : plan.regencies) {
    for (const auto& w : r.data.roster) {
      if (w.nik.size() == 16 && w.nik.find_first_not_of("0123456789") == std::string::npos)
        holders[w.nik].insert(r.code());
    }
  }
  EXPECT_GT(holders.size(), 70'000u);
  for (const auto& [nik, regencies] : holders) {
    if (regencies.size() > 1) {
      EXPECT_TRUE(crossing.contains(nik)) << nik;
    }
  }
}

TEST(StoryTest, ThePickedPeopleAreCleanAndInTheirProgram) {
  const StoryPlan& plan = Plan();
  const std::chrono::year_month_day as_of{std::chrono::year{2025}, std::chrono::July,
                                          std::chrono::day{1}};
  auto check_clean = [&](const StoryRegency& r, std::int64_t id, std::string_view what) {
    const domain::Worker& w = Row(r, id);
    EXPECT_FALSE(Planted(r.data).contains(id)) << what << " " << r.code() << " " << id;
    EXPECT_TRUE(domain::ParseNik(w.nik, &domain::RegionIndex::Embedded(), w.birth_date, as_of).ok())
        << w.nik;
    const int age = domain::AgeInYears(w.birth_date, as_of);
    EXPECT_GE(age, 25);
    EXPECT_LE(age, 55);
    ASSERT_TRUE(r.ProgramFor(w.occupation)) << w.occupation;
  };
  for (const CrossPerson& c : plan.cross) {
    check_clean(plan.regencies[c.source], c.source_id, "cross source");
    EXPECT_TRUE(domain::FindOccupation(Row(plan.regencies[c.source], c.source_id).occupation)
                    ->tobacco_sector);
  }
  std::set<std::int64_t> seen;
  for (const auto& r : plan.regencies) {
    std::map<std::string, int> by_month;
    for (const CoveredDeath& d : r.covered_deaths) {
      check_clean(r, d.roster_id, "covered death");
      ++by_month[d.period];
      const domain::Worker& w = Row(r, d.roster_id);
      EXPECT_EQ(r.ProgramFor(w.occupation), d.program);
      const auto& extract = r.DeathsOf(d.period);
      const DeathRecord& row = extract.at(static_cast<std::size_t>(d.death_id - 1));
      EXPECT_EQ(row.id, d.death_id);
      EXPECT_EQ(row.nik, w.nik);
      EXPECT_EQ(row.name, w.name);
      EXPECT_EQ(domain::FormatIsoDate(row.death_date).substr(0, 7), d.period);
    }
    EXPECT_GE(by_month[std::string(kStorySecondMonth)], 2) << r.code();
    EXPECT_EQ(by_month[std::string(kStoryOpenMonth)], 1) << r.code();
    for (const BranchRefusal& f : r.refusals) check_clean(r, f.roster_id, "refusal");
    // The later months' other deceased match nobody on a roster.
    std::set<std::string> roster_niks;
    for (const auto& p : plan.regencies) {
      for (const auto& w : p.data.roster) roster_niks.insert(w.nik);
    }
    for (std::string_view month : {kStorySecondMonth, kStoryOpenMonth}) {
      int covered = 0;
      for (const DeathRecord& d : r.DeathsOf(month)) covered += roster_niks.contains(d.nik);
      EXPECT_EQ(covered, by_month[std::string(month)]) << r.code() << " " << month;
      EXPECT_GT(r.DeathsOf(month).size(), 40u);
    }
  }
  // Tuban's APBD program loses a worker in August too.
  const StoryRegency& tuban = *plan.Find("35.23");
  EXPECT_TRUE(std::ranges::any_of(tuban.covered_deaths, [](const CoveredDeath& d) {
    return d.program == 1 && d.period == kStorySecondMonth;
  }));
}

TEST(StoryTest, WritesTheFilesTheReadmeNames) {
  const fs::path dir =
      fs::temp_directory_path() / ("jaring-story-test-" + std::to_string(::getpid()));
  ASSERT_TRUE(WriteStory(Plan(), dir));
  auto lines = [](const fs::path& p) {
    std::ifstream in(p);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  };
  EXPECT_EQ(lines(dir / "truth" / "cross_regency.csv"), 301u);
  EXPECT_EQ(lines(dir / "truth" / "programs.csv"), 5u);
  EXPECT_EQ(lines(dir / "truth" / "regencies.csv"), 4u);
  EXPECT_EQ(lines(dir / "35.14" / "roster.csv"), 28'449u);
  for (const char* f : {"README.md", "truth/covered_deaths.csv", "truth/branch_refusals.csv",
                        "35.13/deaths-2025-08.csv", "35.23/deaths-2025-09.csv",
                        "35.23/truth/duplicates.csv", "35.13/members.csv"}) {
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  }
  std::ifstream readme(dir / "35.13" / "truth" / "README.md");
  std::string first;
  std::getline(readme, first);
  EXPECT_TRUE(first.starts_with("> **Demo story, Kabupaten Probolinggo.**")) << first;
  fs::remove_all(dir);
}

TEST(StoryTest, ForeignSerialsStartWhereTheOptionSays) {
  DemoOptions options;
  options.workers = 2'000;
  options.foreign_serial_from = 6001;
  auto data = GenerateDemo(options, domain::RegionIndex::Embedded());
  ASSERT_TRUE(data);
  int foreign = 0;
  for (const auto& w : data->roster) {
    if (w.nik.size() != 16 || w.nik.starts_with("3514") ||
        w.nik.find_first_not_of("0123456789") != std::string::npos)
      continue;
    const int serial = std::stoi(w.nik.substr(12));
    if (serial == 0) continue;  // planted damage
    ++foreign;
    EXPECT_GE(serial, 6001) << w.nik;
  }
  EXPECT_GT(foreign, 50);
  options.foreign_serial_from = 0;
  EXPECT_FALSE(ValidateOptions(options, domain::RegionIndex::Embedded()));
}

}  // namespace
}  // namespace jaring::demo
