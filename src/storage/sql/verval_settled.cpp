// SqlVervalRepository, the registry as verval reads and changes it (a regency's workers
// streamed with verval's columns, a decision applied to one worker, the few fields of other
// regencies' workers) and the settled months with their members.
#include <algorithm>
#include <unordered_set>

#include "domain/date_format.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/verval_common.hpp"
#include "storage/sql/verval_repository.hpp"
#include "storage/sql/worker_list_cache.hpp"
#include "storage/sql/worker_rows.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;
using verval::Base64;
using verval::CheckDate;
using verval::CheckJson;
using verval::CheckPeriod;
using verval::Corrupt;
using verval::DateValue;
using verval::FromBase64;
using verval::ParseTimestampMicros;

// The registry columns of import_repository.cpp's kWorkerColumns, then verval's own. updated_at
// is read as stored: the text FormatTimestamp wrote on SQLite, the same format from
// PostgreSQL's TIMESTAMPTZ.
std::string RecordColumns(Engine engine) {
  return std::string(
             "id, regency_code, nik, kk, name, name_original, sex, birth_place, "
             "CAST(birth_date AS TEXT), address, village_code, occupation, phone, status, source, "
             "source_id, CAST(death_date AS TEXT), merged_into, removed_reason, ") +
         (engine == Engine::kSqlite
              ? "updated_at"
              : "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
}

struct RecordRow {
  long long id = 0, merged_into = 0;
  std::string regency, nik, kk, name, name_original, sex, birth_place, address, village, occupation,
      phone, status, source, source_id, removed_reason, updated_at;
  DateValue birth, death;
  soci::indicator merged_indicator = soci::i_null;

  void BindTo(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency), into(nik), into(kk), into(name), into(name_original),
        into(sex), into(birth_place), into(birth.value, birth.indicator), into(address),
        into(village), into(occupation), into(phone), into(status), into(source), into(source_id),
        into(death.value, death.indicator), into(merged_into, merged_indicator),
        into(removed_reason), into(updated_at);
  }

  // Fills `out` (reused across a stream: its strings keep their capacity).
  Status ToRecord(RegistryRecord& out) const {
    auto parsed_sex = domain::SexFromCode(sex);
    auto parsed_status = domain::WorkerStatusFromCode(status);
    Result<std::chrono::year_month_day> date = std::chrono::year_month_day{};
    if (birth.indicator == soci::i_ok) date = domain::ParseIsoDate(birth.value);
    if (!parsed_sex || !parsed_status || !date) return Fail(Corrupt("verval.registry.read"));
    domain::Worker& w = out.worker;
    w.id = id;
    w.regency_code = regency;
    w.nik = nik;
    w.kk = kk;
    w.name = name;
    w.name_original = name_original;
    w.sex = *parsed_sex;
    w.birth_place = birth_place;
    w.birth_date = *date;
    w.address = address;
    w.village_code = village;
    w.occupation = occupation;
    w.phone = phone;
    w.status = *parsed_status;
    w.source = source;
    out.source_id = w.source_id = source_id;
    out.death_date = death.Get();
    out.merged_into = merged_indicator == soci::i_ok ? merged_into : 0;
    out.removed_reason = removed_reason;
    auto micros = ParseTimestampMicros(updated_at);
    if (!micros) return Fail(Corrupt("registry.updated_at"));
    out.updated_at_us = *micros;
    return {};
  }
};

constexpr const char* kSettledColumns =
    "id, regency_code, period, version, run_id, actor, settled_at, persons, rows_listed, "
    "checksum, counts_json, sources_json, minutes_checksum";

struct SettledRow {
  long long id = 0, run_id = 0, settled_at = 0, persons = 0, rows_listed = 0;
  int version = 0;
  std::string regency, period, actor, checksum, counts, sources, minutes;

  void BindTo(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency), into(period), into(version), into(run_id), into(actor),
        into(settled_at), into(persons), into(rows_listed), into(checksum), into(counts),
        into(sources), into(minutes);
  }
  SettledMonth Get() const {
    return SettledMonth{.id = id,
                        .regency_code = regency,
                        .period = period,
                        .version = version,
                        .run_id = run_id,
                        .actor = actor,
                        .settled_at_us = settled_at,
                        .persons = static_cast<std::uint64_t>(persons),
                        .rows_listed = static_cast<std::uint64_t>(rows_listed),
                        .checksum = checksum,
                        .counts_json = counts,
                        .sources_json = sources,
                        .minutes_checksum = minutes};
  }
};

