#include "domain/region.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jaring::domain {
namespace {

const RegionIndex& Index() { return RegionIndex::Embedded(); }

std::vector<std::string> Codes(const std::vector<const Region*>& regions) {
  std::vector<std::string> codes;
  for (const Region* r : regions) codes.push_back(r->code);
  return codes;
}

// Counts data rows (lines minus header) of one idn-area-data CSV, independently of the parser.
// No quoted field in this data spans lines, so lines == records.
std::size_t CsvRecords(const char* name) {
  std::ifstream in(std::filesystem::path(JARING_IDN_AREA_DATA_DIR) / name);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) ++lines;
  }
  return lines - 1;
}

TEST(RegionIndexTest, EmbeddedCountsMatchThePublishedData) {
  // idn-area-data 4.0.1 as published.
  EXPECT_EQ(Index().Count(RegionLevel::kProvince), 38u);
  EXPECT_EQ(Index().Count(RegionLevel::kRegency), 514u);
  EXPECT_EQ(Index().Count(RegionLevel::kDistrict), 7285u);
  EXPECT_EQ(Index().Count(RegionLevel::kVillage), 83762u);
  // And the embedded copy is the installed file (a stale embed would differ).
  EXPECT_EQ(Index().Count(RegionLevel::kProvince), CsvRecords("provinces.csv"));
  EXPECT_EQ(Index().Count(RegionLevel::kRegency), CsvRecords("regencies.csv"));
  EXPECT_EQ(Index().Count(RegionLevel::kDistrict), CsvRecords("districts.csv"));
  EXPECT_EQ(Index().Count(RegionLevel::kVillage), CsvRecords("villages.csv"));
}

TEST(RegionIndexTest, EmbeddedEqualsLoadFromCsv) {
  const std::filesystem::path dir(JARING_IDN_AREA_DATA_DIR);
  auto loaded = RegionIndex::LoadFromCsv(dir / "provinces.csv", dir / "regencies.csv",
                                         dir / "districts.csv", dir / "villages.csv");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
  for (auto level : {RegionLevel::kProvince, RegionLevel::kRegency, RegionLevel::kDistrict,
                     RegionLevel::kVillage}) {
    const auto a = loaded->All(level);
    const auto b = Index().All(level);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      ASSERT_EQ(a[i].code, b[i].code);
      ASSERT_EQ(a[i].name, b[i].name);
      ASSERT_EQ(a[i].parent_code, b[i].parent_code);
    }
  }
}

TEST(RegionIndexTest, EmbeddedLoadIsFast) {
  // Embedded() caches; measure a fresh parse of the same bytes instead.
  std::string p, r, d, v;
  for (auto [name, out] : {std::pair{"provinces.csv", &p}, std::pair{"regencies.csv", &r},
                           std::pair{"districts.csv", &d}, std::pair{"villages.csv", &v}}) {
    std::ifstream in(std::filesystem::path(JARING_IDN_AREA_DATA_DIR) / name, std::ios::binary);
    out->assign(std::istreambuf_iterator<char>(in), {});
  }
  // CPU time of this thread, so that other processes on a busy machine do not count.
  auto cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  };
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_ms();
  auto index = RegionIndex::LoadFromText(p, r, d, v);
  const double cpu = cpu_ms() - cpu_start;
  const double wall =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
          .count();
  ASSERT_TRUE(index.has_value());
  std::printf("RegionIndex parse of %zu regions: %.1f ms CPU, %.1f ms wall\n",
              index->Count(RegionLevel::kVillage) + index->Count(RegionLevel::kDistrict), cpu,
              wall);
  // The aim is < 50 ms; optimised builds measure 20-30 ms CPU on the shared 2-core machine, so
  // 100 ms leaves room for cache contention. Debug and sanitizer builds are 20-30x slower.
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(cpu, 100.0);
#else
  EXPECT_LT(cpu, 5000.0);
#endif
}

struct FindCase {
  const char* code;
  const char* name;
  RegionLevel level;
  const char* parent;
};

class RegionFindTest : public ::testing::TestWithParam<FindCase> {};

TEST_P(RegionFindTest, FindsNameLevelAndParent) {
  const FindCase& c = GetParam();
  const Region* region = Index().Find(c.code);
  ASSERT_NE(region, nullptr) << c.code;
  EXPECT_EQ(region->name, c.name);
  EXPECT_EQ(region->level, c.level);
  EXPECT_EQ(region->parent_code, c.parent);
  EXPECT_TRUE(Index().Exists(c.code));
}

