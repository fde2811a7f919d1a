// Backend: one open database and the services that work on it, as a command-line command uses
// them. The composition root (src/app) opens the database and hands it in, so that cli/ reaches
// storage only through services and never names an adapter; commands ask for the service they
// need.
//
//   auto backend = env.open_backend(db_url);           // cli::Environment, filled by main()
//   if (auto ok = (*backend)->EnsureSchema(); !ok) return ok;
//   auto report = (*backend)->Imports().Import(file, request);
//
// Ownership: the Backend owns the database and the clock; services it returns live as long as
// it does. Thread safety: one command's; services are created on first use.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "auth/audit_chain.hpp"
#include "auth/roles.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "services/account_service.hpp"
#include "services/audit_trail.hpp"
#include "services/backup_service.hpp"
#include "services/bill_service.hpp"
#include "services/card_service.hpp"
#include "services/claim_service.hpp"
#include "services/enrolment_service.hpp"
#include "services/extract_service.hpp"
#include "services/import_service.hpp"
#include "services/monev_service.hpp"
#include "services/payment_service.hpp"
#include "services/policy_service.hpp"
#include "services/program_service.hpp"
#include "services/reconciliation_service.hpp"
#include "services/registry_service.hpp"
#include "services/settlement.hpp"
#include "services/verval_review.hpp"
#include "services/verval_service.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct MigrationReport {
  std::vector<int> applied_now;  // versions applied by this call
  int schema_version = 0;        // the newest version now applied
  std::string engine;            // "sqlite" | "postgresql"
};

class Backend {
 public:
  // `clock` null: the system clock.
  explicit Backend(std::unique_ptr<storage::Database> db, std::unique_ptr<Clock> clock = nullptr);
  ~Backend();
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;

  // Applies the migrations the database lacks (a fresh database gets the whole schema).
  Result<MigrationReport> Migrate();
  // Migrate, for commands that only need the schema to be current.
  Status EnsureSchema();

  const Clock& clock() const { return *clock_; }
  AuditTrail& Trail();
  // The whole audit chain checked (auth::ChainReport names the first broken entry), and each
  // of `anchors` (heads kept outside the database) met with its hash.
  Result<auth::ChainReport> VerifyAudit(std::span<const auth::ChainAnchor> anchors = {});
  // The verified head as an anchor for a file outside the database (AuditTrail::Anchor);
  // `database_label` says where it was taken (DatabaseLabel: no password).
  Result<AuditAnchor> AnchorAudit(std::string database_label);
  // Backup of this database, or restore into it (it must be empty).
  BackupService& Backups();
  AccountService& Accounts();
  ImportService& Imports();
  RegistryService& Registry();
  ExtractService& Extracts();
  VervalService& Verval();
  VervalReview& Review();
  Settlement& Settlements();
  PolicyService& Policies();
  ProgramService& Programs();
  EnrolmentService& Enrolment();
  BillService& Bills();
  ReconciliationService& Reconciliations();
  PaymentService& Payments();
  // Membership cards, signed with the key in cards::KeyDirectory().
  CardService& Cards();
  // Death and work-accident claims, their files in claims::DocumentDirectory().
  ClaimService& Claims();
  // Monitoring: coverage, denominators and targets (the embedded region index).
  MonevService& Monev();

  // The actor a command acts as with --as USERNAME: that user's grants, checked for
  // `permission` in `regency_code`. NotFound: no such user; PermissionDenied: disabled, or the
  // permission is not held there.
  Result<Actor> ActAs(std::string_view username, auth::Permission permission,
                      std::string_view regency_code);
  // ActAs for what belongs to no regency (rule versions): `permission` held anywhere.
  Result<Actor> ActAsAnywhere(std::string_view username, auth::Permission permission);

  // For services constructed by a command with settings of its own.
  storage::Database& database() { return *db_; }

 private:
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Clock> clock_;
  std::optional<AuditTrail> trail_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<ImportService> imports_;
  std::unique_ptr<RegistryService> registry_;
  std::unique_ptr<ExtractService> extracts_;
  std::unique_ptr<VervalService> verval_;
  std::unique_ptr<VervalReview> review_;
  std::unique_ptr<Settlement> settlements_;
  std::unique_ptr<PolicyService> policies_;
  std::unique_ptr<ProgramService> programs_;
  std::unique_ptr<EnrolmentService> enrolment_;
  std::unique_ptr<BillService> bills_;
  std::unique_ptr<ReconciliationService> reconciliations_;
  std::unique_ptr<PaymentService> payments_;
  std::unique_ptr<CardService> cards_;
  std::unique_ptr<ClaimService> claims_;
  std::unique_ptr<MonevService> monev_;
  std::unique_ptr<BackupService> backups_;

  // The user's principal, NotFound / PermissionDenied (disabled) as ActAs says.
  Result<auth::Principal> PrincipalOf(std::string_view username);
};

}  // namespace jaring::services
