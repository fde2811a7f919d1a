// The matching engine: find the records that are the same person, inside one list (Dedupe) or
// across two (Link). Pure computation over in-memory records: no files, no database.
//
//   Prepare fields → block (union of rules) → compare pairs into agreement patterns →
//   estimate the model (u from random pairs, m by EM on the pattern histogram) or use a given
//   one → score (Fellegi–Sunter weight + term-frequency adjustment) → keep pairs whose match
//   probability reaches the threshold.
//
// Results are deterministic for the same input, spec and seed, and do not depend on the
// number of threads. Thread-safe: concurrent calls share nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "common/error.hpp"
#include "matching/blocking.hpp"
#include "matching/cluster.hpp"
#include "matching/model.hpp"
#include "matching/records.hpp"
#include "matching/spec.hpp"

namespace jaring::matching {

struct LabelledPair {
  std::string left_id, right_id;
  bool same = false;
};

struct MatchOptions {
  std::optional<double> threshold;  // overrides spec.threshold
  int threads = 0;                  // 0 = every core
  bool explain = false;             // fill MatchResult::levels and ::weights
  // Link only: at most one person per record on each side (OneToOne, with rows of one side
  // that this model judges the same person allowed to share a partner).
  bool one_to_one = false;
  std::optional<Model> model;        // use this model instead of estimating one
  std::vector<LabelledPair> labels;  // if non-empty: train m and u from these instead of EM
  // Called from worker threads (must be thread-safe) as pairs are compared and scored.
  std::function<void(std::string_view stage, std::uint64_t advance, std::uint64_t total)> progress;
};

struct Timings {
  double prepare = 0, blocking = 0, compare = 0, estimate = 0, score = 0;
};

struct MatchResult {
  // Dedupe: a < b are row indices of the table. Link: a is a left row, b a right row.
  // Sorted by (a, b); only pairs with probability >= threshold and not vetoed by a required
  // field (FieldSpec::required).
  std::vector<ScoredPair> pairs;
  Model model;
  EmReport em;
  std::vector<RuleStats> blocking;
  std::uint64_t candidate_pairs = 0;
  double threshold = 0;
  // With explain: per output pair, per field (in model order), level and weight (incl. TF).
  std::vector<std::uint8_t> levels;
  std::vector<float> weights;
  Timings seconds;      // wall clock per stage
  Timings cpu_seconds;  // CPU time of the process per stage (all threads)
};

Result<MatchResult> Dedupe(const RecordTable& table, const Spec& spec, const MatchOptions& options);
Result<MatchResult> Link(const RecordTable& left, const RecordTable& right, const Spec& spec,
                         const MatchOptions& options);

}  // namespace jaring::matching
