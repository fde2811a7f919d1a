// EnrolmentService, coverage: a worker's coverage history, the persons a program's rules left
// out, and the program's budget by month (committed, billed, remaining).
#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "domain/period.hpp"
#include "domain/region.hpp"
#include "formats/table_export.hpp"
#include "policy/contribution.hpp"
#include "services/enrolment_internal.hpp"
#include "services/enrolment_selection.hpp"
#include "services/enrolment_service.hpp"

namespace jaring::services {
namespace {

using auth::Permission;
using domain::Money;
using domain::Period;
using enrolment::ProgramNotFound;
using enrolment::Translate;

std::vector<ReasonView> ReasonsOf(std::string_view joined) {
  std::vector<ReasonView> out;
  while (!joined.empty()) {
    const auto comma = joined.find(',');
    const std::string_view code = joined.substr(0, comma);
    out.push_back({std::string(code), std::string(ReasonLabel(code))});
    if (comma == std::string_view::npos) break;
    joined.remove_prefix(comma + 1);
  }
  return out;
}

std::unordered_map<std::int64_t, std::string> ProgramNames(storage::Transaction& tx,
                                                           std::string_view regency) {
  std::unordered_map<std::int64_t, std::string> names;
  if (auto programs = tx.Programs().List(regency)) {
    for (const auto& p : *programs) names[p.id] = p.name;
  }
  return names;
}

}  // namespace

Result<WorkerCoverageView> EnrolmentService::WorkerCoverage(std::string_view regency_code,
                                                            std::int64_t worker_id,
                                                            const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewWorkers, regency_code)) {
    return Fail(Error::NotFound("Pekerja " + std::to_string(worker_id) + " tidak ditemukan"));
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto worker = (*tx)->Workers().Get(regency_code, worker_id); !worker) {
    return Fail(Translate(worker.error(), Error::NotFound("Pekerja " + std::to_string(worker_id) +
                                                          " tidak ditemukan")));
  }
  auto names = ProgramNames(**tx, regency_code);
  WorkerCoverageView view;
  view.worker_id = worker_id;
  auto coverage = (*tx)->Enrolment().CoverageOfWorker(regency_code, worker_id);
  if (!coverage) return Fail(std::move(coverage.error()));
  for (const auto& c : *coverage) {
    view.coverage.push_back({c.program_id, names[c.program_id], c.kpj, c.start_date, c.end_date,
                             c.start_reason, c.end_reason, c.batch_id});
  }
  auto members = (*tx)->Enrolment().MembersOfWorker(regency_code, worker_id);
  if (!members) return Fail(std::move(members.error()));
  for (const auto& m : *members) {
    view.enrolments.push_back({m.member.batch_id, m.program_id, names[m.program_id], m.period,
                               m.batch_status, m.member.state, m.member.kpj, m.member.reason});
  }
  auto ineligible = (*tx)->Enrolment().IneligibleOfWorker(regency_code, worker_id);
  if (!ineligible) return Fail(std::move(ineligible.error()));
  for (const auto& i : *ineligible) {
    view.ineligible.push_back(
        {i.program_id, names[i.program_id], i.row.period, ReasonsOf(i.row.reasons)});
  }
  return view;
}

Result<WorkerCoverageView> EnrolmentService::WorkerCoverageByNik(std::string_view regency_code,
                                                                 std::string_view nik,
                                                                 const Actor& actor) {
  const Error missing =
      Error::NotFound("Tidak ada pekerja dengan NIK itu di " + std::string(regency_code));
  if (!enrolment::Allowed(actor, Permission::kViewWorkers, regency_code)) return Fail(missing);
  if (nik.size() != 16 || nik.find_first_not_of("0123456789") != std::string_view::npos) {
    return Fail(Error::InvalidArgument("NIK harus 16 angka"));
  }
  std::int64_t id = 0;
  {
    auto tx = db_.Begin();
    if (!tx) return Fail(std::move(tx.error()));
    storage::WorkerQuery query;
    query.filter.nik_prefix = std::string(nik);
    query.limit = 2;
    auto page = (*tx)->Workers().Find(regency_code, query);
    if (!page) return Fail(std::move(page.error()));
    if (page->items.empty()) return Fail(missing);
    id = page->items.front().worker.id;
  }
  return WorkerCoverage(regency_code, id, actor);
}

