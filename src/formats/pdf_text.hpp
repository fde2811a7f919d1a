// Internal to formats: text for the PDF writer, shaped by Pango in Noto Sans.
//
// The one place that knows Pango. Layout measures with it and rendering draws with it, through
// the same TextShaper settings (72 dpi so a Pango unit is a PDF point, no hinting, unrounded
// glyph positions), so that what was measured is what is drawn. Not thread-safe: one
// TextShaper per document, each with its own font map.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "formats/pdf_document.hpp"

typedef struct _cairo cairo_t;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoContext PangoContext;
typedef struct _PangoFontMap PangoFontMap;

namespace jaring::formats::internal {

// Valid UTF-8 for drawing: invalid bytes become U+FFFD, "\r\n" and "\r" become "\n" (or a space
// when !keep_newlines), tabs and other control characters become spaces.
std::string CleanText(std::string_view text, bool keep_newlines = true);

// Clean text with the byte ranges [first, second) drawn bold.
struct StyledText {
  std::string text;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bold;

  static StyledText Plain(std::string_view text, bool keep_newlines = true);
  static StyledText FromRuns(const std::vector<PdfRun>& runs);
};

struct TextStyle {
  double size_pt = 10;
  bool bold = false;
  bool underline = false;
  PdfAlign align = PdfAlign::kLeft;
  int max_lines = 0;  // > 0: lines past it are cut and the last ends with "…"
  double gray = 0;    // 0 black .. 1 white

  bool operator==(const TextStyle&) const = default;
};

// One shaped piece of text: its lines' vertical extents (points, from the top of the text).
class ShapedText {
 public:
  struct Line {
    double top = 0;
    double bottom = 0;
  };

  int line_count() const { return static_cast<int>(lines_.size()); }
  const Line& line(int i) const { return lines_[static_cast<std::size_t>(i)]; }
  double height() const { return lines_.empty() ? 0 : lines_.back().bottom; }
  double natural_width() const { return natural_width_; }

  // Draws lines [first, end) with the top of line `first` at (x, y); x is the left edge of the
  // width the text was shaped for.
  void Draw(cairo_t* cr, double x, double y, int first, int end) const;

 private:
  friend class TextShaper;
  struct Unref {
    void operator()(PangoLayout* layout) const;
  };
  std::unique_ptr<PangoLayout, Unref> layout_;
  std::vector<Line> lines_;
  double natural_width_ = 0;
  double gray_ = 0;
};

class TextShaper {
 public:
  // Errors: FailedPrecondition when fontconfig does not resolve "Noto Sans" to Noto Sans.
  static Result<TextShaper> Create();

  TextShaper(TextShaper&&) noexcept;
  TextShaper& operator=(TextShaper&&) noexcept;
  ~TextShaper();

  // width_pt <= 0: one line per "\n", as wide as the text.
  ShapedText Shape(const StyledText& text, const TextStyle& style, double width_pt) const;

 private:
  TextShaper(PangoFontMap* font_map, PangoContext* context);
  PangoFontMap* font_map_ = nullptr;
  PangoContext* context_ = nullptr;
};

}  // namespace jaring::formats::internal
