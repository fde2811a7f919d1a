// CSV: a streaming reader and a buffered writer for the delimited files regencies exchange.
//
// The reader takes what village offices actually send: `,` `;` or TAB separators (detected
// from the header line), UTF-8 with or without a BOM or, when the bytes are not valid UTF-8,
// Windows-1252 (transcoded to UTF-8), RFC 4180 quoting with doubled quotes and embedded
// newlines, CRLF / LF / lone-CR line ends. A row whose field count differs from the header is
// NOT an error here: it is yielded with its physical line number so the importer can
// quarantine it. Only limits (size, field length, columns) and I/O failures are Errors.
//
// The writer emits UTF-8, LF line ends and RFC 4180 quoting only where needed (or forced for
// chosen columns, e.g. NIK so that spreadsheet tools keep it as text).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::formats {

// The encoding the reader found. Cells are always handed out as UTF-8.
enum class Encoding {
  kUtf8,         // valid UTF-8 (plain ASCII included), no byte-order mark
  kUtf8Bom,      // valid UTF-8 behind an EF BB BF byte-order mark (Excel's "CSV UTF-8")
  kWindows1252,  // not valid UTF-8: read as Windows-1252 (Excel's "CSV" on Windows) and transcoded
  // UTF-8 lines (some with non-ASCII characters) and lines that are not UTF-8: a file pasted
  // together from two sources. The UTF-8 lines are kept as they are, the others read as
  // Windows-1252, and the rows on those lines flagged kGuessedEncoding (transcoding the whole
  // file would turn every "é" of its UTF-8 lines into "Ã©").
  kMixed,
};
// "UTF-8", "UTF-8 (BOM)", "Windows-1252", "UTF-8 + Windows-1252"
std::string_view EncodingName(Encoding encoding);

struct CsvOptions {
  // 0 = detect from the header line among ',' ';' '\t' (quotes respected; the most frequent
  // wins, ties in that order, none found = ','). Otherwise the separator to use.
  char separator = 0;
  // The first row is the header: header() returns it and Next() starts after it.
  bool has_header = true;
  // Physical lines with no characters at all yield no row (a line of separators still does).
  bool skip_blank_lines = true;

  // Limits: exceeding one is an InvalidArgument Error (Open fails, or Next stops and status()
  // holds the Error), never a crash or an unbounded allocation.
  std::uint64_t max_file_bytes = std::uint64_t{2} << 30;  // 2 GiB
  std::size_t max_field_bytes = std::size_t{1} << 20;     // 1 MiB per cell, after unquoting
  std::size_t max_columns = 1000;                         // cells per row (and in the header)
};

// Why a row is flagged malformed. The cells are still the reader's best reading of the bytes.
enum class CsvRowIssue {
  kNone,
  kUnterminatedQuote,     // a quoted field runs to the end of the input; the row ends there
  kTextAfterClosingQuote,  // `"ab"c,`: the text after the closing quote is kept in the cell
  kGuessedEncoding         // Encoding::kMixed: the row's bytes were not UTF-8, read as Windows-1252
};

// One row as yielded by CsvReader::Next. The views point into the reader's buffers and stay
// valid until the next call of Next() on the same reader (or its destruction or move).
struct CsvRow {
  std::vector<std::string_view> cells;  // UTF-8, quotes removed, "" unescaped
  std::uint64_t line = 0;               // 1-based physical line where the row starts
  bool malformed = false;               // issue != kNone
  CsvRowIssue issue = CsvRowIssue::kNone;

  std::size_t size() const { return cells.size(); }
  std::string_view operator[](std::size_t i) const { return cells[i]; }
  // The cells as owned strings (for keeping a row past the next Next()).
  std::vector<std::string> ToStrings() const;
};

// Streaming CSV reader over one contiguous UTF-8 buffer: a memory-mapped file, or the input
// transcoded once to UTF-8 when it was Windows-1252. Movable, not copyable; not thread-safe
// (one reader per thread). Typical use:
//
//   auto reader = CsvReader::Open(path, {});
//   if (!reader) return Fail(reader.error());
//   CsvRow row;
//   while (reader->Next(row)) { ... row.cells, row.line ... }
//   if (!reader->status()) return Fail(reader->status().error());
class CsvReader {
 public:
  // Opens a file (memory-mapped when it is a regular file, else read whole). Errors: NotFound
  // (no such file), PermissionDenied, Unavailable (other I/O), InvalidArgument (over
  // max_file_bytes, empty input when has_header, header over max_columns or max_field_bytes).
  static Result<CsvReader> Open(const std::string& path, const CsvOptions& options = {});
  // The same over an in-memory string (tests, uploads already in memory).
  static Result<CsvReader> FromString(std::string data, const CsvOptions& options = {});

  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;
  ~CsvReader();

