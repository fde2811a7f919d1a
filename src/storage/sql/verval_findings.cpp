// SqlVervalRepository, the engine's side: per-regency settings, runs, findings (saved by a
// multi-row upsert that keeps decisions, listed for the review queue) and labelled pairs.
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "storage/sql/verval_common.hpp"
#include "storage/sql/verval_repository.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;
using verval::CheckJson;
using verval::CheckLimit;
using verval::CheckPeriod;

Status CheckState(std::string_view state) {
  if (state == "open" || state == "accepted" || state == "rejected" || state == "deferred") {
    return {};
  }
  return Fail(Error::InvalidArgument("status temuan tidak sah",
                                     "expected open, accepted, rejected or deferred"));
}

Status CheckAction(std::string_view action) {
  if (action == "automatic" || action == "review") return {};
  return Fail(Error::InvalidArgument("tindakan temuan tidak sah", "expected automatic or review"));
}

// --- Runs --------------------------------------------------------------------------------------

constexpr const char* kRunColumns =
    "id, regency_code, period, actor, started_at, finished_at, inputs_json, counts_json";

struct RunRow {
  long long id = 0, started = 0, finished = 0;
  std::string regency, period, actor, inputs, counts;
  void BindTo(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency), into(period), into(actor), into(started), into(finished),
        into(inputs), into(counts);
  }
  VervalRun Get() const {
    return VervalRun{.id = id,
                     .regency_code = regency,
                     .period = period,
                     .actor = actor,
                     .started_at_us = started,
                     .finished_at_us = finished,
                     .inputs_json = inputs,
                     .counts_json = counts};
  }
};

Status CheckRun(const VervalRun& run) {
  if (auto ok = CheckRegency(run.regency_code); !ok) return ok;
  if (auto ok = CheckPeriod(run.period); !ok) return ok;
  if (auto ok = CheckJson(run.inputs_json, "inputs_json"); !ok) return ok;
  return CheckJson(run.counts_json, "counts_json");
}

}  // namespace

// --- Settings ----------------------------------------------------------------------------------

Result<std::optional<std::string>> SqlVervalRepository::GetSettings(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::optional<std::string>>(
      "verval.get_settings", [&](soci::session& s) -> Result<std::optional<std::string>> {
        std::string regency(regency_code), settings;
        soci::statement st =
            (s.prepare << "SELECT settings_json FROM verval_settings WHERE regency_code = :r",
             into(settings), use(regency));
        if (!st.execute(true)) return std::optional<std::string>();
        return std::optional<std::string>(std::move(settings));
      });
}

Status SqlVervalRepository::SaveSettings(std::string_view regency_code,
                                         std::string_view settings_json, std::string_view actor,
                                         std::int64_t at_us) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  if (auto ok = CheckJson(settings_json, "settings_json"); !ok) return ok;
  return InSavepoint("verval.save_settings", [&](soci::session& s) -> Status {
    std::string regency(regency_code), settings(settings_json), who(actor);
    long long at = at_us != 0 ? at_us : NowMicros();
    s << "INSERT INTO verval_settings (regency_code, settings_json, updated_at, actor) VALUES "
         "(:r, :s, :t, :a) ON CONFLICT (regency_code) DO UPDATE SET settings_json = "
         "excluded.settings_json, updated_at = excluded.updated_at, actor = excluded.actor",
        use(regency), use(settings), use(at), use(who);
    return {};
  });
}

// --- Runs --------------------------------------------------------------------------------------

Result<std::int64_t> SqlVervalRepository::InsertRun(const VervalRun& run) {
  if (auto ok = CheckRun(run); !ok) return Fail(ok.error());
  return Run<std::int64_t>("verval.insert_run", [&](soci::session& s) -> Result<std::int64_t> {
    std::string regency = run.regency_code, period = run.period, actor = run.actor,
                inputs = run.inputs_json, counts = run.counts_json;
    long long started = run.started_at_us != 0 ? run.started_at_us : NowMicros(),
              finished = run.finished_at_us, id = 0;
    s << "INSERT INTO verval_runs (regency_code, period, actor, started_at, finished_at, "
         "inputs_json, counts_json) VALUES (:r, :p, :a, :s, :f, :i, :c) RETURNING id",
        use(regency), use(period), use(actor), use(started), use(finished), use(inputs),
        use(counts), into(id);
    return static_cast<std::int64_t>(id);
  });
}

