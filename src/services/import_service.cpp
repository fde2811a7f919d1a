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
//  - Row sources stream: the CSV reader over a mapped file, the XLSX reader one row at a time;
//    for XLSX the first rows are held to find the header below title lines.
#include "services/import_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "domain/date_format.hpp"
#include "formats/csv.hpp"
#include "formats/xlsx_reader.hpp"
#include "intake/column_mapping.hpp"
#include "intake/source_row.hpp"

namespace jaring::services {
namespace {

constexpr std::size_t kHeaderSearchRows = 20;

// Rows of a CSV or XLSX file, as intake::SourceRow. Views stay valid until the next Next().
class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual const std::vector<std::string>& header() const = 0;
  virtual bool Next(intake::SourceRow& row) = 0;
  virtual Status status() const = 0;
  virtual std::uint64_t bytes_read() const = 0;
  virtual std::uint64_t total_bytes() const = 0;
  virtual bool date1904() const { return false; }
};

class CsvSource final : public RowSource {
 public:
  // Title lines often sit above the header in CSV exports too ("DAFTAR PEKERJA RENTAN DESA
  // ..."), and a title line may not even contain the file's separator, which the reader would
  // otherwise detect from it. So every candidate separator reads the first rows, and the one
  // whose most header-like row (intake::FindHeaderRow) recognises the most columns wins; ties
  // keep the reader's own detection. Rows above that header are titles and are skipped, as in
  // XlsxSource.
  static Result<std::unique_ptr<CsvSource>> Open(const std::string& path) {
    std::size_t best_score = 0, best_row = 0;
    char best_separator = 0;
    for (const char separator : {'\0', ',', ';', '\t'}) {
      formats::CsvOptions options;
      options.separator = separator;
      options.has_header = false;
      auto reader = formats::CsvReader::Open(path, options);
      if (!reader) return Fail(std::move(reader.error()));
      std::vector<std::vector<std::string>> rows;
      formats::CsvRow row;
      while (rows.size() < kHeaderSearchRows && reader->Next(row)) rows.push_back(row.ToStrings());
      const auto at = intake::FindHeaderRow(rows);
      if (!at) continue;
      const intake::ColumnMapping mapping = intake::DetectMapping(rows[*at]);
      std::size_t score = 0;
      for (std::size_t f = 0; f < intake::kFieldCount; ++f) {
        score += mapping.Has(static_cast<intake::Field>(f)) ? 1 : 0;
      }
      if (score > best_score) {
        best_score = score;
        best_row = *at;
        best_separator = separator;
      }
    }
    formats::CsvOptions options;
    options.separator = best_separator;
    options.has_header = false;
    auto reader = formats::CsvReader::Open(path, options);
    if (!reader) return Fail(std::move(reader.error()));
    formats::CsvRow row;
    std::vector<std::string> header;
    for (std::size_t i = 0; i <= best_row && reader->Next(row); ++i) header = row.ToStrings();
    if (!reader->status()) return Fail(reader->status().error());
    return std::unique_ptr<CsvSource>(new CsvSource(std::move(*reader), std::move(header)));
  }

  const std::vector<std::string>& header() const override { return header_; }
  // A line of separators only (";;;;;;" between blocks of a spreadsheet export) carries nothing
  // to keep; it is skipped like an empty line (an XLSX sheet has no such rows at all).
  bool Next(intake::SourceRow& row) override {
    do {
      if (!reader_.Next(csv_row_)) return false;
    } while (AllBlank(csv_row_));
    intake::FromCsvRow(csv_row_, row);
    return true;
  }
  Status status() const override { return reader_.status(); }
  std::uint64_t bytes_read() const override { return reader_.bytes_read(); }
  std::uint64_t total_bytes() const override { return reader_.total_bytes(); }

 private:
  static bool AllBlank(const formats::CsvRow& row) {
    for (std::string_view cell : row.cells) {
      if (cell.find_first_not_of(" \t\r\n") != std::string_view::npos) return false;
    }
    return !row.malformed;
  }