INSTANTIATE_TEST_SUITE_P(
    RealData, RegionFindTest,
    ::testing::Values(FindCase{"35", "Jawa Timur", RegionLevel::kProvince, ""},
                      FindCase{"11", "Aceh", RegionLevel::kProvince, ""},
                      FindCase{"96", "Papua Barat Daya", RegionLevel::kProvince, ""},
                      FindCase{"35.02", "Kabupaten Ponorogo", RegionLevel::kRegency, "35"},
                      FindCase{"35.09", "Kabupaten Jember", RegionLevel::kRegency, "35"},
                      FindCase{"35.13", "Kabupaten Probolinggo", RegionLevel::kRegency, "35"},
                      FindCase{"35.14", "Kabupaten Pasuruan", RegionLevel::kRegency, "35"},
                      FindCase{"35.17", "Kabupaten Jombang", RegionLevel::kRegency, "35"},
                      FindCase{"35.23", "Kabupaten Tuban", RegionLevel::kRegency, "35"},
                      FindCase{"35.74", "Kota Probolinggo", RegionLevel::kRegency, "35"},
                      FindCase{"35.75", "Kota Pasuruan", RegionLevel::kRegency, "35"},
                      FindCase{"35.14.01", "Purwodadi", RegionLevel::kDistrict, "35.14"},
                      FindCase{"35.29.22", "Ra\"as", RegionLevel::kDistrict, "35.29"},
                      FindCase{"12.07.28.1007", "Lubuk Pakam I,II", RegionLevel::kVillage,
                               "12.07.28"}));

TEST(RegionIndexTest, UnknownAndMalformedCodesAreNotFound) {
  for (const char* code : {"", "99", "35.99", "35.14.99", "35.14.01.9999", "3514", "35.14.1",
                           "35-14", "35.14.01.2001.1", "ab", "35.14."}) {
    EXPECT_EQ(Index().Find(code), nullptr) << code;
    EXPECT_FALSE(Index().Exists(code)) << code;
  }
}

TEST(RegionIndexTest, ChildrenAndWithin) {
  EXPECT_EQ(Index().Children("").size(), 38u);
  EXPECT_EQ(Index().Children("35.14").size(), 24u);
  EXPECT_EQ(Index().Within("35.14", RegionLevel::kVillage).size(), 365u);
  EXPECT_EQ(Index().Within("35.14", RegionLevel::kDistrict).size(), 24u);
  EXPECT_TRUE(Index().Within("35.14", RegionLevel::kProvince).empty());
  EXPECT_TRUE(Index().Within("35.14", RegionLevel::kRegency).empty());
  EXPECT_TRUE(Index().Children("35.14.01.2001").empty());
  EXPECT_TRUE(Index().Children("junk").empty());
  for (const Region& d : Index().Children("35.14")) {
    EXPECT_EQ(d.parent_code, "35.14");
    EXPECT_EQ(d.level, RegionLevel::kDistrict);
  }
  // Sum of the children's villages equals the regency's villages: ranges are contiguous.
  std::size_t villages = 0;
  for (const Region& d : Index().Children("35.14")) villages += Index().Children(d.code).size();
  EXPECT_EQ(villages, 365u);
  // Jawa Timur's regencies: 29 kabupaten + 9 kota.
  EXPECT_EQ(Index().Children("35").size(), 38u);
}

TEST(RegionIndexTest, EveryRegionHasAnExistingParentOfTheLevelAbove) {
  for (auto level : {RegionLevel::kRegency, RegionLevel::kDistrict, RegionLevel::kVillage}) {
    for (const Region& r : Index().All(level)) {
      const Region* parent = Index().Parent(r.code);
      ASSERT_NE(parent, nullptr) << r.code;
      ASSERT_EQ(static_cast<int>(parent->level) + 1, static_cast<int>(level)) << r.code;
    }
  }
  EXPECT_EQ(Index().Parent("35"), nullptr);
}

TEST(RegionIndexTest, PathRunsFromProvinceDown) {
  const auto village = Index().Children("35.14.01").front();
  const auto path = Index().Path(village.code);
  ASSERT_EQ(path.size(), 4u);
  EXPECT_EQ(path[0]->code, "35");
  EXPECT_EQ(path[1]->code, "35.14");
  EXPECT_EQ(path[2]->code, "35.14.01");
  EXPECT_EQ(path[3]->code, village.code);
  EXPECT_TRUE(Index().Path("35.99").empty());
}

