// IssueGroups over rows checked by the real RowValidator: a group's message is true of every
// row in it (never one row's value), its examples are distinct values with their lines, and
// the groups come errors first, then by count.
#include "services/issue_groups.hpp"

#include <gtest/gtest.h>

#include "domain/nik.hpp"
#include "domain/region.hpp"
#include "intake/column_mapping.hpp"
#include "intake/source_row.hpp"

namespace jaring::services {
namespace {

using intake::RowIssue;
using intake::RowOutcome;
using intake::Severity;

const std::vector<std::string> kHeader = {"NIK",  "Nama",      "JK",       "Tgl Lahir",
                                          "Desa", "Kecamatan", "Pekerjaan"};

// Validates `rows` (cells over kHeader) as lines 2, 3, ... of a file and groups their issues.
class Grouped {
 public:
  explicit Grouped(const std::vector<std::vector<std::string>>& rows,
                   IssueGroupSettings settings = {})
      : groups_(settings) {
    intake::ValidationOptions options;
    options.regency_code = "35.14";
    options.reference_date = std::chrono::year_month_day{
        std::chrono::year{2025}, std::chrono::month{7}, std::chrono::day{1}};
    options.min_age = settings.min_age;
    options.max_age = settings.max_age;
    intake::RowValidator validator(intake::DetectMapping(kHeader), domain::RegionIndex::Embedded(),
                                   options);
    std::uint64_t line = 2;
    for (const auto& cells : rows) {
      RowOutcome outcome;
      validator.Validate(intake::MakeRow(line++, cells), outcome);
      groups_.Add(outcome);
      outcomes.push_back(std::move(outcome));
    }
    result = std::move(groups_).Take();
  }

  const IssueGroup& Group(std::string_view code) const {
    for (const auto& group : result) {
      if (group.code == code) return group;
    }
    ADD_FAILURE() << "no group " << code;
    static const IssueGroup kNone;
    return kNone;
  }
  // The rows' own messages of `code`.
  std::vector<std::string> RowMessages(std::string_view code) const {
    std::vector<std::string> messages;
    for (const auto& outcome : outcomes) {
      for (const auto& issue : outcome.issues) {
        if (issue.code == code) messages.push_back(issue.message);
      }
    }
    return messages;
  }

  std::vector<RowOutcome> outcomes;
  std::vector<IssueGroup> result;

