// Seeding the demo regency: what `make run` (jaring serve --demo) does on first start.
//
// Generates the same roster `jaring demo` writes (src/demo) and stores it in one transaction,
// only when the database has no workers at all, so restarting never duplicates the demo and
// never touches a database that holds real data.
#pragma once

#include <cstdint>

#include "common/error.hpp"
#include "demo/demo.hpp"
#include "domain/region.hpp"
#include "storage/database.hpp"

namespace jaring::services {

struct SeedResult {
  bool seeded = false;             // false: the database already had workers
  std::int64_t workers_inserted = 0;
};

Result<SeedResult> SeedDemoIfEmpty(storage::Database& db, const domain::RegionIndex& regions,
                                   const demo::DemoOptions& options = {});

}  // namespace jaring::services
