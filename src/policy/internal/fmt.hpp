// Fmt("{} bertumpang tindih dengan {}", a, b): "{}" replaced by the arguments in order.
//
// GCC 12 (Debian 12) has no <format>; messages here need only plain substitution of text and
// integers. A count of "{}" that differs from the arguments is a bug (asserted).
#pragma once

#include <array>
#include <concepts>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace jaring::policy::internal {

inline std::string FmtArg(std::string_view text) { return std::string(text); }
template <std::integral T>
requires(!std::same_as<T, bool> && !std::same_as<T, char>) std::string FmtArg(T value) {
  return std::to_string(value);
}

std::string FmtJoin(std::string_view pattern, const std::string* args, std::size_t count);

template <typename... Args>
std::string Fmt(std::string_view pattern, const Args&... args) {
  const std::array<std::string, sizeof...(Args)> texts = {FmtArg(args)...};
  return FmtJoin(pattern, texts.data(), texts.size());
}

}  // namespace jaring::policy::internal
