// SqlVervalRepository, the month's extracts: batches, rows (inserted and rewritten in
// multi-row statements, streamed back in id order) and quarantine.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "storage/sql/connection.hpp"
#include "storage/sql/verval_common.hpp"
#include "storage/sql/verval_repository.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;
using verval::CheckDate;
using verval::CheckLimit;
using verval::CheckPeriod;
using verval::Corrupt;
using verval::DateValue;

Status CheckKind(std::string_view kind) {
  if (kind == "deaths" || kind == "members") return {};
  return Fail(Error::InvalidArgument("jenis ekstrak tidak sah", "expected deaths or members"));
}

Status CheckBatch(const ExtractBatch& batch) {
  if (auto ok = CheckRegency(batch.regency_code); !ok) return ok;
  if (auto ok = CheckKind(batch.kind); !ok) return ok;
  return CheckPeriod(batch.period);
}

std::string IssuesJson(const std::map<std::string, std::uint64_t>& issues) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [code, n] : issues) j[code] = n;
  return j.dump();
}

// The stored counts of a batch, bound by reference.
struct BatchCounts {
  long long read = 0, accepted = 0, quarantined = 0, unchanged = 0;
  std::string issues;
  explicit BatchCounts(const ExtractBatch& b)
      : read(static_cast<long long>(b.read)),
        accepted(static_cast<long long>(b.accepted)),
        quarantined(static_cast<long long>(b.quarantined)),
        unchanged(static_cast<long long>(b.unchanged)),
        issues(IssuesJson(b.issues)) {}
};

constexpr const char* kBatchColumns =
    "id, regency_code, kind, period, file_name, checksum, actor, created_at, header_json, "
    "rows_read, rows_accepted, rows_quarantined, rows_unchanged, issues_json";

struct BatchRow {
  long long id = 0, created_at = 0, read = 0, accepted = 0, quarantined = 0, unchanged = 0;
  std::string regency_code, kind, period, file_name, checksum, actor, header_json, issues_json;

  void BindTo(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency_code), into(kind), into(period), into(file_name),
        into(checksum), into(actor), into(created_at), into(header_json), into(read),
        into(accepted), into(quarantined), into(unchanged), into(issues_json);
  }

  Result<ExtractBatch> ToBatch() const {
    ExtractBatch b;
    auto header = nlohmann::json::parse(header_json, nullptr, false);
    auto issues = nlohmann::json::parse(issues_json, nullptr, false);
    if (!header.is_array() || !issues.is_object()) return Fail(Corrupt("verval.batch.read"));
    for (const auto& h : header) {
      if (!h.is_string()) return Fail(Corrupt("verval.batch.read"));
      b.header.push_back(h.get<std::string>());
    }
    for (const auto& [code, n] : issues.items()) {
      if (!n.is_number_unsigned()) return Fail(Corrupt("verval.batch.read"));
      b.issues[code] = n.get<std::uint64_t>();
    }
    b.id = id;
    b.regency_code = regency_code;
    b.kind = kind;
    b.period = period;
    b.file_name = file_name;
    b.checksum = checksum;
    b.actor = actor;
    b.created_at_us = created_at;
    b.read = static_cast<std::uint64_t>(read);
    b.accepted = static_cast<std::uint64_t>(accepted);
    b.quarantined = static_cast<std::uint64_t>(quarantined);
    b.unchanged = static_cast<std::uint64_t>(unchanged);
    return b;
  }
};

constexpr const char* kRowColumns =
    "id, regency_code, kind, period, row_key, batch_id, nik, name, sex, "
    "CAST(birth_date AS TEXT), CAST(death_date AS TEXT), village_code, kpj, segment";

// One extract row as bound to a statement, in either direction.
struct RowValues {
  long long id = 0, batch = 0;
  std::string regency, kind, period, row_key, nik, name, sex, village, kpj, segment;
  DateValue birth, death;

  void Set(const ExtractRow& r) {
    id = r.id;
    batch = r.batch_id;
    regency = r.regency_code;
    kind = r.kind;
    period = r.period;
    row_key = r.row_key;
    nik = r.nik;
    name = r.name;
    sex = r.sex;
    birth.Set(r.birth_date);
    death.Set(r.death_date);
    village = r.village_code;
    kpj = r.kpj;
    segment = r.segment;
  }

