#include "formats/file_name.hpp"

#include "formats/encoding.hpp"

namespace jaring::formats {

std::string SafeFileName(std::string_view sent, std::string_view fallback) {
  const auto slash = sent.find_last_of("/\\");
  if (slash != std::string_view::npos) sent.remove_prefix(slash + 1);
  std::string kept;
  for (const char c : sent) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) continue;
    kept += c;
  }
  std::string name = IsValidUtf8(kept) ? std::move(kept) : Windows1252ToUtf8(kept);
  // Windows-1252's five undefined bytes become C1 controls (U+0081..U+009D): drop those too.
  for (std::size_t i = 0; i + 1 < name.size();) {
    const auto lead = static_cast<unsigned char>(name[i]);
    const auto next = static_cast<unsigned char>(name[i + 1]);
    if (lead == 0xc2 && next >= 0x80 && next <= 0x9f) {
      name.erase(i, 2);
    } else {
      ++i;
    }
  }
  const auto first = name.find_first_not_of(". ");
  name.erase(0, first == std::string::npos ? name.size() : first);
  if (name.size() > kMaxFileNameBytes) {
    std::size_t cut = kMaxFileNameBytes;
    // Back up over continuation bytes (10xxxxxx) to the start of the character that is cut.
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xc0) == 0x80) --cut;
    name.resize(cut);
  }
  while (!name.empty() && name.back() == ' ') name.pop_back();
  return name.empty() ? std::string(fallback) : name;
}

}  // namespace jaring::formats
