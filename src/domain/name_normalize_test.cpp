#include "domain/name_normalize.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/nicknames.hpp"

namespace jaring::domain {
namespace {

TEST(NormalizeNameTest, Parts) {
  NormalizedName n = NormalizeName("Hj. Siti Aminah binti H. Abdullah, S.Pd.");
  EXPECT_EQ(n.canonical, "siti aminah");
  ASSERT_EQ(n.tail.size(), 1u);
  EXPECT_EQ(n.tail[0], "abdullah");
  EXPECT_EQ(NormalizeName("M. Yusuf").canonical, "muhammad yusuf");
  EXPECT_EQ(NormalizeName("Yusuf M").canonical, "yusuf m");  // a trailing initial is not Muhammad
  EXPECT_EQ(NormalizeName("Tjahjono").canonical, "cahyono");
  EXPECT_EQ(NormalizeName("Djojo").canonical, "joyo");
  EXPECT_EQ(NormalizeName("Joko").canonical, "joko");  // new spelling: j stays j
  EXPECT_EQ(NormalizeName("H").canonical, "h");        // only a title: kept rather than emptied
  EXPECT_EQ(NormalizeName("").canonical, "");
  EXPECT_EQ(NormalizeName("Budi Santoso").sorted, NormalizeName("Santoso Budi").sorted);
}

TEST(NormalizeNameTest, FoldTextHandlesUnicodeAndBadBytes) {
  EXPECT_EQ(FoldText("JOSÉ"), "jose");
  EXPECT_EQ(FoldText("ÄÖÜ straße"), "aou strasse");
  std::string bad = "ab\xff\xfe";
  EXPECT_EQ(FoldText(bad).substr(0, 2), "ab");  // invalid UTF-8 does not crash or vanish
}

TEST(PhoneticKeyTest, Cases) {
  struct Case {
    const char* token;
    const char* key;
  };
  const Case cases[] = {{"fatimah", "fatima"}, {"rahmat", "rahmat"},   {"akhmad", "ahmad"},
                        {"zainal", "jainal"},  {"taufiq", "taufik"},   {"rizky", "rijki"},
                        {"syaiful", "saiful"}, {"abdullah", "abdula"}, {"aminah", "amina"},
                        {"amanah", "amana"}};
  for (const auto& c : cases) EXPECT_EQ(PhoneticKey(c.token), c.key) << c.token;
}

TEST(NicknameTableTest, VariantsAndInitials) {
  EXPECT_TRUE(IsInitialOf("j", "john"));
  EXPECT_TRUE(IsInitialOf("john", "j"));
  EXPECT_FALSE(IsInitialOf("j", "j"));
  EXPECT_FALSE(IsInitialOf("j", "mary"));
  EXPECT_TRUE(AreNameVariants("bill", "william"));
  EXPECT_TRUE(AreNameVariants("william", "bill"));
  EXPECT_FALSE(AreNameVariants("bill", "bill"));
  EXPECT_FALSE(AreNameVariants("bill", "thomas"));
}

}  // namespace
}  // namespace jaring::domain
