#include "services/program_service.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "domain/region.hpp"
#include "policy/budget.hpp"
#include "policy/contribution.hpp"

namespace jaring::services {
namespace {

using domain::Money;
using domain::Period;

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxDecree = 200;

Status MayChange(const Actor& actor, std::string_view regency) {
  if (!actor.principal ||
      auth::Allows(*actor.principal, auth::Permission::kManagePrograms, regency)) {
    return {};
  }
  return Fail(Error::PermissionDenied(
      "Akun " + actor.name + " tidak berwenang mengelola program di " + std::string(regency)));
}

// Reading a program of a regency one may not see answers like a missing program.
bool MayRead(const Actor& actor, std::string_view regency) {
  return !actor.principal ||
         auth::Allows(*actor.principal, auth::Permission::kViewDashboard, regency);
}

Error ProgramNotFound(std::int64_t id) {
  return Error::NotFound("Program " + std::to_string(id) + " tidak ditemukan");
}

std::string Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

Result<Period> MonthOf(std::string_view text, std::string_view what) {
  auto month = Period::Parse(text);
  if (!month) {
    return Fail(Error::InvalidArgument(std::string(what) + " harus berbentuk YYYY-MM, bukan \"" +
                                       std::string(text) + "\""));
  }
  return *month;
}

Status CheckBudget(Money budget) {
  if (budget.rupiah() > 0) return {};
  return Fail(Error::InvalidArgument("Anggaran harus lebih dari Rp 0, bukan " +
                                     domain::FormatRupiah(budget)));
}

Status CheckRegencyExists(std::string_view code) {
  const domain::Region* region = domain::RegionIndex::Embedded().Find(code);
  if (region != nullptr && region->level == domain::RegionLevel::kRegency) return {};
  return Fail(Error::InvalidArgument("Kode kabupaten/kota \"" + std::string(code) +
                                     "\" tidak dikenal (mis. 35.14)"));
}

// A policy calculation's NotFound (no version in force for a month) is a precondition of the
// program, not a missing program: exit code 5 and a 409, with the policy's own message.
Error PolicyGap(Error error) {
  if (error.code != ErrorCode::kNotFound) return error;
  return Error::FailedPrecondition(std::move(error.message), std::move(error.details));
}

std::vector<std::string> JsonList(const std::string& text) {
  std::vector<std::string> out;
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

ProgramView ViewOf(const storage::ProgramRecord& r) {
  ProgramView v;
  v.id = r.id;
  v.regency_code = r.regency_code;
  v.name = r.name;
  v.fiscal_year = r.fiscal_year;
  v.period_from = r.period_from;
  v.period_to = r.period_to;
  auto from = Period::Parse(r.period_from);
  auto to = Period::Parse(r.period_to);
  if (from && to) v.months = domain::MonthsInclusive(*from, *to);
  v.quota = r.quota;
  v.original_quota = r.original_quota;
  v.participation_code = r.participation_code;
  v.declared_income = Money::Rupiah(r.declared_income);
  v.with_jht = r.with_jht;
  v.age_min = r.age_min;
  v.age_max = r.age_max;
  v.occupations = JsonList(r.occupations_json);
  v.domicile_in_regency = r.domicile_in_regency;
  v.exclude_wage_earners = r.exclude_wage_earners;
  v.priority = JsonList(r.priority_json);
  for (const auto& f : r.funding) {
    const auto source = domain::FundingSourceFromCode(f.source);
    v.funding.push_back({f.source,
                         source ? std::string(domain::FundingSourceLabel(*source)) : f.source,
                         f.share_bp});
  }
  for (const auto& l : r.budget_lines) {
    v.budget_lines.push_back({l.id, l.kind, Money::Rupiah(l.amount), l.decree, l.decree_date,
                              l.actor, TimePoint(std::chrono::microseconds(l.created_at_us)),
                              l.quota});
  }
  if (!v.budget_lines.empty()) v.budget = v.budget_lines.back().amount;
  v.actor = r.actor;
  v.created_at = TimePoint(std::chrono::microseconds(r.created_at_us));
  return v;
}

// The eligibility part of a program: the defaults in force at its first month, narrowed.
Status SetEligibility(const ProgramInput& in, const policy::EligibilityRules& law,
                      storage::ProgramRecord& out) {
  const int law_max = law.age_max_exclusive - 1;
  out.age_min = in.age_min.value_or(law.age_min);
  out.age_max = in.age_max.value_or(law_max);
  if (out.age_min > out.age_max) {
    return Fail(Error::InvalidArgument("Usia paling rendah (" + std::to_string(out.age_min) +
                                       ") lebih tinggi dari usia paling tinggi (" +
                                       std::to_string(out.age_max) + ")"));
  }
  if (out.age_min < law.age_min || out.age_max > law_max) {
    return Fail(Error::InvalidArgument(
        "Rentang usia program (" + std::to_string(out.age_min) + "–" + std::to_string(out.age_max) +
        " tahun) harus di dalam rentang kebijakan yang berlaku (" + std::to_string(law.age_min) +
        "–" + std::to_string(law_max) + " tahun)"));
  }
  std::vector<std::string> occupations = in.occupations.value_or(law.occupations);
  std::set<std::string> seen;
  for (const auto& code : occupations) {
    if (!seen.insert(code).second) {
      return Fail(Error::InvalidArgument("Pekerjaan \"" + code + "\" disebut dua kali"));
    }
    if (std::ranges::find(law.occupations, code) == law.occupations.end()) {
      return Fail(Error::InvalidArgument(
          "Pekerjaan \"" + code + "\" tidak termasuk pekerjaan menurut kebijakan yang berlaku"));
    }
  }
  out.occupations_json = nlohmann::json(occupations).dump();
  out.domicile_in_regency = in.domicile_in_regency.value_or(law.domicile_in_regency);
  out.exclude_wage_earners = in.exclude_wage_earners.value_or(law.exclude_wage_earners);
  return {};
}

Result<std::string> PriorityJson(const std::optional<std::vector<std::string>>& given) {
  std::vector<std::string> priority;
  if (!given) {
    for (const auto code : kPriorityCodes) priority.emplace_back(code);
    return nlohmann::json(priority).dump();
  }
  std::set<std::string> seen;
  for (const auto& code : *given) {
    if (std::ranges::find(kPriorityCodes, code) == std::end(kPriorityCodes)) {
      return Fail(Error::InvalidArgument("Aturan prioritas \"" + code +
                                         "\" tidak dikenal; pilih dari extreme_poor, "
                                         "tobacco_sector, longest_waiting"));
    }
    if (!seen.insert(code).second) {
      return Fail(Error::InvalidArgument("Aturan prioritas \"" + code + "\" disebut dua kali"));
    }
  }
  return nlohmann::json(*given).dump();
}

Status CheckParticipationCode(const std::string& code) {
  const bool ok =
      code.size() <= 4 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
  if (ok) return {};
  return Fail(Error::InvalidArgument("Kode kepesertaan BPJS harus huruf, mis. SG, SA atau SD"));
}

Status CheckDate(const std::string& date, std::string_view what) {
  if (date.empty() || domain::ParseIsoDate(date)) return {};
  return Fail(Error::InvalidArgument(std::string(what) + " harus berbentuk YYYY-MM-DD, bukan \"" +
                                     date + "\""));
}

// The program's record from its input, checked (see program_service.hpp).
Result<storage::ProgramRecord> RecordOf(const ProgramInput& in, const policy::PolicyBook& book,
                                        const Actor& actor) {
  storage::ProgramRecord r;
  r.regency_code = in.regency_code;
  if (auto ok = CheckRegencyExists(in.regency_code); !ok) return Fail(ok.error());
  r.name = Trimmed(in.name);
  if (r.name.empty()) return Fail(Error::InvalidArgument("Nama program wajib diisi"));
  if (r.name.size() > kMaxName) {
    return Fail(Error::InvalidArgument("Nama program paling panjang 200 karakter"));
  }
  if (auto ok = domain::CheckFunding(in.funding); !ok) return Fail(ok.error());
  if (auto ok = CheckBudget(in.budget); !ok) return Fail(ok.error());
  auto from = MonthOf(in.from, "Bulan mulai");
  if (!from) return Fail(std::move(from.error()));
  auto to = MonthOf(in.to, "Bulan akhir");
  if (!to) return Fail(std::move(to.error()));
  if (*to < *from) {
    return Fail(Error::InvalidArgument("Periode berakhir (" + to->ToIndonesian() +
                                       ") sebelum dimulai (" + from->ToIndonesian() + ")"));
  }
  r.period_from = from->ToString();
  r.period_to = to->ToString();
  r.fiscal_year = in.fiscal_year.value_or(from->year());
  if (r.fiscal_year < 2000 || r.fiscal_year > 9999) {
    return Fail(Error::InvalidArgument("Tahun anggaran tidak sah"));
  }
  if (in.quota < 0) return Fail(Error::InvalidArgument("Kuota tidak boleh negatif"));
  r.quota = in.quota;
  r.participation_code = Trimmed(in.participation_code);
  for (char& c : r.participation_code)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (auto ok = CheckParticipationCode(r.participation_code); !ok) return Fail(ok.error());
  const std::string decree = Trimmed(in.budget_decree);
  if (decree.size() > kMaxDecree) {
    return Fail(Error::InvalidArgument("Nomor keputusan paling panjang 200 karakter"));
  }
  if (auto ok = CheckDate(in.budget_decree_date, "Tanggal keputusan"); !ok) return Fail(ok.error());

  // The law at the program's first month: the income must be priced for every month of the
  // period, and eligibility narrows the defaults in force then.
  const policy::ContributionChoice choice{in.declared_income.value_or(Money::Rupiah(1'000'000)),
                                          in.with_jht};
  r.declared_income = choice.declared_income.rupiah();
  r.with_jht = choice.with_jht;
  if (auto priced = policy::SpanCost(book, choice, *from, *to, 1); !priced) {
    return Fail(PolicyGap(std::move(priced.error())));
  }
  auto law = book.RulesFor<policy::EligibilityRules>(*from);
  if (!law) return Fail(PolicyGap(std::move(law.error())));
  if (auto ok = SetEligibility(in, **law, r); !ok) return Fail(ok.error());
  auto priority = PriorityJson(in.priority);
  if (!priority) return Fail(std::move(priority.error()));
  r.priority_json = std::move(*priority);

  for (const auto& f : in.funding) {
    r.funding.push_back({std::string(domain::ToCode(f.source)), f.share_bp});
  }
  std::ranges::sort(r.funding, {}, &storage::ProgramFunding::source);
  r.budget_lines.push_back({.kind = "original",
                            .amount = in.budget.rupiah(),
                            .decree = decree,
                            .decree_date = in.budget_decree_date,
                            .actor = actor.name,
                            .quota = in.quota});
  r.actor = actor.name;
  return r;
}

}  // namespace

Result<std::int64_t> ProgramService::Add(const ProgramInput& input, const Actor& actor) {
  if (auto ok = MayChange(actor, input.regency_code); !ok) return Fail(ok.error());
  auto book = policy_.Book();
  if (!book) return Fail(std::move(book.error()));
  auto record = RecordOf(input, *book, actor);
  if (!record) return Fail(std::move(record.error()));

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto id = (*tx)->Programs().Insert(*record);
  if (!id) return Fail(std::move(id.error()));
  if (trail_ != nullptr) {
    // The entry holds the program as stored (ids, times), read back in the same transaction.
    auto stored = (*tx)->Programs().Get(input.regency_code, *id);
    if (!stored) return Fail(std::move(stored.error()));
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kCreate, "program", std::to_string(*id),
                                 input.regency_code, "", ProgramToJson(ViewOf(*stored)).dump()));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto committed = (*tx)->Commit(); !committed) return Fail(committed.error());
  return *id;
}

