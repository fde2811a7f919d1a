// Reconciliation of the BPJS invoice with our bill (issue 14, item 2): the comparison itself,
// pure, so that its rules are tested without a database (reconciliation_test.cpp).
//
//   auto result = Reconcile(bill_lines, invoice.rows, people, Period(2025, 10));
//   result.lines   // one per difference, numbered from 1; result.counts by kind
//
// Rules, in the order they are applied to each invoice row (file order):
//  1. The row is matched to a registry person by its KPJ (a coverage period's KPJ under the
//     program) or else by its NIK.
//  2. A person on the bill billed a second time (another row, another KPJ) -> duplicate_billed
//     (billed: the row's amount, expected 0).
//  3. A person on the bill with another amount -> amount_differs (billed, expected).
//  4. A person not on the bill who died before the month (or whose death has no date) ->
//     dead_but_billed (expected 0).
//  5. Anyone else not on the bill (unknown, or known but not on the settled list) ->
//     billed_not_listed.
// Then every bill line no row matched -> listed_not_billed (billed 0, expected its amount).
// Rows that match a bill line with the same amount are not differences and make no line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/period.hpp"
#include "services/invoice_file.hpp"
#include "storage/bill_repository.hpp"
#include "storage/invoice_repository.hpp"

namespace jaring::services {

inline constexpr const char* kReconciliationKinds[] = {"billed_not_listed", "listed_not_billed",
                                                       "amount_differs", "dead_but_billed",
                                                       "duplicate_billed"};

// What the comparison needs to know about the regency's people.
struct ReconciliationPeople {
  struct Person {
    std::string nik, name;
    std::string death_date;  // ISO "YYYY-MM-DD" or "" (alive, or the date is unknown)
    bool deceased = false;
  };
  std::unordered_map<std::int64_t, Person> by_id;
  std::unordered_map<std::string, std::int64_t> id_by_nik;
  std::unordered_map<std::string, std::int64_t> id_by_kpj;  // the program's coverage KPJs
};

struct ReconciliationResult {
  std::vector<storage::ReconciliationLineRecord> lines;
  std::map<std::string, std::int64_t> counts;  // every kind, 0 when none
};

ReconciliationResult Reconcile(const std::vector<storage::BillLineRecord>& bill,
                               const std::vector<InvoiceRow>& invoice,
                               const ReconciliationPeople& people, domain::Period month);

}  // namespace jaring::services
