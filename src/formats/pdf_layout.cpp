// Design notes. Layout runs in two steps:
//  1. Every block becomes a list of units: the pieces that are never split (a paragraph line, a
//     table row, a whole signature block), each with its height, the space wanted above it
//     (dropped at the top of a page), whether it must stay with the next unit, and the drawing
//     operations of its content with y measured from the unit's top.
//  2. Pagination places units top to bottom. A unit that does not fit opens a page; a chain of
//     units that must stay together (a heading, a table's header row and its first row) moves
//     as a whole when it fits on one page. A table row that opens a page brings its table's
//     header row with it.
// Invariant: no unit is taller than the body. Tables cap each row at the lines that fit under
// a header row (the rest of a huge cell ends with "…"), other blocks cap their lines.
#include "formats/pdf_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <type_traits>

namespace jaring::formats::internal {

namespace {

constexpr double kCellPadX = 3;
constexpr double kCellPadY = 2.5;
constexpr double kLineGray = 0.25;  // table rules
constexpr double kHeaderFill = 0.87;
constexpr double kZebraFill = 0.95;

struct Unit {
  double height = 0;
  double space_before = 0;
  bool keep_with_next = false;
  bool page_break = false;
  std::ptrdiff_t repeat = -1;  // a unit (table header) drawn first when this one opens a page
  std::vector<Op> ops;         // y from the unit's top
};

void Shift(Op& op, double dy) {
  std::visit(
      [dy](auto& o) {
        if constexpr (std::is_same_v<std::decay_t<decltype(o)>, LineOp>) {
          o.y1 += dy;
          o.y2 += dy;
        } else {
          o.y += dy;
        }
      },
      op);
}

class UnitBuilder {
 public:
  UnitBuilder(const PageGeometry& geometry, const TextShaper& shaper, double font_size_pt)
      : g_(geometry), shaper_(shaper), font_(font_size_pt) {}

  std::vector<Unit> Build(const std::vector<Block>& blocks) {
    for (const Block& block : blocks) std::visit(*this, block);
    return std::move(units_);
  }

  void operator()(const LetterheadBlock& b) {
    Unit u;
    const double left = g_.margin_left;
    double logo_w = 0;
    double logo_h = 0;
    if (b.logo) {
      // At most a quarter of the body either way, keeping the aspect ratio.
      const double aspect = static_cast<double>(b.logo->pixel_width) / b.logo->pixel_height;
      logo_h = std::min({b.logo_height_pt, g_.body_height() / 4, g_.body_width() / 4 / aspect});
      logo_w = logo_h * aspect;
    }
    // The lines are centred on the page, clear of the logo on both sides.
    const double inset = logo_w > 0 ? logo_w + 4 : 0;
    const double text_w = g_.body_width() - 2 * inset;
    double text_h = 0;
    std::vector<TextOp> lines;
    auto add = [&](const StyledText& text, const TextStyle& style) {
      Measured m = Text(text, style, left + inset, text_h, text_w);
      lines.push_back(m.op);
      text_h += m.height;
    };
    for (std::size_t i = 0; i < b.authority.size(); ++i) {
      bool last = i + 1 == b.authority.size();
      add(b.authority[i], {.size_pt = font_ * (last ? 1.55 : 1.3),
                           .bold = true,
                           .align = PdfAlign::kCenter,
                           .max_lines = 2});
    }
    for (const StyledText& line : b.address) {
      add(line, {.size_pt = font_ * 0.85, .align = PdfAlign::kCenter, .max_lines = 2});
    }
    const double top_h = std::max(logo_h, text_h);
    if (b.logo) u.ops.push_back(ImageOp{b.logo.get(), left, (top_h - logo_h) / 2, logo_w, logo_h});
    for (TextOp& op : lines) {
      op.y += (top_h - text_h) / 2;
      u.ops.push_back(op);
    }
    // The kop surat's double rule: thick, then thin.
    const double rule = top_h + 4;
    const double right = left + g_.body_width();
    u.ops.push_back(LineOp{left, rule, right, rule, 1.8, 0});
    u.ops.push_back(LineOp{left, rule + 2.6, right, rule + 2.6, 0.6, 0});
    u.height = rule + 4;
    Push(std::move(u));
  }

  void operator()(const TitleBlock& b) {
    Unit u = Whole(
        b.text, {.size_pt = font_ * 1.3, .bold = true, .align = PdfAlign::kCenter, .max_lines = 6},
        8);
    u.keep_with_next = true;
    Push(std::move(u));
  }

