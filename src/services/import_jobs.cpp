// Design notes
//  - One mutex (mutex_) guards the job map, the queue and every job's view; progress counters
//    are atomics written by the worker thread per row and read by snapshots, so the hot loop
//    never takes the lock.
//  - A parse belongs to a generation. Remap bumps the generation, raises the old run's cancel
//    flag and queues a new parse; a run whose generation is no longer the job's drops its
//    result. So a stale parse can never overwrite a newer preview.
//  - Parses are ImportService dry runs, which hold their transaction only while reading the
//    source's stored workers: a preview never holds SQLite's write lock while it parses.
//  - Files: one folder per job inside one folder per ImportJobs object
//    (<work_dir>/jaring-imports-<pid>-<random>), so that the destructor may remove it whole.
//    Unlinking a file a parse still reads is harmless on POSIX (the open handle stays valid).
#include "services/import_jobs.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <tuple>
#include <nlohmann/json.hpp>

#include "common/log.hpp"
#include "services/job_metrics.hpp"
#include "domain/date_format.hpp"
#include "domain/region.hpp"
#include "formats/file_name.hpp"

namespace jaring::services {
namespace fs = std::filesystem;

struct ImportJobs::Job {
  ImportJobView view;  // guarded by mutex_ (progress fields: see below)
  fs::path dir, file;
  // The upload as sniffed by the first parse (type, header row, checksum); later parses and
  // the commit read it through this, never sniffing again.
  std::optional<intake::SourceFile> source;
  std::atomic<std::uint64_t> done{0}, total{0};
  std::uint64_t generation = 0;
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
  std::optional<intake::ColumnMapping> chosen;  // set by Remap
  TimePoint touched;
  std::uint64_t serial = 0;  // upload order: breaks ties of `touched` when finished jobs go
  bool gone = false;  // discarded or expired: running work drops its result
};

namespace {

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(2 * bytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

// Same columns, in any order, compared as HeaderKey: the template of a source applies.
bool SameColumns(std::span<const std::string> a, std::span<const std::string> b) {
  auto keys = [](std::span<const std::string> header) {
    std::vector<std::string> out;
    for (const auto& h : header) {
      std::string key = intake::HeaderKey(h);
      if (!key.empty()) out.push_back(std::move(key));
    }
    std::ranges::sort(out);
    return out;
  };
  const auto ka = keys(a);
  return !ka.empty() && ka == keys(b);
}

std::string_view WorkerValue(const domain::Worker& w, intake::Field field, std::string& buffer) {
  using intake::Field;
  switch (field) {
    case Field::kNik:
      return w.nik;
    case Field::kKk:
      return w.kk;
    case Field::kName:
      return w.name;
    case Field::kSex:
      return domain::ToCode(w.sex);
    case Field::kBirthPlace:
      return w.birth_place;
    case Field::kBirthDate:
      buffer = w.birth_date.ok() ? domain::FormatIsoDate(w.birth_date) : std::string();
      return buffer;
    case Field::kAddress:
      return w.address;
    case Field::kVillageCode:
      return w.village_code;
    case Field::kOccupation:
      return w.occupation;
    case Field::kPhone:
      return w.phone;
    default:
      return {};
  }
}

// Accepted rows: the worker's values. Quarantined rows: each mapped column's cell as typed
// (what the operator must look at).
PreviewRow MakePreviewRow(const intake::RowOutcome& outcome, const intake::ColumnMapping& mapping) {
  using intake::Field;
  PreviewRow row;
  row.line = outcome.line;
  row.accepted = outcome.accepted;
  row.issues = outcome.issues;
  std::string buffer;
  if (outcome.accepted) {
    for (Field f :
         {Field::kNik, Field::kKk, Field::kName, Field::kSex, Field::kBirthPlace, Field::kBirthDate,
          Field::kAddress, Field::kVillageCode, Field::kOccupation, Field::kPhone}) {
      const std::string_view value = WorkerValue(outcome.worker, f, buffer);
      if (!value.empty()) row.values.emplace_back(intake::FieldName(f), value);
    }
    return row;
  }
  for (std::size_t i = 0; i < intake::kFieldCount; ++i) {
    const auto field = static_cast<Field>(i);
    const auto column = mapping.ColumnOf(field);
    if (!column || field == Field::kRowNumber) continue;
    const auto c = static_cast<std::size_t>(*column);
    if (c < outcome.original_cells.size() && !outcome.original_cells[c].empty()) {
      row.values.emplace_back(intake::FieldName(field), outcome.original_cells[c]);
    }
  }
  return row;
}

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

bool Cancelled(const Error& error) {
  return error.code == ErrorCode::kFailedPrecondition && error.details == "cancelled";
}

}  // namespace

std::string_view JobStateCode(JobState state) {
  switch (state) {
    case JobState::kParsing:
      return "parsing";
    case JobState::kPreview:
      return "preview";
    case JobState::kCommitting:
      return "committing";
    case JobState::kDone:
      return "done";
    case JobState::kFailed:
      return "failed";
  }
  return "failed";
}

std::vector<ImportJobs::FieldInfo> ImportJobs::Fields() {
  std::vector<FieldInfo> out;
  for (std::size_t i = 0; i < intake::kFieldCount; ++i) {
    const auto field = static_cast<intake::Field>(i);
    if (!intake::IsWorkerField(field)) continue;  // the extracts' own fields
    out.push_back({field, intake::FieldName(field), intake::FieldLabel(field),
                   field == intake::Field::kNik || field == intake::Field::kName});
  }
  return out;
}

ImportJobs::ImportJobs(storage::Database& db, const AuditTrail* trail, const Clock& clock,
                       ImportJobSettings settings)
    : db_(db), trail_(trail), clock_(clock), settings_(std::move(settings)) {
  JARING_ASSERT(sodium_init() >= 0, "libsodium must start");
  if (settings_.import.regions == nullptr) {
    settings_.import.regions = &domain::RegionIndex::Embedded();
  }
  fs::path base = settings_.work_dir.empty() ? fs::temp_directory_path() : settings_.work_dir;
  settings_.work_dir = base / ("jaring-imports-" + std::to_string(::getpid()) + "-" + RandomHex(6));
  const int threads = std::max(1, settings_.threads);
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this](std::stop_token stop) {
      for (;;) {
        std::function<void()> task;
        {
          std::unique_lock lock(mutex_);
          if (!wake_.wait(lock, stop, [this] { return !queue_.empty(); })) return;
          task = std::move(queue_.front());
          queue_.pop_front();
        }
        task();
      }
    });
  }
}

