// Design notes
//  - Type by content: a zip archive's magic "PK\3\4" means XLSX; everything else is CSV. A file
//    named .xlsx that is really CSV (a common "Save As" mistake) is read as what it is.
//  - CSV separator: title lines often sit above the header ("DAFTAR PEKERJA RENTAN DESA ...")
//    and a title line may not even contain the file's separator, which the reader would detect
//    from it. So every candidate separator (the reader's own detection first) reads the first
//    rows, and the one whose most header-like row (FindHeaderRow) recognises the most columns
//    wins; ties keep the earlier candidate.
//  - XLSX: the first visible sheet; the most header-like of its first rows is the header.
//  - OpenRows re-reads the rows above the header and drops them, so the two passes agree by
//    construction (the reader's row count is the unit of header_index).
#include "intake/source_file.hpp"

#include <sodium.h>

#include <fstream>

#include "formats/csv.hpp"
#include "formats/xlsx_reader.hpp"
#include "intake/column_mapping.hpp"

namespace jaring::intake {
namespace {

constexpr std::size_t kHeaderSearchRows = 20;

bool LooksLikeZip(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

Error Unreadable(std::string_view name, const Error& cause) {
  return Error::InvalidArgument(
      "berkas tidak dapat dibaca: " + std::string(name) + " (" + cause.message + ")",
      cause.details);
}

// How many fields the most header-like of `rows` recognises, and which row it is.
struct HeaderGuess {
  std::size_t score = 0;
  std::size_t row = 0;
};
std::optional<HeaderGuess> GuessHeader(const std::vector<std::vector<std::string>>& rows) {
  const auto at = FindHeaderRow(rows);
  if (!at) return std::nullopt;
  const ColumnMapping mapping = DetectMapping(rows[*at]);
  HeaderGuess guess{0, *at};
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    guess.score += mapping.Has(static_cast<Field>(f)) ? 1 : 0;
  }
  return guess;
}

formats::CsvOptions CsvOptionsFor(char separator) {
  formats::CsvOptions options;
  options.separator = separator;
  options.has_header = false;
  return options;
}

class CsvRows final : public RowStream {
 public:
  explicit CsvRows(formats::CsvReader reader) : reader_(std::move(reader)) {}

  bool Next(SourceRow& row) override {
    do {
      if (!reader_.Next(csv_row_)) return false;
    } while (AllBlank(csv_row_));
    FromCsvRow(csv_row_, row);
    return true;
  }
  Status status() const override { return reader_.status(); }
  std::uint64_t bytes_read() const override { return reader_.bytes_read(); }
  std::uint64_t total_bytes() const override { return reader_.total_bytes(); }

  // Skips `rows` rows as the reader yields them (the header and the titles above it).
  void Skip(std::size_t rows) {
    for (std::size_t i = 0; i < rows && reader_.Next(csv_row_); ++i) {
    }
  }

 private:
  // A line of separators only carries nothing to keep.
  static bool AllBlank(const formats::CsvRow& row) {
    for (std::string_view cell : row.cells) {
      if (cell.find_first_not_of(" \t\r\n") != std::string_view::npos) return false;
    }
    return !row.malformed;
  }

  formats::CsvReader reader_;
  formats::CsvRow csv_row_;
};

class XlsxRows final : public RowStream {
 public:
  explicit XlsxRows(formats::XlsxSheetReader sheet) : sheet_(std::move(sheet)) {}

  bool Next(SourceRow& row) override {
    if (!sheet_.Next(current_)) return false;
    FromXlsxRow(current_, row);
    return true;
  }
  Status status() const override { return sheet_.status(); }
  std::uint64_t bytes_read() const override { return sheet_.bytes_read(); }
  std::uint64_t total_bytes() const override { return sheet_.total_bytes(); }

  void Skip(std::size_t rows) {
    for (std::size_t i = 0; i < rows && sheet_.Next(current_); ++i) {
    }
  }

