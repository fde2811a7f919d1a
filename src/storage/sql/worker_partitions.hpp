// The partitions of workers on PostgreSQL (migration 0019): one per regency, LIST on
// regency_code, named workers_NN_NN. Nothing here runs on SQLite.
//
// Contents
//  - WorkerPartitionName: the partition's table name for a regency code.
//  - LockRegencyPartition: the transaction-scoped lock that orders everything that creates a
//    regency's partition.
//  - WorkerPartitionAttached: whether the regency has its partition.
//  - EnsureWorkerPartitions: makes the missing partitions of some regencies (empty), before
//    rows of those regencies are inserted.
//  - CreateFreshWorkerTable / BuildAndAttachFreshWorkerTable: a regency's first bulk load
//    (SqlWorkerRepository::BeginBulkLoad / EndBulkLoad): a table without indexes, loaded by
//    COPY, its indexes built once, attached as the regency's partition.
//
// Design notes
//  - Everything runs in the caller's transaction: a rollback or a kill leaves no table, no
//    index and no partition behind (PostgreSQL's DDL is transactional).
//  - A partition is created and then attached (ALTER TABLE workers ATTACH PARTITION), never
//    with CREATE TABLE ... PARTITION OF: that takes an ACCESS EXCLUSIVE lock on workers until
//    the commit, which would stop every reader of every regency for the rest of the
//    transaction; ATTACH takes SHARE UPDATE EXCLUSIVE, which readers and writers pass.
//  - Two transactions that both find a regency without its partition would both create
//    workers_NN_NN; LockRegencyPartition (an advisory lock per schema and regency) makes the
//    second wait for the first's commit, after which it finds the partition.
//  - A partition's indexes are those of workers' partitioned indexes, read back from the
//    catalog (pg_get_indexdef), so that a later migration's index is included and ATTACH
//    adopts them instead of building its own. They are built with PostgreSQL's parallel
//    maintenance workers (maintenance_work_mem raised for the builds).
#pragma once

#include <soci/soci.h>

#include <span>
#include <string>
#include <string_view>

namespace jaring::storage::sql {

// "35.14" -> "workers_35_14". Only for codes that passed IsPartitionableRegency.
std::string WorkerPartitionName(std::string_view regency_code);

// Whether the code is "NN.NN" (digits), so that its name may be spliced into DDL. Rows with
// any other code are refused by workers' CHECK (or find no partition) when inserted.
bool IsPartitionableRegency(std::string_view regency_code);

// pg_advisory_xact_lock on (current schema, regency): held until the transaction ends.
void LockRegencyPartition(soci::session& session, std::string_view regency_code);

// Whether workers has a partition for the regency (visible to this transaction).
bool WorkerPartitionAttached(soci::session& session, std::string_view regency_code);

// For each partitionable regency without its partition: takes the lock, looks again, and
// creates and attaches an empty partition with its indexes. Codes not "NN.NN" are skipped.
void EnsureWorkerPartitions(soci::session& session, std::span<const std::string> regency_codes);

// A regency's first bulk load: creates the table WorkerPartitionName(regency) shaped like
// workers (columns, defaults, CHECKs), with the CHECK regency_code = regency that lets ATTACH
// skip scanning it, and no index. The caller holds LockRegencyPartition and has seen
// !WorkerPartitionAttached.
void CreateFreshWorkerTable(soci::session& session, std::string_view regency_code);

// Builds the fresh table's indexes (workers' partitioned indexes, the primary key included),
// analyzes it, attaches it as the regency's partition and drops the CHECK, now implied.
void BuildAndAttachFreshWorkerTable(soci::session& session, std::string_view regency_code);

}  // namespace jaring::storage::sql
