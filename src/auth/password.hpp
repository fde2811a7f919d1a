// Passwords: argon2id hashing and verification (libsodium crypto_pwhash) and the password
// policy officials must meet when they choose one.
//
// A stored hash is libsodium's self-describing string ("$argon2id$v=19$m=65536,t=2,p=1$salt$
// hash"), so the cost it was made with travels with it: raising the cost later only needs
// NeedsRehash() at the next successful sign-in. All functions are thread-safe; libsodium is
// initialised on first use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::auth {

// The cost of one argon2id hash. The defaults are libsodium's INTERACTIVE limits (2 passes over
// 64 MiB): measured 0.25 s per hash or verification on this project's 2-core machine under
// load (less when idle). A sign-in is rare enough to pay that gladly, but each check in flight
// holds 64 MiB: the HTTP layer should bound concurrent password checks (e.g. to the number of
// cores) rather than let a burst of sign-ins exhaust memory. Tests use ForTests() so that a
// hash takes microseconds; never production code.
struct PasswordHashOptions {
  std::uint64_t opslimit = 2;        // crypto_pwhash_OPSLIMIT_INTERACTIVE
  std::size_t memlimit = 64u << 20;  // crypto_pwhash_MEMLIMIT_INTERACTIVE, bytes

  static constexpr PasswordHashOptions Interactive() { return {}; }
  // libsodium's MODERATE limits (3 passes, 256 MiB): for a server with memory to spare.
  static constexpr PasswordHashOptions Moderate() { return {3, 256u << 20}; }
  // The smallest limits libsodium accepts (1 pass, 8 KiB). Never for real accounts.
  static constexpr PasswordHashOptions ForTests() { return {1, 8u << 10}; }
};

// Hashes `password` with argon2id and a fresh random salt. Two calls with the same password
// give different strings. Fails with InvalidArgument when the limits are outside libsodium's
// range or the password is longer than kMaxPasswordBytes, Unavailable when the memory cannot be
// allocated. The password is not checked against the policy here (see CheckPasswordPolicy).
Result<std::string> HashPassword(std::string_view password,
                                 const PasswordHashOptions& options = {});

// True when `password` matches `encoded_hash` (as returned by HashPassword, at any cost).
// False for a wrong password and for a malformed or empty hash, so that a corrupt row can
// never let anyone in. Takes as long as the hash's cost, whatever the outcome.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// Spends the time of one VerifyPassword at `options`' cost and returns nothing. Call it when
// the username does not exist (or the account is disabled), so that the response time does
// not tell an attacker which usernames exist.
void SimulatePasswordCheck(std::string_view password, const PasswordHashOptions& options = {});

// True when `encoded_hash` was not made with argon2id at exactly `options`' limits (or cannot
// be read): after a successful VerifyPassword, hash the password again and store the new hash.
bool NeedsRehash(std::string_view encoded_hash, const PasswordHashOptions& options = {});

// --- Policy -------------------------------------------------------------------------------

// Longer passwords are refused before hashing: argon2 reads the whole password, and nobody
// types a kilobyte. (NIST SP 800-63B asks that at least 64 characters be allowed.)
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Every way a chosen password can fail the policy. CheckPasswordPolicy reports all that apply,
// in this order.
enum class PasswordIssue {
  kTooShort,        // PASSWORD_TOO_SHORT: fewer than min_length characters (code points)
  kTooLong,         // PASSWORD_TOO_LONG: more than kMaxPasswordBytes bytes
  kAllDigits,       // PASSWORD_ALL_DIGITS: only 0-9 (a NIK, a phone number, a birth date)
  kEqualsUsername,  // PASSWORD_EQUALS_USERNAME: the username, ignoring ASCII case and outer spaces
  kTooCommon,       // PASSWORD_TOO_COMMON: in the list of most common passwords (ignoring case)
};

// Stable machine code, e.g. "PASSWORD_TOO_SHORT".
std::string_view PasswordIssueCode(PasswordIssue issue);
// One Indonesian sentence for the person choosing the password.
std::string_view PasswordIssueMessage(PasswordIssue issue);

struct PasswordPolicy {
  std::size_t min_length = 10;  // in Unicode code points, so "rahasiaku✓" counts 10
};

// All issues of `password` for the user `username`; empty when acceptable. Pure.
std::vector<PasswordIssue> CheckPasswordPolicy(std::string_view password, std::string_view username,
                                               const PasswordPolicy& policy = {});

// The same as a Status: InvalidArgument whose message joins the Indonesian sentences and whose
// details list the codes (never the password).
Status ValidatePassword(std::string_view password, std::string_view username,
                        const PasswordPolicy& policy = {});

// True when `password` (ignoring ASCII case) is in the built-in list of the most common
// passwords, Indonesian ones included. Exposed for tests and for a "check as you type" hint.
bool IsCommonPassword(std::string_view password);

}  // namespace jaring::auth
