// The invoice BPJS sends for a program's month (tagihan iuran), read whole from an .xlsx or .csv
// before anything is compared or stored (issue 14, item 2).
//
//   auto invoice = ReadInvoiceFile(path, "tagihan-okt.xlsx", Period(2025, 10));
//   for (const InvoiceRow& row : invoice->rows) ...   // NIK, KPJ, name, amount per person
//
// Header variants are mapped like every other import (intake::HeaderKey): NIK / No. KTP, KPJ /
// No. Peserta, Nama, Iuran / Jumlah Iuran / Tagihan / Nominal, or JKK + JKM (+ JHT) summed, and
// an optional month column (Periode, Bulan Iuran: "2025-10", "10/2025", "Oktober 2025", a
// date). Amounts are read as rupiah in any of the house's notations ("Rp 16.800", "16.800",
// "16800"). A row without NIK and KPJ whose text says "total"/"jumlah" is the invoice's own
// total. The whole file is refused (InvalidArgument, the line named) when it has no amount
// column or no NIK/KPJ column, an amount cannot be read, a row is for another month, or the
// stated total differs from the sum of the rows: a half-understood invoice is never compared.
// Pure apart from reading the file; thread-compatible.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "domain/period.hpp"

namespace jaring::services {

struct InvoiceRow {
  std::int64_t line = 0;  // the file's line (CSV) or sheet row (XLSX)
  std::string nik;        // 16 digits when readable, else as written ("" when absent)
  std::string kpj, name;
  std::int64_t amount = 0;  // rupiah
};

struct InvoiceFile {
  std::string name, checksum;
  std::vector<InvoiceRow> rows;
  std::int64_t total = 0;                    // the sum of the rows
  std::optional<std::int64_t> stated_total;  // the file's own total row, when it has one
};

Result<InvoiceFile> ReadInvoiceFile(const std::filesystem::path& path, std::string display_name,
                                    domain::Period month);

// A month as invoices write it: "2025-10", "10/2025", "10-2025", "Oktober 2025", "Okt 2025",
// "October 2025"; nullopt otherwise. Exposed for tests.
std::optional<domain::Period> ParseInvoiceMonth(std::string_view text);

}  // namespace jaring::services