Result<std::vector<IneligibleWorkerView>> EnrolmentService::Ineligible(
    std::string_view regency_code, std::int64_t program_id, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewWorkers, regency_code))
    return Fail(ProgramNotFound(program_id));
  const auth::NikVisibility visibility =
      actor.principal ? auth::NikVisibilityFor(*actor.principal, regency_code)
                      : auth::NikVisibility::kFull;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  if (auto program = (*tx)->Programs().Get(regency_code, program_id); !program)
    return Fail(Translate(program.error(), ProgramNotFound(program_id)));
  auto rows = (*tx)->Enrolment().Ineligible(regency_code, program_id);
  if (!rows) return Fail(std::move(rows.error()));
  std::unordered_map<std::int64_t, const storage::IneligibleRecord*> by_worker;
  std::vector<std::int64_t> ids;
  ids.reserve(rows->size());
  for (const auto& r : *rows) {
    by_worker[r.worker_id] = &r;
    ids.push_back(r.worker_id);
  }
  // Their workers by primary key (a walk of the registry in district order read every worker
  // and sorted them: 4 s at 1,000,000), then village by village as the registry list's district
  // order (district, name, id; byte order, as both engines compare these columns), so the list
  // reads as the villages sent it.
  auto records = (*tx)->Workers().GetRecords(regency_code, ids);
  if (!records) return Fail(std::move(records.error()));
  auto district = [](const domain::Worker& w) {
    const std::string_view village = w.village_code;
    return domain::LevelOfCode(village) == domain::RegionLevel::kVillage ? village.substr(0, 8)
                                                                         : std::string_view();
  };
  std::ranges::sort(*records, {}, [&](const storage::WorkerRecord& r) {
    return std::tuple(district(r.worker), std::string_view(r.worker.name), r.worker.id);
  });
  std::vector<IneligibleWorkerView> out;
  out.reserve(records->size());
  for (const storage::WorkerRecord& r : *records) {
    const storage::IneligibleRecord& found = *by_worker.at(r.worker.id);
    IneligibleWorkerView v;
    v.worker_id = r.worker.id;
    v.nik = auth::NikForList(r.worker.nik, visibility);
    v.name = r.worker.name;
    v.village_code = r.worker.village_code;
    v.occupation = r.worker.occupation;
    if (r.worker.birth_date.ok()) v.birth_date = domain::FormatIsoDate(r.worker.birth_date);
    v.period = found.period;
    v.reasons = ReasonsOf(found.reasons);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::string> EnrolmentService::IneligibleXlsx(std::string_view regency_code,
                                                     std::int64_t program_id, const Actor& actor) {
  if (auto ok = enrolment::Require(actor, Permission::kExportPersonalData, regency_code,
                                   "mengunduh data pribadi");
      !ok)
    return Fail(ok.error());
  auto rows = Ineligible(regency_code, program_id, actor);
  if (!rows) return Fail(std::move(rows.error()));
  using formats::TableColumnKind;
  auto table = formats::TableExport::Create(formats::TableFormat::kXlsx, "Tidak memenuhi syarat",
                                            {{"NIK", TableColumnKind::kText, 20, true},
                                             {"Nama", TableColumnKind::kText, 28},
                                             {"Kode desa", TableColumnKind::kText, 16},
                                             {"Pekerjaan", TableColumnKind::kText, 20},
                                             {"Tanggal lahir", TableColumnKind::kText, 14},
                                             {"Bulan", TableColumnKind::kText, 10},
                                             {"Alasan", TableColumnKind::kText, 50}});
  if (!table) return Fail(std::move(table.error()));
  for (const auto& r : *rows) {
    std::string reasons;
    for (const auto& reason : r.reasons) {
      if (!reasons.empty()) reasons += "; ";
      reasons += reason.label;
    }
    table->Text(r.nik)
        .Text(r.name)
        .Text(r.village_code)
        .Text(r.occupation)
        .Text(r.birth_date)
        .Text(r.period)
        .Text(reasons);
    table->EndRow();
  }
  auto bytes = table->Finish();
  if (!bytes) return Fail(std::move(bytes.error()));
  if (trail_ != nullptr) {
    auto tx = db_.Begin();
    if (!tx) return Fail(std::move(tx.error()));
    const std::string after = "{\"program_id\":" + std::to_string(program_id) +
                              ",\"rows\":" + std::to_string(rows->size()) + "}";
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kExport, "program_ineligible",
                                 std::to_string(program_id), std::string(regency_code), "", after));
        !ok)
      return Fail(ok.error());
    if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  }
  return bytes;
}

