// Design notes
//  - Everything is laid out in points (as the PDF's text is shaped) and the cairo context is
//    scaled to pixels once, so a chart looks the same at any pixels_per_mm; the PDF then shows
//    it at its width in millimetres.
//  - The value axis always starts at 0 and ends at a "nice" number (1, 2, 2.5 or 5 times a power
//    of ten, at least the largest value or reference): bars compare by length, and the ticks
//    read as round numbers.
//  - The legend names the series (when there are several, or the one has a name) and the
//    reference lines; a reference's value is in its label, not written on the plot, where it
//    would collide with bars.
//  - Horizontal bars without a height get 13 pt or more per row, so a list of 24 districts
//    stays readable; the other kinds default to 70 mm.
#include "formats/chart.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "formats/pdf_text.hpp"

namespace jaring::formats {
namespace {

using internal::ShapedText;
using internal::StyledText;
using internal::TextShaper;
using internal::TextStyle;

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kPad = 6;           // around the whole chart
constexpr double kTitleHeight = 16;  // a one-line title and the gap under it
constexpr double kLegendRow = 13;
constexpr double kTickHeight = 11;   // the value axis' labels under horizontal bars
constexpr double kMinRow = 13;       // a horizontal bar's row
constexpr double kDefaultHeightMm = 70;
constexpr double kGridGray = 0.86;
constexpr double kAxisGray = 0.35;
constexpr double kLabelGray = 0.25;

constexpr ChartColor kSeries[] = {{0x1F, 0x4E, 0x79}, {0x8D, 0xB4, 0xE2}, {0xE0, 0x7B, 0x39},
                                  {0x5B, 0x9B, 0x4A}};
constexpr ChartColor kReferences[] = {{0xC0, 0x39, 0x2B}, {0x6B, 0x6B, 0x6B}};

void SetColor(cairo_t* cr, ChartColor c) {
  cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

bool HasLegend(const Chart& chart) {
  return std::ranges::any_of(chart.series, [](const ChartSeries& s) { return !s.name.empty(); }) ||
         !chart.references.empty();
}

double RowHeight(const Chart& chart) {
  return std::max(kMinRow, 7.0 * static_cast<double>(chart.series.size()) + 6);
}

double HeightPt(const Chart& chart) {
  if (chart.height_mm > 0) return chart.height_mm * kPtPerMm;
  if (chart.kind != ChartKind::kHorizontalBars) return kDefaultHeightMm * kPtPerMm;
  return 2 * kPad + (chart.title.empty() ? 0 : kTitleHeight) + (HasLegend(chart) ? kLegendRow : 0) +
         RowHeight(chart) * static_cast<double>(chart.categories.size()) + kTickHeight + 4;
}

std::string DefaultFormat(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

// The axis: 0 to `top` in steps of `step`.
struct Scale {
  double top = 1, step = 0.2;
};

Scale ScaleFor(double max, bool whole) {
  if (max <= 0) return whole ? Scale{5, 1} : Scale{1, 0.2};
  const double raw = max / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / magnitude;
  double step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10) * magnitude;
  if (whole) step = step < 1 ? 1 : std::floor(step);
  // Guard against 0.30000000000000004-style overshoot adding an empty tick.
  const double top = std::ceil(max / step - 1e-9) * step;
  return {top, step};
}

class Painter {
 public:
  Painter(cairo_t* cr, const TextShaper& shaper, const Chart& chart, double width, double height)
      : cr_(cr), shaper_(shaper), chart_(chart), width_(width), height_(height) {
    format_ = chart.format_value ? chart.format_value : DefaultFormat;
    tick_ = chart.format_tick ? chart.format_tick : format_;
    double max = 0;
    for (const auto& s : chart.series)
      for (const auto& v : s.values)
        if (v) max = std::max(max, *v);
    for (const auto& r : chart.references) max = std::max(max, r.value);
    scale_ = ScaleFor(max, chart.whole_numbers);
  }

  void Paint() {
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_paint(cr_);
    double top = kPad;
    if (!chart_.title.empty()) {
      ShapedText title = Shape(chart_.title, {.size_pt = 9.5, .bold = true, .max_lines = 1},
                               width_ - 2 * kPad);
      title.Draw(cr_, kPad, top, 0, 1);
      top += kTitleHeight;
    }
    if (HasLegend(chart_)) top = Legend(top);
    if (chart_.kind == ChartKind::kHorizontalBars) {
      Horizontal(top);
    } else {
      Vertical(top);
    }
  }

 private:
  ShapedText Shape(std::string_view text, TextStyle style, double width = 0) const {
    return shaper_.Shape(StyledText::Plain(text, false), style, width);
  }

  // Swatches and names in rows, left to right; returns the top of what comes under it.
  double Legend(double top) {
    const TextStyle style{.size_pt = 8, .max_lines = 1, .gray = kLabelGray};
    double x = kPad;
    auto item = [&](std::string_view label, auto swatch) {
      ShapedText text = Shape(label, style);
      const double w = 14 + text.natural_width();
      if (x > kPad && x + w > width_ - kPad) {
        x = kPad;
        top += kLegendRow;
      }
      swatch(x, top + 5);
      text.Draw(cr_, x + 12, top, 0, 1);
      x += w + 12;
    };
    for (std::size_t i = 0; i < chart_.series.size(); ++i) {
      if (chart_.series[i].name.empty()) continue;  // a lone unnamed series needs no key
      item(chart_.series[i].name, [&](double sx, double sy) {
        SetColor(cr_, kSeries[i]);
        if (chart_.kind == ChartKind::kLines) {
          cairo_set_line_width(cr_, 1.8);
          cairo_move_to(cr_, sx, sy);
          cairo_line_to(cr_, sx + 9, sy);
          cairo_stroke(cr_);
        } else {
          cairo_rectangle(cr_, sx, sy - 3.5, 8, 7);
          cairo_fill(cr_);
        }
      });
    }
    for (std::size_t i = 0; i < chart_.references.size(); ++i) {
      item(chart_.references[i].label,
           [&](double sx, double sy) { Dashed(i, sx, sy, sx + 10, sy); });
    }
    return top + kLegendRow;
  }

  // Reference line `reference`'s dashes, from (x1, y1) to (x2, y2).
  void Dashed(std::size_t reference, double x1, double y1, double x2, double y2) {
    static constexpr double kDash[] = {4, 2.5};
    SetColor(cr_, kReferences[reference]);
    cairo_set_line_width(cr_, 1.2);
    cairo_set_dash(cr_, kDash, 2, 0);
    cairo_move_to(cr_, x1, y1);
    cairo_line_to(cr_, x2, y2);
    cairo_stroke(cr_);
    cairo_set_dash(cr_, nullptr, 0, 0);
  }

  void Line(double x1, double y1, double x2, double y2, double gray, double width) {
    cairo_set_source_rgb(cr_, gray, gray, gray);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x1, y1);
    cairo_line_to(cr_, x2, y2);
    cairo_stroke(cr_);
  }

  std::vector<double> Ticks() const {
    std::vector<double> out;
    const int n = static_cast<int>(std::lround(scale_.top / scale_.step));
    for (int i = 0; i <= n; ++i) out.push_back(scale_.step * i);
    return out;
  }

  // Columns or lines over categories left to right, the value axis on the left.
  void Vertical(double top) {
    const std::size_t n = chart_.categories.size();
    const TextStyle tick_style{.size_pt = 7.5, .align = PdfAlign::kRight, .gray = kAxisGray};
    double axis_w = 0;
    std::vector<ShapedText> ticks;
    for (double t : Ticks()) {
      ticks.push_back(Shape(tick_(t), tick_style));
      axis_w = std::max(axis_w, ticks.back().natural_width());
    }
    const double x0 = kPad + axis_w + 5;
    const double x1 = width_ - kPad - (chart_.kind == ChartKind::kLines ? 4 : 0);
    const double slot = (x1 - x0) / static_cast<double>(n);
    // Every k-th category is named when the names would not fit side by side.
    const std::size_t every =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(26.0 / slot)));
    const TextStyle cat_style{.size_pt = 8, .align = PdfAlign::kCenter, .max_lines = 2,
                              .gray = kLabelGray};
    std::vector<std::optional<ShapedText>> names(n);
    double names_h = 0;
    for (std::size_t i = 0; i < n; i += every) {
      names[i] = Shape(chart_.categories[i], cat_style, slot * static_cast<double>(every) - 2);
      names_h = std::max(names_h, names[i]->height());
    }
    const double y0 = height_ - kPad - names_h - 4;  // the baseline of the plot
    const double y1 = top + (chart_.value_labels ? 10 : 4);
    const double plot_h = y0 - y1;
    auto y_of = [&](double v) { return y0 - v / scale_.top * plot_h; };