  CsvSource(formats::CsvReader reader, std::vector<std::string> header)
      : reader_(std::move(reader)), header_(std::move(header)) {}

  formats::CsvReader reader_;
  formats::CsvRow csv_row_;
  std::vector<std::string> header_;
};

class XlsxSource final : public RowSource {
 public:
  static Result<std::unique_ptr<XlsxSource>> Open(const std::string& path) {
    auto reader = formats::XlsxReader::Open(path);
    if (!reader) return Fail(std::move(reader.error()));
    std::size_t index = 0;
    const auto& sheets = reader->sheets();
    while (index < sheets.size() && sheets[index].hidden) ++index;
    if (index == sheets.size()) {
      return Fail(Error::InvalidArgument("berkas Excel tidak memiliki lembar yang terlihat"));
    }
    auto sheet = reader->OpenSheet(index);
    if (!sheet) return Fail(std::move(sheet.error()));
    auto source =
        std::unique_ptr<XlsxSource>(new XlsxSource(std::move(*reader), std::move(*sheet)));
    if (auto ok = source->FindHeader(); !ok) return Fail(ok.error());
    return source;
  }
  const std::vector<std::string>& header() const override { return header_; }
  bool Next(intake::SourceRow& row) override {
    if (!pending_.empty()) {
      current_ = std::move(pending_.front());
      pending_.pop_front();
    } else if (!sheet_.Next(current_)) {
      return false;
    }
    intake::FromXlsxRow(current_, row);
    return true;
  }
  Status status() const override { return sheet_.status(); }
  std::uint64_t bytes_read() const override { return sheet_.bytes_read(); }
  std::uint64_t total_bytes() const override { return sheet_.total_bytes(); }
  bool date1904() const override { return reader_.date1904(); }

 private:
  XlsxSource(formats::XlsxReader reader, formats::XlsxSheetReader sheet)
      : reader_(std::move(reader)), sheet_(std::move(sheet)) {}

  // Title lines often sit above the header: the most header-like of the first rows wins.
  Status FindHeader() {
    formats::XlsxRow row;
    while (pending_.size() < kHeaderSearchRows && sheet_.Next(row)) pending_.push_back(row);
    if (!sheet_.status()) return sheet_.status();
    std::vector<std::vector<std::string>> texts;
    for (const auto& r : pending_) {
      auto& cells = texts.emplace_back();
      for (const auto& c : r.cells) cells.push_back(c.text);
    }
    auto at = intake::FindHeaderRow(texts);
    if (!at) {
      if (texts.empty()) return Fail(Error::InvalidArgument("berkas Excel kosong"));
      at = 0;  // the mapping will name what is missing
    }
    header_ = texts[*at];
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(*at + 1));
    return {};
  }

  formats::XlsxReader reader_;
  formats::XlsxSheetReader sheet_;
  std::deque<formats::XlsxRow> pending_;
  formats::XlsxRow current_;
  std::vector<std::string> header_;
};

bool LooksLikeZip(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

Error Unreadable(const std::filesystem::path& file, const Error& cause) {
  return Error::InvalidArgument(
      "berkas tidak dapat dibaca: " + file.filename().string() + " (" + cause.message + ")",
      cause.details);
}

Result<std::unique_ptr<RowSource>> OpenRows(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return Fail(Error::InvalidArgument("berkas tidak ditemukan: " + file.string()));
  }
  if (LooksLikeZip(file)) {
    auto xlsx = XlsxSource::Open(file.string());
    if (!xlsx) return Fail(Unreadable(file, xlsx.error()));
    return std::unique_ptr<RowSource>(std::move(*xlsx));
  }
  auto csv = CsvSource::Open(file.string());
  if (!csv) return Fail(Unreadable(file, csv.error()));
  return std::unique_ptr<RowSource>(std::move(*csv));
}

