// MatchService: the matching engine as a use case. It owns what surrounds one run of the pure
// engine (matching::Dedupe / Link): the records (from CSV files today, from the stored registry
// and the month's extracts for verval), the spec restricted to the columns present, the model
// (given, estimated by EM, or trained from labelled pairs: a verifier's decisions), the run
// itself (dedupe, link, one-to-one) and the clusters of a dedupe. `jaring dedupe` and
// `jaring link` are presenters over MatchFiles; verval calls Dedupe and Link on tables it builds.
//
//   MatchService matching;
//   auto outcome = matching.MatchFiles({.files = {"roster.csv"}, .clusters = true});
//   for (const auto& pair : outcome->result.pairs) ... outcome->left.ids[pair.a] ...
//
// Results are deterministic for the same inputs, spec, model and seed (the engine's promise),
// whatever the number of threads. Thread safety: a MatchService holds only settings; concurrent
// calls share nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "matching/engine.hpp"

namespace jaring::services {

// Progress of a run, from the engine's worker threads (must be thread-safe): `stage` is "read"
// (bytes of the input files), "compare" or "score" (pairs); `advance` is what was done since the
// last call of that stage, out of `total`.
using MatchProgress =
    std::function<void(std::string_view stage, std::uint64_t advance, std::uint64_t total)>;

// How to run the engine, whatever the records come from.
struct MatchRunOptions {
  std::optional<double> threshold;             // overrides the spec's
  int threads = 0;                             // 0 = every core
  bool explain = false;                        // per-pair field levels and weights (MatchResult)
  bool one_to_one = false;                     // link: at most one partner per record on each side
  bool clusters = false;                       // dedupe: also close the pairs into clusters
  std::optional<matching::Model> model;        // use this model instead of estimating one
  std::vector<matching::LabelledPair> labels;  // train the model from these instead of EM
};

// What `jaring dedupe FILE` (one file) or `jaring link LEFT RIGHT` (two) asks for.
struct MatchFilesRequest {
  std::vector<std::filesystem::path> files;  // 1: dedupe; 2: link
  std::string spec_json;                     // empty: the built-in roster spec
  MatchRunOptions run;
};

struct MatchOutcome {
  matching::Spec spec;          // as run: restricted to the columns the inputs have
  matching::RecordTable left;   // the records (dedupe: the only table)
  matching::RecordTable right;  // link: the right table; dedupe: empty
  bool link = false;
  matching::MatchResult result;  // pairs sorted by (a, b), the model, timings
  // Dedupe with run.clusters: for each row of `left`, the smallest row index of its cluster
  // (itself when alone).
  std::vector<std::uint32_t> cluster_of;
};

class MatchService {
 public:
  // Reads the files (CSV, header by exact column names), resolves the spec against their
  // headers, runs. InvalidArgument: a missing file or column, a bad spec, a model that does
  // not fit the spec; the number of files is not 1 or 2.
  Result<MatchOutcome> MatchFiles(const MatchFilesRequest& request,
                                  const MatchProgress& progress = {}) const;

  // Runs on tables already built (verval: the registry and the month's extracts). The spec
  // must name only columns the tables have (RestrictToColumns first).
  Result<MatchOutcome> Dedupe(matching::RecordTable table, const matching::Spec& spec,
                              const MatchRunOptions& run, const MatchProgress& progress = {}) const;
  Result<MatchOutcome> Link(matching::RecordTable left, matching::RecordTable right,
                            const matching::Spec& spec, const MatchRunOptions& run,
                            const MatchProgress& progress = {}) const;

  // The one CSV-to-RecordTable loader: the spec's id column and the columns it reads, found by
  // exact header name; cells past a short row's end are missing (empty). InvalidArgument when
  // the file cannot be read or a column is missing (the message names it and the file).
  static Result<matching::RecordTable> LoadCsv(const std::filesystem::path& file,
                                               const matching::Spec& spec,
                                               const MatchProgress& progress = {});
  static Result<std::vector<std::string>> ReadCsvHeader(const std::filesystem::path& file);

  // The spec to run: `spec_json` (empty: the built-in roster spec) without the fields whose
  // columns some input lacks. The roster, death and membership files share field names, so
  // they link to each other with the one built-in spec.
  static Result<matching::Spec> ResolveSpec(std::string_view spec_json,
                                            const std::vector<std::vector<std::string>>& headers);

  // Labelled pairs from a CSV left_id,right_id,match (match: 1/true/yes = the same person).
  static Result<std::vector<matching::LabelledPair>> LoadLabels(const std::filesystem::path& file);
  // A model saved by SaveModel (matching::Model::ToJson).
  static Result<matching::Model> LoadModel(const std::filesystem::path& file);
  static Status SaveModel(const matching::Model& model, const std::filesystem::path& file);
};

}  // namespace jaring::services
