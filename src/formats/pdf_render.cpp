#include "formats/pdf_render.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

namespace jaring::formats::internal {

namespace {

constexpr double kRunningGray = 0.35;
constexpr double kRuleGray = 0.6;

struct PngReader {
  std::string_view bytes;
  std::size_t offset = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->bytes.size() - reader->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes.data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo wants ISO 8601; it writes the PDF date form itself (cairo 1.16 leaves out the "D:"
// prefix, which readers such as poppler accept). The file holds no other date and no random
// /ID, and font subset tags are hashes of the glyphs used: the bytes depend only on the input.
std::string IsoDate(std::chrono::sys_seconds t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss hms(t - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

class PageDrawer {
 public:
  PageDrawer(cairo_t* cr, const TextShaper& shaper) : cr_(cr), shaper_(shaper) {}

  void operator()(const TextOp& op) {
    // A paragraph split over lines comes as consecutive operations on one text: shape it once.
    if (!cached_ || cached_key_.text != op.text || !(cached_key_.style == op.style) ||
        cached_key_.width != op.width) {
      cached_ = shaper_.Shape(*op.text, op.style, op.width);
      cached_key_ = op;
    }
    cached_->Draw(cr_, op.x, op.y, op.first_line, op.end_line);
  }

  void operator()(const RectOp& op) {
    cairo_set_source_rgb(cr_, op.gray, op.gray, op.gray);
    cairo_rectangle(cr_, op.x, op.y, op.width, op.height);
    cairo_fill(cr_);
  }

  void operator()(const LineOp& op) {
    cairo_set_source_rgb(cr_, op.gray, op.gray, op.gray);
    cairo_set_line_width(cr_, op.line_width);
    cairo_move_to(cr_, op.x1, op.y1);
    cairo_line_to(cr_, op.x2, op.y2);
    cairo_stroke(cr_);
  }

  void operator()(const ImageOp& op) {
    const Image& image = *op.image;
    const double sx = op.width / image.pixel_width;
    const double sy = op.height / image.pixel_height;
    cairo_save(cr_);
    cairo_translate(cr_, op.x, op.y);
    cairo_scale(cr_, sx, sy);
    cairo_set_source_surface(cr_, image.surface, 0, 0);
    // Enlarged pixels (a QR code) stay sharp; reduced ones (a chart) are smoothed.
    cairo_pattern_set_filter(cairo_get_source(cr_),
                             sx > 1 || sy > 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
    cairo_paint(cr_);
    cairo_restore(cr_);
  }

  // Small grey text in the margins: header above the body's top, footer below its bottom.
  void Running(const RunningTexts& running, const PageGeometry& g, double font_size_pt, int page,
               int pages) {
    const double left = g.margin_left;
    const double width = g.body_width();
    const double right_w = width * 0.4;
    const TextStyle left_style{.size_pt = font_size_pt * 0.8, .max_lines = 1, .gray = kRunningGray};
    TextStyle right_style = left_style;
    right_style.align = PdfAlign::kRight;

    const bool header = (page > 1 || running.header_on_first_page) &&
                        !(running.header_left.text.empty() && running.header_right.text.empty());
    if (header) {
      const double rule = g.margin_top - 4 * kPointsPerMm;
      ShapedText l = shaper_.Shape(running.header_left, left_style, width - right_w - 6);
      ShapedText r = shaper_.Shape(running.header_right, right_style, right_w);
      l.Draw(cr_, left, rule - 2 - l.height(), 0, 1);
      r.Draw(cr_, left + width - right_w, rule - 2 - r.height(), 0, 1);
      (*this)(LineOp{left, rule, left + width, rule, 0.4, kRuleGray});
    }

    StyledText number = StyledText::Plain(
        ReplaceAll(ReplaceAll(running.page_number, "{pages}", std::to_string(pages)), "{page}",
                   std::to_string(page)));
    if (running.footer_left.text.empty() && number.text.empty()) return;
    const double rule = g.body_bottom() + 4 * kPointsPerMm;
    (*this)(LineOp{left, rule, left + width, rule, 0.4, kRuleGray});
    shaper_.Shape(running.footer_left, left_style, width - right_w - 6)
        .Draw(cr_, left, rule + 2, 0, 1);
    shaper_.Shape(number, right_style, right_w).Draw(cr_, left + width - right_w, rule + 2, 0, 1);
  }

 private:
  cairo_t* cr_;
  const TextShaper& shaper_;
  std::optional<ShapedText> cached_;
  TextOp cached_key_;
};

}  // namespace

Image::Image(cairo_surface_t* s)
    : surface(s),
      pixel_width(cairo_image_surface_get_width(s)),
      pixel_height(cairo_image_surface_get_height(s)) {}

Image::~Image() { cairo_surface_destroy(surface); }

Result<std::shared_ptr<const Image>> DecodePng(std::string_view png) {
  PngReader reader{png};
  cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(ReadPng, &reader);
  cairo_status_t status = cairo_surface_status(surface);
  if (status != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_width(surface) <= 0 ||
      cairo_image_surface_get_height(surface) <= 0) {
    cairo_surface_destroy(surface);
    return Fail(Error::InvalidArgument("Gambar bukan berkas PNG yang sah",
                                       std::string("cairo: ") + cairo_status_to_string(status)));
  }
  return std::make_shared<const Image>(surface);
}

Result<std::string> RenderPdfPages(double width_pt, double height_pt, const PdfMetadata& metadata,
                                   const std::function<void(cairo_t*)>& draw) {
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendBytes, &bytes, width_pt, height_pt);
  const std::pair<cairo_pdf_metadata_t, std::string> fields[] = {
      {CAIRO_PDF_METADATA_TITLE, CleanText(metadata.title, false)},
      {CAIRO_PDF_METADATA_AUTHOR, CleanText(metadata.author, false)},
      {CAIRO_PDF_METADATA_SUBJECT, CleanText(metadata.subject, false)},
      {CAIRO_PDF_METADATA_KEYWORDS, CleanText(metadata.keywords, false)},
      {CAIRO_PDF_METADATA_CREATOR, CleanText(metadata.creator, false)},
      // Without these cairo writes the time of rendering: never leave them out.
      {CAIRO_PDF_METADATA_CREATE_DATE, IsoDate(metadata.created)},
      {CAIRO_PDF_METADATA_MOD_DATE, IsoDate(metadata.created)},
  };
  for (const auto& [key, value] : fields) {
    if (!value.empty()) cairo_pdf_surface_set_metadata(surface, key, value.c_str());
  }

  cairo_t* cr = cairo_create(surface);
  draw(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Fail(Error::Internal("Dokumen PDF tidak dapat dibuat",
                                std::string("cairo: ") + cairo_status_to_string(status)));
  }
  return bytes;
}

Result<std::string> RenderPdf(const std::vector<Page>& pages, const PageGeometry& geometry,
                              const TextShaper& shaper, const PdfMetadata& metadata,
                              const RunningTexts& running, double font_size_pt) {
  return RenderPdfPages(geometry.width, geometry.height, metadata, [&](cairo_t* cr) {
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    PageDrawer drawer(cr, shaper);
    const int count = static_cast<int>(pages.size());
    for (int p = 0; p < count; ++p) {
      for (const Op& op : pages[static_cast<std::size_t>(p)].ops) std::visit(drawer, op);
      drawer.Running(running, geometry, font_size_pt, p + 1, count);
      cairo_show_page(cr);
    }
  });
}

}  // namespace jaring::formats::internal
