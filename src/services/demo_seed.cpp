#include "services/demo_seed.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jaring::services {

Result<SeedResult> SeedDemoIfEmpty(storage::Database& db, const domain::RegionIndex& regions,
                                   const demo::DemoOptions& options) {
  auto tx = db.Begin();
  if (!tx) return Fail(tx.error());
  // Checked inside the write transaction, so two servers starting at once seed only once.
  auto counts = (*tx)->Workers().CountsByRegency();
  if (!counts) return Fail(counts.error());
  if (!counts->empty()) return SeedResult{};

  auto data = demo::GenerateDemo(options, regions);
  if (!data) return Fail(data.error());
  // The roster's id column, as an import of roster.csv would keep it: findings and exports name
  // the demo's workers by the ids of its truth files.
  for (auto& w : data->roster) w.source_id = std::to_string(w.id);
  auto inserted = (*tx)->Workers().InsertMany(data->roster);
  if (!inserted) return Fail(inserted.error());
  if (auto committed = (*tx)->Commit(); !committed) return Fail(committed.error());
  return SeedResult{true, static_cast<std::int64_t>(*inserted)};
}

Result<std::string> DemoExtractCsv(const demo::DemoOptions& options,
                                   const domain::RegionIndex& regions, std::string_view kind) {
  if (kind != "deaths" && kind != "members") {
    return Fail(Error::InvalidArgument("Jenis ekstrak demo harus deaths atau members"));
  }
  auto data = demo::GenerateDemo(options, regions);
  if (!data) return Fail(data.error());
  static std::atomic<int> counter{0};
  const auto dir = std::filesystem::temp_directory_path() /
                   ("jaring-demo-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  if (auto ok = demo::WriteDemo(*data, dir); !ok) return Fail(ok.error());
  std::ifstream in(dir / (std::string(kind) + ".csv"), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (!in && !in.eof()) return Fail(Error::Unavailable("Berkas demo tidak dapat dibaca"));
  return bytes.str();
}

std::string DemoPeriod(const demo::DemoOptions& options) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(options.as_of.year()),
                static_cast<unsigned>(options.as_of.month()));
  return text;
}

}  // namespace jaring::services
