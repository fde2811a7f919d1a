// Design notes
//  - Bound mode only: an import's batch, quarantine and worker changes belong to one
//    Transaction. Every call opens a savepoint so that a failed call undoes only itself.
//  - UpdateWorker is the hot path of a corrected re-import: one statement prepared once per
//    transaction, rebound per row (SOCI binds by reference to the members below).
//  - JSON columns are written by nlohmann::json dump() and parsed back the same way.
#include "storage/sql/import_repository.hpp"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <optional>
#include <utility>
#include <variant>

#include "domain/date_format.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/errors.hpp"
#include "storage/sql/worker_list_cache.hpp"
#include "storage/sql/worker_rows.hpp"
#include "storage/worker_repository.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

Error Corrupt(std::string_view op) {
  return Error::Internal("data impor rusak di basis data", "op=" + std::string(op));
}

constexpr const char* kBatchColumns =
    "id, regency_code, source_kind, source, file_name, checksum, actor, created_at, header_json, "
    "rows_read, rows_accepted, rows_quarantined, rows_updated, rows_unchanged, issues_json, "
    "status";

struct BatchRow {
  long long id = 0, created_at = 0, read = 0, accepted = 0, quarantined = 0, updated = 0,
            unchanged = 0;
  std::string regency_code, source_kind, source, file_name, checksum, actor, header_json,
      issues_json, status;

  void BindTo(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency_code), into(source_kind), into(source), into(file_name),
        into(checksum), into(actor), into(created_at), into(header_json), into(read),
        into(accepted), into(quarantined), into(updated), into(unchanged), into(issues_json),
        into(status);
  }

  Result<ImportBatch> ToBatch() const {
    ImportBatch b;
    b.id = id;
    b.regency_code = regency_code;
    auto kind = domain::SourceKindFromCode(source_kind);
    auto header = nlohmann::json::parse(header_json, nullptr, false);
    auto issues = nlohmann::json::parse(issues_json, nullptr, false);
    if (!kind || !header.is_array() || !issues.is_object()) return Fail(Corrupt("batch.read"));
    b.source_kind = *kind;
    b.source = source;
    b.file_name = file_name;
    b.checksum = checksum;
    b.actor = actor;
    b.created_at_us = created_at;
    for (const auto& h : header) {
      if (!h.is_string()) return Fail(Corrupt("batch.read"));
      b.header.push_back(h.get<std::string>());
    }
    for (const auto& [code, n] : issues.items()) {
      if (!n.is_number_unsigned()) return Fail(Corrupt("batch.read"));
      b.issues[code] = n.get<std::uint64_t>();
    }
    b.read = static_cast<std::uint64_t>(read);
    b.accepted = static_cast<std::uint64_t>(accepted);
    b.quarantined = static_cast<std::uint64_t>(quarantined);
    b.updated = static_cast<std::uint64_t>(updated);
    b.unchanged = static_cast<std::uint64_t>(unchanged);
    b.status = status;
    return b;
  }
};

std::string IssuesJson(const std::map<std::string, std::uint64_t>& issues) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [code, n] : issues) j[code] = n;
  return j.dump();
}

Status Done(Result<std::monostate> result) {
  if (!result) return Fail(std::move(result.error()));
  return {};
}

}  // namespace

template <typename T, typename Body>
Result<T> SqlImportRepository::Run(std::string_view operation, Body&& body) {
  soci::session& session = *session_;
  bool open = false;
  auto undo = [&] {
    if (!open) return;
    try {
      ExecuteScript(session, engine_,
                    "ROLLBACK TO SAVEPOINT jaring_import; RELEASE SAVEPOINT jaring_import",
                    operation);
    } catch (const std::exception&) {
      // The transaction itself is then unusable; its Commit() reports it.
    }
  };
  try {
    ExecuteScript(session, engine_, "SAVEPOINT jaring_import", operation);
    open = true;
    Result<T> result = body(session);
    if (!result) {
      undo();
      return result;
    }
    ExecuteScript(session, engine_, "RELEASE SAVEPOINT jaring_import", operation);
    return result;
  } catch (const std::exception& e) {
    Error error = ErrorFromException(e, operation);
    undo();
    return Fail(std::move(error));
  }
}

