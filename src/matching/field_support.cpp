#include "matching/internal/field_support.hpp"

#include <charconv>

namespace jaring::matching::internal {

bool SliceTransform(std::string_view transform, std::string_view value, std::string& out) {
  auto number = [&](std::string_view rest, std::size_t& n) {
    auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    return ec == std::errc() && p == rest.data() + rest.size() && n > 0;
  };
  std::size_t n = 0;
  for (std::string_view head : {"prefix", "head"}) {
    if (transform.starts_with(head) && number(transform.substr(head.size()), n)) {
      out = value.size() >= n ? std::string(value.substr(0, n)) : std::string();
      return true;
    }
  }
  for (std::string_view tail : {"suffix", "tail"}) {
    if (transform.starts_with(tail) && number(transform.substr(tail.size()), n)) {
      out = value.size() >= n ? std::string(value.substr(value.size() - n)) : std::string();
      return true;
    }
  }
  return false;
}

}  // namespace jaring::matching::internal
