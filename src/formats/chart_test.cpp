// Charts, checked from their pixels: the PNG is decoded by cairo and the bars and lines are
// found by their series' colour, so a bar twice as high as another must measure twice as high.
// Each kind's sample is saved in test-output/ (JARING_TEST_OUTPUT) for people to look at.
#include "formats/chart.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace jaring::formats {
namespace {

std::string OutputDir() {
  const char* env = std::getenv("JARING_TEST_OUTPUT");
  std::string dir = env != nullptr && *env != '\0' ? env : JARING_SOURCE_DIR "/test-output";
  std::filesystem::create_directories(dir);
  return dir;
}

void Save(const std::string& name, const std::string& png) {
  std::ofstream(OutputDir() + "/" + name, std::ios::binary) << png;
}

// A decoded PNG: width, height and a colour test per pixel.
class Pixels {
 public:
  explicit Pixels(const std::string& png) {
    struct Reader {
      const std::string* bytes;
      std::size_t at = 0;
    } reader{&png};
    surface_ = cairo_image_surface_create_from_png_stream(
        [](void* closure, unsigned char* data, unsigned int length) {
          auto* r = static_cast<Reader*>(closure);
          if (r->bytes->size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
          std::memcpy(data, r->bytes->data() + r->at, length);
          r->at += length;
          return CAIRO_STATUS_SUCCESS;
        },
        &reader);
  }
  ~Pixels() { cairo_surface_destroy(surface_); }
  bool ok() const { return cairo_surface_status(surface_) == CAIRO_STATUS_SUCCESS; }
  int width() const { return cairo_image_surface_get_width(surface_); }
  int height() const { return cairo_image_surface_get_height(surface_); }
  bool Is(int x, int y, ChartColor c) const {
    cairo_surface_flush(surface_);
    const unsigned char* row = cairo_image_surface_get_data(surface_) +
                               static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(surface_);
    std::uint32_t px;
    std::memcpy(&px, row + 4 * x, 4);
    return ((px >> 16) & 0xFF) == c.r && ((px >> 8) & 0xFF) == c.g && (px & 0xFF) == c.b;
  }
  // Runs of columns (or rows) holding colour `c`, each with its largest count of such pixels:
  // a bar's height (or length).
  std::vector<int> Runs(ChartColor c, bool columns) const {
    std::vector<int> runs;
    bool in = false;
    const int outer = columns ? width() : height(), inner = columns ? height() : width();
    for (int i = 0; i < outer; ++i) {
      int n = 0;
      for (int j = 0; j < inner; ++j) n += (columns ? Is(i, j, c) : Is(j, i, c)) ? 1 : 0;
      if (n > 0 && !in) runs.push_back(0);
      if (n > 0) runs.back() = std::max(runs.back(), n);
      in = n > 0;
    }
    return runs;
  }
  std::vector<int> ColumnRuns(ChartColor c) const { return Runs(c, true); }
  std::vector<int> RowRuns(ChartColor c) const { return Runs(c, false); }
 private:
  cairo_surface_t* surface_;
};

std::string Rounded(double v) { return std::to_string(static_cast<long long>(v + 0.5)); }

Chart Columns(std::vector<std::optional<double>> values) {
  Chart chart;
  chart.kind = ChartKind::kBars;
  chart.categories = {"Baris daftar", "Orang terverifikasi", "Peserta"};
  chart.series = {{"", std::move(values)}};
  chart.format_value = Rounded;
  chart.whole_numbers = true;
  chart.width_mm = 120;
  chart.height_mm = 60;
  return chart;
}

TEST(ChartTest, ColumnsMeasureAsTheirValues) {
  auto png = RenderChartPng(Columns({1000, 3000, 2000}));
  ASSERT_TRUE(png) << png.error().ToString();
  Save("chart_columns.png", *png);
  Pixels p(*png);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.width(), 960);  // 120 mm at 8 px/mm
  EXPECT_EQ(p.height(), 480);
  const auto bars = p.ColumnRuns(ChartSeriesColor(0));
  ASSERT_EQ(bars.size(), 3u);  // one series, no legend: only the bars carry its colour
  EXPECT_LT(bars[0], bars[2]);
  EXPECT_LT(bars[2], bars[1]);
  // Lengths in proportion to the values, within antialiasing of the edges.
  EXPECT_NEAR(static_cast<double>(bars[1]) / bars[0], 3.0, 0.05);
  EXPECT_NEAR(static_cast<double>(bars[2]) / bars[0], 2.0, 0.05);
}

TEST(ChartTest, SameChartSameBytes) {
  auto a = RenderChartPng(Columns({1, 2, 3}));
  auto b = RenderChartPng(Columns({1, 2, 3}));
  auto c = RenderChartPng(Columns({1, 2, 4}));
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(a->substr(1, 3), "PNG");
}

TEST(ChartTest, HorizontalBarsGrowWithTheirRows) {
  Chart chart;
  chart.kind = ChartKind::kHorizontalBars;
  chart.title = "Cakupan per kecamatan";
  for (int i = 0; i < 24; ++i) chart.categories.push_back("Kecamatan " + std::to_string(i + 1));
  ChartSeries s{"Cakupan", {}};
  for (int i = 0; i < 24; ++i) s.values.push_back(i == 5 ? std::nullopt : std::optional(0.01 * (24 - i)));
  chart.series = {s};
  chart.references = {{0.12, "Kabupaten 12 %"}};
  chart.format_value = [](double v) { return std::to_string(static_cast<int>(v * 100 + 0.5)) + " %"; };
  auto png = RenderChartPng(chart);
  ASSERT_TRUE(png) << png.error().ToString();
  Save("chart_horizontal.png", *png);
  Pixels p(*png);
  ASSERT_TRUE(p.ok());
  const auto [w, h] = ChartPixelSize(chart);
  EXPECT_EQ(p.width(), w);
  EXPECT_EQ(p.height(), h);
  EXPECT_GT(h, 24 * 13 * 8 / 2.8);  // at least 13 pt a row
  // 23 bars (one district without a value) and the legend's swatch, each longer than the next.
  auto bars = p.RowRuns(ChartSeriesColor(0));
  ASSERT_EQ(bars.size(), 24u);
  bars.erase(bars.begin());  // the legend comes first
  for (std::size_t i = 1; i < bars.size(); ++i) EXPECT_GT(bars[i - 1], bars[i]) << i;
  // The reference line is drawn (dashed, in its colour).
  EXPECT_FALSE(p.ColumnRuns(ChartReferenceColor(0)).empty());
}

TEST(ChartTest, LinesRiseWithTheirValues) {
  Chart chart;
  chart.kind = ChartKind::kLines;
  chart.categories = {"Jul 2025", "Agu 2025", "Sep 2025", "Okt 2025"};
  chart.series = {{"Orang terverifikasi", {1000, 1100, 1200, 1300}},
                  {"Peserta", {100, std::nullopt, 700, 1250}}};
  chart.references = {{1500, "Target"}};
  chart.whole_numbers = true;
  chart.format_value = Rounded;
  auto png = RenderChartPng(chart);
  ASSERT_TRUE(png) << png.error().ToString();
  Save("chart_lines.png", *png);
  Pixels p(*png);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.width(), 1280);
  EXPECT_EQ(p.height(), 560);
  // Below the legend, the participants' line is higher (smaller y) on the right than on the
  // left, and lower than the persons' line on the left.
  const int legend = 16 * 8 * 72 / 254 + 40;
  auto top = [&](ChartColor c, int x0, int x1) {
    for (int y = legend; y < p.height(); ++y)
      for (int x = x0; x < x1; ++x)
        if (p.Is(x, y, c)) return y;
    return -1;
  };
  const int left_participants = top(ChartSeriesColor(1), 0, p.width() / 4);
  const int right_participants = top(ChartSeriesColor(1), 3 * p.width() / 4, p.width());
  const int left_persons = top(ChartSeriesColor(0), 0, p.width() / 4);
  ASSERT_GT(left_participants, 0);
  ASSERT_GT(right_participants, 0);
  ASSERT_GT(left_persons, 0);
  EXPECT_LT(right_participants, left_participants);
  EXPECT_LT(left_persons, left_participants);
}

TEST(ChartTest, BadChartsAreRefused) {
  Chart empty;
  EXPECT_EQ(RenderChartPng(empty).error().code, ErrorCode::kInvalidArgument);
  Chart short_series = Columns({1, 2});
  EXPECT_EQ(RenderChartPng(short_series).error().code, ErrorCode::kInvalidArgument);
  Chart negative = Columns({1, -2, 3});
  EXPECT_EQ(RenderChartPng(negative).error().code, ErrorCode::kInvalidArgument);
  Chart huge = Columns({1, 2, 3});
  huge.width_mm = 1000;
  EXPECT_EQ(RenderChartPng(huge).error().code, ErrorCode::kInvalidArgument);
}

TEST(ChartTest, AllZeroStillDraws) {
  auto png = RenderChartPng(Columns({0, 0, 0}));
  ASSERT_TRUE(png) << png.error().ToString();
  EXPECT_TRUE(Pixels(*png).ok());
}

}  // namespace
}  // namespace jaring::formats
