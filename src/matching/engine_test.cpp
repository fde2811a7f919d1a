#include "matching/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/random.hpp"
#include "formats/csv.hpp"

namespace jaring::matching {
namespace {

namespace fs = std::filesystem;
using IdPair = std::pair<std::string, std::string>;

fs::path DataDir() { return fs::path(JARING_SOURCE_DIR) / "tests/data/matching"; }

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

RecordTable Load(const fs::path& path, const Spec& spec) {
  auto csv = formats::ReadCsvTable(path.string());
  EXPECT_TRUE(csv.has_value()) << path;
  RecordTable t;
  std::vector<std::size_t> source;
  auto col = [&](const std::string& name) {
    auto it = std::find(csv->header.begin(), csv->header.end(), name);
    EXPECT_NE(it, csv->header.end()) << name;
    return static_cast<std::size_t>(it - csv->header.begin());
  };
  std::size_t id = col(spec.id_column);
  for (const auto& c : spec.RequiredColumns()) {
    if (c == spec.id_column) continue;
    t.AddColumn(c);
    source.push_back(col(c));
  }
  for (const auto& r : csv->rows) {
    std::vector<std::string_view> cells;
    for (std::size_t s : source) cells.emplace_back(r.cells[s]);
    t.AppendRow(r.cells[id], cells);
  }
  return t;
}

std::set<IdPair> IdPairs(const RecordTable& left, const RecordTable& right,
                         const std::vector<ScoredPair>& pairs, bool unordered) {
  std::set<IdPair> out;
  for (const auto& p : pairs) {
    std::string a(left.ids[p.a]), b(right.ids[p.b]);
    if (unordered && b < a) std::swap(a, b);
    out.emplace(a, b);
  }
  return out;
}

// Every directory under tests/data/matching with input.csv (dedupe) or left.csv + right.csv
// (one-to-one link), spec.json and expected.csv (left_id,right_id): the output must be exactly
// the expected pairs.
TEST(GoldenCaseTest, AllCases) {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(DataDir())) {
    if (!entry.is_directory()) continue;
    const fs::path dir = entry.path();
    SCOPED_TRACE(dir.filename().string());
    auto spec_text = Slurp(dir / "spec.json");
    auto spec = ParseSpec(spec_text);
    ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
    auto expected_csv = formats::ReadCsvTable((dir / "expected.csv").string());
    ASSERT_TRUE(expected_csv.has_value());
    std::set<IdPair> expected;
    const bool link = fs::exists(dir / "left.csv");
    for (const auto& r : expected_csv->rows) {
      std::string a = r.cells[0], b = r.cells[1];
      if (!link && b < a) std::swap(a, b);
      expected.emplace(a, b);
    }
    MatchOptions options;
    options.threads = 2;
    std::set<IdPair> got;
    if (link) {
      RecordTable left = Load(dir / "left.csv", *spec), right = Load(dir / "right.csv", *spec);
      auto r = Link(left, right, *spec, options);
      ASSERT_TRUE(r.has_value()) << r.error().ToString();
      got = IdPairs(left, right, OneToOne(r->pairs), false);
    } else {
      RecordTable t = Load(dir / "input.csv", *spec);
      auto r = Dedupe(t, *spec, options);
      ASSERT_TRUE(r.has_value()) << r.error().ToString();
      got = IdPairs(t, t, r->pairs, true);
    }
    for (const auto& p : expected)
      EXPECT_TRUE(got.contains(p)) << "missed " << p.first << "," << p.second;
    for (const auto& p : got)
      EXPECT_TRUE(expected.contains(p)) << "false " << p.first << "," << p.second;
    ++cases;
  }
  EXPECT_GE(cases, 1);
}

// A synthetic roster with planted duplicates, big enough for several work chunks.
RecordTable SyntheticRoster(std::size_t people, std::uint64_t seed) {
  static const char* kFirst[] = {"Siti", "Sri",   "Slamet", "Budi",     "Agus",
                                 "Dewi", "Eko",   "Joko",   "Muhammad", "Ahmad",
                                 "Nur",  "Wahyu", "Tri",    "Dwi",      "Heru"};
  static const char* kLast[] = {"Aminah",  "Wahyuni", "Riyadi",  "Santoso", "Salim",    "Lestari",
                                "Hidayat", "Purnomo", "Susanto", "Rahayu",  "Setiawan", "Utomo"};
  Spec spec = RosterSpec();
  RecordTable t;
  for (const char* c : {"nik", "name", "sex", "birth_date", "village_code"}) t.AddColumn(c);
  Random r(seed);
  for (std::size_t i = 0; i < people; ++i) {
    std::string name = std::string(kFirst[r.Below(15)]) + " " + kLast[r.Below(12)];
    int y = 1950 + static_cast<int>(r.Below(50)), m = 1 + static_cast<int>(r.Below(12)),
        d = 1 + static_cast<int>(r.Below(28));
    bool female = r.Chance(0.5);
    char nik[64], date[64];
    std::snprintf(nik, sizeof nik, "351401%02d%02d%02d%04d", d + (female ? 40 : 0), m, y % 100,
                  static_cast<int>(1 + r.Below(40)));
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
    std::string village = "35.14.01.200" + std::to_string(r.Below(5));
    t.AppendRow("P" + std::to_string(i), {nik, name, female ? "P" : "L", date, village});
    if (r.Chance(0.2)) {  // a duplicate with a changed name spelling or a NIK typo
      std::string nik2 = nik;
      if (r.Chance(0.5)) nik2[15] = static_cast<char>('0' + (nik2[15] - '0' + 1) % 10);
      t.AppendRow("Q" + std::to_string(i), {nik2, "H. " + name, female ? "P" : "L", date, village});
    }
  }
  return t;
}

std::map<IdPair, double> Output(const RecordTable& t, const MatchResult& r) {
  std::map<IdPair, double> out;
  for (const auto& p : r.pairs) {
    std::string a(t.ids[p.a]), b(t.ids[p.b]);
    if (b < a) std::swap(a, b);
    out[{a, b}] = p.probability;
  }
  return out;
}

TEST(EnginePropertyTest, DeterministicAndThreadCountIndependent) {
  RecordTable t = SyntheticRoster(4000, 11);
  Spec spec = *RestrictToColumns(RosterSpec(),
                                 {{"id", "nik", "name", "sex", "birth_date", "village_code"}});
  // A broad extra rule, so that the pairs span several work chunks.
  spec.blocking.push_back({"sex+year", {{"sex", ""}, {"birth_date", "year"}}});
  std::map<IdPair, double> reference;
  for (int threads : {1, 2, 4}) {
    MatchOptions options;
    options.threads = threads;
    auto r = Dedupe(t, spec, options);
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
    EXPECT_GT(r->candidate_pairs, 40000u) << "several chunks of work";
    auto out = Output(t, *r);
    if (reference.empty()) {
      reference = out;
      EXPECT_GT(reference.size(), 500u);  // ~20 % of 4000 people are planted twice
    } else {
      EXPECT_EQ(out, reference) << threads << " threads";  // exactly equal probabilities
    }
  }
}

TEST(EnginePropertyTest, OutputDoesNotDependOnRowOrder) {
  RecordTable t = SyntheticRoster(1500, 12);
  RecordTable reversed;
  for (const auto& c : t.column_names) reversed.AddColumn(c);
  for (std::size_t i = t.rows(); i-- > 0;) {
    std::vector<std::string_view> cells;
    for (const auto& c : t.columns) cells.push_back(c[i]);
    reversed.AppendRow(t.ids[i], cells);
  }
  Spec spec = *RestrictToColumns(RosterSpec(),
                                 {{"id", "nik", "name", "sex", "birth_date", "village_code"}});
  auto a = Dedupe(t, spec, {});
  auto b = Dedupe(reversed, spec, {});
  ASSERT_TRUE(a.has_value() && b.has_value());
  auto oa = Output(t, *a), ob = Output(reversed, *b);
  // Random pairs for u are drawn by row position, so probabilities may differ in the last
  // digits; the judged pairs away from the threshold must not.
  std::size_t differ = 0;
  for (const auto& [pair, prob] : oa) {
    auto it = ob.find(pair);
    if (it == ob.end()) {
      differ += std::abs(prob - spec.threshold) > 0.02 ? 1 : 0;
    } else {
      EXPECT_NEAR(it->second, prob, 0.02);
    }
  }
  EXPECT_EQ(differ, 0u);
  EXPECT_NEAR(static_cast<double>(oa.size()), static_cast<double>(ob.size()), oa.size() * 0.01 + 1);
}

TEST(EngineTest, ModelSavedAndReusedGivesSameScores) {
  RecordTable t = SyntheticRoster(1000, 13);
  Spec spec = *RestrictToColumns(RosterSpec(),
                                 {{"id", "nik", "name", "sex", "birth_date", "village_code"}});
  auto first = Dedupe(t, spec, {});
  ASSERT_TRUE(first.has_value());
  auto model = Model::FromJson(first->model.ToJson());
  ASSERT_TRUE(model.has_value());
  MatchOptions options;
  options.model = *model;
  options.explain = true;
  auto second = Dedupe(t, spec, options);
  ASSERT_TRUE(second.has_value());
  ASSERT_EQ(second->pairs.size(), first->pairs.size());
  const std::size_t nf = second->model.fields.size();
  ASSERT_EQ(second->levels.size(), second->pairs.size() * nf);
  for (std::size_t k = 0; k < first->pairs.size(); ++k) {
    EXPECT_NEAR(second->pairs[k].probability, first->pairs[k].probability, 1e-9);
    // The explanation adds up: prior + field weights = the pair's weight.
    double sum = second->model.PriorWeight();
    for (std::size_t f = 0; f < nf; ++f) sum += second->weights[k * nf + f];
    EXPECT_NEAR(sum, second->pairs[k].weight, 1e-3);
  }
  // A model for other fields is refused.
  Spec fewer = *RestrictToColumns(RosterSpec(), {{"id", "nik", "name"}});
  EXPECT_FALSE(Dedupe(t, fewer, options).has_value());
}

}  // namespace
}  // namespace jaring::matching
