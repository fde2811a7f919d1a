// Router: maps (method, path pattern) to a handler. Patterns are literal segments and {name}
// placeholders ("/api/v1/regencies/{code}/dashboard").
//
// Routes are registered at start-up and then only read: Dispatch is thread-safe once
// registration is over. A handler returns Result<Response>; a failed Result becomes a
// problem+json response in one place (problem.hpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "http/message.hpp"

namespace jaring::http {

using Handler = std::function<Result<Response>(const Request&)>;

struct Route {
  Method method;
  std::string pattern;
  std::string name;  // stable id for logs and the route table test ("regency.dashboard")
  Handler handler;
};

class Router {
 public:
  void Add(Method method, std::string pattern, std::string name, Handler handler);

  // Finds the route for the request, fills request.path_params and runs the handler.
  // Unknown path -> NotFound; known path with another method -> 405 with an Allow header.
  Response Dispatch(Request& request) const;

  // True when some route's pattern matches the path (any method).
  bool Matches(const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Splits a path into segments; empty segments (double slashes) are kept out.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace jaring::http
