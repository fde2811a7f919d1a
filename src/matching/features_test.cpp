#include "matching/features.hpp"

#include <gtest/gtest.h>

namespace jaring::matching {
namespace {

TEST(NikComparatorTest, Levels) {
  struct Case {
    const char* a;
    const char* b;
    int level;
  };
  const Case cases[] = {
      {"3514012107640003", "3514012107640003", 5},
      // Two well-formed NIKs in conflict: two people (domain.md "Twins and siblings").
      {"3514012107640003", "3514012107640004", 1},  // the next serial: a twin (a typo under
                                                    // one name: see the test below)
      {"3514012107640003", "3514016107640003", 1},  // day + 40: a twin sister
      {"3514012107640003", "3514012107640117", 1},  // same region and birth date, other serial
      {"3514012107640003", "3509042107640117", 1},  // same birth date part only
      {"3514012107640003", "3509045512710042", 1},
      {"3514012107640003", "3509040012710042", 2},  // day 00: not a NIK, far from the other
      {"3514012107640003", "0509045512710042", 2},  // province 05
      {"3514012107640003", "3500045512710042", 2},  // regency 00
      {"3514012107640003", "3509005512710042", 2},  // district 00
      {"3514012107640003", "3509047212710042", 2},  // day 72
      {"3514012107640003", "3509043113710042", 2},  // month 13
      {"3514012107640003", "3509047112710000", 2},  // serial 0000
      {"3514012107640003", "1109047112710001", 1},  // province 11, day 71: well-formed
      // A damaged copy: one digit dropped, doubled, rounded, or changed into a malformed NIK.
      {"3514012107640003", "351401210764003", 4},    // a digit dropped
      {"3514012107640003", "35140121076400003", 4},  // a digit doubled
      {"3514012107640003", "3514012107640000", 4},   // Excel rounded the last digit (serial 0000)
      {"3514012107640013", "3514012107640010", 4},   // ... and serial 0013 to 0010
      {"3514012107640000", "3514012107640000", 4},   // serial 0000 on both: rounded, not exact
      {"3514012107640003", "3514014107640003", 1},   // day 21 / 41: another sex
      {"3514012107640003", "3514019107640003", 4},   // day 91: malformed
      {"3514012107640003", "5514012107640003", 4},   // no province 55: a damaged copy
      {"3514012107640003", "3514312107640003", 4},   // no district 35.14.31
      {"3514012107640003", "3514012117640003", 4},   // month 17: malformed
      // One typo in the region, date or serial part of two well-formed NIKs: a typo, or a
      // neighbour born the same day; the other fields decide (see the test below for the date).
      {"3514012107640003", "3514022107640003", 3},  // two districts that exist
      {"3514012107640003", "3514012107640030", 3},  // serial digits swapped: not the next one
      {"3514012107640003", "3514012107640001", 3},  // serial 0003 / 0001
      {"3514012107640003", "3514011207640003", 3},  // day digits swapped (21 / 12)
      {"3514012107640003", "3514010107640003", 3},  // day 21 / 01
      {"3514012107640003", "3514012170640003", 4},  // month digits swapped: month 70, malformed
      {"3514012107640003", "3514012108640003", 3},  // another month
      {"3514012107640003", "3514012107650003", 3},  // another year
      // Different, with one side damaged beyond one edit: not anyone's NIK.
      {"3514012107640003", "35140121076400", 2},  // 14 digits
      {"3514012107640003", "351401210764", 2},
      // Excel's scientific form: a known prefix.
      {"3514012107640003", "3.51401E+15", 3},         // district only
      {"3514012107640003", "3.514012107640E+15", 4},  // region and birth date
      {"3514012107640003", "3.51402E+15", 2},
      {"3514012107640003", "", 0},
      {"3514012107640003", "0000000000000000", 0},  // placeholder zeros are missing
  };
  auto spec = ParseSpec(R"({"fields": [{"name": "nik", "type": "nik"}], "blocking": [["nik"]]})");
  ASSERT_TRUE(spec.has_value());
  for (const auto& c : cases) {
    EXPECT_EQ(CompareNiks(domain::NikDigitsAsWritten(c.a), domain::NikDigitsAsWritten(c.b)),
              c.level)
        << c.a << " / " << c.b;
    // The packed comparison (a BCD word per NIK, PackedRows) gives the same levels.
    RecordTable table;
    table.AddColumn("nik");
    table.AppendRow("1", {c.a});
    table.AppendRow("2", {c.b});
    auto prepared = Prepare(table, *spec);
    ASSERT_TRUE(prepared.has_value());
    EXPECT_EQ(prepared->packed->Compare(0, 1) & 0xf, static_cast<std::uint64_t>(c.level))
        << "packed " << c.a << " / " << c.b;
    EXPECT_EQ(CompareNiks(domain::NikDigitsAsWritten(c.b), domain::NikDigitsAsWritten(c.a)),
              c.level)
        << "symmetric " << c.a;
  }
}

// Two well-formed NIKs one digit apart are judged with their rows (features.hpp, nik levels):
// a NIK that agrees with its own row's birth date or sex was not mistyped there; the next
// serial or the other sex under two names are twins (domain.md, "Twins and siblings").
TEST(NikComparatorTest, OneDigitApartIsJudgedWithTheRows) {
  struct Case {
    const char* nik_b;
    const char* name_b;
    const char* sex_b;
    const char* date_b;
    int level;  // row a: 3514012107640003, Hasan, L, 1964-07-21
  };
  const Case cases[] = {
      {"3514012107640004", "Husen", "L", "1964-07-21", 1},  // the next serial: twins
      {"3514012107640004", "HASAN", "L", "1964-07-21", 3},  // ... under one name: a typo
      {"3514012107640002", "H. Hasan", "L", "1964-07-21", 3},
      {"3514012107640001", "Husni", "L", "1964-07-21", 3},  // serials 2 apart: the rest decides
      {"3514012107640030", "Husen", "L", "1964-07-21", 3},  // swapped serial digits
      {"3514012107640117", "Hasan", "L", "1964-07-21", 1},  // more than one typo apart
      // The sex part: each NIK agreeing with its own row's sex is right.
      {"3514016107640003", "Hasanah", "P", "1964-07-21", 1},  // a twin sister
      {"3514016107640003", "Hasan", "L", "1964-07-21", 4},    // b's NIK mistyped
      {"3514016107640003", "Husna", "", "1964-07-21", 1},     // sex unknown: the names decide
      {"3514016107640003", "Hasan", "", "1964-07-21", 3},
      // The date part: each NIK agreeing with its own row's birth date is right.
      {"3514012107740003", "Hasan", "L", "1974-07-21", 1},  // father and namesake son
      {"3514012107650003", "Hasan", "L", "1964-07-21", 4},  // b's NIK mistyped
      {"3514012107650003", "Hasan", "L", "", 3},            // b's date unknown
      // Only a's NIK agrees with its row, but b's row gives another date: b's date may be the
      // mistyped one, and b's NIK that of another person, born 1965.
      {"3514012107650003", "Hasan", "L", "1963-07-21", 3},
      // The region part: a district that does not exist is a damaged copy; two that exist, a
      // typo or a namesake born the same day next door (the other fields decide).
      {"3514312107640003", "Husen", "L", "1964-07-21", 4},
      {"3514022107640003", "Husen", "L", "1964-07-21", 3},
      {"3514012107640003", "Husen", "L", "1964-07-21", 5},  // the NIK decides
  };
  auto spec = ParseSpec(R"({"fields": [{"name": "nik", "type": "nik"},
                                       {"name": "name", "type": "name"},
                                       {"name": "sex", "type": "sex"},
                                       {"name": "birth_date", "type": "date"}],
                            "blocking": [["nik"]]})");
  ASSERT_TRUE(spec.has_value());
  for (const auto& c : cases) {
    RecordTable table;
    for (const char* column : {"nik", "name", "sex", "birth_date"}) table.AddColumn(column);
    table.AppendRow("1", {"3514012107640003", "Hasan", "L", "1964-07-21"});
    table.AppendRow("2", {c.nik_b, c.name_b, c.sex_b, c.date_b});
    auto prepared = Prepare(table, *spec);
    ASSERT_TRUE(prepared.has_value());
    EXPECT_EQ(prepared->fields[0]->Compare(0, 1), c.level) << c.nik_b << " " << c.name_b;
    EXPECT_EQ(prepared->fields[0]->Compare(1, 0), c.level) << "symmetric " << c.nik_b;
    EXPECT_EQ(prepared->packed->Compare(0, 1) & 0xf, static_cast<std::uint64_t>(c.level));
  }
}

