#include "demo/demo.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "domain/date_format.hpp"
#include "domain/nik.hpp"
#include "domain/occupation.hpp"
#include "formats/csv.hpp"

namespace jaring::demo {
namespace {

namespace fs = std::filesystem;
using domain::RegionIndex;
using domain::Sex;

const RegionIndex& Regions() { return RegionIndex::Embedded(); }

DemoOptions Options(std::int64_t workers, std::uint64_t seed = 1, std::string regency = "35.14") {
  DemoOptions o;
  o.workers = workers;
  o.seed = seed;
  o.regency_code = std::move(regency);
  return o;
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/demo_test_XXXXXX";
    const char* p = ::mkdtemp(tmpl);
    EXPECT_NE(p, nullptr);
    path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

const std::vector<std::string> kFiles = {
    "roster.csv",       "deaths.csv",        "members.csv",       "truth/duplicates.csv",
    "truth/deaths.csv", "truth/members.csv", "truth/bad_nik.csv", "truth/README.md"};

// One generated data set shared by the property tests (generation is the expensive part).
class DemoDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto data = GenerateDemo(Options(20'000, 3), Regions());
    ASSERT_TRUE(data.has_value()) << data.error().ToString();
    data_ = new DemoData(std::move(*data));
  }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }
  static const DemoData& data() { return *data_; }
  static const domain::Worker& Row(std::int64_t id) {
    return data_->roster.at(static_cast<std::size_t>(id - 1));
  }
  static std::set<std::int64_t> BadIds() {
    std::set<std::int64_t> ids;
    for (const auto& b : data_->truth.bad_niks) ids.insert(b.roster_id);
    return ids;
  }
  static std::set<std::int64_t> CopyIds() {
    std::set<std::int64_t> ids;
    for (const auto& d : data_->truth.duplicates) ids.insert(d.id_b);
    return ids;
  }

  static DemoData* data_;
};
DemoData* DemoDataTest::data_ = nullptr;

TEST(DemoFilesTest, SameSeedGivesIdenticalFilesOtherSeedDiffers) {
  TempDir a, b, c;
  ASSERT_TRUE(GenerateDemoFiles(Options(3000, 1), Regions(), a.path()));
  ASSERT_TRUE(GenerateDemoFiles(Options(3000, 1), Regions(), b.path()));
  ASSERT_TRUE(GenerateDemoFiles(Options(3000, 2), Regions(), c.path()));
  for (const std::string& f : kFiles) {
    ASSERT_TRUE(fs::exists(a.path() / f)) << f;
    EXPECT_EQ(Slurp(a.path() / f), Slurp(b.path() / f)) << f;
  }
  EXPECT_NE(Slurp(a.path() / "roster.csv"), Slurp(c.path() / "roster.csv"));
  EXPECT_NE(Slurp(a.path() / "deaths.csv"), Slurp(c.path() / "deaths.csv"));
}

TEST(DemoFilesTest, StreamingAndInMemoryWriteTheSameBytes) {
  TempDir streamed, in_memory;
  const DemoOptions o = Options(2500, 9, "35.13");
  ASSERT_TRUE(GenerateDemoFiles(o, Regions(), streamed.path()));
  auto data = GenerateDemo(o, Regions());
  ASSERT_TRUE(data);
  ASSERT_TRUE(WriteDemo(*data, in_memory.path()));
  for (const std::string& f : kFiles) {
    EXPECT_EQ(Slurp(streamed.path() / f), Slurp(in_memory.path() / f)) << f;
  }
}

class RowCountTest : public ::testing::TestWithParam<std::int64_t> {};
TEST_P(RowCountTest, RosterHasExactlyWorkersRows) {
  TempDir dir;
  auto summary = GenerateDemoFiles(Options(GetParam(), 5), Regions(), dir.path());
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->roster_rows, GetParam());
  auto table = formats::ReadCsvTable((dir.path() / "roster.csv").string());
  ASSERT_TRUE(table);
  EXPECT_EQ(table->header,
            (std::vector<std::string>{"id", "nik", "kk", "name", "sex", "birth_place", "birth_date",
                                      "address", "village_code", "occupation", "phone"}));
  ASSERT_EQ(static_cast<std::int64_t>(table->rows.size()), GetParam());
  for (std::size_t i = 0; i < table->rows.size(); ++i) {
    ASSERT_EQ(table->rows[i].cells.size(), 11u);
    EXPECT_EQ(table->rows[i].cells[0], std::to_string(i + 1));
  }
}
INSTANTIATE_TEST_SUITE_P(Sizes, RowCountTest, ::testing::Values(1, 2, 7, 24, 25, 34, 1000, 28448));

TEST(DemoFilesTest, CsvColumnsAreWellFormed) {
  TempDir dir;
  ASSERT_TRUE(GenerateDemoFiles(Options(3000, 4), Regions(), dir.path()));
  auto roster = formats::ReadCsvTable((dir.path() / "roster.csv").string());
  ASSERT_TRUE(roster);
  const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  const std::regex phone(R"(08\d{9,11})");
  const std::regex village(R"(35\.14\.\d{2}\.\d{4})");
  const std::regex kk(R"(35\d{14})");
  int empty_phones = 0;
  for (const auto& row : roster->rows) {
    const auto& c = row.cells;
    EXPECT_TRUE(std::regex_match(c[2], kk)) << c[2];
    EXPECT_TRUE(c[4] == "L" || c[4] == "P");
    EXPECT_TRUE(std::regex_match(c[6], date)) << c[6];
    EXPECT_TRUE(std::regex_match(c[8], village)) << c[8];
    EXPECT_NE(domain::FindOccupation(c[9]), nullptr) << c[9];
    if (c[10].empty()) {
      ++empty_phones;
    } else {
      EXPECT_TRUE(std::regex_match(c[10], phone)) << c[10];
    }
    EXPECT_FALSE(c[5].empty());
    EXPECT_NE(c[5].find_first_of("abcdefghijklmnopqrstuvwxyz"), std::string::npos);  // title case
  }
  EXPECT_GT(empty_phones, 0);
  EXPECT_LT(empty_phones, 1500);

  auto members = formats::ReadCsvTable((dir.path() / "members.csv").string());
  ASSERT_TRUE(members);
  EXPECT_EQ(members->header,
            (std::vector<std::string>{"id", "nik", "name", "birth_date", "kpj", "segment"}));
  std::set<std::string> kpjs;
  for (const auto& row : members->rows) {
    EXPECT_TRUE(std::regex_match(row.cells[4], std::regex(R"(\d{11})"))) << row.cells[4];
    EXPECT_TRUE(row.cells[5] == "PU" || row.cells[5] == "BPU");
    kpjs.insert(row.cells[4]);
  }
  EXPECT_EQ(kpjs.size(), members->rows.size());
  auto deaths = formats::ReadCsvTable((dir.path() / "deaths.csv").string());
  ASSERT_TRUE(deaths);
  EXPECT_EQ(deaths->header, (std::vector<std::string>{"id", "nik", "name", "sex", "birth_date",
                                                      "death_date", "village_code"}));
}

TEST_F(DemoDataTest, CleanNiksParseAndAgreeWithSexAndBirthDate) {
  const auto bad = BadIds();
  std::size_t clean = 0;
  for (const auto& w : data().roster) {
    if (bad.count(w.id)) continue;
    const auto check = domain::ParseNik(w.nik, &Regions(), w.birth_date, data().options.as_of);
    ASSERT_TRUE(check.ok()) << w.id << " " << w.nik;
    ASSERT_TRUE(check.info);
    EXPECT_TRUE(domain::NikAgreesWith(*check.info, w.sex, w.birth_date).ok()) << w.nik;
    ++clean;
  }
  EXPECT_GT(clean, data().roster.size() * 9 / 10);
}

TEST_F(DemoDataTest, PlantedBadNiksFailWithTheStatedReason) {
  std::map<domain::NikIssue, int> reasons;
  for (const auto& b : data().truth.bad_niks) {
    const auto& w = Row(b.roster_id);
    domain::NikParseOptions o;
    o.regions = &Regions();
    o.entered_birth_date = w.birth_date;
    o.reference_date = data().options.as_of;
    // Plain parse (as a CSV importer does) fails for every planted NIK...
    EXPECT_FALSE(domain::ParseNik(w.nik, o).ok()) << w.nik;
    // ...and names the planted reason; Excel rounding shows when the cell was numeric.
    o.from_numeric_cell = b.reason == domain::NikIssue::kExcelRounded;
    EXPECT_TRUE(domain::ParseNik(w.nik, o).Has(b.reason))
        << w.nik << " " << domain::NikIssueCode(b.reason);
    ++reasons[b.reason];
  }
  for (auto r : {domain::NikIssue::kLength, domain::NikIssue::kNonDigit,
                 domain::NikIssue::kSerialZero, domain::NikIssue::kBadDate,
                 domain::NikIssue::kExcelRounded, domain::NikIssue::kScientificNotation}) {
    EXPECT_GT(reasons[r], 0) << domain::NikIssueCode(r);
  }
  const double share =
      static_cast<double>(data().truth.bad_niks.size()) / static_cast<double>(data().roster.size());
  EXPECT_GT(share, 0.02);
  EXPECT_LT(share, 0.04);
}

// Valid NIKs are unique but for planted duplicates. (Damaged ones may coincide: "3.51401E+15"
// stands for many NIKs.)
TEST_F(DemoDataTest, NiksAreUniqueExceptPlantedDuplicates) {
  std::set<std::pair<std::int64_t, std::int64_t>> pairs;
  for (const auto& d : data().truth.duplicates) pairs.insert({d.id_a, d.id_b});
  const auto bad = BadIds();
  std::map<std::string, std::vector<std::int64_t>> by_nik;
  for (const auto& w : data().roster) {
    if (!bad.count(w.id)) by_nik[w.nik].push_back(w.id);
  }
  for (const auto& [nik, ids] : by_nik) {
    if (ids.size() == 1) continue;
    ASSERT_EQ(ids.size(), 2u) << nik;
    EXPECT_TRUE(pairs.count({ids[0], ids[1]})) << nik << " shared by unplanted rows";
  }
}

TEST_F(DemoDataTest, VillagesBelongToTheRegencyAndEveryDistrictIsThere) {
  std::set<std::string> districts;
  for (const auto& w : data().roster) {
    const auto* v = Regions().Find(w.village_code);
    ASSERT_NE(v, nullptr) << w.village_code;
    EXPECT_EQ(v->level, domain::RegionLevel::kVillage);
    EXPECT_TRUE(w.village_code.starts_with("35.14.")) << w.village_code;
    EXPECT_EQ(w.regency_code, "35.14");
    districts.insert(v->parent_code);
  }
  EXPECT_EQ(districts.size(), Regions().Children("35.14").size());
}

TEST(DemoSmallTest, EveryDistrictRepresentedAsSoonAsPossible) {
  const std::size_t n = Regions().Children("35.14").size();
  auto data = GenerateDemo(Options(static_cast<std::int64_t>(n) + 1, 8), Regions());
  ASSERT_TRUE(data);
  std::set<std::string> districts;
  for (const auto& w : data->roster) districts.insert(Regions().Find(w.village_code)->parent_code);
  EXPECT_EQ(districts.size(), n);
}

TEST_F(DemoDataTest, AgesAreSeventeenToSixtyFiveAndFewHaveAgedOut) {
  std::map<int, int> by_decade;
  int aged_out = 0;  // 65: outside the program's range [15, 65), verval's `age` finding
  for (const auto& w : data().roster) {
    const int age = domain::AgeInYears(w.birth_date, data().options.as_of);
    EXPECT_GE(age, 17);
    EXPECT_LE(age, 65);
    ++by_decade[age / 10];
    if (age >= 65) ++aged_out;
  }
  EXPECT_GT(by_decade[4], by_decade[1]);  // working age dominates
  // A list kept for some years: those who turned 65 in the last year, not a mass of the old.
  const double share = static_cast<double>(aged_out) / static_cast<double>(data().roster.size());
  EXPECT_GT(share, 0.005);
  EXPECT_LT(share, 0.02);
}

TEST_F(DemoDataTest, TruthRefersToExistingRowsAndAgreesWithThem) {
  const auto n = static_cast<std::int64_t>(data().roster.size());
  for (const auto& d : data().truth.duplicates) {
    ASSERT_GE(d.id_a, 1);
    ASSERT_LT(d.id_a, d.id_b);
    ASSERT_LE(d.id_b, n);
    const auto& a = Row(d.id_a);
    const auto& b = Row(d.id_b);
    EXPECT_EQ(a.birth_date, b.birth_date);
    EXPECT_EQ(a.sex, b.sex);
    EXPECT_EQ(a.kk, b.kk);
    EXPECT_EQ(a.village_code, b.village_code);
    const bool nik_kind = d.kind == DuplicateKind::kNikDigit || d.kind == DuplicateKind::kNikExcel;
    EXPECT_EQ(a.nik == b.nik, !nik_kind) << ToCode(d.kind);
    EXPECT_EQ(a.name == b.name, nik_kind || d.kind == DuplicateKind::kExact) << ToCode(d.kind);
  }
  for (const auto& d : data().truth.deaths) {
    ASSERT_GE(d.roster_id, 1);
    ASSERT_LE(d.roster_id, n);
    ASSERT_GE(d.death_id, 1);
    ASSERT_LE(d.death_id, static_cast<std::int64_t>(data().deaths.size()));
    const auto& w = Row(d.roster_id);
    const auto& r = data().deaths[static_cast<std::size_t>(d.death_id - 1)];
    EXPECT_EQ(r.id, d.death_id);
    EXPECT_EQ(r.birth_date, w.birth_date);
    EXPECT_EQ(r.sex, w.sex);
    EXPECT_EQ(r.village_code, w.village_code);
    EXPECT_EQ(r.nik.empty(), d.kind == DeathMatchKind::kMissingNik);
  }
  for (const auto& m : data().truth.members) {
    ASSERT_GE(m.roster_id, 1);
    ASSERT_LE(m.roster_id, n);
    ASSERT_GE(m.member_id, 1);
    ASSERT_LE(m.member_id, static_cast<std::int64_t>(data().members.size()));
    const auto& r = data().members[static_cast<std::size_t>(m.member_id - 1)];
    EXPECT_EQ(r.id, m.member_id);
    EXPECT_EQ(r.segment, m.segment);
    EXPECT_EQ(r.birth_date, Row(m.roster_id).birth_date);
  }
  for (const auto& b : data().truth.bad_niks) {
    ASSERT_GE(b.roster_id, 1);
    ASSERT_LE(b.roster_id, n);
  }
}

// The converse: no death or membership row carries a clean roster NIK without a truth row.
TEST_F(DemoDataTest, NothingMatchesByNikThatIsNotPlanted) {
  const auto bad = BadIds();
  std::map<std::string, std::int64_t> roster_by_nik;
  for (const auto& w : data().roster) {
    if (!bad.count(w.id)) roster_by_nik.emplace(w.nik, w.id);
  }
  std::set<std::pair<std::int64_t, std::int64_t>> death_truth, member_truth;
  for (const auto& d : data().truth.deaths) death_truth.insert({d.roster_id, d.death_id});
  for (const auto& m : data().truth.members) member_truth.insert({m.roster_id, m.member_id});
  for (const auto& r : data().deaths) {
    if (r.nik.empty()) continue;
    auto it = roster_by_nik.find(r.nik);
    if (it != roster_by_nik.end()) {
      EXPECT_TRUE(death_truth.count({it->second, r.id})) << r.nik;
    }
  }
  for (const auto& r : data().members) {
    auto it = roster_by_nik.find(r.nik);
    if (it != roster_by_nik.end()) {
      EXPECT_TRUE(member_truth.count({it->second, r.id})) << r.nik;
    }
  }
}

TEST_F(DemoDataTest, RatesAreAsDocumented) {
  const double rows = static_cast<double>(data().roster.size());
  EXPECT_EQ(static_cast<double>(data().truth.duplicates.size()), std::round(rows * 0.03));
  const double deaths = static_cast<double>(data().summary.planted_deaths) / rows;
  EXPECT_GT(deaths, 0.005);
  EXPECT_LT(deaths, 0.02);
  int pu = 0, bpu = 0;
  std::set<std::int64_t> copies = CopyIds();
  for (const auto& m : data().truth.members) {
    if (copies.count(m.roster_id)) continue;
    (m.segment == MemberSegment::kWageEarner ? pu : bpu)++;
  }
  EXPECT_GT(pu / rows, 0.015);
  EXPECT_LT(pu / rows, 0.04);
  EXPECT_GT(bpu / rows, 0.005);
  EXPECT_LT(bpu / rows, 0.02);
  // Most of the death extract is other people.
  EXPECT_GT(data().deaths.size(), 3 * data().truth.deaths.size());
  std::map<DuplicateKind, int> kinds;
  for (const auto& d : data().truth.duplicates) ++kinds[d.kind];
  EXPECT_EQ(kinds.size(), 9u);  // every kind occurs
}

TEST_F(DemoDataTest, DeathDatesFallInTheYearBeforeAsOf) {
  const auto as_of = std::chrono::sys_days{data().options.as_of};
  for (const auto& d : data().deaths) {
    const auto dd = std::chrono::sys_days{d.death_date};
    EXPECT_LT(dd, as_of);
    EXPECT_GE(dd, as_of - std::chrono::days{365});
    EXPECT_LE(std::chrono::sys_days{d.birth_date}, dd);
  }
  for (std::size_t i = 1; i < data().deaths.size(); ++i) {
    EXPECT_LE(std::chrono::sys_days{data().deaths[i - 1].death_date},
              std::chrono::sys_days{data().deaths[i].death_date});
  }
}

TEST_F(DemoDataTest, SitiIsAmongTheMostCommonFirstNamesOfWomen) {
  std::map<std::string, int> women, men;
  for (const auto& w : data().roster) {
    std::string first = w.name.substr(0, w.name.find(' '));
    if (first == "H." || first == "Hj.") continue;
    (w.sex == Sex::kFemale ? women : men)[first]++;
  }
  auto top = [](const std::map<std::string, int>& m, std::size_t k) {
    std::vector<std::pair<int, std::string>> v;
    for (const auto& [n, c] : m) v.emplace_back(c, n);
    std::sort(v.rbegin(), v.rend());
    std::set<std::string> out;
    for (std::size_t i = 0; i < k && i < v.size(); ++i) out.insert(v[i].second);
    return out;
  };
  EXPECT_TRUE(top(women, 3).count("Siti"));
  EXPECT_TRUE(top(women, 3).count("Sri"));
  EXPECT_TRUE(top(men, 3).count("Muhammad"));
  EXPECT_TRUE(top(men, 10).count("Slamet"));
}

TEST_F(DemoDataTest, HouseholdsShareKkAndAddress) {
  const auto copies = CopyIds();
  std::map<std::string, std::vector<const domain::Worker*>> by_kk;
  for (const auto& w : data().roster) {
    if (!copies.count(w.id)) by_kk[w.kk].push_back(&w);
  }
  std::map<std::size_t, int> sizes;
  for (const auto& [kk, members] : by_kk) {
    ASSERT_LE(members.size(), 3u) << kk;
    ++sizes[members.size()];
    const auto* district = Regions().Parent(members[0]->village_code);
    EXPECT_EQ(kk.substr(0, 6), domain::CompactRegionCode(district->code));
    for (const auto* m : members) {
      EXPECT_EQ(m->address, members[0]->address);
      EXPECT_EQ(m->village_code, members[0]->village_code);
    }
    if (members.size() >= 2) {
      // Members of one household are all adults; a child is at least 18 years younger.
      std::vector<int> ages;
      for (const auto* m : members)
        ages.push_back(domain::AgeInYears(m->birth_date, data().options.as_of));
      std::sort(ages.begin(), ages.end());
      if (members.size() == 3) {
        EXPECT_GE(ages[2] - ages[0], 18);
      }
    }
  }
  EXPECT_GT(sizes[2], sizes[3]);
  EXPECT_GT(sizes[1], 0);
  EXPECT_EQ(static_cast<std::int64_t>(by_kk.size()), data().summary.households);
}

TEST(DemoOptionsTest, RejectsUnknownRegency) {
  auto r = GenerateDemo(Options(10, 1, "99.99"), Regions());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "kode kabupaten tidak dikenal: 99.99");
  EXPECT_FALSE(GenerateDemo(Options(10, 1, "35.14.01"), Regions()));
  EXPECT_FALSE(GenerateDemo(Options(10, 1, "35"), Regions()));
}