  ExtractRow Get() const {
    return ExtractRow{.id = id,
                      .regency_code = regency,
                      .kind = kind,
                      .period = period,
                      .row_key = row_key,
                      .batch_id = batch,
                      .nik = nik,
                      .name = name,
                      .sex = sex,
                      .birth_date = birth.Get(),
                      .death_date = death.Get(),
                      .village_code = village,
                      .kpj = kpj,
                      .segment = segment};
  }

  // kRowColumns.
  void BindInto(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency), into(kind), into(period), into(row_key), into(batch),
        into(nik), into(name), into(sex), into(birth.value, birth.indicator),
        into(death.value, death.indicator), into(village), into(kpj), into(segment);
  }
};

// The columns an insert writes, in kInsertColumns order.
struct InsertValues : RowValues {
  void BindTo(soci::details::prepare_temp_type& prepare, std::size_t) {
    prepare, use(regency), use(kind), use(period), use(row_key), use(batch), use(nik), use(name),
        use(sex), use(birth.value, birth.indicator), use(death.value, death.indicator),
        use(village), use(kpj), use(segment);
  }
};
constexpr const char* kInsertColumns =
    "regency_code, kind, period, row_key, batch_id, nik, name, sex, birth_date, death_date, "
    "village_code, kpj, segment";

// The columns an update rewrites, as the VALUES list of UpdateSql names them.
struct UpdateValues : RowValues {
  void BindTo(soci::details::prepare_temp_type& prepare, std::size_t) {
    prepare, use(id), use(batch), use(nik), use(name), use(sex), use(birth.value, birth.indicator),
        use(death.value, death.indicator), use(village), use(kpj), use(segment);
  }
};

// The tenancy test of a statement that finds its rows by id. Written so that no index can
// serve it: without statistics (a month's rows just stored) PostgreSQL takes a regency for a
// small part of the table, and read all of the regency's million rows through its index to
// join 1,000 ids, instead of looking each id up (2.6 s a statement instead of 0.5 s, measured).
constexpr const char* kRegencyGuard = "(extract_rows.regency_code = :r) IS TRUE";

// The rewrite of `rows` rows, bound as UpdateValues then the regency.
std::string UpdateSql(Engine engine, std::size_t rows) {
  const std::string_view date = verval::DateCell(engine);
  const std::string_view cells[] = {
      "CAST(? AS BIGINT)", "CAST(? AS BIGINT)", "?", "?", "?", date, date, "?", "?", "?"};
  return "UPDATE extract_rows SET batch_id = v.column2, nik = v.column3, name = v.column4, "
         "sex = v.column5, birth_date = v.column6, death_date = v.column7, "
         "village_code = v.column8, kpj = v.column9, segment = v.column10, "
         "withdrawn_batch_id = NULL FROM (VALUES " +
         ParameterRows(engine, rows, cells) +
         ") AS v WHERE extract_rows.id = v.column1 AND " + kRegencyGuard;
}

// Rows per multi-row statement: 13,000 parameters, below SQLite's 32,766 and PostgreSQL's
// 65,535. On PostgreSQL a statement is a round trip. On SQLite, writing a table with foreign
// keys opens a statement journal per statement inside the call's savepoint, and releasing one
// walks the savepoint's whole in-memory journal: rewriting 10,000 rows one statement each took
// 1.3 s of CPU on a table of 100,000, ten times the batched rewrite, and grows quadratically.
constexpr std::size_t kRowsPerStatement = 1000;

// Every batch the rows name must be one of the regency's, of their kind and month: what a
// foreign key would check, and the regency too (0009 has none on extract_rows, see there). One
// query per distinct batch, usually one per call.
Status CheckBatchesOf(soci::session& s, const std::vector<const ExtractRow*>& rows) {
  std::set<std::tuple<std::int64_t, std::string, std::string>> batches;
  for (const ExtractRow* row : rows) batches.emplace(row->batch_id, row->kind, row->period);
  std::string regency = rows.empty() ? std::string() : rows.front()->regency_code;
  for (const auto& [id, kind, period] : batches) {
    long long wanted = id, found = 0;
    std::string k = kind, p = period;
    s << "SELECT COUNT(*) FROM extract_batches WHERE regency_code = :r AND id = :id AND "
         "kind = :k AND period = :p",
        into(found), use(regency), use(wanted), use(k), use(p);
    if (found == 0) {
      return Fail(Error::InvalidArgument("batch ekstrak tidak ditemukan",
                                         "op=verval.save_rows: no such batch of this regency, "
                                         "kind and period"));
    }
  }
  return {};
}

}  // namespace