Status SqlVervalRepository::FinishRun(const VervalRun& run) {
  if (auto ok = CheckRun(run); !ok) return ok;
  return InSavepoint("verval.finish_run", [&](soci::session& s) -> Status {
    std::string regency = run.regency_code, inputs = run.inputs_json, counts = run.counts_json;
    long long finished = run.finished_at_us != 0 ? run.finished_at_us : NowMicros(), id = run.id;
    soci::statement st = (s.prepare << "UPDATE verval_runs SET finished_at = :f, inputs_json = :i, "
                                       "counts_json = :c WHERE regency_code = :r AND id = :id",
                          use(finished), use(inputs), use(counts), use(regency), use(id));
    st.execute(true);
    if (st.get_affected_rows() != 1) {
      return Fail(Error::NotFound("putaran verval tidak ditemukan", "op=verval.finish_run"));
    }
    return {};
  });
}

Result<std::optional<VervalRun>> SqlVervalRepository::LatestRun(std::string_view regency_code,
                                                                std::string_view period) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckPeriod(period); !ok) return Fail(ok.error());
  return Run<std::optional<VervalRun>>(
      "verval.latest_run", [&](soci::session& s) -> Result<std::optional<VervalRun>> {
        RunRow row;
        std::string regency(regency_code), wanted(period);
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kRunColumns +
                              " FROM verval_runs WHERE regency_code = :r AND period = :p "
                              "ORDER BY id DESC LIMIT 1");
        row.BindTo(prepare);
        prepare, use(regency), use(wanted);
        soci::statement st(prepare);
        if (!st.execute(true)) return std::optional<VervalRun>();
        return std::optional<VervalRun>(row.Get());
      });
}

Result<std::vector<VervalRun>> SqlVervalRepository::ListRuns(std::string_view regency_code,
                                                             int limit) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckLimit(limit); !ok) return Fail(ok.error());
  return Run<std::vector<VervalRun>>(
      "verval.list_runs", [&](soci::session& s) -> Result<std::vector<VervalRun>> {
        std::vector<VervalRun> out;
        RunRow row;
        std::string regency(regency_code);
        long long max_rows = limit;
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kRunColumns +
                              " FROM verval_runs WHERE regency_code = :r ORDER BY id DESC "
                              "LIMIT :l");
        row.BindTo(prepare);
        prepare, use(regency), use(max_rows);
        soci::statement st(prepare);
        st.execute();
        while (st.fetch()) out.push_back(row.Get());
        return out;
      });
}

// --- Findings ----------------------------------------------------------------------------------

namespace {

constexpr const char* kFindingColumns =
    "id, regency_code, period, kind, subject, worker_id, other_worker_id, extract_row_id, "
    "other_regency, related_json, confidence, action, proposal, blocking, evidence_json, state, "
    "decided_by, decided_at, reason, first_run_id, last_run_id";

// One finding as bound to a statement, in either direction.
struct FindingValues {
  long long id = 0, worker = 0, other_worker = 0, extract_row = 0, decided_at = 0, first_run = 0,
            last_run = 0;
  soci::indicator other_worker_ind = soci::i_null, extract_row_ind = soci::i_null,
                  decided_at_ind = soci::i_null;
  int blocking = 1;
  double confidence = 1;
  std::string regency, period, kind, subject, other_regency, related, action, proposal, evidence,
      state, decided_by, reason;

  static soci::indicator Optional(const std::optional<std::int64_t>& in, long long& out) {
    out = in.value_or(0);
    return in ? soci::i_ok : soci::i_null;
  }

