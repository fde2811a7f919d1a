#include "formats/pdf_document.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "formats/file_io.hpp"
#include "formats/pdf_layout.hpp"
#include "formats/pdf_render.hpp"
#include "formats/pdf_text.hpp"

namespace jaring::formats {

namespace {

using internal::kPointsPerMm;

constexpr double kA4ShortMm = 210;
constexpr double kA4LongMm = 297;
constexpr double kMinColumnMm = 8;

Error Invalid(std::string message, std::string details) {
  return Error::InvalidArgument(std::move(message), std::move(details));
}

Status CheckOptions(const PdfOptions& o) {
  const PdfPageSetup& p = o.page;
  if (o.metadata.created == std::chrono::sys_seconds{}) {
    return Fail(Invalid("Tanggal pembuatan dokumen wajib diisi",
                        "PdfMetadata.created left at the epoch (output must be deterministic)"));
  }
  if (!(p.margin_top_mm >= 12 && p.margin_bottom_mm >= 12 && p.margin_left_mm >= 10 &&
        p.margin_right_mm >= 10)) {
    return Fail(Invalid("Margin halaman terlalu kecil",
                        "margins: top and bottom >= 12 mm, left and right >= 10 mm"));
  }
  const bool landscape = p.orientation == PdfOrientation::kLandscape;
  const double width = landscape ? kA4LongMm : kA4ShortMm;
  const double height = landscape ? kA4ShortMm : kA4LongMm;
  if (width - p.margin_left_mm - p.margin_right_mm < 60 ||
      height - p.margin_top_mm - p.margin_bottom_mm < 60) {
    return Fail(Invalid("Margin halaman terlalu besar", "the body must be at least 60 x 60 mm"));
  }
  if (!(o.font_size_pt >= 4 && o.font_size_pt <= 36)) {
    return Fail(Invalid("Ukuran huruf tidak sah", "font_size_pt must be within 4..36"));
  }
  return {};
}

internal::PageGeometry GeometryOf(const PdfPageSetup& p) {
  const bool landscape = p.orientation == PdfOrientation::kLandscape;
  return {
      .width = (landscape ? kA4LongMm : kA4ShortMm) * kPointsPerMm,
      .height = (landscape ? kA4ShortMm : kA4LongMm) * kPointsPerMm,
      .margin_top = p.margin_top_mm * kPointsPerMm,
      .margin_bottom = p.margin_bottom_mm * kPointsPerMm,
      .margin_left = p.margin_left_mm * kPointsPerMm,
      .margin_right = p.margin_right_mm * kPointsPerMm,
  };
}

// Column widths in points: fixed ones as given, shares of what is left.
Result<std::vector<double>> ResolveWidths(const std::vector<PdfColumn>& columns, double body_pt) {
  double fixed = 0;
  double shares = 0;
  for (const PdfColumn& c : columns) {
    if (c.width.mm < 0 || c.width.share < 0 || (c.width.mm > 0) == (c.width.share > 0)) {
      return Fail(Invalid("Lebar kolom tabel tidak sah",
                          "column \"" + c.title + "\": give either mm or a share, positive"));
    }
    fixed += c.width.mm * kPointsPerMm;
    shares += c.width.share;
  }
  const double rest = body_pt - fixed;
  std::vector<double> widths;
  for (const PdfColumn& c : columns) {
    widths.push_back(c.width.mm > 0 ? c.width.mm * kPointsPerMm : rest * c.width.share / shares);
  }
  const double min_pt = kMinColumnMm * kPointsPerMm;
  if (rest < -0.01 || std::ranges::any_of(widths, [&](double w) { return w < min_pt - 0.01; })) {
    return Fail(Invalid("Kolom tabel tidak muat dalam lebar halaman",
                        "widths exceed the body (" + std::to_string(body_pt / kPointsPerMm) +
                            " mm) or a column is under 8 mm"));
  }
  return widths;
}

}  // namespace

struct PdfDocument::Impl {
  std::string path;
  PdfOptions options;
  internal::PageGeometry geometry;
  internal::RunningTexts running;
  std::vector<internal::Block> blocks;
  Status first_error;
  std::optional<internal::TextShaper> shaper;
  std::optional<std::vector<internal::Page>> pages;  // pointing into `blocks`
  bool closed = false;

