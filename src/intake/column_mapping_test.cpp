#include "intake/column_mapping.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace jaring::intake {
namespace {

struct HeaderCase {
  std::string header;
  std::optional<Field> field;  // nullopt: must stay unmapped
};

class HeaderTest : public testing::TestWithParam<HeaderCase> {};

TEST_P(HeaderTest, Recognised) {
  const auto& c = GetParam();
  // Alone in a header row with a neutral column, so there is no competition.
  const std::vector<std::string> header = {"Keterangan Lain", c.header};
  const ColumnMapping mapping = DetectMapping(header);
  if (!c.field) {
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      EXPECT_FALSE(mapping.Has(static_cast<Field>(f)))
          << c.header << " mapped to " << FieldName(static_cast<Field>(f));
    }
    ASSERT_EQ(mapping.unmapped.size(), 2u);
    return;
  }
  ASSERT_EQ(mapping.ColumnOf(*c.field), 1) << c.header << " -> " << FieldName(*c.field);
  EXPECT_EQ(mapping.Match(*c.field)->header, c.header);
  EXPECT_GT(mapping.Match(*c.field)->confidence, 0.5);
  ASSERT_EQ(mapping.unmapped.size(), 1u);
  EXPECT_EQ(mapping.unmapped[0].header, "Keterangan Lain");
}

INSTANTIATE_TEST_SUITE_P(
    Variants, HeaderTest,
    testing::Values(
        HeaderCase{"NIK", Field::kNik}, HeaderCase{"nik", Field::kNik},
        HeaderCase{"No. KTP", Field::kNik}, HeaderCase{"No KTP", Field::kNik},
        HeaderCase{"NO.KTP", Field::kNik}, HeaderCase{"Nomor Induk Kependudukan", Field::kNik},
        HeaderCase{"NIK KTP", Field::kNik}, HeaderCase{" N I K ", Field::kNik},
        HeaderCase{"NIK (16 digit)", Field::kNik}, HeaderCase{"Nama", Field::kName},
        HeaderCase{"Nama Lengkap", Field::kName}, HeaderCase{"NAMA PEKERJA", Field::kName},
        HeaderCase{"Name", Field::kName}, HeaderCase{"Nama Sesuai KTP", Field::kName},
        HeaderCase{"Jenis Kelamin", Field::kSex}, HeaderCase{"JK", Field::kSex},
        HeaderCase{"L/P", Field::kSex}, HeaderCase{"Sex", Field::kSex},
        HeaderCase{"Gender", Field::kSex}, HeaderCase{"Jenis Kelamin (L/P)", Field::kSex},
        HeaderCase{"Tempat Lahir", Field::kBirthPlace}, HeaderCase{"Tmp Lahir", Field::kBirthPlace},
        HeaderCase{"Tmp. Lahir", Field::kBirthPlace}, HeaderCase{"Tgl Lahir", Field::kBirthDate},
        HeaderCase{"Tanggal Lahir", Field::kBirthDate}, HeaderCase{"Tgl. Lahir", Field::kBirthDate},
        HeaderCase{"Date of Birth", Field::kBirthDate},
        HeaderCase{"Tanggal Lahir (dd-mm-yyyy)", Field::kBirthDate},
        HeaderCase{"Tempat, Tanggal Lahir", Field::kBirthPlaceDate},
        HeaderCase{"TTL", Field::kBirthPlaceDate},
        HeaderCase{"Tempat/Tgl Lahir", Field::kBirthPlaceDate},
        HeaderCase{"Alamat", Field::kAddress}, HeaderCase{"Alamat Lengkap", Field::kAddress},
        HeaderCase{"Dusun", Field::kDusun}, HeaderCase{"RT", Field::kRt},
        HeaderCase{"RW", Field::kRw}, HeaderCase{"RT/RW", Field::kRtRw},
        HeaderCase{"Desa", Field::kVillage}, HeaderCase{"Desa/Kelurahan", Field::kVillage},
        HeaderCase{"Kelurahan", Field::kVillage}, HeaderCase{"Nama Desa", Field::kVillage},
        HeaderCase{"Kecamatan", Field::kDistrict}, HeaderCase{"Kec", Field::kDistrict},
        HeaderCase{"Kec.", Field::kDistrict}, HeaderCase{"Kode Desa", Field::kVillageCode},
        HeaderCase{"Kode Wilayah Desa/Kel", Field::kVillageCode},
        HeaderCase{"Pekerjaan", Field::kOccupation},
        HeaderCase{"Jenis Pekerjaan", Field::kOccupation}, HeaderCase{"No. HP", Field::kPhone},
        HeaderCase{"No HP", Field::kPhone}, HeaderCase{"Telepon", Field::kPhone},
        HeaderCase{"No. Telp", Field::kPhone}, HeaderCase{"WA", Field::kPhone},
        HeaderCase{"No. HP/WA", Field::kPhone}, HeaderCase{"No. KK", Field::kKk},
        HeaderCase{"Nomor KK", Field::kKk}, HeaderCase{"No Kartu Keluarga", Field::kKk},
        HeaderCase{"No", Field::kRowNumber}, HeaderCase{"No.", Field::kRowNumber},
        HeaderCase{"NO URUT", Field::kRowNumber},
        // Other people's data and look-alikes stay unmapped.
        HeaderCase{"Nama Ibu Kandung", std::nullopt},
        HeaderCase{"Nama Kepala Keluarga", std::nullopt}, HeaderCase{"Status Nikah", std::nullopt},
        HeaderCase{"Keterangan", std::nullopt}, HeaderCase{"Agama", std::nullopt},
        HeaderCase{"", std::nullopt}));