// Members per INSERT: worker ids are integers, written as literals.
constexpr std::size_t kMembersPerStatement = 5000;

}  // namespace

// --- Registry ----------------------------------------------------------------------------------

Status SqlVervalRepository::ForEachRegistryRecord(
    std::string_view regency_code, const std::function<bool(const RegistryRecord&)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return InSavepoint("verval.registry", [&](soci::session& s) -> Status {
    std::string regency(regency_code);
    RecordRow row;
    RegistryRecord record;
    return verval::StreamRows(
        s, engine_,
        "SELECT " + RecordColumns(engine_) + " FROM workers WHERE regency_code = :r ORDER BY id",
        [&](soci::details::prepare_temp_type& p) { p, use(regency); },
        [&](soci::details::prepare_temp_type& p) { row.BindTo(p); },
        [&]() -> Result<bool> {
          if (auto ok = row.ToRecord(record); !ok) return Fail(std::move(ok.error()));
          return visit(record);
        });
  });
}

Result<RegistryRecord> SqlVervalRepository::GetRegistryRecord(std::string_view regency_code,
                                                              std::int64_t worker_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<RegistryRecord>("verval.get_record", [&](soci::session& s) -> Result<RegistryRecord> {
    RecordRow row;
    if (!verval::FetchById(s, "SELECT " + RecordColumns(engine_) + " FROM workers", regency_code,
                           worker_id,
                           [&](soci::details::prepare_temp_type& p) { row.BindTo(p); })) {
      return Fail(Error::NotFound("pekerja tidak ditemukan", "op=verval.get_record"));
    }
    RegistryRecord record;
    if (auto ok = row.ToRecord(record); !ok) return Fail(std::move(ok.error()));
    return record;
  });
}

namespace {

// The bound cells of one worker's change: (id, status, death_date, merged_into, reason, now).
struct ChangeValues {
  long long id = 0, merged_into = 0;
  std::string status, reason, now;
  DateValue death;
  soci::indicator merged_ind = soci::i_null;

  void Set(const WorkerStatusChange& c, const std::string& at) {
    using enum domain::WorkerStatus;
    id = c.worker_id;
    status = domain::ToCode(c.change.status);
    death.Set(c.change.status == kDeceased ? c.change.death_date : std::string_view());
    const bool merged = c.change.status == kRemoved && c.change.merged_into != 0;
    merged_into = c.change.merged_into;
    merged_ind = merged ? soci::i_ok : soci::i_null;
    reason = c.change.status == kRemoved ? c.change.removed_reason : std::string();
    now = at;
  }
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(id), use(status), use(death.value, death.indicator), use(merged_into, merged_ind),
        use(reason), use(now);
  }
};

constexpr std::size_t kChangesPerStatement = 500;

}  // namespace

