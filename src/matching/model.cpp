// Design notes. EM on the pattern histogram (Winkler 1988): with conditional independence
// the likelihood only depends on how many pairs show each pattern, so E and M steps loop over
// distinct patterns (typically a few thousand) instead of millions of pairs. Smoothing: each
// level gets a pseudo-count of 0.5 in every M-step, so an unseen level never has m or u = 0
// (which would give an infinite weight). Label switching is prevented by starting m high on top
// levels and u from random pairs, and by keeping the match class the one whose top levels carry
// positive weight.
#include "matching/model.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/random.hpp"
#include "matching/internal/nik_field.hpp"

namespace jaring::matching {

Pattern ComparePair(const Prepared& prepared, std::uint32_t a, std::uint32_t b) {
  if (prepared.packed) return prepared.packed->Compare(a, b);
  Pattern p = 0;
  for (std::size_t f = 0; f < prepared.fields.size(); ++f) {
    p = WithLevel(p, f, prepared.fields[f]->Compare(a, b));
  }
  return p;
}

namespace {

// Projects m onto "closer agreement is never weaker evidence": the likelihood ratio m/u must
// not fall as the level rises. Pool-adjacent-violators on m/u weighted by u; a violating run of
// levels gets one common ratio Σm/Σu. Without this, EM over blocked candidates can settle on a
// mixture that explains the blocking rules instead of identity (e.g. "the matches are the pairs
// with different names"), a known failure of unsupervised Fellegi–Sunter.
void MakeMonotone(FieldModel& f) {
  struct Run {
    std::size_t begin, end;
    double m, u;
  };
  std::vector<Run> runs;
  for (std::size_t l = 1; l < f.m.size(); ++l) {
    runs.push_back({l, l + 1, f.m[l], f.u[l]});
    while (runs.size() >= 2) {
      Run& b = runs.back();
      Run& a = runs[runs.size() - 2];
      if (a.m / a.u <= b.m / b.u) break;
      a.end = b.end;
      a.m += b.m;
      a.u += b.u;
      runs.pop_back();
    }
  }
  for (const Run& r : runs) {
    for (std::size_t l = r.begin; l < r.end; ++l) f.m[l] = r.m / r.u * f.u[l];
  }
}

}  // namespace

std::vector<double> PriorM(Comparator comparator, int levels) {
  std::vector<double> m;
  switch (comparator) {
    case Comparator::kNik:
      m = {0, 0.02, 0.005, 0.005, 0.07, 0.90};
      break;
    case Comparator::kName:
      m = {0, 0.01, 0.03, 0.10, 0.10, 0.76};
      break;
    case Comparator::kDate:
      m = {0, 0.01, 0.01, 0.04, 0.02, 0.92};
      break;
    case Comparator::kSex:
      m = {0, 0.02, 0.98};
      break;
    case Comparator::kRegion:
      m = {0, 0.03, 0.02, 0.05, 0.90};
      break;
    case Comparator::kDigits:
    case Comparator::kPhone:
      m = {0, 0.10, 0.05, 0.85};
      break;
    case Comparator::kAddress:
      m = {0, 0.10, 0.10, 0.20, 0.60};
      break;
    case Comparator::kString:
      m = {0, 0.10, 0.10, 0.20, 0.60};
      break;
    case Comparator::kExact:
      m = {0, 0.10, 0.90};
      break;
  }
  m.resize(static_cast<std::size_t>(levels), 0.05);
  double sum = 0;
  for (int l = 1; l < levels; ++l) sum += m[l];
  for (int l = 1; l < levels; ++l) m[l] /= sum;
  return m;
}

Model Model::Initial(const Spec& spec, const Prepared& prepared) {
  Model model;
  for (std::size_t f = 0; f < spec.fields.size(); ++f) {
    FieldModel fm;
    fm.name = spec.fields[f].name;
    fm.type = std::string(ComparatorName(spec.fields[f].comparator));
    fm.tf = spec.fields[f].tf;
    fm.group = spec.fields[f].group;
    const int levels = prepared.fields[f]->levels();
    fm.prior_m = PriorM(spec.fields[f].comparator, levels);
    for (int l = 0; l < levels; ++l) fm.labels.emplace_back(prepared.fields[f]->LevelLabel(l));
    fm.m.assign(levels, 0.0);
    fm.u.assign(levels, 0.0);
    // Start: m at its prior, u falling steeply with the level (replaced by EstimateU).
    double usum = 0;
    for (int l = 1; l < levels; ++l) {
      fm.m[l] = fm.prior_m[l];
      fm.u[l] = std::pow(0.25, l);
      usum += fm.u[l];
    }
    for (int l = 1; l < levels; ++l) fm.u[l] /= usum;
    fm.u_random = fm.u;
    model.fields.push_back(std::move(fm));
  }
  return model;
}

void Model::EstimateU(const Prepared& prepared, std::uint64_t seed, std::size_t pairs,
                      std::size_t left_rows) {
  const std::size_t n = prepared.rows;
  if (n < 2 || pairs == 0) return;
  if (left_rows >= n) return;
  // Fixed chunks, each with its own generator seeded from (seed, chunk): the same pairs for
  // any thread count. Counts are integers, so their sum does not depend on the order either.
  constexpr std::size_t kChunk = 16384;
  const std::size_t chunks = (pairs + kChunk - 1) / kChunk;
  std::vector<std::vector<std::vector<std::uint32_t>>> local(chunks);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    Random random(seed * 0x9e3779b97f4a7c15ull + c + 1);
    auto& counts = local[c];
    counts.resize(fields.size());
    for (std::size_t f = 0; f < fields.size(); ++f) counts[f].assign(fields[f].m.size(), 0);
    const std::size_t end = std::min(pairs, (c + 1) * kChunk);
    for (std::size_t k = c * kChunk; k < end; ++k) {
      std::uint32_t a, b;
      if (left_rows > 0) {
        a = static_cast<std::uint32_t>(random.Below(left_rows));
        b = static_cast<std::uint32_t>(left_rows + random.Below(n - left_rows));
      } else {
        a = static_cast<std::uint32_t>(random.Below(n));
        b = static_cast<std::uint32_t>(random.Below(n - 1));
        if (b >= a) ++b;
      }
      const Pattern p = ComparePair(prepared, a, b);
      for (std::size_t f = 0; f < fields.size(); ++f) {
        int level = PatternLevel(p, f);
        if (level > 0) ++counts[f][level];
      }
    }
  });
  std::vector<std::vector<double>> counts(fields.size());
  for (std::size_t f = 0; f < fields.size(); ++f) {
    counts[f].assign(fields[f].m.size(), 0.5);
    for (const auto& chunk : local) {
      for (std::size_t l = 1; l < counts[f].size(); ++l) counts[f][l] += chunk[f][l];
    }
  }
  for (std::size_t f = 0; f < fields.size(); ++f) {
    double total = 0;
    for (std::size_t l = 1; l < counts[f].size(); ++l) total += counts[f][l];
    for (std::size_t l = 1; l < counts[f].size(); ++l) {
      fields[f].u[l] = counts[f][l] / total;
      fields[f].u_random[l] = fields[f].u[l];
    }
    // A NIK one typo or one edit from another: with a date field, the levels' u is measured
    // among people born the same day, as the candidates are (NikField::SharesAmongSameBirthDate),
    // from a third as many pairs (shares of a few per cent and per thousand need no more).
    const auto* nik = dynamic_cast<const internal::NikField*>(prepared.fields[f].get());
    if (nik != nullptr && fields[f].u.size() > 4) {
      if (auto shares = nik->SharesAmongSameBirthDate(seed, pairs / 3, left_rows)) {
        fields[f].u[3] = fields[f].u_random[3] = shares->typo;
        fields[f].u[4] = fields[f].u_random[4] = shares->one_edit;
      }
    }
  }
}

