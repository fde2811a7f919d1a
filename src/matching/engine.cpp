// Design notes. Dedupe and Link share one pipeline: for Link the two tables are laid end to end
// (left rows first) and blocking proposes only pairs that cross the boundary, so preparation,
// dictionaries and term frequencies are common to both sides. Pairs are compared once: the
// agreement pattern of each candidate is stored (8 bytes), the histogram of patterns feeds EM,
// and scoring reads the stored patterns back, so comparators run once per pair.
#include "matching/engine.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <unordered_map>

#include "matching/features.hpp"

namespace jaring::matching {
namespace {

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}
// CPU time of the whole process (every thread): with other jobs on the machine, wall time says
// little about the engine's own cost.
double CpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

constexpr std::size_t kChunk = 1 << 15;

// Pattern counts of one chunk of pairs: open addressing with linear probing (a chunk holds a
// few hundred distinct patterns; std::unordered_map cost more than some comparisons).
class PatternCounter {
 public:
  void Add(Pattern p) {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = Hash(p) & mask;; i = (i + 1) & mask) {
      if (slots_[i].first == p) {
        ++slots_[i].second;
        return;
      }
      if (slots_[i].first == kEmpty) {
        slots_[i] = {p, 1};
        if (++used_ * 2 > slots_.size()) Grow();
        return;
      }
    }
  }
  template <typename F>
  void ForEach(F&& f) const {
    for (const auto& [p, c] : slots_) {
      if (p != kEmpty) f(p, c);
    }
  }

 private:
  // Levels stay below 8, so a pattern of all ones never occurs.
  static constexpr Pattern kEmpty = ~Pattern{0};
  static std::size_t Hash(Pattern p) { return (p * 0x9e3779b97f4a7c15ull) >> 40; }
  void Grow() {
    std::vector<std::pair<Pattern, std::uint64_t>> old(slots_.size() * 2, {kEmpty, 0});
    old.swap(slots_);
    used_ = 0;
    for (const auto& [p, c] : old) {
      if (p == kEmpty) continue;
      std::size_t mask = slots_.size() - 1;
      std::size_t i = Hash(p) & mask;
      while (slots_[i].first != kEmpty) i = (i + 1) & mask;
      slots_[i] = {p, c};
      ++used_;
    }
  }
  std::vector<std::pair<Pattern, std::uint64_t>> slots_ =
      std::vector<std::pair<Pattern, std::uint64_t>>(1024, {kEmpty, 0});
  std::size_t used_ = 0;
};

double Sum(const double* w, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += w[i];
  return s;
}

// m by EM once per blocking rule, on that rule's pairs with the rule's own fields masked out
// (they agree by construction there, so they say nothing about m), u fixed from random pairs;
// each field's m is the match-weighted mean over the rules that did not mask it. Then λ alone by
// EM over all candidates. This is what keeps EM from "explaining" the blocking rules: the
// pairs of `birth_date+sex` all agree on birth date, and a mixture fitted to them with the
// date visible happily calls that agreement the match class.
EmReport EstimatePerRule(Model& model, const Spec& spec, const std::vector<RuleStats>& rules,
                         std::size_t total_pairs, const std::vector<Pattern>& patterns,
                         const PatternHistogram& all) {
  const std::size_t nf = model.fields.size();
  std::vector<std::vector<double>> m_sum(nf);
  std::vector<double> weight_sum(nf, 0.0);
  for (std::size_t f = 0; f < nf; ++f) m_sum[f].assign(model.fields[f].m.size(), 0.0);
  std::size_t begin = 0;
  double total_matches = 0;
  int iterations = 0;
  bool converged = true;
  for (std::size_t r = 0; r < rules.size() && r < spec.blocking.size(); ++r) {
    std::size_t end = std::min(total_pairs, begin + static_cast<std::size_t>(rules[r].new_pairs));
    Pattern mask = ~Pattern{0};
    std::vector<bool> masked(nf, false);
    for (const auto& k : spec.blocking[r].keys) {
      for (std::size_t f = 0; f < nf; ++f) {
        if (spec.fields[f].name == k.field) {
          masked[f] = true;
          mask &= ~(Pattern{0xf} << (4 * f));
        }
      }
    }
    std::map<Pattern, std::uint64_t> counts;
    for (std::size_t k = begin; k < end; ++k) ++counts[patterns[k] & mask];
    begin = end;
    if (counts.empty()) continue;
    Model session = model;
    PatternHistogram h(counts.begin(), counts.end());
    EmReport rep = session.RunEm(h, /*estimate_u=*/false, spec.max_em_iterations);
    iterations += rep.iterations;
    converged = converged && rep.converged;
    double matches = session.lambda * static_cast<double>(rep.pairs);
    total_matches += matches;
    for (std::size_t f = 0; f < nf; ++f) {
      if (masked[f]) continue;
      for (std::size_t l = 1; l < m_sum[f].size(); ++l)
        m_sum[f][l] += matches * session.fields[f].m[l];
      weight_sum[f] += matches;
    }
  }
  for (std::size_t f = 0; f < nf; ++f) {
    if (weight_sum[f] <= 0) continue;
    for (std::size_t l = 1; l < m_sum[f].size(); ++l)
      model.fields[f].m[l] = m_sum[f][l] / weight_sum[f];
  }
  // λ: the sessions' expected matches over all candidates (an EM over all candidates with u
  // from random pairs would call nearly every candidate a match).
  model.lambda = std::clamp(total_matches / std::max<double>(total_pairs, 1), 1e-6, 0.5);
  EmReport report;
  report.distinct_patterns = all.size();
  report.pairs = total_pairs;
  report.iterations = iterations;
  report.converged = converged;
  return report;
}

