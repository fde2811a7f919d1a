// Tokens: unguessable random strings for session ids, CSRF tokens and API tokens, and the
// hashing that lets storage keep API tokens without being able to hand them out again.
//
// Every token carries at least 256 bits from libsodium's randombytes (the kernel CSPRNG) and is
// written in URL-safe base64 without padding, so it can sit in a cookie, a header or a URL as
// is. An API token is shown once, as "jrg_<id>_<secret>": <id> (24 lower-case hex characters)
// finds the row, <secret> (43 base64url characters, 256 bits) proves possession; storage keeps
// only the id and a BLAKE2b-256 hash of the secret. A fast hash is enough (unlike passwords)
// because the secret has 256 bits of entropy: no dictionary to try. All functions are
// thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jaring::auth {

// 32 bytes = 256 bits; the minimum for any token here.
inline constexpr std::size_t kTokenBytes = 32;
// Length of a kTokenBytes token in base64url without padding.
inline constexpr std::size_t kTokenChars = 43;

// `bytes` random bytes (>= kTokenBytes, asserted) as base64url without padding.
std::string RandomToken(std::size_t bytes = kTokenBytes);
// A session id for the session cookie (RandomToken()).
inline std::string NewSessionId() { return RandomToken(); }
// A CSRF token, created with the session and kept beside it (RandomToken()).
inline std::string NewCsrfToken() { return RandomToken(); }

// Compares two secrets in time that depends only on their lengths (sodium_memcmp), so that a
// remote caller cannot learn a stored token byte by byte. Different lengths are unequal.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// True for a string RandomToken(kTokenBytes) could have produced: exactly kTokenChars
// characters that decode as base64url without padding. A cheap check before any lookup.
bool LooksLikeToken(std::string_view token);

// --- API tokens ---------------------------------------------------------------------------

inline constexpr std::string_view kApiTokenPrefix = "jrg_";
inline constexpr std::size_t kApiTokenIdChars = 24;  // 12 random bytes in hex
inline constexpr std::size_t kApiTokenChars =
    kApiTokenPrefix.size() + kApiTokenIdChars + 1 + kTokenChars;  // 72

// The optional server key ("pepper") for HashTokenSecret: empty (unkeyed BLAKE2b) or 16 to 64
// bytes from configuration. With a key, a copy of the database alone cannot even test a
// guessed token offline.
bool IsValidTokenKey(std::string_view key);

// What IssueApiToken returns. `plaintext` is shown to the person once and then forgotten;
// storage keeps `id` (unique) and `secret_hash`.
struct IssuedApiToken {
  std::string id;           // 24 hex characters
  std::string plaintext;    // "jrg_<id>_<secret>", kApiTokenChars long
  std::string secret_hash;  // HashTokenSecret(secret, key): 64 hex characters
};

// A fresh API token. `key` must satisfy IsValidTokenKey (asserted).
IssuedApiToken IssueApiToken(std::string_view key = {});

struct ParsedApiToken {
  std::string id;
  std::string secret;
};
// Splits "jrg_<id>_<secret>" by position (base64url may itself contain '_'). nullopt unless the
// prefix, the lengths, the hex id and the base64url secret are all right.
std::optional<ParsedApiToken> ParseApiToken(std::string_view plaintext);

// BLAKE2b-256 (crypto_generichash) of the secret's text, keyed with `key` when not empty, as
// 64 lower-case hex characters. `key` must satisfy IsValidTokenKey (asserted).
std::string HashTokenSecret(std::string_view secret, std::string_view key = {});

// True when `secret` hashes to `stored_hash` (compared in constant time).
bool VerifyTokenSecret(std::string_view secret, std::string_view stored_hash,
                       std::string_view key = {});

}  // namespace jaring::auth
