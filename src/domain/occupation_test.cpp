#include "domain/occupation.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace jaring::domain {
namespace {

TEST(OccupationTest, StableCodesInOrder) {
  const char* expected[] = {
      "petani",  "buruh_tani",     "petani_tembakau", "buruh_tani_tembakau", "buruh_pabrik_rokok",
      "nelayan", "pedagang_kecil", "tukang_becak",    "tukang_batu",         "ojek",
      "lainnya"};
  const auto all = AllOccupations();
  ASSERT_EQ(all.size(), std::size(expected));
  std::set<std::string_view> labels_id, labels_en;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].code, expected[i]);
    EXPECT_EQ(FindOccupation(all[i].code), &all[i]);
    EXPECT_FALSE(all[i].label_id.empty());
    EXPECT_FALSE(all[i].label_en.empty());
    labels_id.insert(all[i].label_id);
    labels_en.insert(all[i].label_en);
    // Every code and label matches itself loosely.
    EXPECT_EQ(MatchOccupation(all[i].code), &all[i]);
    EXPECT_EQ(MatchOccupation(all[i].label_id), &all[i]);
    EXPECT_EQ(MatchOccupation(all[i].label_en), &all[i]);
  }
  EXPECT_EQ(labels_id.size(), all.size());
  EXPECT_EQ(labels_en.size(), all.size());
  EXPECT_EQ(FindOccupation("Petani"), nullptr);  // exact codes only
  EXPECT_EQ(FindOccupation("dokter"), nullptr);
}

TEST(OccupationTest, TobaccoSectorFlag) {
  std::set<std::string_view> tobacco;
  for (const auto& o : AllOccupations()) {
    if (o.tobacco_sector) tobacco.insert(o.code);
  }
  EXPECT_EQ(tobacco, (std::set<std::string_view>{"petani_tembakau", "buruh_tani_tembakau",
                                                 "buruh_pabrik_rokok"}));
}

struct MatchCase {
  const char* text;
  const char* code;  // nullptr = no match
};

class MatchOccupationTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(MatchOccupationTest, Matches) {
  const auto& c = GetParam();
  const Occupation* found = MatchOccupation(c.text);
  if (c.code == nullptr) {
    EXPECT_EQ(found, nullptr) << c.text << " -> " << found->code;
  } else {
    ASSERT_NE(found, nullptr) << c.text;
    EXPECT_EQ(found->code, c.code) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, MatchOccupationTest,
    ::testing::Values(MatchCase{"Buruh Tani", "buruh_tani"}, MatchCase{"BURUH TANI", "buruh_tani"},
                      MatchCase{"buruh-tani", "buruh_tani"}, MatchCase{"  Nelayan ", "nelayan"},
                      MatchCase{"BURUH TANI TEMBAKAU", "buruh_tani_tembakau"},
                      MatchCase{"Petani/Pekebun", "petani"}, MatchCase{"Tukang Ojek", "ojek"},
                      MatchCase{"Pedagang", "pedagang_kecil"},
                      MatchCase{"Buruh Rokok", "buruh_pabrik_rokok"},
                      MatchCase{"Fisher", "nelayan"}, MatchCase{"Lain-lain", "lainnya"},
                      MatchCase{"ojek online dan petani", nullptr}, MatchCase{"Dokter", nullptr},
                      MatchCase{"", nullptr}, MatchCase{"  ", nullptr}));

}  // namespace
}  // namespace jaring::domain