    const auto values = Ticks();
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double y = y_of(values[i]);
      if (i > 0) Line(x0, y, x1, y, kGridGray, 0.5);
      ticks[i].Draw(cr_, x0 - 5 - axis_w, y - ticks[i].height() / 2, 0, 1);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!names[i]) continue;
      const double w = slot * static_cast<double>(every) - 2;
      names[i]->Draw(cr_, x0 + slot * (static_cast<double>(i) + 0.5) - w / 2, y0 + 4, 0, 2);
    }

    const TextStyle value_style{.size_pt = 7, .gray = kLabelGray};
    const std::size_t ns = chart_.series.size();
    if (chart_.kind == ChartKind::kBars) {
      const double group = slot * 0.72;
      const double bar = group / static_cast<double>(ns);
      for (std::size_t s = 0; s < ns; ++s) {
        for (std::size_t i = 0; i < n; ++i) {
          const auto& v = chart_.series[s].values[i];
          if (!v) continue;
          const double x = x0 + slot * static_cast<double>(i) + (slot - group) / 2 +
                           bar * static_cast<double>(s);
          SetColor(cr_, kSeries[s]);
          cairo_rectangle(cr_, x, y_of(*v), bar, y0 - y_of(*v));
          cairo_fill(cr_);
          if (!chart_.value_labels) continue;
          ShapedText label = Shape(format_(*v), value_style);
          if (label.natural_width() > bar + (slot - group) * 0.8) continue;  // would overlap
          const double lx = x + bar / 2 - label.natural_width() / 2;
          const double ly = y_of(*v) - label.height() - 1;
          Later(std::move(label), lx, ly);
        }
      }
    } else {
      for (std::size_t s = 0; s < ns; ++s) {
        SetColor(cr_, kSeries[s]);
        cairo_set_line_width(cr_, 1.8);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        bool open = false;
        for (std::size_t i = 0; i < n; ++i) {
          const auto& v = chart_.series[s].values[i];
          if (!v) {
            if (open) cairo_stroke(cr_);
            open = false;
            continue;
          }
          const double x = x0 + slot * (static_cast<double>(i) + 0.5);
          if (open) {
            cairo_line_to(cr_, x, y_of(*v));
          } else {
            cairo_move_to(cr_, x, y_of(*v));
            open = true;
          }
        }
        if (open) cairo_stroke(cr_);
        std::optional<std::size_t> last;
        for (std::size_t i = 0; i < n; ++i) {
          const auto& v = chart_.series[s].values[i];
          if (!v) continue;
          last = i;
          cairo_arc(cr_, x0 + slot * (static_cast<double>(i) + 0.5), y_of(*v), 2.6, 0, 2 * M_PI);
          cairo_fill(cr_);
        }
        if (chart_.value_labels && last) {
          const double v = *chart_.series[s].values[*last];
          ShapedText label = Shape(format_(v), value_style);
          double x = x0 + slot * (static_cast<double>(*last) + 0.5) - label.natural_width() / 2;
          x = std::clamp(x, x0, width_ - kPad - label.natural_width());
          // Above the point, else under it, else further up: never over another line's label.
          const double above = y_of(v) - label.height() - 3;
          double y = above;
          for (int k = 0; Collides(x, y, label) && k < 8; ++k)
            y = k == 0 ? y_of(v) + 4 : above - k * label.height();
          Later(std::move(label), x, y);
        }
      }
    }
    for (std::size_t r = 0; r < chart_.references.size(); ++r) {
      const double y = y_of(chart_.references[r].value);
      Dashed(r, x0, y, x1, y);
    }
    Line(x0, y0, x1, y0, kAxisGray, 0.8);
    DrawLabels();
  }

  // A row per category, the names right-aligned on the left, the value axis under the rows.
  void Horizontal(double top) {
    const std::size_t n = chart_.categories.size();
    const std::size_t ns = chart_.series.size();
    const TextStyle name_style{.size_pt = 8, .max_lines = 1, .gray = kLabelGray};
    double names_w = 0;
    for (const auto& c : chart_.categories)
      names_w = std::max(names_w, Shape(c, name_style).natural_width());
    names_w = std::min(names_w, width_ * 0.32);
    const TextStyle value_style{.size_pt = 7, .gray = kLabelGray};
    double values_w = 0;
    if (chart_.value_labels) {
      for (const auto& s : chart_.series)
        for (const auto& v : s.values)
          if (v) values_w = std::max(values_w, Shape(format_(*v), value_style).natural_width());
    }
    const double x0 = kPad + names_w + 6;
    const double x1 = width_ - kPad - (values_w > 0 ? values_w + 4 : 6);
    const double y0 = top + 2;
    const double y1 = height_ - kPad - kTickHeight - 2;
    const double row = (y1 - y0) / static_cast<double>(n);
    auto x_of = [&](double v) { return x0 + v / scale_.top * (x1 - x0); };

    const TextStyle tick_style{.size_pt = 7.5, .align = PdfAlign::kCenter, .gray = kAxisGray};
    for (double t : Ticks()) {
      const double x = x_of(t);
      if (t > 0) Line(x, y0, x, y1, kGridGray, 0.5);
      ShapedText label = Shape(tick_(t), tick_style, 60);
      label.Draw(cr_, x - 30, y1 + 3, 0, 1);
    }
    TextStyle right_aligned = name_style;
    right_aligned.align = PdfAlign::kRight;
    const double group = std::min(row * 0.72, 7.0 * static_cast<double>(ns) + 3);
    const double bar = group / static_cast<double>(ns);
    for (std::size_t i = 0; i < n; ++i) {
      const double row_top = y0 + row * static_cast<double>(i);
      ShapedText name = Shape(chart_.categories[i], right_aligned, names_w);
      name.Draw(cr_, kPad, row_top + (row - name.height()) / 2, 0, 1);
      for (std::size_t s = 0; s < ns; ++s) {
        const auto& v = chart_.series[s].values[i];
        const double y = row_top + (row - group) / 2 + bar * static_cast<double>(s);
        if (!v) {
          ShapedText dash = Shape("\u2013", value_style);
          dash.Draw(cr_, x0 + 3, y + (bar - dash.height()) / 2, 0, 1);
          continue;
        }
        SetColor(cr_, kSeries[s]);
        cairo_rectangle(cr_, x0, y, x_of(*v) - x0, bar);
        cairo_fill(cr_);
        if (!chart_.value_labels) continue;
        ShapedText label = Shape(format_(*v), value_style);
        const double label_y = y + (bar - label.height()) / 2;
        Later(std::move(label), x_of(*v) + 3, label_y);
      }
    }
    for (std::size_t r = 0; r < chart_.references.size(); ++r) {
      const double x = x_of(chart_.references[r].value);
      Dashed(r, x, y0, x, y1);
    }
    Line(x0, y0, x0, y1, kAxisGray, 0.8);
    DrawLabels();
  }

  // Value labels go on last, each on a white patch, so that grid and reference lines never run
  // through a number.
  struct Pending {
    ShapedText text;
    double x, y;
  };

  void Later(ShapedText text, double x, double y) { labels_.push_back({std::move(text), x, y}); }

  bool Collides(double x, double y, const ShapedText& text) const {
    return std::ranges::any_of(labels_, [&](const Pending& p) {
      return x < p.x + p.text.natural_width() && p.x < x + text.natural_width() &&
             y < p.y + p.text.height() && p.y < y + text.height();
    });
  }

  void DrawLabels() {
    for (const Pending& p : labels_) {
      cairo_set_source_rgb(cr_, 1, 1, 1);
      cairo_rectangle(cr_, p.x - 1, p.y, p.text.natural_width() + 2, p.text.height());
      cairo_fill(cr_);
      p.text.Draw(cr_, p.x, p.y, 0, 1);
    }
    labels_.clear();
  }

  cairo_t* cr_;
  const TextShaper& shaper_;
  const Chart& chart_;
  double width_, height_;
  std::function<std::string(double)> format_, tick_;
  Scale scale_;
  std::vector<Pending> labels_;
};

