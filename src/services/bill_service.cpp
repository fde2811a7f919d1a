#include "services/bill_service.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "auth/nik_mask.hpp"
#include "domain/date_format.hpp"
#include "domain/funding_source.hpp"
#include "domain/period.hpp"
#include "domain/terbilang.hpp"
#include "formats/xlsx_writer.hpp"
#include "policy/contribution.hpp"
#include "services/bill_proration.hpp"
#include "services/enrolment_internal.hpp"

namespace jaring::services {
namespace {

using auth::Permission;
using domain::Money;
using domain::Period;
using Sources = std::vector<std::pair<std::string, Money>>;

Sources SourcesFromJson(const std::string& text) {
  Sources out;
  const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [source, amount] : j.items()) {
    if (amount.is_number_integer())
      out.emplace_back(source, Money::Rupiah(amount.get<std::int64_t>()));
  }
  return out;
}

std::string SourcesToJson(const Sources& sources) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [source, amount] : sources) j[source] = amount.rupiah();
  return j.dump();
}

BillView ViewOf(const storage::BillRecord& b, std::string program_name) {
  BillView v;
  v.id = b.id;
  v.program_id = b.program_id;
  v.program_name = std::move(program_name);
  v.period = b.period;
  v.version = b.version;
  v.workers = b.workers;
  v.total = Money::Rupiah(b.total);
  v.by_source = SourcesFromJson(b.by_source_json);
  v.proration = b.proration;
  v.due_date = b.due_date;
  v.policy_version = b.policy_version;
  v.actor = b.actor;
  v.created_at = enrolment::FromMicros(b.created_at_us);
  v.terbilang = domain::Terbilang(v.total);
  return v;
}

Error NotBilled(std::string_view period) {
  auto month = Period::Parse(period);
  return Error::NotFound("Belum ada tagihan untuk " +
                         (month ? month->ToIndonesian() : std::string(period)));
}

// The computed bill before it is stored.
struct Computed {
  storage::BillRecord bill;
  std::vector<storage::BillLineRecord> lines;
};

}  // namespace

std::vector<std::int64_t> SplitByShares(std::int64_t amount, const std::vector<int>& shares_bp) {
  std::vector<std::int64_t> parts(shares_bp.size(), 0);
  std::vector<std::int64_t> remainders(shares_bp.size(), 0);
  std::int64_t given = 0;
  for (std::size_t i = 0; i < shares_bp.size(); ++i) {
    parts[i] = amount * shares_bp[i] / 10000;
    remainders[i] = amount * shares_bp[i] % 10000;
    given += parts[i];
  }
  std::vector<std::size_t> order(shares_bp.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < amount && k < order.size(); ++k, ++given) ++parts[order[k]];
  return parts;
}

nlohmann::ordered_json ToJson(const BillView& b) {
  nlohmann::ordered_json sources = nlohmann::ordered_json::object();
  for (const auto& [source, amount] : b.by_source) sources[source] = amount.rupiah();
  return {{"workers", b.workers},
          {"total", b.total.rupiah()},
          {"by_source", sources},
          {"id", b.id},
          {"program_id", b.program_id},
          {"program_name", b.program_name},
          {"period", b.period},
          {"version", b.version},
          {"proration", b.proration},
          {"due_date", b.due_date},
          {"policy_version", b.policy_version},
          {"terbilang", b.terbilang},
          {"actor", b.actor},
          {"created_at", domain::FormatIsoTimestamp(b.created_at)}};
}

nlohmann::ordered_json ToJson(const BillLineView& l) {
  nlohmann::ordered_json sources = nlohmann::ordered_json::object();
  for (const auto& [source, amount] : l.by_source) sources[source] = amount.rupiah();
  return {{"worker_id", l.worker_id}, {"nik", l.nik},
          {"name", l.name},           {"kpj", l.kpj},
          {"jkk", l.jkk.rupiah()},    {"jkm", l.jkm.rupiah()},
          {"jht", l.jht.rupiah()},    {"amount", l.amount.rupiah()},
          {"by_source", sources}};
}