std::uint64_t Fingerprint(const domain::Worker& w) {
  std::string key;
  key.reserve(256);
  for (std::string_view part :
       {std::string_view(w.nik), std::string_view(w.kk), std::string_view(w.name),
        std::string_view(w.name_original), domain::ToCode(w.sex), std::string_view(w.birth_place),
        std::string_view(w.address), std::string_view(w.village_code),
        std::string_view(w.occupation), std::string_view(w.phone)}) {
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
  json["issues"] = std::move(issues);
  return json;
}

Result<std::vector<std::string>> ReadImportHeader(const std::filesystem::path& file) {
  auto rows = OpenRows(file);
  if (!rows) return Fail(std::move(rows.error()));
  return (*rows)->header();
}

Result<std::string> FileChecksum(const std::filesystem::path& file) {
  if (sodium_init() < 0) return Fail(Error::Internal("libsodium tidak dapat dimulai"));
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::InvalidArgument("berkas tidak dapat dibaca: " + file.string()));
  crypto_generichash_state state;
  unsigned char digest[32];
  crypto_generichash_init(&state, nullptr, 0, sizeof digest);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0) {
      crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(got));
    }
  }
  if (in.bad()) return Fail(Error::InvalidArgument("berkas tidak dapat dibaca: " + file.string()));
  crypto_generichash_final(&state, digest, sizeof digest);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

ImportService::ImportService(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                             ImportSettings settings)
    : db_(db), trail_(trail), clock_(clock), settings_(settings) {
  if (settings_.regions == nullptr) settings_.regions = &domain::RegionIndex::Embedded();
  if (settings_.chunk_rows == 0) settings_.chunk_rows = 1;
}

Result<ImportReport> ImportService::Import(const ImportRequest& request, const ProgressFn& progress,
                                           const QuarantineSink& sink, const RowSink& every_row) {
  // ---- The file, its header and the plan.
  auto rows = OpenRows(request.file);
  if (!rows) return Fail(std::move(rows.error()));
  RowSource& source = **rows;

  intake::ImportPlan plan{
      request.mapping ? *request.mapping : intake::DetectMapping((*rows)->header()), {}};
  plan.options.regency_code = request.regency_code;
  plan.options.reference_date =
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(clock_.Now()));
  plan.options.min_age = settings_.min_age;
  plan.options.max_age = settings_.max_age;
  plan.options.default_village_code = request.default_village_code;
  plan.options.source = request.source;
  plan.options.status = domain::WorkerStatus::kCandidate;
  plan.options.date1904 = source.date1904();
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
  report.header = source.header();
  report.mapping = validator->mapping();
  auto checksum = FileChecksum(request.file);
  if (!checksum) return Fail(std::move(checksum.error()));
  report.checksum = std::move(*checksum);

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
                                                existing.Set(w.nik, {w.id, Fingerprint(w)});
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
  batch.file_name = request.file.filename().string();
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
      if (auto ok = tx.Workers().BeginBulkLoad(*chunk.bulk_load_rows); !ok) return ok;
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

  intake::SourceRow row;
  while (source.Next(row)) {
    if (request.cancel != nullptr && request.cancel->load(std::memory_order_relaxed)) {
      return Fail(Error::FailedPrecondition("impor dibatalkan", "cancelled"));
    }
    const intake::RowOutcome& outcome = validator->Add(row);
    if (every_row) every_row(outcome);
    if (outcome.accepted) {
      const domain::Worker& w = outcome.worker;
      const std::uint64_t fingerprint = Fingerprint(w);
      Existing* found = existing.Find(w.nik);
      if (found == nullptr) {
        ++report.inserted;
        if (write) chunk.AddInsert(w);
        // A second accepted row with this NIK cannot occur (DUPLICATE_NIK_IN_FILE), but keep
        // the map true so that it would count as an update, not a second insert.
        existing.Set(w.nik, Existing{0, fingerprint});
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
  if (auto ok = source.status(); !ok) return Fail(Unreadable(request.file, ok.error()));
  if (!flush()) return Fail(writer_failed());
  if (write) {
    if (auto ok = writer->Finish(); !ok) return Fail(ok.error());
  }

  const intake::ImportSummary& summary = validator->Finish();
  report.read = summary.read;
  report.quarantined = summary.quarantined;
  report.accepted = report.inserted + report.updated;
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