Status Check(const Chart& chart) {
  if (chart.categories.empty()) return Fail(Error::InvalidArgument("Grafik tanpa kategori"));
  if (chart.series.empty() || chart.series.size() > std::size(kSeries))
    return Fail(Error::InvalidArgument("Grafik harus berisi 1 sampai 4 deret"));
  if (chart.references.size() > std::size(kReferences))
    return Fail(Error::InvalidArgument("Grafik paling banyak berisi 2 garis acuan"));
  for (const auto& s : chart.series) {
    if (s.values.size() != chart.categories.size())
      return Fail(Error::InvalidArgument("Deret \"" + s.name + "\" tidak sepanjang kategorinya"));
    for (const auto& v : s.values)
      if (v && (!std::isfinite(*v) || *v < 0))
        return Fail(Error::InvalidArgument("Nilai grafik harus bilangan tidak negatif"));
  }
  for (const auto& r : chart.references)
    if (!std::isfinite(r.value) || r.value < 0)
      return Fail(Error::InvalidArgument("Garis acuan harus bilangan tidak negatif"));
  const double h = HeightPt(chart) / kPtPerMm;
  if (chart.width_mm < 20 || chart.width_mm > 400 || h < 20 || h > 400 ||
      chart.pixels_per_mm < 2 || chart.pixels_per_mm > 20)
    return Fail(Error::InvalidArgument("Ukuran grafik di luar batas"));
  return {};
}

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

