// What CardService hands to presenters (CLI, HTTP): cards, the result of checking one, the
// published key, and their JSON (docs/cards.md). A card's status view holds only what a stranger
// holding the card may see: initials, status and period, never a name, NIK or full KPJ.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jaring::services {

struct CardView {
  std::int64_t id = 0;  // the token's serial
  std::string regency_code;
  std::int64_t worker_id = 0, program_id = 0, coverage_id = 0;
  int serial = 0;  // the worker's n-th card under the program
  std::string token;
  std::string issued_at;   // ISO 8601 UTC
  std::string revoked_at;  // "" when not revoked
  std::string revoke_reason;
};

struct IssuedCards {
  std::vector<CardView> cards;
  std::string pdf;           // the cards' PDF (one card, or A4 sheets of ten)
  std::int64_t skipped = 0;  // covered workers left out: dead or removed, cover ended early
};

// The answer of a check: `status` is "valid", "revoked", "expired" or "not_yet_valid".
struct CardStatusView {
  bool valid = false;
  std::string status;
  std::string reason;  // why revoked: "died", "removed", "reissued", "coverage_ended", ...
  std::string initials;
  std::string regency_code;
  std::string program;
  std::string start_date, end_date;  // "YYYY-MM-DD"
  std::string period;                // "September 2025 – Desember 2025"
  std::int64_t serial = 0;
  bool registry_checked = false;  // false: signature and dates only (offline)
};

struct CardKeyView {
  std::string algorithm = "Ed25519";
  std::string public_key;  // standard base64 of the 32 bytes
  std::string key_id;      // cards::KeyId
};

nlohmann::ordered_json ToJson(const CardView& card);
nlohmann::ordered_json ToJson(const CardStatusView& status);
nlohmann::ordered_json ToJson(const CardKeyView& key);

// "berlaku", "dicabut", "kedaluwarsa", "belum berlaku".
std::string CardStatusLabel(std::string_view status);

}  // namespace jaring::services
