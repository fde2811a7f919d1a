#include "common/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace jaring::metrics {
namespace {

TEST(MetricsTest, CountersAndGaugesInTheTextFormat) {
  Registry registry;
  registry.GetCounter("jaring_b_total", "Bs counted", {{"route", "/a/{code}"}, {"status", "2xx"}})
      .Add(3);
  registry.GetCounter("jaring_b_total", "Bs counted", {{"route", "/a/{code}"}, {"status", "4xx"}})
      .Add();
  registry.GetCounter("jaring_a_total", "As").Add(0);
  registry.AddGauge("jaring_c", "Cs now", {{"state", "in_use"}}, [] { return 2.0; });
  EXPECT_EQ(registry.Exposition(),
            "# HELP jaring_a_total As\n"
            "# TYPE jaring_a_total counter\n"
            "jaring_a_total 0\n"
            "# HELP jaring_b_total Bs counted\n"
            "# TYPE jaring_b_total counter\n"
            "jaring_b_total{route=\"/a/{code}\",status=\"2xx\"} 3\n"
            "jaring_b_total{route=\"/a/{code}\",status=\"4xx\"} 1\n"
            "# HELP jaring_c Cs now\n"
            "# TYPE jaring_c gauge\n"
            "jaring_c{state=\"in_use\"} 2\n");
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  Registry registry;
  const double bounds[] = {0.1, 1};
  auto& histogram = registry.GetHistogram("jaring_d_seconds", "Ds", {{"route", "x"}}, bounds);
  histogram.Observe(0.05);
  histogram.Observe(0.1);  // on the bound: counted in it (le means <=)
  histogram.Observe(0.5);
  histogram.Observe(7);
  EXPECT_EQ(registry.Exposition(),
            "# HELP jaring_d_seconds Ds\n"
            "# TYPE jaring_d_seconds histogram\n"
            "jaring_d_seconds_bucket{route=\"x\",le=\"0.1\"} 2\n"
            "jaring_d_seconds_bucket{route=\"x\",le=\"1\"} 3\n"
            "jaring_d_seconds_bucket{route=\"x\",le=\"+Inf\"} 4\n"
            "jaring_d_seconds_sum{route=\"x\"} 7.65\n"
            "jaring_d_seconds_count{route=\"x\"} 4\n");
}

TEST(MetricsTest, LabelValuesAndHelpAreEscaped) {
  Registry registry;
  registry.GetCounter("jaring_e_total", "line one\nback\\slash", {{"v", "a\"b\\c\nd"}}).Add();
  EXPECT_EQ(registry.Exposition(),
            "# HELP jaring_e_total line one\\nback\\\\slash\n"
            "# TYPE jaring_e_total counter\n"
            "jaring_e_total{v=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(MetricsTest, ValuesAreWrittenAsPrometheusReadsThem) {
  EXPECT_EQ(FormatValue(12), "12");
  EXPECT_EQ(FormatValue(0.25), "0.25");
  EXPECT_EQ(FormatValue(1.0 / 0.0), "+Inf");
  EXPECT_EQ(FormatValue(0.0 / 0.0), "NaN");
}

TEST(MetricsTest, TheSameSeriesIsReturnedAndCountsFromManyThreads) {
  Registry registry;
  Counter& counter = registry.GetCounter("jaring_f_total", "Fs", {{"k", "v"}});
  EXPECT_EQ(&counter, &registry.GetCounter("jaring_f_total", "Fs", {{"k", "v"}}));
  auto& histogram = registry.GetHistogram("jaring_g_seconds", "Gs", {}, kLatencyBuckets);
  std::vector<std::jthread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10'000; ++i) {
        counter.Add();
        histogram.Observe(0.002);
      }
    });
  }
  threads.clear();
  EXPECT_EQ(counter.value(), 40'000u);
  EXPECT_EQ(histogram.count(), 40'000u);
  EXPECT_DOUBLE_EQ(histogram.sum(), 80.0);
  EXPECT_NE(registry.Exposition().find("jaring_g_seconds_bucket{le=\"0.005\"} 40000\n"),
            std::string::npos);
}

TEST(MetricsTest, AGaugeAddedAgainReplacesTheFirst) {
  Registry registry;
  registry.AddGauge("jaring_h", "Hs", {}, [] { return 1.0; });
  registry.AddGauge("jaring_h", "Hs", {}, [] { return 5.0; });
  EXPECT_NE(registry.Exposition().find("jaring_h 5\n"), std::string::npos);
}

}  // namespace
}  // namespace jaring::metrics
