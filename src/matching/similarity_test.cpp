#include "matching/similarity.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace jaring::matching {
namespace {

TEST(JaroWinklerTest, KnownValues) {
  // Reference values from Winkler (1990) as reproduced by common implementations.
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.9611, 1e-4);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.84, 1e-4);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.8133, 1e-4);
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", ""), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
}

TEST(JaroWinklerTest, SymmetricOnManyPairs) {
  const std::vector<std::string> words = {"sukarno",
                                          "soekarno",
                                          "cahyono",
                                          "tjahjono",
                                          "siti",
                                          "sitti",
                                          "a",
                                          "ab",
                                          "ba",
                                          "muhammad yusuf",
                                          "yusuf muhammad",
                                          std::string(80, 'a') + "b"};
  for (const auto& a : words) {
    for (const auto& b : words) {
      EXPECT_DOUBLE_EQ(JaroWinkler(a, b), JaroWinkler(b, a)) << a << " / " << b;
    }
  }
}

TEST(ClassifyEditTest, Cases) {
  struct Case {
    const char* a;
    const char* b;
    SmallEdit want;
  };
  const Case cases[] = {
      {"3514011204850001", "3514011204850001", SmallEdit::kEqual},
      {"3514011204850001", "3514011204850007", SmallEdit::kOneSubstitution},
      {"3514011204850001", "3514011240850001", SmallEdit::kOneTransposition},
      {"351401120485001", "3514011204850001", SmallEdit::kOneIndel},
      {"3514011204850001", "3514011204859991", SmallEdit::kMore},
      {"12", "21", SmallEdit::kOneTransposition},
      {"", "1", SmallEdit::kOneIndel},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifyEdit(c.a, c.b), c.want) << c.a << " / " << c.b;
    EXPECT_EQ(ClassifyEdit(c.b, c.a), c.want) << "symmetric: " << c.a << " / " << c.b;
  }
}

TEST(WeightedDiceTest, RareTokensDominate) {
  std::vector<float> weight = {0.0f, 0.1f, 5.0f, 5.0f};  // id 1 common ("siti"), 2, 3 rare
  std::vector<std::uint32_t> a = {1, 2}, b = {1, 3}, c = {2};
  EXPECT_LT(WeightedDice(a, b, weight), 0.05);  // share only the common token
  EXPECT_GT(WeightedDice(a, c, weight), 0.95);  // share the rare token
  EXPECT_DOUBLE_EQ(WeightedDice(a, b, weight), WeightedDice(b, a, weight));
}

}  // namespace
}  // namespace jaring::matching
