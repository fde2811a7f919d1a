#include "matching/model.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>

#include "common/random.hpp"

namespace jaring::matching {
namespace {

// A model with two fields of 3 levels (1 different, 2 close, 3 exact) and known parameters.
Model KnownModel() {
  Model m;
  for (const char* name : {"a", "b", "c"}) {
    FieldModel f;
    f.name = name;
    f.type = "string";
    f.labels = {"missing", "different", "close", "exact"};
    f.m = {0, 0.05, 0.15, 0.80};
    f.u = {0, 0.90, 0.08, 0.02};
    f.u_random = f.u;
    m.fields.push_back(f);
  }
  m.lambda = 0.2;
  return m;
}

int Draw(Random& r, const std::vector<double>& p) {
  double x = r.Unit(), acc = 0;
  for (std::size_t l = 1; l < p.size(); ++l) {
    acc += p[l];
    if (x < acc) return static_cast<int>(l);
  }
  return static_cast<int>(p.size() - 1);
}

PatternHistogram Sample(const Model& truth, std::size_t n, std::uint64_t seed) {
  Random r(seed);
  std::map<Pattern, std::uint64_t> counts;
  for (std::size_t k = 0; k < n; ++k) {
    bool match = r.Chance(truth.lambda);
    Pattern p = 0;
    for (std::size_t f = 0; f < truth.fields.size(); ++f) {
      p = WithLevel(p, f, Draw(r, match ? truth.fields[f].m : truth.fields[f].u));
    }
    ++counts[p];
  }
  return PatternHistogram(counts.begin(), counts.end());
}

TEST(EmTest, RecoversKnownParametersFromPatternHistogram) {
  Model truth = KnownModel();
  PatternHistogram h = Sample(truth, 200000, 42);
  EXPECT_LE(h.size(), 27u);  // patterns counted once: at most 3^3 distinct
  Model est = KnownModel();
  for (auto& f : est.fields) {  // a neutral start
    f.m = {0, 0.2, 0.3, 0.5};
    f.u = {0, 0.5, 0.3, 0.2};
  }
  EmReport report = est.RunEm(h, /*estimate_u=*/true, 500);
  EXPECT_TRUE(report.converged);
  EXPECT_EQ(report.pairs, 200000u);
  EXPECT_NEAR(est.lambda, 0.2, 0.01);
  for (std::size_t f = 0; f < 3; ++f) {
    for (int l = 1; l <= 3; ++l) {
      EXPECT_NEAR(est.fields[f].m[l], truth.fields[f].m[l], 0.02) << f << " " << l;
      EXPECT_NEAR(est.fields[f].u[l], truth.fields[f].u[l], 0.02) << f << " " << l;
    }
  }
}

// Blocking keeps only pairs that agree on field "a"; EM with u fixed from random pairs and λ on
// the scale of all pairs must still find the m of the other fields and the share of matches
// among all pairs (the per-candidate EM would call the blocking agreement the match class).
TEST(EmTest, RandomUEstimatorRecoversMAndLambdaBehindBlocking) {
  Model truth = KnownModel();
  truth.lambda = 0.002;
  Random r(7);
  std::map<Pattern, std::uint64_t> counts;
  const std::size_t all_pairs = 1000000;
  for (std::size_t k = 0; k < all_pairs; ++k) {
    bool match = r.Chance(truth.lambda);
    Pattern p = 0;
    for (std::size_t f = 0; f < truth.fields.size(); ++f) {
      p = WithLevel(p, f, Draw(r, match ? truth.fields[f].m : truth.fields[f].u));
    }
    if (PatternLevel(p, 0) >= 2) ++counts[p];  // the blocking rule
  }
  PatternHistogram candidates(counts.begin(), counts.end());
  Model est = KnownModel();
  for (auto& f : est.fields) f.m = {0, 0.3, 0.3, 0.4};  // a neutral start; u stays u_random
  EmReport report = est.RunEmRandomU(candidates, static_cast<double>(all_pairs), 500);
  EXPECT_TRUE(report.converged);
  // Matches outside the candidates (a = "different", 5 %) are not seen: λ a little lower.
  EXPECT_NEAR(est.lambda, truth.lambda * 0.95, truth.lambda * 0.15);
  for (std::size_t f = 1; f < 3; ++f) {
    for (int l = 1; l <= 3; ++l) {
      EXPECT_NEAR(est.fields[f].m[l], truth.fields[f].m[l], 0.03) << f << " " << l;
      EXPECT_EQ(est.fields[f].u[l], truth.fields[f].u[l]);
    }
  }
}

TEST(EmTest, TrainFromLabels) {
  Model m = KnownModel();
  std::vector<std::pair<Pattern, bool>> labelled;
  Pattern exact = WithLevel(WithLevel(WithLevel(0, 0, 3), 1, 3), 2, 3);
  Pattern differ = WithLevel(WithLevel(WithLevel(0, 0, 1), 1, 1), 2, 1);
  for (int i = 0; i < 30; ++i) labelled.emplace_back(exact, true);
  for (int i = 0; i < 70; ++i) labelled.emplace_back(differ, false);
  ASSERT_TRUE(m.TrainFromLabels(labelled).has_value());
  EXPECT_NEAR(m.lambda, 0.3, 1e-12);
  EXPECT_GT(m.FieldWeight(0, 3), 3.0);
  EXPECT_LT(m.FieldWeight(0, 1), -3.0);
  std::vector<std::pair<Pattern, bool>> only_matches(5, {exact, true});
  EXPECT_FALSE(m.TrainFromLabels(only_matches).has_value());
}

// Among people born the same day, a NIK one digit or one edit from another person's is common
// (serials count up per district and day; Excel's last digit 0 fits ten of them): with a date
// field the u of those levels is measured there, as the candidates share the birth date, not
// among random pairs, where such NIKs almost never meet.
TEST(ModelTest, NikTypoAndEditLevelsUMeasuredAmongPeopleBornTheSameDay) {
  RecordTable t;
  for (const char* c : {"nik", "birth_date"}) t.AddColumn(c);
  Random r(5);
  for (int i = 0; i < 20000; ++i) {
    const int day = 1 + static_cast<int>(r.Below(28)), month = 1 + static_cast<int>(r.Below(12));
    const int year = 1950 + static_cast<int>(r.Below(50));
    const int serial = 1 + static_cast<int>(r.Below(12));
    char nik[64], date[64];
    std::snprintf(nik, sizeof nik, "3514%02d%02d%02d%02d%04d", 1 + static_cast<int>(r.Below(3)),
                  day, month, year % 100, r.Chance(0.2) ? serial / 10 * 10 : serial);
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    t.AppendRow(std::to_string(i), {nik, date});
  }
  auto u_of = [&](const char* spec_json) {
    auto spec = ParseSpec(spec_json);
    EXPECT_TRUE(spec.has_value());
    auto prepared = Prepare(t, *spec);
    EXPECT_TRUE(prepared.has_value());
    Model m = Model::Initial(*spec, *prepared);
    m.EstimateU(*prepared, 1, 100000, 0);
    return m.fields[0].u;
  };
  const auto random_pairs = u_of(R"({"fields": [{"name": "nik", "type": "nik"}]})");
  const auto same_day = u_of(R"({"fields": [{"name": "nik", "type": "nik"},
                                             {"name": "birth_date", "type": "date"}]})");
  ASSERT_EQ(same_day.size(), 6u);
  EXPECT_LT(random_pairs[3], 0.001);
  EXPECT_LT(random_pairs[4], 0.001);
  EXPECT_GT(same_day[3], 0.05);  // the next district, a serial one digit off
  EXPECT_GT(same_day[4], 0.02);  // Excel's last digit 0 against a serial of its ten
  EXPECT_NEAR(same_day[5], random_pairs[5], 0.01);  // exact: as among random pairs
}