TEST(DetectMapping, CanonicalRosterHeaderMapsExactly) {
  const std::vector<std::string> header = {"id",           "nik",         "kk",         "name",
                                           "sex",          "birth_place", "birth_date", "address",
                                           "village_code", "occupation",  "phone"};
  const ColumnMapping m = DetectMapping(header);
  const std::vector<std::pair<Field, int>> expected = {
      {Field::kSourceId, 0},   {Field::kNik, 1},     {Field::kKk, 2},
      {Field::kName, 3},       {Field::kSex, 4},     {Field::kBirthPlace, 5},
      {Field::kBirthDate, 6},  {Field::kAddress, 7}, {Field::kVillageCode, 8},
      {Field::kOccupation, 9}, {Field::kPhone, 10}};
  for (const auto& [field, column] : expected) {
    ASSERT_TRUE(m.Has(field)) << FieldName(field);
    EXPECT_EQ(m.Match(field)->column, column) << FieldName(field);
    EXPECT_EQ(m.Match(field)->confidence, 1.0) << FieldName(field);
  }
  EXPECT_TRUE(m.unmapped.empty());
  EXPECT_TRUE(m.duplicates.empty());
  EXPECT_TRUE(m.MissingRequired().empty());
}

TEST(DetectMapping, MixedVillageSheetKeepsUnknownColumns) {
  const std::vector<std::string> header = {
      "No.",  "Nama Lengkap", "No. KTP",   "L/P",        "Tempat, Tanggal Lahir",
      "Desa", "Kec.",         "Pekerjaan", "Keterangan", "No. HP"};
  const ColumnMapping m = DetectMapping(header);
  EXPECT_EQ(m.ColumnOf(Field::kRowNumber), 0);
  EXPECT_EQ(m.ColumnOf(Field::kName), 1);
  EXPECT_EQ(m.ColumnOf(Field::kNik), 2);
  EXPECT_EQ(m.ColumnOf(Field::kSex), 3);
  EXPECT_EQ(m.ColumnOf(Field::kBirthPlaceDate), 4);
  EXPECT_EQ(m.ColumnOf(Field::kVillage), 5);
  EXPECT_EQ(m.ColumnOf(Field::kDistrict), 6);
  EXPECT_EQ(m.ColumnOf(Field::kOccupation), 7);
  EXPECT_EQ(m.ColumnOf(Field::kPhone), 9);
  ASSERT_EQ(m.unmapped.size(), 1u);
  EXPECT_EQ(m.unmapped[0].column, 8);
  EXPECT_EQ(m.column_count, 10);
}

TEST(DetectMapping, DuplicateCandidatesReportedHighestConfidenceWins) {
  // "NIK KTP" (a known variant, 0.9) loses to "NIK" (canonical, 1.0) although it comes first;
  // "WA" loses to the earlier "No. HP" at equal confidence.
  const std::vector<std::string> header = {"NIK KTP", "NIK", "Nama", "No. HP", "WA"};
  const ColumnMapping m = DetectMapping(header);
  EXPECT_EQ(m.ColumnOf(Field::kNik), 1);
  EXPECT_EQ(m.ColumnOf(Field::kPhone), 3);
  ASSERT_EQ(m.duplicates.size(), 2u);
  EXPECT_EQ(m.duplicates[0].first, Field::kNik);
  EXPECT_EQ(m.duplicates[0].second.column, 0);
  EXPECT_EQ(m.duplicates[1].first, Field::kPhone);
  EXPECT_EQ(m.duplicates[1].second.column, 4);
  // Losers are kept as unmapped columns: their cells travel with the rows.
  ASSERT_EQ(m.unmapped.size(), 2u);
  EXPECT_EQ(m.unmapped[0].column, 0);
  EXPECT_EQ(m.unmapped[1].column, 4);
}

TEST(DetectMapping, MissingRequiredFields) {
  const std::vector<std::string> header = {"Alamat", "Desa"};
  const auto missing = DetectMapping(header).MissingRequired();
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0], Field::kNik);
  EXPECT_EQ(missing[1], Field::kName);
  const std::vector<std::string> only_name = {"Nama"};
  EXPECT_EQ(DetectMapping(only_name).MissingRequired(), std::vector<Field>{Field::kNik});
}

