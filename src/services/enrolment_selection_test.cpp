#include "services/enrolment_selection.hpp"

#include <gtest/gtest.h>

namespace jaring::services {
namespace {

using namespace std::chrono;

domain::Worker Person(year_month_day born, std::string occupation = "petani") {
  domain::Worker w;
  w.id = 1;
  w.regency_code = "35.14";
  w.nik = "3514010101800001";
  w.birth_date = born;
  w.occupation = std::move(occupation);
  w.village_code = "35.14.01.2001";
  w.status = domain::WorkerStatus::kCandidate;
  return w;
}

EligibilityRules Rules() {
  return {.regency_code = "35.14",
          .age_min = 15,
          .age_max = 60,
          .occupations = {},
          .domicile_in_regency = true};
}

constexpr year_month_day kSeptember{2025y, September, 1d};

TEST(EnrolmentSelectionTest, AgeIsJudgedOnTheFirstDayOfTheMonthBothEndsIncluded) {
  struct Case {
    year_month_day born;
    std::vector<std::string_view> reasons;
  } cases[] = {
      {{1965y, September, 1d}, {}},                          // 60 that day: still in
      {{1965y, August, 31d}, {}},                            // 60
      {{1964y, September, 1d}, {ineligibility::kAgeAbove}},  // 61
      {{2010y, September, 1d}, {}},                          // 15 that day
      {{2010y, September, 2d}, {ineligibility::kAgeBelow}},  // 14 until tomorrow
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IneligibilityReasons(Person(c.born), Rules(), kSeptember), c.reasons)
        << static_cast<int>(c.born.year());
  }
}

TEST(EnrolmentSelectionTest, EveryReasonIsListedWithItsLabel) {
  domain::Worker w = Person(year_month_day{});  // no birth date
  w.village_code = "35.13.01.2001";             // Probolinggo
  w.status = domain::WorkerStatus::kDeceased;
  EligibilityRules rules = Rules();
  rules.occupations = {"petani_tembakau"};
  const auto reasons = IneligibilityReasons(w, rules, kSeptember);
  const std::vector<std::string_view> expected = {ineligibility::kNoBirthDate,
                                                  ineligibility::kOccupation,
                                                  ineligibility::kDomicile, ineligibility::kStatus};
  EXPECT_EQ(reasons, expected);
  EXPECT_EQ(JoinReasons(reasons), "no_birth_date,occupation,domicile,status");
  for (auto code : reasons) EXPECT_NE(ReasonLabel(code), code);
  EXPECT_EQ(ReasonLabel(ineligibility::kDomicile), "Domisili di luar kabupaten");
}

TEST(EnrolmentSelectionTest, ANikBpjsCannotRegisterIsAReason) {
  for (const char* nik : {"351402401790001", "357I031301700001", "3.51403E+15", ""}) {
    domain::Worker w = Person({1980y, May, 12d});
    w.nik = nik;
    EXPECT_EQ(IneligibilityReasons(w, Rules(), kSeptember),
              std::vector<std::string_view>{ineligibility::kNikInvalid})
        << nik;
  }
  domain::Worker a = Person({1980y, May, 12d}), b = a, c = a;
  c.nik = "3514010101800002";
  const domain::Worker* listed[] = {&a, &c, &b};
  EXPECT_EQ(SharedNiks(listed), std::vector<std::string>{"3514010101800001"});
}

TEST(EnrolmentSelectionTest, ARegencyPrefixIsNotADomicile) {
  domain::Worker w = Person({1980y, May, 12d});
  w.village_code = "35.141";  // not "35.14." + something
  EXPECT_EQ(IneligibilityReasons(w, Rules(), kSeptember),
            std::vector<std::string_view>{ineligibility::kDomicile});
  EligibilityRules anywhere = Rules();
  anywhere.domicile_in_regency = false;
  EXPECT_TRUE(IneligibilityReasons(w, anywhere, kSeptember).empty());
}

TEST(EnrolmentSelectionTest, PriorityOrderIsTheProgramsAndTotal) {
  std::vector<Candidate> c = {{4, false, "2025-01-01T00:00:00Z"},
                              {3, true, "2025-03-01T00:00:00Z"},
                              {2, false, "2024-06-01T00:00:00Z"},
                              {1, true, "2025-03-01T00:00:00Z"}};
  auto ids = [&] {
    std::vector<std::int64_t> out;
    for (const auto& x : c) out.push_back(x.worker_id);
    return out;
  };
  std::vector<std::string> tobacco_first = {"extreme_poor", "tobacco_sector", "longest_waiting"};
  RankByPriority(c, tobacco_first);
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 3, 2, 4}));
  std::vector<std::string> waiting_first = {"longest_waiting", "tobacco_sector"};
  RankByPriority(c, waiting_first);
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{2, 4, 1, 3}));
  EXPECT_FALSE(PriorityHasData("extreme_poor"));
  EXPECT_TRUE(PriorityHasData("tobacco_sector"));
}

}  // namespace
}  // namespace jaring::services
