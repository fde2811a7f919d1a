// Roles, scopes and permissions: who may do what, for which regency (issue 3, "tenancy").
//
// A person holds one or more Grants; a Grant is a Role held in a Scope, either one regency
// ("35.14", Kabupaten Pasuruan) or a whole province ("35", Jawa Timur). What a role may do is
// one table, kRolePermissions in roles.cpp, and nothing else in the code base decides it:
// Allows() is the only question the other layers ask, and every HTTP route declares a
// RoutePolicy that Authorize() checks before the handler runs.
//
// Tenancy rule: a regency grant covers exactly its regency; a province grant covers every
// regency of its province and nothing outside it. Anything that is not a well-formed regency
// code is covered by nobody (fail closed). All functions are pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace jaring::domain {
class RegionIndex;
}

namespace jaring::auth {

// --- Roles --------------------------------------------------------------------------------

enum class Role {
  kAdminProvinsi,  // admin_provinsi: the province's administrator (accounts, oversight)
  kAdminDaerah,    // admin_daerah: a regency's administrator (accounts, oversight)
  kOperator,       // operator: enters and imports data
  kVerifikator,    // verifikator: approves findings and decisions
  kBpjs,           // bpjs: BPJS branch officer (enrolment files, membership numbers, claims)
  kPimpinan,       // pimpinan: regional head, Sekda, Bappeda: dashboards and reports
  kAuditor,        // auditor: reads everything of its scope, the audit trail included
};

inline constexpr std::array<Role, 7> kAllRoles = {
    Role::kAdminProvinsi, Role::kAdminDaerah, Role::kOperator, Role::kVerifikator,
    Role::kBpjs,          Role::kPimpinan,    Role::kAuditor};

// Stable code for storage, APIs and the CLI: "admin_provinsi", "admin_daerah", "operator",
// "verifikator", "bpjs", "pimpinan", "auditor".
std::string_view RoleCode(Role role);
std::optional<Role> RoleFromCode(std::string_view code);
// The name the UI shows: "Admin Provinsi", "Admin Daerah", "Operator", "Verifikator",
// "Petugas BPJS", "Pimpinan", "Auditor".
std::string_view RoleDisplayName(Role role);
// English, for documentation and logs: "Provincial administrator", ...
std::string_view RoleEnglishName(Role role);

// --- Permissions --------------------------------------------------------------------------

// What a route or a service operation needs. Each is checked for one regency (Allows) or for
// "some regency" followed by filtering to VisibleRegencies (see RoutePolicy).
//
// There is deliberately no "view all regencies" permission: how far a person sees is the
// Scope's business alone, so that one fact is never recorded in two places.
enum class Permission {
  kViewDashboard,       // view_dashboard: aggregate figures (counts, money), no persons
  kViewReports,         // view_reports: aggregate reports and their PDF/XLSX downloads
  kViewWorkers,         // view_workers: read and list persons, NIK masked
  kViewWorkerNik,       // view_worker_nik: see NIKs unmasked in lists and records
  kUnmaskNik,           // unmask_nik: unmask one record's NIK on request (audited)
  kEditWorkers,         // edit_workers: create, update, remove persons
  kImport,              // import: upload village lists and civil-registry extracts
  kDecide,              // decide: approve or reject findings and decisions (verval)
  kManageEnrolment,     // manage_enrolment: BPJS enrolment files, membership numbers
  kManageClaims,        // manage_claims: benefit claims (JKK, JKM)
  kExportPersonalData,  // export_personal_data: download files that contain persons (audited)
  kManageUsers,         // manage_users: create, disable, reset users; issue API tokens
  kViewAudit,           // view_audit: read the audit trail
  kManagePrograms,      // manage_programs: create programs, revise their budgets (issue 13)
  kManagePolicy,        // manage_policy: add rule versions (contribution, terms, benefits, ...)
  kDecideClaims,        // decide_claims: record the branch's approval, rejection or payment of a
                        // claim by hand (an imported branch file needs manage_claims)
  kManageTargets,       // manage_targets: set coverage targets and denominators (issue 16)
};

inline constexpr std::array<Permission, 17> kAllPermissions = {Permission::kViewDashboard,
                                                               Permission::kViewReports,
                                                               Permission::kViewWorkers,
                                                               Permission::kViewWorkerNik,
                                                               Permission::kUnmaskNik,
                                                               Permission::kEditWorkers,
                                                               Permission::kImport,
                                                               Permission::kDecide,
                                                               Permission::kManageEnrolment,
                                                               Permission::kManageClaims,
                                                               Permission::kExportPersonalData,
                                                               Permission::kManageUsers,
                                                               Permission::kViewAudit,
                                                               Permission::kManagePrograms,
                                                               Permission::kManagePolicy,
                                                               Permission::kDecideClaims,
                                                               Permission::kManageTargets};

// Stable snake_case code, e.g. "view_worker_nik" (for the front end to hide what it may not
// offer; the server still checks).
std::string_view PermissionCode(Permission permission);
std::optional<Permission> PermissionFromCode(std::string_view code);

// The one role -> permission table.
bool RoleHas(Role role, Permission permission);
// The permissions of `role` in kAllPermissions order.
std::vector<Permission> PermissionsOf(Role role);

// --- Scopes and grants --------------------------------------------------------------------

// Where a grant holds: one regency or one whole province. A value type; construct through
// Parse (new grants: checked against the region master data), FromStored (rows read back) or
// Unchecked (literals in code and tests).
class Scope {
 public:
  // "35" (a province) or "35.14" (a regency) that exists in `regions`. InvalidArgument for any
  // other shape (a district, a village, "3514", ""), NotFound for a well-formed unknown code.
  static Result<Scope> Parse(std::string_view code, const domain::RegionIndex& regions);
  // Shape-checked only (province or regency form), for codes read back from storage, which
  // validated them on the way in: InvalidArgument for another shape. A scope whose code no
  // longer exists simply covers no real regency.
  static Result<Scope> FromStored(std::string_view code);
  // For code literals and tests: aborts on another shape, which is a bug.
  static Scope Unchecked(std::string_view code);