TEST(DateComparatorTest, Levels) {
  struct Case {
    const char* a;
    const char* b;
    int level;
  };
  const Case cases[] = {
      {"1980-05-07", "1980-05-07", 5}, {"1980-05-07", "07/05/1980", 5},  // DD/MM/YYYY
      {"1980-05-07", "19800507", 5},   {"1980-05-07", "1980-07-05", 4},  // day and month swapped
      {"1980-05-07", "1980-05-47", 4},  // women's +40 day copied from the NIK
      {"1980-05-07", "1981-05-07", 3},  // year ±1
      {"1990-05-07", "1980-05-07", 3},  // one year digit
      {"1980-05-07", "1980-05-09", 3},  // one day digit: a typo (or a namesake: the NIK tells)
      {"1980-05-07", "1980-08-07", 3},  // one month digit
      {"1980-05-07", "1980-11-23", 1},  // same year: another person born that year
      {"1980-05-07", "1980-01-01", 2},  // same year, a placeholder date (old KTPs, BPJS)
      {"1980-12-31", "1980-11-23", 2}, {"1980-05-07", "1975-11-23", 1},
      {"1980-05-07", "", 0},           {"1980-05-07", "unknown", 0},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CompareDates(domain::ParseDateFields(c.a), domain::ParseDateFields(c.b)), c.level)
        << c.a << " / " << c.b;
    EXPECT_EQ(CompareDates(domain::ParseDateFields(c.b), domain::ParseDateFields(c.a)), c.level)
        << "symmetric " << c.a;
  }
}