Result<std::int64_t> ProgramService::Revise(std::string_view regency_code, std::int64_t id,
                                            const BudgetRevision& revision, const Actor& actor) {
  if (!MayRead(actor, regency_code)) return Fail(ProgramNotFound(id));
  if (auto ok = MayChange(actor, regency_code); !ok) return Fail(ok.error());
  if (auto ok = CheckBudget(revision.budget); !ok) return Fail(ok.error());
  const std::string decree = Trimmed(revision.decree);
  if (decree.empty()) {
    return Fail(Error::InvalidArgument("Nomor keputusan perubahan anggaran (PAK) wajib diisi"));
  }
  if (decree.size() > kMaxDecree) {
    return Fail(Error::InvalidArgument("Nomor keputusan paling panjang 200 karakter"));
  }
  if (revision.date.empty()) {
    return Fail(Error::InvalidArgument("Tanggal keputusan perubahan anggaran wajib diisi"));
  }
  if (auto ok = CheckDate(revision.date, "Tanggal keputusan"); !ok) return Fail(ok.error());
  if (revision.quota && *revision.quota < 0) {
    return Fail(Error::InvalidArgument("Kuota tidak boleh negatif"));
  }

  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto before = (*tx)->Programs().Get(regency_code, id);
  if (!before) {
    if (before.error().code == ErrorCode::kNotFound) return Fail(ProgramNotFound(id));
    return Fail(std::move(before.error()));
  }
  const std::int64_t old_budget = before->budget_lines.back().amount;
  auto line = (*tx)->Programs().AddBudgetLine(regency_code, id,
                                              {.kind = "revision",
                                               .amount = revision.budget.rupiah(),
                                               .decree = decree,
                                               .decree_date = revision.date,
                                               .actor = actor.name,
                                               .quota = revision.quota});
  if (!line) return Fail(std::move(line.error()));
  if (trail_ != nullptr) {
    const nlohmann::ordered_json was = {{"budget", old_budget}, {"quota", before->quota}};
    const nlohmann::ordered_json now = {{"budget", revision.budget.rupiah()},
                                        {"quota", revision.quota.value_or(before->quota)},
                                        {"budget_line_id", *line},
                                        {"decree", decree},
                                        {"decree_date", revision.date}};
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kUpdate, "program", std::to_string(id),
                                 std::string(regency_code), was.dump(), now.dump()));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto committed = (*tx)->Commit(); !committed) return Fail(committed.error());
  return *line;
}

