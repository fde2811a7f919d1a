// Region resolution against the REAL Kemendagri data of Kabupaten Pasuruan (35.14), embedded
// from idn-area-data: the names and codes below are checked against it.
#include "intake/region_resolver.hpp"

#include <gtest/gtest.h>

namespace jaring::intake {
namespace {

const domain::RegionIndex& Index() { return domain::RegionIndex::Embedded(); }

struct NameCase {
  std::string village, district;
  std::string code;  // expected village code, "" when unresolved
  std::vector<std::string> finding_codes;
};

class ResolveNamesTest : public testing::TestWithParam<NameCase> {};

TEST_P(ResolveNamesTest, Pasuruan) {
  const auto& c = GetParam();
  RegionResolver resolver(Index(), "35.14");
  const VillageResolution& r = resolver.ResolveNames(c.village, c.district);
  EXPECT_EQ(r.village ? r.village->code : "", c.code) << c.village << " / " << c.district;
  std::vector<std::string> found;
  for (const auto& f : r.findings) {
    found.emplace_back(f.code);
    EXPECT_FALSE(f.message.empty());
  }
  EXPECT_EQ(found, c.finding_codes) << c.village << " / " << c.district;
}

INSTANTIATE_TEST_SUITE_P(
    Names, ResolveNamesTest,
    testing::Values(
        // Exact, any case, spacing, kind words.
        NameCase{"Lebakrejo", "", "35.14.01.2003", {}},
        NameCase{"LEBAKREJO", "Purwodadi", "35.14.01.2003", {}},
        NameCase{"Lebak Rejo", "Kec. Purwodadi", "35.14.01.2003", {}},
        NameCase{"Ds. Lebakrejo", "KECAMATAN PURWODADI", "35.14.01.2003", {}},
        NameCase{"Desa Gerbo", "", "35.14.01.2001", {}},
        // One typo, unique: corrected with a warning.
        NameCase{"Lebakreja", "Purwodadi", "35.14.01.2003", {"VILLAGE_NAME_CORRECTED"}},
        NameCase{"Dawuhan Sengon", "", "35.14.01.2002", {}},
        NameCase{"Dawuhansegon", "", "35.14.01.2002", {"VILLAGE_NAME_CORRECTED"}},
        NameCase{"Lebakrejo", "Purwodadu", "35.14.01.2003", {"DISTRICT_NAME_CORRECTED"}},
        NameCase{"Gerbo", "Purowdadi", "35.14.01.2001", {"DISTRICT_NAME_CORRECTED"}},
        // Ambiguous in the regency without a district; settled by the district.
        NameCase{"Kalirejo", "", "", {"VILLAGE_AMBIGUOUS"}},
        NameCase{"Kalirejo", "Bangil", "35.14.14.1014", {}},
        NameCase{"Kel. Kalirejo", "Bangil", "35.14.14.1014", {}},
        NameCase{"Wonorejo", "", "", {"VILLAGE_AMBIGUOUS"}},
        NameCase{"Wonorejo", "Lumbang", "35.14.04.2001", {}},
        NameCase{"Tampung", "Lekok", "35.14.22.2006", {}},
        // In the regency, but not in the district given.
        NameCase{"Lebakrejo", "Bangil", "", {"VILLAGE_NOT_IN_DISTRICT"}},
        // Unknown.
        NameCase{"Atlantis", "", "", {"VILLAGE_UNKNOWN"}},
        NameCase{"Atlantis", "Purwodadi", "", {"VILLAGE_UNKNOWN"}},
        NameCase{"Atlantis", "Narnia", "", {"DISTRICT_UNKNOWN", "VILLAGE_UNKNOWN"}},
        // District unknown but the village is unique in the regency: used, with a warning.
        NameCase{"Lebakrejo", "Narnia", "35.14.01.2003", {"DISTRICT_UNKNOWN"}},
        // A village of another regency named with its district (Kab. Malang's Lawang).
        NameCase{"Kalirejo", "Lawang", "", {"VILLAGE_OUTSIDE_REGENCY"}},
        // Blank village: nothing to report here (REQUIRED_MISSING is the validator's).
        NameCase{"", "", "", {}}, NameCase{"", "Narnia", "", {"DISTRICT_UNKNOWN"}}));

TEST(RegionResolver, AmbiguityListsEveryCandidate) {
  RegionResolver resolver(Index(), "35.14");
  const auto& r = resolver.ResolveNames("Kalirejo", "");
  const auto expected = Index().FindByName("35.14", domain::RegionLevel::kVillage, "Kalirejo");
  ASSERT_GE(expected.size(), 2u);
  ASSERT_EQ(r.candidates.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.candidates[i], expected[i]);
    EXPECT_NE(r.findings[0].message.find(expected[i]->code), std::string::npos)
        << r.findings[0].message;
  }
}

TEST(RegionResolver, OutsideRegencyNamesTheOtherRegency) {
  RegionResolver resolver(Index(), "35.14");
  const auto& r = resolver.ResolveNames("Kalirejo", "Lawang");
  ASSERT_FALSE(r.candidates.empty());
  const auto path = Index().Path(r.candidates[0]->code);
  ASSERT_GE(path.size(), 2u);
  EXPECT_NE(path[1]->code, "35.14");
  EXPECT_NE(r.findings[0].message.find(path[1]->name), std::string::npos) << r.findings[0].message;
}

struct CodeCase {
  std::string text, code, finding;
};
class ResolveCodeTest : public testing::TestWithParam<CodeCase> {};
TEST_P(ResolveCodeTest, Pasuruan) {
  const auto& c = GetParam();
  RegionResolver resolver(Index(), "35.14");
  const auto& r = resolver.ResolveCode(c.text);
  EXPECT_EQ(r.village ? r.village->code : "", c.code) << c.text;
  EXPECT_EQ(r.findings.empty() ? "" : std::string(r.findings[0].code), c.finding) << c.text;
}
INSTANTIATE_TEST_SUITE_P(
    Codes, ResolveCodeTest,
    testing::Values(CodeCase{"35.14.01.2003", "35.14.01.2003", ""},
                    CodeCase{"3514012003", "35.14.01.2003", ""},
                    CodeCase{" '3514012003 ", "35.14.01.2003", ""},
                    CodeCase{"35.75.01.1001", "", "VILLAGE_OUTSIDE_REGENCY"},  // Kota Pasuruan
                    CodeCase{"35.14.01.9999", "", "VILLAGE_UNKNOWN"},
                    CodeCase{"35.14.01", "", "VILLAGE_UNKNOWN"},  // a district, not a village
                    CodeCase{"abc", "", "VILLAGE_UNKNOWN"}, CodeCase{"", "", ""}));

TEST(RegionResolver, CachesDistinctLookups) {
  RegionResolver resolver(Index(), "35.14");
  const VillageResolution* first = &resolver.ResolveNames("Lebakrejo", "Purwodadi");
  for (int i = 0; i < 1000; ++i) resolver.ResolveNames("Lebakrejo", "Purwodadi");
  EXPECT_EQ(&resolver.ResolveNames("Lebakrejo", "Purwodadi"), first);
  resolver.ResolveCode("35.14.01.2003");
  EXPECT_EQ(resolver.cache_size(), 2u);
}

}  // namespace
}  // namespace jaring::intake
