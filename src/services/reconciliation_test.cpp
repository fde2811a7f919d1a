#include "services/reconciliation.hpp"

#include <gtest/gtest.h>

namespace jaring::services {
namespace {

using domain::Period;

storage::BillLineRecord Line(std::int64_t worker, std::string kpj, std::int64_t amount = 16'800) {
  storage::BillLineRecord l;
  l.worker_id = worker;
  l.kpj = std::move(kpj);
  l.jkk = 0;
  l.jkm = amount;
  l.amount = amount;
  return l;
}

InvoiceRow Row(std::int64_t line, std::string nik, std::string kpj, std::int64_t amount = 16'800) {
  return {line, std::move(nik), std::move(kpj), "", amount};
}

// Three covered persons (1, 2, 3) on the bill; 4 died in August, 5 died with no date recorded,
// 6 is known but not on the settled list; 7 died inside October (billed legitimately by BPJS,
// but off our list).
ReconciliationPeople People() {
  ReconciliationPeople p;
  auto add = [&](std::int64_t id, std::string nik, std::string kpj, std::string death = "",
                 bool dead = false) {
    p.by_id[id] = {nik, "Orang " + std::to_string(id), death, dead};
    p.id_by_nik[nik] = id;
    if (!kpj.empty()) p.id_by_kpj[kpj] = id;
  };
  add(1, "3514010101800001", "KPJ0000001");
  add(2, "3514010101800002", "KPJ0000002");
  add(3, "3514010101800003", "KPJ0000003");
  add(4, "3514010101800004", "KPJ0000004", "2025-08-20", true);
  add(5, "3514010101800005", "KPJ0000005", "", true);
  add(6, "3514010101800006", "");
  add(7, "3514010101800007", "KPJ0000007", "2025-10-03", true);
  return p;
}

const std::vector<storage::BillLineRecord> kBill = {Line(1, "KPJ0000001"), Line(2, "KPJ0000002"),
                                                    Line(3, "KPJ0000003")};

TEST(ReconcileTest, AnInvoiceEqualToTheBillHasNoLines) {
  const auto r =
      Reconcile(kBill,
                {Row(2, "3514010101800001", "KPJ0000001"), Row(3, "3514010101800002", "KPJ0000002"),
                 Row(4, "3514010101800003", "KPJ0000003")},
                People(), Period(2025, 10));
  EXPECT_TRUE(r.lines.empty());
  for (const char* kind : kReconciliationKinds) EXPECT_EQ(r.counts.at(kind), 0) << kind;
}

TEST(ReconcileTest, FindsEachKindAndNothingElse) {
  const auto r = Reconcile(kBill,
                           {
                               Row(2, "3514010101800001", "KPJ0000001"),
                               Row(3, "3514010101800002", "KPJ0000002", 17'000),  // differs
                               Row(4, "3514010101800001", "KPJ9999999"),  // 1 again, 2nd KPJ
                               Row(5, "3514010101800004", "KPJ0000004"),  // died in August
                               Row(6, "3514010101800005", ""),            // dead, no date
                               Row(7, "3514010101800006", ""),            // not on the list
                               Row(8, "3514019999999999", "KPJ5555555"),  // nobody we know
                               Row(9, "3514010101800007", "KPJ0000007"),  // died in October
                           },
                           People(), Period(2025, 10));
  EXPECT_EQ(r.counts.at("amount_differs"), 1);
  EXPECT_EQ(r.counts.at("duplicate_billed"), 1);
  EXPECT_EQ(r.counts.at("dead_but_billed"), 2);
  EXPECT_EQ(r.counts.at("billed_not_listed"), 3);
  EXPECT_EQ(r.counts.at("listed_not_billed"), 1);  // worker 3
  ASSERT_EQ(r.lines.size(), 8u);
  EXPECT_EQ(r.lines[0].kind, "amount_differs");
  EXPECT_EQ(r.lines[0].billed, 17'000);
  EXPECT_EQ(r.lines[0].expected, 16'800);
  EXPECT_EQ(r.lines[1].kind, "duplicate_billed");
  EXPECT_EQ(r.lines[1].worker_id, 1);
  EXPECT_EQ(r.lines[1].expected, 0);
  EXPECT_EQ(r.lines.back().kind, "listed_not_billed");
  EXPECT_EQ(r.lines.back().worker_id, 3);
  EXPECT_EQ(r.lines.back().nik, "3514010101800003");
  EXPECT_EQ(r.lines.back().source_line, 0);
  for (std::size_t i = 0; i < r.lines.size(); ++i) EXPECT_EQ(r.lines[i].line_no, i + 1);
}

TEST(ReconcileTest, AnIdenticalRowTwiceIsBilledTwice) {
  const auto r = Reconcile(
      kBill,
      {Row(2, "3514010101800001", "KPJ0000001"), Row(3, "3514010101800001", "KPJ0000001"),
       Row(4, "3514010101800002", "KPJ0000002"), Row(5, "3514010101800003", "KPJ0000003")},
      People(), Period(2025, 10));
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0].kind, "duplicate_billed");
  EXPECT_EQ(r.lines[0].source_line, 3);
}

TEST(ReconcileTest, KpjMatchesBeforeNikAndAMissingNikIsNoObstacle) {
  // A row with the right KPJ and no NIK is the person; a row with a wrong NIK but the right KPJ
  // too (BPJS's copy of the NIK may be mistyped).
  const auto r = Reconcile(kBill,
                           {Row(2, "", "KPJ0000001"), Row(3, "3514010101800099", "KPJ0000002"),
                            Row(4, "3514010101800003", "")},
                           People(), Period(2025, 10));
  EXPECT_TRUE(r.lines.empty());
}

}  // namespace
}  // namespace jaring::services
