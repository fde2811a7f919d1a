// XLSX reader: the sheets of an Office Open XML workbook as rows of typed cells.
//
// Built on libzip (the package) and expat (a streaming XML parser): shared strings and styles
// are loaded once, a sheet's XML is parsed as it is decompressed, one row at a time, so a
// 1,000,000-row sheet needs memory for its strings, not for a DOM. Cells keep their raw type
// and number format so the importer, not this reader, decides what a number means (a date
// serial, an amount, or a NIK that Excel has already rounded to 15 digits).
//
// Hostile files are refused with an InvalidArgument Error, never a crash: a part whose
// declared or actual uncompressed size exceeds max_part_bytes (decompression bombs), more
// cells than max_cells, a row holding more than 8 MiB of text or one 64 KiB chunk of sheet XML
// expanding past 64 MiB through shared strings (a bomb that no part's size shows), cell
// references beyond Excel's grid, XML nested deeper than 256 elements, DTDs/entities in XML,
// malformed XML or zip structure.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::formats {

struct XlsxOptions {
  std::uint64_t max_file_bytes = std::uint64_t{512} << 20;  // the .xlsx archive itself
  std::uint64_t max_part_bytes = std::uint64_t{200} << 20;  // each XML part, uncompressed
  std::uint64_t max_cells = 50'000'000;                     // cells yielded per sheet reader
  std::size_t max_cell_bytes = std::size_t{1} << 20;        // one cell's text (Excel: 32767 chars)
};

// The cell's type as stored in the file (the `t` attribute), not a guess.
enum class XlsxCellType {
  kEmpty,    // no cell, a gap, or a cell with a style and no value
  kNumber,   // t="n" or no t: a double; dates and times are numbers with a date format
  kString,   // t="s" (shared), t="inlineStr", or t="str" (a formula's text result)
  kBoolean,  // t="b": number is 0 or 1
  kError,    // t="e": text is "#N/A", "#DIV/0!", ...
  kDate,     // t="d": an ISO 8601 text in `text` (rare; Excel itself writes numbers)
};

struct XlsxCell {
  XlsxCellType type = XlsxCellType::kEmpty;
  // kString: the text (UTF-8, _xHHHH_ escapes decoded). kNumber: the digits exactly as stored
  // in the file ("3514010101900001", "3.5140101019E+15"). kBoolean "0"/"1". kError, kDate: as
  // stored.
  std::string text;
  double number = 0;              // kNumber, kBoolean
  bool from_formula = false;      // the value is a formula's cached result
  std::uint32_t style_index = 0;  // the `s` attribute: index into styles.xml cellXfs
  std::uint32_t num_fmt_id = 0;   // that style's number format id (0 = General, 49 = "@" text)
  // That format's code ("General", "dd/mm/yyyy", "@", ...). A copy, so rows outlive the
  // reader (ReadXlsxSheet); short codes fit std::string's inline buffer.
  std::string format_code;
  bool date_format = false;  // the format shows a date or time (built-in 14-22, 45-47, or a code
                             // with d/m/y/h/s outside quotes and brackets)
};

struct XlsxRow {
  std::uint32_t number = 0;     // 1-based row number in the sheet (rows may skip numbers)
  std::vector<XlsxCell> cells;  // cells[0] is column A; gaps are kEmpty; trailing gaps dropped
};

struct XlsxSheetInfo {
  std::string name;
  std::string part;  // zip entry, e.g. "xl/worksheets/sheet1.xml"
  bool hidden = false;
};

// Streams one sheet's rows. Obtained from XlsxReader::OpenSheet. Movable; not thread-safe.
class XlsxSheetReader {
 public:
  XlsxSheetReader(XlsxSheetReader&&) noexcept;
  XlsxSheetReader& operator=(XlsxSheetReader&&) noexcept;
  ~XlsxSheetReader();

  // Next row with at least one <c> element, or false at the end or on an Error (status()).
  bool Next(XlsxRow& row);
  const Status& status() const;
  // Uncompressed bytes of the sheet part consumed so far, and declared in all (progress).
  std::uint64_t bytes_read() const;
  std::uint64_t total_bytes() const;

 private:
  friend class XlsxReader;
  struct Impl;
  explicit XlsxSheetReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// An open workbook. Movable; not thread-safe (one reader, and its sheet readers, per thread).
class XlsxReader {
 public:
  // Opens the archive and loads workbook.xml, its relationships, styles and shared strings.
  // Errors: NotFound / PermissionDenied / Unavailable for I/O; InvalidArgument for a file that
  // is not an xlsx workbook, is damaged, or exceeds a limit.
  static Result<XlsxReader> Open(const std::string& path, const XlsxOptions& options = {});
  // The same over bytes in memory (uploads, fuzzing).
  static Result<XlsxReader> FromBuffer(std::string data, const XlsxOptions& options = {});

  XlsxReader(XlsxReader&&) noexcept;
  XlsxReader& operator=(XlsxReader&&) noexcept;
  ~XlsxReader();

  // Sheets in workbook order (hidden ones included, flagged).
  const std::vector<XlsxSheetInfo>& sheets() const;
  // True when the workbook counts dates from 1904 (old Mac Excel): pass to ExcelSerialToDate.
  bool date1904() const;

  Result<XlsxSheetReader> OpenSheet(std::size_t index) const;
  // NotFound when no sheet has that name (exact match).
  Result<XlsxSheetReader> OpenSheet(std::string_view name) const;

 private:
  struct Impl;
  explicit XlsxReader(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;  // shared with sheet readers, which may outlive this object
};

// All rows of one sheet in memory (small files, tests).
Result<std::vector<XlsxRow>> ReadXlsxSheet(const std::string& path, std::size_t sheet_index,
                                           const XlsxOptions& options = {});

// The calendar date of an Excel serial day number, time of day dropped. In the 1900 system,
// serial 1 is 1900-01-01 and serial 60 is the non-existent 1900-02-29 (Lotus 1-2-3's leap-year
// bug, kept by Excel): nullopt for it, and serials from 61 are shifted back one day. nullopt
// also for serials < 1 (0 is "1900-01-00"), above 2958465 (9999-12-31), and NaN.
std::optional<std::chrono::year_month_day> ExcelSerialToDate(double serial, bool date1904 = false);

// The text Excel shows for a number in General format in a wide cell (and writes when it saves
// the cell as CSV): rounded to 15 significant digits, plain digits for magnitudes from 1e-9
// below 1e21, else scientific ("1.5E-10"). This is how a 16-digit NIK typed as a number is
// damaged: 3514010101900001 -> "3514010101900000". NaN and infinities give "#NUM!".
std::string RenderExcelGeneral(double value);

// True for a number format that displays a date or time (see XlsxCell::date_format).
bool IsDateFormat(std::uint32_t num_fmt_id, std::string_view format_code);

}  // namespace jaring::formats