TEST(RegionComparatorTest, Levels) {
  EXPECT_EQ(CompareRegions("35.14.01.2001", "35.14.01.2001"), 4);
  EXPECT_EQ(CompareRegions("35.14.01.2001", "35.14.01.2002"), 3);
  EXPECT_EQ(CompareRegions("35.14.01.2001", "35.14.02.2001"), 2);
  EXPECT_EQ(CompareRegions("35.14.01.2001", "35.09.01.2001"), 1);
  EXPECT_EQ(CompareRegions("3514012001", "3514012002"), 3);
  EXPECT_EQ(CompareRegions("", "35.14"), 0);
}

// Phone, KK, sex and address through Prepare, as the engine uses them.
TEST(PreparedFieldsTest, TextComparators) {
  RecordTable t;
  t.AddColumn("phone");
  t.AddColumn("kk");
  t.AddColumn("sex");
  t.AddColumn("address");
  t.AppendRow("1", {"+62 812-3456-7890", "3514011234567890", "L", "Jl. Mawar No. 5 RT 02"});
  t.AppendRow("2", {"081234567890", "3514011234567809", "laki-laki", "Jalan Mawar 5 RT 2"});
  t.AppendRow("3", {"0812 9999 0000", "3514019999999999", "P", "Dusun Krajan"});
  t.AppendRow("4", {"", "", "", ""});
  Spec spec;
  spec.fields = {{"phone", {"phone"}, Comparator::kPhone},
                 {"kk", {"kk"}, Comparator::kDigits},
                 {"sex", {"sex"}, Comparator::kSex},
                 {"address", {"address"}, Comparator::kAddress}};
  auto p = Prepare(t, spec);
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->fields[0]->Compare(0, 1), 3);  // +62 and 0 prefixes are the same number
  EXPECT_EQ(p->fields[0]->Compare(0, 2), 1);
  EXPECT_EQ(p->fields[1]->Compare(0, 1), 2);  // transposed KK digits
  EXPECT_EQ(p->fields[2]->Compare(0, 1), 2);  // L = laki-laki
  EXPECT_EQ(p->fields[2]->Compare(0, 2), 1);
  EXPECT_EQ(p->fields[3]->Compare(0, 1), 4);  // jl/jalan, 02/2, punctuation
  EXPECT_EQ(p->fields[3]->Compare(0, 2), 1);
  for (std::size_t f = 0; f < 4; ++f)
    EXPECT_EQ(p->fields[f]->Compare(0, 3), 0) << "missing, field " << f;
  for (std::size_t f = 0; f < 4; ++f) {
    for (std::uint32_t a = 0; a < 4; ++a) {
      for (std::uint32_t b = 0; b < 4; ++b) {
        EXPECT_EQ(p->fields[f]->Compare(a, b), p->fields[f]->Compare(b, a))
            << f << " " << a << " " << b;
      }
    }
  }
}