  void Set(const Finding& f) {
    regency = f.regency_code;
    period = f.period;
    kind = f.kind;
    subject = f.subject;
    worker = f.worker_id;
    other_worker_ind = Optional(f.other_worker_id, other_worker);
    extract_row_ind = Optional(f.extract_row_id, extract_row);
    other_regency = f.other_regency;
    related = f.related_json;
    confidence = f.confidence;
    action = f.action;
    proposal = f.proposal;
    blocking = f.blocking ? 1 : 0;
    evidence = f.evidence_json;
    state = f.state;
    decided_by = f.decided_by;
    decided_at_ind = Optional(f.decided_at_us, decided_at);
    reason = f.reason;
    first_run = f.first_run_id;
    last_run = f.last_run_id;
  }

  Finding Get() const {
    auto optional = [](soci::indicator ind, long long v) {
      return ind == soci::i_ok ? std::optional<std::int64_t>(v) : std::nullopt;
    };
    return Finding{.id = id,
                   .regency_code = regency,
                   .period = period,
                   .kind = kind,
                   .subject = subject,
                   .worker_id = worker,
                   .other_worker_id = optional(other_worker_ind, other_worker),
                   .extract_row_id = optional(extract_row_ind, extract_row),
                   .other_regency = other_regency,
                   .related_json = related,
                   .confidence = confidence,
                   .action = action,
                   .proposal = proposal,
                   .blocking = blocking != 0,
                   .evidence_json = evidence,
                   .state = state,
                   .decided_by = decided_by,
                   .decided_at_us = optional(decided_at_ind, decided_at),
                   .reason = reason,
                   .first_run_id = first_run,
                   .last_run_id = last_run};
  }

  // kFindingColumns.
  void BindInto(soci::details::prepare_temp_type& prepare) {
    prepare, into(id), into(regency), into(period), into(kind), into(subject), into(worker),
        into(other_worker, other_worker_ind), into(extract_row, extract_row_ind),
        into(other_regency), into(related), into(confidence), into(action), into(proposal),
        into(blocking), into(evidence), into(state), into(decided_by),
        into(decided_at, decided_at_ind), into(reason), into(first_run), into(last_run);
  }

  // kFindingColumns without id, as the upsert's VALUES.
  void BindTo(soci::details::prepare_temp_type& prepare, std::size_t) {
    prepare, use(regency), use(period), use(kind), use(subject), use(worker),
        use(other_worker, other_worker_ind), use(extract_row, extract_row_ind), use(other_regency),
        use(related), use(confidence), use(action), use(proposal), use(blocking), use(evidence),
        use(state), use(decided_by), use(decided_at, decided_at_ind), use(reason), use(first_run),
        use(last_run);
  }
};

// A re-run refreshes what it computes; a decided finding keeps its action, proposal and
// blocking as they were when it was decided, and every finding keeps its state and decision.
std::string UpsertSql(Engine engine, std::size_t rows) {
  static constexpr std::string_view kCells[20] = {"?", "?", "?", "?", "?", "?", "?", "?", "?", "?",
                                                  "?", "?", "?", "?", "?", "?", "?", "?", "?", "?"};
  std::string sql =
      "INSERT INTO verval_findings (regency_code, period, kind, subject, worker_id, "
      "other_worker_id, extract_row_id, other_regency, related_json, confidence, action, "
      "proposal, blocking, evidence_json, state, decided_by, decided_at, reason, first_run_id, "
      "last_run_id) VALUES " +
      ParameterRows(engine, rows, kCells);
  auto while_open = [](std::string_view column) {
    const std::string c(column);
    return c + " = CASE WHEN verval_findings.state = 'open' THEN excluded." + c +
           " ELSE verval_findings." + c + " END";
  };
  sql +=
      " ON CONFLICT (regency_code, period, subject) DO UPDATE SET "
      "worker_id = excluded.worker_id, other_worker_id = excluded.other_worker_id, "
      "extract_row_id = excluded.extract_row_id, other_regency = excluded.other_regency, "
      "related_json = excluded.related_json, confidence = excluded.confidence, "
      "evidence_json = excluded.evidence_json, last_run_id = excluded.last_run_id, " +
      while_open("action") + ", " + while_open("proposal") + ", " + while_open("blocking");
  return sql;
}

// (regency, period, subject): a finding's identity, as one string.
std::string FindingKey(std::string_view regency, std::string_view period,
                       std::string_view subject) {
  std::string key;
  key.reserve(regency.size() + period.size() + subject.size() + 2);
  key.append(regency).append(1, '\n').append(period).append(1, '\n').append(subject);
  return key;
}

Status CheckFinding(const Finding& f) {
  if (auto ok = CheckRegency(f.regency_code); !ok) return ok;
  if (auto ok = CheckPeriod(f.period); !ok) return ok;
  if (auto ok = CheckAction(f.action); !ok) return ok;
  if (auto ok = CheckState(f.state); !ok) return ok;
  if (auto ok = CheckJson(f.related_json, "related_json"); !ok) return ok;
  if (auto ok = CheckJson(f.evidence_json, "evidence_json"); !ok) return ok;
  if (f.kind.empty() || f.subject.empty()) {
    return Fail(Error::InvalidArgument("jenis atau subjek temuan kosong", "op=verval.save"));
  }
  return {};
}

// Findings per upsert on PostgreSQL: 10,000 parameters.
constexpr std::size_t kFindingsPerStatement = 500;

// The WHERE clause of a FindingFilter and its parameters in order of appearance. The
// parameters are reserved up front, so the use()s bound to them stay valid.
struct FilterSql {
  std::string where;
  std::vector<std::variant<std::string, long long>> params;

