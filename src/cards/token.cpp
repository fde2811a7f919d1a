#include "cards/token.hpp"

#include <sodium.h>

#include <cctype>
#include <charconv>
#include <vector>

namespace jaring::cards {
namespace {

constexpr std::string_view kVersion = "c1";
constexpr std::string_view kDomainTag = "jaring.card.v1\n";
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr std::size_t kFields = 10;

void EnsureSodium() {
  // sodium_init() is idempotent and thread-safe; -1 means no usable random source.
  static const bool ok = sodium_init() >= 0;
  JARING_ASSERT(ok, "libsodium failed to initialise (no usable random source)");
}

Error NotValid(std::string detail) { return Error::InvalidArgument("Kartu tidak sah", detail); }

std::string Base64Url(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kVariant);
  out.resize(out.size() - 1);
  return out;
}

// Only the base64url alphabet, checked here: libsodium's decoder reads a char as a signed int,
// so a byte 0x80 above '_' or '-' (0xDF, 0xAD) decodes as that character, and a token with such
// a byte in place of one would verify (the fuzz target found it). A token has one spelling.
bool IsBase64Url(std::string_view text) {
  for (const char c : text) {  // explicit ranges: isalnum depends on the locale
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  if (!IsBase64Url(text)) return std::nullopt;
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, kVariant) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string Signed(std::string_view payload) {
  std::string message(kDomainTag);
  message += payload;
  return message;
}

bool IsDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  }
  return true;
}

bool CleanField(std::string_view text) {
  for (const char c : text) {
    if (c == '|' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

std::optional<std::int64_t> Number(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

SigningKey NewSigningKey() {
  EnsureSodium();
  SigningKey key;
  crypto_sign_keypair(key.public_key.data(), key.secret_key.data());
  return key;
}

SigningKey SigningKeyFromSeed(std::span<const unsigned char, 32> seed) {
  EnsureSodium();
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key.data(), key.secret_key.data(), seed.data());
  return key;
}

std::string KeyId(const PublicKey& key) {
  EnsureSodium();
  std::array<unsigned char, 32> hash{};
  crypto_generichash(hash.data(), hash.size(), key.data(), key.size(), nullptr, 0);
  std::string hex(17, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), 8);
  hex.pop_back();
  return hex;
}

Result<std::string> Sign(const CardClaims& c, const SigningKey& key) {
  for (std::string_view field : {std::string_view(c.regency_code), std::string_view(c.initials),
                                 std::string_view(c.program), std::string_view(c.kpj_masked)}) {
    if (!CleanField(field)) {
      return Fail(Error::InvalidArgument("Isi kartu memuat tanda yang tidak diizinkan"));
    }
  }
  if (!IsDate(c.start_date) || !IsDate(c.end_date) || !IsDate(c.issued_date)) {
    return Fail(Error::InvalidArgument("Tanggal kartu harus YYYY-MM-DD"));
  }
  if (c.serial <= 0 || c.program_id <= 0) {
    return Fail(Error::InvalidArgument("Nomor kartu dan program harus positif"));
  }
  EnsureSodium();
  const std::string payload = std::string(kVersion) + "|" + std::to_string(c.serial) + "|" +
                              c.regency_code + "|" + c.initials + "|" +
                              std::to_string(c.program_id) + "|" + c.program + "|" + c.kpj_masked +
                              "|" + c.start_date + "|" + c.end_date + "|" + c.issued_date;
  const std::string message = Signed(payload);
  std::array<unsigned char, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.secret_key.data());
  std::string token =
      Base64Url(reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) + "." +
      Base64Url(signature.data(), signature.size());
  if (token.size() > kMaxTokenChars) {
    return Fail(Error::InvalidArgument("Isi kartu terlalu panjang untuk kode QR"));
  }
  return token;
}

Result<CardClaims> Verify(std::string_view token, const PublicKey& key) {
  EnsureSodium();
  if (token.size() > kMaxTokenChars) return Fail(NotValid("too long"));
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return Fail(NotValid("no signature"));
  const auto payload = FromBase64Url(token.substr(0, dot));
  const auto signature = FromBase64Url(token.substr(dot + 1));
  if (!payload || !signature) return Fail(NotValid("base64"));
  if (signature->size() != crypto_sign_BYTES) return Fail(NotValid("signature length"));
  const std::string message = Signed(*payload);
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                  reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(), key.data()) != 0) {
    return Fail(NotValid("signature"));
  }
  // Signed by the key: the payload is one we made, but parse it as strictly as any input.
  std::vector<std::string_view> fields;
  std::string_view rest = *payload;
  while (true) {
    const auto bar = rest.find('|');
    fields.push_back(rest.substr(0, bar));
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  if (fields.size() != kFields || fields[0] != kVersion) return Fail(NotValid("payload"));
  CardClaims c;
  const auto serial = Number(fields[1]);
  const auto program = Number(fields[4]);
  if (!serial || !program || !IsDate(fields[7]) || !IsDate(fields[8]) || !IsDate(fields[9])) {
    return Fail(NotValid("payload fields"));
  }
  c.serial = *serial;
  c.regency_code = fields[2];
  c.initials = fields[3];
  c.program_id = *program;
  c.program = fields[5];
  c.kpj_masked = fields[6];
  c.start_date = fields[7];
  c.end_date = fields[8];
  c.issued_date = fields[9];
  return c;
}

std::string Initials(std::string_view name) {
  std::string out;
  int words = 0;
  bool in_word = false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    const bool letter = std::isalpha(c) != 0;
    if (letter && !in_word && words < 3) {
      out += static_cast<char>(std::toupper(c));
      out += '.';
      ++words;
    }
    // Only ASCII letters start a word; anything else (spaces, dots, UTF-8 bytes) separates.
    in_word = letter || (in_word && c >= 0x80);
  }
  return out;
}

std::string MaskKpj(std::string_view kpj) {
  if (kpj.size() <= 4) return std::string(kpj);
  return std::string(kpj.size() - 4, '*') + std::string(kpj.substr(kpj.size() - 4));
}

}  // namespace jaring::cards