TEST(DemoOptionsTest, RejectsWorkerCountsOutOfRange) {
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{-5}, kMaxWorkers + 1}) {
    auto r = GenerateDemo(Options(n), Regions());
    ASSERT_FALSE(r) << n;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
  DemoOptions o = Options(10);
  o.as_of = std::chrono::year_month_day{std::chrono::year{1990}, std::chrono::January,
                                        std::chrono::day{1}};
  EXPECT_FALSE(ValidateOptions(o, Regions()));
}

TEST(DemoOptionsTest, UnwritableOutputFolderFailsBeforeGenerating) {
  TempDir dir;
  const fs::path file = dir.path() / "a-file";
  std::ofstream(file) << "x";
  auto r = GenerateDemoFiles(Options(10), Regions(), file / "out");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("folder keluaran"), std::string::npos) << r.error().message;
}

// A characterisation test: the server seeds its database from this generator, so a change of
// output for a seed must be deliberate. Regenerate with JARING_UPDATE_DEMO_GOLDEN=1 and review
// the diff (tests/data/demo/README.md).
TEST(DemoGoldenTest, SmallSampleIsUnchanged) {
  const fs::path golden = fs::path(JARING_SOURCE_DIR) / "tests/data/demo/seed1_35.14_60";
  TempDir dir;
  ASSERT_TRUE(GenerateDemoFiles(Options(60, 1), Regions(), dir.path()));
  const char* update = std::getenv("JARING_UPDATE_DEMO_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    fs::create_directories(golden / "truth");
    for (const std::string& f : kFiles) {
      fs::copy_file(dir.path() / f, golden / f, fs::copy_options::overwrite_existing);
    }
  }
  for (const std::string& f : kFiles) {
    ASSERT_TRUE(fs::exists(golden / f)) << f;
    EXPECT_EQ(Slurp(dir.path() / f), Slurp(golden / f)) << f;
  }
}

TEST(DemoOtherRegionsTest, WorksForOtherRegenciesAndAsOfDates) {
  for (const char* regency : {"35.09", "35.78", "35.27", "11.01"}) {
    DemoOptions o = Options(500, 2, regency);
    o.as_of = std::chrono::year_month_day{std::chrono::year{2024}, std::chrono::February,
                                          std::chrono::day{29}};
    auto data = GenerateDemo(o, Regions());
    ASSERT_TRUE(data) << regency;
    ASSERT_EQ(data->roster.size(), 500u);
    for (const auto& w : data->roster) {
      EXPECT_TRUE(w.village_code.starts_with(std::string(regency) + ".")) << w.village_code;
      const int age = domain::AgeInYears(w.birth_date, o.as_of);
      EXPECT_GE(age, 17);
      EXPECT_LE(age, 65);
    }
  }
}

}  // namespace
}  // namespace jaring::demo