  void Bind(soci::details::prepare_temp_type& prepare) {
    for (auto& param : params) std::visit([&](auto& value) { prepare, use(value); }, param);
  }
};

Result<FilterSql> BuildFilter(std::string_view regency_code, const FindingFilter& filter) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckPeriod(filter.period); !ok) return Fail(ok.error());
  if (filter.state) {
    if (auto ok = CheckState(*filter.state); !ok) return Fail(ok.error());
  }
  if (filter.action) {
    if (auto ok = CheckAction(*filter.action); !ok) return Fail(ok.error());
  }
  FilterSql out;
  out.params.reserve(10);
  if (filter.worker_id) {
    // Found through the two worker indexes (an OR of the two columns would be read off the
    // month's whole range); the rest of the filter is tested on those few rows.
    const auto worker = static_cast<long long>(*filter.worker_id);
    out.where =
        " WHERE id IN (SELECT id FROM verval_findings WHERE regency_code = :r AND period = :p "
        "AND worker_id = :w UNION ALL SELECT id FROM verval_findings WHERE regency_code = :r2 "
        "AND period = :p2 AND other_worker_id = :w2)";
    for (int i = 0; i < 2; ++i) {
      out.params.emplace_back(std::string(regency_code));
      out.params.emplace_back(filter.period);
      out.params.emplace_back(worker);
    }
  } else {
    out.where = " WHERE regency_code = :r AND period = :p";
    out.params.emplace_back(std::string(regency_code));
    out.params.emplace_back(filter.period);
  }
  if (filter.kind) {
    out.where += " AND kind = :k";
    out.params.emplace_back(*filter.kind);
  }
  if (filter.state) {
    out.where += " AND state = :s";
    out.params.emplace_back(*filter.state);
  }
  if (filter.action) {
    out.where += " AND action = :a";
    out.params.emplace_back(*filter.action);
  }
  if (filter.run_id) {
    out.where += " AND last_run_id = :run";
    out.params.emplace_back(static_cast<long long>(*filter.run_id));
  }
  return out;
}

