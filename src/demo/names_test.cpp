#include "demo/names.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

namespace jaring::demo {
namespace {

using domain::Sex;

struct SpellingCase {
  std::string modern;
  std::string old;
};

class SpellingTest : public ::testing::TestWithParam<SpellingCase> {};

TEST_P(SpellingTest, ConvertsBothWays) {
  const auto& c = GetParam();
  EXPECT_EQ(ToOldSpelling(c.modern), c.old);
  EXPECT_EQ(ToNewSpelling(c.old), c.modern);
  EXPECT_EQ(HasOldSpelling(c.old), c.old != c.modern);
}

INSTANTIATE_TEST_SUITE_P(
    Names, SpellingTest,
    ::testing::Values(SpellingCase{"Sukarno", "Soekarno"}, SpellingCase{"Cahyono", "Tjahjono"},
                      SpellingCase{"Joko", "Djoko"}, SpellingCase{"Suyanto", "Soejanto"},
                      SpellingCase{"Khoirul", "Choiroel"}, SpellingCase{"Nur", "Noer"},
                      SpellingCase{"Yusuf", "Joesoef"}, SpellingCase{"Syaiful", "Sjaifoel"},
                      SpellingCase{"Fauzi", "Fauzi"}, SpellingCase{"Maulana", "Maulana"},
                      SpellingCase{"Slamet", "Slamet"}));

TEST(SpellingTest, ChIsAlreadyOld) {
  EXPECT_EQ(ToOldSpelling("Achmad"), "Achmad");
  EXPECT_EQ(ToNewSpelling("Achmad"), "Akhmad");
}

TEST(SpellingTest, RoundTripsEveryGeneratedToken) {
  Random rng(7);
  int checked = 0;
  for (int i = 0; i < 3000; ++i) {
    const Sex sex = i % 2 == 0 ? Sex::kMale : Sex::kFemale;
    const auto eth = i % 3 == 0 ? Ethnicity::kMadurese : Ethnicity::kJavanese;
    const PersonName name = MakeName(rng, sex, eth, 1980 + i % 40);  // born >= 1980: modern
    for (const std::string& t : name.tokens) {
      if (t.find("ch") != std::string::npos) continue;
      EXPECT_FALSE(HasOldSpelling(t)) << t;
      EXPECT_EQ(ToNewSpelling(ToOldSpelling(t)), t);
      ++checked;
    }
  }
  EXPECT_GT(checked, 3000);
}

TEST(MakeNameTest, IsDeterministicForTheGeneratorState) {
  Random a(42), b(42);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(MakeName(a, Sex::kFemale, Ethnicity::kJavanese, 1970).Full(),
              MakeName(b, Sex::kFemale, Ethnicity::kJavanese, 1970).Full());
  }
}

std::map<std::string, int> FirstTokenCounts(Sex sex, Ethnicity eth, int birth_year, int n) {
  Random rng(11);
  std::map<std::string, int> counts;
  for (int i = 0; i < n; ++i) ++counts[MakeName(rng, sex, eth, birth_year).tokens.front()];
  return counts;
}

std::vector<std::string> MostCommon(const std::map<std::string, int>& counts, std::size_t k) {
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [name, n] : counts) v.emplace_back(n, name);
  std::sort(v.rbegin(), v.rend());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < std::min(k, v.size()); ++i) out.push_back(v[i].second);
  return out;
}

TEST(MakeNameTest, SitiAndSriLeadWomensNamesMuhammadMens) {
  const auto women =
      MostCommon(FirstTokenCounts(Sex::kFemale, Ethnicity::kJavanese, 1980, 5000), 3);
  EXPECT_NE(std::find(women.begin(), women.end(), "Siti"), women.end());
  EXPECT_NE(std::find(women.begin(), women.end(), "Sri"), women.end());
  const auto men = MostCommon(FirstTokenCounts(Sex::kMale, Ethnicity::kJavanese, 1980, 5000), 3);
  EXPECT_NE(std::find(men.begin(), men.end(), "Muhammad"), men.end());
}

TEST(MakeNameTest, SexSpecificPools) {
  const auto women = FirstTokenCounts(Sex::kFemale, Ethnicity::kJavanese, 1975, 3000);
  EXPECT_EQ(women.count("Muhammad"), 0u);
  EXPECT_EQ(women.count("Slamet"), 0u);
  const auto men = FirstTokenCounts(Sex::kMale, Ethnicity::kJavanese, 1975, 3000);
  EXPECT_EQ(men.count("Siti"), 0u);
  EXPECT_EQ(men.count("Sumarni"), 0u);
}

double SingleWordShare(int birth_year, Ethnicity eth) {
  Random rng(5);
  int single = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    const PersonName name = MakeName(rng, i % 2 ? Sex::kMale : Sex::kFemale, eth, birth_year);
    // "Mat Sari" counts as one Madurese name although it has two tokens.
    if (name.tokens.size() == 1 || name.tokens.front() == "Mat") ++single;
  }
  return static_cast<double>(single) / n;
}

TEST(MakeNameTest, OneWordNamesAreForTheOld) {
  EXPECT_GT(SingleWordShare(1958, Ethnicity::kJavanese), 0.45);
  EXPECT_LT(SingleWordShare(2000, Ethnicity::kJavanese), 0.15);
  EXPECT_GT(SingleWordShare(1958, Ethnicity::kMadurese),
            SingleWordShare(1958, Ethnicity::kJavanese) - 0.05);
}

