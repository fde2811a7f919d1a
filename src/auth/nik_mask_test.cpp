#include "auth/nik_mask.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace jaring::auth {
namespace {

struct MaskCase {
  const char* input;
  const char* masked;
};
class MaskNikTest : public ::testing::TestWithParam<MaskCase> {};

TEST_P(MaskNikTest, Masks) {
  const auto& c = GetParam();
  EXPECT_EQ(MaskNik(c.input), c.masked) << "[" << c.input << "]";
}

// Only the province and regency (the first four digits, which the regency's own pages name
// anyway) stay: the district, the birth date (day + 40 for women) and the serial are hidden, so
// that nothing shown beside the mask (sex, birth year, village) completes it.
INSTANTIATE_TEST_SUITE_P(
    Table, MaskNikTest,
    ::testing::Values(
        MaskCase{"3514010101900001", "3514************"},     // the example
        MaskCase{"3514014507850002", "3514************"},     // a woman's NIK, same shape
        MaskCase{" 3514010101900001\t", "3514************"},  // outer whitespace dropped
        MaskCase{"35140101019000012", "3514*************"},   // 17 digits: still 4
        MaskCase{"351401010190000123456", "3514*****************"},
        MaskCase{"351401010190", "351*********"},  // 12: 3
        MaskCase{"35140101", "35******"},          // 8: 2
        MaskCase{"3514010", "3******"},            // 7: 1
        MaskCase{"3514", "3***"},                  // 4: 1
        MaskCase{"351", "***"},                    // 3 or fewer: nothing shown
        MaskCase{"3", "*"}, MaskCase{"", ""}, MaskCase{"   ", ""},
        MaskCase{"3.51401E+15", "3.*********"},              // spreadsheet damage, 11 chars: 2
        MaskCase{"35 14 01 01 01 90", "35 1*************"},  // inner spaces count
        MaskCase{"ÄÖÜ4010101900001", "ÄÖÜ4************"},    // never splits a code point
        MaskCase{"NIKÉÉÉÉÉÉÉÉÉ", "NIK*********"}));          // 12 code points: 3

TEST(MaskNikTest, ShowsAtMostTheFirstQuarter) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string input;
    for (std::size_t i = 0; i < n; ++i) input += static_cast<char>('0' + i % 10);
    const std::string masked = MaskNik(input);
    ASSERT_EQ(masked.size(), n);
    const std::size_t shown = std::min<std::size_t>(4, n / 4);
    EXPECT_EQ(masked.substr(0, shown), input.substr(0, shown)) << n;
    EXPECT_EQ(masked.substr(shown), std::string(n - shown, '*')) << n;
  }
}

// Free text (a search term, a row's cells) that holds a NIK: each run of 15 or more digits is
// masked as a NIK, shorter numbers (phones, counts, dates) stay.
TEST(MaskNikRunsTest, MasksNikLikeRunsOnly) {
  EXPECT_EQ(MaskNikRuns("3514015705800001"), "3514************");
  EXPECT_EQ(MaskNikRuns("cari 3514015705800001, 3514015705800002!"),
            "cari 3514************, 3514************!");
  EXPECT_EQ(MaskNikRuns("351401570580001"), "351************");  // 15 digits: a NIK missing one
  EXPECT_EQ(MaskNikRuns("+6281234567890 (13 digit), 2026-11-23, 12345678901234"),
            "+6281234567890 (13 digit), 2026-11-23, 12345678901234");
  EXPECT_EQ(MaskNikRuns(""), "");
}

TEST(NikVisibilityTest, FollowsRolesAndScope) {
  const auto principal = [](Role role, const char* scope) {
    return Principal{1, "u", {Grant{role, Scope::Unchecked(scope)}}};
  };
  struct Case {
    Role role;
    NikVisibility home;  // in 35.14, the grant's regency
  };
  const std::vector<Case> cases = {
      {Role::kAdminProvinsi, NikVisibility::kUnmaskable},
      {Role::kAdminDaerah, NikVisibility::kUnmaskable},
      {Role::kOperator, NikVisibility::kFull},
      {Role::kVerifikator, NikVisibility::kFull},
      {Role::kBpjs, NikVisibility::kFull},
      {Role::kPimpinan, NikVisibility::kMasked},
      {Role::kAuditor, NikVisibility::kUnmaskable},
  };
  ASSERT_EQ(cases.size(), kAllRoles.size());
  for (const auto& c : cases) {
    const Principal p = principal(c.role, "35.14");
    EXPECT_EQ(NikVisibilityFor(p, "35.14"), c.home) << RoleCode(c.role);
    EXPECT_EQ(NikVisibilityFor(p, "35.15"), NikVisibility::kNone) << RoleCode(c.role);
    EXPECT_EQ(NikVisibilityFor(principal(c.role, "35"), "35.15"), c.home) << RoleCode(c.role);
    EXPECT_EQ(NikVisibilityFor(principal(c.role, "35"), "33.01"), NikVisibility::kNone);
    EXPECT_EQ(RoleSeesNikUnmasked(c.role), c.home == NikVisibility::kFull) << RoleCode(c.role);
  }
  // The most generous grant covering the regency wins.
  const Principal two{1,
                      "u",
                      {Grant{Role::kPimpinan, Scope::Unchecked("35")},
                       Grant{Role::kOperator, Scope::Unchecked("35.14")}}};
  EXPECT_EQ(NikVisibilityFor(two, "35.14"), NikVisibility::kFull);
  EXPECT_EQ(NikVisibilityFor(two, "35.15"), NikVisibility::kMasked);
  EXPECT_EQ(NikVisibilityFor(Principal{}, "35.14"), NikVisibility::kNone);
}

TEST(NikVisibilityTest, NikForList) {
  const char* nik = "3514010101900001";
  EXPECT_EQ(NikForList(nik, NikVisibility::kFull), nik);
  EXPECT_EQ(NikForList(nik, NikVisibility::kUnmaskable), "3514************");
  EXPECT_EQ(NikForList(nik, NikVisibility::kMasked), "3514************");
  EXPECT_EQ(NikForList(nik, NikVisibility::kNone), "");
}

}  // namespace
}  // namespace jaring::auth
