#include "domain/terbilang.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace jaring::domain {
namespace {

TEST(TerbilangTest, AmountsFinanceOfficesWrite) {
  struct Case {
    std::int64_t rupiah;
    const char* words;
  } cases[] = {
      {0, "nol rupiah"},
      {1, "satu rupiah"},
      {10, "sepuluh rupiah"},
      {11, "sebelas rupiah"},
      {15, "lima belas rupiah"},
      {100, "seratus rupiah"},
      {111, "seratus sebelas rupiah"},
      {1'000, "seribu rupiah"},
      {1'001, "seribu satu rupiah"},
      {16'800, "enam belas ribu delapan ratus rupiah"},
      {101'000, "seratus satu ribu rupiah"},
      {1'000'000, "satu juta rupiah"},
      {6'800, "enam ribu delapan ratus rupiah"},
      {477'926'400,
       "empat ratus tujuh puluh tujuh juta sembilan ratus dua puluh enam ribu empat ratus "
       "rupiah"},
      {2'800'000'000, "dua miliar delapan ratus juta rupiah"},
      {1'000'000'000'000, "satu triliun rupiah"},
      {-16'800, "minus enam belas ribu delapan ratus rupiah"},
  };
  for (const auto& c : cases) EXPECT_EQ(Terbilang(Money::Rupiah(c.rupiah)), c.words) << c.rupiah;
}

TEST(TerbilangTest, TheWholeRangeHasWords) {
  EXPECT_EQ(Terbilang(Money::Rupiah(std::numeric_limits<std::int64_t>::max())).substr(0, 20),
            "sembilan kuintiliun ");
  EXPECT_EQ(Terbilang(Money::Rupiah(std::numeric_limits<std::int64_t>::min())).substr(0, 15),
            "minus sembilan ");
}

}  // namespace
}  // namespace jaring::domain
