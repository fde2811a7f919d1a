#include "cli/import_command.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/db_option.hpp"
#include "common/progress.hpp"
#include "domain/region.hpp"
#include "domain/source_kind.hpp"
#include "formats/xlsx_writer.hpp"
#include "intake/region_resolver.hpp"
#include "services/audit_trail.hpp"
#include "services/import_service.hpp"

namespace jaring::cli {
namespace {

struct ImportArgs {
  std::string file;
  std::string regency;
  std::string source;
  std::string source_kind = "office";
  std::string village;
  std::string db_url;
  bool dry_run = false;
  bool json = false;
  std::string quarantine_report;
};

struct QuarantinedRow {
  std::uint64_t line = 0;
  std::vector<std::string> cells;
  std::string codes;    // "NIK_LENGTH, REQUIRED_MISSING"
  std::string reasons;  // Indonesian messages
};

std::filesystem::path DefaultReportPath(const std::filesystem::path& input) {
  std::filesystem::path out = input;
  out.replace_filename(input.stem().string() + ".karantina.xlsx");
  return out;
}

Status WriteQuarantineReport(const std::filesystem::path& path,
                             const std::vector<std::string>& header,
                             const std::vector<QuarantinedRow>& rows) {
  auto writer = formats::XlsxWriter::Create(path.string());
  if (!writer) return Fail(std::move(writer.error()));
  std::size_t width = header.size();
  for (const auto& row : rows) width = std::max(width, row.cells.size());
  std::vector<formats::XlsxColumn> columns;
  columns.push_back({"Baris", formats::XlsxColumnKind::kInteger, 8, ""});
  for (std::size_t i = 0; i < width; ++i) {
    std::string title =
        i < header.size() && !header[i].empty() ? header[i] : "kolom " + std::to_string(i + 1);
    // Every original cell is text: a NIK must never become 3.51401E+15.
    columns.push_back({std::move(title), formats::XlsxColumnKind::kText, 0, ""});
  }
  columns.push_back({"Kode masalah", formats::XlsxColumnKind::kText, 30, ""});
  columns.push_back({"Alasan", formats::XlsxColumnKind::kText, 60, ""});
  if (auto ok = writer->AddSheet("Karantina", std::move(columns)); !ok) return ok;
  for (const auto& row : rows) {
    writer->Integer(static_cast<std::int64_t>(row.line));
    for (std::size_t i = 0; i < width; ++i) {
      writer->Text(i < row.cells.size() ? std::string_view(row.cells[i]) : std::string_view());
    }
    writer->Text(row.codes).Text(row.reasons);
    writer->EndRow();
  }
  return writer->Close();
}

std::string OsUser() {
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "";
}

void PrintSummary(const services::ImportReport& r, const std::string& file,
                  const std::optional<std::filesystem::path>& report_path) {
  if (r.dry_run) {
    std::printf("impor (uji coba, tidak ada yang disimpan): %s\n", file.c_str());
  } else {
    std::printf("impor selesai: %s (batch %lld)\n", file.c_str(),
                static_cast<long long>(r.batch_id));
  }
  std::printf("  dibaca          %llu baris\n", static_cast<unsigned long long>(r.read));
  std::printf("  diterima        %llu (baru %llu, diperbarui %llu)\n",
              static_cast<unsigned long long>(r.accepted),
              static_cast<unsigned long long>(r.inserted),
              static_cast<unsigned long long>(r.updated));
  std::printf("  tidak berubah   %llu\n", static_cast<unsigned long long>(r.unchanged));
  if (r.merged > 0) {
    std::printf("  digabung        %llu (orang yang sama tercantum dua kali di berkas)\n",
                static_cast<unsigned long long>(r.merged));
  }
  std::printf("  karantina       %llu\n", static_cast<unsigned long long>(r.quarantined));
  if (r.quarantined_before > 0) {
    std::printf(
        "    di antaranya %llu baris yang sudah dikarantina oleh impor sebelumnya dari "
        "sumber ini (tidak disimpan dua kali)\n",
        static_cast<unsigned long long>(r.quarantined_before));
  }
  if (!r.issues.empty()) {
    std::printf("  masalah per kode:\n");
    for (const auto& [code, n] : r.issues) {
      std::printf("    %-28s %llu\n", code.c_str(), static_cast<unsigned long long>(n));
    }
  }
  for (const auto& issue : r.file_issues) {
    std::printf("  peringatan berkas: %s\n", issue.message.c_str());
  }
  if (report_path) std::printf("  laporan karantina: %s\n", report_path->string().c_str());
}

// "Desa Gerbo" -> "Gerbo": the prefixes with which senders name a village.
std::string_view WithoutVillagePrefix(std::string_view name) {
  for (std::string_view prefix : {"desa ", "kelurahan ", "ds. ", "ds ", "kel. ", "kel "}) {
    if (name.size() > prefix.size()) {
      bool same = true;
      for (std::size_t i = 0; i < prefix.size() && same; ++i) {
        same = std::tolower(static_cast<unsigned char>(name[i])) == prefix[i];
      }
      if (same) return name.substr(prefix.size());
    }
  }
  return name;
}

// The village code for rows without a village column. --village may be a code (checked by the
// import) or a name, "Gerbo" or "Gerbo, Purwodadi" (village, district), resolved inside the
// regency with the import's own tolerance for spelling; an unknown or ambiguous name is an
// error naming the candidates. Without --village, a village list (--source-kind village) whose
// source names exactly one village of the regency ("Desa Gerbo") uses that village.
Result<std::string> DefaultVillage(const ImportArgs& args, domain::SourceKind kind) {
  const auto& regions = domain::RegionIndex::Embedded();
  const domain::Region* regency = regions.Find(args.regency);
  if (regency == nullptr || regency->level != domain::RegionLevel::kRegency) return args.village;
  const bool is_code =
      !args.village.empty() && args.village.find_first_not_of("0123456789. ") == std::string::npos;
  if (is_code) return args.village;
  intake::RegionResolver resolver(regions, args.regency);
  if (args.village.empty()) {
    if (kind != domain::SourceKind::kVillage) return std::string();
    const auto& found = resolver.ResolveNames(WithoutVillagePrefix(args.source), "");
    if (found.ok()) return found.village->code;
    std::fprintf(
        stderr,
        "jaring: peringatan: --source \"%s\" tidak menunjuk tepat satu desa di %s (%s); "
        "baris tanpa kolom desa masuk karantina, atau sebutkan --village\n",
        args.source.c_str(), regency->name.c_str(),
        found.findings.empty() ? "tidak ditemukan" : found.findings.front().message.c_str());
    return std::string();
  }
  const auto comma = args.village.find(',');
  const std::string_view text(args.village);
  const std::string_view village = text.substr(0, comma);
  const std::string_view district =
      comma == std::string::npos ? std::string_view() : text.substr(comma + 1);
  const auto& found = resolver.ResolveNames(WithoutVillagePrefix(village), district);
  if (found.ok()) return found.village->code;
  // The resolver's message names the candidates of an ambiguous name with their districts.
  const std::string message =
      "--village: " + (found.findings.empty() ? "desa tidak ditemukan di " + regency->name
                                              : found.findings.front().message);
  return Fail(Error::InvalidArgument(message));
}

Status RunImport(const Environment& env, const ImportArgs& args) {
  auto kind = domain::SourceKindFromCode(args.source_kind);
  if (!kind) {
    return Fail(
        Error::InvalidArgument("--source-kind harus 'office' atau 'village': " + args.source_kind));
  }
  auto file = intake::SourceFile::Open(args.file);
  if (!file) return Fail(std::move(file.error()));
  auto backend = OpenBackend(env, args.db_url);
  if (!backend) return Fail(backend.error());

  services::ImportRequest request;
  request.regency_code = args.regency;
  request.source = args.source;
  request.source_kind = *kind;
  request.dry_run = args.dry_run;
  auto village = DefaultVillage(args, *kind);
  if (!village) return Fail(village.error());
  request.default_village_code = *village;
  request.actor = services::Actor::ForCli(OsUser());

  std::vector<QuarantinedRow> quarantined;
  std::unique_ptr<Progress> progress;
  auto on_progress = [&](std::uint64_t done, std::uint64_t total) {
    if (!progress) progress = std::make_unique<Progress>("impor", total);
    progress->Set(done);
  };
  auto sink = [&](const intake::RowOutcome& outcome) {
    QuarantinedRow row{outcome.line, outcome.original_cells, {}, {}};
    for (const auto& issue : outcome.issues) {
      if (!row.codes.empty()) row.codes += ", ";
      row.codes += issue.code;
      if (!row.reasons.empty()) row.reasons += "; ";
      row.reasons += issue.message;
    }
    quarantined.push_back(std::move(row));
  };
  auto report = (*backend)->Imports().Import(*file, request, on_progress, sink);
  if (progress) progress->Finish();
  if (!report) return Fail(std::move(report.error()));

  std::optional<std::filesystem::path> report_path;
  if (!args.quarantine_report.empty()) {
    report_path = args.quarantine_report;
  } else if (!args.dry_run && !quarantined.empty()) {
    report_path = DefaultReportPath(args.file);
  }
  if (report_path) {
    if (auto ok = WriteQuarantineReport(*report_path, report->header, quarantined); !ok) {
      return Fail(
          Error{ok.error().code,
                "impor tersimpan, tetapi laporan karantina gagal ditulis: " + ok.error().message,
                ok.error().details});
    }
  }
  if (args.json) {
    std::printf("%s\n", services::ReportToJson(*report).dump().c_str());
  } else {
    PrintSummary(*report, args.file, report_path);
  }
  return {};
}

}  // namespace

void AddImportCommand(CLI::App& root, const Environment& env, CommandAction& action) {
  auto args = std::make_shared<ImportArgs>();
  auto* sub = root.add_subcommand(
      "import", "Mengimpor daftar pekerja dari CSV/XLSX (import a worker list, with quarantine)");
  sub->add_option("FILE", args->file, "Berkas .csv atau .xlsx")->required();
  sub->add_option("--regency", args->regency, "Kode kabupaten/kota, mis. 35.14")->required();
  sub->add_option("--source", args->source, "Pengirim daftar, mis. \"Dinas Pertanian\"")
      ->required();
  sub->add_option("--source-kind", args->source_kind, "office (OPD) atau village (desa)")
      ->capture_default_str();
  sub->add_option("--village", args->village,
                  "Desa untuk baris tanpa kolom desa: kode (35.14.01.2001) atau nama (\"Gerbo\", "
                  "\"Gerbo, Purwodadi\"); untuk daftar desa bawaannya desa yang disebut --source");
  sub->add_flag("--dry-run", args->dry_run, "Periksa dan hitung saja, tidak menyimpan apa pun");
  sub->add_flag("--json", args->json, "Ringkasan sebagai satu objek JSON di stdout");
  sub->add_option("--quarantine-report", args->quarantine_report,
                  "Laporan karantina .xlsx (bawaan: FILE.karantina.xlsx di samping berkas)");
  AddDbOption(*sub, args->db_url);
  sub->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env]() -> Status { return RunImport(env, *args); };
  });
}

}  // namespace jaring::cli