ImportJobs::~ImportJobs() {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
    for (auto& [id, job] : jobs_) {
      job->gone = true;
      job->cancel->store(true);
    }
  }
  for (auto& thread : threads_) thread.request_stop();
  threads_.clear();  // joins: a running import stops at its next row and rolls back
  std::error_code ec;
  fs::remove_all(settings_.work_dir, ec);
}

void ImportJobs::Enqueue(std::function<void()> task) {
  // mutex_ held by the caller. The job's log lines carry the id of the request that queued it.
  queue_.push_back([request_id = CurrentRequestId(), task = std::move(task)] {
    const ScopedRequestId log_id(request_id);
    task();
  });
  wake_.notify_one();
}

ImportJobs::QueueUse ImportJobs::Use() {
  std::lock_guard lock(mutex_);
  QueueUse use;
  use.queued = queue_.size();
  for (const auto& [id, job] : jobs_) ++use.by_state[job->view.state];
  return use;
}

void ImportJobs::Sweep() {
  // mutex_ held by the caller.
  const TimePoint now = clock_.Now();
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    Job& job = *it->second;
    const bool running =
        job.view.state == JobState::kParsing || job.view.state == JobState::kCommitting;
    if (!running && now - job.touched > settings_.ttl) {
      job.gone = true;
      std::error_code ec;
      fs::remove_all(job.dir, ec);
      it = jobs_.erase(it);
    } else {
      ++it;
    }
  }
}

std::shared_ptr<ImportJobs::Job> ImportJobs::Find(std::string_view regency_code,
                                                  std::string_view id) {
  // mutex_ held by the caller.
  Sweep();
  const auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->view.regency_code != regency_code) {
    return nullptr;  // another regency's job is as absent as a missing one
  }
  it->second->touched = clock_.Now();
  return it->second;
}

