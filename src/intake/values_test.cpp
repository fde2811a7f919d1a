#include "intake/values.hpp"

#include <gtest/gtest.h>

#include "domain/date_format.hpp"

namespace jaring::intake {
namespace {

using std::chrono::year_month_day;

constexpr year_month_day kToday{std::chrono::year{2025}, std::chrono::month{7},
                                std::chrono::day{1}};

// ---- Dates ----

struct DateCase {
  std::string text;
  CellKind kind;
  std::string expected;  // ISO, or "" when a problem is expected
  DateProblem problem;
  bool two_digit = false;
};

class DateTest : public testing::TestWithParam<DateCase> {};

TEST_P(DateTest, Parses) {
  const auto& c = GetParam();
  const DateValue v = ParseDate({c.text, c.kind}, {kToday, TwoDigitYears::kResolve, false});
  EXPECT_EQ(v.problem, c.problem) << "'" << c.text << "'";
  if (c.expected.empty()) {
    EXPECT_FALSE(v.date.has_value()) << "'" << c.text << "'";
    return;
  }
  ASSERT_TRUE(v.date.has_value()) << "'" << c.text << "'";
  EXPECT_EQ(domain::FormatIsoDate(*v.date), c.expected) << "'" << c.text << "'";
  EXPECT_EQ(v.two_digit_year, c.two_digit) << "'" << c.text << "'";
  EXPECT_EQ(v.excel_serial, c.kind != CellKind::kText && c.text.find('-') == std::string::npos);
}

constexpr auto T = CellKind::kText;
constexpr auto N = CellKind::kNumber;
constexpr auto D = CellKind::kDate;
constexpr auto OK = DateProblem::kNone;

INSTANTIATE_TEST_SUITE_P(
    Forms, DateTest,
    testing::Values(
        DateCase{"1975-05-12", T, "1975-05-12", OK}, DateCase{"1975/05/12", T, "1975-05-12", OK},
        DateCase{"1975-5-2", T, "1975-05-02", OK}, DateCase{"12-05-1975", T, "1975-05-12", OK},
        DateCase{"12/05/1975", T, "1975-05-12", OK}, DateCase{"2/5/1975", T, "1975-05-02", OK},
        DateCase{"12.05.1975", T, "1975-05-12", OK}, DateCase{" 12-05-1975 ", T, "1975-05-12", OK},
        DateCase{"12 Mei 1975", T, "1975-05-12", OK},
        DateCase{"1 Januari 1980", T, "1980-01-01", OK},
        DateCase{"29 Februari 1980", T, "1980-02-29", OK},
        DateCase{"3 Pebruari 1981", T, "1981-02-03", OK},
        DateCase{"17 Agustus 1945", T, "1945-08-17", OK},
        DateCase{"17 Agt 1990", T, "1990-08-17", OK}, DateCase{"17 Ags 1990", T, "1990-08-17", OK},
        DateCase{"17 Agu 1990", T, "1990-08-17", OK}, DateCase{"17-Agu-1990", T, "1990-08-17", OK},
        DateCase{"5 okt 1970", T, "1970-10-05", OK},
        DateCase{"5 OKTOBER 1970", T, "1970-10-05", OK},
        DateCase{"30 Nopember 1966", T, "1966-11-30", OK},
        DateCase{"31 Des 1999", T, "1999-12-31", OK},
        DateCase{"12 Maret, 1975", T, "1975-03-12", OK},
        DateCase{"12 March 1975", T, "1975-03-12", OK},
        DateCase{"May 12, 1975", T, "1975-05-12", OK}, DateCase{"4 Jul 2001", T, "2001-07-04", OK},
        DateCase{"4 Sept 2001", T, "2001-09-04", OK},
        DateCase{"1975-05-12 00:00:00", T, "1975-05-12", OK},
        DateCase{"12/05/1975 0:00", T, "1975-05-12", OK},
        // Excel serials from number and date cells (1900 system, Lotus bug from serial 61).
        DateCase{"27526", D, "1975-05-12", OK}, DateCase{"27526", N, "1975-05-12", OK},
        DateCase{"27526.5", D, "1975-05-12", OK}, DateCase{"59", D, "1900-02-28", OK},
        DateCase{"61", D, "1900-03-01", OK}, DateCase{"60", D, "", DateProblem::kSerialOutOfRange},
        DateCase{"0", D, "", DateProblem::kSerialOutOfRange},
        DateCase{"1975-05-12", D, "1975-05-12", OK},  // t="d" ISO text
        // Two-digit years, resolved against 2025-07-01.
        DateCase{"12-05-75", T, "1975-05-12", OK, true},
        DateCase{"12 Mei 05", T, "2005-05-12", OK, true},
        DateCase{"1/1/25", T, "2025-01-01", OK, true},
        DateCase{"1/1/26", T, "1926-01-01", OK, true},
        // Invalid.
        DateCase{"31-02-1980", T, "", DateProblem::kNoSuchDate},
        DateCase{"29-02-1981", T, "", DateProblem::kNoSuchDate},
        DateCase{"31 April 1990", T, "", DateProblem::kNoSuchDate},
        DateCase{"1980-02-30", T, "", DateProblem::kNoSuchDate},
        DateCase{"00-05-1975", T, "", DateProblem::kNoSuchDate},
        DateCase{"05/25/1975", T, "", DateProblem::kUnreadable},  // month-first is not guessed
        DateCase{"12-05/1975", T, "", DateProblem::kUnreadable},
        DateCase{"12051975", T, "", DateProblem::kUnreadable},
        DateCase{"27526", T, "", DateProblem::kUnreadable},  // a serial typed as text
        DateCase{"12 Mai 1975", T, "", DateProblem::kUnreadable},
        DateCase{"12-05-197", T, "", DateProblem::kUnreadable},
        DateCase{"kemarin", T, "", DateProblem::kUnreadable},
        DateCase{"12-05-1975-1", T, "", DateProblem::kUnreadable},
        DateCase{"", T, "", DateProblem::kEmpty}, DateCase{"  ", T, "", DateProblem::kEmpty}));

TEST(ParseDate, TwoDigitYearsRejectedWhenAsked) {
  const DateValue v = ParseDateText("12-05-75", {kToday, TwoDigitYears::kReject, false});
  EXPECT_EQ(v.problem, DateProblem::kTwoDigitYear);
  EXPECT_FALSE(v.date);
}

TEST(ParseDate, Date1904Serials) {
  const DateValue v = ParseDate({"0", CellKind::kDate}, {kToday, TwoDigitYears::kReject, true});
  ASSERT_TRUE(v.date);
  EXPECT_EQ(domain::FormatIsoDate(*v.date), "1904-01-01");
}

TEST(DateProblemMessage, EveryProblemHasIndonesianText) {
  for (auto p : {DateProblem::kEmpty, DateProblem::kUnreadable, DateProblem::kNoSuchDate,
                 DateProblem::kTwoDigitYear, DateProblem::kSerialOutOfRange}) {
    EXPECT_FALSE(DateProblemMessage(p).empty());
  }
  EXPECT_NE(DateProblemMessage(DateProblem::kNoSuchDate), DateProblemMessage(DateProblem::kEmpty));
}

struct SplitCase {
  std::string text, place, date;
};
class SplitTest : public testing::TestWithParam<SplitCase> {};
TEST_P(SplitTest, Splits) {
  const auto& c = GetParam();
  const PlaceAndDate pd = SplitPlaceAndDate(c.text);
  EXPECT_EQ(pd.place, c.place) << c.text;
  EXPECT_EQ(pd.date, c.date) << c.text;
}
INSTANTIATE_TEST_SUITE_P(
    Ttl, SplitTest,
    testing::Values(SplitCase{"Pasuruan, 12-05-1975", "Pasuruan", "12-05-1975"},
                    SplitCase{"Pasuruan,12-05-1975", "Pasuruan", "12-05-1975"},
                    SplitCase{"Pasuruan 12-05-1975", "Pasuruan", "12-05-1975"},
                    SplitCase{"Kota Pasuruan, 12 Mei 1975", "Kota Pasuruan", "12 Mei 1975"},
                    SplitCase{"Pasuruan, 12 Agustus, 1975", "Pasuruan", "12 Agustus, 1975"},
                    SplitCase{"Pasuruan / 12 Mei 1975", "Pasuruan", "12 Mei 1975"},
                    SplitCase{"Pasuruan", "Pasuruan", ""},
                    SplitCase{"12-05-1975", "", "12-05-1975"}, SplitCase{"", "", ""}));

// ---- Sex ----

struct SexCase {
  std::string text;
  std::optional<domain::Sex> sex;
};
class SexTest : public testing::TestWithParam<SexCase> {};
TEST_P(SexTest, Parses) { EXPECT_EQ(ParseSex(GetParam().text), GetParam().sex) << GetParam().text; }
constexpr auto M = domain::Sex::kMale;
constexpr auto F = domain::Sex::kFemale;
INSTANTIATE_TEST_SUITE_P(
    Forms, SexTest,
    testing::Values(SexCase{"L", M}, SexCase{"l", M}, SexCase{" L ", M}, SexCase{"LK", M},
                    SexCase{"Laki-laki", M}, SexCase{"LAKI-LAKI", M}, SexCase{"Laki Laki", M},
                    SexCase{"Lakilaki", M}, SexCase{"Laki", M}, SexCase{"Pria", M}, SexCase{"1", M},
                    SexCase{"M", M}, SexCase{"Male", M}, SexCase{"P", F}, SexCase{"PR", F},
                    SexCase{"Perempuan", F}, SexCase{"PEREMPUAN", F}, SexCase{"Wanita", F},
                    SexCase{"2", F}, SexCase{"F", F}, SexCase{"female", F},
                    SexCase{"", std::nullopt}, SexCase{"3", std::nullopt},
                    SexCase{"X", std::nullopt}, SexCase{"L/P", std::nullopt},
                    SexCase{"Laki-laki dan perempuan", std::nullopt}));

// ---- Names ----

struct NameCase {
  std::string text, display;
};
class NameTest : public testing::TestWithParam<NameCase> {};
TEST_P(NameTest, Display) { EXPECT_EQ(DisplayCaseName(GetParam().text), GetParam().display); }
INSTANTIATE_TEST_SUITE_P(
    Forms, NameTest,
    testing::Values(NameCase{"SITI AMINAH", "Siti Aminah"}, NameCase{"siti aminah", "Siti Aminah"},
                    NameCase{"  Siti   Aminah  ", "Siti Aminah"},
                    NameCase{"Siti\tAminah\n", "Siti Aminah"},
                    NameCase{"Siti\xC2\xA0"
                             "Aminah",
                             "Siti Aminah"},
                    NameCase{"AHMAD BIN ABDULLAH", "Ahmad bin Abdullah"},
                    NameCase{"siti binti slamet", "Siti binti Slamet"},
                    NameCase{"H. MOCH. SANUSI", "H. Moch. Sanusi"},
                    NameCase{"Hj. SITI MAISAROH", "Hj. Siti Maisaroh"},
                    NameCase{"hj. siti", "hj. Siti"},
                    NameCase{"KH. ABDUL HAMID", "KH. Abdul Hamid"},
                    NameCase{"SUPARMAN, S.Pd.", "Suparman, S.Pd."},
                    NameCase{"MA'RUF AMIN", "Ma'ruf Amin"}, NameCase{"NUR-AINI", "Nur-Aini"},
                    NameCase{"Siti Aminah", "Siti Aminah"}, NameCase{"McDONALD", "McDONALD"},
                    NameCase{"M. ALI", "M. Ali"}, NameCase{"SLAMET", "Slamet"}, NameCase{"", ""},
                    NameCase{"   ", ""}, NameCase{"ANDRÉ WIJAYA", "André Wijaya"}));

TEST(CollapseSpaces, KeepsSpelling) {
  EXPECT_EQ(CollapseSpaces("  SITI   aminah "), "SITI aminah");
  EXPECT_EQ(CollapseSpaces(""), "");
}

// ---- Phones ----

struct PhoneCase {
  std::string text, e164;
  PhoneProblem problem;
};
class PhoneTest : public testing::TestWithParam<PhoneCase> {};
TEST_P(PhoneTest, Normalises) {
  const auto& c = GetParam();
  const PhoneValue v = ParsePhone(c.text);
  EXPECT_EQ(v.problem, c.problem) << c.text;
  EXPECT_EQ(v.e164, c.e164) << c.text;
}
constexpr auto POK = PhoneProblem::kNone;
INSTANTIATE_TEST_SUITE_P(Forms, PhoneTest,
                         testing::Values(PhoneCase{"081234567890", "+6281234567890", POK},
                                         PhoneCase{"0812-3456-7890", "+6281234567890", POK},
                                         PhoneCase{"0812 3456 789",
                                                   "+62812345678"
                                                   "9",
                                                   POK},
                                         PhoneCase{"62812345678901", "+62812345678901", POK},
                                         PhoneCase{"+62 812-3456-7890", "+6281234567890", POK},
                                         PhoneCase{"+62 (0)812 3456 7890", "+6281234567890", POK},
                                         PhoneCase{"81234567890", "+6281234567890", POK},
                                         PhoneCase{"'081234567890", "+6281234567890", POK},
                                         PhoneCase{"(0343) 421234", "+62343421234", POK},
                                         PhoneCase{"0812.3456.7890", "+6281234567890", POK},
                                         PhoneCase{"0812345678 / 0813111222", "+62812345678", POK},
                                         PhoneCase{"0812345", "", PhoneProblem::kTooShort},
                                         PhoneCase{"08123456789012", "", PhoneProblem::kTooLong},
                                         PhoneCase{"+1 202 555 0100", "", PhoneProblem::kBadPrefix},
                                         PhoneCase{"12345678901", "", PhoneProblem::kBadPrefix},
                                         PhoneCase{"00812345678", "", PhoneProblem::kBadPrefix},
                                         PhoneCase{"8.12346E+10", "", PhoneProblem::kNotANumber},
                                         PhoneCase{"tidak ada", "", PhoneProblem::kNotANumber},
                                         PhoneCase{"-", "", PhoneProblem::kNotANumber},
                                         PhoneCase{"", "", PhoneProblem::kEmpty}));

TEST(ParsePhone, SeveralNumbersFlagged) {
  EXPECT_TRUE(ParsePhone("0812345678 / 0813111222").several);
  EXPECT_FALSE(ParsePhone("0812345678").several);
}

// ---- Occupations ----

struct OccupationCase {
  std::string text, code;  // "" = no match
};
class OccupationTest : public testing::TestWithParam<OccupationCase> {};
TEST_P(OccupationTest, Matches) {
  const auto& c = GetParam();
  const domain::Occupation* o = MatchOccupationLoose(c.text);
  if (c.code.empty()) {
    EXPECT_EQ(o, nullptr) << c.text << " -> " << (o ? o->code : "");
  } else {
    ASSERT_NE(o, nullptr) << c.text;
    EXPECT_EQ(o->code, c.code) << c.text;
  }
}
INSTANTIATE_TEST_SUITE_P(
    Village, OccupationTest,
    testing::Values(
        OccupationCase{"Petani", "petani"}, OccupationCase{"TANI", "petani"},
        OccupationCase{"Petani/Pekebun", "petani"}, OccupationCase{"Buruh Tani", "buruh_tani"},
        OccupationCase{"BURUH TANI/PERKEBUNAN", ""},
        OccupationCase{"Petani Tembakau", "petani_tembakau"},
        OccupationCase{"Buruh Tani Tembakau", "buruh_tani_tembakau"},
        OccupationCase{"Buruh Pabrik Rokok", "buruh_pabrik_rokok"},
        OccupationCase{"Buruh Linting Rokok", "buruh_pabrik_rokok"},
        OccupationCase{"Nelayan", "nelayan"}, OccupationCase{"Buruh Nelayan", "nelayan"},
        OccupationCase{"Pedagang", "pedagang_kecil"},
        OccupationCase{"Pedagang Kaki Lima", "pedagang_kecil"},
        OccupationCase{"PKL", "pedagang_kecil"}, OccupationCase{"Tukang Becak", "tukang_becak"},
        OccupationCase{"Penarik Becak", "tukang_becak"},
        OccupationCase{"Kuli Bangunan", "tukang_batu"},
        OccupationCase{"Tukang Batu", "tukang_batu"}, OccupationCase{"Ojek", "ojek"},
        OccupationCase{"Ojol", "ojek"}, OccupationCase{"tukang ojek", "ojek"},
        OccupationCase{"buruh_tani_tembakau", "buruh_tani_tembakau"},
        OccupationCase{"Buruh Harian Lepas", "lainnya"}, OccupationCase{"Guru", ""},
        OccupationCase{"PNS", ""}, OccupationCase{"", ""}, OccupationCase{"  ", ""}));

}  // namespace
}  // namespace jaring::intake