TEST(MakeNameTest, OldSpellingsOnlyForPeopleBornBeforeTheReform) {
  Random rng(3);
  int old_names = 0;
  for (int i = 0; i < 3000; ++i) {
    const PersonName young = MakeName(rng, Sex::kMale, Ethnicity::kJavanese, 1990);
    for (const auto& t : young.tokens) {
      EXPECT_EQ(t.find("oe"), std::string::npos) << young.Full();
      EXPECT_EQ(t.find("dj"), std::string::npos) << young.Full();
    }
    const PersonName old = MakeName(rng, Sex::kMale, Ethnicity::kJavanese, 1950);
    if (SpellingVariant(old) &&
        std::any_of(old.tokens.begin(), old.tokens.end(), [](const auto& t) {
          return t.find("oe") != std::string::npos || t.find("dj") != std::string::npos ||
                 t.find("tj") != std::string::npos;
        })) {
      ++old_names;
    }
  }
  EXPECT_GT(old_names, 300);  // about a quarter of 3000
}

PersonName Name(std::vector<std::string> tokens, std::string title = "") {
  PersonName n;
  n.tokens = std::move(tokens);
  n.title = std::move(title);
  return n;
}

TEST(VariantTest, AbbreviationChangesMuhammadFirst) {
  Random rng(1);
  for (int i = 0; i < 50; ++i) {
    auto v = AbbreviationVariant(rng, Name({"Siti", "Muhammad"}));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->tokens[0], "St.");
    auto m = AbbreviationVariant(rng, Name({"Muhammad", "Arif"}));
    ASSERT_TRUE(m);
    EXPECT_NE(m->tokens[0], "Muhammad");
    EXPECT_EQ(m->tokens[1], "Arif");
  }
  EXPECT_FALSE(AbbreviationVariant(rng, Name({"Slamet"})));
  EXPECT_EQ(AbbreviationVariant(rng, Name({"Abdul", "Rahman"}))->Full(), "Abd. Rahman");
  EXPECT_EQ(AbbreviationVariant(rng, Name({"Nur", "Hadi"}))->Full(), "Noer Hadi");
}

// Levenshtein with adjacent transposition (optimal string alignment).
int Distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(VariantTest, TypoIsOneEditAndKeepsTheFirstLetter) {
  Random rng(9);
  const PersonName name = Name({"Siti", "Khotijah"});
  for (int i = 0; i < 300; ++i) {
    auto v = TypoVariant(rng, name);
    ASSERT_TRUE(v);
    EXPECT_EQ(Distance(v->Full(), name.Full()), 1) << v->Full();
    EXPECT_EQ(v->tokens[0][0], 'S');
    EXPECT_EQ(v->tokens[1][0], 'K');
  }
  EXPECT_FALSE(TypoVariant(rng, Name({"Ali"})));
}

struct ShortCase {
  std::vector<std::string> tokens;
  std::string expected;  // "" = no short form
};
class ShortFormTest : public ::testing::TestWithParam<ShortCase> {};
TEST_P(ShortFormTest, Table) {
  const auto v = ShortFormVariant(Name(GetParam().tokens));
  if (GetParam().expected.empty()) {
    EXPECT_FALSE(v);
  } else {
    ASSERT_TRUE(v);
    EXPECT_EQ(v->Full(), GetParam().expected);
  }
}
INSTANTIATE_TEST_SUITE_P(Names, ShortFormTest,
                         ::testing::Values(ShortCase{{"Suparman"}, "Parman"},
                                           ShortCase{{"Sumarni"}, "Marni"},
                                           ShortCase{{"Soeparman"}, "Parman"},
                                           ShortCase{{"Muhammad", "Arif"}, "Arif"},
                                           ShortCase{{"Siti", "Aminah"}, "Aminah"},
                                           ShortCase{{"Slamet"}, ""}, ShortCase{{"Sujak"}, ""}));

TEST(VariantTest, TitleAndTokenOrder) {
  EXPECT_EQ(TitleVariant(Name({"Slamet"}), Sex::kMale).Full(), "H. Slamet");
  EXPECT_EQ(TitleVariant(Name({"Siti", "Aminah"}), Sex::kFemale).Full(), "Hj. Siti Aminah");
  EXPECT_EQ(TitleVariant(Name({"Slamet"}, "H."), Sex::kMale).Full(), "Slamet");
  Random rng(2);
  EXPECT_EQ(TokenOrderVariant(rng, Name({"Nur", "Hidayat"}))->Full(), "Hidayat Nur");
  EXPECT_FALSE(TokenOrderVariant(rng, Name({"Slamet"})));
  EXPECT_FALSE(SpellingVariant(Name({"Slamet", "Ali"})));
  EXPECT_EQ(SpellingVariant(Name({"Djoko", "Soesanto"}))->Full(), "Joko Susanto");
  EXPECT_EQ(SpellingVariant(Name({"Joko", "Susanto"}))->Full(), "Djoko Soesanto");
}

TEST(MadureseShareTest, HighInMaduraLowInTheWest) {
  EXPECT_GT(MadureseShare("35.27"), 0.9);
  EXPECT_GT(MadureseShare("35.14"), MadureseShare("35.17"));
  EXPECT_LT(MadureseShare("11.01"), 0.1);
}

}  // namespace
}  // namespace jaring::demo
