#include "domain/occupation.hpp"

#include <array>
#include <string>

namespace jaring::domain {
namespace {

// docs/domain.md "Workers": the occupations named in the seeds, plus "lainnya".
constexpr std::array<Occupation, 11> kOccupations = {{
    {"petani", "Petani", "Farmer", false},
    {"buruh_tani", "Buruh tani", "Farm labourer", false},
    {"petani_tembakau", "Petani tembakau", "Tobacco farmer", true},
    {"buruh_tani_tembakau", "Buruh tani tembakau", "Tobacco farm labourer", true},
    {"buruh_pabrik_rokok", "Buruh pabrik rokok", "Cigarette factory worker", true},
    {"nelayan", "Nelayan", "Fisher", false},
    {"pedagang_kecil", "Pedagang kecil", "Small trader", false},
    {"tukang_becak", "Tukang becak", "Pedicab driver", false},
    {"tukang_batu", "Tukang batu", "Mason", false},
    {"ojek", "Ojek", "Motorcycle taxi driver", false},
    {"lainnya", "Pekerja informal lainnya", "Other informal worker", false},
}};

// Loose spellings seen in village lists, already in key form (see Key below).
struct Alias {
  std::string_view key;
  std::string_view code;
};
constexpr std::array<Alias, 12> kAliases = {{
    {"tukangojek", "ojek"},
    {"pengojek", "ojek"},
    {"pedagang", "pedagang_kecil"},
    {"petanipekebun", "petani"},
    {"pekebun", "petani"},
    {"pekebuntembakau", "petani_tembakau"},
    {"buruhpabrikrokok", "buruh_pabrik_rokok"},
    {"buruhrokok", "buruh_pabrik_rokok"},
    {"buruhharianlepas", "lainnya"},
    {"fisherman", "nelayan"},
    {"becak", "tukang_becak"},
    {"lainlain", "lainnya"},
}};

// Lower-case with ' ', '_', '-', '/', '.' removed.
std::string Key(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c == ' ' || c == '_' || c == '-' || c == '/' || c == '.' || c == '\t') continue;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

}  // namespace

std::span<const Occupation> AllOccupations() { return kOccupations; }

const Occupation* FindOccupation(std::string_view code) {
  for (const auto& occupation : kOccupations) {
    if (occupation.code == code) return &occupation;
  }
  return nullptr;
}

const Occupation* MatchOccupation(std::string_view text) {
  const std::string key = Key(text);
  if (key.empty()) return nullptr;
  for (const auto& occupation : kOccupations) {
    if (Key(occupation.code) == key || Key(occupation.label_id) == key ||
        Key(occupation.label_en) == key) {
      return &occupation;
    }
  }
  for (const auto& alias : kAliases) {
    if (alias.key == key) return FindOccupation(alias.code);
  }
  return nullptr;
}

}  // namespace jaring::domain
