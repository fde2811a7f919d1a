#include "intake/validator.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "formats/csv.hpp"

namespace jaring::intake {
namespace {

using std::chrono::year_month_day;

const std::string kData = std::string(JARING_SOURCE_DIR) + "/tests/data/intake/";

ValidationOptions Pasuruan() {
  ValidationOptions o;
  o.regency_code = "35.14";
  o.reference_date =
      year_month_day{std::chrono::year{2025}, std::chrono::month{7}, std::chrono::day{1}};
  o.source = "Desa Lebakrejo";
  return o;
}

TEST(Validator, MessyVillageListMatchesExpectedCounts) {
  std::ifstream expected_file(kData + "messy_village_list.expected.json");
  ASSERT_TRUE(expected_file.good());
  const nlohmann::json expected = nlohmann::json::parse(expected_file);

  auto reader = formats::CsvReader::Open(kData + "messy_village_list.csv");
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  const ColumnMapping mapping = DetectMapping(reader->header());
  ASSERT_TRUE(mapping.MissingRequired().empty());
  auto validator = Validator::Create({mapping, Pasuruan()}, domain::RegionIndex::Embedded());
  ASSERT_TRUE(validator.has_value()) << validator.error().ToString();

  formats::CsvRow csv_row;
  SourceRow row;
  std::map<std::string, std::vector<std::string>> quarantined;  // line -> codes of errors
  std::vector<domain::Worker> accepted;
  while (reader->Next(csv_row)) {
    FromCsvRow(csv_row, row);
    const RowOutcome& outcome = validator->Add(row);
    if (outcome.accepted) {
      EXPECT_FALSE(outcome.HasErrors());
      EXPECT_TRUE(outcome.original_cells.empty());
      accepted.push_back(outcome.worker);
      continue;
    }
    // Nothing lost: every original cell, and every reason.
    EXPECT_EQ(outcome.original_cells, csv_row.ToStrings()) << "line " << outcome.line;
    auto& codes = quarantined[std::to_string(outcome.line)];
    for (const auto& issue : outcome.issues) {
      EXPECT_EQ(issue.row, outcome.line);
      EXPECT_FALSE(issue.message.empty());
      if (issue.severity == Severity::kError) codes.push_back(issue.code);
    }
  }
  ASSERT_TRUE(reader->status().has_value());
  const ImportSummary& summary = validator->Finish();
  const nlohmann::json actual = SummaryToJson(summary);
  EXPECT_EQ(actual["read"], expected["read"]);
  EXPECT_EQ(actual["accepted"], expected["accepted"]);
  EXPECT_EQ(actual["quarantined"], expected["quarantined"]);
  EXPECT_EQ(actual["with_warnings"], expected["with_warnings"]);
  EXPECT_EQ(actual["issues"], expected["issues"]) << actual["issues"].dump(1);
  EXPECT_EQ(nlohmann::json(quarantined), expected["quarantined_lines"]);
  EXPECT_EQ(summary.read, summary.accepted + summary.quarantined);
  ASSERT_EQ(summary.file_issues.size(), 1u);
  EXPECT_EQ(summary.file_issues[0].code, "EXCEL_ROUNDED_COLUMN");
  EXPECT_EQ(summary.file_issues[0].severity, Severity::kWarning);
  EXPECT_EQ(summary.nik_rounding.sixteen_digit, 30u);
  EXPECT_EQ(summary.nik_rounding.ending_in_zero, 10u);

  // The first row, as the registry will store it.
  ASSERT_FALSE(accepted.empty());
  const domain::Worker& siti = accepted.front();
  EXPECT_EQ(siti.nik, "3514015205750002");
  EXPECT_EQ(siti.name, "Siti Aminah");
  EXPECT_EQ(siti.name_original, "SITI AMINAH");
  EXPECT_EQ(siti.sex, domain::Sex::kFemale);
  EXPECT_EQ(siti.birth_place, "Pasuruan");
  EXPECT_EQ(siti.birth_date,
            (year_month_day{std::chrono::year{1975}, std::chrono::month{5}, std::chrono::day{12}}));
  EXPECT_EQ(siti.address, "Dusun Krajan RT 004 RW 001");
  EXPECT_EQ(siti.village_code, "35.14.01.2003");
  EXPECT_EQ(siti.occupation, "buruh_tani");
  EXPECT_EQ(siti.phone, "+6281234567890");
  EXPECT_EQ(siti.regency_code, "35.14");
  EXPECT_EQ(siti.source, "Desa Lebakrejo");
  // Row 2: typo'd village corrected, "Tani" read as petani.
  EXPECT_EQ(accepted[1].village_code, "35.14.01.2003");
  EXPECT_EQ(accepted[1].occupation, "petani");
  EXPECT_EQ(accepted[1].phone, "+6281311112222");
}

TEST(Validator, UnknownColumnsTravelWithAcceptedRows) {
  const std::vector<std::string> header = {"NIK",  "Nama",      "Tgl Lahir",    "JK",
                                           "Desa", "Kecamatan", "Kelompok Tani"};
  auto validator =
      Validator::Create({DetectMapping(header), Pasuruan()}, domain::RegionIndex::Embedded());
  ASSERT_TRUE(validator);
  const std::vector<std::string> cells = {
      "3514015205750002", "Siti",          "12-05-1975", "P", "Gerbo",
      "Purwodadi",        "Sumber Makmur", "catatan"};
  const RowOutcome& outcome = validator->Add(MakeRow(2, cells));
  ASSERT_TRUE(outcome.accepted);
  const std::vector<std::pair<std::string, std::string>> extras = {
      {"Kelompok Tani", "Sumber Makmur"}, {"kolom 8", "catatan"}};
  EXPECT_EQ(outcome.extras, extras);
}

TEST(Validator, ATotalLineIsQuarantinedAsSuchWithOneReason) {
  const std::vector<std::string> header = {"No", "NIK",  "Nama",     "Tgl Lahir",
                                           "JK", "Desa", "Kecamatan"};
  auto validator =
      Validator::Create({DetectMapping(header), Pasuruan()}, domain::RegionIndex::Embedded());
  ASSERT_TRUE(validator);
  for (const std::vector<std::string>& cells :
       {std::vector<std::string>{"JUMLAH", "3"}, std::vector<std::string>{"", "", " Total "},
        std::vector<std::string>{"Jml.", "", "", "", "", "", "12 orang"}}) {
    const RowOutcome& total = validator->Add(MakeRow(9, cells));
    ASSERT_FALSE(total.accepted);
    ASSERT_EQ(total.issues.size(), 1u);
    EXPECT_EQ(total.issues[0].code, "SUMMARY_ROW");
    EXPECT_EQ(total.original_cells, cells);
  }
  // A person is never a total line, even with "Total" in the name or with no NIK at all; nor
  // is a row that carries a NIK.
  const std::vector<std::string> person = {"4", "", "Total Wijaya", "1975-05-12", "L", "Gerbo", ""};
  const RowOutcome& person_outcome = validator->Add(MakeRow(10, person));
  ASSERT_FALSE(person_outcome.accepted);
  for (const auto& issue : person_outcome.issues) EXPECT_NE(issue.code, "SUMMARY_ROW");
  const std::vector<std::string> with_nik = {"jumlah", "3514015205750002", "", "", "", "", ""};
  for (const auto& issue : validator->Add(MakeRow(11, with_nik)).issues) {
    EXPECT_NE(issue.code, "SUMMARY_ROW");
  }
}

// Issue 12, item 7: rows sharing a NIK inside one list are never quarantined for it. The same
// person listed again (name spelled another way, same birth date) is merged into the first row;
// another name or birth date is a conflict that both rows survive, for verval to show.
TEST(Validator, RowsSharingANikAreMergedOrConflictNeverQuarantined) {
  const std::vector<std::string> header = {"nik", "name", "sex", "birth_date", "village_code"};
  auto validator =
      Validator::Create({DetectMapping(header), Pasuruan()}, domain::RegionIndex::Embedded());
  ASSERT_TRUE(validator);
  const std::vector<std::string> first = {"3514015205750002", "SITI AMINAH", "P", "1975-05-12",
                                          "35.14.01.2003"};
  EXPECT_TRUE(validator->Add(MakeRow(2, first)).accepted);
  // Listed again twice, in other cases and another word order: merged, naming row 2.
  for (const auto& [line, name] :
       {std::pair<std::uint64_t, std::string>{5, "Siti Aminah"}, {9, "Aminah Siti"}}) {
    const std::vector<std::string> again = {first[0], name, "P", "1975-05-12", first[4]};
    const RowOutcome& dup = validator->Add(MakeRow(line, again));
    EXPECT_TRUE(dup.accepted);
    EXPECT_EQ(dup.same_as_line, 2u);
    EXPECT_EQ(dup.conflicts_with_line, 0u);
    // Besides the list's own warnings (no occupation column here), the merge, naming row 2.
    const auto merged = std::ranges::find(dup.issues, std::string("DUPLICATE_ROW_MERGED"),
                                          &RowIssue::code);
    ASSERT_NE(merged, dup.issues.end());
    EXPECT_EQ(merged->severity, Severity::kWarning);
    EXPECT_EQ(merged->column, 0);
    EXPECT_NE(merged->message.find("baris 2"), std::string::npos) << merged->message;
  }
  // Another person under the same NIK (another name): kept, a conflict with row 2.
  const std::vector<std::string> other = {first[0], "Sumarni", "P", "1975-05-12", first[4]};
  const RowOutcome& conflict = validator->Add(MakeRow(11, other));
  EXPECT_TRUE(conflict.accepted);
  EXPECT_EQ(conflict.same_as_line, 0u);
  EXPECT_EQ(conflict.conflicts_with_line, 2u);
  const ImportSummary& summary = validator->Finish();
  EXPECT_EQ(summary.read, 4u);
  EXPECT_EQ(summary.accepted, 2u);
  EXPECT_EQ(summary.merged, 2u);
  EXPECT_EQ(summary.quarantined, 0u);
  EXPECT_EQ(summary.issues.at("DUPLICATE_ROW_MERGED"), 2u);
  EXPECT_EQ(summary.issues.at("NIK_CONFLICT_IN_FILE"), 1u);
  EXPECT_FALSE(summary.issues.contains("DUPLICATE_NIK_IN_FILE"));
}

TEST(Validator, CreateRefusesMissingRequiredColumnsAndBadOptions) {
  const std::vector<std::string> header = {"Alamat", "Desa"};
  auto missing =
      Validator::Create({DetectMapping(header), Pasuruan()}, domain::RegionIndex::Embedded());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(missing.error().message.find("NIK"), std::string::npos);
  EXPECT_NE(missing.error().message.find("Nama"), std::string::npos);

  const std::vector<std::string> ok_header = {"NIK", "Nama"};
  auto options = Pasuruan();
  options.regency_code = "35.99";
  EXPECT_EQ(Validator::Create({DetectMapping(ok_header), options}, domain::RegionIndex::Embedded())
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  options = Pasuruan();
  options.default_village_code = "35.75.01.1001";  // Kota Pasuruan
  EXPECT_FALSE(
      Validator::Create({DetectMapping(ok_header), options}, domain::RegionIndex::Embedded()));
  options = Pasuruan();
  options.max_age = 15;
  EXPECT_FALSE(
      Validator::Create({DetectMapping(ok_header), options}, domain::RegionIndex::Embedded()));
}

TEST(Validator, NoRoundingWarningForGenuineNiks) {
  const std::vector<std::string> header = {"nik", "name", "sex", "birth_date", "village_code"};
  auto validator =
      Validator::Create({DetectMapping(header), Pasuruan()}, domain::RegionIndex::Embedded());
  ASSERT_TRUE(validator);
  for (int serial = 1; serial <= 40; ++serial) {  // 4 of 40 end in 0: normal
    char nik[24];  // room for any int, as -Wformat-truncation (-O1) asks
    std::snprintf(nik, sizeof nik, "351401120575%04d", serial);
    const std::vector<std::string> cells = {nik, "Budi", "L", "1975-05-12", "35.14.01.2003"};
    EXPECT_TRUE(validator->Add(MakeRow(static_cast<std::uint64_t>(serial + 1), cells)).accepted);
  }
  const auto& summary = validator->Finish();
  EXPECT_TRUE(summary.file_issues.empty());
  EXPECT_EQ(summary.accepted, 40u);
  EXPECT_FALSE(summary.nik_rounding.suspected);
}

}  // namespace
}  // namespace jaring::intake
