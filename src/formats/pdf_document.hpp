// PDF writer for the official documents jaring produces: the monthly berita acara verifikasi
// dan validasi, later membership cards, claim reports and the monev report.
//
// A PdfDocument is a flow of blocks (letterhead, title, headings, paragraphs, label : value rows,
// tables, signature blocks, images) that lays itself out on A4 pages: a table repeats its header
// row on every page and never splits a row, and every page gets a running header and
// "Halaman X dari Y" (laid out first, then rendered, so Y is known). Text is shaped by Pango in
// Noto Sans (fonts-noto-core), embedded as a subset, and stays real, selectable text. The same
// blocks and creation date give the same bytes.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::formats {

enum class PdfOrientation { kPortrait, kLandscape };
enum class PdfAlign { kLeft, kCenter, kRight, kJustify };

struct PdfMetadata {
  std::string title;   // the document's Title; also the running header unless one is given
  std::string author;  // e.g. "Dinas Tenaga Kerja Kabupaten Pasuruan"
  std::string subject;
  std::string keywords;
  std::string creator = "jaring";
  // Required (InvalidArgument when left at the epoch): written as CreationDate and ModDate in
  // UTC. The caller fixes it (from its Clock) so that output is deterministic.
  std::chrono::sys_seconds created{};
};

struct PdfPageSetup {
  PdfOrientation orientation = PdfOrientation::kPortrait;  // A4 either way
  // The body's margins; the running header and footer sit inside the top and bottom margins,
  // which must be at least 12 mm each (10 mm left and right).
  double margin_top_mm = 20;
  double margin_bottom_mm = 20;
  double margin_left_mm = 25;
  double margin_right_mm = 20;
};

// Small grey text above and below the body of each page. Empty texts are left out.
struct PdfRunningText {
  std::string header_left;  // empty: the metadata title
  std::string header_right;
  std::string footer_left;
  // Footer right; "{page}" and "{pages}" are replaced. English: "Page {page} of {pages}".
  std::string page_number = "Halaman {page} dari {pages}";
  bool header_on_first_page = true;  // false for a first page that opens with a letterhead
};

struct PdfOptions {
  PdfPageSetup page;
  PdfMetadata metadata;
  PdfRunningText running;
  double font_size_pt = 10;  // body text; titles, headings and tables are sized from it
};

// Text given to any block may be any bytes: invalid UTF-8 becomes U+FFFD and control characters
// become spaces; "\n" starts a new line where a block allows several.
struct PdfRun {
  std::string text;
  bool bold = false;
};

struct PdfKeyValue {
  std::string label;  // "Kabupaten"; the colon is drawn by the block, aligned for all rows
  std::string value;  // wraps under itself
};

// A column's width: a fixed size, or a share of what the fixed columns leave (shares of all the
// columns of a table are summed, so Share(2) is twice as wide as Share(1)).
struct PdfWidth {
  double mm = 0;
  double share = 0;
  static PdfWidth Mm(double mm) { return {mm, 0}; }
  static PdfWidth Share(double share) { return {0, share}; }
};

struct PdfColumn {
  std::string title;
  PdfWidth width = PdfWidth::Share(1);
  PdfAlign align = PdfAlign::kLeft;  // kRight for numbers and money
};

enum class PdfTableStyle {
  kLines,  // every cell ruled: the look of officials' tables (berita acara, lampiran)
  kZebra,  // alternate rows shaded, no vertical rules: long lists
};

struct PdfTableRow {
  std::vector<std::string> cells;  // one per column
  bool bold = false;               // a total line
};

struct PdfTable {
  std::vector<PdfColumn> columns;
  std::vector<PdfTableRow> rows;
  PdfTableStyle style = PdfTableStyle::kLines;
  bool repeat_header = true;  // the header row again at the top of each page the table reaches
  double font_size_pt = 0;    // 0: 0.9 times the body size

  void AddRow(std::vector<std::string> cells, bool bold = false) {
    rows.push_back({std::move(cells), bold});
  }
};

