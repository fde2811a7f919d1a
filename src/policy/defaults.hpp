// The built-in policy: the default rule versions jaring knows from docs/domain.md, with their
// legal references and uncertain figures flagged.
//
// The data is docs/examples/policy-2025.json, embedded at build time: the file an administrator
// reads as the example is the one the program seeds from, so the two cannot drift apart.
#pragma once

#include <string_view>

namespace jaring::policy {

// The text of docs/examples/policy-2025.json (a policy file, policy_file.hpp).
std::string_view DefaultPolicyJson();

}  // namespace jaring::policy