struct CodeShapeCase {
  const char* dotted;
  std::optional<RegionLevel> level;
  const char* compact;
};

class RegionCodeShapeTest : public ::testing::TestWithParam<CodeShapeCase> {};

TEST_P(RegionCodeShapeTest, LevelCompactAndExpand) {
  const auto& c = GetParam();
  EXPECT_EQ(LevelOfCode(c.dotted), c.level);
  EXPECT_EQ(CompactRegionCode(c.dotted), c.compact);
  if (c.level) {
    EXPECT_EQ(ExpandRegionCode(c.compact), std::optional<std::string>(c.dotted));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, RegionCodeShapeTest,
    ::testing::Values(CodeShapeCase{"35", RegionLevel::kProvince, "35"},
                      CodeShapeCase{"35.14", RegionLevel::kRegency, "3514"},
                      CodeShapeCase{"35.14.01", RegionLevel::kDistrict, "351401"},
                      CodeShapeCase{"35.14.01.2001", RegionLevel::kVillage, "3514012001"},
                      CodeShapeCase{"3", std::nullopt, ""}, CodeShapeCase{"35.1", std::nullopt, ""},
                      CodeShapeCase{"35.14.01.201", std::nullopt, ""},
                      CodeShapeCase{"35..14", std::nullopt, ""},
                      CodeShapeCase{"3a", std::nullopt, ""}, CodeShapeCase{"", std::nullopt, ""}));

TEST(RegionCodeTest, ExpandRejectsOddShapes) {
  for (const char* compact : {"", "3", "351", "35140", "3514012", "35140120011", "35a4"}) {
    EXPECT_EQ(ExpandRegionCode(compact), std::nullopt) << compact;
  }
}

struct NameCase {
  const char* parent;
  RegionLevel level;
  const char* query;
  std::vector<std::string> expected;  // codes; empty = not found; several = ambiguous
};

class RegionNameTest : public ::testing::TestWithParam<NameCase> {};

TEST_P(RegionNameTest, FindsAllCandidates) {
  const auto& c = GetParam();
  EXPECT_EQ(Codes(Index().FindByName(c.parent, c.level, c.query)), c.expected) << c.query;
}

// Expected codes are looked up by exact name first, so a change in the data shows up as a
// failure of the exact-name case rather than as silently changed expectations.
INSTANTIATE_TEST_SUITE_P(
    RealData, RegionNameTest,
    ::testing::Values(NameCase{"35.14", RegionLevel::kDistrict, "Purwodadi", {"35.14.01"}},
                      NameCase{"35.14", RegionLevel::kDistrict, "kec. purwodadi", {"35.14.01"}},
                      NameCase{
                          "35.14", RegionLevel::kDistrict, "Kecamatan PURWODADI", {"35.14.01"}},
                      NameCase{"35.14", RegionLevel::kDistrict, "  purwo dadi ", {"35.14.01"}},
                      NameCase{"35.14", RegionLevel::kDistrict, "KEC.PURWODADI", {"35.14.01"}},
                      NameCase{"35.14", RegionLevel::kDistrict, "Purwokerto", {}},
                      NameCase{"35.14", RegionLevel::kDistrict, "", {}},
                      NameCase{"35.14", RegionLevel::kDistrict, "kecamatan", {}},
                      // Kota vs Kabupaten: the kind word decides; without it both are candidates.
                      NameCase{"35", RegionLevel::kRegency, "Pasuruan", {"35.14", "35.75"}},
                      NameCase{"35", RegionLevel::kRegency, "Kab. Pasuruan", {"35.14"}},
                      NameCase{"35", RegionLevel::kRegency, "kabupaten pasuruan", {"35.14"}},
                      NameCase{"35", RegionLevel::kRegency, "KOTA PASURUAN", {"35.75"}},
                      NameCase{"35", RegionLevel::kRegency, "Kota Probolinggo", {"35.74"}},
                      NameCase{"", RegionLevel::kRegency, "Kota Pasuruan", {"35.75"}},
                      NameCase{"31", RegionLevel::kRegency, "Jakarta Pusat", {"31.71"}},
                      NameCase{"31", RegionLevel::kRegency, "Kota Jakarta Pusat", {"31.71"}},
                      NameCase{"", RegionLevel::kProvince, "prov. jawa timur", {"35"}},
                      NameCase{"", RegionLevel::kProvince, "JAWATIMUR", {"35"}},
                      // A district whose name starts with "Kota" keeps it.
                      NameCase{"11.01", RegionLevel::kDistrict, "Kota Bahagia", {"11.01.17"}},
                      NameCase{"35.29", RegionLevel::kDistrict, "Ra'as", {"35.29.22"}},
        NameCase{"35.14.01", RegionLevel::kVillage, "Lebak Rejo", {"35.14.01.2003"}},
        NameCase{"35.14.01", RegionLevel::kVillage, "Desa LEBAKREJO", {"35.14.01.2003"}},
        NameCase{"35.14", RegionLevel::kVillage, "ds. lebak-rejo", {"35.14.01.2003"}},
        NameCase{"35.14.02", RegionLevel::kVillage, "Lebakrejo", {}},
        NameCase{"35.14", RegionLevel::kVillage, "Lebak", {"35.14.19.2010"}},
                      NameCase{"35.14", RegionLevel::kDistrict, "Purwodadi", {"35.14.01"}}));

TEST(RegionNameTest, VillageSpacingAndAmbiguity) {
  // Find a real village whose name has a space, then query it glued and in capitals.
  const Region* spaced = nullptr;
  for (const Region& v : Index().Within("35.14", RegionLevel::kVillage)) {
    if (v.name.find(' ') != std::string::npos) {
      spaced = &v;
      break;
    }
  }
  ASSERT_NE(spaced, nullptr);
  std::string glued;
  for (char c : spaced->name) {
    if (c != ' ') glued += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const auto found = Index().FindByName("35.14", RegionLevel::kVillage, "Desa " + glued);
  ASSERT_FALSE(found.empty());
  EXPECT_NE(std::ranges::find(found, spaced), found.end());

  // Village names repeat across districts: a name search in the regency reports each.
  std::map<std::string, int> by_key;
  for (const Region& v : Index().Within("35.14", RegionLevel::kVillage)) {
    ++by_key[RegionIndex::NameKey(RegionLevel::kVillage, v.name)];
  }
  const auto repeated = std::ranges::find_if(by_key, [](const auto& kv) { return kv.second > 1; });
  ASSERT_NE(repeated, by_key.end()) << "expected a repeated village name in Kab. Pasuruan";
  const auto candidates = Index().FindByName("35.14", RegionLevel::kVillage, repeated->first);
  EXPECT_EQ(candidates.size(), static_cast<std::size_t>(repeated->second));
  std::set<std::string> districts;
  for (const Region* r : candidates) districts.insert(r->parent_code);
  EXPECT_EQ(districts.size(), candidates.size());
}

TEST(RegionNameTest, NameKeyStripsOnlyTheLevelsKindWord) {
  EXPECT_EQ(RegionIndex::NameKey(RegionLevel::kDistrict, "Kec. Purwo Dadi"), "purwodadi");
  EXPECT_EQ(RegionIndex::NameKey(RegionLevel::kDistrict, "Kota Bahagia"), "kotabahagia");
  EXPECT_EQ(RegionIndex::NameKey(RegionLevel::kRegency, "Kota Bahagia"), "bahagia");
  EXPECT_EQ(RegionIndex::NameKey(RegionLevel::kRegency, "Kabupaten Kotabaru"), "kotabaru");
  EXPECT_EQ(RegionIndex::NameKey(RegionLevel::kVillage, "Ds. Lebak Rejo"), "lebakrejo");
  EXPECT_EQ(RegionIndex::NameKey(RegionLevel::kVillage, "Desa"), "desa");
}

TEST(RegionDisplayTest, DisplayNames) {
  EXPECT_EQ(DisplayName(*Index().Find("35")), "Provinsi Jawa Timur");
  EXPECT_EQ(DisplayName(*Index().Find("35.14")), "Kabupaten Pasuruan");
  EXPECT_EQ(DisplayName(*Index().Find("35.75")), "Kota Pasuruan");
  EXPECT_EQ(DisplayName(*Index().Find("35.14.01")), "Kecamatan Purwodadi");
  const Region* papua_district = &Index().Children("91.03").front();
  EXPECT_EQ(DisplayName(*papua_district), "Distrik " + papua_district->name);
  // Village kinds follow the code: 1xxx kelurahan, 2xxx desa.
  int kelurahan = 0, desa = 0;
  for (const Region& v : Index().Within("35.75", RegionLevel::kVillage)) {
    const bool is_kelurahan = v.code[9] == '1';
    EXPECT_EQ(IsKelurahan(v), is_kelurahan);
    EXPECT_EQ(DisplayName(v), (is_kelurahan ? "Kelurahan " : "Desa ") + v.name);
    (is_kelurahan ? kelurahan : desa)++;
  }
  EXPECT_GT(kelurahan, 0);  // a city is made of kelurahan
  EXPECT_FALSE(IsKelurahan(*Index().Find("35.14")));
}

TEST(RegionLevelCodeTest, StableCodes) {
  EXPECT_EQ(RegionLevelCode(RegionLevel::kProvince), "provinsi");
  EXPECT_EQ(RegionLevelCode(RegionLevel::kRegency), "kabupaten_kota");
  EXPECT_EQ(RegionLevelCode(RegionLevel::kDistrict), "kecamatan");
  EXPECT_EQ(RegionLevelCode(RegionLevel::kVillage), "desa_kelurahan");
}

// ---- LoadFromText validation, on small hand-written inputs ----

constexpr const char* kProvinces = "code,name\n35,Jawa Timur\n";
constexpr const char* kRegencies = "code,province_code,name\n35.14,35,Kabupaten Pasuruan\n";
constexpr const char* kDistricts = "code,regency_code,name\n35.14.01,35.14,Purwodadi\n";
constexpr const char* kVillages =
    "code,district_code,name\r\n35.14.01.2001,35.14.01,\"Lebak \"\"Rejo\"\", I\"\r\n";

TEST(RegionLoadTest, SmallValidInputWithQuotesAndCrlf) {
  auto index = RegionIndex::LoadFromText(kProvinces, kRegencies, kDistricts, kVillages);
  ASSERT_TRUE(index.has_value()) << index.error().ToString();
  ASSERT_NE(index->Find("35.14.01.2001"), nullptr);
  EXPECT_EQ(index->Find("35.14.01.2001")->name, "Lebak \"Rejo\", I");
  EXPECT_EQ(index->Count(RegionLevel::kVillage), 1u);
}

struct BadLoadCase {
  const char* what;
  const char* provinces;
  const char* regencies;
  const char* districts;
  const char* villages;
};

class RegionBadLoadTest : public ::testing::TestWithParam<BadLoadCase> {};

TEST_P(RegionBadLoadTest, Rejected) {
  const auto& c = GetParam();
  auto index = RegionIndex::LoadFromText(c.provinces, c.regencies, c.districts, c.villages);
  ASSERT_FALSE(index.has_value()) << c.what;
  EXPECT_EQ(index.error().code, ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(
    Validation, RegionBadLoadTest,
    ::testing::Values(
        BadLoadCase{"no header", "35,Jawa Timur\n", kRegencies, kDistricts, kVillages},
        BadLoadCase{"unknown parent", kProvinces, "code,province_code,name\n36.01,36,Kabupaten X\n",
                    kDistricts, kVillages},
        BadLoadCase{"parent not a prefix", kProvinces,
                    "code,province_code,name\n35.14,36,Kabupaten Pasuruan\n", kDistricts,
                    kVillages},
        BadLoadCase{"malformed code", kProvinces,
                    "code,province_code,name\n35.4,35,Kabupaten Pasuruan\n", kDistricts, kVillages},
        BadLoadCase{"duplicate", "code,name\n35,Jawa Timur\n35,Jawa Timur\n", kRegencies,
                    kDistricts, kVillages},
        BadLoadCase{"missing column", kProvinces, kRegencies,
                    "code,regency_code,name\n35.14.01,Purwodadi\n", kVillages},
        BadLoadCase{"text after closing quote", kProvinces, kRegencies,
                    "code,regency_code,name\n35.14.01,35.14,\"Purwo\"dadi\n", kVillages},
        BadLoadCase{"empty name", kProvinces, kRegencies,
                    "code,regency_code,name\n35.14.01,35.14,\n", kVillages}));

TEST(RegionLoadTest, MissingFileIsUnavailable) {
  auto index = RegionIndex::LoadFromCsv("/nonexistent/p.csv", "/nonexistent/r.csv",
                                        "/nonexistent/d.csv", "/nonexistent/v.csv");
  ASSERT_FALSE(index.has_value());
  EXPECT_EQ(index.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace jaring::domain
