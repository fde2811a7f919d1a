#include "policy/internal/fmt.hpp"

namespace jaring::policy::internal {

std::string FmtJoin(std::string_view pattern, const std::string* args, std::size_t count) {
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      JARING_ASSERT(used < count, "Fmt: more {} than arguments");
      out += args[used++];
      ++i;
    } else {
      out += pattern[i];
    }
  }
  JARING_ASSERT(used == count, "Fmt: more arguments than {}");
  return out;
}

}  // namespace jaring::policy::internal
