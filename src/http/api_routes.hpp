// The JSON API under /api/v1: routes with their policies, and the mapping of service results
// to JSON.
//
// Handlers are thin: parse the request, call one service, map the result. Errors travel as
// Result and become problem+json in the router (problem.hpp). Who may call each route is
// declared here, beside the route, and enforced by the router (router.hpp).
//
//   GET    /api/v1/health                       Public
//   POST   /api/v1/session                      Public      sign in: {username, password}
//   GET    /api/v1/session                      SignedIn    who am I, CSRF token
//   DELETE /api/v1/session                      SignedIn    sign out
//   POST   /api/v1/session/password             SignedIn    {current_password, new_password}
//   GET    /api/v1/regencies                    SignedIn    only VisibleRegencies(principal)
//   GET    /api/v1/regencies/{code}/dashboard   InRegency(view_dashboard)
//   /api/v1/regencies/{code}/workers...         the registry: see registry_routes.hpp
//   /api/v1/regencies/{code}/imports...         imports: see import_routes.hpp
//   GET    /api/v1/audit                        the audit view: see audit_routes.hpp
//   /api/v1/regencies/{code}/programs...        programs: see program_routes.hpp
//   /api/v1/policy                              rule versions: see program_routes.hpp
//   .../programs/{id}/batches, enrolment-batches, enrolment-answers, workers/{id}/coverage:
//                                               enrolment: see enrolment_routes.hpp
//   /api/v1/card-key, /cek/{token}, .../programs/{id}/cards...: cards: see card_routes.hpp
#pragma once

#include <string>
#include <string_view>

#include "domain/region.hpp"
#include "http/router.hpp"
#include "services/account_service.hpp"
#include "services/dashboard_service.hpp"
#include "services/demo_extracts.hpp"

namespace jaring::services {
class AuditView;
class ImportJobs;
class QuarantineService;
class RegistryService;
class VervalService;
class VervalJobs;
class VervalReview;
class Settlement;
class ExtractService;
class ProgramService;
class EnrolmentService;
class CardService;
class ClaimService;
class MonevService;
class BillService;
class ReconciliationService;
class PaymentService;
class PolicyService;
}  // namespace jaring::services

namespace jaring::http {

// The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over
// TLS (X-Forwarded-Proto: https from the proxy that terminates it) or secure_cookies is set.
inline constexpr std::string_view kSessionCookie = "jaring_session";

struct ApiContext {
  std::string version;
  std::string database_engine;  // "sqlite" | "postgresql"
  const services::DashboardService* dashboard = nullptr;
  services::AccountService* accounts = nullptr;
  const domain::RegionIndex* regions = nullptr;
  bool secure_cookies = false;  // always mark the session cookie Secure
  // Imports through the web (import_routes.hpp); routes answer 503 while these are null.
  services::ImportJobs* import_jobs = nullptr;
  services::QuarantineService* quarantine = nullptr;
  // The registry (registry_routes.hpp); routes answer 503 while it is null.
  services::RegistryService* registry = nullptr;
  // The auditors' view (audit_routes.hpp); the route answers 503 while it is null.
  const services::AuditView* audit_view = nullptr;
  // The monthly verification (verval_routes.hpp); routes answer 503 while these are null.
  services::VervalService* verval = nullptr;
  services::VervalJobs* verval_jobs = nullptr;
  services::VervalReview* review = nullptr;
  services::Settlement* settlement = nullptr;
  services::ExtractService* extracts = nullptr;
  // Programs and rule versions (program_routes.hpp); routes answer 503 while these are null.
  services::ProgramService* programs = nullptr;
  services::PolicyService* policy = nullptr;
  // Enrolment (enrolment_routes.hpp); routes answer 503 while it is null.
  services::EnrolmentService* enrolment = nullptr;
  // Bills, reconciliation with the BPJS invoice, payments and arrears (bill_routes.hpp); routes
  // answer 503 while these are null.
  services::BillService* bills = nullptr;
  services::ReconciliationService* reconciliations = nullptr;
  services::PaymentService* payments = nullptr;
  // Membership cards (card_routes.hpp); routes answer 503 while it is null.
  services::CardService* cards = nullptr;
  // Claims for heirs (claim_routes.hpp); routes answer 503 while it is null.
  services::ClaimService* claims = nullptr;
  // Monitoring: coverage, denominators, targets (monev_routes.hpp); 503 while it is null.
  services::MonevService* monev = nullptr;
  // Demo mode (jaring serve --demo or --demo-story): the demo regencies, the month each one's
  // verval page opens on and its extracts, downloadable to try the verification
  // (GET .../demo-extracts/{kind}); null outside demo mode.
  const services::DemoExtracts* demo = nullptr;
};

// Authenticates a request through the account service: "Authorization: Bearer jrg_..." (an
// API token) when present, else the jaring_session cookie. Unknown, expired or revoked
// credentials are "nobody" (the route's policy then answers 401); storage failures are errors.
Authenticator MakeAuthenticator(services::AccountService& accounts);

// Registers every /api/v1 route on the router. The context must outlive the router.
void AddApiRoutes(Router& router, const ApiContext& context);

}  // namespace jaring::http
