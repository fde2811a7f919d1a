// The berita acara verifikasi dan validasi: the official minutes of a settled month, as a PDF
// (formats::PdfDocument). Everything it prints is passed in (MinutesContent), so the same
// content and settlement time give the same bytes. Names of people added and removed are
// listed without NIKs (the minutes go to officials who must not see them); the .xlsx of the
// findings carries the detail for those who may.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "services/settlement.hpp"

namespace jaring::services {

struct MinutesPerson {
  std::string name;
  std::string village;  // the village's name, or its code when unknown
  std::string source_id;
  std::string reason;  // removed: why, in Indonesian
};

struct MinutesSource {
  std::string kind;  // "Daftar kematian (Dukcapil)", "Daftar kepesertaan BPJS", "Daftar desa"
  std::string file_name;
  std::string imported;  // "3 November 2025"
  std::uint64_t rows = 0;
  std::string checksum;
};

struct MinutesContent {
  std::string regency_name;  // "Kabupaten Pasuruan"
  std::string period;        // "2025-10"
  int version = 1;
  std::chrono::sys_seconds settled_at{};
  std::string settled_by;
  std::string list_checksum;
  MonthCounts counts;
  std::vector<MinutesSource> sources;
  // kind -> state -> count (the month's findings and their decisions)
  std::map<std::string, std::map<std::string, std::uint64_t>> findings;
  std::vector<MinutesPerson> added, removed;
};

// The PDF bytes. At most `max_names` people are printed per list; the rest are counted.
Result<std::string> RenderMinutes(const MinutesContent& content, std::size_t max_names = 500);

// Indonesian words for a finding kind and a removal reason ("Meninggal dunia", "Data ganda").
std::string_view KindLabel(std::string_view kind);
// "belum diputuskan", "diterima", "ditolak", "ditunda".
std::string_view StateLabel(std::string_view state);
// "Kabupaten Pasuruan" -> "Pasuruan", "Kota Batu" -> "Batu": the place line of a signature
// block (the monev report's too).
std::string PlaceOf(std::string_view regency_name);

}  // namespace jaring::services
