#include "services/invoice_file.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "domain/money.hpp"
#include "intake/column_mapping.hpp"
#include "intake/fixed_columns.hpp"
#include "intake/source_file.hpp"
#include "intake/values.hpp"

namespace jaring::services {
namespace {

using domain::Period;

enum class Column { kNik, kKpj, kName, kAmount, kJkk, kJkm, kJht, kMonth };

// Header keys (intake::HeaderKey) seen on BPJS invoices and on the regencies' own copies.
const intake::ColumnAliases<Column> kAliases[] = {
    {Column::kNik,
     {"nik", "noktp", "nomorktp", "nomorindukkependudukan", "noidentitas", "nomoridentitas",
      "niktk", "nikpeserta"}},
    {Column::kKpj,
     {"kpj", "nokpj", "nomorkpj", "nopeserta", "nomorpeserta", "nokartu", "nomorkartu",
      "nokartupeserta"}},
    {Column::kName, {"nama", "namalengkap", "namapeserta", "namatk", "namatenagakerja"}},
    {Column::kAmount,
     {"iuran", "jumlahiuran", "totaliuran", "nilaiiuran", "iuranbulanan", "tagihan",
      "jumlahtagihan", "totaltagihan", "nominal", "nominaliuran", "jumlah", "total", "iuranrp",
      "jumlahrp", "nilai"}},
    {Column::kJkk, {"jkk", "iuranjkk"}},
    {Column::kJkm, {"jkm", "iuranjkm"}},
    {Column::kJht, {"jht", "iuranjht"}},
    {Column::kMonth,
     {"periode", "bulan", "bulaniuran", "periodeiuran", "masaiuran", "blniuran", "blthiuran",
      "bulantahun"}},
};

// Digits of a NIK cell ("3514…", "'3514…", "3514 0101 …"); as written when not 16 digits.
std::string NikOf(std::string_view text) {
  const std::string_view trimmed = intake::TrimCell(text);
  std::string digits;
  for (char c : trimmed) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '\'' && c != '.' && c != '-') {
      return std::string(trimmed);
    }
  }
  return digits.size() == 16 ? digits : std::string(trimmed);
}

// A rupiah amount: the house's notations, or a spreadsheet number ("16800", "16800.0").
Result<std::int64_t> AmountOf(intake::SourceCell cell) {
  const std::string_view text = intake::TrimCell(cell.text);
  if (auto money = domain::ParseRupiah(text)) return money->rupiah();
  if (cell.kind == intake::CellKind::kNumber) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size() && std::isfinite(value) &&
        value == std::floor(value) && std::fabs(value) < 9e15) {
      return static_cast<std::int64_t>(value);
    }
  }
  return Fail(Error::InvalidArgument("jumlah \"" + std::string(text) +
                                     "\" bukan rupiah utuh (contoh: Rp 16.800 atau 16800)"));
}

int MonthFromName(std::string_view word) {
  static const std::pair<std::string_view, int> kNames[] = {
      {"januari", 1},   {"january", 1},   {"jan", 1},       {"februari", 2}, {"february", 2},
      {"feb", 2},       {"pebruari", 2},  {"maret", 3},     {"march", 3},    {"mar", 3},
      {"april", 4},     {"apr", 4},       {"mei", 5},       {"may", 5},      {"juni", 6},
      {"june", 6},      {"jun", 6},       {"juli", 7},      {"july", 7},     {"jul", 7},
      {"agustus", 8},   {"august", 8},    {"agu", 8},       {"agt", 8},      {"aug", 8},
      {"september", 9}, {"sep", 9},       {"sept", 9},      {"oktober", 10}, {"october", 10},
      {"okt", 10},      {"oct", 10},      {"november", 11}, {"nov", 11},     {"nop", 11},
      {"desember", 12}, {"december", 12}, {"des", 12},      {"dec", 12}};
  for (const auto& [name, month] : kNames) {
    if (word == name) return month;
  }
  return 0;
}

int Number(std::string_view digits) {
  int value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size() ? value : -1;
}

std::optional<Period> Make(int year, int month) {
  if (year < 1900 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  return Period(year, month);
}

// The month of a cell: text forms, or a date (an XLSX date cell, "01/10/2025").
std::optional<Period> MonthOfCell(intake::SourceCell cell) {
  if (auto month = ParseInvoiceMonth(cell.text)) return month;
  const intake::DateOptions options{.two_digit_years = intake::TwoDigitYears::kReject};
  const intake::DateValue date = intake::ParseDate(cell, options);
  if (date.date) return Period::Of(*date.date);
  return std::nullopt;
}

bool SaysTotal(const intake::SourceRow& row) {
  for (const auto& cell : row.cells) {
    const std::string text = intake::LowerCell(cell.text);
    if (text.starts_with("total") || text.starts_with("jumlah") || text.starts_with("grand total"))
      return true;
  }
  return false;
}

}  // namespace

std::optional<Period> ParseInvoiceMonth(std::string_view text) {
  const std::string s = intake::LowerCell(text);
  if (s.empty()) return std::nullopt;
  if (auto iso = Period::Parse(s)) return *iso;
  // "10/2025", "10-2025", "10.2025"
  if (const auto sep = s.find_first_of("/-."); sep != std::string::npos && sep <= 2) {
    if (s.size() - sep - 1 == 4) return Make(Number(s.substr(sep + 1)), Number(s.substr(0, sep)));
  }
  // "oktober 2025", "okt-2025", "okt 25" is refused (two-digit years are ambiguous)
  const auto split = s.find_first_of(" -/");
  if (split == std::string::npos) return std::nullopt;
  const int month = MonthFromName(s.substr(0, split));
  const std::string_view rest = intake::TrimCell(std::string_view(s).substr(split + 1));
  if (month == 0 || rest.size() != 4) return std::nullopt;
  return Make(Number(rest), month);
}