ChartColor ChartSeriesColor(std::size_t index) { return kSeries[index % std::size(kSeries)]; }
ChartColor ChartReferenceColor(std::size_t index) {
  return kReferences[index % std::size(kReferences)];
}

std::pair<int, int> ChartPixelSize(const Chart& chart) {
  if (chart.series.empty()) return {0, 0};
  const double px_per_pt = chart.pixels_per_mm / kPtPerMm;
  return {static_cast<int>(std::lround(chart.width_mm * kPtPerMm * px_per_pt)),
          static_cast<int>(std::lround(HeightPt(chart) * px_per_pt))};
}

Result<std::string> RenderChartPng(const Chart& chart) {
  if (auto ok = Check(chart); !ok) return Fail(ok.error());
  auto shaper = TextShaper::Create();
  if (!shaper) return Fail(std::move(shaper.error()));
  const auto [w, h] = ChartPixelSize(chart);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  const double px_per_pt = chart.pixels_per_mm / kPtPerMm;
  cairo_scale(cr, px_per_pt, px_per_pt);
  Painter(cr, *shaper, chart, w / px_per_pt, h / px_per_pt).Paint();
  cairo_destroy(cr);
  std::string png;
  const cairo_status_t status = cairo_surface_write_to_png_stream(surface, AppendBytes, &png);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return Fail(Error::Internal(std::string("Grafik tidak dapat ditulis: ") +
                                cairo_status_to_string(status)));
  return png;
}

}  // namespace jaring::formats
