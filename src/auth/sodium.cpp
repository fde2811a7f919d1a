#include "auth/sodium.hpp"

#include <sodium.h>

#include "common/error.hpp"

namespace jaring::auth::internal {

void EnsureSodium() {
  // sodium_init() returns 0 on the first success, 1 when already initialised, -1 on failure.
  static const bool initialised = sodium_init() >= 0;
  JARING_ASSERT(initialised, "libsodium failed to initialise (no usable random source)");
}

std::string Hex(std::span<const unsigned char> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();  // the terminating NUL sodium writes
  return out;
}

std::string Base64Url(std::span<const unsigned char> bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
  out.resize(out.size() - 1);  // ENCODED_LEN counts the terminating NUL
  return out;
}

}  // namespace jaring::auth::internal