// PostgreSQL: a few hundred findings per upsert, their ids read from its RETURNING rows.
void SaveFindingsInBatches(soci::session& s, std::span<const Finding> findings,
                           std::vector<std::int64_t>& ids) {
  long long id = 0;
  std::string regency, period, subject;
  std::unordered_map<std::string, std::size_t> positions;
  ForEachBatch<FindingValues>(
      s, findings.size(), kFindingsPerStatement,
      [&](std::size_t i, FindingValues& v) { v.Set(findings[i]); },
      [&](std::size_t n) {
        return UpsertSql(Engine::kPostgres, n) + " RETURNING id, regency_code, period, subject";
      },
      [&](soci::details::prepare_temp_type& p) {
        p, into(id), into(regency), into(period), into(subject);
      },
      [&](soci::statement& st, std::size_t first, std::size_t rows) {
        positions.clear();
        for (std::size_t i = first; i < first + rows; ++i) {
          const Finding& f = findings[i];
          positions.emplace(FindingKey(f.regency_code, f.period, f.subject), i);
        }
        st.execute();
        while (st.fetch()) {
          auto found = positions.find(FindingKey(regency, period, subject));
          if (found != positions.end()) ids[found->second] = id;
        }
      });
}

// SQLite: one finding per upsert, then its id by its subject. A RETURNING clause, or several
// rows per statement, would make SQLite open a statement journal per statement inside the
// call's savepoint, and releasing one walks the savepoint's whole in-memory journal: a re-run
// rewriting 100,000 findings then took minutes instead of seconds.
void SaveFindingsOneByOne(soci::session& s, std::span<const Finding> findings,
                          std::vector<std::int64_t>& ids) {
  FindingValues v;
  soci::details::prepare_temp_type prepare = (s.prepare << UpsertSql(Engine::kSqlite, 1));
  v.BindTo(prepare, 0);
  soci::statement upsert(prepare);
  long long id = 0;
  soci::statement lookup =
      (s.prepare << "SELECT id FROM verval_findings WHERE regency_code = :r AND period = :p "
                    "AND subject = :s",
       into(id), use(v.regency), use(v.period), use(v.subject));
  for (std::size_t i = 0; i < findings.size(); ++i) {
    v.Set(findings[i]);
    upsert.execute(true);
    if (lookup.execute(true)) ids[i] = id;
  }
}

}  // namespace

Result<std::vector<std::int64_t>> SqlVervalRepository::SaveFindings(
    std::span<const Finding> findings) {
  std::unordered_set<std::string> keys;
  keys.reserve(findings.size());
  for (const Finding& f : findings) {
    if (auto ok = CheckFinding(f); !ok) return Fail(ok.error());
    if (!keys.insert(FindingKey(f.regency_code, f.period, f.subject)).second) {
      return Fail(Error::InvalidArgument("subjek temuan tercantum dua kali",
                                         "op=verval.save_findings: duplicate subject"));
    }
  }
  keys.clear();
  return Run<std::vector<std::int64_t>>("verval.save_findings",
                                        [&](soci::session& s) -> Result<std::vector<std::int64_t>> {
                                          std::vector<std::int64_t> ids(findings.size(), 0);
                                          if (engine_ == Engine::kSqlite) {
                                            SaveFindingsOneByOne(s, findings, ids);
                                          } else {
                                            SaveFindingsInBatches(s, findings, ids);
                                          }
                                          for (std::int64_t saved : ids) {
                                            if (saved == 0)
                                              return Fail(verval::Corrupt("verval.save_findings"));
                                          }
                                          return ids;
                                        });
}

Result<std::uint64_t> SqlVervalRepository::CarryFindings(std::string_view regency_code,
                                                         std::string_view period,
                                                         std::int64_t from_run, std::int64_t to_run,
                                                         std::string_view kind) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckPeriod(period); !ok) return Fail(ok.error());
  return Run<std::uint64_t>(
      "verval.carry_findings", [&](soci::session& s) -> Result<std::uint64_t> {
        std::string regency(regency_code), month(period), of_kind(kind);
        long long from = from_run, to = to_run;
        soci::statement st =
            (s.prepare
                 << "UPDATE verval_findings SET last_run_id = :to WHERE regency_code = :r AND "
                    "period = :p AND kind = :k AND last_run_id = :from",
             use(to), use(regency), use(month), use(of_kind), use(from));
        st.execute(true);
        return static_cast<std::uint64_t>(st.get_affected_rows());
      });
}

