// Serving the registry list from memory (issue 17, item 1; docs/architecture.md, "The registry
// list in memory"): one switch for a Database.
#pragma once

#include "common/error.hpp"
#include "storage/database.hpp"

namespace jaring::storage {

// From now on Database::Workers().Find answers from a per-regency index in memory
// (storage/sql/worker_list_cache.hpp), loaded at a regency's first list and kept current from
// the database's change counters (migration 0020). For the server: a command that lists once
// would pay seconds to load a regency of 1,000,000 workers, and a Transaction's own Workers()
// keeps the SQL plan (its uncommitted writes are not in the index). Call it once, before the
// Database is used by other threads. FailedPrecondition for a Database not opened by
// OpenDatabase.
Status ServeListsFromMemory(Database& database);

}  // namespace jaring::storage
