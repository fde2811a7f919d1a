#include "common/metrics.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cmath>

#include "common/error.hpp"

namespace jaring::metrics {

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
  JARING_ASSERT(std::is_sorted(bounds_.begin(), bounds_.end()), "histogram bounds ascending");
}

void Histogram::Observe(double seconds) {
  if (!(seconds >= 0)) seconds = 0;  // a clock step backwards, or NaN
  const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), seconds);
  buckets_[static_cast<std::size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_us_.fetch_add(static_cast<std::uint64_t>(std::llround(seconds * 1e6)),
                    std::memory_order_relaxed);
}

Registry::Family& Registry::FamilyOf(std::string_view name, std::string_view help, Kind kind) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    it = families_.emplace(std::string(name), Family{kind, std::string(help), {}, {}, {}}).first;
  }
  JARING_ASSERT(it->second.kind == kind, "a metric name is one kind");
  return it->second;
}

Counter& Registry::GetCounter(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& slot = FamilyOf(name, help, Kind::kCounter).counters[labels];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Histogram& Registry::GetHistogram(std::string_view name, std::string_view help,
                                  const Labels& labels, std::span<const double> bounds) {
  std::lock_guard lock(mutex_);
  auto& slot = FamilyOf(name, help, Kind::kHistogram).histograms[labels];
  if (!slot) slot = std::make_unique<Histogram>(bounds);
  return *slot;
}

void Registry::AddGauge(std::string_view name, std::string_view help, const Labels& labels,
                        std::function<double()> read) {
  std::lock_guard lock(mutex_);
  FamilyOf(name, help, Kind::kGauge).functions[labels] = std::move(read);
}

void Registry::RemoveFunctions(std::string_view name) {
  std::lock_guard lock(mutex_);
  if (const auto it = families_.find(name); it != families_.end()) it->second.functions.clear();
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{}", value);  // shortest form that reads back the same
}

namespace {

// {a="x",b="y"} with `extra` (the histogram's le) last; nothing for no labels at all.
std::string LabelText(const Labels& labels, std::string_view extra_name = {},
                      std::string_view extra_value = {}) {
  if (labels.empty() && extra_name.empty()) return {};
  std::string out = "{";
  bool first = true;
  auto add = [&](std::string_view name, std::string_view value) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    out += EscapeLabelValue(value);
    out += '"';
  };
  for (const auto& [name, value] : labels) add(name, value);
  if (!extra_name.empty()) add(extra_name, extra_value);
  out += '}';
  return out;
}

std::string_view KindName(bool counter, bool histogram) {
  return counter ? "counter" : histogram ? "histogram" : "gauge";
}

}  // namespace

std::string Registry::Exposition() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    // HELP text escapes backslash and newline only (the format's rule).
    std::string help;
    for (const char c : family.help) {
      if (c == '\n') {
        help += "\\n";
      } else if (c == '\\') {
        help += "\\\\";
      } else {
        help += c;
      }
    }
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name,
                       KindName(family.kind == Kind::kCounter, family.kind == Kind::kHistogram));
    for (const auto& [labels, counter] : family.counters) {
      out += fmt::format("{}{} {}\n", name, LabelText(labels), counter->value());
    }
    for (const auto& [labels, read] : family.functions) {
      out += fmt::format("{}{} {}\n", name, LabelText(labels), FormatValue(read()));
    }
    for (const auto& [labels, histogram] : family.histograms) {
      std::uint64_t cumulative = 0;
      const auto& bounds = histogram->bounds();
      for (std::size_t i = 0; i <= bounds.size(); ++i) {
        cumulative += histogram->bucket(i);
        const std::string le = i < bounds.size() ? FormatValue(bounds[i]) : "+Inf";
        out += fmt::format("{}_bucket{} {}\n", name, LabelText(labels, "le", le), cumulative);
      }
      out += fmt::format("{}_sum{} {}\n", name, LabelText(labels), FormatValue(histogram->sum()));
      // The +Inf bucket's total, not count(): the two agree even while Observe runs meanwhile.
      out += fmt::format("{}_count{} {}\n", name, LabelText(labels), cumulative);
    }
  }
  return out;
}

Registry& Process() {
  static Registry registry;
  return registry;
}

}  // namespace jaring::metrics
