#include "formats/pdf_text.hpp"

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <string>
#include <utility>

namespace jaring::formats::internal {

namespace {

constexpr char kFamily[] = "Noto Sans";

void AppendCodePoint(std::string& out, gunichar c) {
  char buf[8];
  int n = g_unichar_to_utf8(c, buf);
  out.append(buf, static_cast<std::size_t>(n));
}

// Control characters (C0, DEL, C1) would be drawn as hex boxes or not at all.
bool IsControl(gunichar c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0); }

// Cuts the layout's text to `max_lines` lines ending in "…". Not Pango's ellipsizing: cairo
// maps its "…" glyph to all the text it hides, which a PDF reader would then extract.
void Truncate(PangoLayout* layout, const std::string& text, int max_lines) {
  PangoLayoutLine* last = pango_layout_get_line_readonly(layout, max_lines - 1);
  auto cut = static_cast<std::size_t>(last->start_index + last->length);
  while (cut > 0) {
    std::string shown = text.substr(0, cut);
    while (!shown.empty() && (shown.back() == ' ' || shown.back() == '\n')) shown.pop_back();
    shown += "\u2026";
    pango_layout_set_text(layout, shown.data(), static_cast<int>(shown.size()));
    if (pango_layout_get_line_count(layout) <= max_lines) return;
    // The ellipsis pushed a word onto another line: drop the last word (or character).
    std::size_t space = text.rfind(' ', cut - 1);
    if (space != std::string::npos && space > 0) {
      cut = space;
    } else {
      cut = static_cast<std::size_t>(g_utf8_prev_char(text.data() + cut) - text.data());
    }
  }
  pango_layout_set_text(layout, "\u2026", -1);
}

}  // namespace

std::string CleanText(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    auto byte = static_cast<unsigned char>(*p);
    if (byte == '\r' || byte == '\n') {
      out.push_back(keep_newlines ? '\n' : ' ');
      p += (byte == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
      continue;
    }
    if (byte < 0x80) {
      out.push_back(IsControl(byte) ? ' ' : static_cast<char>(byte));
      ++p;
      continue;
    }
    gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) {
      AppendCodePoint(out, 0xFFFD);  // one per bad byte, as decoders commonly do
      ++p;
      continue;
    }
    if (IsControl(c)) {
      out.push_back(' ');
    } else {
      AppendCodePoint(out, c);
    }
    p = g_utf8_next_char(p);
  }
  return out;
}

StyledText StyledText::Plain(std::string_view text, bool keep_newlines) {
  return {CleanText(text, keep_newlines), {}};
}

StyledText StyledText::FromRuns(const std::vector<PdfRun>& runs) {
  StyledText out;
  for (const PdfRun& run : runs) {
    auto start = static_cast<std::uint32_t>(out.text.size());
    out.text += CleanText(run.text);
    auto stop = static_cast<std::uint32_t>(out.text.size());
    if (run.bold && stop > start) out.bold.emplace_back(start, stop);
  }
  return out;
}

void ShapedText::Unref::operator()(PangoLayout* layout) const { g_object_unref(layout); }

void ShapedText::Draw(cairo_t* cr, double x, double y, int first, int end) const {
  if (first >= end || first >= line_count()) return;
  cairo_set_source_rgb(cr, gray_, gray_, gray_);
  const double origin = lines_[static_cast<std::size_t>(first)].top;
  PangoLayoutIter* it = pango_layout_get_iter(layout_.get());
  int i = 0;
  do {
    if (i >= first) {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double baseline = pango_units_to_double(pango_layout_iter_get_baseline(it));
      cairo_move_to(cr, x + pango_units_to_double(logical.x), y + baseline - origin);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
    }
    ++i;
  } while (i < end && pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

Result<TextShaper> TextShaper::Create() {
  PangoFontMap* font_map = pango_cairo_font_map_new();
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map), 72.0);  // 1 unit = 1 pt
  PangoContext* context = pango_font_map_create_context(font_map);
  TextShaper shaper(font_map, context);

  // Outlines as designed: no hinting, no rounding of metrics or glyph positions, so that the
  // layout does not depend on a device resolution.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context, FALSE);

  // fontconfig substitutes silently; an official document in another font is refused instead.
  PangoFontDescription* wanted = pango_font_description_from_string("Noto Sans 10");
  PangoFont* font = pango_font_map_load_font(font_map, context, wanted);
  pango_font_description_free(wanted);
  std::string family;
  if (font != nullptr) {
    PangoFontDescription* got = pango_font_describe(font);
    if (const char* name = pango_font_description_get_family(got)) family = name;
    pango_font_description_free(got);
    g_object_unref(font);
  }
  if (g_ascii_strcasecmp(family.c_str(), kFamily) != 0) {
    return Fail(Error::FailedPrecondition(
        "Huruf Noto Sans tidak terpasang; dokumen PDF tidak dapat dibuat",
        "fontconfig resolved \"Noto Sans\" to \"" + family + "\" (install fonts-noto-core)"));
  }
  return shaper;
}

TextShaper::TextShaper(PangoFontMap* font_map, PangoContext* context)
    : font_map_(font_map), context_(context) {}

TextShaper::TextShaper(TextShaper&& other) noexcept
    : font_map_(std::exchange(other.font_map_, nullptr)),
      context_(std::exchange(other.context_, nullptr)) {}

TextShaper& TextShaper::operator=(TextShaper&& other) noexcept {
  std::swap(font_map_, other.font_map_);
  std::swap(context_, other.context_);
  return *this;
}

TextShaper::~TextShaper() {
  if (context_ != nullptr) g_object_unref(context_);
  if (font_map_ != nullptr) g_object_unref(font_map_);
}

ShapedText TextShaper::Shape(const StyledText& text, const TextStyle& style,
                             double width_pt) const {
  PangoLayout* layout = pango_layout_new(context_);
  ShapedText out;
  out.layout_.reset(layout);
  out.gray_ = style.gray;

  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, kFamily);
  pango_font_description_set_size(font, static_cast<int>(style.size_pt * PANGO_SCALE + 0.5));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);

  pango_layout_set_text(layout, text.text.data(), static_cast<int>(text.text.size()));
  if (!text.bold.empty() || style.underline) {
    PangoAttrList* attrs = pango_attr_list_new();
    for (const auto& [start, stop] : text.bold) {
      PangoAttribute* attr = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      attr->start_index = start;
      attr->end_index = stop;
      pango_attr_list_insert(attrs, attr);
    }
    if (style.underline)
      pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
  }

  if (width_pt > 0) {
    pango_layout_set_width(layout, pango_units_from_double(width_pt));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);  // a long NIK or file name still breaks
  }
  switch (style.align) {
    case PdfAlign::kLeft:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      break;
    case PdfAlign::kCenter:
      pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
      break;
    case PdfAlign::kRight:
      pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
      break;
    case PdfAlign::kJustify:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      pango_layout_set_justify(layout, TRUE);
      break;
  }

  if (style.max_lines > 0 && pango_layout_get_line_count(layout) > style.max_lines) {
    Truncate(layout, text.text, style.max_lines);
  }

  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    int y0 = 0;
    int y1 = 0;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    out.lines_.push_back({pango_units_to_double(y0), pango_units_to_double(y1)});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);

  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  out.natural_width_ = pango_units_to_double(logical.width);
  return out;
}

}  // namespace jaring::formats::internal