  void operator()(const HeadingBlock& b) {
    const bool top_level = b.level <= 1;
    Unit u =
        Whole(b.text, {.size_pt = font_ * (top_level ? 1.1 : 1.0), .bold = true, .max_lines = 4},
              top_level ? 12 : 8);
    u.keep_with_next = true;
    Push(std::move(u));
  }

  void operator()(const ParagraphBlock& b) {
    TextStyle style{.size_pt = font_, .align = b.align};
    ShapedText shaped = shaper_.Shape(b.text, style, g_.body_width());
    const int n = shaped.line_count();
    for (int i = 0; i < n; ++i) {
      const ShapedText::Line& line = shaped.line(i);
      Unit u;
      u.height = line.bottom - line.top;
      u.space_before = i == 0 ? 6 : 0;
      // No orphan (first line alone at a page's foot) and no widow (last line alone on top).
      u.keep_with_next = i + 1 < n && (i == 0 || i == n - 2);
      u.ops.push_back(TextOp{&b.text, style, g_.margin_left, 0, g_.body_width(), i, i + 1});
      Push(std::move(u));
    }
  }

  void operator()(const KeyValueBlock& b) {
    // A row may be as long as an empty page allows.
    const int max_lines = std::max(1, static_cast<int>(g_.body_height() / LineHeight(font_)) - 1);
    TextStyle style{.size_pt = font_, .max_lines = max_lines};
    double label_w = 0;
    for (const auto& row : b.rows) {
      label_w = std::max(label_w, shaper_.Shape(row.first, style, 0).natural_width());
    }
    label_w = std::min(std::ceil(label_w) + 2, g_.body_width() * 0.4);
    const double colon_x = g_.margin_left + label_w + 4;
    const double value_x = colon_x + 8;
    const double value_w = g_.margin_left + g_.body_width() - value_x;
    for (std::size_t i = 0; i < b.rows.size(); ++i) {
      Measured label = Text(b.rows[i].first, style, g_.margin_left, 0, label_w);
      Measured value = Text(b.rows[i].second, style, value_x, 0, value_w);
      Unit u;
      u.space_before = i == 0 ? 6 : 1.5;
      u.height = std::max(label.height, value.height);
      u.ops.push_back(label.op);
      u.ops.push_back(Text(Colon(), style, colon_x, 0, 8).op);
      u.ops.push_back(value.op);
      Push(std::move(u));
    }
  }

  void operator()(const TableBlock& b) {
    const bool ruled = b.style == PdfTableStyle::kLines;
    std::vector<double> xs{g_.margin_left};
    for (double w : b.widths_pt) xs.push_back(xs.back() + w);
    const double table_w = xs.back() - xs.front();

    Row header;
    TextStyle header_style{
        .size_pt = b.font_size_pt, .bold = true, .align = PdfAlign::kCenter, .max_lines = 4};
    for (std::size_t c = 0; c < b.titles.size(); ++c) {
      AddCell(header, b.titles[c], header_style, xs[c], xs[c + 1]);
    }
    Unit head;
    head.space_before = 8;
    head.keep_with_next = true;
    head.height = header.height;
    head.ops.push_back(RectOp{xs.front(), 0, table_w, header.height, kHeaderFill});
    head.ops.insert(head.ops.end(), header.ops.begin(), header.ops.end());
    if (ruled) {
      Rules(head, xs, /*top=*/true);
    } else {
      head.ops.push_back(LineOp{xs.front(), head.height, xs.back(), head.height, 0.8, kLineGray});
    }
    const auto head_index = static_cast<std::ptrdiff_t>(units_.size());
    const double max_row = g_.body_height() - head.height - 1;
    Push(std::move(head));

    // Rows may hold any amount of text: cap each cell at the lines that fit under the header.
    const int max_lines =
        std::max(1, static_cast<int>((max_row - 2 * kCellPadY) / LineHeight(b.font_size_pt)));
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      Row row;
      for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
        PdfAlign align = b.aligns[c] == PdfAlign::kJustify ? PdfAlign::kLeft : b.aligns[c];
        AddCell(row, b.rows[r][c],
                {.size_pt = b.font_size_pt,
                 .bold = b.bold_rows[r],
                 .align = align,
                 .max_lines = max_lines},
                xs[c], xs[c + 1]);
      }
      Unit u;
      u.repeat = b.repeat_header ? head_index : -1;
      u.height = row.height;
      if (!ruled && r % 2 == 1)
        u.ops.push_back(RectOp{xs.front(), 0, table_w, u.height, kZebraFill});
      u.ops.insert(u.ops.end(), row.ops.begin(), row.ops.end());
      if (ruled) {
        // Without a repeated header a row may open a page: it then needs its own top rule.
        Rules(u, xs, /*top=*/!b.repeat_header);
      } else {
        u.ops.push_back(LineOp{xs.front(), u.height, xs.back(), u.height, 0.3, 0.7});
      }
      Push(std::move(u));
    }
  }

