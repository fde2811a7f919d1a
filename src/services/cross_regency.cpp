#include "services/cross_regency.hpp"

#include <sodium.h>

#include "common/error.hpp"
#include "domain/name_normalize.hpp"

namespace jaring::services {
namespace {

// A NIK as the 16 digits a valid-looking NIK has (region codes are not checked here: the
// registry's import did), or "".
std::string_view SixteenDigits(std::string_view nik) {
  if (nik.size() != 16) return {};
  for (char c : nik) {
    if (c < '0' || c > '9') return {};
  }
  if (nik.ends_with("0000")) return {};  // serial 0000: not a NIK
  return nik;
}

}  // namespace

CrossRegencyIndex::CrossRegencyIndex() {
  JARING_ASSERT(sodium_init() >= 0, "libsodium must start");
  randombytes_buf(key_.data(), key_.size());
}

std::uint64_t CrossRegencyIndex::Hash(std::string_view tag, std::string_view a, std::string_view b,
                                      std::string_view c) const {
  crypto_generichash_state state;
  crypto_generichash_init(&state, key_.data(), key_.size(), 8);
  for (std::string_view part : {tag, a, b, c}) {
    const unsigned char length =
        static_cast<unsigned char>(std::min<std::size_t>(part.size(), 255));
    crypto_generichash_update(&state, &length, 1);  // no two splits of one text collide
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  }
  std::uint64_t out = 0;
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(&out), sizeof out);
  return out;
}

CrossRegencyIndex::Encodings CrossRegencyIndex::Encode(const PersonFields& person) const {
  Encodings e;
  const std::string_view nik = SixteenDigits(person.nik);
  const std::string name_key = domain::NormalizeName(person.name).phonetic;
  e.valid_nik = !nik.empty();
  if (e.valid_nik && !person.birth_date.empty()) e.nik_birth = Hash("nb", nik, person.birth_date);
  if (e.valid_nik && !name_key.empty()) {
    e.nik_name = Hash("nn", nik, name_key);
    e.nik12_name = Hash("n12", nik.substr(0, 12), name_key);
  }
  if (!name_key.empty() && !person.birth_date.empty() && !person.sex.empty()) {
    e.name_birth_sex = Hash("nbs", name_key, person.birth_date, person.sex);
  }
  return e;
}

std::uint16_t CrossRegencyIndex::RegencyIndex(std::string_view code) {
  for (std::size_t i = 0; i < regencies_.size(); ++i) {
    if (regencies_[i] == code) return static_cast<std::uint16_t>(i);
  }
  regencies_.emplace_back(code);
  return static_cast<std::uint16_t>(regencies_.size() - 1);
}

void CrossRegencyIndex::Add(std::string_view regency_code, const PersonFields& person) {
  const std::uint16_t regency = RegencyIndex(regency_code);
  const Encodings e = Encode(person);
  if (e.nik_birth) nik_birth_.emplace(*e.nik_birth, regency);
  if (e.nik_name) nik_name_.emplace(*e.nik_name, regency);
  if (e.nik12_name) nik12_name_.emplace(*e.nik12_name, regency);
  if (e.name_birth_sex) {
    (e.valid_nik ? name_birth_sex_with_nik_ : name_birth_sex_without_nik_)
        .emplace(*e.name_birth_sex, regency);
  }
  ++people_;
}

std::optional<CrossRegencyMatch> CrossRegencyIndex::Find(const PersonFields& person) const {
  const Encodings e = Encode(person);
  auto lookup = [&](const std::unordered_map<std::uint64_t, std::uint16_t>& map,
                    const std::optional<std::uint64_t>& key, int rule,
                    double confidence) -> std::optional<CrossRegencyMatch> {
    if (!key) return std::nullopt;
    const auto it = map.find(*key);
    if (it == map.end()) return std::nullopt;
    return CrossRegencyMatch{regencies_[it->second], rule, confidence};
  };
  if (auto m = lookup(nik_birth_, e.nik_birth, 1, 0.99)) return m;
  if (auto m = lookup(nik_name_, e.nik_name, 2, 0.99)) return m;
  if (auto m = lookup(nik12_name_, e.nik12_name, 3, 0.95)) return m;
  // Rule 4 only where one side lacks a valid NIK: two valid NIKs that differ are two people.
  if (auto m = lookup(name_birth_sex_without_nik_, e.name_birth_sex, 4, 0.90)) return m;
  if (!e.valid_nik) return lookup(name_birth_sex_with_nik_, e.name_birth_sex, 4, 0.90);
  return std::nullopt;
}

}  // namespace jaring::services