Result<BillView> BillService::Issue(std::string_view regency_code, std::int64_t program_id,
                                    std::string_view period_text, const Actor& actor) {
  const std::string regency(regency_code);
  if (!enrolment::Allowed(actor, Permission::kViewDashboard, regency))
    return Fail(enrolment::ProgramNotFound(program_id));
  if (auto ok = enrolment::RequireFinance(actor, regency, "menerbitkan tagihan"); !ok)
    return Fail(ok.error());
  auto period = enrolment::ParseMonth(period_text);
  if (!period) return Fail(std::move(period.error()));
  auto book = policy_.Book();
  if (!book) return Fail(std::move(book.error()));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = enrolment::GetProgram(**tx, regency, program_id);
  if (!program) return Fail(std::move(program.error()));
  const Period first = *Period::Parse(program->period_from);
  const Period last = *Period::Parse(program->period_to);
  if (*period < first || *period > last) {
    return Fail(Error::InvalidArgument("Bulan " + period->ToIndonesian() +
                                       " di luar periode program (" + first.ToIndonesian() + " – " +
                                       last.ToIndonesian() + ")"));
  }
  auto settled = (*tx)->Verval().LatestSettled(regency, period->ToString());
  if (!settled) return Fail(std::move(settled.error()));
  if (!*settled) {
    return Fail(Error::FailedPrecondition("Bulan " + period->ToIndonesian() +
                                          " belum ditetapkan: tagihan dibuat dari daftar yang "
                                          "sudah diverifikasi"));
  }
  auto settled_persons = enrolment::SettledPersons(**tx, regency, (*settled)->id);
  if (!settled_persons) return Fail(std::move(settled_persons.error()));
  const std::unordered_set<std::int64_t>& on_list = *settled_persons;
  auto coverage = (*tx)->Enrolment().CoverageOfProgram(regency, program_id);
  if (!coverage) return Fail(std::move(coverage.error()));

  const policy::ContributionChoice choice{Money::Rupiah(program->declared_income),
                                          program->with_jht};
  auto contribution = policy::ContributionFor(*book, *period, choice);
  if (!contribution) {
    return Fail(Error::FailedPrecondition("Tidak ada aturan iuran yang berlaku untuk " +
                                          period->ToIndonesian()));
  }
  auto in_force = book->InForceFor(policy::RuleFamily::kContribution, *period);
  auto terms = book->RulesFor<policy::PaymentTerms>(*period);
  const int due_day = terms ? (*terms)->due_day : 15;
  const std::string proration = terms ? (*terms)->proration : std::string("whole_month");
  const bool by_day = proration == "by_day";
  // By day, a death inside the month ends the days billed: the deaths on record.
  std::unordered_map<std::int64_t, std::string> died_on;
  if (by_day) {
    auto ok = (*tx)->Verval().ForEachRegistryRecord(regency, [&](const storage::RegistryRecord& r) {
      if (r.worker.status == domain::WorkerStatus::kDeceased && !r.death_date.empty())
        died_on.emplace(r.worker.id, r.death_date);
      return true;
    });
    if (!ok) return Fail(ok.error());
  }
  const int month_days = static_cast<int>(
      (std::chrono::sys_days(period->LastDay()) - std::chrono::sys_days(period->FirstDay()))
          .count() +
      1);

  std::vector<int> shares;
  Sources totals;
  for (const auto& f : program->funding) {
    shares.push_back(f.share_bp);
    totals.emplace_back(f.source, Money::Rupiah(0));
  }
  const std::string month_start = domain::FormatIsoDate(period->FirstDay());
  const std::string month_end = domain::FormatIsoDate(period->LastDay());
  Computed c;
  c.lines.reserve(coverage->size());
  std::unordered_map<std::int64_t, std::pair<std::vector<std::int64_t>, std::string>> splits;
  std::unordered_set<std::int64_t> billed;
  billed.reserve(coverage->size());
  std::int64_t total = 0;
  for (const auto& cov : *coverage) {
    if (cov.start_date > month_end || cov.end_date < month_start) continue;
    if (!on_list.contains(cov.worker_id) || !billed.insert(cov.worker_id).second) continue;
    storage::BillLineRecord line;
    line.worker_id = cov.worker_id;
    line.coverage_id = cov.id;
    line.kpj = cov.kpj;
    line.jkk = contribution->jkk.rupiah();
    line.jkm = contribution->jkm.rupiah();
    line.jht = contribution->jht.rupiah();
    if (by_day) {
      const auto death = died_on.find(cov.worker_id);
      const int days = CoveredDays(cov.start_date, cov.end_date,
                                   death == died_on.end() ? "" : death->second, *period);
      if (days == 0) continue;
      line.jkk = Prorate(line.jkk, days, month_days);
      line.jkm = Prorate(line.jkm, days, month_days);
      line.jht = Prorate(line.jht, days, month_days);
    }
    line.amount = line.jkk + line.jkm + line.jht;
    // Nearly every line of a month costs the same, so its split is computed (and written as
    // JSON) once per amount, not once per worker: at a million workers that is most of the work.
    auto split = splits.find(line.amount);
    if (split == splits.end()) {
      const auto parts = SplitByShares(line.amount, shares);
      Sources sources;
      for (std::size_t i = 0; i < parts.size(); ++i)
        sources.emplace_back(totals[i].first, Money::Rupiah(parts[i]));
      split = splits.emplace(line.amount, std::pair(parts, SourcesToJson(sources))).first;
    }
    for (std::size_t i = 0; i < totals.size(); ++i)
      totals[i].second = totals[i].second + Money::Rupiah(split->second.first[i]);
    line.by_source_json = split->second.second;
    total += line.amount;
    c.lines.push_back(std::move(line));
  }
  std::sort(c.lines.begin(), c.lines.end(),
            [](const auto& a, const auto& b) { return a.worker_id < b.worker_id; });
  c.bill.regency_code = regency;
  c.bill.program_id = program_id;
  c.bill.period = period->ToString();
  c.bill.settled_id = (*settled)->id;
  c.bill.policy_version =
      in_force ? "contribution@" + domain::FormatIsoDate(in_force->version->effective_from) : "";
  c.bill.workers = static_cast<std::int64_t>(c.lines.size());
  c.bill.total = total;
  c.bill.by_source_json = SourcesToJson(totals);
  c.bill.due_date = domain::FormatIsoDate(period->Day(due_day));
  c.bill.proration = proration;
  c.bill.actor = actor.name;

  // The same figures as the newest version: nothing new to issue.
  auto newest = (*tx)->Bills().Latest(regency, program_id, c.bill.period);
  if (!newest) return Fail(std::move(newest.error()));
  if (*newest && (*newest)->settled_id == c.bill.settled_id && (*newest)->total == total &&
      (*newest)->workers == c.bill.workers && (*newest)->by_source_json == c.bill.by_source_json) {
    return ViewOf(**newest, program->name);
  }
  auto stored = (*tx)->Bills().Insert(c.bill, c.lines);
  if (!stored) return Fail(std::move(stored.error()));
  BillView view = ViewOf(*stored, program->name);
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = ToJson(view);
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kCreate, "bill",
                                 std::to_string(stored->id), regency, "", after.dump()));
        !ok)
      return Fail(ok.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return view;
}