ImportJobView ImportJobs::Snapshot(const Job& job) const {
  ImportJobView view = job.view;
  view.progress_done = job.done.load(std::memory_order_relaxed);
  view.progress_total = job.total.load(std::memory_order_relaxed);
  return view;
}

Result<ImportJobView> ImportJobs::Start(const Upload& upload, std::string_view bytes) {
  const domain::RegionIndex& regions = *settings_.import.regions;
  const domain::Region* regency = regions.Find(upload.regency_code);
  if (regency == nullptr || upload.regency_code.size() != 5) {
    return Fail(Error::InvalidArgument("Kode kabupaten/kota tidak dikenal"));
  }
  if (upload.source.empty()) {
    return Fail(Error::InvalidArgument("Sumber daftar (source) wajib diisi"));
  }
  if (!upload.default_village_code.empty()) {
    const domain::Region* village = regions.Find(upload.default_village_code);
    if (village == nullptr || !upload.default_village_code.starts_with(upload.regency_code + ".") ||
        upload.default_village_code.size() != 13) {
      return Fail(Error::InvalidArgument("Desa tidak dikenal di kabupaten/kota ini"));
    }
  }
  if (bytes.empty()) return Fail(Error::InvalidArgument("Berkas kosong"));
  if (bytes.size() > settings_.max_bytes) {
    return Fail(Error::InvalidArgument("Berkas terlalu besar"));
  }

  static std::atomic<std::uint64_t> serials{0};
  auto job = std::make_shared<Job>();
  job->serial = ++serials;
  job->view.id = "j_" + RandomHex(16);
  job->view.regency_code = upload.regency_code;
  job->view.source = upload.source;
  job->view.source_kind = upload.source_kind;
  job->view.default_village_code = upload.default_village_code;
  job->view.file_name = formats::SafeFileName(upload.file_name);
  job->view.size_bytes = bytes.size();
  job->view.created_at = job->touched = clock_.Now();
  job->total = bytes.size();
  job->dir = settings_.work_dir / job->view.id;
  job->file = job->dir / job->view.file_name;
  {
    std::lock_guard lock(mutex_);
    Sweep();
    // A finished import stays readable until it expires but holds no place: only unfinished
    // jobs count against the limit (before, the 21st web import of a regency within two hours
    // was refused, as the load test's operators would be in a 10-minute soak). Of the finished
    // ones the newest max_jobs_per_regency are kept, so that a busy regency's finished jobs
    // cannot pile up in memory.
    std::vector<decltype(jobs_)::iterator> done;
    std::size_t unfinished = 0;
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
      if (it->second->view.regency_code != upload.regency_code) continue;
      if (it->second->view.state == JobState::kDone) {
        done.push_back(it);
      } else {
        ++unfinished;
      }
    }
    if (unfinished >= settings_.max_jobs_per_regency) {
      return Fail(Error::FailedPrecondition(
          "Terlalu banyak impor yang belum selesai; impor atau hapus yang lama dahulu"));
    }
    if (done.size() >= settings_.max_jobs_per_regency) {
      std::ranges::sort(done, [](const auto& a, const auto& b) {
        return std::tie(a->second->touched, a->second->serial) <
               std::tie(b->second->touched, b->second->serial);
      });
      for (std::size_t i = 0; i + settings_.max_jobs_per_regency <= done.size(); ++i) {
        done[i]->second->gone = true;
        jobs_.erase(done[i]);  // its file went at the commit
      }
    }
  }
  std::error_code ec;
  fs::create_directories(job->dir, ec);
  std::ofstream out(job->file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (ec || !out) {
    fs::remove_all(job->dir, ec);
    return Fail(
        Error::Unavailable("Berkas unggahan tidak dapat disimpan", "dir=" + job->dir.string()));
  }
  std::lock_guard lock(mutex_);
  jobs_.emplace(job->view.id, job);
  StartParse(job);
  return Snapshot(*job);
}

void ImportJobs::StartParse(const std::shared_ptr<Job>& job) {
  // mutex_ held by the caller.
  job->cancel->store(true);
  job->cancel = std::make_shared<std::atomic<bool>>(false);
  const std::uint64_t generation = ++job->generation;
  job->view.state = JobState::kParsing;
  job->view.phase = "parse";
  job->view.problem.reset();
  job->done = 0;
  job->total = job->view.size_bytes;
  Enqueue([this, job, generation] { RunParse(job, generation); });
}

