#include "auth/nik_mask.hpp"

#include <algorithm>
#include <vector>

namespace jaring::auth {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string MaskNik(std::string_view nik) {
  const std::string_view text = Trim(nik);
  // Byte offset where each code point starts.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsContinuation(text[i]) || i == 0) starts.push_back(i);
  }
  const std::size_t n = starts.size();
  const std::size_t keep = std::min<std::size_t>(4, n / 4);
  std::string out;
  out.reserve(text.size());
  if (keep > 0) out.append(text.substr(0, starts[keep]));
  out.append(n - keep, '*');
  return out;
}

std::string MaskNikRuns(std::string_view text) {
  constexpr std::size_t kNikLike = 15;  // a NIK, or one missing or gaining a digit
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!digit(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && digit(text[end])) ++end;
    const std::string_view run = text.substr(i, end - i);
    out.append(run.size() >= kNikLike ? MaskNik(run) : std::string(run));
    i = end;
  }
  return out;
}

NikVisibility NikVisibilityFor(const Principal& principal, std::string_view regency_code) {
  if (Allows(principal, Permission::kViewWorkerNik, regency_code) &&
      Allows(principal, Permission::kViewWorkers, regency_code)) {
    return NikVisibility::kFull;
  }
  if (!Allows(principal, Permission::kViewWorkers, regency_code)) return NikVisibility::kNone;
  if (Allows(principal, Permission::kUnmaskNik, regency_code)) return NikVisibility::kUnmaskable;
  return NikVisibility::kMasked;
}

bool RoleSeesNikUnmasked(Role role) { return RoleHas(role, Permission::kViewWorkerNik); }

std::string NikForList(std::string_view nik, NikVisibility visibility) {
  switch (visibility) {
    case NikVisibility::kFull:
      return std::string(nik);
    case NikVisibility::kMasked:
    case NikVisibility::kUnmaskable:
      return MaskNik(nik);
    case NikVisibility::kNone:
      return "";
  }
  return "";
}

}  // namespace jaring::auth
