#include "auth/roles.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/region.hpp"

namespace jaring::auth {
namespace {

using enum Permission;
const domain::RegionIndex& Regions() { return domain::RegionIndex::Embedded(); }

Principal Holding(std::vector<Grant> grants) { return Principal{7, "budi", std::move(grants)}; }
Grant G(Role role, std::string_view scope) { return Grant{role, Scope::Unchecked(scope)}; }

// The specification of issue 3, written out independently of roles.cpp: a change to the
// role table must change this too, on purpose.
const std::map<Role, std::set<Permission>>& Spec() {
  static const std::map<Role, std::set<Permission>> spec = {
      {Role::kAdminProvinsi,
       {kViewDashboard, kViewReports, kViewWorkers, kUnmaskNik, kManageUsers, kViewAudit,
        kManagePrograms, kManagePolicy, kManageTargets}},
      {Role::kAdminDaerah,
       {kViewDashboard, kViewReports, kViewWorkers, kUnmaskNik, kManageUsers, kViewAudit,
        kManagePrograms, kManageTargets}},
      {Role::kOperator,
       {kViewDashboard, kViewReports, kViewWorkers, kViewWorkerNik, kEditWorkers, kImport,
        kExportPersonalData, kManagePrograms, kManageEnrolment, kManageClaims}},
      {Role::kVerifikator, {kViewDashboard, kViewReports, kViewWorkers, kViewWorkerNik, kDecide}},
      {Role::kBpjs,
       {kViewDashboard, kViewReports, kViewWorkers, kViewWorkerNik, kManageEnrolment, kManageClaims,
        kDecideClaims, kExportPersonalData}},
      {Role::kPimpinan, {kViewDashboard, kViewReports, kViewWorkers}},
      {Role::kAuditor, {kViewDashboard, kViewReports, kViewWorkers, kUnmaskNik, kViewAudit}},
  };
  return spec;
}

TEST(RolesTest, CodesNamesAndRoundTrips) {
  const std::map<Role, std::array<const char*, 3>> names = {
      {Role::kAdminProvinsi, {"admin_provinsi", "Admin Provinsi", "Provincial administrator"}},
      {Role::kAdminDaerah, {"admin_daerah", "Admin Daerah", "Regency administrator"}},
      {Role::kOperator, {"operator", "Operator", "Data operator"}},
      {Role::kVerifikator, {"verifikator", "Verifikator", "Verifier"}},
      {Role::kBpjs, {"bpjs", "Petugas BPJS", "BPJS branch officer"}},
      {Role::kPimpinan, {"pimpinan", "Pimpinan", "Regional leadership"}},
      {Role::kAuditor, {"auditor", "Auditor", "Auditor"}},
  };
  ASSERT_EQ(names.size(), kAllRoles.size());
  for (const Role role : kAllRoles) {
    const auto& n = names.at(role);
    EXPECT_EQ(RoleCode(role), n[0]);
    EXPECT_EQ(RoleDisplayName(role), n[1]);
    EXPECT_EQ(RoleEnglishName(role), n[2]);
    EXPECT_EQ(RoleFromCode(n[0]), role);
  }
  for (const char* bad : {"", "Admin", "ADMIN_DAERAH", "admin daerah", "superuser"}) {
    EXPECT_FALSE(RoleFromCode(bad).has_value()) << bad;
  }
}

TEST(RolesTest, PermissionCodesAreUniqueSnakeCaseAndRoundTrip) {
  std::set<std::string_view> codes;
  for (const Permission p : kAllPermissions) {
    const std::string_view code = PermissionCode(p);
    EXPECT_FALSE(code.empty());
    EXPECT_TRUE(std::ranges::all_of(code, [](char c) {
      return (c >= 'a' && c <= 'z') || c == '_';
    })) << code;
    EXPECT_TRUE(codes.insert(code).second) << code;
    EXPECT_EQ(PermissionFromCode(code), p);
  }
  EXPECT_EQ(PermissionCode(kViewWorkerNik), "view_worker_nik");
  EXPECT_FALSE(PermissionFromCode("view_all").has_value());
}

TEST(RolesTest, RoleTableMatchesSpecification) {
  for (const Role role : kAllRoles) {
    for (const Permission p : kAllPermissions) {
      EXPECT_EQ(RoleHas(role, p), Spec().at(role).contains(p))
          << RoleCode(role) << " / " << PermissionCode(p);
    }
    const auto listed = PermissionsOf(role);
    EXPECT_EQ(std::set<Permission>(listed.begin(), listed.end()), Spec().at(role));
  }
}

TEST(RolesTest, IssueInvariantsHoldInTheTable) {
  // Restating issue 3 in words, so that a table edit that breaks a promise fails here too.
  for (const Permission p : kAllPermissions) {
    const bool changes = p == kEditWorkers || p == kImport || p == kDecide ||
                         p == kManageEnrolment || p == kManageClaims || p == kManageUsers ||
                         p == kExportPersonalData || p == kManagePrograms || p == kManagePolicy ||
                         p == kDecideClaims || p == kManageTargets;
    if (changes) {
      EXPECT_FALSE(RoleHas(Role::kAuditor, p)) << "auditor changes nothing: " << PermissionCode(p);
      EXPECT_FALSE(RoleHas(Role::kPimpinan, p)) << "pimpinan edits no personal data";
    }
  }
  EXPECT_TRUE(RoleHas(Role::kAuditor, kViewAudit));
  EXPECT_FALSE(RoleHas(Role::kPimpinan, kViewWorkerNik));
  for (const Role role : kAllRoles) EXPECT_TRUE(RoleHas(role, kViewDashboard)) << RoleCode(role);
  // Issue 13: a regency's programs are recorded by its administrator or operator; the law's
  // rule versions, shared by every regency, only by the province's administrator.
  for (const Role role : kAllRoles) {
    const bool programs =
        role == Role::kAdminProvinsi || role == Role::kAdminDaerah || role == Role::kOperator;
    EXPECT_EQ(RoleHas(role, kManagePrograms), programs) << RoleCode(role);
    EXPECT_EQ(RoleHas(role, kManagePolicy), role == Role::kAdminProvinsi) << RoleCode(role);
  }
  EXPECT_EQ(PermissionCode(kManagePrograms), "manage_programs");
  EXPECT_EQ(PermissionCode(kManagePolicy), "manage_policy");
}

// --- Scope --------------------------------------------------------------------------------

TEST(ScopeTest, ParseAcceptsExistingProvincesAndRegenciesOnly) {
  const auto province = Scope::Parse("35", Regions());
  ASSERT_TRUE(province.has_value());
  EXPECT_TRUE(province->is_province());
  EXPECT_EQ(province->province_code(), "35");
  const auto regency = Scope::Parse("35.14", Regions());
  ASSERT_TRUE(regency.has_value());
  EXPECT_FALSE(regency->is_province());
  EXPECT_EQ(regency->province_code(), "35");
  EXPECT_EQ(regency->code(), "35.14");

  for (const char* shape : {"", "3", "351", "3514", "35.1", "35.14.01", "35.14.01.2001", "35.",
                            " 35", "35.14 ", "3a", "35-14", "35.1a"}) {
    const auto s = Scope::Parse(shape, Regions());
    ASSERT_FALSE(s.has_value()) << shape;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument) << shape;
  }
  for (const char* unknown : {"00", "99", "35.99", "35.00"}) {
    const auto s = Scope::Parse(unknown, Regions());
    ASSERT_FALSE(s.has_value()) << unknown;
    EXPECT_EQ(s.error().code, ErrorCode::kNotFound) << unknown;
  }
}

TEST(ScopeTest, FromStoredChecksShapeOnly) {
  EXPECT_EQ(Scope::FromStored("35.14")->code(), "35.14");
  EXPECT_TRUE(Scope::FromStored("35")->is_province());
  EXPECT_TRUE(Scope::FromStored("35.99").has_value());  // no index: shape only
  for (const char* bad : {"", "3514", "35.14.01", "x"}) {
    const auto s = Scope::FromStored(bad);
    ASSERT_FALSE(s.has_value()) << bad;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
  }
}

struct CoverCase {
  const char* scope;
  const char* code;
  bool covers;
};
class ScopeCoversTest : public ::testing::TestWithParam<CoverCase> {};
TEST_P(ScopeCoversTest, Covers) {
  const auto& c = GetParam();
  EXPECT_EQ(Scope::Unchecked(c.scope).Covers(c.code), c.covers) << c.scope << " " << c.code;
}
INSTANTIATE_TEST_SUITE_P(
    Table, ScopeCoversTest,
    ::testing::Values(CoverCase{"35.14", "35.14", true}, CoverCase{"35.14", "35.15", false},
                      CoverCase{"35.14", "33.01", false}, CoverCase{"35", "35.14", true},
                      CoverCase{"35", "35.78", true}, CoverCase{"35", "33.01", false},
                      CoverCase{"35", "36.01", false},
                      // Only regency codes are covered: fail closed on anything else.
                      CoverCase{"35", "35", false}, CoverCase{"35.14", "35.14.01", false},
                      CoverCase{"35", "35.14.01.2001", false}, CoverCase{"35.14", "", false},
                      CoverCase{"35.14", "3514", false}, CoverCase{"35", "35.1", false},
                      CoverCase{"35", "35.141", false}, CoverCase{"35.14", "35.14 ", false},
                      CoverCase{"35", "3.514", false}));

TEST(ScopeTest, Contains) {
  EXPECT_TRUE(Scope::Unchecked("35").Contains(Scope::Unchecked("35")));
  EXPECT_TRUE(Scope::Unchecked("35").Contains(Scope::Unchecked("35.14")));
  EXPECT_FALSE(Scope::Unchecked("35").Contains(Scope::Unchecked("33.01")));
  EXPECT_FALSE(Scope::Unchecked("35").Contains(Scope::Unchecked("33")));
  EXPECT_TRUE(Scope::Unchecked("35.14").Contains(Scope::Unchecked("35.14")));
  EXPECT_FALSE(Scope::Unchecked("35.14").Contains(Scope::Unchecked("35")));
  EXPECT_FALSE(Scope::Unchecked("35.14").Contains(Scope::Unchecked("35.15")));
}

TEST(ScopeDeathTest, UncheckedAbortsOnWrongShape) {
  EXPECT_DEATH(Scope::Unchecked("35.14.01"), "province");
  EXPECT_DEATH(Scope::Unchecked(""), "province");
}

TEST(GrantTest, AdminRolesMustFitTheirLevel) {
  EXPECT_TRUE(MakeGrant(Role::kAdminProvinsi, "35", Regions()).has_value());
  EXPECT_TRUE(MakeGrant(Role::kAdminDaerah, "35.14", Regions()).has_value());
  const auto ap = MakeGrant(Role::kAdminProvinsi, "35.14", Regions());
  ASSERT_FALSE(ap.has_value());
  EXPECT_EQ(ap.error().code, ErrorCode::kInvalidArgument);
  const auto ad = MakeGrant(Role::kAdminDaerah, "35", Regions());
  ASSERT_FALSE(ad.has_value());
  EXPECT_EQ(ad.error().code, ErrorCode::kInvalidArgument);
  for (const Role role :
       {Role::kOperator, Role::kVerifikator, Role::kBpjs, Role::kPimpinan, Role::kAuditor}) {
    EXPECT_TRUE(MakeGrant(role, "35", Regions()).has_value()) << RoleCode(role);
    EXPECT_TRUE(MakeGrant(role, "35.14", Regions()).has_value()) << RoleCode(role);
    EXPECT_EQ(MakeGrant(role, "35.99", Regions()).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(MakeGrant(role, "35.14.01", Regions()).error().code, ErrorCode::kInvalidArgument);
  }
  const auto g = MakeGrant(Role::kOperator, "35.14", Regions());
  EXPECT_EQ(*g, G(Role::kOperator, "35.14"));
}

// --- The full matrix: role x permission x place, for regency and province grants ------------

enum class Place { kOwnRegency, kSameProvince, kOtherProvince };
constexpr const char* kHome = "35.14";       // Kabupaten Pasuruan
constexpr const char* kNeighbour = "35.15";  // Kabupaten Sidoarjo, same province
constexpr const char* kElsewhere = "33.01";  // Kabupaten Cilacap, Jawa Tengah
const char* CodeOf(Place p) {
  switch (p) {
    case Place::kOwnRegency:
      return kHome;
    case Place::kSameProvince:
      return kNeighbour;
    case Place::kOtherProvince:
      return kElsewhere;
  }
  return "";
}

struct MatrixCase {
  Role role;
  bool province_grant;
};
class AuthorizationMatrixTest : public ::testing::TestWithParam<MatrixCase> {};

TEST_P(AuthorizationMatrixTest, AllowsExactlyTheTableInsideTheScope) {
  const auto& c = GetParam();
  const Principal principal = Holding({G(c.role, c.province_grant ? "35" : kHome)});
  for (const Permission p : kAllPermissions) {
    for (const Place place : {Place::kOwnRegency, Place::kSameProvince, Place::kOtherProvince}) {
      const bool in_scope =
          place == Place::kOwnRegency || (c.province_grant && place == Place::kSameProvince);
      const bool expected = Spec().at(c.role).contains(p) && in_scope;
      EXPECT_EQ(Allows(principal, p, CodeOf(place)), expected)
          << RoleCode(c.role) << (c.province_grant ? "@35 " : "@35.14 ") << PermissionCode(p)
          << " in " << CodeOf(place);
      // The same answer through a regency-scoped route.
      const AccessDecision route =
          Authorize(RoutePolicy::InRegency(p), &principal, std::string_view(CodeOf(place)));
      EXPECT_EQ(route, expected ? AccessDecision::kAllow : AccessDecision::kForbidden)
          << RoleCode(c.role) << " " << PermissionCode(p) << " in " << CodeOf(place);
      // Nobody is ever allowed through an unscoped check of a malformed regency.
      EXPECT_FALSE(Allows(principal, p, "35.14.01"));
      EXPECT_FALSE(Allows(principal, p, "35"));
      EXPECT_FALSE(Allows(principal, p, ""));
    }
    EXPECT_EQ(AllowsAnywhere(principal, p), Spec().at(c.role).contains(p));
  }
}

std::vector<MatrixCase> AllMatrixCases() {
  std::vector<MatrixCase> cases;
  for (const Role role : kAllRoles) {
    // admin_provinsi exists only on a province, admin_daerah only on a regency (MakeGrant);
    // the matrix still checks both levels for every role, as storage could hold either.
    cases.push_back({role, false});
    cases.push_back({role, true});
  }
  return cases;
}
INSTANTIATE_TEST_SUITE_P(AllRoles, AuthorizationMatrixTest, ::testing::ValuesIn(AllMatrixCases()),
                         [](const auto& info) {
                           return std::string(RoleCode(info.param.role)) +
                                  (info.param.province_grant ? "_province" : "_regency");
                         });

TEST(AllowsTest, NoGrantsAllowNothing) {
  const Principal nobody = Holding({});
  for (const Permission p : kAllPermissions) {
    EXPECT_FALSE(Allows(nobody, p, kHome));
    EXPECT_FALSE(AllowsAnywhere(nobody, p));
  }
}

TEST(AllowsTest, SeveralGrantsCombinePerRegency) {
  // An operator of Pasuruan who audits Sidoarjo: edits only at home, reads the trail only there.
  const Principal p = Holding({G(Role::kOperator, kHome), G(Role::kAuditor, kNeighbour)});
  EXPECT_TRUE(Allows(p, kEditWorkers, kHome));
  EXPECT_FALSE(Allows(p, kEditWorkers, kNeighbour));
  EXPECT_TRUE(Allows(p, kViewAudit, kNeighbour));
  EXPECT_FALSE(Allows(p, kViewAudit, kHome));
  EXPECT_TRUE(Allows(p, kViewWorkerNik, kHome));
  EXPECT_FALSE(Allows(p, kViewWorkerNik, kNeighbour));
  EXPECT_FALSE(Allows(p, kViewWorkers, kElsewhere));
}

TEST(VisibleRegenciesTest, RegencyProvinceAndMixedGrants) {
  const auto& regions = Regions();
  EXPECT_EQ(VisibleRegencies(Holding({G(Role::kOperator, kHome)}), regions),
            std::vector<std::string>{kHome});
  const auto east_java = VisibleRegencies(Holding({G(Role::kAuditor, "35")}), regions);
  EXPECT_EQ(east_java.size(), 38u);  // 29 kabupaten + 9 kota in Jawa Timur
  EXPECT_TRUE(std::ranges::is_sorted(east_java));
  for (const auto& code : east_java) EXPECT_TRUE(code.starts_with("35.")) << code;

  // Union, sorted, without duplicates; filtered by permission.
  const Principal mixed =
      Holding({G(Role::kPimpinan, "35"), G(Role::kOperator, kElsewhere), G(Role::kBpjs, kHome)});
  const auto all = VisibleRegencies(mixed, regions);
  EXPECT_EQ(all.size(), 39u);
  EXPECT_TRUE(std::ranges::is_sorted(all));
  EXPECT_EQ(all.front(), kElsewhere);
  EXPECT_EQ(VisibleRegencies(mixed, regions, kEditWorkers), std::vector<std::string>{kElsewhere});
  EXPECT_EQ(VisibleRegencies(mixed, regions, kViewWorkerNik),
            (std::vector<std::string>{kElsewhere, kHome}));
  EXPECT_EQ(VisibleRegencies(mixed, regions, kViewAudit), std::vector<std::string>{});
  EXPECT_EQ(VisibleRegencies(mixed, regions, kViewReports).size(), 39u);
  // Every listed regency is allowed, every other regency of the country is not.
  for (const domain::Region& r : regions.All(domain::RegionLevel::kRegency)) {
    const bool listed = std::ranges::binary_search(all, r.code);
    EXPECT_EQ(listed, Allows(mixed, kViewDashboard, r.code)) << r.code;
  }
}

TEST(VisibleRegenciesTest, UnknownRegencyScopeShowsNothing) {
  EXPECT_TRUE(VisibleRegencies(Holding({G(Role::kOperator, "35.99")}), Regions()).empty());
  EXPECT_TRUE(VisibleRegencies(Holding({G(Role::kOperator, "99")}), Regions()).empty());
}

TEST(MayAssignTest, ManagersAssignInsideTheirScopeOnly) {
  const Principal province_admin = Holding({G(Role::kAdminProvinsi, "35")});
  const Principal regency_admin = Holding({G(Role::kAdminDaerah, kHome)});
  const Principal auditor = Holding({G(Role::kAuditor, "35")});
  struct Case {
    const Principal* actor;
    Grant grant;
    bool may;
  };
  const std::vector<Case> cases = {
      {&province_admin, G(Role::kAdminProvinsi, "35"), true},
      {&province_admin, G(Role::kAdminDaerah, kHome), true},
      {&province_admin, G(Role::kOperator, kNeighbour), true},
      {&province_admin, G(Role::kAuditor, "35"), true},
      {&province_admin, G(Role::kOperator, kElsewhere), false},
      {&province_admin, G(Role::kAdminProvinsi, "33"), false},
      {&regency_admin, G(Role::kOperator, kHome), true},
      {&regency_admin, G(Role::kAdminDaerah, kHome), true},
      {&regency_admin, G(Role::kOperator, kNeighbour), false},
      {&regency_admin, G(Role::kPimpinan, "35"), false},
      {&regency_admin, G(Role::kAdminProvinsi, "35"), false},
      {&auditor, G(Role::kOperator, kHome), false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(MayAssign(*c.actor, c.grant), c.may)
        << RoleCode(c.actor->grants[0].role) << " assigning " << RoleCode(c.grant.role) << "@"
        << c.grant.scope.code();
  }
}

// --- Route policies -------------------------------------------------------------------------

TEST(AuthorizeTest, PublicSignedInAndUnscopedRoutes) {
  const Principal op = Holding({G(Role::kOperator, kHome)});
  const Principal empty = Holding({});
  EXPECT_EQ(Authorize(RoutePolicy::Public(), nullptr, std::nullopt), AccessDecision::kAllow);
  EXPECT_EQ(Authorize(RoutePolicy::Public(), &op, std::nullopt), AccessDecision::kAllow);
  EXPECT_EQ(Authorize(RoutePolicy::SignedIn(), nullptr, std::nullopt),
            AccessDecision::kUnauthenticated);
  EXPECT_EQ(Authorize(RoutePolicy::SignedIn(), &empty, std::nullopt), AccessDecision::kAllow);
  for (const Permission p : kAllPermissions) {
    EXPECT_EQ(Authorize(RoutePolicy::Requires(p), nullptr, std::nullopt),
              AccessDecision::kUnauthenticated);
    EXPECT_EQ(Authorize(RoutePolicy::InRegency(p), nullptr, kHome),
              AccessDecision::kUnauthenticated);
    EXPECT_EQ(Authorize(RoutePolicy::Requires(p), &empty, std::nullopt),
              AccessDecision::kForbidden);
    EXPECT_EQ(Authorize(RoutePolicy::Requires(p), &op, std::nullopt),
              RoleHas(Role::kOperator, p) ? AccessDecision::kAllow : AccessDecision::kForbidden);
  }
}

TEST(AuthorizeTest, ScopedRouteWithoutRegency) {
  const Principal op = Holding({G(Role::kOperator, kHome)});
  EXPECT_EQ(Authorize(RoutePolicy::InRegency(kEditWorkers), &op, std::nullopt),
            AccessDecision::kMissingRegency);
  EXPECT_EQ(Authorize(RoutePolicy::InRegency(kEditWorkers), &op, std::string_view()),
            AccessDecision::kMissingRegency);
  // Someone without the permission anywhere learns nothing about the route's parameters.
  EXPECT_EQ(Authorize(RoutePolicy::InRegency(kViewAudit), &op, std::nullopt),
            AccessDecision::kForbidden);
}

TEST(RoutePolicyTest, FactoriesSayWhatTheyMean) {
  static_assert(RoutePolicy::Public().access == RoutePolicy::Access::kPublic);
  static_assert(RoutePolicy::SignedIn().access == RoutePolicy::Access::kSignedIn);
  constexpr RoutePolicy scoped = RoutePolicy::InRegency(kImport);
  static_assert(scoped.access == RoutePolicy::Access::kPermission && scoped.regency_scoped &&
                scoped.permission == kImport);
  constexpr RoutePolicy unscoped = RoutePolicy::Requires(kManageUsers);
  static_assert(!unscoped.regency_scoped && unscoped.permission == kManageUsers);
  EXPECT_NE(scoped, RoutePolicy::Requires(kImport));
  // A default-constructed policy is the most closed one, never public.
  EXPECT_EQ(RoutePolicy{}.access, RoutePolicy::Access::kPermission);
}

}  // namespace
}  // namespace jaring::auth
