// How a worker is written to and read back from the workers table: the column lists, the values
// an insert or update writes for a domain::Worker (the derived district, name key and issue
// flag included), and the buffers a SELECT fetches into and turns back into a Worker or a
// WorkerRecord. INSERT, COPY and UPDATE all follow the one column order defined here.
//
// Internal to storage/sql. Plain values; a buffer belongs to one statement and one thread.
#pragma once

#include <soci/soci.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "domain/worker.hpp"
#include "storage/sql/engine.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::storage::sql {

inline constexpr const char* kWorkerInsertColumns =
    "regency_code, nik, kk, name, name_original, sex, birth_place, birth_date, address, "
    "village_code, district_code, occupation, phone, status, source, created_at, updated_at, "
    "name_key, has_issues, last_batch_id, source_id";
inline constexpr std::size_t kWorkerInsertColumnCount = 21;
inline constexpr std::size_t kWorkerBirthDateColumn = 7;
inline constexpr std::size_t kWorkerBatchColumn = 19;

// The cast is renamed: PostgreSQL names it "birth_date", and an ORDER BY birth_date would then
// sort by the text (no index) instead of the column.
inline constexpr const char* kWorkerSelectColumns =
    "id, regency_code, nik, kk, name, name_original, sex, birth_place, "
    "CAST(birth_date AS TEXT) AS birth_date_text, address, village_code, occupation, phone, "
    "status, source, source_id";

// INSERT INTO workers (kWorkerInsertColumns) VALUES (:p0, ..., :p19).
std::string WorkerInsertSql();

// The record columns: kWorkerSelectColumns, then the two timestamps as ISO text to the second,
// the issue flag and the batch link. Timestamps are TEXT on SQLite ('...ffffffZ') and
// TIMESTAMPTZ on PostgreSQL, so each engine formats its own.
std::string WorkerRecordColumns(Engine engine);

// The regency condition of a statement that names its workers by id ("... WHERE " +
// WorkerRegencyTest(engine) + " = :r AND id IN (...)"). SQLite plans without statistics and
// would read such rows through the first index that starts with regency_code (all of the
// regency's entries, 80 ms at 1,000,000, then each row); written as an expression the regency is
// only tested, so the ids are rowid lookups and a whole regency one scan in rowid order.
// PostgreSQL keeps the column: it prunes to the regency's partition only with the regency named.
const char* WorkerRegencyTest(Engine engine);

// The 21 inserted values of one worker, as text, in kWorkerInsertColumns order; birth_date is
// null when the date is unknown (not ok()), last_batch_id when there is no batch.
struct WorkerValues {
  std::array<std::string, kWorkerInsertColumnCount> text;
  bool birth_date_known = false;
  bool batch_known = false;

  // `now`: created_at and updated_at (codec.hpp FormatTimestamp).
  void Assign(const domain::Worker& w, const std::string& now,
              std::optional<std::int64_t> last_batch_id);
};

// Buffers a SELECT of kWorkerSelectColumns fetches into.
struct WorkerRow {
  long long id = 0;
  std::string regency_code, nik, kk, name, name_original, sex, birth_place, birth_date, address,
      village_code, occupation, phone, status, source, source_id;
  soci::indicator birth_date_indicator = soci::i_ok;

  void BindTo(soci::details::prepare_temp_type& prepare);
  // Internal when a stored code or date does not parse (the row was written behind jaring's
  // back).
  Result<domain::Worker> ToWorker() const;
  // The same into `out`, whose strings keep their capacity: for loops over many rows.
  Status ReadInto(domain::Worker& out) const;
};

// Buffers a SELECT of WorkerRecordColumns fetches into.
struct WorkerRecordRow {
  WorkerRow row;
  std::string created_at, updated_at;
  int has_issues = 0;
  long long last_batch_id = 0;
  soci::indicator batch_indicator = soci::i_null;

  void BindTo(soci::details::prepare_temp_type& prepare);
  Result<WorkerRecord> ToRecord() const;
};

}  // namespace jaring::storage::sql
