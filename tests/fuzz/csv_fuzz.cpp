// Fuzz target for the CSV reader (libFuzzer/AFL++ entry point LLVMFuzzerTestOneInput).
//
// Beyond "does not crash": every cell handed out must be valid UTF-8 (the encoding fallback
// transcodes whatever comes), line numbers never go back, progress stays within the total,
// and what the writer writes from the rows the reader read back identically, but for the
// apostrophe the writer puts before a cell a spreadsheet would run (LooksLikeFormula).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "formats/csv.hpp"
#include "formats/encoding.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

// Rows that write as an empty line are skipped by the reader by design: leave them out.
bool WritesAsBlankLine(const std::vector<std::string>& cells) {
  return cells.size() == 1 && cells[0].empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jaring::formats;
  if (size == 0) return 0;
  // The first byte picks options, so the fuzzer explores detection, explicit separators and
  // the limits as well.
  std::uint8_t mode = data[0];
  CsvOptions options;
  options.separator = "\0,;\t|"[mode % 5];
  options.has_header = (mode & 0x08) == 0;
  options.skip_blank_lines = (mode & 0x10) == 0;
  options.max_field_bytes = (mode & 0x20) ? 64 : 4096;
  options.max_columns = (mode & 0x40) ? 8 : 256;
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);

  auto reader = CsvReader::FromString(input, options);
  if (!reader) return 0;
  for (const std::string& h : reader->header()) Check(IsValidUtf8(h));
  std::vector<std::vector<std::string>> rows;
  CsvRow row;
  std::uint64_t last_line = reader->header_line();
  while (reader->Next(row)) {
    Check(row.line > last_line || (last_line == 0 && row.line >= 1));
    last_line = row.line;
    Check(!row.cells.empty() && row.cells.size() <= options.max_columns);
    for (std::string_view cell : row.cells) {
      Check(cell.size() <= options.max_field_bytes);
      Check(IsValidUtf8(cell));
    }
    Check(reader->bytes_read() <= reader->total_bytes());
    if (!WritesAsBlankLine(row.ToStrings())) rows.push_back(row.ToStrings());
  }

  // Round trip through the writer.
  std::ostringstream out;
  CsvWriter writer(out, {.separator = reader->separator()});
  for (const auto& r : rows) writer.WriteRow(std::span<const std::string>(r));
  Check(writer.Close().has_value());
  CsvOptions again;
  again.separator = reader->separator();
  again.has_header = false;
  again.max_field_bytes = options.max_field_bytes;
  again.max_columns = options.max_columns;
  auto reread = CsvReader::FromString(out.str(), again);
  Check(reread.has_value());
  std::size_t i = 0;
  while (reread->Next(row)) {
    Check(i < rows.size());
    std::vector<std::string> expected = rows[i];
    for (std::string& cell : expected) {
      if (LooksLikeFormula(cell)) cell.insert(0, 1, '\'');
    }
    Check(row.ToStrings() == expected);
    Check(!row.malformed);
    ++i;
  }
  Check(reread->status().has_value());
  Check(i == rows.size());
  return 0;
}
