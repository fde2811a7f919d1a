// Fuzz target for the XLSX reader (libFuzzer/AFL++ entry point LLVMFuzzerTestOneInput).
//
// Any bytes: an Error or rows, never a crash, a hang or unbounded memory (limits are set low
// so that the fuzzer reaches them). Text cells must be valid UTF-8 and rows must respect the
// cell limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "formats/encoding.hpp"
#include "formats/xlsx_reader.hpp"

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jaring::formats;
  XlsxOptions options;
  options.max_part_bytes = 8 << 20;
  options.max_cells = 200'000;
  options.max_cell_bytes = 64 << 10;
  auto book =
      XlsxReader::FromBuffer(std::string(reinterpret_cast<const char*>(data), size), options);
  if (!book) return 0;
  for (std::size_t s = 0; s < book->sheets().size() && s < 4; ++s) {
    auto sheet = book->OpenSheet(s);
    if (!sheet) continue;
    XlsxRow row;
    std::uint64_t cells = 0;
    while (sheet->Next(row)) {
      Check(row.number >= 1 && row.number <= 1'048'576);
      Check(row.cells.size() <= 16'384);
      cells += row.cells.size();
      Check(cells <= options.max_cells);
      for (const XlsxCell& cell : row.cells) {
        Check(cell.text.size() <= options.max_cell_bytes);
        if (cell.type == XlsxCellType::kString) Check(IsValidUtf8(cell.text));
        if (cell.type == XlsxCellType::kNumber) {
          (void)RenderExcelGeneral(cell.number);
          (void)ExcelSerialToDate(cell.number, book->date1904());
        }
      }
    }
  }
  return 0;
}
