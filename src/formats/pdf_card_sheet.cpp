// Design notes
//  - Cards on a sheet abut (a shared cut between neighbours): the cut marks sit only in the
//    margins, on the lines the guillotine follows, so nothing is printed inside a card's edge.
//  - The code keeps a quiet zone of four modules (ISO/IEC 18004) on a white ground.
#include "formats/pdf_card_sheet.hpp"

#include <cairo.h>

#include <algorithm>

#include "formats/pdf_render.hpp"
#include "formats/pdf_text.hpp"

namespace jaring::formats {
namespace {

using internal::StyledText;
using internal::TextShaper;
using internal::TextStyle;

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kA4WidthMm = 210, kA4HeightMm = 297;
constexpr int kColumns = 2, kRows = 5;
constexpr double kCodeMm = 23;  // the code with its quiet zone
constexpr int kQuietModules = 4;

double Pt(double mm) { return mm * kPtPerMm; }

void DrawText(cairo_t* cr, const TextShaper& shaper, std::string_view text, TextStyle style,
              double x, double y, double width) {
  style.max_lines = 1;
  auto shaped = shaper.Shape(StyledText::Plain(text, false), style, width);
  shaped.Draw(cr, x, y, 0, shaped.line_count());
}

// DrawText on one line, the font made smaller (down to 4.5 pt) when the text is wider than
// `width`: a long name or program stays whole rather than ending in "…".
void DrawFitted(cairo_t* cr, const TextShaper& shaper, std::string_view text, TextStyle style,
                double x, double y, double width) {
  const auto natural = shaper.Shape(StyledText::Plain(text, false), style, 0);
  if (natural.natural_width() > width) {
    style.size_pt = std::max(4.5, style.size_pt * width / natural.natural_width());
  }
  DrawText(cr, shaper, text, style, x, y, width);
}

void DrawCode(cairo_t* cr, const PdfCodeMatrix& code, double x, double y, double side) {
  const int span = code.size + 2 * kQuietModules;
  const double module = side / span;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, side, side);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int r = 0; r < code.size; ++r) {
    for (int c = 0; c < code.size; ++c) {
      if (code.modules[static_cast<std::size_t>(r * code.size + c)] == 0) continue;
      cairo_rectangle(cr, x + (c + kQuietModules) * module, y + (r + kQuietModules) * module,
                      module, module);
    }
  }
  cairo_fill(cr);
}

// One card with its top-left corner at (x, y), in points.
void DrawCard(cairo_t* cr, const TextShaper& shaper, const PdfCard& card, double x, double y,
              bool outline) {
  const double w = Pt(kCardWidthMm), h = Pt(kCardHeightMm), pad = Pt(3.5);
  if (outline) {  // a hairline where the card is cut, faint: a guide, not a frame
    cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
    cairo_set_line_width(cr, 0.25);
    cairo_rectangle(cr, x, y, w, h);
    cairo_stroke(cr);
  }
  // The band.
  const double band = Pt(11);
  cairo_set_source_rgb(cr, 0.06, 0.33, 0.27);
  cairo_rectangle(cr, x, y, w, band);
  cairo_fill(cr);
  TextStyle title{.size_pt = 7.5, .bold = true, .gray = 1};
  DrawFitted(cr, shaper, card.title, title, x + pad, y + Pt(1.6), w - 2 * pad);
  TextStyle subtitle{.size_pt = 6.5, .gray = 1};
  DrawText(cr, shaper, card.subtitle, subtitle, x + pad, y + Pt(5.8), w - 2 * pad);

  // The rows, left of the code.
  const double code_side = Pt(kCodeMm);
  const double code_x = x + w - pad - code_side + Pt(1.5);  // the quiet zone may reach the pad
  const double text_w = code_x - (x + pad) - Pt(1);
  const double label_w = Pt(12);
  TextStyle label{.size_pt = 6.2, .gray = 0.35};
  TextStyle value{.size_pt = 7, .bold = true};
  double row_y = y + band + Pt(2.2);
  for (const auto& row : card.rows) {
    DrawText(cr, shaper, row.label, label, x + pad, row_y + Pt(0.3), label_w);
    DrawFitted(cr, shaper, row.value, value, x + pad + label_w, row_y, text_w - label_w);
    row_y += Pt(5.2);
  }
  // The code and its caption.
  const double code_y = y + h - pad - code_side + Pt(0.5);
  if (card.code.size > 0) DrawCode(cr, card.code, code_x, code_y - Pt(2.5), code_side);
  TextStyle small{.size_pt = 5, .align = PdfAlign::kCenter, .gray = 0.35};
  DrawText(cr, shaper, card.code_caption, small, code_x, code_y + code_side - Pt(2.4), code_side);
  TextStyle footer{.size_pt = 5.5, .gray = 0.35};
  DrawText(cr, shaper, card.footer, footer, x + pad, y + h - pad - Pt(2.2), text_w);
}

