#include "policy/benefit.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/date_format.hpp"
#include "policy/defaults.hpp"
#include "policy/policy_file.hpp"
#include "policy/test_versions.hpp"

namespace jaring::policy {
namespace {

using domain::Money;
using fixtures::D;
using ::testing::HasSubstr;

// The benefits version of docs/examples/policy-2025.json (from 1 January 2025).
RuleVersion DefaultBenefits() {
  auto versions = ParsePolicyFile(DefaultPolicyJson());
  EXPECT_TRUE(versions.has_value());
  for (RuleVersion& v : *versions) {
    if (v.family() == RuleFamily::kBenefits) return v;
  }
  ADD_FAILURE() << "no benefits version in the defaults";
  return {};
}

PolicyBook DefaultBook() {
  PolicyBook book;
  EXPECT_TRUE(book.Add(DefaultBenefits()));
  return book;
}

BenefitQuote Quote(const PolicyBook& book, const BenefitQuery& q) {
  auto quote = QuoteBenefit(book, q);
  EXPECT_TRUE(quote.has_value()) << quote.error().ToString();
  return quote ? *quote : BenefitQuote{};
}

std::vector<std::string> Rules(const BenefitQuote& quote) {
  std::vector<std::string> rules;
  for (const BenefitItem& item : quote.items) rules.push_back(item.rule);
  return rules;
}

BenefitQuery Jkm(Date since, Date event) {
  BenefitQuery q;
  q.kind = ClaimKind::kJkm;
  q.member_since = since;
  q.event = event;
  return q;
}

BenefitQuery Jkk(JkkOutcome outcome, std::int64_t income) {
  BenefitQuery q;
  q.kind = ClaimKind::kJkk;
  q.member_since = D(2025, 1, 1);
  q.event = D(2025, 9, 24);
  q.outcome = outcome;
  q.income = Money::Rupiah(income);
  return q;
}

TEST(WholeMonthsBetweenTest, CountsAMonthOnItsDayClampedToTheMonthEnd) {
  struct Case {
    Date from, to;
    int months;
  };
  const Case cases[] = {
      {D(2025, 1, 1), D(2025, 1, 1), 0},   {D(2025, 1, 1), D(2025, 1, 31), 0},
      {D(2025, 1, 1), D(2025, 2, 1), 1},   {D(2025, 1, 15), D(2025, 4, 14), 2},
      {D(2025, 1, 15), D(2025, 4, 15), 3}, {D(2025, 1, 31), D(2025, 2, 27), 0},
      {D(2025, 1, 31), D(2025, 2, 28), 1}, {D(2024, 1, 31), D(2024, 2, 29), 1},
      {D(2022, 1, 1), D(2025, 1, 1), 36},  {D(2022, 1, 2), D(2025, 1, 1), 35},
      {D(2025, 2, 1), D(2025, 1, 31), -1}, {D(2025, 3, 31), D(2025, 2, 28), -1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WholeMonthsBetween(c.from, c.to), c.months)
        << domain::FormatIsoDate(c.from) << " .. " << domain::FormatIsoDate(c.to);
  }
}

TEST(BenefitCodesTest, ParseAndFormatRoundTrip) {
  for (ClaimKind kind : {ClaimKind::kJkm, ClaimKind::kJkk}) {
    EXPECT_EQ(ParseClaimKind(ClaimKindCode(kind)).value(), kind);
  }
  for (JkkOutcome o : {JkkOutcome::kDeath, JkkOutcome::kTotalDisability, JkkOutcome::kInjury}) {
    EXPECT_EQ(ParseJkkOutcome(JkkOutcomeCode(o)).value(), o);
  }
  EXPECT_EQ(ParseClaimKind("JKM").error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(ParseJkkOutcome("cacat").error().message, HasSubstr("total_disability"));
}

// The three-month rule at its edge, with a member since the first and since the last day of a
// month (clamped: 31 January + 3 months is 30 April).
TEST(QuoteJkmTest, TheFirstThreeMonthsPayTenMillionAndTheDayAfterFortyTwo) {
  const PolicyBook book = DefaultBook();
  struct Case {
    Date since, event;
    std::int64_t total;
    bool early;
  };
  const Case cases[] = {
      {D(2025, 1, 1), D(2025, 1, 1), 10'000'000, true},
      {D(2025, 1, 1), D(2025, 2, 15), 10'000'000, true},  // the second month
      {D(2025, 1, 1), D(2025, 3, 31), 10'000'000, true},  // the last day inside
      {D(2025, 1, 1), D(2025, 4, 1), 42'000'000, false},  // the first day after
      {D(2025, 1, 31), D(2025, 4, 29), 10'000'000, true},
      {D(2025, 1, 31), D(2025, 4, 30), 42'000'000, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(domain::FormatIsoDate(c.since) + " .. " + domain::FormatIsoDate(c.event));
    const BenefitQuote quote = Quote(book, Jkm(c.since, c.event));
    EXPECT_TRUE(quote.eligible);
    EXPECT_EQ(quote.total, Money::Rupiah(c.total));
    if (c.early) {
      EXPECT_EQ(Rules(quote),
                (std::vector<std::string>{"early_death.compensation", "early_death.funeral"}));
      EXPECT_EQ(quote.items[0].amount, Money::Rupiah(8'000'000));
      EXPECT_EQ(quote.items[1].amount, Money::Rupiah(2'000'000));
      EXPECT_THAT(quote.reason, HasSubstr("3 bulan pertama"));
      EXPECT_THAT(quote.reason, HasSubstr("Rp 42.000.000"));
    } else {
      EXPECT_EQ(Rules(quote),
                (std::vector<std::string>{"jkm.lump_sum", "jkm.periodic", "jkm.funeral"}));
      EXPECT_EQ(quote.items[0].amount, Money::Rupiah(20'000'000));
      EXPECT_EQ(quote.items[1].amount, Money::Rupiah(12'000'000));
      EXPECT_EQ(quote.items[2].amount, Money::Rupiah(10'000'000));
      EXPECT_THAT(quote.reason, HasSubstr("JKM penuh Rp 42.000.000"));
    }
    EXPECT_EQ(quote.version_from, D(2025, 1, 1));
    EXPECT_THAT(quote.legal_reference, HasSubstr("PP 82/2019"));
  }
}

TEST(QuoteJkmTest, ScholarshipFromThirtySixPaidMonths) {
  const PolicyBook book = DefaultBook();
  struct Case {
    std::optional<int> paid;
    Date since;
    int paid_expected;
    bool scholarship;
  };
  const Case cases[] = {
      {35, D(2022, 1, 1), 35, false},
      {36, D(2022, 1, 1), 36, true},
      {std::nullopt, D(2022, 1, 2), 35, false},  // membership counts: 35 whole months
      {std::nullopt, D(2022, 1, 1), 36, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.paid_expected);
    BenefitQuery q = Jkm(c.since, D(2025, 1, 1));
    q.paid_months = c.paid;
    q.children_in_school = 2;
    q.child_levels = {"smp", "perguruan_tinggi"};
    const BenefitQuote quote = Quote(book, q);
    EXPECT_EQ(quote.paid_months, c.paid_expected);
    if (c.scholarship) {
      ASSERT_EQ(quote.items.size(), 5u);
      EXPECT_EQ(quote.items[3].rule, "scholarship.child");
      EXPECT_EQ(quote.items[3].amount, Money::Rupiah(2'000'000));
      EXPECT_EQ(quote.items[3].name, "Beasiswa anak ke-1 (SMP)");
      EXPECT_EQ(quote.items[4].amount, Money::Rupiah(12'000'000));
      EXPECT_THAT(quote.items[4].detail, HasSubstr("Rp 174.000.000"));
      EXPECT_EQ(quote.total, Money::Rupiah(56'000'000));
      EXPECT_THAT(quote.reason, HasSubstr("Beasiswa tahun pertama untuk 2 anak"));
    } else {
      EXPECT_EQ(quote.items.size(), 3u);
      EXPECT_EQ(quote.total, Money::Rupiah(42'000'000));
      EXPECT_THAT(quote.reason, HasSubstr("Beasiswa belum berhak: 35 bulan"));
    }
  }
}

TEST(QuoteJkmTest, AtMostTwoChildrenAndUnnamedLevelsCountAtTheLowest) {
  const PolicyBook book = DefaultBook();
  BenefitQuery q = Jkm(D(2021, 6, 1), D(2025, 9, 24));
  q.children_in_school = 3;
  q.child_levels = {"sma"};
  const BenefitQuote quote = Quote(book, q);
  ASSERT_EQ(quote.items.size(), 5u);
  EXPECT_EQ(quote.items[3].amount, Money::Rupiah(3'000'000));
  EXPECT_THAT(quote.items[3].detail, HasSubstr("tahun pertama jenjang SMA"));
  EXPECT_EQ(quote.items[4].amount, Money::Rupiah(1'500'000));
  EXPECT_THAT(quote.items[4].detail, HasSubstr("jenjang belum disebut"));
  EXPECT_EQ(quote.items[4].name, "Beasiswa anak ke-2 (TK/SD)");
  EXPECT_THAT(quote.reason, HasSubstr("Disebut 3 anak bersekolah; beasiswa paling banyak untuk 2"));
  EXPECT_EQ(quote.total, Money::Rupiah(46'500'000));
  EXPECT_EQ(quote.membership_months, 51);
}

TEST(QuoteJkmTest, TheScholarshipStopsAtTheCeiling) {
  RuleVersion v = DefaultBenefits();
  std::get<BenefitRules>(v.rules).scholarship.ceiling = Money::Rupiah(13'000'000);
  PolicyBook book;
  ASSERT_TRUE(book.Add(v));
  BenefitQuery q = Jkm(D(2020, 1, 1), D(2025, 9, 24));
  q.children_in_school = 2;
  q.child_levels = {"perguruan_tinggi", "sma"};
  const BenefitQuote quote = Quote(book, q);
  ASSERT_EQ(quote.items.size(), 5u);
  EXPECT_EQ(quote.items[3].amount, Money::Rupiah(12'000'000));
  EXPECT_EQ(quote.items[4].amount, Money::Rupiah(1'000'000));
  EXPECT_THAT(quote.items[4].detail, HasSubstr("dibatasi sisa plafon Rp 1.000.000"));
}

TEST(QuoteJkmTest, AnEventBeforeMembershipIsNotCovered) {
  const BenefitQuote quote = Quote(DefaultBook(), Jkm(D(2025, 3, 1), D(2025, 2, 28)));
  EXPECT_FALSE(quote.eligible);
  EXPECT_EQ(quote.total, Money::Zero());
  EXPECT_TRUE(quote.items.empty());
  EXPECT_EQ(quote.membership_months, 0);
  EXPECT_THAT(quote.reason, HasSubstr("sebelum kepesertaan dimulai (1 Maret 2025)"));
}

TEST(QuoteJkkTest, DeathPaysFortyEightIncomesButAtLeastTheJkmAmount) {
  const PolicyBook book = DefaultBook();
  struct Case {
    std::int64_t income, compensation;
    const char* detail;
  };
  const Case cases[] = {
      {500'000, 42'000'000,
       "48 × Rp 500.000 = Rp 24.000.000, paling sedikit santunan JKM "
       "Rp 42.000.000"},
      {875'000, 42'000'000, "48 × Rp 875.000 = Rp 42.000.000"},
      {875'001, 42'000'048, "48 × Rp 875.001 = Rp 42.000.048"},
      {3'000'000, 144'000'000, "48 × Rp 3.000.000 = Rp 144.000.000"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.income);
    const BenefitQuote quote = Quote(book, Jkk(JkkOutcome::kDeath, c.income));
    EXPECT_TRUE(quote.eligible);
    EXPECT_EQ(Rules(quote), (std::vector<std::string>{"jkk.death_compensation", "jkk.death_funeral",
                                                      "jkk.death_periodic"}));
    EXPECT_EQ(quote.items[0].amount, Money::Rupiah(c.compensation));
    EXPECT_THAT(quote.items[0].detail, HasSubstr(c.detail));
    EXPECT_EQ(quote.total, Money::Rupiah(c.compensation + 22'000'000));
  }
}

TEST(QuoteJkkTest, DeathWithoutTheJkmFloorWhenTheVersionSaysSo) {
  RuleVersion v = DefaultBenefits();
  std::get<BenefitRules>(v.rules).jkk.death_at_least_jkm = false;
  PolicyBook book;
  ASSERT_TRUE(book.Add(v));
  const BenefitQuote quote = Quote(book, Jkk(JkkOutcome::kDeath, 500'000));
  EXPECT_EQ(quote.items[0].amount, Money::Rupiah(24'000'000));
  EXPECT_THAT(quote.items[0].detail, ::testing::Not(HasSubstr("paling sedikit")));
}

TEST(QuoteJkkTest, JkkDeathAddsTheScholarshipUnderTheSameRule) {
  BenefitQuery q = Jkk(JkkOutcome::kDeath, 1'000'000);
  q.member_since = D(2021, 1, 1);
  q.children_in_school = 1;
  const BenefitQuote quote = Quote(DefaultBook(), q);
  ASSERT_EQ(quote.items.size(), 4u);
  EXPECT_EQ(quote.items[3].rule, "scholarship.child");
  EXPECT_EQ(quote.total, Money::Rupiah(48'000'000 + 22'000'000 + 1'500'000));
}

TEST(QuoteJkkTest, TotalDisabilityIsRateTimesMultipleTimesIncomeRoundedHalfUp) {
  const PolicyBook book = DefaultBook();
  const BenefitQuote quote = Quote(book, Jkk(JkkOutcome::kTotalDisability, 1'000'000));
  EXPECT_EQ(Rules(quote), std::vector<std::string>{"jkk.total_disability"});
  EXPECT_EQ(quote.total, Money::Rupiah(56'000'000));
  EXPECT_EQ(quote.items[0].detail, "70 % × 80 × Rp 1.000.000 = Rp 56.000.000");

  RuleVersion v = DefaultBenefits();
  std::get<BenefitRules>(v.rules).jkk.total_disability_rate = 7005;  // 70,05 %
  std::get<BenefitRules>(v.rules).jkk.total_disability_income_multiple = 1;
  PolicyBook odd;
  ASSERT_TRUE(odd.Add(v));
  // 70,05 % of 10 is 7,005 -> 7; of 1.000.010 is 700.507,005 -> 700.507.
  struct Case {
    std::int64_t income, amount;
  };
  const Case cases[] = {{10, 7}, {1'000'010, 700'507}, {10'000, 7'005}, {1'000'000, 700'500}};
  for (const Case& c : cases) {
    const BenefitQuote q = Quote(odd, Jkk(JkkOutcome::kTotalDisability, c.income));
    EXPECT_EQ(q.total, Money::Rupiah(c.amount)) << c.income;
  }
  // Exactly half a rupiah rounds up: 50 x 1 % = 0,5 -> 1.
  std::get<BenefitRules>(v.rules).jkk.total_disability_rate = 100;
  PolicyBook half;
  ASSERT_TRUE(half.Add(v));
  EXPECT_EQ(Quote(half, Jkk(JkkOutcome::kTotalDisability, 50)).total, Money::Rupiah(1));
  EXPECT_EQ(Quote(half, Jkk(JkkOutcome::kTotalDisability, 49)).total, Money::Rupiah(0));
}

TEST(QuoteJkkTest, InjuryPaysCareAndWageReplacementAcrossTwelveMonths) {
  const PolicyBook book = DefaultBook();
  struct Case {
    int months;
    std::vector<std::string> rules;
    std::int64_t total;
  };
  const std::vector<Case> cases = {
      {0, {"jkk.medical_care"}, 0},
      {1, {"jkk.medical_care", "jkk.stmb_full"}, 2'000'000},
      {12, {"jkk.medical_care", "jkk.stmb_full"}, 24'000'000},
      {13, {"jkk.medical_care", "jkk.stmb_full", "jkk.stmb_after"}, 25'000'000},
      {18, {"jkk.medical_care", "jkk.stmb_full", "jkk.stmb_after"}, 30'000'000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.months);
    BenefitQuery q = Jkk(JkkOutcome::kInjury, 2'000'000);
    q.unable_to_work_months = c.months;
    const BenefitQuote quote = Quote(book, q);
    EXPECT_TRUE(quote.eligible);
    EXPECT_EQ(Rules(quote), c.rules);
    EXPECT_EQ(quote.total, Money::Rupiah(c.total));
    EXPECT_EQ(quote.items[0].amount, Money::Zero());
    EXPECT_EQ(quote.items[0].detail, "sesuai kebutuhan medis, tanpa batas");
  }
  BenefitQuery q = Jkk(JkkOutcome::kInjury, 2'000'000);
  q.unable_to_work_months = 14;
  const BenefitQuote quote = Quote(book, q);
  EXPECT_EQ(quote.items[1].detail, "12 bulan × 100 % × Rp 2.000.000 = Rp 24.000.000");
  EXPECT_EQ(quote.items[2].detail, "2 bulan × 50 % × Rp 2.000.000 = Rp 2.000.000");
  EXPECT_EQ(quote.items[2].name, "Santunan tidak mampu bekerja (STMB), bulan 13–14");
}

TEST(QuoteJkkTest, AClaimLapsesFiveYearsAfterTheAccident) {
  const PolicyBook book = DefaultBook();
  struct Case {
    std::optional<Date> as_of;
    bool eligible;
  };
  const Case cases[] = {
      {std::nullopt, true},
      {D(2030, 9, 24), true},  // the last day
      {D(2030, 9, 25), false},
      {D(2025, 9, 1), true},  // before the accident: nothing lapsed
  };
  for (const Case& c : cases) {
    BenefitQuery q = Jkk(JkkOutcome::kDeath, 1'000'000);
    q.as_of = c.as_of;
    const BenefitQuote quote = Quote(book, q);
    EXPECT_EQ(quote.eligible, c.eligible);
    if (!c.eligible) {
      EXPECT_EQ(quote.total, Money::Zero());
      EXPECT_TRUE(quote.items.empty());
      EXPECT_THAT(quote.reason, HasSubstr("kedaluwarsa"));
      EXPECT_THAT(quote.reason, HasSubstr("24 September 2030"));
    }
  }
  // JKM has no deadline.
  BenefitQuery jkm = Jkm(D(2020, 1, 1), D(2025, 9, 24));
  jkm.as_of = D(2040, 1, 1);
  EXPECT_TRUE(Quote(book, jkm).eligible);
}

TEST(QuoteBenefitTest, APolicyChangeBetweenTwoEvents) {
  RuleVersion later = DefaultBenefits();
  later.effective_from = D(2026, 7, 1);
  later.legal_reference = "PP uji 2/2026";
  BenefitRules& rules = std::get<BenefitRules>(later.rules);
  rules.jkm.lump_sum = Money::Rupiah(30'000'000);
  rules.early_death.compensation = Money::Rupiah(13'000'000);
  rules.jkk.death_income_multiple = 60;
  PolicyBook book = DefaultBook();
  ASSERT_TRUE(book.Add(later));

  struct Case {
    BenefitQuery query;
    std::int64_t total;
    Date version_from;
  };
  const Case cases[] = {
      {Jkm(D(2020, 1, 1), D(2026, 6, 30)), 42'000'000, D(2025, 1, 1)},
      {Jkm(D(2020, 1, 1), D(2026, 7, 1)), 52'000'000, D(2026, 7, 1)},
      {Jkm(D(2026, 5, 1), D(2026, 6, 30)), 10'000'000, D(2025, 1, 1)},
      {Jkm(D(2026, 5, 1), D(2026, 7, 1)), 15'000'000, D(2026, 7, 1)},
      {Jkk(JkkOutcome::kDeath, 1'000'000), 70'000'000, D(2025, 1, 1)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(domain::FormatIsoDate(c.query.event));
    const BenefitQuote quote = Quote(book, c.query);
    EXPECT_EQ(quote.total, Money::Rupiah(c.total));
    EXPECT_EQ(quote.version_from, c.version_from);
  }
  BenefitQuery jkk = Jkk(JkkOutcome::kDeath, 1'000'000);
  jkk.event = D(2026, 7, 1);
  const BenefitQuote quote = Quote(book, jkk);
  EXPECT_EQ(quote.total, Money::Rupiah(60'000'000 + 22'000'000));
  EXPECT_EQ(quote.legal_reference, "PP uji 2/2026");
}

TEST(QuoteBenefitTest, BadInputIsRefused) {
  const PolicyBook book = DefaultBook();
  struct Case {
    const char* name;
    BenefitQuery query;
    const char* message;
  };
  std::vector<Case> cases;
  const auto add = [&](const char* name, auto change, const char* message) {
    BenefitQuery q = Jkm(D(2021, 1, 1), D(2025, 9, 24));
    change(q);
    cases.push_back({name, q, message});
  };
  add(
      "negative paid months", [](BenefitQuery& q) { q.paid_months = -1; }, "negatif");
  add(
      "more paid months than membership", [](BenefitQuery& q) { q.paid_months = 58; },
      "lebih banyak dari bulan kepesertaan");
  add(
      "negative children", [](BenefitQuery& q) { q.children_in_school = -1; }, "negatif");
  add(
      "unknown level",
      [](BenefitQuery& q) {
        q.children_in_school = 1;
        q.child_levels = {"s2"};
      },
      "tk_sd, smp, sma, perguruan_tinggi");
  add(
      "more levels than children", [](BenefitQuery& q) { q.child_levels = {"smp"}; },
      "anak bersekolah hanya 0");
  add(
      "income zero", [](BenefitQuery& q) { q.income = Money::Zero(); }, "lebih dari Rp 0");
  add(
      "negative unable months", [](BenefitQuery& q) { q.unable_to_work_months = -2; },
      "tidak mampu bekerja");
  add(
      "a date that does not exist",
      [](BenefitQuery& q) {
        q.event = Date{std::chrono::year{2025}, std::chrono::month{2}, std::chrono::day{30}};
      },
      "tidak ada");
  add(
      "an income whose 80 multiples pass Rp 1 triliun",
      [](BenefitQuery& q) {
        q.kind = ClaimKind::kJkk;
        q.income = Money::Rupiah(12'500'000'001);
      },
      "terlalu besar");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto quote = QuoteBenefit(book, c.query);
    ASSERT_FALSE(quote.has_value());
    EXPECT_EQ(quote.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(quote.error().message, HasSubstr(c.message));
  }
  // 57 calendar months from January 2021 to September 2025: 57 paid is the most.
  BenefitQuery most = Jkm(D(2021, 1, 1), D(2025, 9, 24));
  most.paid_months = 57;
  EXPECT_EQ(Quote(book, most).paid_months, 57);
}

TEST(QuoteBenefitTest, NoVersionInForceIsNotFound) {
  auto quote = QuoteBenefit(DefaultBook(), Jkm(D(2024, 1, 1), D(2024, 12, 31)));
  ASSERT_FALSE(quote.has_value());
  EXPECT_EQ(quote.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(quote.error().message, HasSubstr("31 Desember 2024"));
}

TEST(ExplainBenefitRulesTest, OneExplanationPerRuleWithTheVersionsFigures) {
  const RuleVersion v = DefaultBenefits();
  const auto explanations = ExplainBenefitRules(v);
  ASSERT_EQ(explanations.size(), 14u);
  std::vector<std::string> codes;
  for (const RuleExplanation& e : explanations) {
    codes.push_back(e.code);
    EXPECT_FALSE(e.title_id.empty());
    EXPECT_FALSE(e.title_en.empty());
    EXPECT_THAT(e.text_id, HasSubstr("Dasar hukum: " + v.legal_reference));
    EXPECT_THAT(e.text_en, HasSubstr("Legal basis: " + v.legal_reference));
  }
  EXPECT_EQ(codes.front(), "jkm.lump_sum");
  EXPECT_EQ(codes.back(), "jkk.claim_lapse");
  const auto find = [&](std::string_view code) {
    for (const RuleExplanation& e : explanations) {
      if (e.code == code) return e;
    }
    ADD_FAILURE() << code;
    return RuleExplanation{};
  };
  EXPECT_THAT(find("early_death.compensation").text_id, HasSubstr("3 bulan pertama kepesertaan"));
  EXPECT_THAT(find("early_death.compensation").text_id, HasSubstr("Rp 8.000.000"));
  EXPECT_TRUE(find("early_death.compensation").uncertain);
  EXPECT_FALSE(find("jkm.lump_sum").uncertain);
  EXPECT_THAT(find("scholarship.child").text_id, HasSubstr("SMP Rp 2.000.000"));
  EXPECT_THAT(find("scholarship.child").text_en, HasSubstr("Rp 174.000.000"));
  EXPECT_THAT(find("jkk.total_disability").text_id, HasSubstr("70 % × 80"));
  EXPECT_TRUE(find("jkk.stmb_after").uncertain);
  EXPECT_THAT(find("jkk.death_compensation").text_en,
              HasSubstr("at least the JKM amount of Rp 42.000.000"));

  RuleVersion changed = v;
  std::get<BenefitRules>(changed.rules).jkm.lump_sum = Money::Rupiah(30'000'000);
  EXPECT_THAT(ExplainBenefitRules(changed)[0].text_id, HasSubstr("Rp 30.000.000"));
  EXPECT_THAT(ExplainBenefitRules(changed)[0].text_id, HasSubstr("Rp 52.000.000"));

  EXPECT_TRUE(ExplainBenefitRules(fixtures::ContributionVersion(D(2025, 1, 1))).empty());
}

}  // namespace
}  // namespace jaring::policy
