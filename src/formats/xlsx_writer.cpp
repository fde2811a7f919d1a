// XLSX writer over libxlsxwriter in constant-memory mode: each row goes to a temporary file
// as soon as the next row starts, so memory does not grow with the export. That mode needs
// rows in order, which the cell-at-a-time API enforces by construction.
#include "formats/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <set>
#include <utility>

namespace jaring::formats {

namespace {
constexpr lxw_row_t kMaxRows = 1'048'576;
}  // namespace

double DateToExcelSerial(std::chrono::year_month_day date) {
  using namespace std::chrono;
  auto days_since = (sys_days(date) - sys_days(1899y / December / 30)).count();
  // Before 1900-03-01 Excel's phantom 1900-02-29 is not yet counted.
  if (sys_days(date) < sys_days(1900y / March / 1)) --days_since;
  return static_cast<double>(days_since);
}

struct XlsxWriter::Impl {
  std::string path;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* date = nullptr;
  std::vector<XlsxColumn> columns;
  std::vector<lxw_format*> column_formats;
  std::set<std::string> sheet_names;
  lxw_row_t row = 0;  // current row in the sheet (0 = header)
  lxw_col_t col = 0;
  bool closed = false;
  Status status;

  ~Impl() {
    if (!closed && workbook != nullptr) workbook_close(workbook);
  }

  void Refuse(std::string message, std::string details) {
    if (status) status = Fail(Error::InvalidArgument(std::move(message), std::move(details)));
  }

  // True when a cell of `kind` may be written now.
  bool Ready(std::initializer_list<XlsxColumnKind> kinds) {
    if (!status) return false;
    if (closed || sheet == nullptr) {
      Refuse("Sel ditulis di luar lembar kerja", "cell written before AddSheet or after Close");
      return false;
    }
    if (col >= columns.size()) {
      Refuse("Baris memiliki lebih banyak sel daripada kolom",
             "row " + std::to_string(row) + " has more cells than the sheet's columns");
      return false;
    }
    if (std::find(kinds.begin(), kinds.end(), columns[col].kind) == kinds.end()) {
      Refuse("Jenis sel tidak sesuai dengan kolom",
             "column " + std::to_string(col) + " (" + columns[col].title + ") has another kind");
      return false;
    }
    if (row == 0) row = 1;
    if (row >= kMaxRows) {
      Refuse("Lembar kerja melebihi 1.048.576 baris", "Excel row limit");
      return false;
    }
    return true;
  }

  void Check(lxw_error err, std::string_view what) {
    if (err != LXW_NO_ERROR && status) {
      status = Fail(Error::InvalidArgument("Sel tidak dapat ditulis ke XLSX",
                                           std::string(what) + ": " + lxw_strerror(err)));
    }
  }