Result<MatchResult> Run(const RecordTable& table, const Spec& spec, const MatchOptions& options,
                        std::size_t left_rows) {
  MatchResult result;
  result.threshold = options.threshold.value_or(spec.threshold);
  if (table.rows() >= 0xfffffff0u) {
    return Fail(Error::InvalidArgument("terlalu banyak baris", "more than 2^32 rows"));
  }
  auto t0 = Clock::now();
  double c0 = CpuNow();
  auto prepared = Prepare(table, spec);
  if (!prepared) return Fail(prepared.error());
  result.seconds.prepare = Since(t0);
  result.cpu_seconds.prepare = CpuNow() - c0;

  t0 = Clock::now();
  c0 = CpuNow();
  BlockingOptions blocking{spec.max_block_size, spec.window, left_rows};
  auto candidates = GenerateCandidates(*prepared, spec, blocking);
  if (!candidates) return Fail(candidates.error());
  result.blocking = candidates->rules;
  const std::vector<std::uint64_t>& pairs = candidates->pairs;
  result.candidate_pairs = pairs.size();
  result.seconds.blocking = Since(t0);
  result.cpu_seconds.blocking = CpuNow() - c0;

  // Compare every candidate once; keep its pattern; count patterns per chunk.
  t0 = Clock::now();
  c0 = CpuNow();
  std::vector<Pattern> patterns(pairs.size());
  const std::size_t chunks = (pairs.size() + kChunk - 1) / kChunk;
  std::vector<PatternCounter> local(chunks);
  const PackedRows& packed = *prepared->packed;
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::size_t begin = c * kChunk, end = std::min(pairs.size(), begin + kChunk);
    auto& counts = local[c];
    // Records are fetched 16 pairs ahead, the token ids they point to 8 pairs ahead.
    constexpr std::size_t kAhead = 16, kAheadTokens = 8;
    for (std::size_t k = begin; k < end; ++k) {
      if (k + kAhead < end) {
        packed.Prefetch(PairFirst(pairs[k + kAhead]));
        packed.Prefetch(PairSecond(pairs[k + kAhead]));
      }
      if (k + kAheadTokens < end) {
        packed.PrefetchTokens(PairFirst(pairs[k + kAheadTokens]));
        packed.PrefetchTokens(PairSecond(pairs[k + kAheadTokens]));
      }
      Pattern p = packed.Compare(PairFirst(pairs[k]), PairSecond(pairs[k]));
      patterns[k] = p;
      counts.Add(p);
    }
    if (options.progress) options.progress("compare", end - begin, pairs.size());
  });
  std::map<Pattern, std::uint64_t> merged;
  for (const auto& counts : local) {
    counts.ForEach([&](Pattern p, std::uint64_t c) { merged[p] += c; });
  }
  local.clear();
  PatternHistogram histogram(merged.begin(), merged.end());
  result.seconds.compare = Since(t0);
  result.cpu_seconds.compare = CpuNow() - c0;

  // The domain's vetoes (FieldSpec::required, lifted by exact agreement on a key field).
  std::vector<std::size_t> required, keys;
  for (std::size_t f = 0; f < spec.fields.size(); ++f) {
    if (spec.fields[f].required) required.push_back(f);
    if (spec.fields[f].key) keys.push_back(f);
  }
  auto vetoed = [&](Pattern p) {
    bool veto = false;
    for (std::size_t f : required) veto = veto || PatternLevel(p, f) == 1;
    if (!veto) return false;
    for (std::size_t f : keys) {
      if (PatternLevel(p, f) == prepared->fields[f]->levels() - 1) return false;
    }
    return true;
  };

  // Model.
  t0 = Clock::now();
  c0 = CpuNow();
  if (options.model) {
    if (auto ok = options.model->CheckCompatible(spec, *prepared); !ok) return Fail(ok.error());
    result.model = *options.model;
  } else {
    result.model = Model::Initial(spec, *prepared);
    result.model.EstimateU(*prepared, spec.seed, spec.u_sample_pairs, left_rows);
    if (!options.labels.empty()) {
      std::unordered_map<std::string_view, std::uint32_t> index;
      for (std::uint32_t i = 0; i < table.rows(); ++i) index.emplace(table.ids[i], i);
      std::vector<std::pair<Pattern, bool>> labelled;
      for (const auto& l : options.labels) {
        auto a = index.find(l.left_id), b = index.find(l.right_id);
        if (a == index.end() || b == index.end() || a->second == b->second) continue;
        labelled.emplace_back(ComparePair(*prepared, a->second, b->second), l.same);
      }
      if (auto ok = result.model.TrainFromLabels(labelled); !ok) return Fail(ok.error());
    } else if (spec.estimator == "random_u") {
      const double n = static_cast<double>(table.rows());
      const double total =
          left_rows > 0 ? static_cast<double>(left_rows) * (n - left_rows) : n * (n - 1) / 2;
      // Vetoed pairs are known to be two people: left out, they count as non-matches (like
      // every pair outside the candidates) instead of teaching EM that twins and namesakes
      // are what a match looks like (m of "NIK in conflict", of "same birth year only").
      PatternHistogram open;
      for (const auto& [p, c] : histogram) {
        if (required.empty() || !vetoed(p)) open.emplace_back(p, c);
      }
      result.em = result.model.RunEmRandomU(open, total, spec.max_em_iterations);
    } else if (spec.estimator == "winkler") {
      result.em = result.model.RunEm(histogram, /*estimate_u=*/true, spec.max_em_iterations);
    } else {
      result.em =
          EstimatePerRule(result.model, spec, candidates->rules, pairs.size(), patterns, histogram);
    }
  }
  result.seconds.estimate = Since(t0);
  result.cpu_seconds.estimate = CpuNow() - c0;

  // Score.
  t0 = Clock::now();
  c0 = CpuNow();
  const Model& model = result.model;
  const std::size_t nf = model.fields.size();
  std::vector<std::vector<double>> weight(nf);
  std::vector<std::size_t> tf_fields;
  for (std::size_t f = 0; f < nf; ++f) {
    for (std::size_t l = 0; l < model.fields[f].m.size(); ++l) {
      weight[f].push_back(model.FieldWeight(f, static_cast<int>(l)));
    }
    if (model.fields[f].tf) tf_fields.push_back(f);
  }
  const double prior = model.PriorWeight();
  bool grouped = false;
  for (const auto& f : model.fields) grouped = grouped || !f.group.empty();
  const double threshold = result.threshold;
  auto pair_weight = [&](Pattern p, std::uint32_t a, std::uint32_t b) {
    double fw[16];
    for (std::size_t f = 0; f < nf; ++f) fw[f] = weight[f][PatternLevel(p, f)];
    for (std::size_t f : tf_fields) {
      int level = PatternLevel(p, f);
      double freq = prepared->fields[f]->AgreementFrequency(a, b, level);
      if (freq > 0) fw[f] += model.TfAdjustment(f, level, freq);
    }
    return prior + (grouped ? model.CombineWeights(fw) : Sum(fw, nf));
  };
  std::vector<std::vector<ScoredPair>> kept(chunks);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    std::size_t begin = c * kChunk, end = std::min(pairs.size(), begin + kChunk);
    for (std::size_t k = begin; k < end; ++k) {
      Pattern p = patterns[k];
      if (!required.empty() && vetoed(p)) continue;
      std::uint32_t a = PairFirst(pairs[k]), b = PairSecond(pairs[k]);
      double w = pair_weight(p, a, b);
      double prob = ProbabilityFromWeight(w);
      if (prob >= threshold) kept[c].push_back({a, b, w, prob});
    }
    if (options.progress) options.progress("score", end - begin, pairs.size());
  });
  for (auto& k : kept) result.pairs.insert(result.pairs.end(), k.begin(), k.end());
  std::sort(result.pairs.begin(), result.pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  if (options.one_to_one && left_rows > 0) {
    // Two rows of one side are the same person when this model, applied to them, says so.
    auto same_person = [&](bool, std::uint32_t x, std::uint32_t y) {
      Pattern p = ComparePair(*prepared, x, y);
      if (!required.empty() && vetoed(p)) return false;
      return ProbabilityFromWeight(pair_weight(p, std::min(x, y), std::max(x, y))) >= threshold;
    };
    result.pairs = OneToOne(std::move(result.pairs), same_person);
  }
  if (options.explain) {
    result.levels.resize(result.pairs.size() * nf);
    result.weights.resize(result.pairs.size() * nf);
    for (std::size_t k = 0; k < result.pairs.size(); ++k) {
      const ScoredPair& sp = result.pairs[k];
      double fw[16];
      for (std::size_t f = 0; f < nf; ++f) {
        int level = prepared->fields[f]->Compare(sp.a, sp.b);
        fw[f] = weight[f][level];
        double freq = prepared->fields[f]->AgreementFrequency(sp.a, sp.b, level);
        if (freq > 0) fw[f] += model.TfAdjustment(f, level, freq);
        result.levels[k * nf + f] = static_cast<std::uint8_t>(level);
      }
      model.EffectiveWeights(fw);
      for (std::size_t f = 0; f < nf; ++f) result.weights[k * nf + f] = static_cast<float>(fw[f]);
    }
  }
  if (left_rows > 0) {
    for (auto& sp : result.pairs) sp.b -= static_cast<std::uint32_t>(left_rows);
  }
  result.seconds.score = Since(t0);
  result.cpu_seconds.score = CpuNow() - c0;
  return result;
}

