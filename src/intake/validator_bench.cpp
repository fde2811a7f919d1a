// Throughput of intake::Validator over canonical roster rows (docs/benchmarks.md material).
//
//   intake_bench [rows]   default 1,000,000
//
// Rows are generated in memory first (valid NIKs of Kabupaten Pasuruan villages, ISO dates,
// occupation codes, phones), then validated on one thread; the figure printed is the CPU time
// of validation only.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "domain/nik.hpp"
#include "domain/region.hpp"
#include "intake/validator.hpp"

namespace {

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace jaring;
  using std::chrono::year_month_day;
  const std::size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const auto& regions = domain::RegionIndex::Embedded();
  const auto villages = regions.Within("35.14", domain::RegionLevel::kVillage);
  const char* occupations[] = {"petani",  "buruh_tani",     "petani_tembakau",
                               "nelayan", "pedagang_kecil", "tukang_becak"};

  std::vector<std::string> cells;
  cells.reserve(rows * 11);
  for (std::size_t i = 0; i < rows; ++i) {
    const auto& village = villages[i % villages.size()];
    const std::string district = village.parent_code;
    const int y = 1961 + static_cast<int>(i % 45), m = 1 + static_cast<int>(i % 12),
              d = 1 + static_cast<int>(i % 28);
    const year_month_day birth{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                               std::chrono::day{unsigned(d)}};
    const auto sex = i % 2 ? domain::Sex::kFemale : domain::Sex::kMale;
    auto nik = domain::EncodeNik(district, birth, sex, 1 + static_cast<int>(i / 1000 % 9000));
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
    char phone[32];
    std::snprintf(phone, sizeof phone, "0812%08zu", i % 100000000);
    cells.push_back(std::to_string(i + 1));
    cells.push_back(nik ? *nik : "");
    cells.push_back("");
    cells.push_back(i % 3 ? "Siti Aminah" : "MOHAMMAD SANUSI");
    cells.push_back(std::string(domain::ToCode(sex)));
    cells.push_back("Pasuruan");
    cells.push_back(date);
    cells.push_back("Dusun Krajan RT 004 RW 001");
    cells.push_back(village.code);
    cells.push_back(occupations[i % 6]);
    cells.push_back(phone);
  }
  const std::vector<std::string> header = {"id",           "nik",         "kk",         "name",
                                           "sex",          "birth_place", "birth_date", "address",
                                           "village_code", "occupation",  "phone"};
  intake::ImportPlan plan{intake::DetectMapping(header), {}};
  plan.options.regency_code = "35.14";
  plan.options.reference_date =
      year_month_day{std::chrono::year{2025}, std::chrono::month{7}, std::chrono::day{1}};
  plan.options.source = "bench";
  auto validator = intake::Validator::Create(std::move(plan), regions);
  if (!validator) {
    std::fprintf(stderr, "%s\n", validator.error().ToString().c_str());
    return 1;
  }
  intake::SourceRow row;
  row.cells.resize(11);
  const double start = CpuSeconds();
  const auto wall_start = std::chrono::steady_clock::now();
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    row.line = i + 2;
    for (std::size_t c = 0; c < 11; ++c) row.cells[c] = {cells[i * 11 + c]};
    accepted += validator->Add(row).accepted ? 1 : 0;
  }
  const auto& summary = validator->Finish();
  const double cpu = CpuSeconds() - start;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::printf("rows %zu accepted %zu quarantined %llu: %.2f s CPU, %.2f s wall, %.0f rows/s\n",
              rows, accepted, static_cast<unsigned long long>(summary.quarantined), cpu, wall,
              static_cast<double>(rows) / cpu);
  for (const auto& [code, count] : summary.issues) {
    std::printf("  %s %llu\n", code.c_str(), static_cast<unsigned long long>(count));
  }
  return 0;
}