// The packed records (PackedRows, what the engine compares) give every field's reference level,
// including values that do not fit a record (long NIKs and KKs, out-of-range date parts) and
// missing ones.
TEST(PackedRowsTest, SameLevelsAsEachField) {
  RecordTable t;
  for (const char* c : {"nik", "name", "date", "sex", "village", "kk", "phone", "address", "place"})
    t.AddColumn(c);
  const std::vector<std::vector<std::string_view>> rows = {
      {"3514012107640003", "Ahmad Fauzi bin Slamet", "1964-07-21", "L", "35.14.01.2001",
       "3514010502130001", "081234567890", "Jl. Mawar No. 5 RT 02", "Pasuruan"},
      {"3514012107640008", "Achmad Fauzi bin Ahmad", "1964-07-61", "laki-laki", "35.14.01.2002",
       "3514010502130010", "+62 812-3456-7809", "Jalan Mawar 5 RT 2", "Pasoeroean"},
      {"3.51401E+15", "Fauzi Ahmad", "21/07/1964", "P", "35.14.02.2001", "0035140105021300011",
       "0812 9999 0000", "Dusun Krajan", "Probolinggo"},
      {"35140121076400031234", "Siti Aminah binti Slamet", "1964-130-21", "", "3514010001",
       "123456789012345678901234", "", "", ""},
      {"", "", "", "", "", "", "", "Jl. Mawar 5", "pasuruan"},
      {"351401210764003", "Siti Aminah", "1964-21-07", "P", "35.14.01.2001", "3514010502130001",
       "81234567890", "Jl Mawar No 5 RT 02", "Pasuruan"},
      {"0000000000000000", "Nurhayati", "1965-07-21", "W", "35.14.01", "9", "62", "RT 02",
       "Pasuruan Kota"},
      {"3514012107640000", "Nur Hayati", "1965-07-21", "p", "35.14.01.2001",
       "123456789012345678901234", "0812999900000", "Dusun Krajan RT 2", "Pasuruan"},
  };
  for (std::size_t i = 0; i < rows.size(); ++i) t.AppendRow(std::to_string(i), rows[i]);
  Spec spec;
  spec.fields = {{"nik", {"nik"}, Comparator::kNik},
                 {"name", {"name"}, Comparator::kName, true},
                 {"date", {"date"}, Comparator::kDate},
                 {"sex", {"sex"}, Comparator::kSex},
                 {"village", {"village"}, Comparator::kRegion},
                 {"kk", {"kk"}, Comparator::kDigits},
                 {"phone", {"phone"}, Comparator::kPhone},
                 {"address", {"address"}, Comparator::kAddress},
                 {"place", {"place"}, Comparator::kString, true}};
  auto p = Prepare(t, spec);
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  ASSERT_NE(p->packed, nullptr);
  EXPECT_EQ(p->packed->stride(), 64u);  // the roster's fields fit one cache line
  for (std::uint32_t a = 0; a < rows.size(); ++a) {
    for (std::uint32_t b = 0; b < rows.size(); ++b) {
      std::uint64_t pattern = p->packed->Compare(a, b);
      for (std::size_t f = 0; f < spec.fields.size(); ++f) {
        EXPECT_EQ(static_cast<int>(pattern >> (4 * f) & 0xf), p->fields[f]->Compare(a, b))
            << spec.fields[f].name << " rows " << a << ", " << b;
      }
    }
  }
}

