#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "auth/sodium.hpp"

namespace jaring::auth {
namespace {

static_assert(PasswordHashOptions{}.opslimit == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
static_assert(PasswordHashOptions{}.memlimit == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
static_assert(PasswordHashOptions::Moderate().opslimit == crypto_pwhash_argon2id_OPSLIMIT_MODERATE);
static_assert(PasswordHashOptions::Moderate().memlimit == crypto_pwhash_argon2id_MEMLIMIT_MODERATE);
static_assert(PasswordHashOptions::ForTests().opslimit == crypto_pwhash_argon2id_OPSLIMIT_MIN);
static_assert(PasswordHashOptions::ForTests().memlimit == crypto_pwhash_argon2id_MEMLIMIT_MIN);

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// The most common passwords of public breach corpora (SecLists top lists) plus the Indonesian
// favourites, lower case. Only entries of 10 or more characters matter under the default
// policy, but shorter classics stay so that a lowered min_length is still guarded.
constexpr std::string_view kCommonPasswords[] = {
    "0123456789",    "0987654321",
    "1111111111",    "1122334455",
    "1234567890",    "12345678910",
    "123123123123",  "123456789",
    "12345678",      "1q2w3e4r5t",
    "1qaz2wsx3edc",  "a123456789",
    "aa12345678",    "abc1234567",
    "abcd123456",    "abcdefghij",
    "admin12345",    "admin123456",
    "administrator", "alhamdulillah",
    "asdfghjkl1",    "bismillah",
    "bismillah1",    "bismillah123",
    "bpjs123456",    "bpjsketenagakerjaan",
    "changeme123",   "dragon1234",
    "football123",   "garuda123",
    "iloveyou",      "iloveyou123",
    "indonesia",     "indonesia1",
    "indonesia123",  "indonesia45",
    "jakarta123",    "jaring12345",
    "jaringjaring",  "katasandi",
    "katasandi123",  "letmein123",
    "merdeka1945",   "merdeka45",
    "michael123",    "monkey12345",
    "pancasila",     "pancasila45",
    "passw0rd123",   "password",
    "password1",     "password12",
    "password123",   "password1234",
    "p@ssw0rd",      "p@ssw0rd123",
    "princess123",   "qwerty",
    "qwerty12345",   "qwerty123456",
    "qwertyuiop",    "rahasia123",
    "rahasiaku",     "sayang",
    "sayangku123",   "selamatdatang",
    "sunshine123",   "superman123",
    "surabaya123",   "welcome123",
    "welcome1234",   "zxcvbnm123",
};

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimSpaces(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Code points of (possibly malformed) UTF-8: every byte that is not a continuation byte.
std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, const PasswordHashOptions& options) {
  internal::EnsureSodium();
  if (password.size() > kMaxPasswordBytes) {
    return Fail(Error::InvalidArgument("Kata sandi terlalu panjang.",
                                       "password longer than kMaxPasswordBytes"));
  }
  if (options.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      options.opslimit > crypto_pwhash_argon2id_OPSLIMIT_MAX ||
      options.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
      options.memlimit > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
    return Fail(Error::InvalidArgument("Pengaturan hash kata sandi tidak sah.",
                                       "argon2id opslimit/memlimit outside libsodium's range"));
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), options.opslimit,
                            options.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Fail(Error::Unavailable("Server kehabisan memori; coba lagi.",
                                   "crypto_pwhash_str_alg failed (out of memory)"));
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  internal::EnsureSodium();
  // The C API wants a NUL-terminated hash; an embedded NUL would truncate it, so refuse one.
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES ||
      encoded_hash.find('\0') != std::string_view::npos || password.size() > kMaxPasswordBytes) {
    return false;
  }
  const std::string hash(encoded_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void SimulatePasswordCheck(std::string_view password, const PasswordHashOptions& options) {
  // Hashing costs what verifying costs at the same limits: both run argon2id once.
  const auto ignored = HashPassword(password.substr(0, kMaxPasswordBytes), options);
  static_cast<void>(ignored);
}

bool NeedsRehash(std::string_view encoded_hash, const PasswordHashOptions& options) {
  internal::EnsureSodium();
  // crypto_pwhash_str_needs_rehash accepts argon2i hashes too; we want argon2id only.
  if (!encoded_hash.starts_with(kArgon2idPrefix) ||
      encoded_hash.find('\0') != std::string_view::npos) {
    return true;
  }
  const std::string hash(encoded_hash);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), options.opslimit, options.memlimit) != 0;
}

std::string_view PasswordIssueCode(PasswordIssue issue) {
  switch (issue) {
    case PasswordIssue::kTooShort:
      return "PASSWORD_TOO_SHORT";
    case PasswordIssue::kTooLong:
      return "PASSWORD_TOO_LONG";
    case PasswordIssue::kAllDigits:
      return "PASSWORD_ALL_DIGITS";
    case PasswordIssue::kEqualsUsername:
      return "PASSWORD_EQUALS_USERNAME";
    case PasswordIssue::kTooCommon:
      return "PASSWORD_TOO_COMMON";
  }
  return "PASSWORD_INVALID";
}

std::string_view PasswordIssueMessage(PasswordIssue issue) {
  switch (issue) {
    case PasswordIssue::kTooShort:
      return "Kata sandi terlalu pendek.";
    case PasswordIssue::kTooLong:
      return "Kata sandi terlalu panjang.";
    case PasswordIssue::kAllDigits:
      return "Kata sandi tidak boleh hanya berisi angka (misalnya NIK, nomor HP atau tanggal).";
    case PasswordIssue::kEqualsUsername:
      return "Kata sandi tidak boleh sama dengan nama pengguna.";
    case PasswordIssue::kTooCommon:
      return "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain.";
  }
  return "Kata sandi tidak memenuhi ketentuan.";
}

bool IsCommonPassword(std::string_view password) {
  const std::string lower = AsciiLower(password);
  return std::ranges::find(kCommonPasswords, lower) != std::end(kCommonPasswords);
}

std::vector<PasswordIssue> CheckPasswordPolicy(std::string_view password, std::string_view username,
                                               const PasswordPolicy& policy) {
  std::vector<PasswordIssue> issues;
  if (CodePoints(password) < policy.min_length) issues.push_back(PasswordIssue::kTooShort);
  if (password.size() > kMaxPasswordBytes) issues.push_back(PasswordIssue::kTooLong);
  if (!password.empty() &&
      std::ranges::all_of(password, [](char c) { return c >= '0' && c <= '9'; })) {
    issues.push_back(PasswordIssue::kAllDigits);
  }
  const std::string_view user = TrimSpaces(username);
  if (!user.empty() && AsciiLower(TrimSpaces(password)) == AsciiLower(user)) {
    issues.push_back(PasswordIssue::kEqualsUsername);
  }
  if (IsCommonPassword(password)) issues.push_back(PasswordIssue::kTooCommon);
  return issues;
}

Status ValidatePassword(std::string_view password, std::string_view username,
                        const PasswordPolicy& policy) {
  const auto issues = CheckPasswordPolicy(password, username, policy);
  if (issues.empty()) return {};
  std::string message;
  std::string details;
  for (const PasswordIssue issue : issues) {
    if (!message.empty()) message += ' ';
    if (issue == PasswordIssue::kTooShort) {
      message += "Kata sandi minimal " + std::to_string(policy.min_length) + " karakter.";
    } else {
      message += PasswordIssueMessage(issue);
    }
    if (!details.empty()) details += ',';
    details += PasswordIssueCode(issue);
  }
  return Fail(Error::InvalidArgument(std::move(message), std::move(details)));
}

}  // namespace jaring::auth