  void FinishSheet() {
    if (sheet == nullptr || columns.empty()) return;
    lxw_row_t last = std::max<lxw_row_t>(row, 0);
    if (col == 0 && row > 0) last = row - 1;  // the current row has no cells yet
    Check(worksheet_autofilter(sheet, 0, 0, last, static_cast<lxw_col_t>(columns.size() - 1)),
          "autofilter");
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWriter::XlsxWriter(XlsxWriter&&) noexcept = default;
XlsxWriter& XlsxWriter::operator=(XlsxWriter&& other) noexcept {
  if (this != &other) {
    if (impl_) (void)Close();
    impl_ = std::move(other.impl_);
  }
  return *this;
}
XlsxWriter::~XlsxWriter() {
  if (impl_) (void)Close();
}

Result<XlsxWriter> XlsxWriter::Create(const std::string& path) {
  if (path.empty()) return Fail(Error::InvalidArgument("Nama berkas XLSX kosong", "empty path"));
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  impl->workbook = workbook_new_opt(path.c_str(), &options);
  if (impl->workbook == nullptr) {
    return Fail(Error::Unavailable("Buku kerja XLSX tidak dapat dibuat", "workbook_new_opt"));
  }
  lxw_workbook* wb = impl->workbook;
  impl->header = workbook_add_format(wb);
  format_set_bold(impl->header);
  format_set_pattern(impl->header, LXW_PATTERN_SOLID);
  format_set_bg_color(impl->header, 0xD9E1F2);
  format_set_border(impl->header, LXW_BORDER_THIN);
  impl->text = workbook_add_format(wb);
  format_set_num_format_index(impl->text, 49);  // the built-in "@" (Text)
  impl->integer = workbook_add_format(wb);
  format_set_num_format(impl->integer, "0");
  impl->date = workbook_add_format(wb);
  format_set_num_format(impl->date, "dd/mm/yyyy");
  return XlsxWriter(std::move(impl));
}

Status XlsxWriter::AddSheet(std::string_view name, std::vector<XlsxColumn> columns) {
  Impl& m = *impl_;
  if (!m.status) return m.status;
  if (m.closed) return Fail(Error::FailedPrecondition("Buku kerja sudah ditutup", "AddSheet"));
  std::string sheet_name(name);
  lxw_error valid = workbook_validate_sheet_name(m.workbook, sheet_name.c_str());
  if (sheet_name.empty() || valid != LXW_NO_ERROR) {
    return Fail(Error::InvalidArgument(
        "Nama lembar kerja tidak sah",
        sheet_name.empty() ? std::string("empty sheet name") : lxw_strerror(valid)));
  }
  if (columns.empty() || columns.size() > 16384) {
    return Fail(Error::InvalidArgument("Jumlah kolom lembar kerja tidak sah", "1..16384 columns"));
  }
  m.FinishSheet();
  m.sheet = workbook_add_worksheet(m.workbook, sheet_name.c_str());
  if (m.sheet == nullptr) {
    return Fail(Error::InvalidArgument("Nama lembar kerja tidak sah", "workbook_add_worksheet"));
  }
  m.columns = std::move(columns);
  m.column_formats.clear();
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    const XlsxColumn& c = m.columns[i];
    lxw_format* format = nullptr;
    if (!c.number_format.empty()) {
      format = workbook_add_format(m.workbook);
      format_set_num_format(format, c.number_format.c_str());
    } else {
      switch (c.kind) {
        case XlsxColumnKind::kText:
          format = m.text;
          break;
        case XlsxColumnKind::kInteger:
          format = m.integer;
          break;
        case XlsxColumnKind::kNumber:
          format = nullptr;
          break;
        case XlsxColumnKind::kDate:
          format = m.date;
          break;
      }
    }
    m.column_formats.push_back(format);
    double width = c.width > 0 ? c.width : std::max(10.0, static_cast<double>(c.title.size()) + 2);
    auto col = static_cast<lxw_col_t>(i);
    m.Check(worksheet_set_column(m.sheet, col, col, width, format), "set_column");
    m.Check(worksheet_write_string(m.sheet, 0, col, c.title.c_str(), m.header), "header");
  }
  worksheet_freeze_panes(m.sheet, 1, 0);
  m.row = 1;
  m.col = 0;
  return m.status;
}

XlsxWriter& XlsxWriter::Text(std::string_view value) {
  Impl& m = *impl_;
  if (m.Ready({XlsxColumnKind::kText})) {
    std::string s(value);
    m.Check(worksheet_write_string(m.sheet, m.row, m.col, s.c_str(), m.column_formats[m.col]),
            "text cell");
    ++m.col;
  }
  return *this;
}

XlsxWriter& XlsxWriter::Integer(std::int64_t value) {
  Impl& m = *impl_;
  // Excel holds 15 significant digits: larger integers would be silently rounded.
  constexpr std::int64_t kExact = 999'999'999'999'999;
  if (value > kExact || value < -kExact) {
    m.Refuse("Bilangan terlalu besar untuk Excel; tulis sebagai teks", "integer beyond 15 digits");
    return *this;
  }
  if (m.Ready({XlsxColumnKind::kInteger, XlsxColumnKind::kNumber})) {
    m.Check(worksheet_write_number(m.sheet, m.row, m.col, static_cast<double>(value),
                                   m.column_formats[m.col]),
            "integer cell");
    ++m.col;
  }
  return *this;
}

XlsxWriter& XlsxWriter::Number(double value) {
  Impl& m = *impl_;
  if (!std::isfinite(value)) {
    m.Refuse("Bilangan tidak sah", "NaN or infinity");
    return *this;
  }
  if (m.Ready({XlsxColumnKind::kNumber, XlsxColumnKind::kInteger})) {
    m.Check(worksheet_write_number(m.sheet, m.row, m.col, value, m.column_formats[m.col]),
            "number cell");
    ++m.col;
  }
  return *this;
}

XlsxWriter& XlsxWriter::Date(std::chrono::year_month_day value) {
  Impl& m = *impl_;
  using namespace std::chrono;
  if (!value.ok() || value < 1900y / January / 1 || value > 9999y / December / 31) {
    m.Refuse("Tanggal di luar jangkauan Excel", "date must be 1900-01-01..9999-12-31");
    return *this;
  }
  if (m.Ready({XlsxColumnKind::kDate})) {
    m.Check(worksheet_write_number(m.sheet, m.row, m.col, DateToExcelSerial(value),
                                   m.column_formats[m.col]),
            "date cell");
    ++m.col;
  }
  return *this;
}

XlsxWriter& XlsxWriter::Empty() {
  Impl& m = *impl_;
  if (m.Ready({XlsxColumnKind::kText, XlsxColumnKind::kInteger, XlsxColumnKind::kNumber,
               XlsxColumnKind::kDate})) {
    ++m.col;  // nothing stored: the column format applies to the blank cell anyway
  }
  return *this;
}

void XlsxWriter::EndRow() {
  Impl& m = *impl_;
  if (!m.status || m.sheet == nullptr || m.closed) return;
  ++m.row;
  m.col = 0;
}

std::uint32_t XlsxWriter::rows() const {
  const Impl& m = *impl_;
  return m.row == 0 ? 0 : m.row - 1;
}

const Status& XlsxWriter::status() const { return impl_->status; }

Status XlsxWriter::Close() {
  Impl& m = *impl_;
  if (m.closed) return m.status;
  m.FinishSheet();
  if (m.sheet == nullptr && m.status) {
    // An xlsx needs at least one sheet: an empty workbook would not open in Excel.
    workbook_add_worksheet(m.workbook, nullptr);
  }
  errno = 0;
  lxw_error err = workbook_close(m.workbook);
  m.closed = true;
  m.workbook = nullptr;
  if (err != LXW_NO_ERROR && m.status) {
    std::string details = m.path + ": " + lxw_strerror(err);
    if (errno == ENOENT) {
      m.status = Fail(Error::NotFound("Folder tujuan XLSX tidak ada", details));
    } else if (errno == EACCES || errno == EPERM) {
      m.status = Fail(Error::PermissionDenied("Berkas XLSX tidak boleh ditulis", details));
    } else {
      m.status = Fail(Error::Unavailable("Berkas XLSX tidak dapat ditulis", details));
    }
  }
  return m.status;
}

}  // namespace jaring::formats
