// The fixed test keys and card of the card token fuzz target (card_token_fuzz.cpp) and of its
// seed writer (card_token_seeds.cpp): the seed corpus holds tokens signed with these keys, so
// both must make the same ones. Test material only: no installation ever uses these seeds.
#pragma once

#include <array>

#include "cards/token.hpp"

namespace jaring::fuzz {

// The key the target verifies with ("ours"), and a second one ("another installation's").
inline cards::SigningKey CardTestKey(unsigned char fill) {
  std::array<unsigned char, 32> seed{};
  seed.fill(fill);
  return cards::SigningKeyFromSeed(seed);
}
inline cards::SigningKey OurCardKey() { return CardTestKey(0x4a); }
inline cards::SigningKey OtherCardKey() { return CardTestKey(0x6b); }

// A card as CardService issues them (docs/cards.md "The token").
inline cards::CardClaims SeedCard() {
  return {12,           "35.14",      "B.S.W.",    3, "DBHCHT 2025", "*******4567",
          "2025-09-01", "2025-12-31", "2025-10-02"};
}

}  // namespace jaring::fuzz
