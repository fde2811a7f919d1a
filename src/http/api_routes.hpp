// The JSON API under /api/v1: routes, and the mapping of service results to JSON.
//
// Handlers are thin: parse the request, call one service, map the result. Errors travel as
// Result and become problem+json in the router (problem.hpp).
#pragma once

#include <string>

#include "http/router.hpp"
#include "services/dashboard_service.hpp"

namespace jaring::http {

struct ApiContext {
  std::string version;
  std::string database_engine;  // "sqlite" | "postgresql"
  const services::DashboardService* dashboard = nullptr;
};

// Registers every /api/v1 route on the router. The context must outlive the router.
void AddApiRoutes(Router& router, const ApiContext& context);

}  // namespace jaring::http
