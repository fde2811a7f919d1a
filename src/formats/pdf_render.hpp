// Internal to formats: draws laid-out pages into a PDF with cairo.
//
// The one place that knows cairo's PDF surface: page size, document metadata, the running
// header and footer ("Halaman X dari Y", known because pages are laid out before they are
// drawn), and the drawing operations of each page. Deterministic: the same pages, texts and
// creation date give the same bytes.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "formats/pdf_document.hpp"
#include "formats/pdf_layout.hpp"
#include "formats/pdf_text.hpp"

namespace jaring::formats::internal {

// Errors: InvalidArgument when the bytes are not a PNG cairo can read.
Result<std::shared_ptr<const Image>> DecodePng(std::string_view png);

struct RunningTexts {
  StyledText header_left;
  StyledText header_right;
  StyledText footer_left;
  std::string page_number;  // with {page} and {pages}
  bool header_on_first_page = true;
};

// A PDF of pages `width_pt` x `height_pt` with `metadata` (its dates fixed, so the bytes are
// deterministic); `draw` draws every page on the context, ending each with cairo_show_page.
// Errors: Internal when cairo fails (out of memory, a bug).
Result<std::string> RenderPdfPages(double width_pt, double height_pt, const PdfMetadata& metadata,
                                   const std::function<void(cairo_t*)>& draw);

// Errors: Internal when cairo fails (out of memory, a bug).
Result<std::string> RenderPdf(const std::vector<Page>& pages, const PageGeometry& geometry,
                              const TextShaper& shaper, const PdfMetadata& metadata,
                              const RunningTexts& running, double font_size_pt);

}  // namespace jaring::formats::internal