EmReport Model::RunEm(const PatternHistogram& histogram, bool estimate_u, int max_iterations,
                      bool estimate_m) {
  EmReport report;
  report.distinct_patterns = histogram.size();
  for (const auto& [p, c] : histogram) report.pairs += c;
  if (histogram.empty()) return report;
  const std::size_t nf = fields.size();
  // Start λ from the share of pairs whose pattern already favours a match under the start values.
  {
    double favoured = 0;
    for (const auto& [p, c] : histogram) {
      if (PatternWeight(p) - PriorWeight() > 0) favoured += static_cast<double>(c);
    }
    lambda = std::clamp(favoured / static_cast<double>(report.pairs), 1e-4, 0.5);
  }
  std::vector<std::vector<double>> mc(nf), uc(nf);
  for (int it = 0; it < max_iterations; ++it) {
    for (std::size_t f = 0; f < nf; ++f) {
      mc[f].assign(fields[f].m.size(), 0.5);
      uc[f].assign(fields[f].u.size(), 0.5);
      if (fields[f].prior_m.size() == fields[f].m.size()) {
        for (std::size_t l = 1; l < mc[f].size(); ++l)
          mc[f][l] += prior_strength * fields[f].prior_m[l];
      }
    }
    double matched = 0, total = 0;
    for (const auto& [p, c] : histogram) {
      double g = 1.0 / (1.0 + std::exp2(-PatternWeight(p)));
      double cm = g * static_cast<double>(c), cu = (1.0 - g) * static_cast<double>(c);
      matched += cm;
      total += static_cast<double>(c);
      for (std::size_t f = 0; f < nf; ++f) {
        int l = PatternLevel(p, f);
        if (l == 0) continue;
        mc[f][l] += cm;
        uc[f][l] += cu;
      }
    }
    double change = 0;
    for (std::size_t f = 0; f < nf; ++f) {
      double ms = 0, us = 0;
      for (std::size_t l = 1; l < mc[f].size(); ++l) {
        ms += mc[f][l];
        us += uc[f][l];
      }
      for (std::size_t l = 1; l < mc[f].size(); ++l) {
        if (estimate_m) {
          double m = mc[f][l] / ms;
          change = std::max(change, std::abs(m - fields[f].m[l]));
          fields[f].m[l] = m;
        }
        if (estimate_u) {
          double u = uc[f][l] / us;
          change = std::max(change, std::abs(u - fields[f].u[l]));
          fields[f].u[l] = u;
        }
      }
    }
    if (estimate_m) {
      for (auto& f : fields) MakeMonotone(f);
    }
    double new_lambda = std::clamp(matched / total, 1e-9, 1 - 1e-9);
    change = std::max(change, std::abs(new_lambda - lambda));
    lambda = new_lambda;
    report.iterations = it + 1;
    if (change < 1e-7) {
      report.converged = true;
      break;
    }
  }
  return report;
}