Result<BillView> BillService::Get(std::string_view regency_code, std::int64_t program_id,
                                  std::string_view period, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(enrolment::ProgramNotFound(program_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = enrolment::GetProgram(**tx, regency_code, program_id);
  if (!program) return Fail(std::move(program.error()));
  auto newest = (*tx)->Bills().Latest(regency_code, program_id, period);
  if (!newest) return Fail(std::move(newest.error()));
  if (!*newest) return Fail(NotBilled(period));
  return ViewOf(**newest, program->name);
}

Result<std::vector<BillView>> BillService::List(std::string_view regency_code,
                                                std::int64_t program_id, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewReports, regency_code))
    return Fail(enrolment::ProgramNotFound(program_id));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto program = enrolment::GetProgram(**tx, regency_code, program_id);
  if (!program) return Fail(std::move(program.error()));
  auto bills = (*tx)->Bills().List(regency_code, program_id);
  if (!bills) return Fail(std::move(bills.error()));
  std::vector<BillView> out;
  for (const auto& b : *bills) out.push_back(ViewOf(b, program->name));
  return out;
}

Result<std::vector<BillLineView>> BillService::Lines(std::string_view regency_code,
                                                     std::int64_t program_id,
                                                     std::string_view period, const Actor& actor) {
  if (!enrolment::Allowed(actor, Permission::kViewWorkers, regency_code))
    return Fail(enrolment::ProgramNotFound(program_id));
  const auth::NikVisibility visibility =
      actor.principal ? auth::NikVisibilityFor(*actor.principal, regency_code)
                      : auth::NikVisibility::kFull;
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto newest = (*tx)->Bills().Latest(regency_code, program_id, period);
  if (!newest) return Fail(std::move(newest.error()));
  if (!*newest) return Fail(NotBilled(period));
  auto lines = (*tx)->Bills().Lines(regency_code, (*newest)->id);
  if (!lines) return Fail(std::move(lines.error()));
  std::unordered_set<std::int64_t> ids;
  for (const auto& l : *lines) ids.insert(l.worker_id);
  auto workers = enrolment::WorkersById(**tx, regency_code, ids);
  if (!workers) return Fail(std::move(workers.error()));
  std::vector<BillLineView> out;
  out.reserve(lines->size());
  for (const auto& l : *lines) {
    BillLineView v;
    v.worker_id = l.worker_id;
    if (auto w = workers->find(l.worker_id); w != workers->end()) {
      v.nik = auth::NikForList(w->second.worker.nik, visibility);
      v.name = w->second.worker.name;
    }
    v.kpj = l.kpj;
    v.jkk = Money::Rupiah(l.jkk);
    v.jkm = Money::Rupiah(l.jkm);
    v.jht = Money::Rupiah(l.jht);
    v.amount = Money::Rupiah(l.amount);
    v.by_source = SourcesFromJson(l.by_source_json);
    out.push_back(std::move(v));
  }
  return out;
}

