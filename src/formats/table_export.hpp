// TableExport: one table (a header, then rows of typed cells) written as a file for officials
// to open in a spreadsheet, as .xlsx or as .csv. The registry export uses it, and so should
// every later download of rows (quarantine reports, findings, bills): the caller gathers the
// rows, this decides how each kind of cell is written in each format.
//
//   auto table = TableExport::Create(TableFormat::kCsv, "Pekerja", columns);
//   table->Text(nik).Date(born).Integer(age).Empty();  table->EndRow();
//   auto bytes = table->Finish();
//
// CSV: UTF-8 with a byte-order mark (so that Excel reads the characters right), ',' between
// cells, LF line ends, identifier columns always quoted, dates as YYYY-MM-DD, and every cell
// neutralised against formulas by CsvWriter (csv.hpp). XLSX: one sheet, text columns as text
// (a NIK never becomes 3.51401E+15), dates as dates, header styled and frozen (XlsxWriter);
// the workbook is assembled in a private temporary file, read back by Finish() and removed.
// Memory: a CSV grows in memory with the rows; an XLSX's rows go to disk as they come.
// Not thread-safe. The first failure is kept; Finish() returns it.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::formats {

enum class TableFormat { kXlsx, kCsv };

// "xlsx" | "csv", and the Content-Type of the file.
std::string_view TableFormatExtension(TableFormat format);
std::string_view TableFormatContentType(TableFormat format);

enum class TableColumnKind {
  kText,     // any text
  kInteger,  // whole numbers
  kDate,     // calendar dates
};

struct TableColumn {
  std::string title;
  TableColumnKind kind = TableColumnKind::kText;
  double width = 0;         // XLSX, in characters; 0 = from the title
  bool identifier = false;  // NIK, KK: CSV quotes it (header included) so tools keep it text
};

class TableExport {
 public:
  // Errors: InvalidArgument for a sheet name XLSX refuses; Unavailable (or PermissionDenied,
  // NotFound) when the temporary file cannot be made in `temp_dir` (XLSX only).
  static Result<TableExport> Create(
      TableFormat format, std::string_view sheet_name, std::vector<TableColumn> columns,
      const std::filesystem::path& temp_dir = std::filesystem::temp_directory_path());

  TableExport(TableExport&&) noexcept;
  TableExport& operator=(TableExport&&) noexcept;
  ~TableExport();  // removes the temporary file

  // Cells of the current row, left to right, of the column's kind (Empty() for any kind).
  TableExport& Text(std::string_view value);
  TableExport& Integer(std::int64_t value);
  TableExport& Date(std::chrono::year_month_day value);
  TableExport& Empty();
  void EndRow();

  // Rows written, header excluded.
  std::int64_t rows() const;
  // False once a write failed (the caller may stop early; Finish() says why).
  bool ok() const;
  // The file's bytes. Call once; the table takes no rows afterwards.
  Result<std::string> Finish();

 private:
  struct Impl;
  explicit TableExport(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jaring::formats