EmReport Model::RunEmRandomU(const PatternHistogram& histogram, double total_pairs,
                             int max_iterations) {
  EmReport report;
  report.distinct_patterns = histogram.size();
  for (const auto& [p, c] : histogram) report.pairs += c;
  if (histogram.empty()) return report;
  total_pairs = std::max(total_pairs, static_cast<double>(report.pairs));
  const std::size_t nf = fields.size();
  for (auto& f : fields) f.u = f.u_random;
  // Start: a tenth of the candidates are matches (EM moves λ by orders of magnitude quickly
  // because the posteriors are sharp under random-pair u).
  lambda = std::clamp(0.1 * static_cast<double>(report.pairs) / total_pairs, 1e-15, 0.5);
  std::vector<std::vector<double>> mc(nf);
  for (int it = 0; it < max_iterations; ++it) {
    for (std::size_t f = 0; f < nf; ++f) {
      mc[f].assign(fields[f].m.size(), 0.5);
      if (fields[f].prior_m.size() == fields[f].m.size()) {
        for (std::size_t l = 1; l < mc[f].size(); ++l)
          mc[f][l] += prior_strength * fields[f].prior_m[l];
      }
    }
    double matched = 0;
    for (const auto& [p, c] : histogram) {
      double g = 1.0 / (1.0 + std::exp2(-PatternWeight(p)));
      double cm = g * static_cast<double>(c);
      matched += cm;
      for (std::size_t f = 0; f < nf; ++f) {
        int l = PatternLevel(p, f);
        if (l > 0) mc[f][l] += cm;
      }
    }
    double change = 0;
    for (std::size_t f = 0; f < nf; ++f) {
      double ms = 0;
      for (std::size_t l = 1; l < mc[f].size(); ++l) ms += mc[f][l];
      for (std::size_t l = 1; l < mc[f].size(); ++l) {
        double m = mc[f][l] / ms;
        change = std::max(change, std::abs(m - fields[f].m[l]));
        fields[f].m[l] = m;
      }
    }
    for (auto& f : fields) MakeMonotone(f);
    double new_lambda = std::clamp(matched / total_pairs, 1e-15, 0.5);
    change = std::max(change, std::abs(std::log(new_lambda / lambda)) * 1e-3);
    lambda = new_lambda;
    report.iterations = it + 1;
    if (change < 1e-7) {
      report.converged = true;
      break;
    }
  }
  return report;
}

