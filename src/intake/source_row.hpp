// SourceRow: one row of an incoming list as the intake core sees it, independent of the reader.
//
// Readers (CSV, XLSX) hand out rows of cells; the intake core only needs each cell's text and
// whether the spreadsheet stored it as a number or a date, because that changes its meaning (a
// 16-digit number has lost its last digit; a number in a date column is an Excel serial).
// Cells are views: the caller keeps the bytes alive for the duration of the call that takes
// the row (readers' buffers are valid until their next Next()). Adapters for the formats
// readers are below; tests build rows from strings with MakeRow.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jaring::formats {
struct CsvRow;
struct XlsxRow;
}  // namespace jaring::formats

namespace jaring::intake {

// How the source stored a cell. CSV cells are always kText.
enum class CellKind : std::uint8_t {
  kText,    // text as typed (CSV cells, XLSX strings, booleans, errors)
  kNumber,  // an XLSX number cell without a date format; text = the digits as stored
  kDate,    // an XLSX number cell with a date/time format (text = the serial as stored), or an
            // XLSX t="d" cell (text = ISO 8601)
};

struct SourceCell {
  std::string_view text;
  CellKind kind = CellKind::kText;
};

struct SourceRow {
  // 1-based physical line (CSV) or sheet row number (XLSX): what an official sees in the file.
  std::uint64_t line = 0;
  std::vector<SourceCell> cells;
  // CSV rows of a file of mixed encodings whose bytes were read as Windows-1252 (a guess).
  bool encoding_guessed = false;

  // The cell at `column`, or an empty text cell when the row is shorter (ragged rows are
  // normal in hand-made files).
  SourceCell At(int column) const {
    if (column < 0 || static_cast<std::size_t>(column) >= cells.size()) return {};
    return cells[static_cast<std::size_t>(column)];
  }
};

// A row over owned strings (tests, rows already copied). `storage` must outlive the row.
SourceRow MakeRow(std::uint64_t line, std::span<const std::string> storage);

// Reader adapters: fill `out` (its capacity is reused, so one SourceRow per stream allocates
// once). The views point into `in`, which must outlive `out`'s use.
void FromCsvRow(const formats::CsvRow& in, SourceRow& out);
void FromXlsxRow(const formats::XlsxRow& in, SourceRow& out);

// The cells' texts as owned strings: what quarantine keeps.
std::vector<std::string> CopyCells(const SourceRow& row);

}  // namespace jaring::intake
