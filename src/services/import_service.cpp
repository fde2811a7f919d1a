// Design notes
//  - One transaction (Database::Begin) holds everything an import writes; nothing commits until
//    the last row, the batch counts and the audit entries are stored. A dry run runs the same
//    reads in a transaction that is rolled back and skips every write.
//  - Order inside the transaction: lock the (regency, source) [PostgreSQL], read the source's
//    stored workers into NIK -> (id, fingerprint), insert the batch (its id is needed by new
//    workers, quarantine rows and updates), stream rows, flush chunks, write the counts,
//    audit, commit. New workers are inserted already linked to the batch.
//  - Bulk load: at the first chunk of new workers the import tells storage how many new rows
//    to expect in all (the rows so far scaled by the bytes left), so that a first import of a
//    regency loads without its secondary indexes and builds them once before the commit
//    (WorkerRepository::BeginBulkLoad). The rebuild is inside the same transaction.
//  - Fingerprint: a 64-bit hash of the imported fields joined with a separator that cannot be
//    typed into a cell (\x1f). Equal fingerprints are taken as equal rows; a collision between a
//    worker's old and new values has probability 2^-64 and would only skip one update.
//  - Two threads: the caller's parses and validates (and calls the sinks and progress, in
//    file order); a ChunkWriter thread stores each chunk of rows meanwhile, in order. Only the
//    writer touches the transaction until it is joined; then the caller finishes the batch.
//  - The file was sniffed once by intake::SourceFile (type, header row, checksum); the import
//    streams its rows in one more pass (OpenRows).
#include "services/import_service.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "domain/date_format.hpp"
#include "intake/column_mapping.hpp"

namespace jaring::services {
namespace {

std::uint64_t Fingerprint(const domain::Worker& w) {
  std::string key;
  key.reserve(256);
  for (std::string_view part :
       {std::string_view(w.nik), std::string_view(w.kk), std::string_view(w.name),
        std::string_view(w.name_original), domain::ToCode(w.sex), std::string_view(w.birth_place),
        std::string_view(w.address), std::string_view(w.village_code),
        std::string_view(w.occupation), std::string_view(w.phone), std::string_view(w.source_id)}) {
    key += part;
    key += '\x1f';
  }
  if (w.birth_date.ok()) key += domain::FormatIsoDate(w.birth_date);
  return std::hash<std::string>{}(key);
}

nlohmann::json WorkerJson(const domain::Worker& w) {
  return {{"id", w.id},
          {"nik", w.nik},
          {"kk", w.kk},
          {"name", w.name},
          {"name_original", w.name_original},
          {"sex", domain::ToCode(w.sex)},
          {"birth_place", w.birth_place},
          {"birth_date", w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : ""},
          {"address", w.address},
          {"village_code", w.village_code},
          {"occupation", w.occupation},
          {"phone", w.phone},
          {"source", w.source}};
}

template <typename Json>
std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

struct Existing {
  std::int64_t id = 0;
  std::uint64_t fingerprint = 0;
};

// NIK -> the stored worker. A NIK of 16 digits (nearly all) is keyed by its number, so that a
// million workers do not cost a million heap strings; any other text by itself.
class ExistingByNik {
 public:
  Existing* Find(std::string_view nik) {
    if (auto key = NumericKey(nik)) {
      auto found = by_number_.find(*key);
      return found == by_number_.end() ? nullptr : &found->second;
    }
    auto found = by_text_.find(std::string(nik));
    return found == by_text_.end() ? nullptr : &found->second;
  }
  // The stored workers of the source, in id order: a NIK seen again (two people under one NIK,
  // kept by an earlier import as a conflict) goes to the list of its further workers.
  void Add(std::string_view nik, Existing existing) {
    if (auto key = NumericKey(nik)) {
      if (!by_number_.try_emplace(*key, existing).second)
        more_[std::string(nik)].push_back(existing);
    } else if (!by_text_.try_emplace(std::string(nik), existing).second) {
      more_[std::string(nik)].push_back(existing);
    }
  }
  // The n-th further worker with this NIK (n >= 1), for the file's n-th conflicting row.
  Existing* FindFurther(std::string_view nik, std::size_t n) {
    auto found = more_.find(std::string(nik));
    if (found == more_.end() || n == 0 || n > found->second.size()) return nullptr;
    return &found->second[n - 1];
  }
  void Set(std::string_view nik, Existing existing) {
    if (auto key = NumericKey(nik)) {
      by_number_[*key] = existing;
    } else {
      by_text_[std::string(nik)] = existing;
    }
  }