Result<Finding> SqlVervalRepository::GetFinding(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<Finding>("verval.get_finding", [&](soci::session& s) -> Result<Finding> {
    FindingValues row;
    if (!verval::FetchById(s, std::string("SELECT ") + kFindingColumns + " FROM verval_findings",
                           regency_code, id,
                           [&](soci::details::prepare_temp_type& p) { row.BindInto(p); })) {
      return Fail(Error::NotFound("temuan tidak ditemukan", "op=verval.get_finding"));
    }
    return row.Get();
  });
}

Result<std::vector<Finding>> SqlVervalRepository::ListFindings(std::string_view regency_code,
                                                               const FindingFilter& filter,
                                                               FindingOrder order,
                                                               std::int64_t offset, int limit) {
  Result<FilterSql> where = BuildFilter(regency_code, filter);
  if (!where) return Fail(std::move(where.error()));
  if (auto ok = CheckLimit(limit); !ok) return Fail(ok.error());
  if (offset < 0) return Fail(Error::InvalidArgument("posisi halaman tidak sah", "offset < 0"));
  return Run<std::vector<Finding>>(
      "verval.list_findings", [&](soci::session& s) -> Result<std::vector<Finding>> {
        std::vector<Finding> out;
        FindingValues row;
        long long max_rows = limit, skip = offset;
        soci::details::prepare_temp_type prepare =
            (s.prepare << std::string("SELECT ") + kFindingColumns + " FROM verval_findings" +
                              where->where +
                              (order == FindingOrder::kById ? " ORDER BY id"
                                                            : " ORDER BY confidence DESC, id") +
                              " LIMIT :l OFFSET :o");
        row.BindInto(prepare);
        where->Bind(prepare);
        prepare, use(max_rows), use(skip);
        soci::statement st(prepare);
        st.execute();
        while (st.fetch()) out.push_back(row.Get());
        return out;
      });
}

Status SqlVervalRepository::ForEachFinding(std::string_view regency_code,
                                           const FindingFilter& filter,
                                           const std::function<bool(const Finding&)>& visit) {
  Result<FilterSql> where = BuildFilter(regency_code, filter);
  if (!where) return Fail(std::move(where.error()));
  return InSavepoint("verval.findings", [&](soci::session& s) -> Status {
    FindingValues row;
    return verval::StreamRows(
        s, engine_,
        std::string("SELECT ") + kFindingColumns + " FROM verval_findings" + where->where +
            " ORDER BY id",
        [&](soci::details::prepare_temp_type& p) { where->Bind(p); },
        [&](soci::details::prepare_temp_type& p) { row.BindInto(p); },
        [&]() -> Result<bool> { return visit(row.Get()); });
  });
}

Result<std::map<std::string, std::map<std::string, std::uint64_t>>>
SqlVervalRepository::CountFindings(std::string_view regency_code, const FindingFilter& filter) {
  using Counts = std::map<std::string, std::map<std::string, std::uint64_t>>;
  Result<FilterSql> where = BuildFilter(regency_code, filter);
  if (!where) return Fail(std::move(where.error()));
  return Run<Counts>("verval.count_findings", [&](soci::session& s) -> Result<Counts> {
    Counts out;
    std::string kind, state;
    long long n = 0;
    soci::details::prepare_temp_type prepare =
        (s.prepare << "SELECT kind, state, COUNT(*) FROM verval_findings" + where->where +
                          " GROUP BY kind, state");
    prepare, into(kind), into(state), into(n);
    where->Bind(prepare);
    soci::statement st(prepare);
    st.execute();
    while (st.fetch()) out[kind][state] = static_cast<std::uint64_t>(n);
    return out;
  });
}

namespace {

// Why a batch of decisions did not all apply: a finding that is absent (NotFound), else one
// that was no longer in its expected state (FailedPrecondition). Runs inside the failed call's
// savepoint, which then rolls back.
Status ExplainUndecided(soci::session& s, const std::string& regency,
                        std::span<const FindingDecision> decisions) {
  long long id = 0;
  std::string state;
  soci::statement look =
      (s.prepare << "SELECT state FROM verval_findings WHERE regency_code = :r AND id = :id",
       into(state), use(regency), use(id));
  for (const FindingDecision& d : decisions) {
    id = d.id;
    if (!look.execute(true)) {
      return Fail(Error::NotFound("temuan tidak ditemukan", "op=verval.decide"));
    }
  }
  return Fail(Error::FailedPrecondition("temuan ini sudah diputuskan orang lain",
                                        "op=verval.decide: state changed"));
}

// The bound cells of one decision. Reopening clears the decision: an open finding has none
// (the audit log keeps history).
struct DecisionValues {
  long long id = 0, at = 0;
  soci::indicator at_ind = soci::i_ok;
  std::string expected, state, actor, reason;

