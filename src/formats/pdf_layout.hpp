// Internal to formats: the PDF writer's blocks, and the flow that lays them out on pages.
//
// LayOut() turns blocks into pages of drawing operations in PDF points (origin at the page's
// top-left corner), deciding every page break before anything is drawn, so that the renderer
// knows the page count for "Halaman X dari Y". Rules: a table row, a label : value row, a
// signature block, an image and a letterhead never split; a paragraph breaks between lines
// (not after its first line nor before its last); titles and headings stay with what follows;
// a table's header row is drawn again at the top of each page it continues on.
// Operations point into the blocks (text, images): the blocks must outlive the pages.
#pragma once

#include <memory>
#include <utility>
#include <variant>
#include <vector>

#include "formats/pdf_document.hpp"
#include "formats/pdf_text.hpp"

typedef struct _cairo_surface cairo_surface_t;

namespace jaring::formats::internal {

inline constexpr double kPointsPerMm = 72.0 / 25.4;

// A4 in points and the margins of the body.
struct PageGeometry {
  double width = 0;
  double height = 0;
  double margin_top = 0;
  double margin_bottom = 0;
  double margin_left = 0;
  double margin_right = 0;

  double body_width() const { return width - margin_left - margin_right; }
  double body_height() const { return height - margin_top - margin_bottom; }
  double body_bottom() const { return height - margin_bottom; }
};

// A decoded PNG, shared between the block that holds it and the pages that draw it.
struct Image {
  explicit Image(cairo_surface_t* surface);
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  ~Image();

  cairo_surface_t* surface = nullptr;  // owned: a cairo image surface
  int pixel_width = 0;
  int pixel_height = 0;
};

struct LetterheadBlock {
  std::shared_ptr<const Image> logo;  // may be null
  double logo_height_pt = 0;
  std::vector<StyledText> authority;
  std::vector<StyledText> address;
};
struct TitleBlock {
  StyledText text;
};
struct HeadingBlock {
  StyledText text;
  int level = 1;
};
struct ParagraphBlock {
  StyledText text;
  PdfAlign align = PdfAlign::kJustify;
};
struct KeyValueBlock {
  std::vector<std::pair<StyledText, StyledText>> rows;
};
struct TableBlock {
  std::vector<StyledText> titles;
  std::vector<double> widths_pt;  // resolved from mm and shares when the table was added
  std::vector<PdfAlign> aligns;
  std::vector<std::vector<StyledText>> rows;
  std::vector<bool> bold_rows;
  PdfTableStyle style = PdfTableStyle::kLines;
  bool repeat_header = true;
  double font_size_pt = 9;
};
struct SignatureBlock {
  struct Signer {
    StyledText caption, role, name, id_line;
  };
  std::vector<Signer> signers;
  StyledText place_date;
  int place_date_column = 0;  // resolved: 0 .. signers.size() - 1
  double sign_space_pt = 0;
};
struct ImageBlock {
  std::shared_ptr<const Image> image;
  double width_pt = 0;
  double height_pt = 0;
  PdfAlign align = PdfAlign::kCenter;
};
struct SpaceBlock {
  double height_pt = 0;
};
struct PageBreakBlock {};

using Block = std::variant<LetterheadBlock, TitleBlock, HeadingBlock, ParagraphBlock, KeyValueBlock,
                           TableBlock, SignatureBlock, ImageBlock, SpaceBlock, PageBreakBlock>;

// Drawing operations. Text is drawn by shaping `text` again with the same style and width,
// then drawing lines [first_line, end_line) with the top of the first at (x, y).
struct TextOp {
  const StyledText* text = nullptr;
  TextStyle style;
  double x = 0;
  double y = 0;
  double width = 0;
  int first_line = 0;
  int end_line = 0;
};
struct RectOp {
  double x = 0, y = 0, width = 0, height = 0;
  double gray = 0;
};
struct LineOp {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double line_width = 0.5;
  double gray = 0;
};
struct ImageOp {
  const Image* image = nullptr;
  double x = 0, y = 0, width = 0, height = 0;
};
using Op = std::variant<TextOp, RectOp, LineOp, ImageOp>;

struct Page {
  std::vector<Op> ops;
};

// At least one page (an empty document is one empty page).
std::vector<Page> LayOut(const std::vector<Block>& blocks, const PageGeometry& geometry,
                         const TextShaper& shaper, double font_size_pt);

}  // namespace jaring::formats::internal