 private:
  formats::XlsxSheetReader sheet_;
  formats::XlsxRow current_;
};

Result<std::size_t> FirstVisibleSheet(const formats::XlsxReader& reader) {
  const auto& sheets = reader.sheets();
  for (std::size_t index = 0; index < sheets.size(); ++index) {
    if (!sheets[index].hidden) return index;
  }
  return Fail(Error::InvalidArgument("berkas Excel tidak memiliki lembar yang terlihat"));
}

}  // namespace

std::string_view FileTypeName(FileType type) { return type == FileType::kXlsx ? "xlsx" : "csv"; }

Result<SourceFile> SourceFile::Open(const std::filesystem::path& path, std::string display_name) {
  SourceFile file;
  file.path_ = path;
  file.name_ = display_name.empty() ? path.filename().string() : std::move(display_name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Fail(Error::InvalidArgument("berkas tidak ditemukan: " + file.name_, path.string()));
  }
  file.size_bytes_ = std::filesystem::file_size(path, ec);
  auto checksum = FileChecksum(path);
  if (!checksum) return Fail(Unreadable(file.name_, checksum.error()));
  file.checksum_ = std::move(*checksum);

  if (LooksLikeZip(path)) {
    file.type_ = FileType::kXlsx;
    auto reader = formats::XlsxReader::Open(path.string());
    if (!reader) return Fail(Unreadable(file.name_, reader.error()));
    auto index = FirstVisibleSheet(*reader);
    if (!index) return Fail(Unreadable(file.name_, index.error()));
    file.sheet_index_ = *index;
    file.date1904_ = reader->date1904();
    auto sheet = reader->OpenSheet(*index);
    if (!sheet) return Fail(Unreadable(file.name_, sheet.error()));
    std::vector<std::vector<std::string>> rows;
    formats::XlsxRow row;
    while (rows.size() < kHeaderSearchRows && sheet->Next(row)) {
      auto& cells = rows.emplace_back();
      for (const auto& c : row.cells) cells.push_back(c.text);
    }
    if (!sheet->status()) return Fail(Unreadable(file.name_, sheet->status().error()));
    if (rows.empty()) {
      return Fail(Unreadable(file.name_, Error::InvalidArgument("berkas Excel kosong")));
    }
    const auto guess = GuessHeader(rows);
    file.header_index_ = guess ? guess->row : 0;
    file.header_ = rows[file.header_index_];
    return file;
  }

  file.type_ = FileType::kCsv;
  std::optional<HeaderGuess> best;
  char best_separator = 0;
  char detected = ',';
  for (const char separator : {'\0', ',', ';', '\t'}) {
    auto reader = formats::CsvReader::Open(path.string(), CsvOptionsFor(separator));
    if (!reader) return Fail(Unreadable(file.name_, reader.error()));
    if (separator == '\0') detected = reader->separator();
    std::vector<std::vector<std::string>> rows;
    formats::CsvRow row;
    while (rows.size() < kHeaderSearchRows && reader->Next(row)) rows.push_back(row.ToStrings());
    const auto guess = GuessHeader(rows);
    if (guess && (!best || guess->score > best->score)) {
      best = guess;
      best_separator = separator;
    }
  }
  file.separator_ = best_separator == '\0' ? detected : best_separator;
  file.header_index_ = best ? best->row : 0;
  auto reader = formats::CsvReader::Open(path.string(), CsvOptionsFor(file.separator_));
  if (!reader) return Fail(Unreadable(file.name_, reader.error()));
  formats::CsvRow row;
  for (std::size_t i = 0; i <= file.header_index_ && reader->Next(row); ++i) {
    file.header_ = row.ToStrings();
  }
  if (!reader->status()) return Fail(Unreadable(file.name_, reader->status().error()));
  return file;
}

Result<std::unique_ptr<RowStream>> SourceFile::OpenRows() const {
  if (type_ == FileType::kXlsx) {
    auto reader = formats::XlsxReader::Open(path_.string());
    if (!reader) return Fail(Unreadable(name_, reader.error()));
    auto sheet = reader->OpenSheet(sheet_index_);
    if (!sheet) return Fail(Unreadable(name_, sheet.error()));
    auto rows = std::make_unique<XlsxRows>(std::move(*sheet));
    rows->Skip(header_index_ + 1);
    if (!rows->status()) return Fail(Unreadable(name_, rows->status().error()));
    return std::unique_ptr<RowStream>(std::move(rows));
  }
  auto reader = formats::CsvReader::Open(path_.string(), CsvOptionsFor(separator_));
  if (!reader) return Fail(Unreadable(name_, reader.error()));
  auto rows = std::make_unique<CsvRows>(std::move(*reader));
  rows->Skip(header_index_ + 1);
  if (!rows->status()) return Fail(Unreadable(name_, rows->status().error()));
  return std::unique_ptr<RowStream>(std::move(rows));
}

Result<std::string> FileChecksum(const std::filesystem::path& file) {
  if (sodium_init() < 0) return Fail(Error::Internal("libsodium tidak dapat dimulai"));
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::InvalidArgument("berkas tidak dapat dibaca: " + file.string()));
  crypto_generichash_state state;
  unsigned char digest[32];
  crypto_generichash_init(&state, nullptr, 0, sizeof digest);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0) {
      crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(got));
    }
  }
  if (in.bad()) return Fail(Error::InvalidArgument("berkas tidak dapat dibaca: " + file.string()));
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

}  // namespace jaring::intake
