// Fuzz target for the card token parser, cards::Verify (issue 14, "Bad input": a tampered,
// truncated or re-signed token never verifies; entry point LLVMFuzzerTestOneInput).
//
// Beyond "does not crash", on every input:
//  - the input as a token: when it verifies, it is exactly what Sign makes of the claims it
//    verifies to (Ed25519 signing is deterministic, so another accepted spelling of a token, a
//    second base64 form, a malleated signature or trailing bytes, would show here), it does not
//    verify under the other key too, and each of its bytes flipped (every bit) is refused;
//  - the input laid over the valid seed token at an offset its first byte picks (possibly
//    running past the end): the result verifies only when it is that token, byte for byte. This
//    keeps the search next to a valid token, where a parser slip would let a forgery through.
// Keys and the seed card: card_token_keys.hpp; seeds: tests/fuzz/corpus/card_token.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "card_token_keys.hpp"
#include "cards/token.hpp"

namespace {

using namespace jaring;

void Check(bool ok) {
  if (!ok) std::abort();
}

struct Keys {
  cards::SigningKey ours = fuzz::OurCardKey();
  cards::SigningKey other = fuzz::OtherCardKey();
  std::string valid;  // SeedCard() signed with ours
};

const Keys& TheKeys() {
  static const Keys keys = [] {
    Keys k;
    auto token = cards::Sign(fuzz::SeedCard(), k.ours);
    Check(token.has_value());
    k.valid = *token;
    Check(cards::Verify(k.valid, k.ours.public_key).has_value());
    return k;
  }();
  return keys;
}

// A token that verifies under `key` must be the one Sign makes of its claims, and no other
// token that differs from it in one bit may verify.
void CheckAccepted(std::string_view token, const cards::CardClaims& claims,
                   const cards::SigningKey& key) {
  auto again = cards::Sign(claims, key);
  Check(again.has_value() && *again == token);
  std::string flipped(token);
  for (std::size_t i = 0; i < flipped.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      Check(!cards::Verify(flipped, key.public_key).has_value());
      flipped[i] = token[i];
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Keys& keys = TheKeys();
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  auto ours = cards::Verify(input, keys.ours.public_key);
  auto other = cards::Verify(input, keys.other.public_key);
  Check(!(ours && other));
  if (ours) CheckAccepted(input, *ours, keys.ours);
  if (other) CheckAccepted(input, *other, keys.other);

  if (size > 0) {
    std::string near = keys.valid;
    const std::size_t at = data[0] % (near.size() + 1);
    near.replace(at, std::min(size - 1, near.size() - at), input.substr(1));
    auto verified = cards::Verify(near, keys.ours.public_key);
    Check(verified.has_value() == (near == keys.valid));
    if (verified) Check(*verified == fuzz::SeedCard());
  }
  return 0;
}