Result<std::int64_t> SqlImportRepository::InsertBatch(const ImportBatch& batch) {
  if (auto ok = CheckRegency(batch.regency_code); !ok) return Fail(ok.error());
  return Run<std::int64_t>("imports.insert_batch", [&](soci::session& s) -> Result<std::int64_t> {
    std::string regency = batch.regency_code, kind(domain::ToCode(batch.source_kind)),
                source = batch.source, file = batch.file_name, checksum = batch.checksum,
                actor = batch.actor, header = nlohmann::json(batch.header).dump(),
                issues = IssuesJson(batch.issues), status = batch.status;
    long long created = batch.created_at_us != 0 ? batch.created_at_us : Micros(clock_->Now());
    long long read = static_cast<long long>(batch.read),
              accepted = static_cast<long long>(batch.accepted),
              quarantined = static_cast<long long>(batch.quarantined),
              updated = static_cast<long long>(batch.updated),
              unchanged = static_cast<long long>(batch.unchanged);
    long long id = 0;
    s << "INSERT INTO import_batches (regency_code, source_kind, source, file_name, checksum, "
         "actor, created_at, header_json, rows_read, rows_accepted, rows_quarantined, "
         "rows_updated, rows_unchanged, issues_json, status) VALUES (:r, :k, :s, :f, :c, :a, "
         ":t, :h, :n1, :n2, :n3, :n4, :n5, :i, :st) RETURNING id",
        use(regency), use(kind), use(source), use(file), use(checksum), use(actor), use(created),
        use(header), use(read), use(accepted), use(quarantined), use(updated), use(unchanged),
        use(issues), use(status), into(id);
    return static_cast<std::int64_t>(id);
  });
}

Status SqlImportRepository::FinishBatch(const ImportBatch& batch) {
  if (auto ok = CheckRegency(batch.regency_code); !ok) return Fail(ok.error());
  return Done(
      Run<std::monostate>("imports.finish_batch", [&](soci::session& s) -> Result<std::monostate> {
        std::string regency = batch.regency_code, issues = IssuesJson(batch.issues),
                    status = batch.status;
        long long id = batch.id, read = static_cast<long long>(batch.read),
                  accepted = static_cast<long long>(batch.accepted),
                  quarantined = static_cast<long long>(batch.quarantined),
                  updated = static_cast<long long>(batch.updated),
                  unchanged = static_cast<long long>(batch.unchanged);
        soci::statement st =
            (s.prepare << "UPDATE import_batches SET rows_read = :n1, rows_accepted = :n2, "
                          "rows_quarantined = :n3, rows_updated = :n4, rows_unchanged = :n5, "
                          "issues_json = :i, status = :st WHERE regency_code = :r AND id = :id",
             use(read), use(accepted), use(quarantined), use(updated), use(unchanged), use(issues),
             use(status), use(regency), use(id));
        st.execute(true);
        if (st.get_affected_rows() != 1) {
          return Fail(Error::NotFound("batch impor tidak ditemukan", "op=imports.finish_batch"));
        }
        return std::monostate{};
      }));
}

Result<ImportBatch> SqlImportRepository::GetBatch(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<ImportBatch>("imports.get_batch", [&](soci::session& s) -> Result<ImportBatch> {
    BatchRow row;
    std::string regency(regency_code);
    long long wanted = id;
    soci::details::prepare_temp_type prepare =
        (s.prepare << std::string("SELECT ") + kBatchColumns +
                          " FROM import_batches WHERE regency_code = :r AND id = :id");
    row.BindTo(prepare);
    prepare, use(regency), use(wanted);
    soci::statement st(prepare);
    if (!st.execute(true)) {
      return Fail(Error::NotFound("batch impor tidak ditemukan", "op=imports.get_batch"));
    }
    return row.ToBatch();
  });
}

