// Design notes
//  - A program is three tables (the program, its funding shares, its budget lines) written in
//    one savepoint, so a failed insert leaves none of them.
//  - Reads load the program rows, then the funding and budget lines of the same regency in two
//    queries, not one per program: a regency has a handful of programs a year.
//  - Every statement names the regency beside the id; child rows reference (regency_code, id),
//    so a line can never hang off another regency's program.
#include "storage/sql/program_repository.hpp"

#include <map>

#include "storage/sql/account_repository.hpp"
#include "storage/sql/codec.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

constexpr char kProgramColumns[] =
    "SELECT id, regency_code, name, fiscal_year, period_from, period_to, quota, "
    "participation_code, declared_income, with_jht, age_min, age_max, occupations_json, "
    "domicile_in_regency, exclude_wage_earners, priority_json, actor, created_at FROM programs "
    "WHERE regency_code = :r";

Error ProgramNotFound(std::string_view operation) {
  return Error::NotFound("program tidak ditemukan", "op=" + std::string(operation));
}

Status CheckLine(const ProgramBudgetLine& line) {
  if (line.kind != "original" && line.kind != "revision") {
    return Fail(Error::InvalidArgument("jenis baris anggaran tidak sah", "kind"));
  }
  if (line.amount <= 0) {
    return Fail(Error::InvalidArgument("anggaran harus lebih dari nol", "amount"));
  }
  if (line.quota && *line.quota < 0) {
    return Fail(Error::InvalidArgument("kuota tidak boleh negatif", "quota"));
  }
  return verval::CheckDate(line.decree_date, "decree_date");
}

Status CheckProgram(const ProgramRecord& p) {
  if (auto ok = CheckRegency(p.regency_code); !ok) return ok;
  if (auto ok = verval::CheckPeriod(p.period_from); !ok) return ok;
  if (auto ok = verval::CheckPeriod(p.period_to); !ok) return ok;
  if (auto ok = verval::CheckJson(p.occupations_json, "occupations_json"); !ok) return ok;
  if (auto ok = verval::CheckJson(p.priority_json, "priority_json"); !ok) return ok;
  if (p.budget_lines.empty()) {
    return Fail(Error::InvalidArgument("program tanpa anggaran", "budget_lines empty"));
  }
  for (const auto& line : p.budget_lines) {
    if (auto ok = CheckLine(line); !ok) return ok;
  }
  return {};
}

long long Now(const ProgramBudgetLine& line, const Clock& clock) {
  return line.created_at_us != 0 ? line.created_at_us : ToMicros(clock.Now());
}

std::int64_t InsertLine(soci::session& s, std::string regency, long long program_id,
                        const ProgramBudgetLine& line, long long created) {
  std::string kind = line.kind, decree = line.decree, actor = line.actor;
  verval::DateValue date;
  date.Set(line.decree_date);
  long long amount = line.amount, id = 0, quota = line.quota.value_or(0);
  soci::indicator quota_set = line.quota ? soci::i_ok : soci::i_null;
  s << "INSERT INTO program_budget_lines (regency_code, program_id, kind, amount, decree, "
       "decree_date, actor, created_at, quota) VALUES (:r, :p, :k, :m, :d, :dd, :a, :t, :q) "
       "RETURNING id",
      use(regency), use(program_id), use(kind), use(amount), use(decree),
      use(date.value, date.indicator), use(actor), use(created), use(quota, quota_set), into(id);
  return id;
}

// Reads the programs `select` finds (kProgramColumns + a condition + ORDER BY), with their
// funding and budget lines.
std::vector<ProgramRecord> ReadPrograms(soci::session& s, const std::string& select,
                                        std::string regency, std::optional<long long> only_id) {
  std::vector<ProgramRecord> out;
  ProgramRecord row;
  long long id = 0, quota = 0, income = 0, created = 0;
  int jht = 0, domicile = 0, exclude = 0;
  soci::details::prepare_temp_type prepare = (s.prepare << select);
  prepare, into(id), into(row.regency_code), into(row.name), into(row.fiscal_year),
      into(row.period_from), into(row.period_to), into(quota), into(row.participation_code),
      into(income), into(jht), into(row.age_min), into(row.age_max), into(row.occupations_json),
      into(domicile), into(exclude), into(row.priority_json), into(row.actor), into(created),
      use(regency);
  long long wanted = only_id.value_or(0);
  if (only_id) prepare, use(wanted);
  soci::statement st(prepare);
  st.execute();
  std::map<long long, std::size_t> index;
  while (st.fetch()) {
    row.id = id;
    row.quota = row.original_quota = quota;
    row.declared_income = income;
    row.with_jht = jht != 0;
    row.domicile_in_regency = domicile != 0;
    row.exclude_wage_earners = exclude != 0;
    row.created_at_us = created;
    index[id] = out.size();
    out.push_back(row);
  }
  if (out.empty()) return out;

  const std::string which = only_id ? " AND program_id = :p" : "";
  {
    long long program = 0;
    ProgramFunding funding;
    soci::details::prepare_temp_type q =
        (s.prepare << "SELECT program_id, source, share_bp FROM program_funding WHERE "
                      "regency_code = :r" +
                          which + " ORDER BY program_id, source");
    q, into(program), into(funding.source), into(funding.share_bp), use(regency);
    if (only_id) q, use(wanted);
    soci::statement fs(q);
    fs.execute();
    while (fs.fetch()) {
      if (auto at = index.find(program); at != index.end())
        out[at->second].funding.push_back(funding);
    }
  }
  {
    long long program = 0, line_id = 0, amount = 0, at_us = 0, quota = 0;
    soci::indicator quota_set = soci::i_null;
    ProgramBudgetLine line;
    verval::DateValue date;
    soci::details::prepare_temp_type q =
        (s.prepare << "SELECT program_id, id, kind, amount, decree, CAST(decree_date AS TEXT), "
                      "actor, created_at, quota FROM program_budget_lines WHERE regency_code = :r" +
                          which + " ORDER BY program_id, id");
    q, into(program), into(line_id), into(line.kind), into(amount), into(line.decree),
        into(date.value, date.indicator), into(line.actor), into(at_us), into(quota, quota_set),
        use(regency);
    if (only_id) q, use(wanted);
    soci::statement ls(q);
    ls.execute();
    while (ls.fetch()) {
      line.id = line_id;
      line.amount = amount;
      line.decree_date = date.Get();
      line.created_at_us = at_us;
      line.quota = quota_set == soci::i_ok ? std::optional<std::int64_t>(quota) : std::nullopt;
      if (auto at = index.find(program); at != index.end()) {
        ProgramRecord& p = out[at->second];
        if (line.quota) p.quota = *line.quota;  // lines come oldest first: the newest wins
        p.budget_lines.push_back(line);
      }
    }
  }
  return out;
}

}  // namespace

