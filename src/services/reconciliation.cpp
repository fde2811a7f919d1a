#include "services/reconciliation.hpp"

#include "domain/date_format.hpp"

namespace jaring::services {

ReconciliationResult Reconcile(const std::vector<storage::BillLineRecord>& bill,
                               const std::vector<InvoiceRow>& invoice,
                               const ReconciliationPeople& people, domain::Period month) {
  ReconciliationResult out;
  for (const char* kind : kReconciliationKinds) out.counts[kind] = 0;
  // worker id -> index in `bill`; matched[i] once an invoice row claimed bill line i.
  std::unordered_map<std::int64_t, std::size_t> on_bill;
  on_bill.reserve(bill.size());
  for (std::size_t i = 0; i < bill.size(); ++i) on_bill.emplace(bill[i].worker_id, i);
  std::vector<bool> matched(bill.size(), false);
  const std::string month_start = domain::FormatIsoDate(month.FirstDay());

  auto add = [&](const char* kind, std::int64_t source_line, std::int64_t worker, std::string nik,
                 std::string kpj, std::string name, std::int64_t billed, std::int64_t expected) {
    storage::ReconciliationLineRecord line;
    line.line_no = static_cast<std::int64_t>(out.lines.size()) + 1;
    line.kind = kind;
    line.source_line = source_line;
    line.worker_id = worker;
    line.nik = std::move(nik);
    line.kpj = std::move(kpj);
    line.name = std::move(name);
    line.billed = billed;
    line.expected = expected;
    out.lines.push_back(std::move(line));
    ++out.counts[kind];
  };

  for (const InvoiceRow& row : invoice) {
    std::int64_t worker = 0;
    if (!row.kpj.empty()) {
      if (auto found = people.id_by_kpj.find(row.kpj); found != people.id_by_kpj.end())
        worker = found->second;
    }
    if (worker == 0 && !row.nik.empty()) {
      if (auto found = people.id_by_nik.find(row.nik); found != people.id_by_nik.end())
        worker = found->second;
    }
    const auto billed_line = worker != 0 ? on_bill.find(worker) : on_bill.end();
    if (billed_line != on_bill.end()) {
      const std::size_t i = billed_line->second;
      if (matched[i]) {
        add("duplicate_billed", row.line, worker, row.nik, row.kpj, row.name, row.amount, 0);
      } else {
        matched[i] = true;
        if (row.amount != bill[i].amount) {
          add("amount_differs", row.line, worker, row.nik, row.kpj, row.name, row.amount,
              bill[i].amount);
        }
      }
      continue;
    }
    const auto person = worker != 0 ? people.by_id.find(worker) : people.by_id.end();
    // A death with no date recorded still took the person off the settled list: billed for a
    // month after it as far as anyone can tell.
    const bool died_before =
        person != people.by_id.end() && person->second.deceased &&
        (person->second.death_date.empty() || person->second.death_date < month_start);
    add(died_before ? "dead_but_billed" : "billed_not_listed", row.line, worker, row.nik, row.kpj,
        row.name, row.amount, 0);
  }
  for (std::size_t i = 0; i < bill.size(); ++i) {
    if (matched[i]) continue;
    const auto person = people.by_id.find(bill[i].worker_id);
    const bool known = person != people.by_id.end();
    add("listed_not_billed", 0, bill[i].worker_id, known ? person->second.nik : std::string(),
        bill[i].kpj, known ? person->second.name : std::string(), 0, bill[i].amount);
  }
  return out;
}

}  // namespace jaring::services