Result<std::vector<ImportBatch>> SqlImportRepository::ListBatches(std::string_view regency_code,
                                                                  int limit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (limit < 0) return Fail(Error::InvalidArgument("batas halaman tidak sah", "limit < 0"));
  return Run<std::vector<ImportBatch>>(
      "imports.list_batches", [&](soci::session& s) -> Result<std::vector<ImportBatch>> {
        std::vector<ImportBatch> out;
        BatchRow row;
        std::string regency(regency_code);
        long long max_rows = limit;
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kBatchColumns +
                              " FROM import_batches WHERE regency_code = :r ORDER BY id DESC "
                              "LIMIT :l");
        row.BindTo(prepare);
        prepare, use(regency), use(max_rows);
        soci::statement st(prepare);
        st.execute();
        while (st.fetch()) {
          auto batch = row.ToBatch();
          if (!batch) return Fail(std::move(batch.error()));
          out.push_back(std::move(*batch));
        }
        return out;
      });
}

Status SqlImportRepository::InsertAliases(std::span<const WorkerAlias> aliases) {
  for (const auto& alias : aliases) {
    if (auto ok = CheckRegency(alias.regency_code); !ok) return Fail(ok.error());
  }
  if (aliases.empty()) return {};
  return Done(
      Run<std::monostate>("imports.insert_aliases", [&](soci::session& s) -> Result<std::monostate> {
        std::string regency, source, nik, source_id;
        long long batch = 0, line = 0;
        soci::statement st =
            (s.prepare << "INSERT INTO worker_aliases (regency_code, source, nik, source_id, "
                          "batch_id, line) VALUES (:r, :s, :n, :i, :b, :l) "
                          "ON CONFLICT (regency_code, source, nik, source_id) DO NOTHING",
             use(regency), use(source), use(nik), use(source_id), use(batch), use(line));
        for (const auto& alias : aliases) {
          regency = alias.regency_code;
          source = alias.source;
          nik = alias.nik;
          source_id = alias.source_id;
          batch = alias.batch_id;
          line = static_cast<long long>(alias.line);
          st.execute(true);
        }
        return std::monostate{};
      }));
}

Status SqlImportRepository::InsertQuarantine(std::span<const QuarantineRow> rows) {
  for (const auto& row : rows) {
    if (auto ok = CheckRegency(row.regency_code); !ok) return Fail(ok.error());
  }
  if (rows.empty()) return {};
  return Done(Run<std::monostate>(
      "imports.insert_quarantine", [&](soci::session& s) -> Result<std::monostate> {
        auto cells_json = [](const QuarantineRow& row) {
          return nlohmann::json(row.original_cells)
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        };
        if (engine_ == Engine::kPostgres) {
          // One COPY instead of a round trip per row (an import quarantines thousands).
          PostgresCopy copy(s,
                            "quarantine_rows (batch_id, regency_code, line, original_cells, "
                            "issues, resolved_at)",
                            "imports.insert_quarantine");
          for (const auto& row : rows) {
            copy.Field(std::to_string(row.batch_id));
            copy.Field(row.regency_code);
            copy.Field(std::to_string(row.line));
            copy.Field(cells_json(row));
            copy.Field(row.issues_json);
            if (row.resolved_at_us) {
              copy.Field(std::to_string(*row.resolved_at_us));
            } else {
              copy.Null();
            }
            copy.EndRow();
          }
          copy.Finish();
          return std::monostate{};
        }
        long long batch = 0, line = 0, resolved = 0;
        soci::indicator resolved_ind = soci::i_null;
        std::string regency, cells, issues;
        soci::statement st =
            (s.prepare << "INSERT INTO quarantine_rows (batch_id, regency_code, line, "
                          "original_cells, issues, resolved_at) VALUES (:b, :r, :l, :c, "
                          ":i, :t)",
             use(batch), use(regency), use(line), use(cells), use(issues),
             use(resolved, resolved_ind));
        for (const auto& row : rows) {
          batch = row.batch_id;
          regency = row.regency_code;
          line = static_cast<long long>(row.line);
          cells = cells_json(row);
          issues = row.issues_json;
          resolved_ind = row.resolved_at_us ? soci::i_ok : soci::i_null;
          resolved = row.resolved_at_us.value_or(0);
          st.execute(true);
        }
        return std::monostate{};
      }));
}

