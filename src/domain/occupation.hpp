// Occupation: the informal occupations the programs cover (docs/domain.md "Workers"), as data.
//
// Codes are stable (stored in the registry, sent in APIs); labels are for people. Which of
// them a program accepts is policy (src/policy), not decided here. The DBHCHT rules put the
// tobacco sector first, hence the tobacco_sector flag. The table is static, constant data:
// the returned pointers and spans are valid for the whole program and safe from any thread.
#pragma once

#include <span>
#include <string_view>

namespace jaring::domain {

struct Occupation {
  std::string_view code;        // "buruh_tani_tembakau"
  std::string_view label_id;    // "Buruh tani tembakau"
  std::string_view label_en;    // "Tobacco farm labourer"
  bool tobacco_sector = false;  // tobacco farmers, their labourers, cigarette-factory workers
};

// All occupations in a fixed order (the order of docs/domain.md; "lainnya" last).
std::span<const Occupation> AllOccupations();

// By exact code; nullptr when unknown.
const Occupation* FindOccupation(std::string_view code);

// For imports: the occupation a loosely written code or label names, comparing after ignoring
// case and the characters ' ', '_', '-', '/', '.': "Buruh Tani", "BURUH TANI TEMBAKAU",
// "buruh-tani", "Fisherman" all match. A few common aliases are known as well ("tukang ojek",
// "pedagang", "petani pekebun", "pekebun tembakau"). The whole text must match: "ojek online
// dan petani" matches nothing. nullptr when nothing matches.
const Occupation* MatchOccupation(std::string_view text);

}  // namespace jaring::domain