 private:
  static std::optional<std::uint64_t> NumericKey(std::string_view nik) {
    if (nik.size() != 16) return std::nullopt;
    std::uint64_t key = 0;
    for (char c : nik) {
      if (c < '0' || c > '9') return std::nullopt;
      key = key * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return key;
  }

  std::unordered_map<std::uint64_t, Existing> by_number_;
  std::unordered_map<std::string, Existing> by_text_;
  std::unordered_map<std::string, std::vector<Existing>> more_;  // rare: conflicts kept earlier
};

// What the import stores for a run of rows: the writer's unit of work. Chunks are recycled
// (ChunkWriter::Spare): the new workers are assigned over the previous chunk's, whose strings
// keep their capacity, so a row costs no allocation on either thread.
struct Chunk {
  std::optional<std::size_t> bulk_load_rows;  // the first chunk with new workers: Begin a load
  std::vector<domain::Worker> insert_slots;   // the first insert_count are this chunk's
  std::size_t insert_count = 0;
  std::vector<domain::Worker> updates;  // id = the stored worker's
  std::vector<storage::QuarantineRow> quarantine;
  std::vector<storage::WorkerAlias> aliases;  // rows merged into an earlier row of the file

  std::span<const domain::Worker> inserts() const {
    return std::span(insert_slots).first(insert_count);
  }
  void AddInsert(const domain::Worker& w) {
    if (insert_count == insert_slots.size()) insert_slots.emplace_back();
    insert_slots[insert_count++] = w;
  }
  void Reset() {
    bulk_load_rows.reset();
    insert_count = 0;
    updates.clear();
    quarantine.clear();
    aliases.clear();
  }
};

// Stores chunks, in the order pushed, on a thread of its own while the caller's thread parses
// and validates the next rows (the two take about the same time on a first import). The
// transaction is used by the writer thread only between construction and Finish() (which
// joins it), so it is never used by two threads at once. At most kMaxQueued chunks wait:
// memory stays bounded when storage is the slower side. After a failed chunk the rest are
// dropped and Push returns false, so the parser can stop early.
class ChunkWriter {
 public:
  using StoreFn = std::function<Status(Chunk&)>;
  explicit ChunkWriter(StoreFn store) : store_(std::move(store)), thread_([this] { Run(); }) {}
  ChunkWriter(const ChunkWriter&) = delete;
  ChunkWriter& operator=(const ChunkWriter&) = delete;
  // Without Finish (an error or a cancel on the parsing side): drops what waits and joins.
  ~ChunkWriter() {
    failed_ = true;
    Close();
  }

  bool Push(Chunk chunk) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kMaxQueued || failed_; });
    if (failed_) return false;
    queue_.push_back(std::move(chunk));
    changed_.notify_all();
    return true;
  }

  // A stored chunk to fill again (Reset), or a new one.
  Chunk Spare() {
    std::lock_guard lock(mutex_);
    if (spares_.empty()) return {};
    Chunk chunk = std::move(spares_.back());
    spares_.pop_back();
    return chunk;
  }

  // Waits until every pushed chunk is stored; the first failure, if any.
  Status Finish() {
    Close();
    return status_;
  }

 private:
  static constexpr std::size_t kMaxQueued = 2;

  void Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void Run() {
    while (true) {
      Chunk chunk;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;
        chunk = std::move(queue_.front());
        queue_.pop_front();
      }
      changed_.notify_all();
      if (failed_) continue;
      Status stored;
      try {
        stored = store_(chunk);
      } catch (const std::exception& e) {
        stored = Fail(Error::Internal("impor gagal menyimpan", e.what()));
      }
      std::lock_guard lock(mutex_);
      if (!stored) {
        status_ = std::move(stored);
        failed_ = true;
        changed_.notify_all();
      }
      chunk.Reset();
      spares_.push_back(std::move(chunk));
    }
  }

  StoreFn store_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> queue_;
  std::vector<Chunk> spares_;
  bool closed_ = false;
  std::atomic<bool> failed_ = false;
  Status status_;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace

nlohmann::ordered_json ReportToJson(const ImportReport& report) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::object();
  for (const auto& [code, n] : report.issues) issues[code] = n;  // std::map: sorted
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  json["read"] = report.read;
  json["accepted"] = report.accepted;
  json["quarantined"] = report.quarantined;
  json["updated"] = report.updated;
  json["unchanged"] = report.unchanged;
  json["merged"] = report.merged;
  json["issues"] = std::move(issues);
  return json;
}

ImportService::ImportService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                             ImportSettings settings)
    : db_(db), trail_(trail), clock_(clock), settings_(settings) {
  if (settings_.regions == nullptr) settings_.regions = &domain::RegionIndex::Embedded();
  if (settings_.chunk_rows == 0) settings_.chunk_rows = 1;
}

Result<ImportReport> ImportService::Import(const intake::SourceFile& file,
                                           const ImportRequest& request, const ProgressFn& progress,
                                           const QuarantineSink& sink, const RowSink& every_row) {
  // ---- The file, its header and the plan.
  auto rows = file.OpenRows();
  if (!rows) return Fail(std::move(rows.error()));
  intake::RowStream& source = **rows;

  intake::ImportPlan plan{request.mapping ? *request.mapping : intake::DetectMapping(file.header()),
                          {}};
  // A worker list's "Tgl. Meninggal" or "No. KPJ" column is kept with each row as an extra,
  // like any column the registry has no field for; those fields belong to the extracts.
  for (std::size_t f = 0; f < intake::kFieldCount; ++f) {
    const auto field = static_cast<intake::Field>(f);
    if (!intake::IsWorkerField(field) && plan.mapping.Has(field)) plan.mapping.Clear(field);
  }
  plan.options.regency_code = request.regency_code;
  plan.options.reference_date = TodayInWib(clock_);
  plan.options.min_age = settings_.min_age;
  plan.options.max_age = settings_.max_age;
  plan.options.default_village_code = request.default_village_code;
  plan.options.source = request.source;
  plan.options.status = domain::WorkerStatus::kCandidate;
  plan.options.date1904 = file.date1904();
  if (request.source.empty()) {
    return Fail(Error::InvalidArgument("sumber daftar (--source) wajib diisi"));
  }
  auto validator = intake::Validator::Create(std::move(plan), *settings_.regions);
  if (!validator) {
    Error error = std::move(validator.error());
    error.code = ErrorCode::kInvalidArgument;  // a missing column is the file's fault
    return Fail(std::move(error));
  }

  ImportReport report;
  report.dry_run = request.dry_run;
  report.header = file.header();
  report.mapping = validator->mapping();
  report.checksum = file.checksum();

  // ---- The unit of work.
  auto begun = db_.Begin();
  if (!begun) return Fail(std::move(begun.error()));
  storage::Transaction& tx = **begun;
  storage::ImportRepository& imports = tx.Imports();
  const bool write = !request.dry_run;

  if (auto ok = imports.LockSource(request.regency_code, request.source); !ok) {
    return Fail(ok.error());
  }
  ExistingByNik existing;
  if (auto ok = imports.ForEachWorkerOfSource(request.regency_code, request.source,
                                              [&](const domain::Worker& w) {
                                                existing.Add(w.nik, {w.id, Fingerprint(w)});
                                                return true;
                                              });
      !ok) {
    return Fail(ok.error());
  }
  // Rows an earlier import of this source quarantined (open or already fixed): the same bad row
  // in a re-imported or corrected file is counted as quarantined but not stored again, so the
  // operator never sees one row twice. Kept as the exact cells (a few MB at most), not hashes,
  // so that no other row can be mistaken for one of them.
  std::unordered_set<std::string> quarantined_before;
  if (auto ok = imports.ForEachQuarantinedCellsOfSource(request.regency_code, request.source,
                                                        [&](const std::vector<std::string>& cells) {
                                                          quarantined_before.insert(
                                                              Dump(nlohmann::json(cells)));
                                                          return true;
                                                        });
      !ok) {
    return Fail(ok.error());
  }
  // A dry run has read all it needs from the database: let other writers in while it parses.
  if (!write) tx.Rollback();

  storage::ImportBatch batch;
  batch.regency_code = request.regency_code;
  batch.source_kind = request.source_kind;
  batch.source = request.source;
  batch.file_name = file.name();
  batch.checksum = report.checksum;
  batch.actor = request.actor.name;
  batch.created_at_us =
      std::chrono::duration_cast<std::chrono::microseconds>(clock_.Now().time_since_epoch())
          .count();
  batch.header = report.header;
  if (write) {
    auto id = imports.InsertBatch(batch);
    if (!id) return Fail(std::move(id.error()));
    batch.id = report.batch_id = *id;
  }

  // Stores a chunk: runs on the writer's thread (see ChunkWriter).
  auto store = [&](Chunk& chunk) -> Status {
    if (chunk.bulk_load_rows) {
      if (auto ok = tx.Workers().BeginBulkLoad(request.regency_code, *chunk.bulk_load_rows); !ok) {
        return ok;
      }
    }
    for (domain::Worker& changed : chunk.updates) {
      auto before = tx.Workers().Get(request.regency_code, changed.id);
      if (!before) return Fail(std::move(before.error()));
      if (auto ok = imports.UpdateWorker(changed, batch.id); !ok) return ok;
      if (trail_ != nullptr) {
        changed.status = before->status;
        auto event = AuditEvent::By(request.actor, auth::AuditAction::kUpdate, "worker",
                                    std::to_string(changed.id), request.regency_code,
                                    Dump(WorkerJson(*before)), Dump(WorkerJson(changed)));
        if (auto ok = trail_->Append(tx, event); !ok) return ok;
      }
    }
    if (chunk.insert_count > 0) {
      auto inserted = tx.Workers().InsertMany(chunk.inserts(), batch.id);
      if (!inserted) return Fail(std::move(inserted.error()));
    }
    if (!chunk.quarantine.empty()) {
      if (auto ok = imports.InsertQuarantine(chunk.quarantine); !ok) return ok;
    }
    if (!chunk.aliases.empty()) {
      if (auto ok = imports.InsertAliases(chunk.aliases); !ok) return ok;
    }
    return {};
  };
  // Declared after the transaction: destroyed (joined) before it rolls back.
  std::optional<ChunkWriter> writer;
  if (write) writer.emplace(store);
  Chunk chunk;
  bool bulk_load = false;
  // Hands the chunk to the writer; false when the writer failed (its Finish() tells why).
  auto flush = [&]() -> bool {
    if (!write) {
      chunk.Reset();
      return true;
    }
    if (chunk.insert_count > 0 && !bulk_load) {
      // New rows so far, scaled to the whole file by its bytes.
      const double read = static_cast<double>(std::max<std::uint64_t>(source.bytes_read(), 1));
      const double expected = static_cast<double>(report.inserted) *
                              std::max(1.0, static_cast<double>(source.total_bytes()) / read);
      chunk.bulk_load_rows = static_cast<std::size_t>(expected);
      bulk_load = true;
    }
    const bool pushed = writer->Push(std::move(chunk));
    chunk = writer->Spare();
    return pushed;
  };
  auto writer_failed = [&]() -> Error {
    Status status = writer->Finish();
    return status ? Error::Internal("impor gagal menyimpan") : std::move(status.error());
  };

  std::unordered_map<std::string, std::size_t> conflicts_of_nik;  // conflicting rows seen, by NIK
  intake::SourceRow row;
  while (source.Next(row)) {
    if (request.cancel != nullptr && request.cancel->load(std::memory_order_relaxed)) {
      return Fail(Error::FailedPrecondition("impor dibatalkan", "cancelled"));
    }
    const intake::RowOutcome& outcome = validator->Add(row);
    if (every_row) every_row(outcome);
    if (outcome.accepted && outcome.same_as_line != 0) {
      ++report.merged;  // the same person as an earlier row of the file: stored once
      if (write && !outcome.source_id.empty()) {
        chunk.aliases.push_back({request.regency_code, request.source, outcome.worker.nik,
                                 outcome.source_id, batch.id, outcome.line});
      }
    } else if (outcome.accepted) {
      const domain::Worker& w = outcome.worker;
      const std::uint64_t fingerprint = Fingerprint(w);
      // A row that conflicts with an earlier one (same NIK, another person) is the NIK's next
      // worker: the n-th such row of the file is the n-th further worker an earlier import kept.
      Existing* found = nullptr;
      if (outcome.conflicts_with_line != 0) {
        found = existing.FindFurther(w.nik, ++conflicts_of_nik[w.nik]);
      } else {
        found = existing.Find(w.nik);
      }
      if (found == nullptr) {
        ++report.inserted;
        if (write) chunk.AddInsert(w);
        if (outcome.conflicts_with_line == 0) existing.Set(w.nik, Existing{0, fingerprint});
      } else if (found->fingerprint == fingerprint) {
        ++report.unchanged;
      } else {
        ++report.updated;
        if (write) {
          chunk.updates.push_back(w);
          chunk.updates.back().id = found->id;
        }
        found->fingerprint = fingerprint;
      }
    } else {
      const bool held = !quarantined_before.empty() &&
                        quarantined_before.contains(Dump(nlohmann::json(outcome.original_cells)));
      if (held) {
        ++report.quarantined_before;
      } else if (write) {
        nlohmann::json issues = nlohmann::json::array();
        for (const auto& issue : outcome.issues) issues.push_back(intake::IssueToJson(issue));
        chunk.quarantine.push_back({0, batch.id, request.regency_code, outcome.line,
                                    outcome.original_cells, Dump(issues), std::nullopt});
      }
      if (sink) sink(outcome);
    }
    if (chunk.insert_count >= settings_.chunk_rows ||
        chunk.updates.size() >= settings_.chunk_rows ||
        chunk.quarantine.size() >= settings_.chunk_rows) {
      if (!flush()) return Fail(writer_failed());
    }
    if (progress) progress(source.bytes_read(), source.total_bytes());
  }
  if (auto ok = source.status(); !ok) {
    return Fail(Error::InvalidArgument(
        "berkas tidak dapat dibaca: " + file.name() + " (" + ok.error().message + ")",
        ok.error().details));
  }
  if (!flush()) return Fail(writer_failed());
  if (write) {
    if (auto ok = writer->Finish(); !ok) return Fail(ok.error());
  }

  const intake::ImportSummary& summary = validator->Finish();
  report.read = summary.read;
  report.quarantined = summary.quarantined;
  report.accepted = report.inserted + report.updated;
  JARING_ASSERT(report.merged == summary.merged, "every merged row is counted once");
  report.issues = summary.issues;
  report.file_issues = summary.file_issues;
  JARING_ASSERT(report.accepted + report.unchanged == summary.accepted,
                "every accepted row is new, updated or unchanged");

  if (!write) return report;  // its transaction ended after the reads
  if (bulk_load) {
    if (auto ok = tx.Workers().EndBulkLoad(); !ok) return Fail(ok.error());
  }
  batch.read = report.read;
  batch.accepted = report.accepted;
  batch.quarantined = report.quarantined;
  batch.updated = report.updated;
  batch.unchanged = report.unchanged;
  batch.issues = report.issues;
  if (auto ok = imports.FinishBatch(batch); !ok) return Fail(ok.error());
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = ReportToJson(report);
    after["batch_id"] = batch.id;
    after["file_name"] = batch.file_name;
    after["checksum"] = batch.checksum;
    after["source"] = batch.source;
    after["inserted"] = report.inserted;
    auto event = AuditEvent::By(request.actor, auth::AuditAction::kImport, "import",
                                std::to_string(batch.id), request.regency_code, "", Dump(after));
    if (auto ok = trail_->Append(tx, event); !ok) return Fail(ok.error());
  }
  if (before_commit) {
    if (auto ok = before_commit(tx, report); !ok) return Fail(ok.error());
  }
  if (auto ok = tx.Commit(); !ok) return Fail(ok.error());
  return report;
}

}  // namespace jaring::services