Result<std::int64_t> SqlVervalRepository::InsertExtractBatch(const ExtractBatch& batch) {
  if (auto ok = CheckBatch(batch); !ok) return Fail(ok.error());
  return Run<std::int64_t>("verval.insert_batch", [&](soci::session& s) -> Result<std::int64_t> {
    std::string regency = batch.regency_code, kind = batch.kind, period = batch.period,
                file = batch.file_name, checksum = batch.checksum, actor = batch.actor,
                header = nlohmann::json(batch.header).dump();
    BatchCounts counts(batch);
    long long created = batch.created_at_us != 0 ? batch.created_at_us : NowMicros();
    long long id = 0;
    s << "INSERT INTO extract_batches (regency_code, kind, period, file_name, checksum, actor, "
         "created_at, header_json, rows_read, rows_accepted, rows_quarantined, rows_unchanged, "
         "issues_json) VALUES (:r, :k, :p, :f, :c, :a, :t, :h, :n1, :n2, :n3, :n4, :i) "
         "RETURNING id",
        use(regency), use(kind), use(period), use(file), use(checksum), use(actor), use(created),
        use(header), use(counts.read), use(counts.accepted), use(counts.quarantined),
        use(counts.unchanged), use(counts.issues), into(id);
    return static_cast<std::int64_t>(id);
  });
}

Status SqlVervalRepository::FinishExtractBatch(const ExtractBatch& batch) {
  if (auto ok = CheckRegency(batch.regency_code); !ok) return ok;
  return InSavepoint("verval.finish_batch", [&](soci::session& s) -> Status {
    std::string regency = batch.regency_code;
    BatchCounts counts(batch);
    long long id = batch.id;
    soci::statement st =
        (s.prepare << "UPDATE extract_batches SET rows_read = :n1, rows_accepted = :n2, "
                      "rows_quarantined = :n3, rows_unchanged = :n4, issues_json = :i "
                      "WHERE regency_code = :r AND id = :id",
         use(counts.read), use(counts.accepted), use(counts.quarantined), use(counts.unchanged),
         use(counts.issues), use(regency), use(id));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return Fail(Error::NotFound("batch ekstrak tidak ditemukan", "op=verval.finish_batch"));
    }
    return {};
  });
}