  // The header cells (BOM removed), empty when !has_header.
  const std::vector<std::string>& header() const;
  // Physical line of the header (1 unless blank lines precede it); 0 without header.
  std::uint64_t header_line() const;

  // Reads the next row into `row`. Returns false at the end of input or on an Error; tell
  // them apart with status(). Never throws on bad input.
  bool Next(CsvRow& row);
  // Ok, or the Error that stopped Next() (a limit exceeded).
  const Status& status() const;

  char separator() const;
  Encoding encoding() const;
  // Progress, in bytes of the (UTF-8) buffer being parsed: consumed so far, and in all.
  std::uint64_t bytes_read() const;
  std::uint64_t total_bytes() const;

 private:
  struct Impl;
  explicit CsvReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A whole small file in memory: for tests, reference data and uploads of a few MB.
struct CsvRecord {
  std::vector<std::string> cells;
  std::uint64_t line = 0;
  bool malformed = false;
  CsvRowIssue issue = CsvRowIssue::kNone;
};
struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> rows;
  char separator = ',';
  Encoding encoding = Encoding::kUtf8;
};
Result<CsvTable> ReadCsvTable(const std::string& path, const CsvOptions& options = {});
Result<CsvTable> ReadCsvTableFromString(std::string data, const CsvOptions& options = {});

// True for a cell a spreadsheet would read as a formula when the file is opened (OWASP "CSV
// injection"): its first character after any spaces is '=', '+', '-', '@', a TAB or a CR.
// Two shapes that start so are left alone because they cannot run anything and are common in
// our files: a plain number ("-42", "+6281234567890", "-1,5": sign, digits, one optional
// decimal point or comma) and a cell of dashes only ("-", the villages' "nothing here").
bool LooksLikeFormula(std::string_view cell);

struct CsvWriterOptions {
  char separator = ',';
  // Columns (0-based) whose cells are always quoted, e.g. NIK/KK so that they read as text.
  std::vector<std::size_t> force_quote_columns;
  // Writes EF BB BF first so that Excel opens the UTF-8 file with the right characters.
  bool write_bom = false;
};

// Buffered CSV writer: UTF-8 in, UTF-8 out, LF line ends, a cell quoted only when it holds the
// separator, a quote, CR or LF, leading/trailing spaces, or its column is forced. Cells are
// written as given (no transcoding), except that a cell for which LooksLikeFormula is true
// gets an apostrophe in front ("=1+1" -> "'=1+1"), always: every CSV jaring writes may be
// opened in a spreadsheet, and the apostrophe is what OWASP recommends (the cell then shows as
// text; jaring's own NIK parser drops a leading apostrophe when a file comes back). Not
// thread-safe. I/O errors are sticky: they surface from Flush()/Close() (and status()), so
// the hot path returns nothing.
//
//   auto w = CsvWriter::Create(path);
//   w->WriteRow({"nik", "nama"});
//   w->Cell(nik).Cell(name).EndRow();
//   if (auto s = w->Close(); !s) return s;
class CsvWriter {
 public:
  // Creates or truncates the file. Errors: PermissionDenied, NotFound (missing directory),
  // Unavailable (other I/O).
  static Result<CsvWriter> Create(const std::string& path, const CsvWriterOptions& options = {});
  // Writes to a stream the caller owns and keeps alive until Close() or destruction.
  explicit CsvWriter(std::ostream& out, const CsvWriterOptions& options = {});

  CsvWriter(CsvWriter&&) noexcept;
  CsvWriter& operator=(CsvWriter&&) noexcept;
  // Flushes (ignoring errors: call Close() to see them).
  ~CsvWriter();

  // Cell at a time, then EndRow().
  CsvWriter& Cell(std::string_view value);
  CsvWriter& Cell(const char* value) { return Cell(std::string_view(value)); }
  CsvWriter& Cell(std::int64_t value);
  CsvWriter& Cell(int value) { return Cell(static_cast<std::int64_t>(value)); }
  void EndRow();
  // A whole row.
  void WriteRow(std::span<const std::string_view> cells);
  void WriteRow(std::span<const std::string> cells);
  void WriteRow(std::initializer_list<std::string_view> cells);

  std::uint64_t rows_written() const;
  // Pushes the buffer to the file or stream.
  Status Flush();
  // Flushes and closes the file (a stream is only flushed). Further writes are ignored.
  Status Close();
  const Status& status() const;

 private:
  struct Impl;
  explicit CsvWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jaring::formats
