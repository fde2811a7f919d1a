// Design notes
//  - A month's snapshot is replaced whole (DELETE + INSERT in the call's savepoint): it is a
//    count of one settled list, never edited, and counting again must not leave rows of areas
//    that no longer have anyone.
//  - NewestRegencyRows reads the regency rows up to the month through the (level, period)
//    index and keeps the newest per regency in C++: a province has tens of regencies and a few
//    dozen months, and one plain range scan is the same on both engines.
#include "storage/sql/monev_repository.hpp"

#include <map>
#include <set>

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/multi_row.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// "ID" (the nation), "35" (province), "35.14" (regency), "35.14.01" (district) or
// "35.14.01.2001" (village).
Status CheckRegion(std::string_view code) {
  if (code == "ID") return {};
  static constexpr std::size_t kWidths[] = {2, 2, 2, 4};
  std::size_t part = 0, start = 0;
  while (part < 4) {
    const std::size_t dot = code.find('.', start);
    const std::string_view piece = code.substr(start, dot == std::string_view::npos
                                                          ? std::string_view::npos
                                                          : dot - start);
    if (piece.size() != kWidths[part] || !Digits(piece)) break;
    ++part;
    if (dot == std::string_view::npos) return {};
    start = dot + 1;
  }
  return Fail(Error::InvalidArgument("kode wilayah tidak sah: " + std::string(code),
                                     "expected ID, NN, NN.NN, NN.NN.NN or NN.NN.NN.NNNN"));
}

Status CheckYear(int year) {
  if (year >= 2000 && year <= 2100) return {};
  return Fail(Error::InvalidArgument("tahun harus 2000-2100", "year"));
}

constexpr char kSnapshotColumns[] =
    "SELECT regency_code, period, area_code, level, settled_id, rows_listed, persons, "
    "participants, weighted_milli, duplicates, other_regency, died, ineligible, other_removed, "
    "detail_json, computed_at FROM monev_snapshots WHERE ";

template <typename Bind>
std::vector<SnapshotRecord> ReadSnapshots(soci::session& s, const std::string& sql, Bind&& bind) {
  std::vector<SnapshotRecord> out;
  SnapshotRecord r;
  long long settled = 0, rows = 0, persons = 0, participants = 0, weighted = 0, dup = 0,
            other = 0, died = 0, inel = 0, removed = 0, computed = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << sql);
  prepare, into(r.regency_code), into(r.period), into(r.area_code), into(r.level), into(settled),
      into(rows), into(persons), into(participants), into(weighted), into(dup), into(other),
      into(died), into(inel), into(removed), into(r.detail_json), into(computed);
  bind(prepare);
  soci::statement st(prepare);
  st.execute();
  while (st.fetch()) {
    r.settled_id = settled;
    r.rows_listed = rows;
    r.persons = persons;
    r.participants = participants;
    r.weighted_milli = weighted;
    r.duplicates = dup;
    r.other_regency = other;
    r.died = died;
    r.ineligible = inel;
    r.other_removed = removed;
    r.computed_at_us = computed;
    out.push_back(r);
  }
  return out;
}

// A snapshot row's values for InsertRows.
struct SnapshotValues {
  std::string regency, period, area, level, detail;
  long long settled = 0, rows = 0, persons = 0, participants = 0, weighted = 0, dup = 0,
            other = 0, died = 0, inel = 0, removed = 0, computed = 0;
  void Set(const SnapshotRecord& r, long long now) {
    regency = r.regency_code;
    period = r.period;
    area = r.area_code;
    level = r.level;
    detail = r.detail_json;
    settled = r.settled_id;
    rows = r.rows_listed;
    persons = r.persons;
    participants = r.participants;
    weighted = r.weighted_milli;
    dup = r.duplicates;
    other = r.other_regency;
    died = r.died;
    inel = r.ineligible;
    removed = r.other_removed;
    computed = r.computed_at_us != 0 ? r.computed_at_us : now;
  }
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(regency), use(period), use(area), use(level), use(settled), use(rows), use(persons),
        use(participants), use(weighted), use(dup), use(other), use(died), use(inel),
        use(removed), use(detail), use(computed);
  }
};

// Rows per INSERT: a regency month has one row per village, a few hundred.
constexpr std::size_t kRowsPerStatement = 200;