Result<InvoiceFile> ReadInvoiceFile(const std::filesystem::path& path, std::string display_name,
                                    Period month) {
  auto file = intake::SourceFile::Open(path, std::move(display_name));
  if (!file) return Fail(std::move(file.error()));
  const auto columns = intake::FindColumns<Column>(file->header(), kAliases);
  const std::string name = file->name();
  if (!columns.contains(Column::kNik) && !columns.contains(Column::kKpj)) {
    return Fail(Error::InvalidArgument("Berkas tagihan " + name +
                                       " tidak memiliki kolom NIK atau No. KPJ"));
  }
  const bool by_parts = !columns.contains(Column::kAmount);
  if (by_parts && !(columns.contains(Column::kJkk) && columns.contains(Column::kJkm))) {
    return Fail(Error::InvalidArgument("Berkas tagihan " + name +
                                       " tidak memiliki kolom jumlah iuran (Iuran, Jumlah "
                                       "Iuran, Tagihan) atau kolom JKK dan JKM"));
  }
  auto at = [&](const intake::SourceRow& row, Column c) -> intake::SourceCell {
    const auto found = columns.find(c);
    return found == columns.end() ? intake::SourceCell{} : row.At(found->second);
  };
  auto amount_of = [&](const intake::SourceRow& row) -> Result<std::int64_t> {
    if (!by_parts) return AmountOf(at(row, Column::kAmount));
    std::int64_t sum = 0;
    for (Column part : {Column::kJkk, Column::kJkm, Column::kJht}) {
      const intake::SourceCell cell = at(row, part);
      if (intake::TrimCell(cell.text).empty()) continue;
      auto value = AmountOf(cell);
      if (!value) return value;
      sum += *value;
    }
    return sum;
  };

  InvoiceFile out;
  out.name = name;
  out.checksum = file->checksum();
  auto stream = file->OpenRows();
  if (!stream) return Fail(std::move(stream.error()));
  intake::SourceRow row;
  while ((*stream)->Next(row)) {
    const std::string where = "baris " + std::to_string(row.line);
    InvoiceRow r;
    r.line = static_cast<std::int64_t>(row.line);
    r.nik = NikOf(at(row, Column::kNik).text);
    r.kpj = std::string(intake::TrimCell(at(row, Column::kKpj).text));
    r.name = intake::CollapseSpaces(at(row, Column::kName).text);
    const bool no_id = r.kpj.empty() && r.nik.find_first_of("0123456789") == std::string::npos;
    if (no_id) {
      if (SaysTotal(row)) {
        auto stated = amount_of(row);
        if (!stated) {
          return Fail(Error::InvalidArgument("Berkas tagihan " + name + ", " + where +
                                             " (total): " + stated.error().message));
        }
        out.stated_total = *stated;
        continue;
      }
      bool blank = true;
      for (const auto& cell : row.cells) blank = blank && intake::TrimCell(cell.text).empty();
      if (blank) continue;  // a spacer line
      return Fail(Error::InvalidArgument("Berkas tagihan " + name + ", " + where +
                                         ": baris tanpa NIK dan tanpa No. KPJ"));
    }
    auto amount = amount_of(row);
    if (!amount) {
      return Fail(Error::InvalidArgument("Berkas tagihan " + name + ", " + where + ": " +
                                         amount.error().message));
    }
    if (*amount < 0) {
      return Fail(Error::InvalidArgument("Berkas tagihan " + name + ", " + where +
                                         ": jumlah iuran negatif"));
    }
    r.amount = *amount;
    if (columns.contains(Column::kMonth)) {
      const intake::SourceCell cell = at(row, Column::kMonth);
      if (!intake::TrimCell(cell.text).empty()) {
        const auto row_month = MonthOfCell(cell);
        if (!row_month) {
          return Fail(Error::InvalidArgument("Berkas tagihan " + name + ", " + where +
                                             ": bulan \"" + std::string(cell.text) +
                                             "\" tidak terbaca"));
        }
        if (*row_month != month) {
          return Fail(Error::InvalidArgument(
              "Berkas tagihan " + name + " untuk bulan " + row_month->ToIndonesian() + " (" +
              where + "), bukan " + month.ToIndonesian() + ": tidak ada yang disimpan"));
        }
      }
    }
    out.total += r.amount;
    out.rows.push_back(std::move(r));
  }
  if (auto ok = (*stream)->status(); !ok) return Fail(ok.error());
  if (out.rows.empty()) {
    return Fail(Error::InvalidArgument("Berkas tagihan " + name + " tidak berisi baris peserta"));
  }
  if (out.stated_total && *out.stated_total != out.total) {
    return Fail(Error::InvalidArgument(
        "Berkas tagihan " + name + " tidak berjumlah: total tertulis " +
        domain::FormatRupiah(domain::Money::Rupiah(*out.stated_total)) + ", jumlah barisnya " +
        domain::FormatRupiah(domain::Money::Rupiah(out.total)) + ": tidak ada yang disimpan"));
  }
  return out;
}

}  // namespace jaring::services