// Short lines in the margins along every cut of a sheet's grid.
void DrawCutMarks(cairo_t* cr, double left, double top) {
  const double w = Pt(kCardWidthMm), h = Pt(kCardHeightMm), gap = Pt(1.5), len = Pt(6);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.3);
  const double right = left + kColumns * w, bottom = top + kRows * h;
  for (int c = 0; c <= kColumns; ++c) {
    const double cx = left + c * w;
    cairo_move_to(cr, cx, top - gap);
    cairo_line_to(cr, cx, top - gap - len);
    cairo_move_to(cr, cx, bottom + gap);
    cairo_line_to(cr, cx, bottom + gap + len);
  }
  for (int r = 0; r <= kRows; ++r) {
    const double cy = top + r * h;
    cairo_move_to(cr, left - gap, cy);
    cairo_line_to(cr, left - gap - len, cy);
    cairo_move_to(cr, right + gap, cy);
    cairo_line_to(cr, right + gap + len, cy);
  }
  cairo_stroke(cr);
}

}  // namespace

Result<std::string> RenderCardsPdf(const std::vector<PdfCard>& cards, PdfCardLayout layout,
                                   const PdfMetadata& metadata) {
  if (cards.empty()) return Fail(Error::InvalidArgument("Tidak ada kartu untuk dicetak"));
  if (metadata.created.time_since_epoch().count() == 0) {
    return Fail(Error::InvalidArgument("PDF tanpa tanggal pembuatan", "metadata.created"));
  }
  for (const auto& card : cards) {
    if (card.code.size < 0 ||
        card.code.modules.size() != static_cast<std::size_t>(card.code.size) * card.code.size) {
      return Fail(Error::InvalidArgument("Kode kartu tidak utuh", "code.modules"));
    }
  }
  auto shaper = TextShaper::Create();
  if (!shaper) return Fail(std::move(shaper.error()));
  if (layout == PdfCardLayout::kSingle) {
    return internal::RenderPdfPages(Pt(kCardWidthMm), Pt(kCardHeightMm), metadata,
                                    [&](cairo_t* cr) {
                                      for (const auto& card : cards) {
                                        DrawCard(cr, *shaper, card, 0, 0, false);
                                        cairo_show_page(cr);
                                      }
                                    });
  }
  const double left = Pt((kA4WidthMm - kColumns * kCardWidthMm) / 2);
  const double top = Pt((kA4HeightMm - kRows * kCardHeightMm) / 2);
  return internal::RenderPdfPages(Pt(kA4WidthMm), Pt(kA4HeightMm), metadata, [&](cairo_t* cr) {
    for (std::size_t first = 0; first < cards.size(); first += kCardsPerSheet) {
      DrawCutMarks(cr, left, top);
      for (std::size_t i = first; i < cards.size() && i < first + kCardsPerSheet; ++i) {
        const int slot = static_cast<int>(i - first);
        DrawCard(cr, *shaper, cards[i], left + (slot % kColumns) * Pt(kCardWidthMm),
                 top + (slot / kColumns) * Pt(kCardHeightMm), true);
      }
      cairo_show_page(cr);
    }
  });
}

}  // namespace jaring::formats