// A province code: two digits ("35").
Status CheckProvince(std::string_view code) {
  if (code.size() != 2 || !Digits(code))
    return Fail(Error::InvalidArgument("kode provinsi tidak sah", "province"));
  return {};
}

// SELECT of every column of a table's records, WHERE `where` (conditions and ORDER BY); `bind`
// adds the uses of the condition's parameters to the prepared statement.
template <typename Bind>
std::vector<DenominatorRecord> SelectDenominators(soci::session& s, const std::string& where,
                                                  Bind bind) {
  std::vector<DenominatorRecord> out;
  DenominatorRecord d;
  long long value = 0, updated = 0;
  int y = 0;
  soci::details::prepare_temp_type q =
      (s.prepare << "SELECT region_code, year, name, value, source, source_date, actor, "
                    "updated_at FROM monev_denominators WHERE " + where);
  q, into(d.region_code), into(y), into(d.name), into(value), into(d.source),
      into(d.source_date), into(d.actor), into(updated);
  bind(q);
  soci::statement st(q);
  st.execute();
  while (st.fetch()) {
    d.year = y;
    d.value = value;
    d.updated_at_us = updated;
    out.push_back(d);
  }
  return out;
}

template <typename Bind>
std::vector<TargetRecord> SelectTargets(soci::session& s, const std::string& where, Bind bind) {
  std::vector<TargetRecord> out;
  TargetRecord t;
  int y = 0;
  double value = 0;
  long long updated = 0;
  soci::details::prepare_temp_type q =
      (s.prepare << "SELECT region_code, year, value, denominator, source, actor, updated_at "
                    "FROM monev_targets WHERE " + where);
  q, into(t.region_code), into(y), into(value), into(t.denominator), into(t.source),
      into(t.actor), into(updated);
  bind(q);
  soci::statement st(q);
  st.execute();
  while (st.fetch()) {
    t.year = y;
    t.value = value;
    t.updated_at_us = updated;
    out.push_back(t);
  }
  return out;
}

template <typename Bind>
std::vector<OverlapRecord> SelectOverlaps(soci::session& s, const std::string& where, Bind bind) {
  std::vector<OverlapRecord> out;
  OverlapRecord o;
  long long persons = 0;
  soci::details::prepare_temp_type q =
      (s.prepare << "SELECT regency_code, period, other_regency, persons FROM monev_overlaps "
                    "WHERE " + where);
  q, into(o.regency_code), into(o.period), into(o.other_regency), into(persons);
  bind(q);
  soci::statement st(q);
  st.execute();
  while (st.fetch()) {
    o.persons = persons;
    out.push_back(o);
  }
  return out;
}

}  // namespace

Status SqlMonevRepository::PutDenominator(const DenominatorRecord& d) {
  if (auto ok = CheckRegion(d.region_code); !ok) return ok;
  if (auto ok = CheckYear(d.year); !ok) return ok;
  if (d.name.empty() || d.name.size() > 64)
    return Fail(Error::InvalidArgument("nama penyebut kosong atau terlalu panjang", "name"));
  if (d.value <= 0) return Fail(Error::InvalidArgument("nilai penyebut harus positif", "value"));
  if (d.source.empty()) return Fail(Error::InvalidArgument("sumber penyebut wajib", "source"));
  if (auto ok = verval::CheckDate(d.source_date, "source_date"); !ok) return ok;
  return runner_.Run<void>("monev.put_denominator", CallMode::kWrite,
                           [&](soci::session& s) -> Status {
                             int year = d.year;
                             long long value = d.value;
                             long long now = d.updated_at_us != 0 ? d.updated_at_us
                                                                  : ToMicros(clock_->Now());
                             s << "DELETE FROM monev_denominators WHERE region_code = :r AND "
                                  "year = :y AND name = :n",
                                 use(d.region_code), use(year), use(d.name);
                             s << "INSERT INTO monev_denominators (region_code, year, name, "
                                  "value, source, source_date, actor, updated_at) VALUES (:r, "
                                  ":y, :n, :v, :s, :sd, :a, :t)",
                                 use(d.region_code), use(year), use(d.name), use(value),
                                 use(d.source), use(d.source_date), use(d.actor), use(now);
                             return {};
                           });
}

