// IssueGroups: the rows' issues of an import preview grouped by code, each group described in
// general terms ("Umur di luar rentang program (15–64 tahun)") with a few of its values and
// their lines as examples. A row's own message quotes that row's value ("Umur 67 tahun ...")
// and would be false for the other rows of its group, so it never becomes the group's message.
//
//   IssueGroups groups({.max_lines = 20, .min_age = 15, .max_age = 65});
//   for (const intake::RowOutcome& outcome : rows) groups.Add(outcome);
//   std::vector<IssueGroup> issues = std::move(groups).Take();  // errors first, then by count
//
// Thread safety: none; one object per parse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "intake/issues.hpp"
#include "intake/row_validator.hpp"

namespace jaring::services {

// One value of a group, as read from the file, and the line it is on.
struct IssueExample {
  std::uint64_t line = 0;
  std::string value;  // at most IssueGroupSettings::max_value_bytes, whole UTF-8 characters
  bool operator==(const IssueExample&) const = default;
};

// All rows' issues of one code.
struct IssueGroup {
  std::string code;
  std::string message;  // Indonesian; true of every row of the group (see GroupMessage)
  intake::Severity severity = intake::Severity::kError;
  std::uint64_t count = 0;             // issues (a row missing two required fields: 2)
  std::vector<std::uint64_t> lines;    // the first max_lines lines, ascending
  std::vector<IssueExample> examples;  // the first max_examples distinct non-empty values
};

struct IssueGroupSettings {
  std::size_t max_lines = 20;
  std::size_t max_examples = 3;
  std::size_t max_value_bytes = 40;  // longer values are cut, with "…"
  int min_age = 15;                  // the program's age range [min_age, max_age), for
  int max_age = 65;                  // AGE_OUT_OF_RANGE
};

class IssueGroups {
 public:
  explicit IssueGroups(IssueGroupSettings settings = {}) : settings_(settings) {}

  // Adds the issues of one row (rows in file order).
  void Add(const intake::RowOutcome& outcome);

  // The groups, errors first, then by count descending (ties: by code).
  std::vector<IssueGroup> Take() &&;

 private:
  struct Building {
    IssueGroup group;
    std::string first_message;
    bool same_message = true;         // every issue so far had first_message
    std::vector<std::string> fields;  // distinct RowIssue::field, in order of appearance
  };
  IssueGroupSettings settings_;
  std::map<std::string, Building, std::less<>> groups_;
};

// What a group of `code` issues has in common, in Indonesian. `fields`: the fields the group's
// issues name (REQUIRED_MISSING lists them); `same_message`: the rows' message when every
// issue of the group had that same one, else empty. Codes whose row messages quote a value
// have a general description; the others (NIK_*, KK_*: one sentence per code) keep the rows'
// message; a code with neither (a new one, with varying messages) gets a neutral sentence.
std::string GroupMessage(std::string_view code, const std::vector<std::string>& fields,
                         std::string_view same_message, const IssueGroupSettings& settings);

}  // namespace jaring::services
