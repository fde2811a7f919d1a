// Fellegi–Sunter scoring: per field and agreement level, m = P(level | same person) and
// u = P(level | different people); a pair's match weight is log2(λ/(1-λ)) + Σ log2(m/u),
// its match probability 1 / (1 + 2^-weight).
//
// Estimation without labels: u from random pairs (what chance agreement looks like), then m
// (and, by default, u among candidate pairs) by expectation–maximisation over the histogram of
// agreement patterns: each distinct pattern is visited once per iteration with its count, so EM
// costs O(distinct patterns), not O(pairs). Optionally m and u from labelled pairs instead.
// Term-frequency adjustment: agreeing on a value of frequency φ adds log2(u_random / φ), so
// "Siti Aminah" = "Siti Aminah" counts less than a rare name.
//
// A Model is a plain value: copyable, thread-safe to read, saved and loaded as JSON.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "matching/features.hpp"
#include "matching/spec.hpp"

namespace jaring::matching {

// An agreement pattern: 4 bits per field (level 0..15), field 0 in the lowest bits.
using Pattern = std::uint64_t;
inline int PatternLevel(Pattern p, std::size_t field) {
  return static_cast<int>((p >> (4 * field)) & 0xf);
}
inline Pattern WithLevel(Pattern p, std::size_t field, int level) {
  return p | (Pattern(level) << (4 * field));
}

// Distinct patterns with their counts, sorted by pattern.
using PatternHistogram = std::vector<std::pair<Pattern, std::uint64_t>>;

struct FieldModel {
  std::string name;
  std::string type;
  std::vector<std::string> labels;  // per level, [0] = "missing"
  std::vector<double> m, u;         // per level; [0] unused (missing has weight 0)
  std::vector<double> u_random;     // per level, as measured on random pairs
  bool tf = false;
  std::string group;            // see FieldSpec::group
  std::vector<double> prior_m;  // per level: m before seeing data (MAP prior for EM)
};

// The m a comparator's levels have before any data (domain knowledge: a true duplicate's NIK
// is rarely more than one typo off). EM adds them as pseudo-counts, so small inputs get sane
// weights and large inputs are decided by their own data.
std::vector<double> PriorM(Comparator comparator, int levels);

struct EmReport {
  int iterations = 0;
  bool converged = false;
  std::size_t distinct_patterns = 0;
  std::uint64_t pairs = 0;
};

class Model {
 public:
  // A model shaped for `spec` over `prepared`, with neutral starting values.
  static Model Initial(const Spec& spec, const Prepared& prepared);

  // u (and u_random) from `pairs` random pairs drawn with `seed`. In link mode (left_rows > 0)
  // pairs are drawn across the two tables. Deterministic for a seed.
  void EstimateU(const Prepared& prepared, std::uint64_t seed, std::size_t pairs,
                 std::size_t left_rows);
  // EM over a pattern histogram. estimate_u: u is re-estimated among candidates as well.
  EmReport RunEm(const PatternHistogram& histogram, bool estimate_u, int max_iterations,
                 bool estimate_m = true);
  // EM for m and λ with u fixed at u_random, on the scale of all pairs: the candidates are
  // `histogram`, drawn by blocking from `total_pairs` possible pairs, and λ is the share of
  // matches among *all* pairs (Splink's "probability two random records match"). Each
  // candidate's posterior is then Bayes' rule with a random pair's prior and random pairs'
  // chance agreement, so what blocking made common among candidates (a shared birth date)
  // is not mistaken for the match class. Pairs outside the candidates count as non-matches.
  EmReport RunEmRandomU(const PatternHistogram& histogram, double total_pairs, int max_iterations);
  // m and u from labelled patterns (true = same person), with add-one smoothing; λ from the
  // labelled share unless `lambda` is given (> 0).
  Status TrainFromLabels(std::span<const std::pair<Pattern, bool>> labelled, double lambda = 0);

  double FieldWeight(std::size_t field, int level) const;  // log2(m/u), 0 for level 0
  double PriorWeight() const;                              // log2(λ/(1-λ))
  // Term-frequency adjustment for agreeing at `level` on a value of frequency `frequency`.
  double TfAdjustment(std::size_t field, int level, double frequency) const;
  // Prior + field weights of a pattern, with grouped fields combined (see FieldSpec::group).
  double PatternWeight(Pattern p) const;
  // Combines per-field weights (index = field) into the pattern's log2 odds without prior.
  double CombineWeights(const double* field_weights) const;
  // Replaces each field's weight by what it contributes after grouping (dropped weights = 0).
  void EffectiveWeights(double* field_weights) const;

  std::string ToJson() const;
  static Result<Model> FromJson(std::string_view text);
  // InvalidArgument unless the model's fields (names, types, level counts) match the spec's.
  Status CheckCompatible(const Spec& spec, const Prepared& prepared) const;

  std::vector<FieldModel> fields;
  // Prior share of matches. With RunEmRandomU: among all pairs (tiny); otherwise among the
  // candidates the model was fitted to.
  double lambda = 0.01;
  double prior_strength = 100;  // pseudo-pairs of PriorM added in each M-step
};

// Agreement pattern of one pair over all prepared fields.
Pattern ComparePair(const Prepared& prepared, std::uint32_t a, std::uint32_t b);

inline double ProbabilityFromWeight(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

}  // namespace jaring::matching
