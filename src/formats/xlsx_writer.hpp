// XLSX writer: tables for officials (exports, quarantine reports) over libxlsxwriter.
//
// One call per sheet declares its columns; rows are then written cell by cell, left to right,
// top to bottom (constant memory: a million-row export does not grow with its size). Each
// sheet gets a bold, filled header row, a frozen top row, an autofilter over the table and
// the column widths and formats asked for. Text columns are written as text with the "@"
// format, so that Excel never turns a NIK into 3.51401E+15.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::formats {

enum class XlsxColumnKind {
  kText,     // strings, stored as text with format "@" (NIK, KK, codes, names)
  kInteger,  // whole numbers, format "0"; also money in rupiah when number_format is set
  kNumber,   // numbers with decimals, format "General" unless number_format is set
  kDate,     // calendar dates, stored as Excel serials with format "dd/mm/yyyy"
};

struct XlsxColumn {
  std::string title;
  XlsxColumnKind kind = XlsxColumnKind::kText;
  double width = 0;           // in characters; 0 = from the title, at least 10
  std::string number_format;  // overrides the kind's default, e.g. "#,##0" for rupiah
};

// Not thread-safe. Cells written in the wrong order, to the wrong kind of column or after an
// error are refused: the first Error is kept and returned by Close(). Nothing is on disk
// before Close() succeeds (libxlsxwriter assembles the zip then).
class XlsxWriter {
 public:
  // Errors: InvalidArgument for an empty path; file-system errors surface at Close().
  static Result<XlsxWriter> Create(const std::string& path);

  XlsxWriter(XlsxWriter&&) noexcept;
  XlsxWriter& operator=(XlsxWriter&&) noexcept;
  // Closes if Close() was not called (errors are then lost).
  ~XlsxWriter();

  // Starts a new sheet and writes its header row. Sheet names: 1-31 characters, none of
  // []:*?/\ and unique in the workbook (InvalidArgument otherwise).
  Status AddSheet(std::string_view name, std::vector<XlsxColumn> columns);

  // Cells of the current row, left to right. Empty() leaves a cell blank.
  XlsxWriter& Text(std::string_view value);
  XlsxWriter& Integer(std::int64_t value);
  XlsxWriter& Number(double value);
  XlsxWriter& Date(std::chrono::year_month_day value);
  XlsxWriter& Empty();
  void EndRow();

  // Rows written to the current sheet, header excluded.
  std::uint32_t rows() const;
  const Status& status() const;
  // Adds the autofilter of the last sheet and writes the file. Errors: the first refused cell,
  // or Unavailable / PermissionDenied / NotFound when the file cannot be written.
  Status Close();

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Excel serial day number of a date in the 1900 system (inverse of ExcelSerialToDate).
double DateToExcelSerial(std::chrono::year_month_day date);

}  // namespace jaring::formats