Result<std::vector<DenominatorRecord>> SqlMonevRepository::Denominators(
    std::string_view region_code, std::optional<int> year) {
  if (auto ok = CheckRegion(region_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<DenominatorRecord>>(
      "monev.denominators", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<DenominatorRecord>> {
        int wanted = year.value_or(0), any = year ? 0 : 1;
        std::string region(region_code);
        return SelectDenominators(
            s, "region_code = :r AND (year = :y OR :any = 1) ORDER BY year, name",
            [&](auto& q) { q, use(region), use(wanted), use(any); });
      });
}

Status SqlMonevRepository::PutTarget(const TargetRecord& t) {
  if (auto ok = CheckRegion(t.region_code); !ok) return ok;
  if (auto ok = CheckYear(t.year); !ok) return ok;
  if (!(t.value > 0 && t.value <= 1))
    return Fail(Error::InvalidArgument("target harus lebih dari 0 dan paling banyak 1", "value"));
  return runner_.Run<void>(
      "monev.put_target", CallMode::kWrite, [&](soci::session& s) -> Status {
        int year = t.year;
        double value = t.value;
        long long now = t.updated_at_us != 0 ? t.updated_at_us : ToMicros(clock_->Now());
        s << "DELETE FROM monev_targets WHERE region_code = :r AND year = :y",
            use(t.region_code), use(year);
        s << "INSERT INTO monev_targets (region_code, year, value, denominator, source, actor, "
             "updated_at) VALUES (:r, :y, :v, :d, :s, :a, :t)",
            use(t.region_code), use(year), use(value), use(t.denominator), use(t.source),
            use(t.actor), use(now);
        return {};
      });
}

Result<std::vector<TargetRecord>> SqlMonevRepository::Targets(std::string_view region_code) {
  if (auto ok = CheckRegion(region_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<TargetRecord>>(
      "monev.targets", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<TargetRecord>> {
        std::string region(region_code);
        return SelectTargets(s, "region_code = :r ORDER BY year",
                             [&](auto& q) { q, use(region); });
      });
}

Status SqlMonevRepository::ReplaceSnapshot(
    std::string_view regency_code, std::string_view period,
    const std::vector<SnapshotRecord>& rows,
    const std::optional<std::vector<OverlapRecord>>& overlaps) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  if (auto ok = verval::CheckPeriod(period); !ok) return ok;
  for (const auto& r : rows) {
    if (r.regency_code != regency_code || r.period != period)
      return Fail(Error::InvalidArgument("baris ringkasan bukan milik bulan ini", "snapshot"));
    if (r.level != "regency" && r.level != "district" && r.level != "village")
      return Fail(Error::InvalidArgument("tingkat wilayah tidak dikenal", "level"));
    if (auto ok = verval::CheckJson(r.detail_json, "detail_json"); !ok) return ok;
  }
  if (overlaps) {
    for (const auto& o : *overlaps) {
      if (o.regency_code != regency_code || o.period != period || o.persons <= 0)
        return Fail(Error::InvalidArgument("tumpang tindih tidak sah", "overlap"));
      if (auto ok = CheckRegency(o.other_regency); !ok) return ok;
    }
  }
  return runner_.Run<void>(
      "monev.replace_snapshot", CallMode::kWrite, [&](soci::session& s) -> Status {
        std::string regency(regency_code), month(period);
        const long long now = ToMicros(clock_->Now());
        s << "DELETE FROM monev_snapshots WHERE regency_code = :r AND period = :p", use(regency),
            use(month);
        InsertRows<SnapshotValues, 16>(
            s, runner_.engine(), rows.size(), kRowsPerStatement,
            "INSERT INTO monev_snapshots (regency_code, period, area_code, level, settled_id, "
            "rows_listed, persons, participants, weighted_milli, duplicates, other_regency, died, "
            "ineligible, other_removed, detail_json, computed_at) VALUES ",
            [&](std::size_t i, SnapshotValues& v) { v.Set(rows[i], now); });
        if (overlaps) {
          s << "DELETE FROM monev_overlaps WHERE regency_code = :r AND period = :p",
              use(regency), use(month);
          for (const auto& o : *overlaps) {
            long long persons = o.persons;
            s << "INSERT INTO monev_overlaps (regency_code, period, other_regency, persons) "
                 "VALUES (:r, :p, :o, :n)",
                use(o.regency_code), use(o.period), use(o.other_regency), use(persons);
          }
        }
        return {};
      });
}

Result<std::vector<SnapshotRecord>> SqlMonevRepository::Snapshot(std::string_view regency_code,
                                                                 std::string_view period,
                                                                 std::string_view level) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(period); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<SnapshotRecord>>(
      "monev.snapshot", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<SnapshotRecord>> {
        std::string regency(regency_code), month(period), wanted(level);
        int any = level.empty() ? 1 : 0;
        return ReadSnapshots(s,
                             std::string(kSnapshotColumns) +
                                 "regency_code = :r AND period = :p AND (level = :l OR :any = 1) "
                                 "ORDER BY area_code",
                             [&](auto& p) { p, use(regency), use(month), use(wanted), use(any); });
      });
}

Result<std::vector<SnapshotRecord>> SqlMonevRepository::RegencyTrend(
    std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<SnapshotRecord>>(
      "monev.trend", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<SnapshotRecord>> {
        std::string regency(regency_code);
        return ReadSnapshots(
            s,
            std::string(kSnapshotColumns) +
                "level = 'regency' AND regency_code = :r AND area_code = :a ORDER BY period",
            [&](auto& p) { p, use(regency), use(regency); });
      });
}

Result<std::vector<SnapshotRecord>> SqlMonevRepository::NewestRegencyRows(
    const std::vector<std::string>& regency_codes, std::string_view period) {
  for (const auto& code : regency_codes)
    if (auto ok = CheckRegency(code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(period); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<SnapshotRecord>>(
      "monev.newest_regency_rows", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<SnapshotRecord>> {
        const std::set<std::string> wanted(regency_codes.begin(), regency_codes.end());
        std::string month(period);
        std::map<std::string, SnapshotRecord> newest;
        auto rows = ReadSnapshots(
            s, std::string(kSnapshotColumns) + "level = 'regency' AND period <= :p ORDER BY period",
            [&](auto& p) { p, use(month); });
        for (auto& r : rows)
          if (wanted.contains(r.regency_code)) newest[r.regency_code] = std::move(r);
        std::vector<SnapshotRecord> out;
        for (auto& [code, r] : newest) out.push_back(std::move(r));
        return out;
      });
}

Result<std::vector<OverlapRecord>> SqlMonevRepository::Overlaps(std::string_view regency_code,
                                                               std::string_view period) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(period); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<OverlapRecord>>(
      "monev.overlaps", CallMode::kRead, [&](soci::session& s) -> Result<std::vector<OverlapRecord>> {
        std::string regency(regency_code), month(period);
        return SelectOverlaps(s, "regency_code = :r AND period = :p ORDER BY other_regency",
                              [&](auto& q) { q, use(regency), use(month); });
      });
}

Result<std::vector<DenominatorRecord>> SqlMonevRepository::RegencyDenominators(
    std::string_view province_code, int up_to_year) {
  if (auto ok = CheckProvince(province_code); !ok) return Fail(ok.error());
  return DenominatorsOfChildren("monev.regency_denominators", province_code, 5, up_to_year);
}

Result<std::vector<DenominatorRecord>> SqlMonevRepository::DistrictDenominators(
    std::string_view regency_code, int up_to_year) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return DenominatorsOfChildren("monev.district_denominators", regency_code, 8, up_to_year);
}

Result<std::vector<DenominatorRecord>> SqlMonevRepository::DenominatorsOfChildren(
    std::string_view operation, std::string_view parent_code, int child_length, int up_to_year) {
  return runner_.Run<std::vector<DenominatorRecord>>(
      operation, CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<DenominatorRecord>> {
        // A range on the key's leading column rather than LIKE, which SQLite cannot serve
        // from an index unless told LIKE is case-sensitive ('/' follows '.'; codes compare
        // bytewise, "C" collation on PostgreSQL).
        std::string from = std::string(parent_code) + ".", to = std::string(parent_code) + "/";
        int length = child_length, year = up_to_year;
        return SelectDenominators(
            s,
            "region_code >= :f AND region_code < :t AND LENGTH(region_code) = :l AND year <= :y "
            "ORDER BY region_code, year, name",
            [&](auto& q) { q, use(from), use(to), use(length), use(year); });
      });
}

Result<std::vector<TargetRecord>> SqlMonevRepository::RegencyTargets(std::string_view province_code,
                                                                     int year) {
  if (auto ok = CheckProvince(province_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<TargetRecord>>(
      "monev.regency_targets", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<TargetRecord>> {
        std::string pattern = std::string(province_code) + ".%";
        int wanted = year;
        return SelectTargets(
            s, "region_code LIKE :p AND LENGTH(region_code) = 5 AND year = :y ORDER BY region_code",
            [&](auto& q) { q, use(pattern), use(wanted); });
      });
}

Result<std::vector<OverlapRecord>> SqlMonevRepository::RegencyOverlaps(
    std::string_view province_code, std::string_view up_to_period) {
  if (auto ok = CheckProvince(province_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(up_to_period); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<OverlapRecord>>(
      "monev.regency_overlaps", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<OverlapRecord>> {
        std::string pattern = std::string(province_code) + ".%", month(up_to_period);
        return SelectOverlaps(
            s, "regency_code LIKE :r AND period <= :p ORDER BY regency_code, period, other_regency",
            [&](auto& q) { q, use(pattern), use(month); });
      });
}

Result<std::map<std::string, std::int64_t>> SqlMonevRepository::PlannedQuotas(
    std::string_view province_code, std::string_view period) {
  if (auto ok = CheckProvince(province_code); !ok) return Fail(ok.error());
  if (auto ok = verval::CheckPeriod(period); !ok) return Fail(ok.error());
  return runner_.Run<std::map<std::string, std::int64_t>>(
      "monev.planned_quotas", CallMode::kRead,
      [&](soci::session& s) -> Result<std::map<std::string, std::int64_t>> {
        std::map<std::string, std::int64_t> out;
        std::string pattern = std::string(province_code) + ".%", month(period), regency;
        long long quota = 0;
        soci::statement st =
            (s.prepare << "SELECT p.regency_code, SUM(COALESCE((SELECT b.quota FROM "
                          "program_budget_lines b WHERE b.regency_code = p.regency_code AND "
                          "b.program_id = p.id AND b.quota IS NOT NULL ORDER BY b.id DESC LIMIT "
                          "1), p.quota)) FROM programs p WHERE p.regency_code LIKE :r AND "
                          "p.period_from <= :m AND p.period_to >= :m2 GROUP BY p.regency_code",
             into(regency), into(quota), use(pattern), use(month), use(month));
        st.execute();
        while (st.fetch()) out[regency] = quota;
        return out;
      });
}

Status SqlMonevRepository::PutBoundaries(std::string_view regency_code, std::string_view geojson,
                                         int features, std::string_view actor) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  if (auto ok = verval::CheckJson(geojson, "geojson"); !ok) return ok;
  if (features <= 0) return Fail(Error::InvalidArgument("batas wilayah kosong", "features"));
  return runner_.Run<void>("monev.put_boundaries", CallMode::kWrite, [&](soci::session& s) -> Status {
    std::string regency(regency_code), text(geojson), who(actor);
    long long now = ToMicros(clock_->Now());
    s << "DELETE FROM monev_boundaries WHERE regency_code = :r", use(regency);
    s << "INSERT INTO monev_boundaries (regency_code, geojson, features, actor, updated_at) "
         "VALUES (:r, :g, :f, :a, :t)",
        use(regency), use(text), use(features), use(who), use(now);
    return {};
  });
}

Result<std::optional<std::string>> SqlMonevRepository::Boundaries(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::optional<std::string>>(
      "monev.boundaries", CallMode::kRead,
      [&](soci::session& s) -> Result<std::optional<std::string>> {
        std::string regency(regency_code), text;
        soci::indicator ind = soci::i_null;
        s << "SELECT geojson FROM monev_boundaries WHERE regency_code = :r", into(text, ind),
            use(regency);
        if (!s.got_data() || ind != soci::i_ok) return std::optional<std::string>();
        return std::optional<std::string>(std::move(text));
      });
}

}  // namespace jaring::storage::sql
