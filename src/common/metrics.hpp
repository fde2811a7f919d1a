// Metrics: counters, histograms and read-on-scrape gauges, written out in the Prometheus text
// exposition format (version 0.0.4) for `GET /metrics` (docs/operations.md).
//
//   metrics::Registry& registry = metrics::Process();
//   metrics::Counter& imports = registry.GetCounter("jaring_imports_total", "Imports run",
//                                                   {{"outcome", "ok"}});
//   imports.Add();                                    // lock-free
//   registry.GetHistogram("jaring_import_duration_seconds", "…", {}, metrics::kJobBuckets)
//       .Observe(12.5);
//   registry.AddGauge("jaring_db_pool_in_use", "…", {},
//                     [&] { return double(pool.in_use); });   // read at each scrape
//   std::string text = registry.Exposition();
//
// Contents:
//   Labels, Counter, Histogram      the values (atomics; Add/Observe never lock)
//   Registry                        families by name, each series by its label set
//   Process()                       the registry of this process, which `jaring serve` exposes;
//                                   services record into it as they log to the default logger
//   kLatencyBuckets, kJobBuckets    bucket bounds in seconds for requests and for long jobs
//
// Label values come from code (route patterns, outcomes, states), never from a request's data:
// a series per NIK or per path would leak personal data and grow without end.
// Thread safety: everything may be called from any thread. Get* take a mutex to find or make the
// series and return a reference that stays valid for the registry's life; callers on a hot path
// keep that reference. A gauge's function runs on the scraping thread with the registry's mutex
// held: it must be quick and must not call back into the registry.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jaring::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Buckets are upper bounds in seconds, ascending; +Inf is implied. The sum is kept in
// microseconds (an integer, so that it can be added without a lock).
class Histogram {
 public:
  explicit Histogram(std::span<const double> bounds);
  void Observe(double seconds);

  const std::vector<double>& bounds() const { return bounds_; }
  // Observations <= bounds()[i] (not cumulative), and the last one for +Inf.
  std::uint64_t bucket(std::size_t i) const { return buckets_[i].load(std::memory_order_relaxed); }
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const { return static_cast<double>(sum_us_.load(std::memory_order_relaxed)) / 1e6; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_us_{0};
};

// Requests: 5 ms to 30 s. Jobs (imports, verval runs): 1 s to 30 min.
inline constexpr double kLatencyBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                             0.5,   1,    2.5,   5,    10,  30};
inline constexpr double kJobBuckets[] = {1, 5, 10, 30, 60, 120, 300, 600, 1800};

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The series of family `name` with these labels, made on first use. A name is one kind for
  // the registry's life (asking for a counter by a histogram's name is a bug: asserted).
  Counter& GetCounter(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& GetHistogram(std::string_view name, std::string_view help, const Labels& labels,
                          std::span<const double> bounds);
  // A gauge read by calling `read` at each scrape. A second gauge with the same name and labels
  // replaces the first (a server started again in the same process).
  void AddGauge(std::string_view name, std::string_view help, const Labels& labels,
                std::function<double()> read);

  // Drops the functions of family `name` (their objects are going away); its other series stay.
  void RemoveFunctions(std::string_view name);

  // Every family in name order, each with # HELP and # TYPE, series in label order.
  std::string Exposition() const;

 private:
  enum class Kind { kCounter, kGauge, kHistogram };
  struct Family {
    Kind kind;
    std::string help;
    std::map<Labels, std::unique_ptr<Counter>> counters;
    std::map<Labels, std::unique_ptr<Histogram>> histograms;
    std::map<Labels, std::function<double()>> functions;  // the gauges
  };
  Family& FamilyOf(std::string_view name, std::string_view help, Kind kind);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// The process's registry (what `jaring serve` exposes at /metrics).
Registry& Process();

// A label value escaped for the exposition format (backslash, double quote, newline).
std::string EscapeLabelValue(std::string_view value);
// A sample value as Prometheus reads it: integers without a fraction, +Inf, NaN.
std::string FormatValue(double value);

}  // namespace jaring::metrics