  void operator()(const SignatureBlock& b) {
    const std::size_t n = b.signers.size();
    const double col_w = g_.body_width() / static_cast<double>(n);
    const double text_w = col_w - 8;
    const TextStyle plain{.size_pt = font_, .align = PdfAlign::kCenter, .max_lines = 2};
    const TextStyle role{.size_pt = font_, .align = PdfAlign::kCenter, .max_lines = 4};
    const TextStyle name{.size_pt = font_,
                         .bold = true,
                         .underline = true,
                         .align = PdfAlign::kCenter,
                         .max_lines = 2};
    auto column_x = [&](std::size_t i) {
      return g_.margin_left + col_w * static_cast<double>(i) + 4;
    };

    // Above the roles: the place and date, then the caption, bottom-aligned across columns so
    // that each caption sits right above its role; names all on one line.
    std::vector<std::vector<Measured>> above(n);
    std::vector<double> above_h(n, 0);
    std::vector<Measured> roles;
    double above_max = 0;
    double roles_max = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const SignatureBlock::Signer& s = b.signers[i];
      auto add_above = [&](const StyledText& text) {
        above[i].push_back(Text(text, plain, column_x(i), above_h[i], text_w));
        above_h[i] += above[i].back().height;
      };
      if (static_cast<int>(i) == b.place_date_column && !b.place_date.text.empty()) {
        add_above(b.place_date);
      }
      if (!s.caption.text.empty()) add_above(s.caption);
      above_max = std::max(above_max, above_h[i]);
      roles.push_back(Text(s.role, role, column_x(i), 0, text_w));
      roles_max = std::max(roles_max, roles.back().height);
    }
    Unit u;
    u.space_before = 18;
    const double names_y = above_max + roles_max + b.sign_space_pt;
    for (std::size_t i = 0; i < n; ++i) {
      const SignatureBlock::Signer& s = b.signers[i];
      for (Measured& m : above[i]) {
        m.op.y += above_max - above_h[i];
        u.ops.push_back(m.op);
      }
      roles[i].op.y = above_max;
      u.ops.push_back(roles[i].op);
      Measured name_text = Text(s.name, name, column_x(i), names_y, text_w);
      u.ops.push_back(name_text.op);
      double y = names_y + name_text.height;
      if (!s.id_line.text.empty()) {
        Measured id = Text(s.id_line, plain, column_x(i), y, text_w);
        u.ops.push_back(id.op);
        y += id.height;
      }
      u.height = std::max(u.height, y);
    }
    Push(std::move(u));
  }

  void operator()(const ImageBlock& b) {
    double w = b.width_pt;
    double h = b.height_pt;
    const double scale = std::min({1.0, g_.body_width() / w, g_.body_height() / h});
    w *= scale;
    h *= scale;
    double x = g_.margin_left;
    if (b.align == PdfAlign::kCenter) x += (g_.body_width() - w) / 2;
    if (b.align == PdfAlign::kRight) x += g_.body_width() - w;
    Unit u;
    u.space_before = 8;
    u.height = h;
    u.ops.push_back(ImageOp{b.image.get(), x, 0, w, h});
    Push(std::move(u));
  }

  void operator()(const SpaceBlock& b) {
    Unit u;
    u.space_before = b.height_pt;
    Push(std::move(u));
  }

  void operator()(const PageBreakBlock&) {
    Unit u;
    u.page_break = true;
    Push(std::move(u));
  }

 private:
  void Push(Unit u) { units_.push_back(std::move(u)); }

  // Static: the pages point to it after the builder is gone.
  static const StyledText& Colon() {
    static const StyledText colon = StyledText::Plain(":");
    return colon;
  }

  double LineHeight(double size_pt) const {
    return shaper_.Shape(probe_, TextStyle{.size_pt = size_pt}, 0).height();
  }

  // Text placed in a unit, with its height. Shaped here to learn the height; the renderer
  // shapes again with the same arguments.
  struct Measured {
    TextOp op;
    double height = 0;
  };
  Measured Text(const StyledText& text, const TextStyle& style, double x, double y,
                double width) const {
    ShapedText shaped = shaper_.Shape(text, style, width);
    return {TextOp{&text, style, x, y, width, 0, shaped.line_count()}, shaped.height()};
  }

  // A table row's cells, and the row's height.
  struct Row {
    std::vector<Op> ops;
    double height = 0;
  };
  void AddCell(Row& row, const StyledText& text, const TextStyle& style, double x0,
               double x1) const {
    Measured cell = Text(text, style, x0 + kCellPadX, kCellPadY, x1 - x0 - 2 * kCellPadX);
    row.ops.push_back(cell.op);
    row.height = std::max(row.height, cell.height + 2 * kCellPadY);
  }

  // A row of a ruled table: bottom rule (and top when asked) and the verticals.
  static void Rules(Unit& u, const std::vector<double>& xs, bool top) {
    if (top) u.ops.push_back(LineOp{xs.front(), 0, xs.back(), 0, 0.5, kLineGray});
    u.ops.push_back(LineOp{xs.front(), u.height, xs.back(), u.height, 0.5, kLineGray});
    for (double x : xs) u.ops.push_back(LineOp{x, 0, x, u.height, 0.5, kLineGray});
  }

  // A block drawn whole as one unit (titles, headings).
  Unit Whole(const StyledText& text, const TextStyle& style, double space_before) {
    Measured m = Text(text, style, g_.margin_left, 0, g_.body_width());
    Unit u;
    u.space_before = space_before;
    u.height = m.height;
    u.ops.push_back(m.op);
    return u;
  }

  const PageGeometry& g_;
  const TextShaper& shaper_;
  const double font_;
  const StyledText probe_ = StyledText::Plain("Ag");
  std::vector<Unit> units_;
};