Result<std::vector<QuarantineRow>> SqlImportRepository::ListQuarantine(
    std::string_view regency_code, std::int64_t batch_id, std::int64_t after_id, int limit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (limit < 0) return Fail(Error::InvalidArgument("batas halaman tidak sah", "limit < 0"));
  return Run<std::vector<QuarantineRow>>(
      "imports.list_quarantine", [&](soci::session& s) -> Result<std::vector<QuarantineRow>> {
        std::vector<QuarantineRow> out;
        long long id = 0, batch = 0, line = 0, resolved = 0;
        soci::indicator resolved_ind = soci::i_null;
        std::string regency_out, cells, issues;
        std::string regency(regency_code);
        long long wanted_batch = batch_id, after = after_id, max_rows = limit;
        soci::statement st =
            (s.prepare << "SELECT id, batch_id, regency_code, line, original_cells, issues, "
                          "resolved_at FROM quarantine_rows WHERE regency_code = :r AND "
                          "batch_id = :b AND id > :a ORDER BY id LIMIT :l",
             into(id), into(batch), into(regency_out), into(line), into(cells), into(issues),
             into(resolved, resolved_ind), use(regency), use(wanted_batch), use(after),
             use(max_rows));
        st.execute();
        while (st.fetch()) {
          QuarantineRow row;
          row.id = id;
          row.batch_id = batch;
          row.regency_code = regency_out;
          row.line = static_cast<std::uint64_t>(line);
          auto parsed = nlohmann::json::parse(cells, nullptr, false);
          if (!parsed.is_array()) return Fail(Corrupt("imports.list_quarantine"));
          for (const auto& c : parsed) {
            if (!c.is_string()) return Fail(Corrupt("imports.list_quarantine"));
            row.original_cells.push_back(c.get<std::string>());
          }
          row.issues_json = issues;
          if (resolved_ind == soci::i_ok) row.resolved_at_us = resolved;
          out.push_back(std::move(row));
        }
        return out;
      });
}

Status SqlImportRepository::ForEachQuarantinedCellsOfSource(
    std::string_view regency_code, std::string_view source,
    const std::function<bool(const std::vector<std::string>& cells)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Done(Run<std::monostate>(
      "imports.quarantined_of_source", [&](soci::session& s) -> Result<std::monostate> {
        std::string cells_json;
        std::string regency(regency_code), wanted(source);
        soci::statement st =
            (s.prepare << "SELECT q.original_cells FROM quarantine_rows q JOIN import_batches b "
                          "ON b.id = q.batch_id WHERE q.regency_code = :r AND "
                          "b.regency_code = :r2 AND b.source = :s ORDER BY q.id",
             into(cells_json), use(regency), use(regency), use(wanted));
        st.execute();
        std::vector<std::string> cells;
        while (st.fetch()) {
          auto parsed = nlohmann::json::parse(cells_json, nullptr, false);
          if (!parsed.is_array()) return Fail(Corrupt("imports.quarantined_of_source"));
          cells.clear();
          for (const auto& c : parsed) {
            if (!c.is_string()) return Fail(Corrupt("imports.quarantined_of_source"));
            cells.push_back(c.get<std::string>());
          }
          if (!visit(cells)) break;
        }
        return std::monostate{};
      }));
}