Result<BudgetMonthsView> EnrolmentService::BudgetMonths(std::string_view regency_code,
                                                        std::int64_t program_id,
                                                        const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency_code))
    return Fail(ProgramNotFound(program_id));
  auto book = policy_.Book();
  if (!book) return Fail(std::move(book.error()));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = (*tx)->Programs().Get(regency_code, program_id);
  if (!program) return Fail(Translate(program.error(), ProgramNotFound(program_id)));
  auto coverage = (*tx)->Enrolment().CoverageOfProgram(regency_code, program_id);
  if (!coverage) return Fail(std::move(coverage.error()));
  auto members = (*tx)->Enrolment().AllMembers(regency_code);
  if (!members) return Fail(std::move(members.error()));

  const Period first = *Period::Parse(program->period_from);
  const Period last = *Period::Parse(program->period_to);
  const int months = domain::MonthsInclusive(first, last);
  // Workers per month: each coverage period counts in every month it touches; a person approved
  // for enrolment and not yet answered counts from the batch's month (the money is promised).
  std::vector<std::int64_t> workers(static_cast<std::size_t>(months), 0);
  auto count_from_to = [&](Period from, Period to) {
    for (int i = 0; i < months; ++i) {
      const Period m = first.Plus(i);
      if (m >= from && m <= to) ++workers[static_cast<std::size_t>(i)];
    }
  };
  for (const auto& c : *coverage) {
    const auto start = Period::Parse(c.start_date.substr(0, 7));
    const auto end = Period::Parse(c.end_date.substr(0, 7));
    if (start && end) count_from_to(*start, *end);
  }
  for (const auto& m : *members) {
    if (m.program_id != program_id || m.member.state != "sent" || m.batch_status == "created")
      continue;
    if (auto from = Period::Parse(m.period)) count_from_to(*from, last);
  }

  // What was billed: the newest version of each month's bill (bill_service.hpp).
  auto bills = (*tx)->Bills().List(regency_code, program_id);
  if (!bills) return Fail(std::move(bills.error()));
  std::unordered_map<std::string, std::int64_t> billed;
  for (const auto& b : *bills) billed[b.period] = b.total;

  BudgetMonthsView view;
  view.program_id = program_id;
  view.budget = Money::Rupiah(program->budget_lines.back().amount);
  view.billed_available = true;
  const policy::ContributionChoice choice{Money::Rupiah(program->declared_income),
                                          program->with_jht};
  std::int64_t remaining = view.budget.rupiah();
  for (int i = 0; i < months; ++i) {
    const Period month = first.Plus(i);
    auto per_worker = policy::ContributionFor(*book, month, choice);
    if (!per_worker) return Fail(std::move(per_worker.error()));
    const std::int64_t n = workers[static_cast<std::size_t>(i)];
    const std::int64_t committed = per_worker->Total().rupiah() * n;
    remaining -= committed;
    const auto was_billed = billed.find(month.ToString());
    view.months.push_back({month.ToString(), n, Money::Rupiah(committed),
                           Money::Rupiah(was_billed == billed.end() ? 0 : was_billed->second),
                           Money::Rupiah(remaining)});
  }
  return view;
}

}  // namespace jaring::services