  void Add(internal::Block block) {
    pages.reset();  // a new block may move the others, and it changes the layout anyway
    blocks.push_back(std::move(block));
  }
  Status Keep(Error error) {
    if (first_error) first_error = Fail(error);
    return Fail(std::move(error));
  }
};

Result<PdfDocument> PdfDocument::Create(std::string path, PdfOptions options) {
  if (path.empty()) return Fail(Invalid("Nama berkas PDF kosong", "empty path"));
  if (Status ok = CheckOptions(options); !ok) return Fail(ok.error());
  auto impl = std::make_unique<Impl>();
  impl->path = std::move(path);
  impl->geometry = GeometryOf(options.page);
  const PdfRunningText& r = options.running;
  impl->running = {
      .header_left = internal::StyledText::Plain(
          r.header_left.empty() ? options.metadata.title : r.header_left, false),
      .header_right = internal::StyledText::Plain(r.header_right, false),
      .footer_left = internal::StyledText::Plain(r.footer_left, false),
      .page_number = internal::CleanText(r.page_number, false),
      .header_on_first_page = r.header_on_first_page,
  };
  impl->options = std::move(options);
  return PdfDocument(std::move(impl));
}

PdfDocument::PdfDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;
PdfDocument::~PdfDocument() = default;

void PdfDocument::AddLetterhead(PdfLetterhead letterhead) {
  internal::LetterheadBlock block;
  if (!letterhead.logo_png.empty()) {
    auto logo = internal::DecodePng(letterhead.logo_png);
    if (!logo) {
      (void)impl_->Keep(logo.error());
      return;
    }
    block.logo = *std::move(logo);
    block.logo_height_pt = std::max(letterhead.logo_height_mm, 5.0) * kPointsPerMm;
  }
  for (const std::string& line : letterhead.authority) {
    block.authority.push_back(internal::StyledText::Plain(line));
  }
  for (const std::string& line : letterhead.address) {
    block.address.push_back(internal::StyledText::Plain(line));
  }
  impl_->Add(std::move(block));
}

void PdfDocument::AddTitle(std::string_view text) {
  impl_->Add(internal::TitleBlock{internal::StyledText::Plain(text)});
}

void PdfDocument::AddHeading(std::string_view text, int level) {
  impl_->Add(internal::HeadingBlock{internal::StyledText::Plain(text), level <= 1 ? 1 : 2});
}

void PdfDocument::AddParagraph(std::string_view text, PdfAlign align) {
  impl_->Add(internal::ParagraphBlock{internal::StyledText::Plain(text), align});
}

void PdfDocument::AddParagraph(std::vector<PdfRun> runs, PdfAlign align) {
  impl_->Add(internal::ParagraphBlock{internal::StyledText::FromRuns(runs), align});
}

void PdfDocument::AddKeyValues(std::vector<PdfKeyValue> rows) {
  internal::KeyValueBlock block;
  for (const PdfKeyValue& row : rows) {
    block.rows.emplace_back(internal::StyledText::Plain(row.label),
                            internal::StyledText::Plain(row.value));
  }
  impl_->Add(std::move(block));
}

Status PdfDocument::AddTable(PdfTable table) {
  if (table.columns.empty()) return impl_->Keep(Invalid("Tabel tanpa kolom", "no columns"));
  auto widths = ResolveWidths(table.columns, impl_->geometry.body_width());
  if (!widths) return impl_->Keep(widths.error());
  internal::TableBlock block;
  block.widths_pt = *std::move(widths);
  for (const PdfColumn& c : table.columns) {
    block.titles.push_back(internal::StyledText::Plain(c.title));
    block.aligns.push_back(c.align);
  }
  block.rows.reserve(table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const PdfTableRow& row = table.rows[r];
    if (row.cells.size() != table.columns.size()) {
      return impl_->Keep(Invalid("Jumlah sel baris tabel tidak sesuai jumlah kolom",
                                 "row " + std::to_string(r + 1) + " has " +
                                     std::to_string(row.cells.size()) + " cells, expected " +
                                     std::to_string(table.columns.size())));
    }
    std::vector<internal::StyledText>& cells = block.rows.emplace_back();
    cells.reserve(row.cells.size());
    for (const std::string& cell : row.cells) cells.push_back(internal::StyledText::Plain(cell));
    block.bold_rows.push_back(row.bold);
  }
  block.style = table.style;
  block.repeat_header = table.repeat_header;
  block.font_size_pt = table.font_size_pt > 0 ? std::clamp(table.font_size_pt, 4.0, 36.0)
                                              : impl_->options.font_size_pt * 0.9;
  impl_->Add(std::move(block));
  return {};
}

Status PdfDocument::AddSignatures(PdfSignatures block) {
  const int n = static_cast<int>(block.signers.size());
  if (n < 1 || n > 4) {
    return impl_->Keep(Invalid("Blok tanda tangan harus berisi 1 sampai 4 penanda tangan",
                               std::to_string(n) + " signers"));
  }
  if (block.place_date_column < -1 || block.place_date_column >= n) {
    return impl_->Keep(Invalid("Kolom tempat dan tanggal tidak ada",
                               "place_date_column " + std::to_string(block.place_date_column)));
  }
  internal::SignatureBlock out;
  for (const PdfSigner& s : block.signers) {
    out.signers.push_back({internal::StyledText::Plain(s.caption),
                           internal::StyledText::Plain(s.role),
                           internal::StyledText::Plain(s.name, false),
                           internal::StyledText::Plain(s.id_line, false)});
  }
  out.place_date = internal::StyledText::Plain(block.place_date, false);
  out.place_date_column = block.place_date_column < 0 ? n - 1 : block.place_date_column;
  out.sign_space_pt = std::clamp(block.sign_space_mm, 5.0, 60.0) * kPointsPerMm;
  impl_->Add(std::move(out));
  return {};
}

Status PdfDocument::AddImage(std::string_view png, double width_mm, double height_mm,
                             PdfAlign align) {
  if (!(width_mm > 0) || height_mm < 0) {
    return impl_->Keep(Invalid("Ukuran gambar tidak sah", "width_mm must be > 0, height_mm >= 0"));
  }
  auto image = internal::DecodePng(png);
  if (!image) return impl_->Keep(image.error());
  internal::ImageBlock block;
  block.width_pt = width_mm * kPointsPerMm;
  block.height_pt = height_mm > 0 ? height_mm * kPointsPerMm
                                  : block.width_pt * (*image)->pixel_height / (*image)->pixel_width;
  block.image = *std::move(image);
  block.align = align;
  impl_->Add(std::move(block));
  return {};
}

void PdfDocument::AddSpace(double mm) {
  impl_->Add(internal::SpaceBlock{std::max(mm, 0.0) * kPointsPerMm});
}

void PdfDocument::AddPageBreak() { impl_->Add(internal::PageBreakBlock{}); }

Result<PdfLayoutSummary> PdfDocument::Layout() {
  if (!impl_->first_error) return Fail(impl_->first_error.error());
  if (!impl_->shaper) {
    auto shaper = internal::TextShaper::Create();
    if (!shaper) return Fail(shaper.error());
    impl_->shaper.emplace(*std::move(shaper));
  }
  if (!impl_->pages) {
    impl_->pages = internal::LayOut(impl_->blocks, impl_->geometry, *impl_->shaper,
                                    impl_->options.font_size_pt);
  }
  return PdfLayoutSummary{static_cast<int>(impl_->pages->size())};
}

Result<std::string> PdfDocument::Render() {
  if (auto layout = Layout(); !layout) return Fail(layout.error());
  return internal::RenderPdf(*impl_->pages, impl_->geometry, *impl_->shaper,
                             impl_->options.metadata, impl_->running, impl_->options.font_size_pt);
}

Status PdfDocument::Close() {
  if (impl_->closed) {
    return Fail(Error::FailedPrecondition("Dokumen PDF sudah ditutup", impl_->path));
  }
  auto bytes = Render();
  if (!bytes) return Fail(bytes.error());
  impl_->closed = true;
  return internal::WriteFileAtomically(impl_->path, *bytes);
}

}  // namespace jaring::formats
