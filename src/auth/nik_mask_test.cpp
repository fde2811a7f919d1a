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

INSTANTIATE_TEST_SUITE_P(
    Table, MaskNikTest,
    ::testing::Values(
        MaskCase{"3514010101900001", "3514********0001"},     // the example
        MaskCase{"3514014507850002", "3514********0002"},     // a woman's NIK, same shape
        MaskCase{" 3514010101900001\t", "3514********0001"},  // outer whitespace dropped
        MaskCase{"35140101019000012", "3514*********0012"},   // 17 digits: still 4 + 4
        MaskCase{"351401010190000123456", "3514*************3456"},
        MaskCase{"351401010190", "351******190"},  // 12: 3 + 3
        MaskCase{"35140101", "35****01"},          // 8: 2 + 2
        MaskCase{"3514010", "3*****0"},            // 7: 1 + 1
        MaskCase{"3514", "3**4"},                  // 4: 1 + 1
        MaskCase{"351", "***"},                    // 3 or fewer: nothing shown
        MaskCase{"3", "*"}, MaskCase{"", ""}, MaskCase{"   ", ""},
        MaskCase{"3.51401E+15", "3.*******15"},              // spreadsheet damage, 11 chars: 2 + 2
        MaskCase{"35 14 01 01 01 90", "35 1*********1 90"},  // inner spaces count
        MaskCase{"ÄÖÜ4010101900001", "ÄÖÜ4********0001"},    // never splits a code point
        MaskCase{"NIKÉÉÉÉÉÉÉÉÉ", "NIK******ÉÉÉ"}));          // 12 code points: 3 + 3

TEST(MaskNikTest, NeverRevealsMoreThanHalf) {
  for (std::size_t n = 0; n <= 40; ++n) {
    const std::string input(n, '7');
    const std::string masked = MaskNik(input);
    ASSERT_EQ(masked.size(), n);
    const auto stars = static_cast<std::size_t>(std::ranges::count(masked, '*'));
    EXPECT_GE(stars * 2, n) << n;
    EXPECT_GE(stars, n >= 16 ? n - 8 : 0u) << n;  // a full NIK shows 8 digits at most
  }
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
  EXPECT_EQ(NikForList(nik, NikVisibility::kUnmaskable), "3514********0001");
  EXPECT_EQ(NikForList(nik, NikVisibility::kMasked), "3514********0001");
  EXPECT_EQ(NikForList(nik, NikVisibility::kNone), "");
}

}  // namespace
}  // namespace jaring::auth