TEST(ColumnMapping, ManualCorrectionMovesColumns) {
  const std::vector<std::string> header = {"Nama", "Nomor", "Keterangan"};
  ColumnMapping m = DetectMapping(header);
  EXPECT_EQ(m.ColumnOf(Field::kRowNumber), 1);  // "Nomor" read as a running number
  m.Set(Field::kNik, 1, "Nomor");               // the operator says it is the NIK
  EXPECT_EQ(m.ColumnOf(Field::kNik), 1);
  EXPECT_FALSE(m.Has(Field::kRowNumber));
  EXPECT_EQ(m.Match(Field::kNik)->matched, "manual");
  EXPECT_TRUE(m.MissingRequired().empty());
  m.Clear(Field::kName);
  ASSERT_EQ(m.unmapped.size(), 2u);
  EXPECT_EQ(m.unmapped[0].column, 0);
  EXPECT_EQ(m.unmapped[1].column, 2);
}

TEST(ColumnMapping, JsonRoundTrip) {
  const std::vector<std::string> header = {"No", "NIK KTP", "NIK", "Nama", "Desa", "Catatan"};
  ColumnMapping m = DetectMapping(header);
  m.Set(Field::kKk, 5, "Catatan");
  const nlohmann::json json = MappingToJson(m);
  EXPECT_EQ(json["version"], 1);
  EXPECT_EQ(json["fields"]["nik"]["column"], 2);
  EXPECT_EQ(json["fields"]["kk"]["matched"], "manual");
  auto back = MappingFromJson(nlohmann::json::parse(json.dump()));
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(MappingToJson(*back), json);
}

TEST(ColumnMapping, JsonRejectsBadTemplates) {
  EXPECT_FALSE(MappingFromJson(nlohmann::json::parse(R"({"version":2,"fields":{}})")));
  EXPECT_FALSE(
      MappingFromJson(nlohmann::json::parse(R"({"version":1,"fields":{"nama":{"column":1}}})")));
  EXPECT_FALSE(
      MappingFromJson(nlohmann::json::parse(R"({"version":1,"fields":{"nik":{"column":-1}}})")));
  EXPECT_FALSE(MappingFromJson(
      nlohmann::json::parse(R"({"version":1,"fields":{"nik":{"column":1},"name":{"column":1}}})")));
  EXPECT_FALSE(MappingFromJson(nlohmann::json::parse(R"({"version":1})")));
  EXPECT_FALSE(MappingFromJson(nlohmann::json::parse(R"([1,2])")));
}

TEST(ColumnMapping, TemplateFollowsHeadersWhenColumnsMove) {
  // The operator mapped the odd header "Nomor" to NIK last month; this month the village
  // sends the columns in another order and a new phone column.
  const std::vector<std::string> first = {"Nomor", "Nama", "Keterangan"};
  ColumnMapping saved = DetectMapping(first);
  saved.Set(Field::kNik, 0, "Nomor");
  saved.Set(Field::kOccupation, 2, "Keterangan");
  const auto restored = MappingFromJson(MappingToJson(saved));
  ASSERT_TRUE(restored);
  const std::vector<std::string> next = {"No. HP", "NAMA", "Keterangan", "NOMOR"};
  const ColumnMapping m = ApplyTemplate(*restored, next);
  EXPECT_EQ(m.ColumnOf(Field::kNik), 3);
  EXPECT_EQ(m.Match(Field::kNik)->matched, "template");
  EXPECT_EQ(m.ColumnOf(Field::kName), 1);
  EXPECT_EQ(m.ColumnOf(Field::kOccupation), 2);
  EXPECT_EQ(m.ColumnOf(Field::kPhone), 0);  // detected
  EXPECT_TRUE(m.unmapped.empty());
}

TEST(FindHeaderRow, SkipsTitleLines) {
  const std::vector<std::vector<std::string>> rows = {
      {"DAFTAR PEKERJA RENTAN DESA LEBAKREJO"},
      {"TAHUN 2025", ""},
      {"No", "Nama", "NIK", "Alamat"},
      {"1", "Siti", "3514014505750001", "Krajan"},
  };
  EXPECT_EQ(FindHeaderRow(rows), 2u);
  const std::vector<std::vector<std::string>> none = {{"Laporan"}, {"1", "2"}};
  EXPECT_FALSE(FindHeaderRow(none));
}

TEST(HeaderKey, IgnoresCaseSpacesPunctuation) {
  EXPECT_EQ(HeaderKey("No. KTP"), "noktp");
  EXPECT_EQ(HeaderKey("  Tgl.  Lahir "), "tgllahir");
  EXPECT_EQ(HeaderKey("L/P"), "lp");
  EXPECT_EQ(HeaderKey("\xEF\xBB\xBFnik"), "nik");  // a BOM left by a reader
}

TEST(FieldName, RoundTripsEveryField) {
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    EXPECT_EQ(FieldFromName(FieldName(field)), field);
    EXPECT_FALSE(FieldLabel(field).empty());
  }
  EXPECT_FALSE(FieldFromName("nama"));
}

}  // namespace
}  // namespace jaring::intake