Status SqlImportRepository::ForEachWorkerOfSource(
    std::string_view regency_code, std::string_view source,
    const std::function<bool(const domain::Worker&)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Done(Run<std::monostate>(
      "imports.workers_of_source", [&](soci::session& s) -> Result<std::monostate> {
        WorkerRow row;
        std::string regency(regency_code), wanted(source);
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kWorkerSelectColumns +
                              " FROM workers WHERE regency_code = :r AND source = :s"
                              " ORDER BY id");
        row.BindTo(prepare);
        prepare, use(regency), use(wanted);
        soci::statement st(prepare);
        st.execute();
        domain::Worker worker;
        while (st.fetch()) {
          if (auto read = row.ReadInto(worker); !read) return Fail(std::move(read.error()));
          if (!visit(worker)) break;
        }
        return std::monostate{};
      }));
}

Status SqlImportRepository::UpdateWorker(const domain::Worker& worker, std::int64_t batch_id) {
  if (auto ok = CheckRegency(worker.regency_code); !ok) return Fail(ok.error());
  // Bound by reference: the statement is prepared once and re-executed with new values.
  struct Values {
    std::string nik, kk, name, name_original, sex, birth_place, birth_date, address, village,
        district, occupation, phone, source, source_id, now, regency, name_key, has_issues;
    soci::indicator date_ind = soci::i_null;
    long long batch = 0, id = 0;
  };
  static thread_local Values v;  // the statement below binds to these
  return Done(
      Run<std::monostate>("imports.update_worker", [&](soci::session& s) -> Result<std::monostate> {
        v.nik = worker.nik;
        v.kk = worker.kk;
        v.name = worker.name;
        v.name_original = worker.name_original;
        v.sex = std::string(domain::ToCode(worker.sex));
        v.birth_place = worker.birth_place;
        v.date_ind = worker.birth_date.ok() ? soci::i_ok : soci::i_null;
        v.birth_date = worker.birth_date.ok() ? domain::FormatIsoDate(worker.birth_date) : "";
        v.address = worker.address;
        v.village = worker.village_code;
        v.district = DistrictOf(worker.village_code);
        v.occupation = worker.occupation;
        v.phone = worker.phone;
        v.source = worker.source;
        v.source_id = worker.source_id;
        // The derived search columns, computed exactly as WorkerRepository's insert does: a
        // re-imported name must be found by its new spelling, and the issue flag must follow
        // the new NIK, KK and birth date.
        v.name_key = NameSearchKey(worker.name);
        v.has_issues = domain::RecordHasIssues(worker) ? "1" : "0";
        v.now = FormatTimestamp(clock_->Now());
        v.regency = worker.regency_code;
        v.batch = batch_id;
        v.id = worker.id;
        if (!update_statement_) {
          update_statement_ = std::make_unique<soci::statement>(
              (s.prepare << "UPDATE workers SET nik = :nik, kk = :kk, name = :name, "
                            "name_original = :no, sex = :sex, birth_place = :bp, "
                            "birth_date = :bd, address = :ad, village_code = :vc, "
                            "district_code = :dc, occupation = :oc, phone = :ph, "
                            "source = :so, source_id = :si, updated_at = :now, "
                            "last_batch_id = :b, name_key = :nk, has_issues = :hi "
                            "WHERE regency_code = :r AND id = :id",
               use(v.nik), use(v.kk), use(v.name), use(v.name_original), use(v.sex),
               use(v.birth_place), use(v.birth_date, v.date_ind), use(v.address), use(v.village),
               use(v.district), use(v.occupation), use(v.phone), use(v.source), use(v.source_id),
               use(v.now),
               use(v.batch), use(v.name_key), use(v.has_issues), use(v.regency), use(v.id)));
        }
        update_statement_->execute(true);
        if (update_statement_->get_affected_rows() != 1) {
          return Fail(Error::NotFound("pekerja tidak ditemukan", "op=imports.update_worker"));
        }
        // The updated rows are not stamped: the lists in memory load the regency afresh.
        if (std::ranges::find(reloads_bumped_, worker.regency_code) == reloads_bumped_.end()) {
          BumpListVersion(s, worker.regency_code, ListChange::kReload);
          reloads_bumped_.push_back(worker.regency_code);
        }
        return std::monostate{};
      }));
}