void ImportJobs::RunParse(const std::shared_ptr<Job>& job, std::uint64_t generation) {
  ImportRequest request;
  std::shared_ptr<std::atomic<bool>> cancel;
  std::optional<intake::SourceFile> source;
  fs::path path;
  std::string file_name;
  {
    std::lock_guard lock(mutex_);
    if (job->gone || job->generation != generation) return;
    source = job->source;
    path = job->file;
    file_name = job->view.file_name;
    request.regency_code = job->view.regency_code;
    request.source = job->view.source;
    request.source_kind = job->view.source_kind;
    request.default_village_code = job->view.default_village_code;
    request.mapping = job->chosen;
    cancel = job->cancel;
  }
  request.dry_run = true;
  request.cancel = cancel.get();

  // The finish line: only the current generation of a live job may write its result.
  auto finish = [&](auto&& write) {
    std::lock_guard lock(mutex_);
    if (job->gone || job->generation != generation) return;
    write(job->view);
    changed_.notify_all();
  };
  auto fail = [&](std::string reason, Error error) {
    finish([&](ImportJobView& view) {
      view.state = JobState::kFailed;
      view.problem = JobProblem{std::move(reason), std::move(error)};
    });
  };

  if (!source) {
    auto opened = intake::SourceFile::Open(path, file_name);
    if (!opened) return fail("FILE_UNREADABLE", std::move(opened.error()));
    source = std::move(*opened);
    std::lock_guard lock(mutex_);
    job->source = source;
  }
  const std::vector<std::string>* header = &source->header();

  bool from_template = false;
  if (!request.mapping) {
    // The source's template, when its header has the same columns.
    std::optional<intake::ColumnMapping> templated;
    if (auto tx = db_.Begin(); tx) {
      auto saved = (*tx)->Templates().Find(request.regency_code, request.source);
      if (saved && *saved && SameColumns((*saved)->header, *header)) {
        auto parsed =
            intake::MappingFromJson(nlohmann::json::parse((*saved)->mapping_json, nullptr, false));
        if (parsed) templated = intake::ApplyTemplate(*parsed, *header);
      } else if (!saved) {
        spdlog::warn(R"("event":"import_template_read_failed","error":"{}")",
                     LogText(saved.error().ToString()));
      }
    }
    from_template = templated.has_value();
    request.mapping = templated ? std::move(*templated) : intake::DetectMapping(*header);
  }
  finish([&](ImportJobView& view) {
    view.header = *header;
    view.mapping = *request.mapping;
    view.from_template = from_template;
  });
  if (const auto missing = request.mapping->MissingRequired(); !missing.empty()) {
    std::string names;
    for (const auto field : missing) {
      if (!names.empty()) names += ", ";
      names += intake::FieldLabel(field);
    }
    return finish([&](ImportJobView& view) {
      view.state = JobState::kPreview;
      view.preview.clear();
      view.issues.clear();
      view.file_issues.clear();
      view.read = view.accepted = view.quarantined = view.updated = view.unchanged = 0;
      view.problem = JobProblem{"MAPPING_INCOMPLETE",
                                Error::FailedPrecondition("Kolom wajib belum dipetakan: " + names)};
    });
  }

  std::vector<PreviewRow> preview;
  IssueGroups groups({.max_lines = settings_.issue_lines,
                      .min_age = settings_.import.min_age,
                      .max_age = settings_.import.max_age});
  const intake::ColumnMapping& mapping = *request.mapping;
  auto every_row = [&](const intake::RowOutcome& outcome) {
    if (preview.size() < settings_.preview_rows)
      preview.push_back(MakePreviewRow(outcome, mapping));
    groups.Add(outcome);
  };
  auto progress = [&](std::uint64_t done, std::uint64_t total) {
    job->done.store(done, std::memory_order_relaxed);
    job->total.store(total, std::memory_order_relaxed);
  };
  ImportService service(db_, nullptr, clock_, settings_.import);
  const auto started = std::chrono::steady_clock::now();
  auto report = service.Import(*source, request, progress, {}, every_row);
  CountImport(ImportMode::kPreview, report, std::chrono::steady_clock::now() - started);
  if (!report) {
    if (Cancelled(report.error())) return;
    const bool file = report.error().code == ErrorCode::kInvalidArgument;
    return fail(file ? "FILE_UNREADABLE" : "IMPORT_FAILED", std::move(report.error()));
  }
  std::vector<IssueGroup> sorted = std::move(groups).Take();
  finish([&](ImportJobView& view) {
    view.state = JobState::kPreview;
    view.mapping = report->mapping;
    view.preview = std::move(preview);
    view.issues = std::move(sorted);
    view.file_issues = report->file_issues;
    view.read = report->read;
    view.accepted = report->accepted;
    view.quarantined = report->quarantined;
    view.updated = report->updated;
    view.unchanged = report->unchanged;
  });
}

