#include "domain/nik.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/random.hpp"
#include "domain/date_format.hpp"
#include "domain/region.hpp"

namespace jaring::domain {
namespace {

using std::chrono::year_month_day;

year_month_day Date(const char* iso) {
  auto date = ParseIsoDate(iso);
  EXPECT_TRUE(date.has_value()) << iso;
  return *date;
}

const year_month_day kReference = Date("2025-09-24");

using I = NikIssue;

struct NikCase {
  const char* label;
  const char* raw;
  std::vector<NikIssue> issues;         // exactly these, in this order
  const char* birth = nullptr;          // expected resolved birth date (ISO) when info exists
  std::optional<Sex> sex;               // expected sex when info exists
  const char* entered_birth = nullptr;  // entered birth date passed to ParseNik
  bool from_numeric_cell = false;
  bool use_regions = true;
  const char* cleaned = nullptr;  // expected cleaned text, when worth checking
};

void PrintTo(const NikCase& c, std::ostream* os) { *os << c.label; }

class NikParseTest : public ::testing::TestWithParam<NikCase> {};

TEST_P(NikParseTest, IssuesAndDerivedFields) {
  const NikCase& c = GetParam();
  NikParseOptions options;
  options.regions = c.use_regions ? &RegionIndex::Embedded() : nullptr;
  if (c.entered_birth != nullptr) options.entered_birth_date = Date(c.entered_birth);
  options.reference_date = kReference;
  options.from_numeric_cell = c.from_numeric_cell;
  const NikCheck check = ParseNik(c.raw, options);

  std::vector<std::string> got, want;
  for (auto i : check.issues) got.emplace_back(NikIssueCode(i));
  for (auto i : c.issues) want.emplace_back(NikIssueCode(i));
  EXPECT_EQ(got, want);
  EXPECT_EQ(check.ok(), c.issues.empty());
  for (auto i : c.issues) EXPECT_TRUE(check.Has(i));
  if (c.cleaned != nullptr) {
    EXPECT_EQ(check.cleaned, c.cleaned);
  }

  if (c.birth != nullptr || c.sex) {
    ASSERT_TRUE(check.info.has_value());
    if (c.sex) {
      EXPECT_EQ(check.info->sex, *c.sex);
    }
    if (c.birth != nullptr) {
      ASSERT_TRUE(check.info->birth_date.has_value());
      EXPECT_EQ(FormatIsoDate(*check.info->birth_date), c.birth);
    }
  }
  if (check.info) {
    EXPECT_EQ(check.info->digits, check.cleaned);
    EXPECT_EQ(check.info->birth_date.has_value(), !check.Has(NikIssue::kBadDate));
  }
}

constexpr Sex M = Sex::kMale;
constexpr Sex F = Sex::kFemale;

// NIKs are built from district 35.14.01 (Purwodadi, Kab. Pasuruan) unless the case is about
// the region: "351401" + ddmmyy + serial.
INSTANTIATE_TEST_SUITE_P(
    Table, NikParseTest,
    ::testing::Values(
        // Valid NIKs and what they say.
        NikCase{"male", "3514010101900001", {}, "1990-01-01", M},
        NikCase{"female day 41", "3514014101900001", {}, "1990-01-01", F},
        NikCase{"female day 71", "3514017101900001", {}, "1990-01-31", F},
        NikCase{"male day 31", "3514013112850002", {}, "1985-12-31", M},
        NikCase{"female mid month", "3514015708630123", {}, "1963-08-17", F},
        NikCase{"other province", "3603120506880001", {}, "1988-06-05", M},
        NikCase{"kota district", "3575010203990001", {}, "1999-03-02", M},
        // Cleaning.
        NikCase{"surrounding spaces", "  3514010101900001\t", {}, "1990-01-01", M},
        NikCase{"apostrophe text marker", "'3514010101900001", {}, nullptr, M},
        NikCase{"apostrophe and spaces", " ' 3514010101900001 ", {}, nullptr, M},
        NikCase{"no-break spaces",
                "\xC2\xA0"
                "3514010101900001\xC2\xA0",
                {},
                nullptr,
                M},
        NikCase{"typed in groups of four", "3514 0101 0190 0001", {}, "1990-01-01", M},
        NikCase{"groups with dashes", "3514-0101-0190-0001", {}, "1990-01-01", M},
        NikCase{"groups with dots", "35.14.01.010190.0001", {}, "1990-01-01", M},
        NikCase{"groups with no-break space",
                "351401\xC2\xA0"
                "010190\xC2\xA0"
                "0001",
                {},
                "1990-01-01",
                M},
        NikCase{"a one-digit group is damage", "3514 0101 0190 000 1", {I::kLength, I::kNonDigit}},
        NikCase{"17 digits in groups", "3514 0101 0190 00011", {I::kLength, I::kNonDigit}},
        // Empty.
        NikCase{"empty", "", {I::kEmpty}}, NikCase{"blank", "   \t", {I::kEmpty}},
        NikCase{"only apostrophe", "'", {I::kEmpty}},
        // Length and digits, independently.
        NikCase{"15 digits", "351401010190001", {I::kLength}},
        NikCase{"17 digits", "35140101019000011", {I::kLength}},
        NikCase{"letter O", "35140101019O0001", {I::kNonDigit}},
        NikCase{"trailing letter", "351401010190000A", {I::kNonDigit}},
        NikCase{"short and letters", "3514A", {I::kLength, I::kNonDigit}},
        NikCase{"grouped with spaces", "3514 0101 9000 01", {I::kLength, I::kNonDigit}},
        NikCase{"dashes 16 chars", "3514-01019000-01", {I::kNonDigit}},
        // Spreadsheet damage.
        NikCase{"scientific",
                "3.51401E+15",
                {I::kScientificNotation},
                nullptr,
                {},
                nullptr,
                false,
                true,
                "3514010000000000"},
        NikCase{"scientific comma",
                "3,51401E+15",
                {I::kScientificNotation},
                nullptr,
                {},
                nullptr,
                false,
                true,
                "3514010000000000"},
        NikCase{"scientific lower e", "3.514010101900E+15", {I::kScientificNotation}},
        NikCase{"scientific no plus", "3.5E15", {I::kScientificNotation}},
        NikCase{"float ending in 0",
                "3514010101900010.0",
                {I::kExcelRounded},
                "1990-01-01",
                M,
                nullptr,
                false,
                true,
                "3514010101900010"},
        NikCase{"float with comma", "3514010101900010,00", {I::kExcelRounded}},
        NikCase{"exact float", "3514010101900011.0", {}, "1990-01-01", M},
        NikCase{"numeric cell ending in 0",
                "3514010101900010",
                {I::kExcelRounded},
                nullptr,
                {},
                nullptr,
                true},
        NikCase{"numeric cell not ending in 0", "3514010101900011", {}, nullptr, {}, nullptr, true},
        NikCase{"text ending in 0 is fine", "3514010101900010", {}},
        // Regions.
        NikCase{"province 00", "0014010101900001", {I::kUnknownProvince}},
        NikCase{"unknown province", "9914010101900001", {I::kUnknownProvince}},
        NikCase{"unknown regency", "3599010101900001", {I::kUnknownRegency}},
        NikCase{"regency 00", "3500010101900001", {I::kUnknownRegency}},
        NikCase{"unknown district", "3514990101900001", {I::kUnknownDistrict}},
        NikCase{"district 00", "3514000101900001", {I::kUnknownDistrict}},
        NikCase{"no index: unknown codes pass",
                "9999990101900001",
                {},
                nullptr,
                {},
                nullptr,
                false,
                false},
        NikCase{"no index: 00 still fails",
                "3514000101900001",
                {I::kUnknownDistrict},
                nullptr,
                {},
                nullptr,
                false,
                false},
        // Dates.
        NikCase{"day 00", "3514010001900001", {I::kBadDate}},
        NikCase{"day 32", "3514013201900001", {I::kBadDate}},
        NikCase{"day 40", "3514014001900001", {I::kBadDate}},
        NikCase{"day 72", "3514017201900001", {I::kBadDate}},
        NikCase{"month 00", "3514010100900001", {I::kBadDate}},
        NikCase{"month 13", "3514010113900001", {I::kBadDate}},
        NikCase{"31 April", "3514013104900001", {I::kBadDate}},
        NikCase{"female 31 April", "3514017104900001", {I::kBadDate}, nullptr, F},
        NikCase{"29 Feb 1996", "3514012902960001", {}, "1996-02-29", M},
        NikCase{"29 Feb 1997", "3514012902970001", {I::kBadDate}},
        NikCase{"29 Feb 2000", "3514016902000001", {}, "2000-02-29", F},
        NikCase{"29 Feb 1900 via entered",
                "3514012902000001",
                {I::kBadDate},
                nullptr,
                {},
                "1901-03-01"},
        // Century without an entered birth date (reference 2025-09-24: ages 0-99).
        NikCase{"yy 25 before reference", "3514010101250001", {}, "2025-01-01", M},
        NikCase{"yy 25 after reference", "3514010112250001", {}, "1925-12-01", M},
        NikCase{"reference day itself", "3514012409250001", {}, "2025-09-24", M},
        NikCase{"day after reference", "3514012509250001", {}, "1925-09-25", M},
        NikCase{"yy 26", "3514010101260001", {}, "1926-01-01", M},
        NikCase{"yy 05", "3514010101050001", {}, "2005-01-01", M},
        NikCase{"yy 00", "3514010101000001", {}, "2000-01-01", M},
        // Century from the entered birth date (closest).
        NikCase{"entered 1925", "3514010112250001", {}, "1925-12-01", M, "1925-12-01"},
        NikCase{
            "entered 2025 beats reference", "3514010112250001", {}, "2025-12-01", M, "2025-12-01"},
        NikCase{"entered 2000 for yy 99", "3514010101990001", {}, "1999-01-01", M, "2000-01-01"},
        NikCase{"entered 1999 for yy 00", "3514010101000001", {}, "2000-01-01", M, "1999-12-31"},
        NikCase{"entered 1950 for yy 05", "3514010101050001", {}, "1905-01-01", M, "1950-06-01"},
        // Serial.
        NikCase{"serial 0000", "3514010101900000", {I::kSerialZero}},
        NikCase{"serial 9999", "3514010101909999", {}, "1990-01-01", M},
        // Several at once, in enum order.
        NikCase{"all zero", "0000000000000000", {I::kUnknownProvince, I::kBadDate, I::kSerialZero}},
        NikCase{"rounded, district, date, serial",
                "3514990013900000",
                {I::kExcelRounded, I::kUnknownDistrict, I::kBadDate, I::kSerialZero},
                nullptr,
                {},
                nullptr,
                true}),
    [](const ::testing::TestParamInfo<NikCase>& info) {
      std::string name;
      for (const char* p = info.param.label; *p != '\0'; ++p) {
        name += std::isalnum(static_cast<unsigned char>(*p)) ? *p : '_';
      }
      return name;
    });

TEST(NikParseTest, InfoFields) {
  const NikCheck check =
      ParseNik("3514015708630123", &RegionIndex::Embedded(), std::nullopt, kReference);
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(check.info.has_value());
  const NikInfo& info = *check.info;
  EXPECT_EQ(info.digits, "3514015708630123");
  EXPECT_EQ(info.province_code, "35");
  EXPECT_EQ(info.regency_code, "35.14");
  EXPECT_EQ(info.district_code, "35.14.01");
  EXPECT_EQ(info.sex, Sex::kFemale);
  EXPECT_EQ(info.day, 17);
  EXPECT_EQ(info.month, 8);
  EXPECT_EQ(info.two_digit_year, 63);
  EXPECT_EQ(info.serial, "0123");
}

TEST(NikParseTest, InfoPresentDespiteRegionAndDateIssues) {
  const NikCheck check =
      ParseNik("9914017201900001", &RegionIndex::Embedded(), std::nullopt, kReference);
  ASSERT_TRUE(check.info.has_value());
  EXPECT_EQ(check.info->province_code, "99");
  EXPECT_FALSE(check.info->birth_date.has_value());
}

TEST(NikParseTest, NoInfoUnless16Digits) {
  for (const char* raw : {"", "3514", "3.51401E+15", "351401010190000A"}) {
    EXPECT_FALSE(ParseNik(raw, nullptr, std::nullopt, kReference).info.has_value()) << raw;
  }
}

TEST(NikIssueTest, CodesAreUniqueStableAndRoundTrip) {
  std::set<std::string_view> codes;
  for (int i = 0; i <= static_cast<int>(NikIssue::kSerialZero); ++i) {
    const auto issue = static_cast<NikIssue>(i);
    const auto code = NikIssueCode(issue);
    EXPECT_TRUE(code.starts_with("NIK_")) << code;
    EXPECT_FALSE(NikIssueMessage(issue).empty());
    EXPECT_EQ(NikIssueFromCode(code), issue);
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), 10u);
  EXPECT_EQ(NikIssueCode(NikIssue::kLength), "NIK_LENGTH");
  EXPECT_EQ(NikIssueCode(NikIssue::kExcelRounded), "NIK_EXCEL_ROUNDED");
  EXPECT_EQ(NikIssueFromCode("NIK_NOPE"), std::nullopt);
}

struct AgreementCase {
  const char* label;
  const char* nik;
  Sex entered_sex;
  const char* entered_birth;
  bool sex_agrees;
  bool birth_agrees;
  bool swapped;
};

class NikAgreementTest : public ::testing::TestWithParam<AgreementCase> {};

TEST_P(NikAgreementTest, FlagsDisagreements) {
  const auto& c = GetParam();
  const year_month_day entered = Date(c.entered_birth);
  const NikCheck check = ParseNik(c.nik, nullptr, entered, kReference);
  ASSERT_TRUE(check.info.has_value());
  const NikAgreement agreement = NikAgreesWith(*check.info, c.entered_sex, entered);
  EXPECT_EQ(agreement.sex_agrees, c.sex_agrees);
  EXPECT_EQ(agreement.birth_date_agrees, c.birth_agrees);
  EXPECT_EQ(agreement.day_month_swapped, c.swapped);
  EXPECT_EQ(agreement.ok(), c.sex_agrees && c.birth_agrees);
}

INSTANTIATE_TEST_SUITE_P(
    Table, NikAgreementTest,
    ::testing::Values(
        AgreementCase{"all agree", "3514014101900001", F, "1990-01-01", true, true, false},
        AgreementCase{"sex differs", "3514014101900001", M, "1990-01-01", false, true, false},
        AgreementCase{"day differs", "3514014101900001", F, "1990-01-02", true, false, false},
        AgreementCase{"year differs", "3514014101900001", F, "1991-01-01", true, false, false},
        AgreementCase{"century typo still same yy", "3514014101900001", F, "2090-01-01", true, true,
                      false},
        AgreementCase{"day and month swapped", "3514014502900001", F, "1990-05-02", true, false,
                      true},
        AgreementCase{"swapped and wrong year", "3514014502900001", F, "1991-05-02", true, false,
                      false},
        AgreementCase{"both differ", "3514010101900001", F, "1980-07-07", false, false, false},
        AgreementCase{"bad NIK date never agrees", "3514013104900001", M, "1990-04-30", true, false,
                      false}));

TEST(EncodeNikTest, KnownValues) {
  EXPECT_EQ(EncodeNik("35.14.01", Date("1990-01-01"), Sex::kMale, 1), "3514010101900001");
  EXPECT_EQ(EncodeNik("35.14.01", Date("1990-01-31"), Sex::kFemale, 1), "3514017101900001");
  EXPECT_EQ(EncodeNik("35.75.03", Date("2004-12-09"), Sex::kFemale, 9999), "3575034912049999");
}

TEST(EncodeNikTest, RejectsBadArguments) {
  EXPECT_FALSE(EncodeNik("35.14", Date("1990-01-01"), Sex::kMale, 1).has_value());
  EXPECT_FALSE(EncodeNik("351401", Date("1990-01-01"), Sex::kMale, 1).has_value());
  EXPECT_FALSE(EncodeNik("35.14.01", Date("1990-01-01"), Sex::kMale, 0).has_value());
  EXPECT_FALSE(EncodeNik("35.14.01", Date("1990-01-01"), Sex::kMale, 10000).has_value());
  const year_month_day invalid{std::chrono::year{1990}, std::chrono::month{2},
                               std::chrono::day{30}};
  const auto error = EncodeNik("35.14.01", invalid, Sex::kMale, 1);
  ASSERT_FALSE(error.has_value());
  EXPECT_EQ(error.error().code, ErrorCode::kInvalidArgument);
}

TEST(EncodeNikTest, RoundTripsThroughParseNik) {
  Random random(20250924);
  const RegionIndex& regions = RegionIndex::Embedded();
  const auto districts = regions.All(RegionLevel::kDistrict);
  const auto start = std::chrono::sys_days{Date("1926-01-01")};
  for (int i = 0; i < 2000; ++i) {
    const Region& district = districts[random.Below(districts.size())];
    const year_month_day birth{start + std::chrono::days{random.Below(36500)}};
    const Sex sex = random.Chance(0.5) ? Sex::kFemale : Sex::kMale;
    const int serial = static_cast<int>(random.Between(1, 9999));
    const auto nik = EncodeNik(district.code, birth, sex, serial);
    ASSERT_TRUE(nik.has_value());
    const NikCheck check = ParseNik(*nik, &regions, std::nullopt, Date("2025-12-31"));
    ASSERT_TRUE(check.ok()) << *nik << " " << NikIssueCode(check.issues.front());
    EXPECT_EQ(check.info->district_code, district.code);
    EXPECT_EQ(check.info->sex, sex);
    EXPECT_EQ(*check.info->birth_date, birth) << *nik;
    EXPECT_EQ(std::stoi(check.info->serial), serial);
    EXPECT_TRUE(NikAgreesWith(*check.info, sex, birth).ok());
  }
}

TEST(ExcelRoundingTest, FileLevelSuspicion) {
  Random random(7);
  std::vector<std::string> genuine, rounded;
  for (int i = 0; i < 200; ++i) {
    const auto nik = EncodeNik("35.14.01", Date("1990-01-01"), Sex::kMale,
                               static_cast<int>(random.Between(1, 9999)));
    genuine.push_back(*nik);
    rounded.push_back(nik->substr(0, 15) + "0");
  }
  const auto g = CheckExcelRounding(genuine);
  EXPECT_EQ(g.sixteen_digit, 200u);
  EXPECT_LT(g.ending_in_zero, 40u);
  EXPECT_FALSE(g.suspected);
  const auto r = CheckExcelRounding(rounded);
  EXPECT_EQ(r.ending_in_zero, 200u);
  EXPECT_TRUE(r.suspected);
  // Too few to judge, and non-NIKs are ignored.
  std::vector<std::string> few(rounded.begin(), rounded.begin() + 19);
  few.push_back("12345");
  few.push_back("");
  const auto f = CheckExcelRounding(few);
  EXPECT_EQ(f.sixteen_digit, 19u);
  EXPECT_FALSE(f.suspected);
}

struct KkCase {
  const char* label;
  const char* raw;
  std::vector<KkIssue> issues;
  const char* district = "";
  bool from_numeric_cell = false;
};

class KkParseTest : public ::testing::TestWithParam<KkCase> {};

TEST_P(KkParseTest, Issues) {
  const auto& c = GetParam();
  const KkCheck check = ParseKk(c.raw, &RegionIndex::Embedded(), c.from_numeric_cell);
  std::vector<std::string> got, want;
  for (auto i : check.issues) got.emplace_back(KkIssueCode(i));
  for (auto i : c.issues) want.emplace_back(KkIssueCode(i));
  EXPECT_EQ(got, want) << c.label;
  EXPECT_EQ(check.district_code, c.district) << c.label;
  EXPECT_EQ(check.ok(), c.issues.empty());
}

using K = KkIssue;
INSTANTIATE_TEST_SUITE_P(
    Table, KkParseTest,
    ::testing::Values(
        KkCase{"valid", "3514011203150004", {}, "35.14.01"},
        // The date part of a KK is the issue date and is not checked.
        KkCase{"odd date part ok", "3514019999990004", {}, "35.14.01"},
        KkCase{"apostrophe", "'3514011203150004", {}, "35.14.01"},
        KkCase{"empty", " ", {K::kEmpty}}, KkCase{"short", "35140112031500", {K::kLength}},
        KkCase{"letters", "35140112031500X4", {K::kNonDigit}},
        KkCase{"scientific", "3.51401E+15", {K::kScientificNotation}},
        KkCase{"float rounded", "3514011203150010.0", {K::kExcelRounded}, "35.14.01"},
        KkCase{"numeric cell rounded", "3514011203150010", {K::kExcelRounded}, "35.14.01", true},
        KkCase{"province", "9914011203150004", {K::kUnknownProvince}, "99.14.01"},
        KkCase{"regency", "3599011203150004", {K::kUnknownRegency}, "35.99.01"},
        KkCase{"district", "3514991203150004", {K::kUnknownDistrict}, "35.14.99"},
        KkCase{"serial", "3514011203150000", {K::kSerialZero}, "35.14.01"}));

TEST(KkIssueTest, CodesAreUniqueAndPrefixed) {
  std::set<std::string_view> codes;
  for (int i = 0; i <= static_cast<int>(KkIssue::kSerialZero); ++i) {
    const auto issue = static_cast<KkIssue>(i);
    EXPECT_TRUE(KkIssueCode(issue).starts_with("KK_"));
    EXPECT_FALSE(KkIssueMessage(issue).empty());
    codes.insert(KkIssueCode(issue));
  }
  EXPECT_EQ(codes.size(), 9u);
}

// The comparison reading keeps what a damaged NIK still says (the matching engine grades it).
TEST(NikDigitsAsWrittenTest, KeepsWhatIsKnown) {
  struct Case {
    const char* raw;
    const char* digits;
    bool partial;
  };
  const Case cases[] = {
      {"3514012107640003", "3514012107640003", false},
      {" 3514012107640003\r", "3514012107640003", false},
      {"3514 0121-0764 0003", "3514012107640003", false},
      {"'3514012107640003", "3514012107640003", false},
      {"351401210764003", "351401210764003", false},       // a digit dropped: kept as written
      {"3514012107640003.0", "35140121076400030", false},  // a float's ".0" is a digit here
      {"3.51401E+15", "351401", true},                     // Excel: the known prefix
      {"3,51401e15", "351401", true},
      {"3.514012107640E+15", "3514012107640", true},
      {"3.51E+15", "", true},  // too short a prefix to say anything
      {"1.234567890123456E+15", "1234567890123456", false},
      {"0000000000000000", "", false},  // a placeholder
      {"1234567", "", false},           // too short
      {"", "", false},
      {"-", "", false},
  };
  for (const auto& c : cases) {
    const NikDigits nik = NikDigitsAsWritten(c.raw);
    EXPECT_EQ(nik.digits, c.digits) << c.raw;
    EXPECT_EQ(nik.partial, c.partial) << c.raw;
  }
}

// The shape test the matching engine uses to tell another person's NIK from a damaged copy.
TEST(NikDigitsWellFormedTest, ShapeOnly) {
  struct Case {
    const char* digits;
    bool well_formed;
  };
  const Case cases[] = {
      {"3514012107640003", true},   {"3514016107640003", true},  // a woman: day + 40
      {"3514013104640003", true},                                // 31 April: no calendar check
      {"9914012107640003", true},                                // no region lookup either
      {"3514012107640000", false},   // serial 0000 (Excel rounding of 000x)
      {"3514003107640003", false},   // district 00
      {"3500013107640003", false},   // regency 00
      {"0514012107640003", false},   // province 05
      {"3514014007640003", false},   // day 40
      {"3514017207640003", false},   // day 72
      {"3514010007640003", false},   // day 00
      {"3514012113640003", false},   // month 13
      {"351401210764003", false},    // 15 digits
      {"35140121076400030", false},  // 17 digits
      {"351401210764000O", false},
  };
  for (const auto& c : cases) EXPECT_EQ(NikDigitsWellFormed(c.digits), c.well_formed) << c.digits;
}

}  // namespace
}  // namespace jaring::domain
