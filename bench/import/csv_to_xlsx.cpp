// csv-to-xlsx IN.csv OUT.xlsx ROWS: the first ROWS data rows of a CSV as one Excel sheet,
// written by the project's own formats::XlsxWriter (what `jaring` exports), for the import
// benchmark's .xlsx input. Every cell is text except a column whose header names a birth date
// ("birth_date", "Tanggal Lahir", "Tgl Lahir") and whose value is an ISO date: that one is a
// real Excel date (a serial number), as in the lists offices send.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "domain/date_format.hpp"
#include "formats/csv.hpp"
#include "formats/xlsx_writer.hpp"

namespace {

bool IsDateHeader(std::string_view title) {
  std::string lower;
  for (char c : title) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower == "birth_date" || lower == "tanggal_lahir" || lower == "tanggal lahir" ||
         lower == "tgl lahir" || lower == "tgl_lahir";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace jaring;
  if (argc != 4) {
    std::fprintf(stderr, "usage: csv-to-xlsx IN.csv OUT.xlsx ROWS\n");
    return 2;
  }
  const long long wanted = std::atoll(argv[3]);
  auto reader = formats::CsvReader::Open(argv[1]);
  if (!reader) {
    std::fprintf(stderr, "csv-to-xlsx: %s\n", reader.error().ToString().c_str());
    return 1;
  }
  auto writer = formats::XlsxWriter::Create(argv[2]);
  if (!writer) {
    std::fprintf(stderr, "csv-to-xlsx: %s\n", writer.error().ToString().c_str());
    return 1;
  }
  std::vector<formats::XlsxColumn> columns;
  std::vector<bool> is_date;
  for (const std::string& title : reader->header()) {
    is_date.push_back(IsDateHeader(title));
    columns.push_back(
        {title, is_date.back() ? formats::XlsxColumnKind::kDate : formats::XlsxColumnKind::kText});
  }
  if (auto ok = writer->AddSheet("Daftar", columns); !ok) {
    std::fprintf(stderr, "csv-to-xlsx: %s\n", ok.error().ToString().c_str());
    return 1;
  }
  formats::CsvRow row;
  long long written = 0;
  while (written < wanted && reader->Next(row)) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string_view cell = i < row.size() ? row[i] : std::string_view();
      if (cell.empty()) {
        writer->Empty();
      } else if (is_date[i]) {
        auto date = domain::ParseIsoDate(cell);
        if (date) {
          writer->Date(*date);
        } else {
          writer->Empty();  // a date column takes no text; a bad date stays blank
        }
      } else {
        writer->Text(cell);
      }
    }
    writer->EndRow();
    ++written;
  }
  if (!reader->status()) {
    std::fprintf(stderr, "csv-to-xlsx: %s\n", reader->status().error().ToString().c_str());
    return 1;
  }
  if (auto ok = writer->Close(); !ok) {
    std::fprintf(stderr, "csv-to-xlsx: %s\n", ok.error().ToString().c_str());
    return 1;
  }
  std::printf("%lld rows -> %s\n", written, argv[2]);
  return 0;
}