class Paginator {
 public:
  explicit Paginator(const PageGeometry& geometry) : g_(geometry) { NewPage(); }

  std::vector<Page> Run(const std::vector<Unit>& units) {
    const double limit = g_.body_bottom() + 0.01;  // rounding of the heights' sum
    for (std::size_t i = 0; i < units.size(); ++i) {
      const Unit& u = units[i];
      if (u.page_break) {
        if (!empty_) NewPage();
        continue;
      }
      if (u.ops.empty() && u.height == 0) {  // a space: dropped at the top of a page
        if (!empty_) y_ = std::min(y_ + u.space_before, g_.body_bottom());
        continue;
      }
      if (!empty_ && y_ + Chain(units, i) > limit) NewPage();
      if (empty_ && u.repeat >= 0) Place(units[static_cast<std::size_t>(u.repeat)], 0);
      Place(u, empty_ ? 0 : u.space_before);
    }
    while (pages_.size() > 1 && pages_.back().ops.empty()) pages_.pop_back();
    return std::move(pages_);
  }

 private:
  // The height needed below the cursor for unit i and the units it must stay with; only the
  // unit itself when the chain would not fit even on an empty page.
  double Chain(const std::vector<Unit>& units, std::size_t i) const {
    double own = units[i].space_before + units[i].height;
    double chain = own;
    for (std::size_t j = i; units[j].keep_with_next && j + 1 < units.size() && j - i < 6; ++j) {
      const Unit& next = units[j + 1];
      if (next.page_break) break;
      chain += next.space_before + next.height;
    }
    return chain <= g_.body_height() ? chain : own;
  }

  void Place(const Unit& u, double gap) {
    y_ += gap;
    std::vector<Op>& ops = pages_.back().ops;
    for (Op op : u.ops) {
      Shift(op, y_);
      ops.push_back(op);
    }
    y_ += u.height;
    empty_ = false;
  }

  void NewPage() {
    pages_.emplace_back();
    y_ = g_.margin_top;
    empty_ = true;
  }

  const PageGeometry& g_;
  std::vector<Page> pages_;
  double y_ = 0;
  bool empty_ = true;
};

}  // namespace

std::vector<Page> LayOut(const std::vector<Block>& blocks, const PageGeometry& geometry,
                         const TextShaper& shaper, double font_size_pt) {
  std::vector<Unit> units = UnitBuilder(geometry, shaper, font_size_pt).Build(blocks);
  return Paginator(geometry).Run(units);
}

}  // namespace jaring::formats::internal