TEST(ModelTest, JsonRoundTripAndWeights) {
  Model m = KnownModel();
  m.fields[1].tf = true;
  auto back = Model::FromJson(m.ToJson());
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  ASSERT_EQ(back->fields.size(), 3u);
  EXPECT_TRUE(back->fields[1].tf);
  for (std::size_t f = 0; f < 3; ++f) {
    for (int l = 1; l <= 3; ++l) EXPECT_NEAR(back->FieldWeight(f, l), m.FieldWeight(f, l), 1e-9);
  }
  EXPECT_NEAR(back->lambda, 0.2, 1e-12);
  EXPECT_DOUBLE_EQ(m.FieldWeight(0, 0), 0.0);  // missing says nothing
  EXPECT_NEAR(m.FieldWeight(0, 3), std::log2(0.80 / 0.02), 1e-12);
  // A common value (frequency above the average chance agreement) weighs less, a rare one more.
  EXPECT_LT(m.TfAdjustment(1, 3, 0.2), 0.0);
  EXPECT_GT(m.TfAdjustment(1, 3, 0.0001), 0.0);
  EXPECT_EQ(m.TfAdjustment(0, 3, 0.2), 0.0);  // field 0 has no TF adjustment
  EXPECT_FALSE(Model::FromJson("{}").has_value());
  EXPECT_FALSE(Model::FromJson("[1,2").has_value());
}

}  // namespace
}  // namespace jaring::matching
