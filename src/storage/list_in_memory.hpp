// Serving the registry list from memory (issue 17, item 1; docs/architecture.md, "The registry
// list in memory"): one switch for a Database.
#pragma once

#include <cstddef>
#include <string_view>

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

// Bytes held by the index of a regency (0 when it is not loaded or lists are not served from
// memory), for measurements (tests/integration/storage/list_index_bench.cpp).
std::size_t ListIndexBytes(Database& database, std::string_view regency_code);

}  // namespace jaring::storage