struct PdfSigner {
  std::string caption;  // optional line above the role: "Mengetahui,", "Yang membuat,"
  std::string role;     // "Kepala Dinas Tenaga Kerja\nKabupaten Pasuruan"; wraps
  std::string name;     // printed bold and underlined under the space to sign
  std::string id_line;  // "NIP. 19700101 199003 1 001"; empty leaves the line out
};

// Signers side by side in equal columns; the whole block stays on one page.
struct PdfSignatures {
  std::vector<PdfSigner> signers;  // 1 to 4
  std::string place_date;          // "Pasuruan, 31 Oktober 2025": above one column, optional
  int place_date_column = -1;      // which column; -1: the last
  double sign_space_mm = 22;       // room for the signature and stamp
};

// The kop surat: an optional logo on the left, the authority's lines centred, the address in
// small type, and the double rule under it.
struct PdfLetterhead {
  std::string logo_png;                // PNG bytes; empty: no logo
  double logo_height_mm = 24;          // the logo's width follows its aspect ratio
  std::vector<std::string> authority;  // "PEMERINTAH KABUPATEN PASURUAN", "DINAS TENAGA KERJA"
  std::vector<std::string> address;    // "Jl. ... Telp. ...", "email ..."
};

// What the layout decided: for callers that print "N halaman" or check a document.
struct PdfLayoutSummary {
  int pages = 0;
};

// Not thread-safe; distinct documents may be built and closed on different threads at once
// (each owns its own Pango font map). Blocks are copied in; nothing is drawn before Close().
// Adders that can be refused return the error and also keep it: Close() then fails with the
// first one, so a document missing a block is never written.
class PdfDocument {
 public:
  // Errors: InvalidArgument for an empty path, a missing creation date, margins outside the
  // limits above, or a non-positive font size.
  static Result<PdfDocument> Create(std::string path, PdfOptions options);

  PdfDocument(PdfDocument&&) noexcept;
  PdfDocument& operator=(PdfDocument&&) noexcept;
  ~PdfDocument();  // without Close() nothing is written

  void AddLetterhead(PdfLetterhead letterhead);  // a bad logo is kept as the error for Close()
  void AddTitle(std::string_view text);          // centred, bold, larger; "\n" for two lines
  void AddHeading(std::string_view text, int level = 1);  // level 1 or 2; kept with what follows
  void AddParagraph(std::string_view text, PdfAlign align = PdfAlign::kJustify);
  void AddParagraph(std::vector<PdfRun> runs, PdfAlign align = PdfAlign::kJustify);
  void AddKeyValues(std::vector<PdfKeyValue> rows);
  // Errors: InvalidArgument for no columns, a row with a different number of cells, or widths
  // that do not fit the body (each column at least 8 mm).
  Status AddTable(PdfTable table);
  // Errors: InvalidArgument for 0 or more than 4 signers, or place_date_column out of range.
  Status AddSignatures(PdfSignatures block);
  // A PNG (chart, QR code) of the given width; height 0 keeps the aspect ratio. Shrunk to fit
  // the body if larger. Errors: InvalidArgument when the bytes are not a PNG.
  Status AddImage(std::string_view png, double width_mm, double height_mm = 0,
                  PdfAlign align = PdfAlign::kCenter);
  void AddSpace(double mm);
  void AddPageBreak();

  // Lays the blocks out (kept until the next block is added). Errors: FailedPrecondition when
  // Noto Sans is not installed, or an error kept from an adder.
  Result<PdfLayoutSummary> Layout();
  // Lays out and renders the whole document into memory (e.g. for an HTTP response).
  Result<std::string> Render();
  // Renders and writes the file (to a temporary name beside it, then renamed: no half-written
  // PDF is ever at `path`). Errors: those of Render(), and NotFound / PermissionDenied /
  // Unavailable from the file system. The document may be closed only once.
  Status Close();

 private:
  struct Impl;
  explicit PdfDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jaring::formats
