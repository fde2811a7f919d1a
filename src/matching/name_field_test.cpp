// The name comparator (CompareRawNames: domain's normalisation and nickname table, then the
// name field's levels) against the golden name tables in tests/data/matching/.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/name_normalize.hpp"
#include "matching/features.hpp"

namespace jaring::matching {
namespace {

using domain::NormalizeName;

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
}

}  // namespace
}  // namespace jaring::matching
