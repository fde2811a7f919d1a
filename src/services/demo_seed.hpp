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
  bool seeded = false;  // false: the database already had workers
  std::int64_t workers_inserted = 0;
};

Result<SeedResult> SeedDemoIfEmpty(storage::Database& db, const domain::RegionIndex& regions,
                                   const demo::DemoOptions& options = {});

// The demo's month extract as the files `jaring demo` writes ("deaths" -> deaths.csv,
// "members" -> members.csv), for a newcomer to upload in demo mode: the same generator and
// options as the seeded roster, so the planted deaths and memberships are found. InvalidArgument
// for another kind.
Result<std::string> DemoExtractCsv(const demo::DemoOptions& options,
                                   const domain::RegionIndex& regions, std::string_view kind);

// The month the demo's extracts are for, "YYYY-MM": the month of its reference date (as_of),
// at which its ages, deaths and memberships hold. The verval page opens on it for the demo
// regency, whatever today's month is, so that a demo never shows its roster a year older than
// it was made.
std::string DemoPeriod(const demo::DemoOptions& options = {});

}  // namespace jaring::services