Status SqlVervalRepository::ChangeWorkers(std::string_view regency_code,
                                          std::span<const WorkerStatusChange> changes) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  using enum domain::WorkerStatus;
  std::unordered_set<std::int64_t> workers;
  std::vector<std::int64_t> targets;  // the surviving records of merges
  for (const WorkerStatusChange& c : changes) {
    if (c.change.status == kDeceased) {
      if (auto ok = CheckDate(c.change.death_date, "death_date"); !ok) return ok;
    }
    if (!workers.insert(c.worker_id).second) {
      return Fail(Error::InvalidArgument("pekerja tercantum dua kali",
                                         "op=verval.change_worker: duplicate worker id"));
    }
    if (c.change.status == kRemoved && c.change.merged_into != 0) {
      if (c.change.merged_into == c.worker_id) {
        return Fail(Error::InvalidArgument("pekerja tidak dapat digabung ke dirinya sendiri",
                                           "op=verval.change_worker"));
      }
      targets.push_back(c.change.merged_into);
    }
  }
  if (changes.empty()) return {};
  std::ranges::sort(targets);
  targets.erase(std::ranges::unique(targets).begin(), targets.end());
  return InSavepoint("verval.change_worker", [&](soci::session& s) -> Status {
    const std::string regency(regency_code), now = FormatTimestamp(clock_->Now());
    // Stamped for the lists in memory (worker_list_cache.hpp).
    const std::string stamp = std::to_string(BumpListVersion(s, regency_code, ListChange::kRows));
    // Every surviving record must be one of this regency's workers.
    for (std::size_t first = 0; first < targets.size(); first += kChangesPerStatement) {
      const auto some =
          std::span(targets).subspan(first, std::min(kChangesPerStatement, targets.size() - first));
      long long found = 0;
      // Counted by id (WorkerRegencyTest): on SQLite the regency's index would otherwise
      // cover the count, and all of a regency's entries were read (72 ms at 1,000,000).
      s << "SELECT COUNT(*) FROM workers WHERE " + std::string(WorkerRegencyTest(engine_)) +
               " = :r AND id IN (" + verval::IdList(some) + ")",
          into(found), use(regency);
      if (static_cast<std::size_t>(found) != some.size()) {
        return Fail(Error::InvalidArgument("pekerja tujuan penggabungan tidak ditemukan",
                                           "op=verval.change_worker"));
      }
    }
    // SQLite: one worker per statement (in-process, and its statement journal stays small);
    // PostgreSQL: a few hundred, one round trip each.
    const std::string cells[6] = {
        "CAST(? AS BIGINT)", "?", std::string(verval::DateCell(engine_)),
        "CAST(? AS BIGINT)", "?", engine_ == Engine::kPostgres ? "CAST(? AS TIMESTAMPTZ)" : "?"};
    const std::string_view cell_views[6] = {cells[0], cells[1], cells[2],
                                            cells[3], cells[4], cells[5]};
    std::size_t changed = 0;
    ForEachBatch<ChangeValues>(
        s, changes.size(), engine_ == Engine::kSqlite ? 1 : kChangesPerStatement,
        [&](std::size_t i, ChangeValues& v) { v.Set(changes[i], now); },
        [&](std::size_t rows) -> std::string {
          // SQLite: a plain one-row UPDATE by key. An UPDATE ... FROM may change several rows,
          // so SQLite opens a statement journal for it inside the call's savepoint, and
          // releasing each walks the savepoint's whole journal: 15,000 changes took 14 s.
          // Numbered parameters keep the cells' binding order (id first).
          if (engine_ == Engine::kSqlite) {
            return "UPDATE workers SET status = ?2, death_date = ?3, merged_into = ?4, "
                   "removed_reason = ?5, updated_at = ?6, list_version = " +
                   stamp + " WHERE regency_code = ?7 AND id = ?1";
          }
          return "WITH v (id, s, d, m, rr, t) AS (VALUES " +
                 ParameterRows(engine_, rows, cell_views) +
                 ") UPDATE workers SET status = v.s, death_date = v.d, merged_into = v.m, "
                 "removed_reason = v.rr, updated_at = v.t, list_version = " +
                 stamp + " FROM v WHERE workers.regency_code = :r "
                 "AND workers.id = v.id";
        },
        [&](soci::details::prepare_temp_type& p) { p, use(regency); },
        [&](soci::statement& st, std::size_t, std::size_t) {
          st.execute(true);
          changed += static_cast<std::size_t>(st.get_affected_rows());
        });
    if (changed != changes.size()) {
      return Fail(Error::NotFound("pekerja tidak ditemukan", "op=verval.change_worker"));
    }
    return {};
  });
}

Status SqlVervalRepository::ForEachPersonOutside(
    std::string_view regency_code, const std::function<bool(const OutsidePerson&)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return InSavepoint("verval.outside", [&](soci::session& s) -> Status {
    std::string regency(regency_code);
    OutsidePerson person;
    DateValue birth;
    return verval::StreamRows(
        s, engine_,
        "SELECT regency_code, nik, name, sex, CAST(birth_date AS TEXT) FROM workers WHERE "
        "regency_code <> :r AND status <> 'dikeluarkan' ORDER BY id",
        [&](soci::details::prepare_temp_type& p) { p, use(regency); },
        [&](soci::details::prepare_temp_type& p) {
          p, into(person.regency_code), into(person.nik), into(person.name), into(person.sex),
              into(birth.value, birth.indicator);
        },
        [&]() -> Result<bool> {
          person.birth_date = birth.Get();
          return visit(person);
        });
  });
}

