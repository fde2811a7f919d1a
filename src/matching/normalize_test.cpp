#include "matching/normalize.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "matching/features.hpp"
#include "matching/nicknames.hpp"

namespace jaring::matching {
namespace {

struct NamePair {
  std::string a, b, why;
  int line = 0;
};

// Reads the golden name tables (name_a,name_b,why; no quoted commas inside names).
std::vector<NamePair> ReadPairs(const std::string& file) {
  std::ifstream in(std::string(JARING_SOURCE_DIR) + "/tests/data/matching/" + file);
  EXPECT_TRUE(in.good()) << file;
  std::vector<NamePair> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 || line.empty()) continue;
    // Fields may be quoted when a name holds a comma ("Bambang Sutrisno, S.Pd.").
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cell += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
    EXPECT_EQ(cells.size(), 3u) << file << ":" << number;
    if (cells.size() == 3) out.push_back({cells[0], cells[1], cells[2], number});
  }
  return out;
}

// The match decision the golden tables pin down: same canonical tokens or same phonetic key.
constexpr int kVariantLevel = 4;

TEST(NameGoldenTest, VariantPairsMatch) {
  auto pairs = ReadPairs("names_same.csv");
  EXPECT_GE(pairs.size(), 200u);
  for (const auto& p : pairs) {
    EXPECT_GE(CompareRawNames(p.a, p.b), kVariantLevel)
        << "names_same.csv:" << p.line << " '" << p.a << "' vs '" << p.b << "' (" << p.why
        << "): " << NormalizeName(p.a).sorted << " | " << NormalizeName(p.b).sorted;
    EXPECT_EQ(CompareRawNames(p.a, p.b), CompareRawNames(p.b, p.a)) << "symmetry, line " << p.line;
  }
}

TEST(NameGoldenTest, LookAlikePairsDoNotMatch) {
  auto pairs = ReadPairs("names_different.csv");
  EXPECT_GE(pairs.size(), 100u);
  for (const auto& p : pairs) {
    EXPECT_LT(CompareRawNames(p.a, p.b), kVariantLevel)
        << "names_different.csv:" << p.line << " '" << p.a << "' vs '" << p.b << "' (" << p.why
        << "): " << NormalizeName(p.a).phonetic << " | " << NormalizeName(p.b).phonetic;
    EXPECT_EQ(CompareRawNames(p.a, p.b), CompareRawNames(p.b, p.a)) << "symmetry, line " << p.line;
  }
}

// Name fields with `"nicknames": true`: a nickname, short or foreign form of the same given name
// makes two names "similar" (level 3), and different given names stay below that.
constexpr int kSimilarLevel = 3;

TEST(NicknameGoldenTest, VariantsAreSimilar) {
  auto pairs = ReadPairs("nicknames_same.csv");
  EXPECT_GE(pairs.size(), 100u);
  for (const auto& p : pairs) {
    EXPECT_GE(CompareRawNames(p.a, p.b, true), kSimilarLevel)
        << "nicknames_same.csv:" << p.line << " '" << p.a << "' vs '" << p.b << "' (" << p.why
        << ")";
    EXPECT_EQ(CompareRawNames(p.a, p.b, true), CompareRawNames(p.b, p.a, true))
        << "symmetry, line " << p.line;
  }
  // Off by default: the roster's Indonesian names never consult the table.
  EXPECT_LT(CompareRawNames("Bill", "William"), kSimilarLevel);
}

TEST(NicknameGoldenTest, DifferentNamesAreNot) {
  auto pairs = ReadPairs("nicknames_different.csv");
  EXPECT_GE(pairs.size(), 25u);
  for (const auto& p : pairs) {
    EXPECT_LT(CompareRawNames(p.a, p.b, true), kSimilarLevel)
        << "nicknames_different.csv:" << p.line << " '" << p.a << "' vs '" << p.b << "' (" << p.why
        << ")";
    EXPECT_EQ(CompareRawNames(p.a, p.b, true), CompareRawNames(p.b, p.a, true))
        << "symmetry, line " << p.line;
  }
}

TEST(NicknameTest, InitialIsWeakAgreement) {
  EXPECT_EQ(CompareRawNames("J", "John", true), 2);
  EXPECT_EQ(CompareRawNames("J. Smith", "John Smith", true), 2);
  EXPECT_LT(CompareRawNames("J", "Mary", true), 2);
  EXPECT_TRUE(IsInitialOf("j", "john"));
  EXPECT_FALSE(IsInitialOf("j", "j"));
  EXPECT_TRUE(AreNameVariants("bill", "william"));
  EXPECT_FALSE(AreNameVariants("bill", "bill"));
}

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

}  // namespace
}  // namespace jaring::matching