Result<std::int64_t> SqlProgramRepository::Insert(const ProgramRecord& p) {
  if (auto ok = CheckProgram(p); !ok) return Fail(ok.error());
  return runner_.Run<std::int64_t>(
      "programs.insert", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string regency = p.regency_code, name = p.name, from = p.period_from, to = p.period_to,
                    code = p.participation_code, occupations = p.occupations_json,
                    priority = p.priority_json, actor = p.actor;
        int year = p.fiscal_year, jht = p.with_jht ? 1 : 0, age_min = p.age_min,
            age_max = p.age_max, domicile = p.domicile_in_regency ? 1 : 0,
            exclude = p.exclude_wage_earners ? 1 : 0;
        long long quota = p.quota, income = p.declared_income, id = 0;
        long long created = p.created_at_us != 0 ? p.created_at_us : ToMicros(clock_->Now());
        s << "INSERT INTO programs (regency_code, name, fiscal_year, period_from, period_to, "
             "quota, participation_code, declared_income, with_jht, age_min, age_max, "
             "occupations_json, domicile_in_regency, exclude_wage_earners, priority_json, actor, "
             "created_at) VALUES (:r, :n, :y, :f, :t, :q, :c, :i, :j, :a1, :a2, :o, :d, :x, :p, "
             ":a, :at) RETURNING id",
            use(regency), use(name), use(year), use(from), use(to), use(quota), use(code),
            use(income), use(jht), use(age_min), use(age_max), use(occupations), use(domicile),
            use(exclude), use(priority), use(actor), use(created), into(id);
        for (const ProgramFunding& f : p.funding) {
          std::string source = f.source;
          int share = f.share_bp;
          s << "INSERT INTO program_funding (regency_code, program_id, source, share_bp) "
               "VALUES (:r, :p, :s, :b)",
              use(regency), use(id), use(source), use(share);
        }
        for (const ProgramBudgetLine& line : p.budget_lines) {
          InsertLine(s, regency, id, line, Now(line, *clock_));
        }
        return static_cast<std::int64_t>(id);
      });
}

Result<std::int64_t> SqlProgramRepository::AddBudgetLine(std::string_view regency_code,
                                                         std::int64_t program_id,
                                                         const ProgramBudgetLine& line) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckLine(line); !ok) return Fail(ok.error());
  return runner_.Run<std::int64_t>(
      "programs.add_budget_line", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string regency(regency_code);
        long long id = program_id, found = 0;
        soci::indicator ind = soci::i_null;
        s << "SELECT id FROM programs WHERE regency_code = :r AND id = :id", use(regency), use(id),
            into(found, ind);
        if (!s.got_data() || ind != soci::i_ok)
          return Fail(ProgramNotFound("programs.add_budget_line"));
        return InsertLine(s, regency, id, line, Now(line, *clock_));
      });
}

Result<ProgramRecord> SqlProgramRepository::Get(std::string_view regency_code, std::int64_t id) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<ProgramRecord>(
      "programs.get", CallMode::kRead, [&](soci::session& s) -> Result<ProgramRecord> {
        auto found = ReadPrograms(s, std::string(kProgramColumns) + " AND id = :id",
                                  std::string(regency_code), id);
        if (found.empty()) return Fail(ProgramNotFound("programs.get"));
        return std::move(found.front());
      });
}

Result<std::vector<ProgramRecord>> SqlProgramRepository::List(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return runner_.Run<std::vector<ProgramRecord>>(
      "programs.list", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<ProgramRecord>> {
        return ReadPrograms(s, std::string(kProgramColumns) + " ORDER BY id",
                            std::string(regency_code), std::nullopt);
      });
}

Result<std::optional<std::string>> SqlProgramRepository::RegencyOf(std::int64_t id) {
  return runner_.Run<std::optional<std::string>>(
      "programs.regency_of", CallMode::kRead,
      [&](soci::session& s) -> Result<std::optional<std::string>> {
        long long wanted = id;
        std::string regency;
        soci::indicator ind = soci::i_null;
        s << "SELECT regency_code FROM programs WHERE id = :id", use(wanted), into(regency, ind);
        if (!s.got_data() || ind != soci::i_ok) return std::optional<std::string>();
        return std::optional<std::string>(regency);
      });
}

}  // namespace jaring::storage::sql
