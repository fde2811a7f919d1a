// Fuzz target for the import pipeline's pure core (src/intake): every list jaring reads (worker
// lists, extracts, invoices, branch answers, denominators, enrolment answers) is sniffed by
// intake::SourceFile (CSV or XLSX, separator, header row among title lines), mapped by
// DetectMapping and, for worker lists, checked row by row by intake::Validator.
//
// Input: the first byte picks whether a canonical worker-list header line is put before the
// rest (so that CSV rows reach the validator); the bytes are written to a private file, as an
// upload is. Beyond "does not crash": the summary adds up (read = accepted + merged +
// quarantined), an accepted worker has a 16-digit NIK and a name, every issue has a code and
// a message, and every text the validator hands on (cells kept for quarantine, extras) is UTF-8.
// Regions: Kabupaten Malang only (small_regions.hpp), so that an input runs in milliseconds.
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "domain/region.hpp"
#include "formats/encoding.hpp"
#include "intake/column_mapping.hpp"
#include "intake/source_file.hpp"
#include "intake/validator.hpp"
#include "small_regions.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

// The input's file, removed when the run ends (AFL++ forks a process, so a new pid, per input).
struct InputFile {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("jaring-intake-fuzz-" + std::to_string(::getpid()) + ".dat");
  ~InputFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jaring::intake;
  if (size == 0) return 0;
  const InputFile input;
  {
    std::ofstream out(input.path, std::ios::binary | std::ios::trunc);
    if ((data[0] & 1) != 0) {
      out << "nik,nama,tanggal_lahir,jenis_kelamin,desa,kecamatan,pekerjaan,alamat,no_hp\n";
    }
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  auto file = SourceFile::Open(input.path, "fuzz.csv");
  if (!file) {
    Check(!file.error().message.empty());
    return 0;
  }
  for (const std::string& h : file->header()) Check(jaring::formats::IsValidUtf8(h));
  ImportPlan plan;
  plan.mapping = DetectMapping(file->header());
  plan.options.regency_code = "35.07";
  plan.options.reference_date = std::chrono::year{2026} / 12 / 6;
  plan.options.date1904 = file->date1904();
  auto validator = Validator::Create(std::move(plan), jaring::fuzz::SmallRegions());
  auto rows = file->OpenRows();
  if (!rows) return 0;
  SourceRow row;
  std::uint64_t seen = 0;
  while ((*rows)->Next(row)) {
    ++seen;
    for (const SourceCell& cell : row.cells) Check(jaring::formats::IsValidUtf8(cell.text));
    if (!validator) continue;
    const RowOutcome& outcome = validator->Add(row);
    for (const RowIssue& issue : outcome.issues) {
      Check(!issue.code.empty() && !issue.message.empty());
    }
    if (outcome.accepted) {
      Check(outcome.worker.nik.size() == 16);
      Check(!outcome.worker.name.empty());
      for (const auto& [header, value] : outcome.extras) {
        Check(jaring::formats::IsValidUtf8(header) && jaring::formats::IsValidUtf8(value));
      }
    } else {
      for (const std::string& cell : outcome.original_cells) {
        Check(jaring::formats::IsValidUtf8(cell));
      }
    }
  }
  if (validator) {
    const ImportSummary& summary = validator->Finish();
    Check(summary.read == seen);
    Check(summary.read == summary.accepted + summary.merged + summary.quarantined);
  }
  return 0;
}
