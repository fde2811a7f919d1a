// Writes the seed corpus of the card token fuzz target (tests/fuzz/corpus/card_token), or checks
// that a folder holds them:
//   card_token_seeds DIR            write the seeds into DIR
//   card_token_seeds --check DIR    exit 1 unless DIR holds these seeds, byte for byte (other
//                                   files, such as crash reproducers, may sit beside them)
// ctest runs the check, so the committed valid seed stays a token the target's key verifies
// (signing is deterministic: the same key and card give the same bytes). Exit 2 on bad usage.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "card_token_keys.hpp"
#include "cards/token.hpp"

namespace {

using namespace jaring;
namespace fs = std::filesystem;

std::string MustSign(const cards::CardClaims& claims, const cards::SigningKey& key) {
  auto token = cards::Sign(claims, key);
  if (!token) {
    std::fprintf(stderr, "card_token_seeds: %s\n", token.error().message.c_str());
    std::exit(1);
  }
  return *token;
}

std::string Changed(std::string text, std::size_t at) {
  text[at] = text[at] == 'A' ? 'B' : 'A';
  return text;
}

std::vector<std::pair<std::string, std::string>> Seeds() {
  const cards::SigningKey ours = fuzz::OurCardKey(), other = fuzz::OtherCardKey();
  const std::string valid = MustSign(fuzz::SeedCard(), ours);
  const std::size_t dot = valid.find('.');
  cards::CardClaims later = fuzz::SeedCard();
  later.serial = 13;
  later.end_date = "2026-12-31";
  const std::string foreign = MustSign(later, other);
  return {
      {"valid.tok", valid},
      {"truncated-half.tok", valid.substr(0, valid.size() / 2)},
      {"truncated-last.tok", valid.substr(0, valid.size() - 1)},
      {"payload-only.tok", valid.substr(0, dot)},
      {"tampered-payload.tok", Changed(valid, dot / 2)},
      {"tampered-signature.tok", Changed(valid, dot + 10)},
      {"resigned-other-key.tok", valid.substr(0, dot) + foreign.substr(foreign.find('.'))},
      {"other-key.tok", foreign},
      {"padded-base64.tok", valid + "=="},
      {"standard-base64.tok", "YzF8MTJ8MzUuMTR8Qi5TLlcu+/+/.AAAA+/=="},
      {"garbage.tok", "!!!.???"},
      {"two-dots.tok", valid.substr(0, dot) + ".." + valid.substr(dot + 1)},
      {"doubled.tok", valid + valid},
      {"empty.tok", ""},
  };
}

std::string Read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

int main(int argc, char** argv) {
  const bool check = argc == 3 && std::string(argv[1]) == "--check";
  if (argc != 2 && !check) {
    std::fprintf(stderr, "usage: %s [--check] DIR\n", argv[0]);
    return 2;
  }
  const fs::path dir = argv[argc - 1];
  const auto seeds = Seeds();
  if (!check) {
    fs::create_directories(dir);
    for (const auto& [name, bytes] : seeds) std::ofstream(dir / name, std::ios::binary) << bytes;
    std::printf("wrote %zu seeds to %s\n", seeds.size(), dir.c_str());
    return 0;
  }
  int wrong = 0;  // other files (crash reproducers added later) are welcome
  for (const auto& [name, bytes] : seeds) {
    if (!fs::is_regular_file(dir / name) || Read(dir / name) != bytes) {
      std::fprintf(stderr, "card_token_seeds: %s is missing or differs\n", name.c_str());
      ++wrong;
    }
  }
  if (wrong > 0) {
    std::fprintf(stderr, "regenerate: card_token_seeds %s\n", dir.c_str());
    return 1;
  }
  std::printf("%zu seeds as written\n", seeds.size());
  return 0;
}