Status Model::TrainFromLabels(std::span<const std::pair<Pattern, bool>> labelled, double given) {
  std::size_t matches = 0;
  for (const auto& [p, same] : labelled) matches += same ? 1 : 0;
  if (matches == 0 || matches == labelled.size()) {
    return Fail(Error::InvalidArgument("label harus memuat pasangan cocok dan tidak cocok",
                                       "labels need both matching and non-matching pairs"));
  }
  for (std::size_t f = 0; f < fields.size(); ++f) {
    std::vector<double> mc(fields[f].m.size(), 1.0), uc(fields[f].u.size(), 1.0);
    for (const auto& [p, same] : labelled) {
      int l = PatternLevel(p, f);
      if (l == 0) continue;
      (same ? mc : uc)[l] += 1.0;
    }
    double ms = 0, us = 0;
    for (std::size_t l = 1; l < mc.size(); ++l) {
      ms += mc[l];
      us += uc[l];
    }
    for (std::size_t l = 1; l < mc.size(); ++l) {
      fields[f].m[l] = mc[l] / ms;
      fields[f].u[l] = uc[l] / us;
    }
  }
  lambda = given > 0 ? given : static_cast<double>(matches) / static_cast<double>(labelled.size());
  return {};
}

double Model::FieldWeight(std::size_t field, int level) const {
  if (level <= 0) return 0.0;
  const FieldModel& fm = fields[field];
  return std::log2(fm.m[level] / fm.u[level]);
}

double Model::PriorWeight() const { return std::log2(lambda / (1.0 - lambda)); }

double Model::TfAdjustment(std::size_t field, int level, double frequency) const {
  const FieldModel& fm = fields[field];
  if (!fm.tf || frequency <= 0 || level <= 0) return 0.0;
  return std::clamp(std::log2(fm.u_random[level] / frequency), -6.0, 6.0);
}

void Model::EffectiveWeights(double* w) const {
  // Ungrouped fields count in full; a group keeps its single largest positive and its single
  // most negative weight (ties: the first field), the others become 0. The fields of a group
  // are evidence of one fact: a household agreeing on village, KK and address is one piece of
  // evidence, and so is a person who moved (village, KK, address and phone all change at once).
  double kept[16];
  for (std::size_t f = 0; f < fields.size(); ++f) {
    kept[f] = w[f];
    if (fields[f].group.empty() || w[f] == 0) continue;
    for (std::size_t g = 0; g < fields.size(); ++g) {
      if (g == f || fields[g].group != fields[f].group) continue;
      const bool stronger = w[f] > 0 ? w[g] > w[f] : w[g] < w[f];
      if (stronger || (w[g] == w[f] && g < f)) {
        kept[f] = 0;
        break;
      }
    }
  }
  for (std::size_t f = 0; f < fields.size(); ++f) w[f] = kept[f];
}