 private:
  IssueGroups groups_;
};

std::vector<std::string> Person(std::string nik, std::string name, std::string birth,
                                std::string occupation = "Petani") {
  return {std::move(nik), std::move(name),      "L", std::move(birth), "Gerbo",
          "Purwodadi",    std::move(occupation)};
}

TEST(IssueGroups, AgesOutsideTheRangeAreDescribedByTheRangeNotByOneRowsAge) {
  // Born 1950, 2015 and 1940: 74, 10 and 85 years old on 1 July 2025.
  const Grouped g({Person("3514011708500001", "Budi", "17-08-1950"),
                   Person("3514010201150002", "Adi", "02-01-2015"),
                   Person("3514010505400003", "Karto", "05-05-1940")});
  ASSERT_EQ(g.result.size(), 1u) << g.result.front().code;
  const IssueGroup& group = g.Group("AGE_OUT_OF_RANGE");
  EXPECT_EQ(group.message, "Umur di luar rentang program (15–64 tahun)");
  EXPECT_EQ(group.count, 3u);
  EXPECT_EQ(group.lines, (std::vector<std::uint64_t>{2, 3, 4}));
  const std::vector<std::string> own = g.RowMessages("AGE_OUT_OF_RANGE");
  ASSERT_EQ(own.size(), 3u);
  EXPECT_NE(own[0], own[1]) << "the rows' messages quote their ages";
  for (const std::string& message : own) EXPECT_NE(group.message, message);
  for (const char* age : {"74", "10", "85"}) {
    EXPECT_EQ(group.message.find(age), std::string::npos) << group.message;
  }
  EXPECT_EQ(group.examples,
            (std::vector<IssueExample>{{2, "17-08-1950"}, {3, "02-01-2015"}, {4, "05-05-1940"}}));
}

TEST(IssueGroups, TheAgeRangeIsTheProgramsOwn) {
  const Grouped g({Person("3514011708500001", "Budi", "17-08-1950")},
                  {.min_age = 18, .max_age = 60});
  EXPECT_EQ(g.Group("AGE_OUT_OF_RANGE").message, "Umur di luar rentang program (18–59 tahun)");
}

TEST(IssueGroups, UnreadableDatesAreDescribedWithoutQuotingOne) {
  const Grouped g({Person("3514011505800004", "Paijo", "31 Februari 1980"),
                   Person("3514011505800005", "Paimin", "tgl lupa")});
  const IssueGroup& group = g.Group("DATE_INVALID");
  EXPECT_EQ(group.message, "Tanggal lahir tidak dapat dibaca");
  EXPECT_EQ(group.count, 2u);
  EXPECT_EQ(group.examples, (std::vector<IssueExample>{{2, "31 Februari 1980"}, {3, "tgl lupa"}}));
}

TEST(IssueGroups, MissingRequiredFieldsAreNamedOnceInOrderAndEachLineOnce) {
  const Grouped g({Person("3514011506800003", "", "15-06-1980"),  // no name
                   Person("", "Wagiman", "17-08-1988"),           // no NIK
                   Person("", "", "17-08-1988")});                // neither: two issues
  const IssueGroup& group = g.Group("REQUIRED_MISSING");
  EXPECT_EQ(group.message, "Kolom wajib kosong: Nama, NIK");
  EXPECT_EQ(group.count, 4u) << "issues, not rows";
  EXPECT_EQ(group.lines, (std::vector<std::uint64_t>{2, 3, 4}));
  EXPECT_TRUE(group.examples.empty()) << "an empty cell is no example";
}

TEST(IssueGroups, OneSentencePerCodeStaysAsItIs) {
  const Grouped g({Person("35140117088", "Wagiman", "17-08-1988"),
                   Person("351401170888", "Wagino", "17-08-1988")});
  const IssueGroup& group = g.Group("NIK_LENGTH");
  EXPECT_EQ(group.message, domain::NikIssueMessage(domain::NikIssue::kLength));
  EXPECT_EQ(group.examples, (std::vector<IssueExample>{{2, "35140117088"}, {3, "351401170888"}}));
}

TEST(IssueGroups, ExamplesAreDistinctBoundedAndCutBetweenCharacters) {
  // Occupations the registry does not know: a warning that quotes the cell.
  const std::string long_value = std::string(38, 'x') + "éé";  // é: 2 bytes, cut at byte 40
  const Grouped g({Person("3514011708800001", "A", "17-08-1980", "Astronot"),
                   Person("3514011708800002", "B", "17-08-1980", "Astronot"),
                   Person("3514011708800003", "C", "17-08-1980", long_value),
                   Person("3514011708800004", "D", "17-08-1980", "Penyihir Hutan"),
                   Person("3514011708800005", "E", "17-08-1980", "Zzq Qwe")},
                  {.max_lines = 4, .max_examples = 3, .max_value_bytes = 39});
  const IssueGroup& group = g.Group("OCCUPATION_UNKNOWN");
  EXPECT_EQ(group.severity, Severity::kWarning);
  EXPECT_EQ(group.message, "Pekerjaan tidak dikenali, dicatat sebagai pekerja informal lainnya");
  EXPECT_EQ(group.count, 5u);
  EXPECT_EQ(group.lines, (std::vector<std::uint64_t>{2, 3, 4, 5}));
  EXPECT_EQ(group.examples,
            (std::vector<IssueExample>{
                {2, "Astronot"}, {4, std::string(38, 'x') + "…"}, {5, "Penyihir Hutan"}}));
}

// Issues of codes without a general description, as a later validator might add them.
RowOutcome Outcome(std::uint64_t line, std::vector<RowIssue> issues) {
  RowOutcome outcome;
  outcome.line = line;
  outcome.issues = std::move(issues);
  return outcome;
}
RowIssue Issue(std::string code, Severity severity, std::string message, std::string value = "") {
  RowIssue issue;
  issue.code = std::move(code);
  issue.severity = severity;
  issue.message = std::move(message);
  issue.value = std::move(value);
  return issue;
}

TEST(IssueGroups, ANewCodeKeepsASharedMessageAndNeverQuotesOneRow) {
  IssueGroups groups;
  groups.Add(Outcome(2, {Issue("NEW_SAME", Severity::kError, "Sama untuk semua baris"),
                         Issue("NEW_VARYING", Severity::kError, "Nilai 'a' salah", "a")}));
  groups.Add(Outcome(3, {Issue("NEW_SAME", Severity::kError, "Sama untuk semua baris"),
                         Issue("NEW_VARYING", Severity::kError, "Nilai 'b' salah", "b")}));
  const std::vector<IssueGroup> result = std::move(groups).Take();
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result[0].code, "NEW_SAME");
  EXPECT_EQ(result[0].message, "Sama untuk semua baris");
  EXPECT_EQ(result[1].code, "NEW_VARYING");
  EXPECT_EQ(result[1].message, "Masalah NEW_VARYING (lihat contoh)");
  EXPECT_EQ(result[1].examples, (std::vector<IssueExample>{{2, "a"}, {3, "b"}}));
}

TEST(IssueGroups, ErrorsComeFirstThenLargerGroups) {
  IssueGroups groups;
  for (std::uint64_t line = 2; line < 7; ++line)
    groups.Add(Outcome(line, {Issue("W_MANY", Severity::kWarning, "w")}));
  groups.Add(
      Outcome(7, {Issue("E_ONE", Severity::kError, "e1"), Issue("E_TWO", Severity::kError, "e2")}));
  groups.Add(Outcome(8, {Issue("E_TWO", Severity::kError, "e2")}));
  const std::vector<IssueGroup> result = std::move(groups).Take();
  std::vector<std::string> order;
  for (const auto& group : result) order.push_back(group.code);
  EXPECT_EQ(order, (std::vector<std::string>{"E_TWO", "E_ONE", "W_MANY"}));
}

}  // namespace
}  // namespace jaring::services