Result<std::int64_t> SqlImportRepository::MaxWorkerId() {
  return Run<std::int64_t>("imports.max_worker_id", [&](soci::session& s) -> Result<std::int64_t> {
    long long max_id = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT MAX(id) FROM workers", into(max_id, ind);
    return ind == soci::i_ok ? static_cast<std::int64_t>(max_id) : std::int64_t{0};
  });
}

Result<std::int64_t> SqlImportRepository::LinkNewWorkers(std::string_view regency_code,
                                                         std::int64_t after_id,
                                                         std::int64_t batch_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::int64_t>("imports.link_new", [&](soci::session& s) -> Result<std::int64_t> {
    std::string regency(regency_code);
    long long after = after_id, batch = batch_id;
    soci::statement st = (s.prepare << "UPDATE workers SET last_batch_id = :b WHERE "
                                       "regency_code = :r AND id > :a AND last_batch_id IS NULL",
                          use(batch), use(regency), use(after));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

Result<std::optional<std::int64_t>> SqlImportRepository::LastBatchOf(std::string_view regency_code,
                                                                     std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::optional<std::int64_t>>(
      "imports.last_batch_of", [&](soci::session& s) -> Result<std::optional<std::int64_t>> {
        std::string regency(regency_code);
        long long id = worker_id, batch = 0;
        soci::indicator ind = soci::i_null;
        soci::statement st = (s.prepare << "SELECT last_batch_id FROM workers WHERE "
                                           "regency_code = :r AND id = :id",
                              into(batch, ind), use(regency), use(id));
        if (!st.execute(true)) {
          return Fail(Error::NotFound("pekerja tidak ditemukan", "op=imports.last_batch_of"));
        }
        if (ind != soci::i_ok) return std::optional<std::int64_t>();
        return std::optional<std::int64_t>(batch);
      });
}

Status SqlImportRepository::LockSource(std::string_view regency_code, std::string_view source) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (engine_ == Engine::kSqlite) return {};
  return Done(
      Run<std::monostate>("imports.lock_source", [&](soci::session& s) -> Result<std::monostate> {
        std::string key = std::string(regency_code) + "|" + std::string(source);
        s << "SELECT pg_advisory_xact_lock(hashtext(:k))", use(key);
        return std::monostate{};
      }));
}

}  // namespace jaring::storage::sql

// --- Fixing quarantined rows --------------------------------------------------------------

namespace jaring::storage::sql {

Result<QuarantineRow> SqlImportRepository::GetQuarantine(std::string_view regency_code,
                                                         std::int64_t row_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<QuarantineRow>(
      "imports.get_quarantine", [&](soci::session& s) -> Result<QuarantineRow> {
        long long id = 0, batch = 0, line = 0, resolved = 0;
        soci::indicator resolved_ind = soci::i_null;
        std::string regency_out, cells, issues;
        std::string regency(regency_code);
        long long wanted = row_id;
        soci::statement st =
            (s.prepare << "SELECT id, batch_id, regency_code, line, original_cells, issues, "
                          "resolved_at FROM quarantine_rows WHERE regency_code = :r AND id = :id",
             into(id), into(batch), into(regency_out), into(line), into(cells), into(issues),
             into(resolved, resolved_ind), use(regency), use(wanted));
        if (!st.execute(true)) {
          return Fail(
              Error::NotFound("baris karantina tidak ditemukan", "op=imports.get_quarantine"));
        }
        QuarantineRow row;
        row.id = id;
        row.batch_id = batch;
        row.regency_code = regency_out;
        row.line = static_cast<std::uint64_t>(line);
        auto parsed = nlohmann::json::parse(cells, nullptr, false);
        if (!parsed.is_array()) return Fail(Corrupt("imports.get_quarantine"));
        for (const auto& c : parsed) {
          if (!c.is_string()) return Fail(Corrupt("imports.get_quarantine"));
          row.original_cells.push_back(c.get<std::string>());
        }
        row.issues_json = issues;
        if (resolved_ind == soci::i_ok) row.resolved_at_us = resolved;
        return row;
      });
}

Status SqlImportRepository::ResolveQuarantine(std::string_view regency_code, std::int64_t row_id,
                                              std::int64_t resolved_at_us) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Done(Run<std::monostate>(
      "imports.resolve_quarantine", [&](soci::session& s) -> Result<std::monostate> {
        std::string regency(regency_code);
        long long id = row_id, at = resolved_at_us;
        soci::statement st =
            (s.prepare << "UPDATE quarantine_rows SET resolved_at = :t WHERE regency_code = :r "
                          "AND id = :id AND resolved_at IS NULL",
             use(at), use(regency), use(id));
        st.execute(true);
        if (st.get_affected_rows() == 1) return std::monostate{};
        long long found = 0;
        s << "SELECT COUNT(*) FROM quarantine_rows WHERE regency_code = :r AND id = :id",
            into(found), use(regency), use(id);
        if (found == 0) {
          return Fail(
              Error::NotFound("baris karantina tidak ditemukan", "op=imports.resolve_quarantine"));
        }
        return Fail(Error::FailedPrecondition("baris karantina ini sudah diperbaiki",
                                              "op=imports.resolve_quarantine"));
      }));
}

Result<std::map<std::int64_t, std::uint64_t>> SqlImportRepository::OpenQuarantineCounts(
    std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::map<std::int64_t, std::uint64_t>>(
      "imports.open_quarantine_counts",
      [&](soci::session& s) -> Result<std::map<std::int64_t, std::uint64_t>> {
        std::map<std::int64_t, std::uint64_t> out;
        std::string regency(regency_code);
        long long batch = 0, n = 0;
        soci::statement st =
            (s.prepare << "SELECT batch_id, COUNT(*) FROM quarantine_rows WHERE regency_code = "
                          ":r AND resolved_at IS NULL GROUP BY batch_id",
             into(batch), into(n), use(regency));
        st.execute();
        while (st.fetch()) out[batch] = static_cast<std::uint64_t>(n);
        return out;
      });
}

Result<std::optional<std::int64_t>> SqlImportRepository::FindWorkerOfSource(
    std::string_view regency_code, std::string_view source, std::string_view nik) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::optional<std::int64_t>>(
      "imports.find_worker_of_source",
      [&](soci::session& s) -> Result<std::optional<std::int64_t>> {
        std::string regency(regency_code), wanted_source(source), wanted_nik(nik);
        long long id = 0;
        soci::indicator ind = soci::i_null;
        s << "SELECT MIN(id) FROM workers WHERE regency_code = :r AND nik = :n AND source = :s",
            into(id, ind), use(regency), use(wanted_nik), use(wanted_source);
        if (ind != soci::i_ok) return std::optional<std::int64_t>();
        return std::optional<std::int64_t>(id);
      });
}

Status SqlImportRepository::LinkWorker(std::string_view regency_code, std::int64_t worker_id,
                                       std::int64_t batch_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Done(
      Run<std::monostate>("imports.link_worker", [&](soci::session& s) -> Result<std::monostate> {
        std::string regency(regency_code);
        long long id = worker_id, batch = batch_id;
        soci::statement st = (s.prepare << "UPDATE workers SET last_batch_id = :b WHERE "
                                           "regency_code = :r AND id = :id",
                              use(batch), use(regency), use(id));
        st.execute(true);
        if (st.get_affected_rows() != 1) {
          return Fail(Error::NotFound("pekerja tidak ditemukan", "op=imports.link_worker"));
        }
        return std::monostate{};
      }));
}

}  // namespace jaring::storage::sql
