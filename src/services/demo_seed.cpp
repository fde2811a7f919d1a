#include "services/demo_seed.hpp"

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
  auto inserted = (*tx)->Workers().InsertMany(data->roster);
  if (!inserted) return Fail(inserted.error());
  if (auto committed = (*tx)->Commit(); !committed) return Fail(committed.error());
  return SeedResult{true, static_cast<std::int64_t>(*inserted)};
}

}  // namespace jaring::services
