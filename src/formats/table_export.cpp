// Design notes
//  - One Impl holds either a CsvWriter over a string stream or an XlsxWriter over a temporary
//    file; every cell call goes to whichever is open, so callers never branch on the format.
//  - The temporary file is made with mkstemps (unique, mode 0600: it holds personal data) and
//    removed by the destructor whatever happened; libxlsxwriter then writes over it.
#include "formats/table_export.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>

#include "formats/csv.hpp"
#include "formats/file_io.hpp"
#include "formats/xlsx_writer.hpp"

namespace jaring::formats {
namespace {

std::string IsoDate(std::chrono::year_month_day date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

XlsxColumnKind XlsxKind(TableColumnKind kind) {
  switch (kind) {
    case TableColumnKind::kText:
      return XlsxColumnKind::kText;
    case TableColumnKind::kInteger:
      return XlsxColumnKind::kInteger;
    case TableColumnKind::kDate:
      return XlsxColumnKind::kDate;
  }
  return XlsxColumnKind::kText;
}

}  // namespace

std::string_view TableFormatExtension(TableFormat format) {
  return format == TableFormat::kXlsx ? "xlsx" : "csv";
}

std::string_view TableFormatContentType(TableFormat format) {
  return format == TableFormat::kXlsx
             ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
             : "text/csv; charset=utf-8";
}

struct TableExport::Impl {
  TableFormat format = TableFormat::kCsv;
  std::ostringstream csv_out;
  std::optional<CsvWriter> csv;
  std::optional<XlsxWriter> sheet;
  std::filesystem::path temp;
  std::int64_t rows = 0;
  bool finished = false;

  ~Impl() {
    sheet.reset();  // closes the workbook before its file goes
    if (!temp.empty()) {
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
    }
  }
};

TableExport::TableExport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TableExport::TableExport(TableExport&&) noexcept = default;
TableExport& TableExport::operator=(TableExport&&) noexcept = default;
TableExport::~TableExport() = default;

Result<TableExport> TableExport::Create(TableFormat format, std::string_view sheet_name,
                                        std::vector<TableColumn> columns,
                                        const std::filesystem::path& temp_dir) {
  auto impl = std::make_unique<Impl>();
  impl->format = format;
  if (format == TableFormat::kCsv) {
    CsvWriterOptions options{',', {}, true};
    std::vector<std::string_view> header;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].identifier) options.force_quote_columns.push_back(c);
      header.push_back(columns[c].title);
    }
    impl->csv.emplace(impl->csv_out, options);
    impl->csv->WriteRow(std::span<const std::string_view>(header));
    return TableExport(std::move(impl));
  }
  std::string path = (temp_dir / "jaring-export-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(path.data(), 5);
  if (fd < 0) {
    return Fail(
        internal::ErrorFromErrno(errno, "Berkas sementara ekspor tidak dapat dibuat", path));
  }
  ::close(fd);
  impl->temp = path;
  auto created = XlsxWriter::Create(path);
  if (!created) return Fail(std::move(created.error()));
  impl->sheet.emplace(std::move(*created));
  std::vector<XlsxColumn> sheet_columns;
  for (TableColumn& column : columns) {
    sheet_columns.push_back({std::move(column.title), XlsxKind(column.kind), column.width, ""});
  }
  if (auto ok = impl->sheet->AddSheet(sheet_name, std::move(sheet_columns)); !ok) {
    return Fail(ok.error());
  }
  return TableExport(std::move(impl));
}

TableExport& TableExport::Text(std::string_view value) {
  if (impl_->sheet) {
    impl_->sheet->Text(value);
  } else {
    impl_->csv->Cell(value);
  }
  return *this;
}

TableExport& TableExport::Integer(std::int64_t value) {
  if (impl_->sheet) {
    impl_->sheet->Integer(value);
  } else {
    impl_->csv->Cell(value);
  }
  return *this;
}

TableExport& TableExport::Date(std::chrono::year_month_day value) {
  if (impl_->sheet) {
    impl_->sheet->Date(value);
  } else {
    impl_->csv->Cell(IsoDate(value));
  }
  return *this;
}

TableExport& TableExport::Empty() {
  if (impl_->sheet) {
    impl_->sheet->Empty();
  } else {
    impl_->csv->Cell("");
  }
  return *this;
}

void TableExport::EndRow() {
  if (impl_->sheet) {
    impl_->sheet->EndRow();
  } else {
    impl_->csv->EndRow();
  }
  ++impl_->rows;
}

std::int64_t TableExport::rows() const { return impl_->rows; }

bool TableExport::ok() const {
  return impl_->sheet ? impl_->sheet->status().has_value() : impl_->csv->status().has_value();
}

Result<std::string> TableExport::Finish() {
  Impl& m = *impl_;
  if (m.finished) return Fail(Error::FailedPrecondition("Ekspor sudah selesai", "Finish twice"));
  m.finished = true;
  if (m.csv) {
    if (auto ok = m.csv->Close(); !ok) return Fail(ok.error());
    return std::move(m.csv_out).str();
  }
  if (auto ok = m.sheet->Close(); !ok) return Fail(ok.error());
  auto bytes = internal::FileBytes::Open(m.temp.string(), std::uint64_t{4} << 30);
  if (!bytes) return Fail(std::move(bytes.error()));
  return std::move(*bytes).TakeString();
}

}  // namespace jaring::formats
