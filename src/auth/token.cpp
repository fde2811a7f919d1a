#include "auth/token.hpp"

#include <sodium.h>

#include <array>
#include <vector>

#include "auth/sodium.hpp"
#include "common/error.hpp"

namespace jaring::auth {
namespace {

constexpr std::size_t kApiTokenIdBytes = kApiTokenIdChars / 2;
static_assert(kApiTokenChars == 72);

bool IsLowerHex(std::string_view text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string RandomToken(std::size_t bytes) {
  JARING_ASSERT(bytes >= kTokenBytes, "tokens carry at least 256 bits");
  internal::EnsureSodium();
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  std::string token = internal::Base64Url(buffer);
  sodium_memzero(buffer.data(), buffer.size());
  return token;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool LooksLikeToken(std::string_view token) {
  if (token.size() != kTokenChars) return false;
  internal::EnsureSodium();
  std::array<unsigned char, kTokenBytes + 1> decoded{};
  std::size_t length = 0;
  const char* end = nullptr;
  return sodium_base642bin(decoded.data(), decoded.size(), token.data(), token.size(), nullptr,
                           &length, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0 &&
         end == token.data() + token.size() && length == kTokenBytes;
}

bool IsValidTokenKey(std::string_view key) {
  return key.empty() || (key.size() >= crypto_generichash_KEYBYTES_MIN &&
                         key.size() <= crypto_generichash_KEYBYTES_MAX);
}

IssuedApiToken IssueApiToken(std::string_view key) {
  internal::EnsureSodium();
  std::array<unsigned char, kApiTokenIdBytes> id_bytes{};
  randombytes_buf(id_bytes.data(), id_bytes.size());
  IssuedApiToken token;
  token.id = internal::Hex(id_bytes);
  const std::string secret = RandomToken();
  token.plaintext = std::string(kApiTokenPrefix) + token.id + "_" + secret;
  token.secret_hash = HashTokenSecret(secret, key);
  return token;
}

std::optional<ParsedApiToken> ParseApiToken(std::string_view plaintext) {
  if (plaintext.size() != kApiTokenChars || !plaintext.starts_with(kApiTokenPrefix)) {
    return std::nullopt;
  }
  const std::string_view id = plaintext.substr(kApiTokenPrefix.size(), kApiTokenIdChars);
  const std::size_t separator = kApiTokenPrefix.size() + kApiTokenIdChars;
  const std::string_view secret = plaintext.substr(separator + 1);
  if (plaintext[separator] != '_' || !IsLowerHex(id) || !LooksLikeToken(secret)) {
    return std::nullopt;
  }
  return ParsedApiToken{std::string(id), std::string(secret)};
}

std::string HashTokenSecret(std::string_view secret, std::string_view key) {
  JARING_ASSERT(IsValidTokenKey(key), "token key must be empty or 16..64 bytes");
  internal::EnsureSodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};  // 32 bytes
  const auto in = internal::Bytes(secret);
  const auto k = internal::Bytes(key);
  crypto_generichash(digest.data(), digest.size(), in.data(), in.size(),
                     k.empty() ? nullptr : k.data(), k.size());
  return internal::Hex(digest);
}

bool VerifyTokenSecret(std::string_view secret, std::string_view stored_hash,
                       std::string_view key) {
  return ConstantTimeEquals(HashTokenSecret(secret, key), stored_hash);
}

}  // namespace jaring::auth
