#include "matching/blocking.hpp"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <set>

#include "common/random.hpp"

namespace jaring::matching {
namespace {

// n records with a small-alphabet name and a birth year, so that blocks overlap across rules.
RecordTable Synthetic(std::size_t n, std::uint64_t seed, int names) {
  RecordTable t;
  t.AddColumn("name");
  t.AddColumn("birth_date");
  Random r(seed);
  static const char* kFirst[] = {"Siti", "Sri", "Slamet", "Budi", "Agus", "Dewi", "Eko", "Joko"};
  static const char* kLast[] = {"Aminah", "Wahyuni", "Riyadi", "Santoso", "Salim", "Lestari"};
  for (std::size_t i = 0; i < n; ++i) {
    std::string name = std::string(kFirst[r.Below(8)]) + " " + kLast[r.Below(std::min(6, names))];
    std::string date = std::to_string(1960 + r.Below(5)) + "-0" + std::to_string(1 + r.Below(3)) +
                       "-1" + std::to_string(r.Below(3));
    t.AppendRow(std::to_string(i), {name, date});
  }
  return t;
}

Spec TwoRules() {
  Spec s;
  s.fields = {{"name", {"name"}, Comparator::kName},
              {"birth_date", {"birth_date"}, Comparator::kDate}};
  BlockingRule by_name{"name", {{"name", "sorted"}}};
  BlockingRule by_year{"year", {{"birth_date", "year"}, {"name", "initial"}}};
  s.blocking = {by_name, by_year};
  return s;
}

TEST(BlockingTest, UnionOfRulesEachPairOnce) {
  RecordTable t = Synthetic(300, 1, 6);
  Spec spec = TwoRules();
  auto p = Prepare(t, spec);
  ASSERT_TRUE(p.has_value());
  auto c = GenerateCandidates(*p, spec, {/*max_block_size=*/100000, /*window=*/10, 0});
  ASSERT_TRUE(c.has_value());
  std::set<std::uint64_t> unique(c->pairs.begin(), c->pairs.end());
  EXPECT_EQ(unique.size(), c->pairs.size()) << "a pair proposed twice";
  // Brute force: a pair is a candidate iff some rule's key agrees.
  std::set<std::uint64_t> expected;
  std::string x, y;
  for (std::uint32_t a = 0; a < t.rows(); ++a) {
    for (std::uint32_t b = a + 1; b < t.rows(); ++b) {
      for (const auto& rule : spec.blocking) {
        bool agree = true;
        for (const auto& k : rule.keys) {
          std::size_t f = k.field == "name" ? 0 : 1;
          p->fields[f]->BlockingValue(k.transform, a, x);
          p->fields[f]->BlockingValue(k.transform, b, y);
          agree = agree && !x.empty() && x == y;
        }
        if (agree) expected.insert(MakePair(a, b));
      }
    }
  }
  EXPECT_EQ(unique, expected);
  ASSERT_EQ(c->rules.size(), 2u);
  EXPECT_EQ(c->rules[0].new_pairs + c->rules[1].new_pairs, c->pairs.size());
}

TEST(BlockingTest, OversizedBlockIsWindowedNotQuadratic) {
  // One name for everybody: a single giant block under the name rule.
  RecordTable t;
  t.AddColumn("name");
  t.AddColumn("birth_date");
  for (int i = 0; i < 2000; ++i) {
    t.AppendRow(std::to_string(i), {"Siti Aminah", "19" + std::to_string(50 + i % 50) + "-01-01"});
  }
  Spec spec;
  spec.fields = {{"birth_date", {"birth_date"}, Comparator::kDate},
                 {"name", {"name"}, Comparator::kName}};
  spec.blocking = {BlockingRule{"name", {{"name", ""}}}};
  auto p = Prepare(t, spec);
  ASSERT_TRUE(p.has_value());
  auto c = GenerateCandidates(*p, spec, {/*max_block_size=*/100, /*window=*/5, 0});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->rules[0].oversized_blocks, 1u);
  EXPECT_LE(c->pairs.size(), 2000u * 5);  // linear, not 2000²/2
  // Sorted by birth date inside the block: records with the same date are neighbours, so the
  // true candidates (same name, same date) are all proposed while the window is wide enough.
  std::set<std::uint64_t> got(c->pairs.begin(), c->pairs.end());
  std::size_t same_date = 0, found = 0;
  for (std::uint32_t a = 0; a < 2000; ++a) {
    for (std::uint32_t b = a + 50; b < 2000 && b < a + 101; b += 50) {
      ++same_date;
      found += got.contains(MakePair(a, b)) ? 1 : 0;
    }
  }
  EXPECT_GT(same_date, 0u);
  EXPECT_EQ(found, same_date);
}

TEST(BlockingTest, LinkModeProposesOnlyCrossPairs) {
  RecordTable t = Synthetic(200, 3, 3);
  Spec spec = TwoRules();
  auto p = Prepare(t, spec);
  ASSERT_TRUE(p.has_value());
  auto c = GenerateCandidates(*p, spec, {1000, 10, /*left_rows=*/120});
  ASSERT_TRUE(c.has_value());
  ASSERT_FALSE(c->pairs.empty());
  for (auto pair : c->pairs) {
    EXPECT_LT(PairFirst(pair), 120u);
    EXPECT_GE(PairSecond(pair), 120u);
  }
}

TEST(BlockingTest, SameForAnyThreadCount) {
  RecordTable t = Synthetic(3000, 5, 6);
  Spec spec = TwoRules();
  auto p = Prepare(t, spec);
  ASSERT_TRUE(p.has_value());
  std::vector<std::uint64_t> reference;
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    auto c = arena.execute([&] { return GenerateCandidates(*p, spec, {150, 8, 0}); });
    ASSERT_TRUE(c.has_value());
    if (reference.empty()) {
      reference = c->pairs;
    } else {
      EXPECT_EQ(c->pairs, reference) << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace jaring::matching