Status BillService::WriteXlsx(std::string_view regency_code, std::int64_t program_id,
                              std::string_view period, const std::filesystem::path& out,
                              const Actor& actor) {
  if (auto ok = enrolment::Require(actor, Permission::kExportPersonalData, regency_code,
                                   "mengunduh rincian tagihan");
      !ok)
    return ok;
  auto bill = Get(regency_code, program_id, period, actor);
  if (!bill) return Fail(std::move(bill.error()));
  auto lines = Lines(regency_code, program_id, period, actor);
  if (!lines) return Fail(std::move(lines.error()));
  auto file = formats::XlsxWriter::Create(out.string());
  if (!file) return Fail(std::move(file.error()));
  using K = formats::XlsxColumnKind;
  const std::string rupiah = "#,##0";
  if (auto ok = file->AddSheet("Ringkasan", {{"Uraian", K::kText, 34}, {"Nilai", K::kText, 70}});
      !ok)
    return ok;
  auto row = [&](std::string_view label, std::string_view value) {
    file->Text(label).Text(value);
    file->EndRow();
  };
  const auto month = Period::Parse(bill->period);
  row("Program", bill->program_name);
  row("Bulan", month ? month->ToIndonesian() : bill->period);
  row("Versi tagihan", std::to_string(bill->version));
  row("Jumlah peserta", domain::FormatThousands(bill->workers));
  row("Jumlah tagihan", domain::FormatRupiah(bill->total));
  row("Terbilang", bill->terbilang);
  for (const auto& [source, amount] : bill->by_source) {
    const auto code = domain::FundingSourceFromCode(source);
    row("Sumber dana: " + (code ? std::string(domain::FundingSourceLabel(*code)) : source),
        domain::FormatRupiah(amount));
  }
  auto due = domain::ParseIsoDate(bill->due_date);
  row("Jatuh tempo", due ? domain::FormatDateIndonesian(*due) : bill->due_date);
  row("Aturan iuran", bill->policy_version);
  row("Perhitungan bulan pertama/terakhir",
      bill->proration == "by_day"
          ? "per hari kalender (bulan mulai, bulan berakhir dan bulan meninggal)"
          : "satu bulan penuh");

  std::vector<formats::XlsxColumn> columns = {{"NIK", K::kText, 20},
                                              {"Nama", K::kText, 28},
                                              {"No. KPJ", K::kText, 16},
                                              {"JKK", K::kInteger, 10, rupiah},
                                              {"JKM", K::kInteger, 10, rupiah},
                                              {"JHT", K::kInteger, 10, rupiah},
                                              {"Jumlah", K::kInteger, 12, rupiah}};
  for (const auto& [source, amount] : bill->by_source) {
    columns.push_back({source, K::kInteger, 12, rupiah});
  }
  if (auto ok = file->AddSheet("Rincian", std::move(columns)); !ok) return ok;
  for (const auto& l : *lines) {
    file->Text(l.nik)
        .Text(l.name)
        .Text(l.kpj)
        .Integer(l.jkk.rupiah())
        .Integer(l.jkm.rupiah())
        .Integer(l.jht.rupiah())
        .Integer(l.amount.rupiah());
    for (const auto& [source, amount] : l.by_source) file->Integer(amount.rupiah());
    file->EndRow();
  }
  if (auto ok = file->Close(); !ok) return ok;
  if (trail_ == nullptr) return {};
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  nlohmann::ordered_json after = {
      {"bill_id", bill->id}, {"rows", lines->size()}, {"file", out.filename().string()}};
  if (auto ok = trail_->Append(
          **tx, AuditEvent::By(actor, auth::AuditAction::kExport, "bill", std::to_string(bill->id),
                               std::string(regency_code), "", after.dump()));
      !ok)
    return ok;
  return (*tx)->Commit();
}

}  // namespace jaring::services