Result<ImportJobView> ImportJobs::Get(std::string_view regency_code, std::string_view id) {
  std::lock_guard lock(mutex_);
  auto job = Find(regency_code, id);
  if (!job) return Fail(Error::NotFound("Impor tidak ditemukan"));
  return Snapshot(*job);
}

Result<ImportJobView> ImportJobs::Remap(std::string_view regency_code, std::string_view id,
                                        std::span<const ColumnChoice> columns, bool save_template,
                                        const Actor& actor) {
  std::unique_lock lock(mutex_);
  auto job = Find(regency_code, id);
  if (!job) return Fail(Error::NotFound("Impor tidak ditemukan"));
  const JobState state = job->view.state;
  const auto& header = job->view.header;
  if (state == JobState::kCommitting || state == JobState::kDone || header.empty()) {
    return Fail(Error::FailedPrecondition("Pemetaan kolom impor ini tidak dapat diubah lagi"));
  }
  intake::ColumnMapping mapping = job->view.mapping;
  std::vector<intake::Field> named;
  for (const ColumnChoice& choice : columns) {
    if (choice.index < 0 || static_cast<std::size_t>(choice.index) >= header.size()) {
      return Fail(Error::InvalidArgument("Nomor kolom di luar judul berkas"));
    }
    if (choice.field) {
      if (std::ranges::find(named, *choice.field) != named.end()) {
        return Fail(Error::InvalidArgument("Satu isian dipetakan ke dua kolom: " +
                                           std::string(intake::FieldLabel(*choice.field))));
      }
      named.push_back(*choice.field);
      mapping.Set(*choice.field, choice.index, header[static_cast<std::size_t>(choice.index)]);
    } else {
      for (std::size_t f = 0; f < intake::kFieldCount; ++f) {
        const auto field = static_cast<intake::Field>(f);
        if (mapping.ColumnOf(field) == choice.index) mapping.Clear(field);
      }
    }
  }
  mapping.column_count = static_cast<int>(header.size());
  if (save_template) {
    // Not under the lock: on SQLite, Begin() may wait for a running import's write lock.
    storage::ImportTemplate saved{job->view.regency_code,
                                  job->view.source,
                                  header,
                                  intake::MappingToJson(mapping).dump(),
                                  actor.name,
                                  Micros(clock_.Now())};
    lock.unlock();
    if (auto ok = SaveTemplate(saved, mapping, actor); !ok) return Fail(ok.error());
    lock.lock();
    if (job->gone) return Fail(Error::NotFound("Impor tidak ditemukan"));
  }
  job->chosen = mapping;
  job->view.mapping = std::move(mapping);
  job->view.from_template = false;
  StartParse(job);
  return Snapshot(*job);
}

Status ImportJobs::SaveTemplate(const storage::ImportTemplate& saved,
                                const intake::ColumnMapping& mapping, const Actor& actor) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto ok = (*tx)->Templates().Save(saved); !ok) return ok;
  if (trail_ != nullptr) {
    nlohmann::json after = {{"source", saved.source},
                            {"header", saved.header},
                            {"mapping", intake::MappingToJson(mapping)}};
    auto event = AuditEvent::By(
        actor, auth::AuditAction::kUpdate, "import_template", saved.source, saved.regency_code, "",
        after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (auto ok = trail_->Append(**tx, event); !ok) return ok;
  }
  return (*tx)->Commit();
}

