// The partitions of workers on PostgreSQL: see worker_partitions.hpp.
#include "storage/sql/worker_partitions.hpp"

#include <cstddef>
#include <utility>
#include <vector>

#include "storage/sql/connection.hpp"
#include "storage/sql/engine.hpp"
#include "storage/sql/errors.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

// Index builds get this much sort memory; parallel builds split it between the leader and
// each worker, and PostgreSQL plans no worker below 32 MB each (the default of 64 MB allows
// one). Local to the transaction, put back after the builds.
constexpr const char* kIndexBuildMemory = "256MB";

void Run(soci::session& session, const std::string& sql, std::string_view operation) {
  ExecuteScript(session, Engine::kPostgres, sql, operation);
}

struct ParentIndex {
  std::string name;        // e.g. workers_regency_nik
  std::string definition;  // pg_get_indexdef: CREATE INDEX ... ON ONLY s.workers USING ...
  std::string constraint;  // "p", "u" or "" (a plain index)
};

// workers' partitioned indexes, in creation order.
std::vector<ParentIndex> ParentIndexes(soci::session& session) {
  std::vector<ParentIndex> out;
  ParentIndex index;
  soci::indicator constraint_indicator = soci::i_null;
  soci::statement st =
      (session.prepare << "SELECT c.relname, pg_get_indexdef(i.indexrelid), con.contype::text"
                          " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                          " LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid"
                          " AND con.conrelid = i.indrelid"
                          " WHERE i.indrelid = 'workers'::regclass ORDER BY c.oid",
       into(index.name), into(index.definition), into(index.constraint, constraint_indicator));
  st.execute();
  while (st.fetch()) {
    if (constraint_indicator != soci::i_ok) index.constraint.clear();
    out.push_back(index);
  }
  return out;
}

// Creates on `table` the indexes of workers, named after the table ("workers_35_14_pkey",
// "workers_35_14_regency_nik"), with the definitions' own columns, method and predicate.
void CreatePartitionIndexes(soci::session& session, const std::string& table) {
  for (const ParentIndex& index : ParentIndexes(session)) {
    const std::size_t using_at = index.definition.find(" USING ");
    if (using_at == std::string::npos) {
      throw NativeError(Error::Internal("definisi indeks tidak terbaca",
                                        "op=workers.partition_index index=" + index.name));
    }
    const std::string suffix =
        index.name.starts_with("workers_") ? index.name.substr(8) : index.name;
    const std::string name = table + "_" + suffix;
    const bool unique = !index.constraint.empty() || index.definition.starts_with("CREATE UNIQUE");
    Run(session,
        std::string(unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + name + " ON " + table +
            index.definition.substr(using_at),
        "workers.partition_index");
    if (index.constraint == "p" || index.constraint == "u") {
      Run(session,
          "ALTER TABLE " + table + " ADD CONSTRAINT " + name +
              (index.constraint == "p" ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + name,
          "workers.partition_index");
    }
  }
}

void Attach(soci::session& session, const std::string& table, std::string_view regency_code) {
  Run(session,
      "ALTER TABLE workers ATTACH PARTITION " + table + " FOR VALUES IN ('" +
          std::string(regency_code) + "')",
      "workers.partition_attach");
}

// The table, shaped like workers, without indexes (and without the foreign key, which ATTACH
// adds and checks in one query over the table instead of one trigger per row).
void CreateTable(soci::session& session, const std::string& table, std::string_view check) {
  Run(session,
      "CREATE TABLE " + table + " (LIKE workers INCLUDING DEFAULTS INCLUDING CONSTRAINTS" +
          std::string(check) + ")",
      "workers.partition_create");
}

}  // namespace

bool IsPartitionableRegency(std::string_view code) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return code.size() == 5 && digit(code[0]) && digit(code[1]) && code[2] == '.' && digit(code[3]) &&
         digit(code[4]);
}

std::string WorkerPartitionName(std::string_view regency_code) {
  std::string name = "workers_";
  for (char c : regency_code) name += c == '.' ? '_' : c;
  return name;
}

void LockRegencyPartition(soci::session& session, std::string_view regency_code) {
  std::string key(regency_code);
  session << "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '/workers/' || :r))",
      use(key);
}

bool WorkerPartitionAttached(soci::session& session, std::string_view regency_code) {
  std::string name = WorkerPartitionName(regency_code);
  int found = 0;
  session << "SELECT COUNT(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
             " WHERE i.inhparent = 'workers'::regclass AND c.relname = :n",
      into(found), use(name);
  return found > 0;
}

void EnsureWorkerPartitions(soci::session& session, std::span<const std::string> regency_codes) {
  for (const std::string& regency : regency_codes) {
    if (!IsPartitionableRegency(regency) || WorkerPartitionAttached(session, regency)) continue;
    LockRegencyPartition(session, regency);
    if (WorkerPartitionAttached(session, regency)) continue;  // made while we waited
    const std::string table = WorkerPartitionName(regency);
    CreateTable(session, table, "");
    CreatePartitionIndexes(session, table);  // on an empty table: catalog work only
    Attach(session, table, regency);
  }
}

void CreateFreshWorkerTable(soci::session& session, std::string_view regency_code) {
  const std::string table = WorkerPartitionName(regency_code);
  CreateTable(session, table,
              ", CONSTRAINT " + table + "_regency CHECK (regency_code = '" +
                  std::string(regency_code) + "')");
}

void BuildAndAttachFreshWorkerTable(soci::session& session, std::string_view regency_code) {
  const std::string table = WorkerPartitionName(regency_code);
  std::string memory;
  session << "SELECT current_setting('maintenance_work_mem')", into(memory);
  std::string build_memory = kIndexBuildMemory;
  session << "SELECT set_config('maintenance_work_mem', :m, true)", use(build_memory);
  CreatePartitionIndexes(session, table);
  session << "SELECT set_config('maintenance_work_mem', :m, true)", use(memory);
  // The new partition's statistics, for the plans of its first queries (autovacuum would
  // take them only after the commit, some time later).
  Run(session, "ANALYZE " + table, "workers.partition_analyze");
  Attach(session, table, regency_code);
  Run(session, "ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_regency",
      "workers.partition_attach");
}

}  // namespace jaring::storage::sql
