// Charts drawn on the server, for documents (the monev report) and for downloads beside their
// tables: data in, PNG bytes out.
//
//   Chart        what to draw: categories (districts, months), one or more series of values,
//                dashed reference lines (a target, a plan), how numbers are written
//   ChartKind    vertical bars, horizontal bars (long lists of names) or lines (months)
//   RenderChartPng / ChartPixelSize / ChartSeriesColor
//
// Drawn with cairo into an image surface at `pixels_per_mm` (8 px/mm is about 200 dpi, sharp on
// paper), the labels shaped by Pango in Noto Sans like the PDF's text. Pure and deterministic:
// the same Chart gives the same bytes. Numbers are written by the caller's functions (Indonesian
// separators and percent signs belong to domain, not here). Values are never negative; the
// value axis starts at 0 so that bar lengths compare honestly.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace jaring::formats {

enum class ChartKind {
  kBars,            // a column per category, series side by side within it
  kHorizontalBars,  // a row per category, the name on the left: long lists (districts)
  kLines,           // a point per category joined left to right (months); nullopt leaves a gap
};

struct ChartSeries {
  std::string name;                           // the legend; may be empty for a single series
  std::vector<std::optional<double>> values;  // one per category; nullopt: no bar, no point
};

// A dashed line across the value axis (a target, a quota), named in the legend.
struct ChartReference {
  double value = 0;
  std::string label;  // "Target 33 %"
};

struct Chart {
  ChartKind kind = ChartKind::kBars;
  std::string title;  // drawn at the top left, bold; empty: none
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;  // 1 to 4, coloured by ChartSeriesColor(index)
  std::vector<ChartReference> references;  // at most 2, coloured red then grey
  // How values are written on the axis and beside bars / last points; empty: "%g".
  std::function<std::string(double)> format_value;
  std::function<std::string(double)> format_tick;  // empty: format_value
  bool whole_numbers = false;  // counts: no tick between two whole numbers
  bool value_labels = true;    // each bar's value at its end; each line's value at its last point
  double width_mm = 160;
  double height_mm = 0;  // 0: 70 mm, or for horizontal bars what the rows need
  double pixels_per_mm = 8;
};

struct ChartColor {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const ChartColor&) const = default;
};

// The fill of series `index` (0..3) and of reference line `index` (0..1): for readers of the
// PNG, such as tests that measure bars.
ChartColor ChartSeriesColor(std::size_t index);
ChartColor ChartReferenceColor(std::size_t index);

// The PNG's width and height in pixels for this chart (height_mm resolved).
std::pair<int, int> ChartPixelSize(const Chart& chart);

// Errors: InvalidArgument for no category, no series or too many, a series whose values do not
// match the categories, a negative or non-finite value, too many references, or a size outside
// 20-400 mm wide / 20-400 mm high / 2-20 px per mm; FailedPrecondition when Noto Sans is not
// installed.
Result<std::string> RenderChartPng(const Chart& chart);

}  // namespace jaring::formats