Status SqlVervalRepository::ForEachAlias(
    std::string_view regency_code,
    const std::function<bool(const std::string& source_id, std::int64_t worker_id)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return InSavepoint("verval.aliases", [&](soci::session& s) -> Status {
    std::string regency(regency_code), source_id;
    long long worker_id = 0;
    soci::indicator found = soci::i_null;
    // The worker merged into: the first of (regency, source, NIK), as the import's identity.
    return verval::StreamRows(
        s, engine_,
        "SELECT a.source_id, (SELECT MIN(w.id) FROM workers w WHERE w.regency_code = "
        "a.regency_code AND w.source = a.source AND w.nik = a.nik) FROM worker_aliases a "
        "WHERE a.regency_code = :r ORDER BY a.id",
        [&](soci::details::prepare_temp_type& p) { p, use(regency); },
        [&](soci::details::prepare_temp_type& p) { p, into(source_id), into(worker_id, found); },
        [&]() -> Result<bool> { return visit(source_id, found == soci::i_ok ? worker_id : 0); });
  });
}

// --- Settled months ----------------------------------------------------------------------------

Result<SettledMonth> SqlVervalRepository::InsertSettled(const SettledMonth& month,
                                                        std::span<const std::int64_t> worker_ids) {
  if (auto ok = CheckRegency(month.regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckPeriod(month.period); !ok) return Fail(ok.error());
  if (auto ok = CheckJson(month.counts_json, "counts_json"); !ok) return Fail(ok.error());
  if (auto ok = CheckJson(month.sources_json, "sources_json"); !ok) return Fail(ok.error());
  std::vector<std::int64_t> members(worker_ids.begin(), worker_ids.end());
  std::ranges::sort(members);  // the primary key's order: the inserts append
  if (std::ranges::adjacent_find(members) != members.end()) {
    return Fail(Error::InvalidArgument("pekerja tercantum dua kali dalam daftar",
                                       "op=verval.insert_settled: duplicate worker id"));
  }
  return Run<SettledMonth>("verval.insert_settled", [&](soci::session& s) -> Result<SettledMonth> {
    SettledMonth out = month;
    if (out.settled_at_us == 0) out.settled_at_us = NowMicros();
    std::string regency = out.regency_code, period = out.period, actor = out.actor,
                checksum = out.checksum, counts = out.counts_json, sources = out.sources_json,
                minutes = out.minutes_checksum;
    int newest = 0;
    s << "SELECT COALESCE(MAX(version), 0) FROM settled_months WHERE regency_code = :r AND "
         "period = :p",
        into(newest), use(regency), use(period);
    out.version = newest + 1;
    long long run = out.run_id, at = out.settled_at_us,
              persons = static_cast<long long>(out.persons),
              rows_listed = static_cast<long long>(out.rows_listed), id = 0;
    s << "INSERT INTO settled_months (regency_code, period, version, run_id, actor, settled_at, "
         "persons, rows_listed, checksum, counts_json, sources_json, minutes_checksum) VALUES "
         "(:r, :p, :v, :run, :a, :t, :n, :l, :c, :cj, :sj, :m) RETURNING id",
        use(regency), use(period), use(out.version), use(run), use(actor), use(at), use(persons),
        use(rows_listed), use(checksum), use(counts), use(sources), use(minutes), into(id);
    out.id = id;
    const std::string settled = std::to_string(id);
    for (std::size_t first = 0; first < members.size(); first += kMembersPerStatement) {
      const std::size_t n = std::min(kMembersPerStatement, members.size() - first);
      std::string sql = "INSERT INTO settled_members (settled_id, worker_id) VALUES ";
      sql.reserve(sql.size() + n * (settled.size() + 16));
      sql += ValuesRows(
          n, [&](std::size_t row) { return settled + "," + std::to_string(members[first + row]); });
      s << sql;
    }
    return out;
  });
}

Status SqlVervalRepository::SetMinutes(std::string_view regency_code, std::int64_t settled_id,
                                       std::string_view checksum, std::string_view pdf) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return InSavepoint("verval.minutes", [&](soci::session& s) -> Status {
    std::string regency(regency_code), value(checksum), encoded = Base64(pdf);
    long long id = settled_id;
    soci::statement st = (s.prepare << "UPDATE settled_months SET minutes_checksum = :c, "
                                       "minutes_pdf = :p WHERE regency_code = :r AND id = :id "
                                       "AND minutes_checksum = ''",
                          use(value), use(encoded), use(regency), use(id));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return Fail(Error::NotFound("daftar bulan tidak ditemukan atau berita acaranya sudah ada",
                                  "op=verval.minutes"));
    }
    return {};
  });
}

