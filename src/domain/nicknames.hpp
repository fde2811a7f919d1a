// Given-name equivalences, for the matching engine's name fields that opt in
// (matching::FieldSpec::nicknames): English nicknames and short forms (Tom = Thomas, Bill =
// William, Peggy = Margaret) and the common forms of the same name in neighbouring languages
// (John = Jean = Johann = Ian). Old lists, church registers and biographical sources write one
// person both ways; no spelling similarity finds "Bill" in "William". The table is general
// knowledge written down once (nicknames.cpp), not fitted to any data set; Indonesian names do
// not use it (the roster spec leaves it off). Pure and thread-safe (the table is built once).
#pragma once

#include <string_view>

namespace jaring::domain {

// True if two different canonical name tokens (CanonicalToken form) are listed as the same
// given name. Symmetric; false for equal tokens (equality is the caller's business).
bool AreNameVariants(std::string_view a, std::string_view b);

// True if one token is a single letter and the other a longer token starting with it ("j" and
// "john"): an initial.
bool IsInitialOf(std::string_view a, std::string_view b);

}  // namespace jaring::domain
