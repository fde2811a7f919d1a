#include "auth/roles.hpp"

#include <algorithm>
#include <bitset>
#include <initializer_list>

#include "domain/region.hpp"

namespace jaring::auth {
namespace {

using enum Permission;

// THE role -> permission table. Reasons, row by row:
// - Administrators manage accounts and oversee (audit trail, unmask on request), but do not
//   enter or decide on data themselves: separation of duties keeps every change attributable
//   to the role meant to make it.
// - Operators type and import NIKs, so they see them unmasked; they also produce the lists
//   villages check on the ground (export).
// - Verifikator compare records with civil-registry extracts, so they see NIKs; they decide,
//   but do not edit the records they decide on.
// - The BPJS officer needs NIKs to enrol and the enrolment file is an export of persons.
// - Pimpinan see aggregates and masked lists, never a full NIK, and change nothing.
// - Auditors read everything of their scope; a NIK only by unmasking one record, which leaves
//   a trace in the very trail they audit. They export nothing.
// - Programs (issue 13) are the regency's budget decisions, not personal data: its
//   administrator records them, and the operator who types the DPA and the PAK decree may too.
//   Everyone of the regency sees them (view_dashboard: money, no persons).
// - Rule versions are national law shared by every regency in the database: only the
//   province's administrator adds them, never one regency for the others.
struct RoleRow {
  Role role;
  std::initializer_list<Permission> permissions;
};
const RoleRow kRolePermissions[] = {
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

using PermissionSet = std::bitset<kAllPermissions.size()>;

// The table above as one bitset per role, built once.
const std::array<PermissionSet, kAllRoles.size()>& Table() {
  static const auto table = [] {
    std::array<PermissionSet, kAllRoles.size()> sets{};
    for (const RoleRow& row : kRolePermissions) {
      for (const Permission p : row.permissions)
        sets[static_cast<std::size_t>(row.role)].set(static_cast<std::size_t>(p));
    }
    return sets;
  }();
  return table;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsRegencyShape(std::string_view code) {
  return code.size() == 5 && IsDigit(code[0]) && IsDigit(code[1]) && code[2] == '.' &&
         IsDigit(code[3]) && IsDigit(code[4]);
}
bool IsProvinceShape(std::string_view code) {
  return code.size() == 2 && IsDigit(code[0]) && IsDigit(code[1]);
}

}  // namespace

std::string_view RoleCode(Role role) {
  switch (role) {
    case Role::kAdminProvinsi:
      return "admin_provinsi";
    case Role::kAdminDaerah:
      return "admin_daerah";
    case Role::kOperator:
      return "operator";
    case Role::kVerifikator:
      return "verifikator";
    case Role::kBpjs:
      return "bpjs";
    case Role::kPimpinan:
      return "pimpinan";
    case Role::kAuditor:
      return "auditor";
  }
  return "";
}

std::optional<Role> RoleFromCode(std::string_view code) {
  for (const Role role : kAllRoles) {
    if (RoleCode(role) == code) return role;
  }
  return std::nullopt;
}

std::string_view RoleDisplayName(Role role) {
  switch (role) {
    case Role::kAdminProvinsi:
      return "Admin Provinsi";
    case Role::kAdminDaerah:
      return "Admin Daerah";
    case Role::kOperator:
      return "Operator";
    case Role::kVerifikator:
      return "Verifikator";
    case Role::kBpjs:
      return "Petugas BPJS";
    case Role::kPimpinan:
      return "Pimpinan";
    case Role::kAuditor:
      return "Auditor";
  }
  return "";
}

std::string_view RoleEnglishName(Role role) {
  switch (role) {
    case Role::kAdminProvinsi:
      return "Provincial administrator";
    case Role::kAdminDaerah:
      return "Regency administrator";
    case Role::kOperator:
      return "Data operator";
    case Role::kVerifikator:
      return "Verifier";
    case Role::kBpjs:
      return "BPJS branch officer";
    case Role::kPimpinan:
      return "Regional leadership";
    case Role::kAuditor:
      return "Auditor";
  }
  return "";
}

std::string_view PermissionCode(Permission permission) {
  switch (permission) {
    case kViewDashboard:
      return "view_dashboard";
    case kViewReports:
      return "view_reports";
    case kViewWorkers:
      return "view_workers";
    case kViewWorkerNik:
      return "view_worker_nik";
    case kUnmaskNik:
      return "unmask_nik";
    case kEditWorkers:
      return "edit_workers";
    case kImport:
      return "import";
    case kDecide:
      return "decide";
    case kManageEnrolment:
      return "manage_enrolment";
    case kManageClaims:
      return "manage_claims";
    case kExportPersonalData:
      return "export_personal_data";
    case kManageUsers:
      return "manage_users";
    case kViewAudit:
      return "view_audit";
    case kManagePrograms:
      return "manage_programs";
    case kManagePolicy:
      return "manage_policy";
    case kDecideClaims:
      return "decide_claims";
    case kManageTargets:
      return "manage_targets";
  }
  return "";
}

std::optional<Permission> PermissionFromCode(std::string_view code) {
  for (const Permission p : kAllPermissions) {
    if (PermissionCode(p) == code) return p;
  }
  return std::nullopt;
}

bool RoleHas(Role role, Permission permission) {
  return Table()[static_cast<std::size_t>(role)].test(static_cast<std::size_t>(permission));
}

std::vector<Permission> PermissionsOf(Role role) {
  std::vector<Permission> out;
  for (const Permission p : kAllPermissions) {
    if (RoleHas(role, p)) out.push_back(p);
  }
  return out;
}

Result<Scope> Scope::Parse(std::string_view code, const domain::RegionIndex& regions) {
  if (!IsProvinceShape(code) && !IsRegencyShape(code)) {
    return Fail(Error::InvalidArgument(
        "Cakupan harus kode provinsi (mis. \"35\") atau kabupaten/kota (mis. \"35.14\").",
        "scope code is neither NN nor NN.NN"));
  }
  if (!regions.Exists(code)) {
    return Fail(Error::NotFound("Kode wilayah " + std::string(code) + " tidak dikenal.",
                                "scope code not in the region index"));
  }
  return Scope(std::string(code));
}

Result<Scope> Scope::FromStored(std::string_view code) {
  if (!IsProvinceShape(code) && !IsRegencyShape(code)) {
    return Fail(Error::InvalidArgument("Cakupan peran tidak sah.",
                                       "stored scope code is neither NN nor NN.NN"));
  }
  return Scope(std::string(code));
}

Scope Scope::Unchecked(std::string_view code) {
  JARING_ASSERT(IsProvinceShape(code) || IsRegencyShape(code),
                "a scope is a province (NN) or regency (NN.NN) code");
  return Scope(std::string(code));
}

bool Scope::Covers(std::string_view regency_code) const {
  if (!IsRegencyShape(regency_code)) return false;
  return is_province() ? regency_code.substr(0, 2) == code_ : regency_code == code_;
}

bool Scope::Contains(const Scope& other) const {
  return is_province() ? other.province_code() == code_ : other.code_ == code_;
}

Result<Grant> MakeGrant(Role role, std::string_view scope_code,
                        const domain::RegionIndex& regions) {
  auto scope = Scope::Parse(scope_code, regions);
  if (!scope) return Fail(std::move(scope.error()));
  if (role == Role::kAdminProvinsi && !scope->is_province()) {
    return Fail(Error::InvalidArgument("Admin Provinsi harus berlaku untuk satu provinsi.",
                                       "admin_provinsi needs a province scope"));
  }
  if (role == Role::kAdminDaerah && scope->is_province()) {
    return Fail(Error::InvalidArgument("Admin Daerah harus berlaku untuk satu kabupaten/kota.",
                                       "admin_daerah needs a regency scope"));
  }
  return Grant{role, std::move(*scope)};
}

bool Allows(const Principal& principal, Permission permission, std::string_view regency_code) {
  return std::ranges::any_of(principal.grants, [&](const Grant& g) {
    return RoleHas(g.role, permission) && g.scope.Covers(regency_code);
  });
}

bool AllowsAnywhere(const Principal& principal, Permission permission) {
  return std::ranges::any_of(principal.grants,
                             [&](const Grant& g) { return RoleHas(g.role, permission); });
}

namespace {

template <typename GrantFilter>
std::vector<std::string> Regencies(const Principal& principal, const domain::RegionIndex& regions,
                                   GrantFilter&& use) {
  std::vector<std::string> out;
  for (const Grant& g : principal.grants) {
    if (!use(g)) continue;
    if (g.scope.is_province()) {
      for (const domain::Region& r : regions.Children(g.scope.code())) out.push_back(r.code);
    } else if (regions.Exists(g.scope.code())) {
      out.push_back(g.scope.code());
    }
  }
  std::ranges::sort(out);
  out.erase(std::ranges::unique(out).begin(), out.end());
  return out;
}

}  // namespace

std::vector<std::string> VisibleRegencies(const Principal& principal,
                                          const domain::RegionIndex& regions,
                                          Permission permission) {
  return Regencies(principal, regions,
                   [permission](const Grant& g) { return RoleHas(g.role, permission); });
}

std::vector<std::string> VisibleRegencies(const Principal& principal,
                                          const domain::RegionIndex& regions) {
  return Regencies(principal, regions, [](const Grant&) { return true; });
}

bool MayAssign(const Principal& actor, const Grant& grant) {
  return std::ranges::any_of(actor.grants, [&](const Grant& g) {
    return RoleHas(g.role, kManageUsers) && g.scope.Contains(grant.scope);
  });
}

AccessDecision Authorize(const RoutePolicy& policy, const Principal* principal,
                         std::optional<std::string_view> regency_code) {
  if (policy.access == RoutePolicy::Access::kPublic) return AccessDecision::kAllow;
  if (principal == nullptr) return AccessDecision::kUnauthenticated;
  if (policy.access == RoutePolicy::Access::kSignedIn) return AccessDecision::kAllow;
  // Someone who may not do this anywhere is refused before any question about the request.
  if (!AllowsAnywhere(*principal, policy.permission)) return AccessDecision::kForbidden;
  if (!policy.regency_scoped) return AccessDecision::kAllow;
  if (!regency_code.has_value() || regency_code->empty()) return AccessDecision::kMissingRegency;
  return Allows(*principal, policy.permission, *regency_code) ? AccessDecision::kAllow
                                                              : AccessDecision::kForbidden;
}

}  // namespace jaring::auth
