#include "intake/row_validator.hpp"

#include <gtest/gtest.h>

#include "domain/date_format.hpp"

namespace jaring::intake {
namespace {

using std::chrono::year_month_day;

ValidationOptions Pasuruan() {
  ValidationOptions o;
  o.regency_code = "35.14";
  o.reference_date =
      year_month_day{std::chrono::year{2025}, std::chrono::month{7}, std::chrono::day{1}};
  return o;
}

const std::vector<std::string> kHeader = {"NIK",   "Nama",      "JK",        "Tgl Lahir",
                                          "Desa",  "Kecamatan", "Pekerjaan", "No. KK",
                                          "Dusun", "RT",        "RW"};

// One row over kHeader; `kinds` overrides cell kinds (e.g. a numeric NIK cell).
struct Built {
  std::vector<std::string> storage;
  SourceRow row;
};
Built Row(std::vector<std::string> cells, std::vector<CellKind> kinds = {}) {
  Built b{std::move(cells), {}};
  b.row = MakeRow(7, b.storage);
  for (std::size_t i = 0; i < kinds.size(); ++i) b.row.cells[i].kind = kinds[i];
  return b;
}

std::vector<std::string> Codes(const RowOutcome& out) {
  std::vector<std::string> codes;
  for (const auto& i : out.issues) codes.push_back(i.code);
  return codes;
}

RowOutcome Validate(const Built& b, ValidationOptions options = Pasuruan(),
                    const std::vector<std::string>& header = kHeader) {
  RowValidator validator(DetectMapping(header), domain::RegionIndex::Embedded(),
                         std::move(options));
  RowOutcome out;
  validator.Validate(b.row, out);
  return out;
}

TEST(RowValidator, CleanRowBuildsWorker) {
  const auto out =
      Validate(Row({"3514015205750002", "SITI AMINAH", "P", "12-05-1975", "Gerbo", "Purwodadi",
                    "Buruh Tani", "3514012710130001", "Krajan", "4", "1"}));
  ASSERT_TRUE(out.accepted) << testing::PrintToString(Codes(out));
  EXPECT_TRUE(out.issues.empty());
  EXPECT_EQ(out.worker.kk, "3514012710130001");
  EXPECT_EQ(out.worker.address, "Dusun Krajan RT 004 RW 001");
  EXPECT_EQ(out.worker.status, domain::WorkerStatus::kCandidate);
  EXPECT_EQ(out.line, 7u);
}

TEST(RowValidator, NumericNikCellEndingInZeroIsExcelRounded) {
  const auto out = Validate(Row({"3514015205750010", "Siti", "P", "12-05-1975", "Gerbo",
                                 "Purwodadi", "Petani", "", "", "", ""},
                                {CellKind::kNumber}));
  EXPECT_FALSE(out.accepted);
  EXPECT_EQ(Codes(out), (std::vector<std::string>{"NIK_EXCEL_ROUNDED"}));
  // Quarantine keeps every cell.
  EXPECT_EQ(out.original_cells.size(), kHeader.size());
  EXPECT_EQ(out.original_cells[0], "3514015205750010");
  EXPECT_EQ(out.issues[0].column, 0);
  EXPECT_EQ(out.issues[0].field, "nik");
  EXPECT_EQ(out.issues[0].value, "3514015205750010");
}

TEST(RowValidator, ExcelSerialBirthDate) {
  const auto out = Validate(Row(
      {"3514015205750002", "Siti", "P", "27526", "Gerbo", "Purwodadi", "Petani", "", "", "", ""},
      {CellKind::kText, CellKind::kText, CellKind::kText, CellKind::kDate}));
  ASSERT_TRUE(out.accepted) << testing::PrintToString(Codes(out));
  EXPECT_EQ(domain::FormatIsoDate(out.worker.birth_date), "1975-05-12");
}

TEST(RowValidator, EveryProblemOfARowIsReported) {
  const auto out = Validate(
      Row({"35140152057500", "", "Q", "31-02-1975", "Atlantis", "", "Guru", "123", "", "", ""}));
  EXPECT_FALSE(out.accepted);
  EXPECT_EQ(Codes(out), (std::vector<std::string>{"DATE_INVALID", "SEX_INVALID", "NIK_LENGTH",
                                                  "REQUIRED_MISSING", "VILLAGE_UNKNOWN",
                                                  "OCCUPATION_UNKNOWN", "KK_LENGTH"}));
  EXPECT_EQ(out.issues[3].field, "name");
}

// Outside the program's range is a warning (the person is stored; eligibility belongs to
// programs); a birth date not yet reached is an impossible date, an error.
struct AgeCase {
  std::string nik, birth;
  std::vector<std::string> codes;
  bool accepted = true;
};
class AgeTest : public testing::TestWithParam<AgeCase> {};
TEST_P(AgeTest, ProgramRangeIsFifteenToUnderSixtyFiveAndOnlyWarns) {
  const auto& c = GetParam();
  const auto out =
      Validate(Row({c.nik, "Budi", "L", c.birth, "Gerbo", "Purwodadi", "Petani", "", "", "", ""}));
  EXPECT_EQ(out.accepted, c.accepted) << c.birth << " " << testing::PrintToString(Codes(out));
  EXPECT_EQ(Codes(out), c.codes) << c.birth;
  for (const auto& issue : out.issues) {
    if (issue.code == "AGE_OUT_OF_RANGE") {
      EXPECT_EQ(issue.severity, Severity::kWarning);
      EXPECT_NE(issue.message.find("tidak memenuhi syarat program"), std::string::npos);
    }
  }
}
INSTANTIATE_TEST_SUITE_P(
    Boundaries, AgeTest,
    testing::Values(AgeCase{"3514010107100001", "01-07-2010", {}},                    // 15 today
                    AgeCase{"3514010207100001", "02-07-2010", {"AGE_OUT_OF_RANGE"}},  // 15 tomorrow
                    AgeCase{"3514010207600001", "02-07-1960", {}},  // 64, 65 tomorrow
                    AgeCase{"3514010107600001", "01-07-1960", {"AGE_OUT_OF_RANGE"}},  // 65 today
                    AgeCase{"3514010101300001", "01-01-2030", {"DATE_INVALID"}, false}));  // unborn

TEST(RowValidator, FillFromNikIsAWarningAndCanBeTurnedOff) {
  const auto b =
      Row({"3514015205750002", "Siti", "", "", "Gerbo", "Purwodadi", "Petani", "", "", "", ""});
  const auto filled = Validate(b);
  ASSERT_TRUE(filled.accepted);
  EXPECT_EQ(Codes(filled), (std::vector<std::string>{"NIK_FILLED_BIRTHDATE", "NIK_FILLED_SEX"}));
  EXPECT_EQ(filled.worker.sex, domain::Sex::kFemale);
  EXPECT_EQ(domain::FormatIsoDate(filled.worker.birth_date), "1975-05-12");
  auto options = Pasuruan();
  options.fill_from_nik = false;
  const auto strict = Validate(b, options);
  EXPECT_FALSE(strict.accepted);
  EXPECT_EQ(Codes(strict), (std::vector<std::string>{"REQUIRED_MISSING", "REQUIRED_MISSING"}));
}

TEST(RowValidator, SwappedDayAndMonthSaidInTheMessage) {
  const auto out = Validate(Row({"3514010512750001", "Budi", "L", "12-05-1975", "Gerbo",
                                 "Purwodadi", "Petani", "", "", "", ""}));
  ASSERT_EQ(Codes(out), std::vector<std::string>{"NIK_BIRTHDATE_MISMATCH"});
  EXPECT_NE(out.issues[0].message.find("tertukar"), std::string::npos) << out.issues[0].message;
}

TEST(RowValidator, SeverityOverrideLetsAMismatchThrough) {
  auto options = Pasuruan();
  options.severity_overrides = {{"NIK_BIRTHDATE_MISMATCH", Severity::kWarning}};
  const auto out = Validate(Row({"3514010512750001", "Budi", "L", "12-05-1975", "Gerbo",
                                 "Purwodadi", "Petani", "", "", "", ""}),
                            options);
  EXPECT_TRUE(out.accepted);
  ASSERT_EQ(out.issues.size(), 1u);
  EXPECT_EQ(out.issues[0].severity, Severity::kWarning);
}

TEST(RowValidator, TwoDigitYearsRejectedOnRequest) {
  auto options = Pasuruan();
  options.two_digit_years = TwoDigitYears::kReject;
  const auto out = Validate(Row({"3514011205750001", "Budi", "L", "12-05-75", "Gerbo", "Purwodadi",
                                 "Petani", "", "", "", ""}),
                            options);
  EXPECT_FALSE(out.accepted);
  EXPECT_EQ(Codes(out), std::vector<std::string>{"DATE_INVALID"});
}

TEST(RowValidator, DefaultVillageForListsWithoutVillageColumn) {
  const std::vector<std::string> header = {"NIK", "Nama", "JK", "Tanggal Lahir", "Pekerjaan"};
  auto options = Pasuruan();
  const std::vector<std::string> cells = {"3514011205750001", "Budi", "L", "12 Mei 1975",
                                          "Nelayan"};
  Built b{cells, {}};
  b.row = MakeRow(3, b.storage);
  const auto missing = Validate(b, options, header);
  EXPECT_EQ(Codes(missing), std::vector<std::string>{"REQUIRED_MISSING"});
  EXPECT_EQ(missing.issues[0].field, "village");
  options.default_village_code = "35.14.01.2003";
  const auto out = Validate(b, options, header);
  ASSERT_TRUE(out.accepted) << testing::PrintToString(Codes(out));
  EXPECT_EQ(out.worker.village_code, "35.14.01.2003");
}

TEST(RowValidator, CombinedPlaceAndDateColumn) {
  const std::vector<std::string> header = {"NIK", "Nama", "L/P", "TTL", "Kode Desa", "RT/RW"};
  const std::vector<std::string> cells = {"3514015205750002",      "siti",       "Perempuan",
                                          "PASURUAN, 12 Mei 1975", "3514012003", "04/01"};
  Built b{cells, {}};
  b.row = MakeRow(3, b.storage);
  const auto out = Validate(b, Pasuruan(), header);
  EXPECT_EQ(Codes(out), std::vector<std::string>{"OCCUPATION_MISSING"});
  ASSERT_TRUE(out.accepted);
  EXPECT_EQ(out.worker.birth_place, "Pasuruan");
  EXPECT_EQ(out.worker.name, "Siti");
  EXPECT_EQ(out.worker.village_code, "35.14.01.2003");
  EXPECT_EQ(out.worker.address, "RT 004 RW 001");
  EXPECT_EQ(out.worker.occupation, "lainnya");
}

TEST(RowValidator, OutsideRegencyByCode) {
  const std::vector<std::string> header = {"nik", "name", "sex", "birth_date", "village_code"};
  const std::vector<std::string> cells = {"3514011205750001", "Budi", "L", "1975-05-12",
                                          "35.75.01.1001"};
  Built b{cells, {}};
  b.row = MakeRow(3, b.storage);
  const auto out = Validate(b, Pasuruan(), header);
  EXPECT_FALSE(out.accepted);
  EXPECT_EQ(Codes(out),
            (std::vector<std::string>{"VILLAGE_OUTSIDE_REGENCY", "OCCUPATION_MISSING"}));
  EXPECT_EQ(out.issues[0].column, 4);
}

TEST(CheckOptions, RejectsBadOptions) {
  EXPECT_TRUE(CheckOptions(Pasuruan(), domain::RegionIndex::Embedded()));
  auto o = Pasuruan();
  o.reference_date = {};
  EXPECT_FALSE(CheckOptions(o, domain::RegionIndex::Embedded()));
  o = Pasuruan();
  o.regency_code = "35.14.01";
  EXPECT_FALSE(CheckOptions(o, domain::RegionIndex::Embedded()));
}

}  // namespace
}  // namespace jaring::intake
