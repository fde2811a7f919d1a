#include "services/policy_service.hpp"

#include <nlohmann/json.hpp>

#include "policy/defaults.hpp"
#include "policy/policy_file.hpp"

namespace jaring::services {
namespace {

constexpr std::string_view kDefaultsActor = "bawaan";

storage::StoredPolicyVersion Stored(const policy::RuleVersion& version, std::string actor) {
  const policy::PolicyRow row = policy::ToRow(version);
  return {.family = row.family,
          .effective_from = row.effective_from,
          .effective_until = row.effective_until.value_or(""),
          .legal_reference = row.legal_reference,
          .certainty = row.certainty,
          .document = row.document,
          .actor = std::move(actor)};
}

Result<std::vector<policy::RuleVersion>> Defaults() {
  auto versions = policy::ParsePolicyFile(policy::DefaultPolicyJson());
  if (!versions) {
    return Fail(Error::Internal("kebijakan bawaan tidak terbaca", versions.error().message));
  }
  return versions;
}

Status CheckMayManage(const Actor& actor) {
  if (!actor.principal || auth::AllowsAnywhere(*actor.principal, auth::Permission::kManagePolicy)) {
    return {};
  }
  return Fail(Error::PermissionDenied("Hanya admin provinsi yang boleh menambah versi kebijakan",
                                      "manage_policy"));
}

// The audit entry of one stored version: its whole document, and where it came from.
AuditEvent Entry(const Actor& actor, std::int64_t id, const storage::StoredPolicyVersion& row,
                 bool builtin) {
  nlohmann::ordered_json after = {{"family", row.family},
                                  {"effective_from", row.effective_from},
                                  {"source", builtin ? "bawaan" : "berkas"},
                                  {"version", nlohmann::json::parse(row.document)}};
  return AuditEvent::By(actor, auth::AuditAction::kCreate, "policy_version", std::to_string(id), "",
                        "", after.dump());
}

}  // namespace

Result<policy::PolicyBook> BookOf(const std::vector<storage::StoredPolicyVersion>& rows) {
  if (rows.empty()) {
    auto versions = Defaults();
    if (!versions) return Fail(std::move(versions.error()));
    return policy::PolicyBook::Of(std::move(*versions));
  }
  std::vector<policy::RuleVersion> versions;
  versions.reserve(rows.size());
  for (const auto& row : rows) {
    auto version = policy::FromRow({row.family, row.effective_from,
                                    row.effective_until.empty()
                                        ? std::nullopt
                                        : std::optional<std::string>(row.effective_until),
                                    row.legal_reference, row.certainty, row.document});
    if (!version) return Fail(std::move(version.error()));
    versions.push_back(std::move(*version));
  }
  auto book = policy::PolicyBook::Of(std::move(versions));
  if (!book) {
    return Fail(Error::Internal("versi kebijakan yang tersimpan saling tumpang tindih",
                                book.error().message));
  }
  return book;
}

Result<policy::PolicyBook> PolicyService::Book() {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto rows = (*tx)->Policy().List();
  if (!rows) return Fail(std::move(rows.error()));
  return BookOf(*rows);
}

Result<bool> PolicyService::UsesDefaults() {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto rows = (*tx)->Policy().List();
  if (!rows) return Fail(std::move(rows.error()));
  return rows->empty();
}

Result<PolicyAddReport> PolicyService::AddFile(std::string_view text, const Actor& actor) {
  if (auto ok = CheckMayManage(actor); !ok) return Fail(ok.error());
  auto versions = policy::ParsePolicyFile(text);
  if (!versions) return Fail(std::move(versions.error()));
  return AddVersions(std::move(*versions), actor);
}

Result<PolicyAddReport> PolicyService::AddVersions(std::vector<policy::RuleVersion> versions,
                                                   const Actor& actor) {
  if (auto ok = CheckMayManage(actor); !ok) return Fail(ok.error());
  if (versions.empty()) {
    return Fail(Error::InvalidArgument("Berkas kebijakan tidak berisi versi apa pun"));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  storage::PolicyRepository& repo = (*tx)->Policy();
  if (auto locked = repo.Lock(); !locked) return Fail(locked.error());
  auto rows = repo.List();
  if (!rows) return Fail(std::move(rows.error()));
  auto book = BookOf(*rows);
  if (!book) return Fail(std::move(book.error()));

  // Every version against the book as it grows: an overlap with a stored version and one
  // between two versions of the same file are refused alike, before anything is written.
  for (const auto& version : versions) {
    if (auto added = book->Add(version); !added) return Fail(added.error());
  }

  PolicyAddReport report;
  std::vector<AuditEvent> events;
  if (rows->empty()) {
    auto defaults = Defaults();
    if (!defaults) return Fail(std::move(defaults.error()));
    for (const auto& version : *defaults) {
      const auto row = Stored(version, std::string(kDefaultsActor));
      auto id = repo.Insert(row);
      if (!id) return Fail(std::move(id.error()));
      events.push_back(Entry(actor, *id, row, true));
      ++report.defaults_stored;
    }
  }
  for (auto& version : versions) {
    const auto row = Stored(version, actor.name);
    auto id = repo.Insert(row);
    if (!id) return Fail(std::move(id.error()));
    events.push_back(Entry(actor, *id, row, false));
    report.ids.push_back(*id);
    report.added.push_back(std::move(version));
  }
  if (trail_ != nullptr) {
    if (auto ok = trail_->AppendAll(**tx, events); !ok) return Fail(ok.error());
  }
  if (auto committed = (*tx)->Commit(); !committed) return Fail(committed.error());
  return report;
}

Result<std::string> PolicyService::InForceJson(policy::Date date) {
  auto book = Book();
  if (!book) return Fail(std::move(book.error()));
  return policy::WriteInForce(*book, date);
}

}  // namespace jaring::services
