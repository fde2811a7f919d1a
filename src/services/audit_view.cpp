#include "services/audit_view.hpp"

#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"

namespace jaring::services {
namespace {

using nlohmann::json;

// Officials think in local days; the audit view's dates are days in WIB (UTC+7), where the
// East-Java regencies are.
constexpr std::chrono::hours kWibOffset{7};

Result<TimePoint> StartOfWibDay(const std::string& text, std::chrono::days plus) {
  auto date = domain::ParseIsoDate(text);
  if (!date) return Fail(Error::InvalidArgument("tanggal harus berbentuk TTTT-BB-HH: " + text));
  return TimePoint(std::chrono::sys_days(*date) + plus - kWibOffset);
}

// True when some view_audit grant of `principal` covers a whole province.
bool SeesProvinceEntries(const auth::Principal& principal) {
  for (const auth::Grant& grant : principal.grants) {
    if (grant.scope.is_province() && auth::RoleHas(grant.role, auth::Permission::kViewAudit)) {
      return true;
    }
  }
  return false;
}

Result<AuditQuery> QueryFor(const auth::Principal& principal, const domain::RegionIndex& regions,
                            const AuditViewParams& params) {
  if (params.limit < 1 || params.limit > 1000) {
    return Fail(Error::InvalidArgument("limit harus antara 1 dan 1000"));
  }
  if (params.before < 0) return Fail(Error::InvalidArgument("before harus angka positif"));
  AuditQuery query;
  query.regency_codes = auth::VisibleRegencies(principal, regions, auth::Permission::kViewAudit);
  query.include_unscoped = SeesProvinceEntries(principal);
  query.actor_username = params.user;
  query.record_type = params.record_type;
  query.record_id = params.record_id;
  if (!params.action.empty()) {
    query.action = auth::AuditActionFromCode(params.action);
    if (!query.action) {
      return Fail(Error::InvalidArgument("jenis tindakan tidak dikenal: " + params.action));
    }
  }
  if (!params.from.empty()) {
    auto from = StartOfWibDay(params.from, std::chrono::days{0});
    if (!from) return Fail(std::move(from.error()));
    query.from = *from;
  }
  if (!params.until.empty()) {
    auto until = StartOfWibDay(params.until, std::chrono::days{1});
    if (!until) return Fail(std::move(until.error()));
    query.until = *until;
  }
  if (query.from && query.until && *query.from >= *query.until) {
    return Fail(Error::InvalidArgument("tanggal awal harus sebelum tanggal akhir"));
  }
  query.before_sequence = params.before;
  query.limit = params.limit;
  return query;
}

}  // namespace

std::string MaskBirthDate(std::string_view date) {
  if (domain::ParseIsoDate(date)) return std::string(date.substr(0, 4)) + "-**-**";
  return std::string(date.size(), '*');
}

namespace {

// Masks `value` in place, at any depth: "nik"/"kk" members as the registry shows them,
// "birth_date" members to their year, and NIK-like digit runs in every other text.
void MaskInPlace(json& value, auth::NikVisibility visibility) {
  if (value.is_string()) {
    value = auth::MaskNikRuns(value.get<std::string>());
  } else if (value.is_array()) {
    for (json& item : value) MaskInPlace(item, visibility);
  } else if (value.is_object()) {
    for (auto& [key, member] : value.items()) {
      if (member.is_string() && (key == "nik" || key == "kk")) {
        member = auth::NikForList(member.get<std::string>(), visibility);
      } else if (member.is_string() && key == "birth_date") {
        if (!member.get<std::string>().empty()) member = MaskBirthDate(member.get<std::string>());
      } else {
        MaskInPlace(member, visibility);
      }
    }
  }
}

}  // namespace

std::string MaskAuditJson(const std::string& text, auth::NikVisibility visibility) {
  if (text.empty() || visibility == auth::NikVisibility::kFull) return text;
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) return "";
  MaskInPlace(value, visibility);
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<AuditViewPage> AuditView::Search(const auth::Principal& principal,
                                        const AuditViewParams& params) const {
  auto query = QueryFor(principal, regions_, params);
  if (!query) return Fail(std::move(query.error()));
  AuditViewPage page;
  if (query->regency_codes.empty() && !query->include_unscoped) return page;
  auto entries = trail_.Search(db_, *query);
  if (!entries) return Fail(std::move(entries.error()));
  page.items.reserve(entries->size());
  for (const auth::AuditEntry& entry : *entries) {
    const auth::NikVisibility visibility = auth::NikVisibilityFor(principal, entry.regency_code);
    page.items.push_back(
        {entry.sequence, domain::FormatIsoTimestamp(entry.at), entry.actor_username,
         entry.remote_address, std::string(auth::AuditActionCode(entry.action)), entry.record_type,
         entry.record_id, entry.regency_code, MaskAuditJson(entry.before_json, visibility),
         MaskAuditJson(entry.after_json, visibility)});
  }
  if (static_cast<int>(page.items.size()) == params.limit && !page.items.empty()) {
    page.next_before = page.items.back().sequence;
  }
  return page;
}

}  // namespace jaring::services