  void Set(const FindingDecision& d, long long now_us) {
    const bool reopen = d.state == "open";
    id = d.id;
    expected = d.expected_state;
    state = d.state;
    actor = reopen ? std::string() : d.actor;
    reason = reopen ? std::string() : d.reason;
    at = d.at_us != 0 ? d.at_us : now_us;
    at_ind = reopen ? soci::i_null : soci::i_ok;
  }
  // (id, expected, state, actor, at, reason), in the order of kDecisionCells.
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(id), use(expected), use(state), use(actor), use(at, at_ind), use(reason);
  }
};

constexpr std::size_t kDecisionsPerStatement = 500;

}  // namespace

Status SqlVervalRepository::DecideFindings(std::string_view regency_code,
                                           std::span<const FindingDecision> decisions) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  std::unordered_set<std::int64_t> ids;
  for (const FindingDecision& d : decisions) {
    if (auto ok = CheckState(d.expected_state); !ok) return ok;
    if (auto ok = CheckState(d.state); !ok) return ok;
    if (!ids.insert(d.id).second) {
      return Fail(Error::InvalidArgument("temuan tercantum dua kali",
                                         "op=verval.decide: duplicate finding id"));
    }
  }
  if (decisions.empty()) return {};
  return InSavepoint("verval.decide", [&](soci::session& s) -> Status {
    const std::string regency(regency_code);
    const long long now_us = NowMicros();
    std::size_t applied = 0;
    // SQLite: one decision per statement (its statement journal stays small, and a row costs
    // no round trip in-process); PostgreSQL: a few hundred, one round trip each.
    static constexpr std::string_view kCells[6] = {"CAST(? AS BIGINT)", "?", "?", "?",
                                                   "CAST(? AS BIGINT)", "?"};
    ForEachBatch<DecisionValues>(
        s, decisions.size(), engine_ == Engine::kSqlite ? 1 : kDecisionsPerStatement,
        [&](std::size_t i, DecisionValues& v) { v.Set(decisions[i], now_us); },
        [&](std::size_t rows) -> std::string {
          // SQLite: a plain one-row UPDATE by key (see ChangeWorkers in verval_settled.cpp for
          // why not UPDATE ... FROM); numbered parameters keep the cells' binding order.
          if (engine_ == Engine::kSqlite) {
            return "UPDATE verval_findings SET state = ?3, decided_by = ?4, decided_at = ?5, "
                   "reason = ?6 WHERE regency_code = ?7 AND id = ?1 AND state = ?2";
          }
          return "WITH v (id, e, s, a, t, w) AS (VALUES " + ParameterRows(engine_, rows, kCells) +
                 ") UPDATE verval_findings SET state = v.s, decided_by = v.a, decided_at = v.t, "
                 "reason = v.w FROM v WHERE verval_findings.regency_code = :r AND "
                 "verval_findings.id = v.id AND verval_findings.state = v.e";
        },
        [&](soci::details::prepare_temp_type& p) { p, use(regency); },
        [&](soci::statement& st, std::size_t, std::size_t) {
          st.execute(true);
          applied += static_cast<std::size_t>(st.get_affected_rows());
        });
    if (applied == decisions.size()) return {};
    return ExplainUndecided(s, regency, decisions);
  });
}

// --- Labels ------------------------------------------------------------------------------------

namespace {

struct LabelValues {
  std::string regency, left, right, actor;
  int same = 0;
  long long finding = 0, at = 0;
  soci::indicator finding_ind = soci::i_null;