double Model::CombineWeights(const double* w) const {
  double copy[16];
  for (std::size_t f = 0; f < fields.size(); ++f) copy[f] = w[f];
  EffectiveWeights(copy);
  double total = 0;
  for (std::size_t f = 0; f < fields.size(); ++f) total += copy[f];
  return total;
}

double Model::PatternWeight(Pattern p) const {
  double w[16];
  for (std::size_t f = 0; f < fields.size(); ++f) w[f] = FieldWeight(f, PatternLevel(p, f));
  return PriorWeight() + CombineWeights(w);
}

std::string Model::ToJson() const {
  nlohmann::json j;
  j["format"] = "jaring-fellegi-sunter";
  j["version"] = 1;
  j["lambda"] = lambda;
  j["fields"] = nlohmann::json::array();
  for (const auto& f : fields) {
    nlohmann::json levels = nlohmann::json::array();
    for (std::size_t l = 1; l < f.m.size(); ++l) {
      levels.push_back({{"level", l},
                        {"label", f.labels[l]},
                        {"m", f.m[l]},
                        {"u", f.u[l]},
                        {"u_random", f.u_random[l]},
                        {"weight", std::log2(f.m[l] / f.u[l])}});
    }
    j["fields"].push_back(
        {{"name", f.name}, {"type", f.type}, {"tf", f.tf}, {"group", f.group}, {"levels", levels}});
  }
  return j.dump(2);
}

Result<Model> Model::FromJson(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != "jaring-fellegi-sunter") {
    return Fail(Error::InvalidArgument("berkas model tidak sah", "not a jaring model JSON"));
  }
  Model model;
  try {
    model.lambda = j.at("lambda").get<double>();
    for (const auto& jf : j.at("fields")) {
      FieldModel f;
      f.name = jf.at("name").get<std::string>();
      f.type = jf.at("type").get<std::string>();
      f.tf = jf.value("tf", false);
      f.group = jf.value("group", std::string());
      f.labels = {"missing"};
      f.m = {0};
      f.u = {0};
      f.u_random = {0};
      for (const auto& jl : jf.at("levels")) {
        f.labels.push_back(jl.at("label").get<std::string>());
        f.m.push_back(jl.at("m").get<double>());
        f.u.push_back(jl.at("u").get<double>());
        f.u_random.push_back(jl.value("u_random", jl.at("u").get<double>()));
        if (!(f.m.back() > 0 && f.u.back() > 0 && f.u_random.back() > 0)) {
          return Fail(
              Error::InvalidArgument("model: m dan u harus positif", "m and u must be > 0"));
        }
      }
      model.fields.push_back(std::move(f));
    }
  } catch (const nlohmann::json::exception& e) {
    return Fail(Error::InvalidArgument("berkas model tidak sah", e.what()));
  }
  if (!(model.lambda > 0 && model.lambda < 1)) {
    return Fail(Error::InvalidArgument("model: lambda di luar (0,1)", "lambda out of range"));
  }
  return model;
}

Status Model::CheckCompatible(const Spec& spec, const Prepared& prepared) const {
  bool ok = fields.size() == spec.fields.size();
  for (std::size_t f = 0; ok && f < fields.size(); ++f) {
    ok = fields[f].name == spec.fields[f].name &&
         fields[f].type == ComparatorName(spec.fields[f].comparator) &&
         static_cast<int>(fields[f].m.size()) == prepared.fields[f]->levels();
  }
  if (!ok) {
    return Fail(
        Error::InvalidArgument("model tidak cocok dengan kolom masukan",
                               "model fields differ from the spec's fields for this input"));
  }
  return {};
}

}  // namespace jaring::matching
