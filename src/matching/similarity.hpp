// String similarity primitives for the comparators: Jaro–Winkler and small-edit tests.
//
// All functions are pure, symmetric in their arguments, allocation-free for strings up to 64
// bytes, and work on bytes (callers pass folded ASCII).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace jaring::matching {

// Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4). Two empty strings: 1.
double JaroWinkler(std::string_view a, std::string_view b);

// How two equal-purpose strings differ at most.
enum class SmallEdit {
  kEqual,
  kOneSubstitution,   // same length, one position differs
  kOneTransposition,  // same length, two adjacent positions swapped
  kOneIndel,          // one character inserted or deleted
  kMore,
};
SmallEdit ClassifyEdit(std::string_view a, std::string_view b);

// Weighted Dice overlap of two sorted, duplicate-free id lists: 2·w(A∩B) / (w(A) + w(B)),
// with weight[id] per id (e.g. inverse document frequency). 0 when both are empty.
double WeightedDice(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                    std::span<const float> weight);

}  // namespace jaring::matching