Result<ImportJobView> ImportJobs::Commit(std::string_view regency_code, std::string_view id,
                                         const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto job = Find(regency_code, id);
  if (!job) return Fail(Error::NotFound("Impor tidak ditemukan"));
  if (job->view.state != JobState::kPreview || job->view.problem || !job->source) {
    return Fail(Error::FailedPrecondition(job->view.state == JobState::kPreview && job->view.problem
                                              ? "Impor belum dapat disimpan: " +
                                                    job->view.problem->error.message
                                              : "Impor ini tidak dalam tahap pratinjau"));
  }
  job->view.state = JobState::kCommitting;
  job->view.phase = "commit";
  job->done = 0;
  job->total = job->view.read;
  Enqueue([this, job, actor] { RunCommit(job, actor); });
  return Snapshot(*job);
}

void ImportJobs::RunCommit(const std::shared_ptr<Job>& job, const Actor& actor) {
  ImportRequest request;
  std::shared_ptr<std::atomic<bool>> cancel;
  std::optional<intake::SourceFile> source;
  {
    std::lock_guard lock(mutex_);
    if (job->gone) return;
    source = job->source;  // set: Commit requires a preview, which sniffed the file
    request.regency_code = job->view.regency_code;
    request.source = job->view.source;
    request.source_kind = job->view.source_kind;
    request.default_village_code = job->view.default_village_code;
    request.mapping = job->view.mapping;
    cancel = job->cancel;
  }
  request.actor = actor;
  request.cancel = cancel.get();
  auto every_row = [&](const intake::RowOutcome&) {
    job->done.fetch_add(1, std::memory_order_relaxed);
  };
  ImportService service(db_, trail_, clock_, settings_.import);
  const auto started = std::chrono::steady_clock::now();
  auto report = service.Import(*source, request, {}, {}, every_row);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  CountImport(ImportMode::kCommit, report, elapsed);

  std::lock_guard lock(mutex_);
  if (job->gone) return;
  if (!report) {
    job->view.state = JobState::kFailed;
    job->view.problem =
        JobProblem{Cancelled(report.error()) ? "CANCELLED" : "IMPORT_FAILED", report.error()};
    spdlog::warn(R"("event":"import_commit_failed","job":"{}","error":"{}")", job->view.id,
                 LogText(report.error().ToString()));
  } else {
    job->view.state = JobState::kDone;
    job->view.batch_id = report->batch_id;
    job->view.read = report->read;
    job->view.accepted = report->accepted;
    job->view.quarantined = report->quarantined;
    job->view.updated = report->updated;
    job->view.unchanged = report->unchanged;
    job->view.file_issues = report->file_issues;
    job->done.store(report->read);
    job->total.store(report->read);
    // Counts and ids only (the log's rule); the line carries the committing request's id.
    spdlog::info(
        R"("event":"import_committed","job":"{}","batch":{},"accepted":{},"quarantined":{},"ms":{})",
        job->view.id, report->batch_id, report->accepted, report->quarantined,
        std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
    std::error_code ec;
    fs::remove_all(job->dir, ec);  // stored now; the upload is no longer needed
  }
  changed_.notify_all();
}

Status ImportJobs::Discard(std::string_view regency_code, std::string_view id) {
  std::lock_guard lock(mutex_);
  auto job = Find(regency_code, id);
  if (!job) return Fail(Error::NotFound("Impor tidak ditemukan"));
  if (job->view.state == JobState::kCommitting || job->view.state == JobState::kDone) {
    return Fail(Error::FailedPrecondition("Impor yang sudah disimpan tidak dapat dibuang"));
  }
  job->gone = true;
  job->cancel->store(true);
  std::error_code ec;
  fs::remove_all(job->dir, ec);
  jobs_.erase(job->view.id);
  changed_.notify_all();
  return {};
}

Result<ImportJobView> ImportJobs::Wait(std::string_view regency_code, std::string_view id,
                                       std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  auto job = Find(regency_code, id);
  if (!job) return Fail(Error::NotFound("Impor tidak ditemukan"));
  changed_.wait_for(lock, timeout, [&] {
    return job->gone ||
           (job->view.state != JobState::kParsing && job->view.state != JobState::kCommitting);
  });
  return Snapshot(*job);
}

}  // namespace jaring::services