  void Set(std::string_view regency_code, const LabelledPair& label, long long now_us) {
    regency = regency_code;
    left = label.left_key;
    right = label.right_key;
    actor = label.actor;
    same = label.same ? 1 : 0;
    finding = label.finding_id.value_or(0);
    finding_ind = label.finding_id ? soci::i_ok : soci::i_null;
    at = label.created_at_us != 0 ? label.created_at_us : now_us;
  }
  void BindTo(soci::details::prepare_temp_type& p, std::size_t) {
    p, use(regency), use(left), use(right), use(same), use(finding, finding_ind), use(actor),
        use(at);
  }
};

std::string UpsertLabelsSql(Engine engine, std::size_t rows) {
  static constexpr std::string_view kCells[7] = {"?", "?", "?", "?", "?", "?", "?"};
  return "INSERT INTO match_labels (regency_code, left_key, right_key, same, finding_id, actor, "
         "created_at) VALUES " +
         ParameterRows(engine, rows, kCells) +
         " ON CONFLICT (regency_code, left_key, right_key) DO UPDATE SET same = excluded.same, "
         "finding_id = excluded.finding_id, actor = excluded.actor, "
         "created_at = excluded.created_at";
}

constexpr std::size_t kLabelsPerStatement = 500;

}  // namespace

Status SqlVervalRepository::SaveLabels(std::string_view regency_code,
                                       std::span<const LabelledPair> labels) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  std::unordered_set<std::string> pairs;
  for (const LabelledPair& label : labels) {
    if (label.left_key.empty() || !(label.left_key < label.right_key)) {
      return Fail(Error::InvalidArgument("pasangan label tidak sah",
                                         "op=verval.save_label: expected left_key < right_key"));
    }
    // One statement cannot upsert one key twice (PostgreSQL refuses), and the caller's intent
    // for a pair given twice is ambiguous.
    if (!pairs.insert(label.left_key + '\n' + label.right_key).second) {
      return Fail(Error::InvalidArgument("pasangan label tercantum dua kali",
                                         "op=verval.save_label: duplicate pair"));
    }
  }
  if (labels.empty()) return {};
  return InSavepoint("verval.save_label", [&](soci::session& s) -> Status {
    const long long now_us = NowMicros();
    // SQLite: one row per statement (its statement journal stays small); PostgreSQL: a few
    // hundred, one round trip each.
    const std::size_t per_statement = engine_ == Engine::kSqlite ? 1 : kLabelsPerStatement;
    ForEachBatch<LabelValues>(
        s, labels.size(), per_statement,
        [&](std::size_t i, LabelValues& v) { v.Set(regency_code, labels[i], now_us); },
        [&](std::size_t rows) { return UpsertLabelsSql(engine_, rows); },
        [](soci::details::prepare_temp_type&) {},
        [](soci::statement& st, std::size_t, std::size_t) { st.execute(true); });
    return {};
  });
}

Status SqlVervalRepository::ForEachLabel(std::string_view regency_code,
                                         const std::function<bool(const LabelledPair&)>& visit) {
  if (auto ok = CheckRegency(regency_code); !ok) return ok;
  return InSavepoint("verval.labels", [&](soci::session& s) -> Status {
    std::string regency(regency_code);
    LabelledPair label;
    int same = 0;
    long long finding = 0, at = 0;
    soci::indicator finding_ind = soci::i_null;
    return verval::StreamRows(
        s, engine_,
        "SELECT left_key, right_key, same, finding_id, actor, created_at FROM match_labels "
        "WHERE regency_code = :r ORDER BY left_key, right_key",
        [&](soci::details::prepare_temp_type& p) { p, use(regency); },
        [&](soci::details::prepare_temp_type& p) {
          p, into(label.left_key), into(label.right_key), into(same), into(finding, finding_ind),
              into(label.actor), into(at);
        },
        [&]() -> Result<bool> {
          label.same = same != 0;
          label.finding_id =
              finding_ind == soci::i_ok ? std::optional<std::int64_t>(finding) : std::nullopt;
          label.created_at_us = at;
          return visit(label);
        });
  });
}

}  // namespace jaring::storage::sql