template <typename F>
auto InArena(int threads, F&& f) {
  int n = threads > 0 ? threads : tbb::this_task_arena::max_concurrency();
  tbb::task_arena arena(n);
  return arena.execute(std::forward<F>(f));
}

}  // namespace

Result<MatchResult> Dedupe(const RecordTable& table, const Spec& spec,
                           const MatchOptions& options) {
  return InArena(options.threads, [&] { return Run(table, spec, options, 0); });
}

Result<MatchResult> Link(const RecordTable& left, const RecordTable& right, const Spec& spec,
                         const MatchOptions& options) {
  if (left.rows() == 0 || right.rows() == 0) {
    MatchResult empty;
    empty.threshold = options.threshold.value_or(spec.threshold);
    return empty;
  }
  // Lay the two tables end to end over the columns the spec reads.
  RecordTable both;
  std::vector<std::string> columns = spec.RequiredColumns();
  std::vector<int> li, ri;
  for (std::size_t k = 1; k < columns.size(); ++k) {
    int l = left.ColumnIndex(columns[k]), r = right.ColumnIndex(columns[k]);
    if (l < 0 || r < 0) {
      return Fail(Error::InvalidArgument("kolom tidak ada di kedua berkas",
                                         "column '" + columns[k] + "' missing on one side"));
    }
    both.AddColumn(columns[k]);
    li.push_back(l);
    ri.push_back(r);
  }
  for (std::size_t i = 0; i < left.rows(); ++i) {
    both.ids.Append(left.ids[i]);
    for (std::size_t c = 0; c < li.size(); ++c) both.columns[c].Append(left.columns[li[c]][i]);
  }
  for (std::size_t i = 0; i < right.rows(); ++i) {
    both.ids.Append(right.ids[i]);
    for (std::size_t c = 0; c < ri.size(); ++c) both.columns[c].Append(right.columns[ri[c]][i]);
  }
  MatchOptions opts = options;
  if (!opts.labels.empty()) {
    // Label ids name rows of each side; the combined table may repeat ids across sides, so
    // labels are matched by (left, right) row positions through a prefixed id space.
    return Fail(Error::InvalidArgument("pelatihan berlabel belum didukung untuk link",
                                       "labelled training is supported for dedupe only"));
  }
  return InArena(options.threads, [&] { return Run(both, spec, opts, left.rows()); });
}

}  // namespace jaring::matching
