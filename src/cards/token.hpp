// Card tokens: what a membership card's QR code carries (issue 14, item 4), signed with the
// installation's Ed25519 key (libsodium) so that anyone holding the public key can check a card
// offline, and nobody without the secret key can make one.
//
// A token is "<payload>.<signature>", both base64url without padding; the payload is the UTF-8
// text "c1|serial|regency|initials|program id|program|KPJ masked|start|end|issued" and the
// signature is Ed25519 over "jaring.card.v1\n" + payload (the tag keeps a card signature from
// ever being valid for anything else). It holds what a verifier may see and what the card's
// status needs, never a name, NIK or full KPJ. docs/cards.md describes the format. Pure and
// thread-safe; failures are values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace jaring::cards {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes = 64;
// Longest token Sign accepts to make (a QR code of version 13 at level M holds 331 bytes).
inline constexpr std::size_t kMaxTokenChars = 320;

using PublicKey = std::array<unsigned char, kPublicKeyBytes>;

struct SigningKey {
  PublicKey public_key{};
  std::array<unsigned char, kSecretKeyBytes> secret_key{};  // libsodium's seed + public key
};

// What a card says about itself. Text fields may not contain '|' (Sign refuses them).
struct CardClaims {
  std::int64_t serial = 0;   // the cards table's id: unique in the installation
  std::string regency_code;  // "35.14"
  std::string initials;      // "B.S."
  std::int64_t program_id = 0;
  std::string program;               // a short program name (at most 24 characters)
  std::string kpj_masked;            // "*******1234"
  std::string start_date, end_date;  // "YYYY-MM-DD", both included
  std::string issued_date;           // "YYYY-MM-DD"
  friend bool operator==(const CardClaims&, const CardClaims&) = default;
};

// A fresh key pair from the kernel's random source.
SigningKey NewSigningKey();
// The key pair of a 32-byte seed (what the key file keeps).
SigningKey SigningKeyFromSeed(std::span<const unsigned char, 32> seed);
// The first 8 bytes of BLAKE2b-256 of the public key, in hex: a short name for the key.
std::string KeyId(const PublicKey& key);

// The signed token. InvalidArgument for a field holding '|' or a control character, dates not
// "YYYY-MM-DD", or a token longer than kMaxTokenChars.
Result<std::string> Sign(const CardClaims& claims, const SigningKey& key);

// The claims of a token whose signature `key` verifies. InvalidArgument ("Kartu tidak sah") for
// anything else: bad base64, a truncated, altered or foreign-signed token, a payload that does
// not parse. Never reads anything but its arguments.
Result<CardClaims> Verify(std::string_view token, const PublicKey& key);

// "B.S." for "Budi Santoso": the first letter of each of the first three words, upper case.
std::string Initials(std::string_view name);
// All but the last four characters replaced by '*'.
std::string MaskKpj(std::string_view kpj);

}  // namespace jaring::cards
