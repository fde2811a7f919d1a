// Random: a small, seedable, platform-independent generator (SplitMix64 seeding xoshiro256**).
//
// std::uniform_int_distribution differs between standard libraries, so outputs that must be
// reproducible for a seed (demo data, EM start values, sampling) use this class only.
// Not thread-safe: give each thread its own instance (Fork() derives an independent stream).
#pragma once

#include <cstdint>

namespace jaring {

class Random {
 public:
  explicit Random(std::uint64_t seed);

  std::uint64_t Next();
  // Uniform in [0, bound); bound > 0. Lemire's multiply-shift with rejection, unbiased.
  std::uint64_t Below(std::uint64_t bound);
  // Uniform in [lo, hi] inclusive.
  std::int64_t Between(std::int64_t lo, std::int64_t hi);
  // Uniform in [0, 1).
  double Unit();
  // True with probability p.
  bool Chance(double p) { return Unit() < p; }
  // An independent generator derived from this one's next output and a stream number.
  Random Fork(std::uint64_t stream);

 private:
  std::uint64_t s_[4];
};

}  // namespace jaring