  const std::string& code() const { return code_; }
  bool is_province() const { return code_.size() == 2; }
  // "35" for both "35" and "35.14".
  std::string_view province_code() const { return std::string_view(code_).substr(0, 2); }

  // True when `regency_code` is a well-formed regency code ("NN.NN") inside this scope:
  // equal to a regency scope, or under a province scope. False for anything else, including
  // district and village codes: callers pass the owning regency of a record.
  bool Covers(std::string_view regency_code) const;
  // True when every regency of `other` is covered: the same scope, or `other` is a regency of
  // this province.
  bool Contains(const Scope& other) const;

  friend bool operator==(const Scope&, const Scope&) = default;
  friend auto operator<=>(const Scope&, const Scope&) = default;

 private:
  explicit Scope(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

// A role held in a scope. Not default-constructible: a grant without a scope must not exist.
struct Grant {
  Role role;
  Scope scope;

  friend bool operator==(const Grant&, const Grant&) = default;
};

// A checked grant: `scope_code` must Parse, and the role must fit its level: admin_provinsi
// only on a province, admin_daerah only on a regency (InvalidArgument otherwise, Indonesian
// message). Other roles may be held on either.
Result<Grant> MakeGrant(Role role, std::string_view scope_code, const domain::RegionIndex& regions);

// Who is asking: a signed-in user or an API token acting for one. A principal with no grants
// may do nothing but what RoutePolicy::SignedIn routes allow (sign out, change password).
struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::vector<Grant> grants;
};

// --- Questions ----------------------------------------------------------------------------

// True when some grant of `principal` has `permission` and covers `regency_code`.
bool Allows(const Principal& principal, Permission permission, std::string_view regency_code);
// True when some grant has `permission`, wherever it holds. Only for deciding whether to show
// a page at all; the data behind it must still be filtered with VisibleRegencies.
bool AllowsAnywhere(const Principal& principal, Permission permission);
// Regency codes (sorted, unique) in which `principal` has `permission`, from `regions`.
// A SQL "regency_code IN (...)" filter is built from this list, never from request input.
std::vector<std::string> VisibleRegencies(const Principal& principal,
                                          const domain::RegionIndex& regions,
                                          Permission permission);
// Regency codes covered by any grant, whatever its role.
std::vector<std::string> VisibleRegencies(const Principal& principal,
                                          const domain::RegionIndex& regions);

// True when `actor` may give someone `grant`: the actor holds kManageUsers in a scope that
// contains the grant's scope. So a regency's admin can never create province-wide accounts or
// accounts of another regency; an admin_provinsi requires a province admin of that province.
bool MayAssign(const Principal& actor, const Grant& grant);

// --- Route policies -----------------------------------------------------------------------

// What every HTTP route declares about its callers. The router refuses to register a route
// without one, and a test walks the route table. Build with the factories, as http/*_routes.cpp
// do (handlers left out):
//
//   router.Add(Method::kGet, "/api/v1/health", "health", RoutePolicy::Public(), ...);
//   router.Add(Method::kPost, "/api/v1/session/password", "session.change_password",
//              RoutePolicy::SignedIn(), ...);
//   router.Add(Method::kGet, "/api/v1/audit", "audit.search",
//              RoutePolicy::Requires(Permission::kViewAudit), ...);
//   router.Add(Method::kGet, "/api/v1/regencies/{code}/workers", "registry.list",
//              RoutePolicy::InRegency(Permission::kViewWorkers), ...);
//
// An InRegency route names its regency in the `{code}` path segment (http::kRegencyParam), the
// only place the router looks; Router::Add asserts that a regency-scoped pattern has it.
struct RoutePolicy {
  enum class Access {
    kPublic,      // anyone, signed in or not (health, sign-in page and request)
    kSignedIn,    // any principal, grants or not (sign out, own password, "who am I")
    kPermission,  // a principal holding `permission` (in the request's regency if scoped)
  };
  Access access = Access::kPermission;
  Permission permission = Permission::kViewDashboard;  // meaningful for kPermission only
  // The request names one regency (its `{code}` path segment, which the router reads) and the
  // permission must hold there. When false, the permission must hold somewhere and the
  // handler filters its data to VisibleRegencies(principal, regions, permission).
  bool regency_scoped = false;