Result<ProgramView> ProgramService::Get(std::string_view regency_code, std::int64_t id,
                                        const Actor& actor) {
  if (!MayRead(actor, regency_code)) return Fail(ProgramNotFound(id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto record = (*tx)->Programs().Get(regency_code, id);
  if (!record) {
    if (record.error().code == ErrorCode::kNotFound) return Fail(ProgramNotFound(id));
    return Fail(std::move(record.error()));
  }
  return ViewOf(*record);
}

Result<std::vector<ProgramView>> ProgramService::List(std::string_view regency_code,
                                                      const Actor& actor) {
  if (!MayRead(actor, regency_code)) {
    return Fail(Error::PermissionDenied("Akun " + actor.name + " tidak berwenang di " +
                                        std::string(regency_code)));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto records = (*tx)->Programs().List(regency_code);
  if (!records) return Fail(std::move(records.error()));
  std::vector<ProgramView> out;
  out.reserve(records->size());
  for (const auto& r : *records) out.push_back(ViewOf(r));
  return out;
}

Result<SimulationView> ProgramService::Simulate(std::string_view regency_code, std::int64_t id,
                                                const SimulationRequest& request,
                                                const Actor& actor) {
  auto program = Get(regency_code, id, actor);
  if (!program) return Fail(std::move(program.error()));
  SimulationView s;
  s.program_id = id;
  if (request.workers) {
    if (*request.workers <= 0) {
      return Fail(Error::InvalidArgument("Jumlah pekerja harus lebih dari 0"));
    }
    s.workers = *request.workers;
    s.workers_basis = "request";
  } else if (program->quota > 0) {
    s.workers = program->quota;
    s.workers_basis = "quota";
  } else {
    return Fail(Error::InvalidArgument(
        "Program tanpa kuota: sebutkan jumlah pekerja yang disimulasikan (--workers N)"));
  }
  const Period first = *Period::Parse(program->period_from);
  const Period last = *Period::Parse(program->period_to);
  Period from = first;
  if (request.from) {
    auto asked = MonthOf(*request.from, "Bulan mulai simulasi");
    if (!asked) return Fail(std::move(asked.error()));
    if (*asked < first || *asked > last) {
      return Fail(Error::InvalidArgument("Bulan mulai simulasi (" + asked->ToIndonesian() +
                                         ") di luar periode program (" + first.ToIndonesian() +
                                         " – " + last.ToIndonesian() + ")"));
    }
    from = *asked;
  }
  auto book = policy_.Book();
  if (!book) return Fail(std::move(book.error()));
  const policy::ContributionChoice choice{program->declared_income, program->with_jht};
  auto per_worker = policy::ContributionFor(*book, from, choice);
  if (!per_worker) return Fail(PolicyGap(std::move(per_worker.error())));
  auto sim = policy::Simulate(*book, choice, program->budget, s.workers, from, last);
  if (!sim) return Fail(PolicyGap(std::move(sim.error())));

  s.from = from.ToString();
  s.to = last.ToString();
  s.months_until_end = domain::MonthsInclusive(from, last);
  s.budget = program->budget;
  s.per_worker = per_worker->Total();
  s.monthly_cost = sim->monthly_cost;
  s.whole_months = sim->runway.whole_months;
  if (sim->runway.covered_until) s.covered_until = sim->runway.covered_until->ToString();
  s.spent = sim->runway.spent;
  s.left = sim->runway.left;
  if (sim->runway.first_unpaid) s.next_month = sim->runway.first_unpaid->ToString();
  s.next_month_cost = sim->runway.first_unpaid_cost;
  s.shortfall_next_month = sim->runway.shortfall;
  s.cost_until_end = sim->cost_until_end;
  s.workers_until_end = sim->workers_until_end;
  s.surplus = sim->until_end.surplus;
  s.shortfall = sim->until_end.shortfall;
  if (request.add_workers) {
    if (*request.add_workers <= 0) {
      return Fail(Error::InvalidArgument("Jumlah pekerja tambahan (PAK) harus lebih dari nol"));
    }
    Period pak_from = from;
    if (request.add_from) {
      auto asked = MonthOf(*request.add_from, "Bulan mulai tambahan pekerja");
      if (!asked) return Fail(std::move(asked.error()));
      if (*asked < from || *asked > last) {
        return Fail(Error::InvalidArgument("Bulan mulai tambahan pekerja (" +
                                           asked->ToIndonesian() + ") di luar " +
                                           from.ToIndonesian() + " – " + last.ToIndonesian()));
      }
      pak_from = *asked;
    }
    auto cost = policy::PakCost(*book, choice, *request.add_workers, pak_from, last);
    if (!cost) return Fail(PolicyGap(std::move(cost.error())));
    const std::int64_t missing = s.cost_until_end.rupiah() + cost->rupiah() - s.budget.rupiah();
    s.pak = SimulationView::Pak{*request.add_workers, pak_from.ToString(), *cost,
                                Money::Rupiah(missing > 0 ? missing : 0)};
  }
  return s;
}

Result<std::string> ProgramService::RegencyOf(std::int64_t id) {
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto regency = (*tx)->Programs().RegencyOf(id);
  if (!regency) return Fail(std::move(regency.error()));
  if (!*regency) return Fail(ProgramNotFound(id));
  return **regency;
}

}  // namespace jaring::services