TEST(PreparedFieldsTest, TermFrequencyOfNames) {
  RecordTable t;
  t.AddColumn("name");
  for (int i = 0; i < 8; ++i) t.AppendRow(std::to_string(i), {"Siti Aminah"});
  t.AppendRow("r1", {"Kusumawardhani Prameswari"});
  t.AppendRow("r2", {"Kusumawardani Prameswari"});
  Spec spec;
  spec.fields = {{"name", {"name"}, Comparator::kName, true}};
  auto p = Prepare(t, spec);
  ASSERT_TRUE(p.has_value());
  double common = p->fields[0]->AgreementFrequency(0, 1, 5);
  double rare = p->fields[0]->AgreementFrequency(8, 9, p->fields[0]->Compare(8, 9));
  EXPECT_NEAR(common, 0.8, 1e-6);
  EXPECT_GT(rare, 0.0);
  EXPECT_LT(rare, common);
}

TEST(SpecTest, ParseAndRestrict) {
  auto spec = ParseSpec(R"({"id": "rid", "fields": [{"name": "n", "column": "nama", "type": "name"},
      {"name": "d", "type": "date"}], "blocking": [["n:phonetic_first", "d:year"], ["d"]]})");
  ASSERT_TRUE(spec.has_value()) << spec.error().ToString();
  EXPECT_EQ(spec->fields[0].columns[0], "nama");
  EXPECT_EQ(spec->fields[1].columns[0], "d");
  EXPECT_EQ(spec->blocking.size(), 2u);
  auto restricted = RestrictToColumns(*spec, {{"rid", "d"}});
  ASSERT_TRUE(restricted.has_value());
  EXPECT_EQ(restricted->fields.size(), 1u);
  EXPECT_EQ(restricted->blocking.size(), 1u);  // the rule using the name field is gone
  EXPECT_FALSE(ParseSpec(R"({"fields": [{"name": "x", "type": "nope"}]})").has_value());
  EXPECT_FALSE(ParseSpec(R"({"fields": [{"name": "x"}], "blocking": [["y"]]})").has_value());
  EXPECT_FALSE(ParseSpec("not json").has_value());
  auto round = ParseSpec(SpecToJson(RosterSpec()));
  ASSERT_TRUE(round.has_value());
  EXPECT_EQ(round->fields.size(), RosterSpec().fields.size());
  EXPECT_EQ(round->blocking.size(), RosterSpec().blocking.size());
}

TEST(SpecTest, RecognisesJaringFiles) {
  EXPECT_EQ(RecogniseHeader({"id", "nik", "kk", "name", "sex", "birth_place", "birth_date",
                             "address", "village_code", "occupation", "phone"}),
            "roster");
  EXPECT_EQ(
      RecogniseHeader({"id", "nik", "name", "sex", "birth_date", "death_date", "village_code"}),
      "deaths");
  EXPECT_EQ(RecogniseHeader({"id", "nik", "name", "birth_date", "kpj", "segment"}), "members");
  EXPECT_EQ(RecogniseHeader({"a", "b"}), "");
  auto deaths = RestrictToColumns(
      RosterSpec(), {{"id", "nik", "name", "sex", "birth_date", "death_date", "village_code"}});
  ASSERT_TRUE(deaths.has_value());
  EXPECT_EQ(deaths->fields.size(), 5u);  // nik, name, sex, birth_date, village
}

}  // namespace
}  // namespace jaring::matching