  static constexpr RoutePolicy Public() { return {Access::kPublic, {}, false}; }
  static constexpr RoutePolicy SignedIn() { return {Access::kSignedIn, {}, false}; }
  static constexpr RoutePolicy Requires(Permission p) { return {Access::kPermission, p, false}; }
  static constexpr RoutePolicy InRegency(Permission p) { return {Access::kPermission, p, true}; }

  friend bool operator==(const RoutePolicy&, const RoutePolicy&) = default;
};

enum class AccessDecision {
  kAllow,
  kUnauthenticated,  // 401: no principal, and the route is not public
  kForbidden,        // 403: signed in, but not allowed here
  kMissingRegency,   // 400: a regency-scoped route was called without a regency (by someone
                     // who holds the permission somewhere; others get kForbidden)
};

// The check the HTTP layer runs before every handler. `principal` is nullptr when nobody is
// signed in; `regency_code` is the regency the request names (nullopt when it names none).
//
// Tenancy and error messages: when the regency is not named by the request but found on a
// record (GET /workers/{id}), the handler must answer 404 for a record of a foreign regency,
// exactly as for a missing one, so that no one learns another regency's ids exist.
AccessDecision Authorize(const RoutePolicy& policy, const Principal* principal,
                         std::optional<std::string_view> regency_code);

}  // namespace jaring::auth