Result<std::vector<ExtractBatch>> SqlVervalRepository::ListExtractBatches(
    std::string_view regency_code, std::string_view period, int limit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (!period.empty()) {
    if (auto ok = CheckPeriod(period); !ok) return Fail(ok.error());
  }
  if (auto ok = CheckLimit(limit); !ok) return Fail(ok.error());
  return Run<std::vector<ExtractBatch>>(
      "verval.list_batches", [&](soci::session& s) -> Result<std::vector<ExtractBatch>> {
        std::vector<ExtractBatch> out;
        BatchRow row;
        std::string regency(regency_code), wanted(period);
        long long max_rows = limit;
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kBatchColumns +
                              " FROM extract_batches WHERE regency_code = :r" +
                              (period.empty() ? "" : " AND period = :p") +
                              " ORDER BY id DESC LIMIT :l");
        row.BindTo(prepare);
        prepare, use(regency);
        if (!period.empty()) prepare, use(wanted);
        prepare, use(max_rows);
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

Status SqlVervalRepository::ForEachExtractRow(std::string_view regency_code, std::string_view kind,
                                              std::string_view period,
                                              const std::function<bool(const ExtractRow&)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  if (auto ok = CheckKind(kind); !ok) return ok;
  if (auto ok = CheckPeriod(period); !ok) return ok;
  return InSavepoint("verval.extract_rows", [&](soci::session& s) -> Status {
    std::string regency(regency_code), wanted_kind(kind), wanted_period(period);
    RowValues row;
    return verval::StreamRows(
        s, engine_,
        std::string("SELECT ") + kRowColumns +
            " FROM extract_rows WHERE regency_code = :r AND kind = :k AND period = :p AND "
            "withdrawn_batch_id IS NULL ORDER BY id",
        [&](soci::details::prepare_temp_type& p) {
          p, use(regency), use(wanted_kind), use(wanted_period);
        },
        [&](soci::details::prepare_temp_type& p) { row.BindInto(p); },
        [&]() -> Result<bool> { return visit(row.Get()); });
  });
}

Status SqlVervalRepository::SaveExtractRows(std::span<const ExtractRow> rows) {
  if (rows.empty()) return {};
  const std::string& regency = rows.front().regency_code;
  if (auto ok = CheckRegency(regency); !ok) return ok;
  std::vector<const ExtractRow*> inserts, updates;
  for (const ExtractRow& row : rows) {
    if (row.regency_code != regency) {
      return Fail(Error::InvalidArgument("baris ekstrak dari beberapa kabupaten/kota",
                                         "op=verval.save_rows: one regency per call"));
    }
    if (auto ok = CheckKind(row.kind); !ok) return ok;
    if (auto ok = CheckPeriod(row.period); !ok) return ok;
    if (auto ok = CheckDate(row.birth_date, "birth_date"); !ok) return ok;
    if (auto ok = CheckDate(row.death_date, "death_date"); !ok) return ok;
    if (row.row_key.empty()) {
      return Fail(Error::InvalidArgument("kunci baris ekstrak kosong", "op=verval.save_rows"));
    }
    (row.id == 0 ? inserts : updates).push_back(&row);
  }
  return InSavepoint("verval.save_rows", [&](soci::session& s) -> Status {
    if (auto ok = CheckBatchesOf(s, inserts); !ok) return ok;
    if (auto ok = CheckBatchesOf(s, updates); !ok) return ok;
    verval::SqliteBulkCache cache(s, engine_);
    ForEachBatch<InsertValues>(
        s, inserts.size(), kRowsPerStatement,
        [&](std::size_t i, InsertValues& v) { v.Set(*inserts[i]); },
        [&](std::size_t n) {
          static constexpr std::string_view kCells[13] = {"?", "?", "?", "?", "?", "?", "?",
                                                          "?", "?", "?", "?", "?", "?"};
          return std::string("INSERT INTO extract_rows (") + kInsertColumns + ") VALUES " +
                 ParameterRows(engine_, n, kCells);
        },
        [](soci::details::prepare_temp_type&) {},
        [](soci::statement& st, std::size_t, std::size_t) { st.execute(true); });
    std::string regency_value = regency;
    bool missing = false;
    ForEachBatch<UpdateValues>(
        s, updates.size(), kRowsPerStatement,
        [&](std::size_t i, UpdateValues& v) { v.Set(*updates[i]); },
        [&](std::size_t n) { return UpdateSql(engine_, n); },
        [&](soci::details::prepare_temp_type& p) { p, use(regency_value); },
        [&](soci::statement& st, std::size_t, std::size_t n) {
          st.execute(true);
          missing = missing || st.get_affected_rows() != static_cast<long long>(n);
        });
    if (missing) {
      return Fail(Error::NotFound("baris ekstrak tidak ditemukan", "op=verval.save_rows"));
    }
    return {};
  });
}

Status SqlVervalRepository::WithdrawExtractRows(std::string_view regency_code,
                                                std::int64_t batch_id,
                                                std::span<const std::int64_t> row_ids) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  std::vector<std::int64_t> ids(row_ids.begin(), row_ids.end());
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return {};
  return InSavepoint("verval.withdraw_rows", [&](soci::session& s) -> Status {
    std::string regency(regency_code);
    long long batch = batch_id, found = 0;
    s << "SELECT COUNT(*) FROM extract_batches WHERE regency_code = :r AND id = :id", into(found),
        use(regency), use(batch);
    if (found == 0) {
      return Fail(Error::InvalidArgument("batch ekstrak tidak ditemukan",
                                         "op=verval.withdraw_rows: no such batch of this regency"));
    }
    for (std::size_t first = 0; first < ids.size(); first += kRowsPerStatement) {
      const auto chunk =
          std::span(ids).subspan(first, std::min(kRowsPerStatement, ids.size() - first));
      soci::statement st =
          (s.prepare << "UPDATE extract_rows SET withdrawn_batch_id = :b WHERE id IN (" +
                            verval::IdList(chunk) + ") AND " + kRegencyGuard,
           use(batch), use(regency));
      st.execute(true);
      if (st.get_affected_rows() != static_cast<long long>(chunk.size())) {
        return Fail(Error::NotFound("baris ekstrak tidak ditemukan", "op=verval.withdraw_rows"));
      }
    }
    return {};
  });
}

Result<ExtractRow> SqlVervalRepository::GetExtractRow(std::string_view regency_code,
                                                      std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<ExtractRow>("verval.get_row", [&](soci::session& s) -> Result<ExtractRow> {
    RowValues row;
    if (!verval::FetchById(s, std::string("SELECT ") + kRowColumns + " FROM extract_rows",
                           regency_code, id,
                           [&](soci::details::prepare_temp_type& p) { row.BindInto(p); })) {
      return Fail(Error::NotFound("baris ekstrak tidak ditemukan", "op=verval.get_row"));
    }
    return row.Get();
  });
}

namespace {

struct QuarantineValues {
  long long batch = 0, line = 0;
  std::string regency, cells, issues;
  void Set(const ExtractQuarantineRow& row) {
    batch = row.batch_id;
    line = static_cast<long long>(row.line);
    regency = row.regency_code;
    cells = nlohmann::json(row.original_cells)
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    issues = row.issues_json;
  }
  void BindTo(soci::details::prepare_temp_type& prepare, std::size_t) {
    prepare, use(batch), use(regency), use(line), use(cells), use(issues);
  }
};

}  // namespace

Status SqlVervalRepository::InsertExtractQuarantine(std::span<const ExtractQuarantineRow> rows) {
  for (const auto& row : rows) {
    if (auto ok = CheckRegency(row.regency_code); !ok) return ok;
  }
  if (rows.empty()) return {};
  return InSavepoint("verval.insert_quarantine", [&](soci::session& s) -> Status {
    ForEachBatch<QuarantineValues>(
        s, rows.size(), kRowsPerStatement,
        [&](std::size_t i, QuarantineValues& v) { v.Set(rows[i]); },
        [&](std::size_t n) {
          static constexpr std::string_view kCells[5] = {"?", "?", "?", "?", "?"};
          return "INSERT INTO extract_quarantine (batch_id, regency_code, line, original_cells, "
                 "issues) VALUES " +
                 ParameterRows(engine_, n, kCells);
        },
        [](soci::details::prepare_temp_type&) {},
        [](soci::statement& st, std::size_t, std::size_t) { st.execute(true); });
    return {};
  });
}

Result<std::vector<ExtractQuarantineRow>> SqlVervalRepository::ListExtractQuarantine(
    std::string_view regency_code, std::int64_t batch_id, std::int64_t after_id, int limit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckLimit(limit); !ok) return Fail(ok.error());
  return Run<std::vector<ExtractQuarantineRow>>(
      "verval.list_quarantine", [&](soci::session& s) -> Result<std::vector<ExtractQuarantineRow>> {
        std::vector<ExtractQuarantineRow> out;
        long long id = 0, batch = 0, line = 0;
        std::string regency_out, cells, issues;
        std::string regency(regency_code);
        long long wanted = batch_id, after = after_id, max_rows = limit;
        soci::statement st =
            (s.prepare << "SELECT id, batch_id, regency_code, line, original_cells, issues "
                          "FROM extract_quarantine WHERE regency_code = :r AND batch_id = :b "
                          "AND id > :a ORDER BY id LIMIT :l",
             into(id), into(batch), into(regency_out), into(line), into(cells), into(issues),
             use(regency), use(wanted), use(after), use(max_rows));
        st.execute();
        while (st.fetch()) {
          ExtractQuarantineRow row{.id = id,
                                   .batch_id = batch,
                                   .regency_code = regency_out,
                                   .line = static_cast<std::uint64_t>(line),
                                   .original_cells = {},
                                   .issues_json = issues};
          auto parsed = nlohmann::json::parse(cells, nullptr, false);
          if (!parsed.is_array()) return Fail(Corrupt("verval.list_quarantine"));
          for (const auto& c : parsed) {
            if (!c.is_string()) return Fail(Corrupt("verval.list_quarantine"));
            row.original_cells.push_back(c.get<std::string>());
          }
          out.push_back(std::move(row));
        }
        return out;
      });
}

}  // namespace jaring::storage::sql
