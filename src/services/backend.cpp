#include "services/backend.hpp"

#include "cards/key_file.hpp"
#include "domain/region.hpp"
#include "services/claim_documents.hpp"

namespace jaring::services {

Backend::Backend(std::unique_ptr<storage::Database> db, std::unique_ptr<Clock> clock)
    : db_(std::move(db)), clock_(clock ? std::move(clock) : std::make_unique<SystemClock>()) {}

Backend::~Backend() = default;

Result<MigrationReport> Backend::Migrate() {
  auto applied = db_->Migrate();
  if (!applied) return Fail(applied.error());
  auto all = db_->AppliedMigrations();
  if (!all) return Fail(all.error());
  return MigrationReport{std::move(*applied), all->empty() ? 0 : all->back(),
                         std::string(db_->engine())};
}

Status Backend::EnsureSchema() {
  auto migrated = db_->Migrate();
  if (!migrated) return Fail(migrated.error());
  return {};
}

AuditTrail& Backend::Trail() {
  if (!trail_) trail_.emplace(*clock_);
  return *trail_;
}

Result<auth::ChainReport> Backend::VerifyAudit(std::span<const auth::ChainAnchor> anchors) {
  return Trail().Verify(*db_, anchors);
}

Result<AuditAnchor> Backend::AnchorAudit(std::string database_label) {
  return Trail().Anchor(*db_, std::move(database_label));
}

BackupService& Backend::Backups() {
  if (!backups_) backups_ = std::make_unique<BackupService>(*db_, Trail());
  return *backups_;
}

AccountService& Backend::Accounts() {
  if (!accounts_) {
    accounts_ = std::make_unique<AccountService>(*db_, domain::RegionIndex::Embedded(), *clock_);
  }
  return *accounts_;
}

ImportService& Backend::Imports() {
  if (!imports_) imports_ = std::make_unique<ImportService>(*db_, &Trail(), *clock_);
  return *imports_;
}

RegistryService& Backend::Registry() {
  if (!registry_) {
    registry_ = std::make_unique<RegistryService>(*db_, Trail(), *clock_, RegistrySettings{});
  }
  return *registry_;
}

ExtractService& Backend::Extracts() {
  if (!extracts_) extracts_ = std::make_unique<ExtractService>(*db_, &Trail(), *clock_);
  return *extracts_;
}

VervalService& Backend::Verval() {
  if (!verval_) verval_ = std::make_unique<VervalService>(*db_, &Trail(), *clock_);
  return *verval_;
}

VervalReview& Backend::Review() {
  if (!review_) review_ = std::make_unique<VervalReview>(*db_, &Trail(), *clock_);
  return *review_;
}

PolicyService& Backend::Policies() {
  if (!policies_) policies_ = std::make_unique<PolicyService>(*db_, &Trail());
  return *policies_;
}

ProgramService& Backend::Programs() {
  if (!programs_) programs_ = std::make_unique<ProgramService>(*db_, &Trail(), Policies());
  return *programs_;
}

EnrolmentService& Backend::Enrolment() {
  if (!enrolment_) {
    enrolment_ = std::make_unique<EnrolmentService>(*db_, &Trail(), Policies(), *clock_);
  }
  return *enrolment_;
}

BillService& Backend::Bills() {
  if (!bills_) bills_ = std::make_unique<BillService>(*db_, &Trail(), Policies(), *clock_);
  return *bills_;
}

ReconciliationService& Backend::Reconciliations() {
  if (!reconciliations_) reconciliations_ = std::make_unique<ReconciliationService>(*db_, &Trail());
  return *reconciliations_;
}

PaymentService& Backend::Payments() {
  if (!payments_) payments_ = std::make_unique<PaymentService>(*db_, &Trail(), Policies(), *clock_);
  return *payments_;
}

CardService& Backend::Cards() {
  if (!cards_) {
    cards_ = std::make_unique<CardService>(*db_, &Trail(), *clock_, cards::KeyDirectory());
  }
  return *cards_;
}

ClaimService& Backend::Claims() {
  if (!claims_) {
    claims_ = std::make_unique<ClaimService>(*db_, &Trail(), *clock_, claims::DocumentDirectory());
  }
  return *claims_;
}

MonevService& Backend::Monev() {
  if (!monev_) {
    monev_ = std::make_unique<MonevService>(*db_, domain::RegionIndex::Embedded(), &Trail(),
                                            *clock_, &Claims());
  }
  return *monev_;
}

Settlement& Backend::Settlements() {
  if (!settlements_) settlements_ = std::make_unique<Settlement>(*db_, &Trail(), *clock_);
  return *settlements_;
}

Result<auth::Principal> Backend::PrincipalOf(std::string_view username) {
  auto user = Accounts().FindUser(username, Actor::ForCli("jaring"));
  if (!user) return Fail(std::move(user.error()));
  if (user->disabled) {
    return Fail(Error::PermissionDenied("Akun " + std::string(username) + " nonaktif"));
  }
  return auth::Principal{user->id, user->username, user->grants};
}

Result<Actor> Backend::ActAs(std::string_view username, auth::Permission permission,
                             std::string_view regency_code) {
  auto principal = PrincipalOf(username);
  if (!principal) return Fail(std::move(principal.error()));
  if (!auth::Allows(*principal, permission, regency_code)) {
    return Fail(Error::PermissionDenied("Akun " + std::string(username) + " tidak berwenang (" +
                                        std::string(auth::PermissionCode(permission)) + ") di " +
                                        std::string(regency_code)));
  }
  return Actor::ForPrincipal(*principal, "");
}

Result<Actor> Backend::ActAsAnywhere(std::string_view username, auth::Permission permission) {
  auto principal = PrincipalOf(username);
  if (!principal) return Fail(std::move(principal.error()));
  if (!auth::AllowsAnywhere(*principal, permission)) {
    return Fail(Error::PermissionDenied("Akun " + std::string(username) + " tidak berwenang (" +
                                        std::string(auth::PermissionCode(permission)) + ")"));
  }
  return Actor::ForPrincipal(*principal, "");
}

}  // namespace jaring::services