Result<std::string> SqlVervalRepository::GetMinutes(std::string_view regency_code,
                                                    std::int64_t settled_id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::string>("verval.get_minutes", [&](soci::session& s) -> Result<std::string> {
    std::string regency(regency_code), encoded;
    long long id = settled_id;
    soci::indicator found = soci::i_null;
    s << "SELECT minutes_pdf FROM settled_months WHERE regency_code = :r AND id = :id",
        into(encoded, found), use(regency), use(id);
    if (!s.got_data() || found != soci::i_ok || encoded.empty()) {
      return Fail(Error::NotFound("berita acara tidak ditemukan", "op=verval.get_minutes"));
    }
    auto pdf = FromBase64(encoded);
    if (!pdf) return Fail(Corrupt("settled.minutes_pdf"));
    return *pdf;
  });
}

namespace {

// The first settled month a query selects (`bind` adds its parameters), or nullopt.
Result<std::optional<SettledMonth>> OneSettled(
    soci::session& s, const std::string& where_order,
    const std::function<void(soci::details::prepare_temp_type&)>& bind) {
  SettledRow row;
  soci::details::prepare_temp_type prepare =
      (s.prepare << std::string("SELECT ") + kSettledColumns + " FROM settled_months " +
                        where_order + " LIMIT 1");
  row.BindTo(prepare);
  bind(prepare);
  soci::statement st(prepare);
  if (!st.execute(true)) return std::optional<SettledMonth>();
  return std::optional<SettledMonth>(row.Get());
}

}  // namespace

Result<std::optional<SettledMonth>> SqlVervalRepository::LatestSettled(
    std::string_view regency_code, std::string_view period) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckPeriod(period); !ok) return Fail(ok.error());
  return Run<std::optional<SettledMonth>>(
      "verval.latest_settled", [&](soci::session& s) -> Result<std::optional<SettledMonth>> {
        std::string regency(regency_code), wanted(period);
        return OneSettled(
            s, "WHERE regency_code = :r AND period = :p ORDER BY version DESC",
            [&](soci::details::prepare_temp_type& p) { p, use(regency), use(wanted); });
      });
}

Result<std::optional<SettledMonth>> SqlVervalRepository::PreviousSettled(
    std::string_view regency_code, std::string_view period) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (!period.empty()) {
    if (auto ok = CheckPeriod(period); !ok) return Fail(ok.error());
  }
  return Run<std::optional<SettledMonth>>(
      "verval.previous_settled", [&](soci::session& s) -> Result<std::optional<SettledMonth>> {
        std::string regency(regency_code), before(period);
        return OneSettled(s,
                          std::string("WHERE regency_code = :r") +
                              (period.empty() ? "" : " AND period < :p") +
                              " ORDER BY period DESC, version DESC",
                          [&](soci::details::prepare_temp_type& p) {
                            p, use(regency);
                            if (!period.empty()) p, use(before);
                          });
      });
}

Result<std::vector<SettledMonth>> SqlVervalRepository::ListSettled(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::vector<SettledMonth>>(
      "verval.list_settled", [&](soci::session& s) -> Result<std::vector<SettledMonth>> {
        std::vector<SettledMonth> out;
        SettledRow row;
        std::string regency(regency_code);
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kSettledColumns +
                              " FROM settled_months m WHERE regency_code = :r AND version = "
                              "(SELECT MAX(version) FROM settled_months n WHERE "
                              "n.regency_code = m.regency_code AND n.period = m.period) "
                              "ORDER BY period");
        row.BindTo(prepare);
        prepare, use(regency);
        soci::statement st(prepare);
        st.execute();
        while (st.fetch()) out.push_back(row.Get());
        return out;
      });
}

Status SqlVervalRepository::ForEachSettledMember(
    std::string_view regency_code, std::int64_t settled_id,
    const std::function<bool(std::int64_t worker_id)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return InSavepoint("verval.settled_members", [&](soci::session& s) -> Status {
    std::string regency(regency_code);
    long long id = settled_id, found = 0, worker = 0;
    s << "SELECT COUNT(*) FROM settled_months WHERE regency_code = :r AND id = :id", into(found),
        use(regency), use(id);
    if (found == 0) {
      return Fail(Error::NotFound("daftar bulan tidak ditemukan", "op=verval.settled_members"));
    }
    return verval::StreamRows(
        s, engine_,
        "SELECT worker_id FROM settled_members WHERE settled_id = :id ORDER BY worker_id",
        [&](soci::details::prepare_temp_type& p) { p, use(id); },
        [&](soci::details::prepare_temp_type& p) { p, into(worker); },
        [&]() -> Result<bool> { return visit(worker); });
  });
}

}  // namespace jaring::storage::sql
