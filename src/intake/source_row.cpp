#include "intake/source_row.hpp"

#include "formats/csv.hpp"
#include "formats/xlsx_reader.hpp"

namespace jaring::intake {

SourceRow MakeRow(std::uint64_t line, std::span<const std::string> storage) {
  SourceRow row;
  row.line = line;
  row.cells.reserve(storage.size());
  for (const auto& text : storage) row.cells.push_back({text, CellKind::kText});
  return row;
}

void FromCsvRow(const formats::CsvRow& in, SourceRow& out) {
  out.line = in.line;
  out.encoding_guessed = in.issue == formats::CsvRowIssue::kGuessedEncoding;
  out.cells.clear();
  for (std::string_view text : in.cells) out.cells.push_back({text, CellKind::kText});
}

void FromXlsxRow(const formats::XlsxRow& in, SourceRow& out) {
  out.line = in.number;
  out.encoding_guessed = false;
  out.cells.clear();
  for (const auto& cell : in.cells) {
    CellKind kind = CellKind::kText;
    if (cell.type == formats::XlsxCellType::kNumber) {
      kind = cell.date_format ? CellKind::kDate : CellKind::kNumber;
    } else if (cell.type == formats::XlsxCellType::kDate) {
      kind = CellKind::kDate;
    }
    out.cells.push_back({cell.text, kind});
  }
}

std::vector<std::string> CopyCells(const SourceRow& row) {
  std::vector<std::string> cells;
  cells.reserve(row.cells.size());
  for (const auto& cell : row.cells) cells.emplace_back(cell.text);
  return cells;
}

}  // namespace jaring::intake
