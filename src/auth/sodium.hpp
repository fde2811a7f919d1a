// Internal to auth: libsodium initialisation and the small encoders every part of the module
// uses. Not part of the public API; include only from src/auth/*.cpp.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace jaring::auth::internal {

// Calls sodium_init() exactly once per process (a function-local static, so concurrent first
// callers wait for the one initialisation). Aborts if libsodium cannot initialise: without a
// working random source no token or password hash may be produced. Cheap after the first call.
void EnsureSodium();

// Lower-case hex of `bytes`.
std::string Hex(std::span<const unsigned char> bytes);

// URL-safe base64 without padding (RFC 4648 §5), as cookies and URLs carry it verbatim.
std::string Base64Url(std::span<const unsigned char> bytes);

// Byte view of a string, for the C APIs.
inline std::span<const unsigned char> Bytes(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

}  // namespace jaring::auth::internal
