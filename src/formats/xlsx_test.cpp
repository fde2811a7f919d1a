#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "formats/xlsx_reader.hpp"
#include "formats/xlsx_writer.hpp"

namespace jaring::formats {
namespace {

using namespace std::chrono_literals;
using std::chrono::year_month_day;

// Unique per process: CTest runs test cases of this binary in parallel.
std::string TempPath(const std::string& name) {
  return testing::TempDir() + "/jaring_formats_" + std::to_string(::getpid()) + "_" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Builds an archive in memory from (name, content) parts with libzip.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string path = TempPath("made.zip");
  std::remove(path.c_str());
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    // libzip keeps the pointer until zip_close: the strings outlive it in `parts`.
    zip_source_t* src = zip_source_buffer(zip, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::string bytes = ReadFile(path);
  std::remove(path.c_str());
  return bytes;
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";
const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Daftar" sheetId="1" r:id="rId7"/></sheets></workbook>)";
const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
</Relationships>)";

std::string MinimalXlsx(const std::string& sheet_xml) {
  return MakeZip({{"[Content_Types].xml", kContentTypes},
                  {"_rels/.rels", kRootRels},
                  {"xl/workbook.xml", kWorkbook},
                  {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                  {"xl/worksheets/data.xml", sheet_xml}});
}

std::string SheetXml(const std::string& sheet_data) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
         sheet_data + "</x:sheetData></x:worksheet>";
}

Result<std::vector<XlsxRow>> ReadAllRows(std::string bytes, const XlsxOptions& options = {}) {
  auto book = XlsxReader::FromBuffer(std::move(bytes), options);
  if (!book) return Fail(book.error());
  auto sheet = book->OpenSheet(0);
  if (!sheet) return Fail(sheet.error());
  std::vector<XlsxRow> rows;
  XlsxRow row;
  while (sheet->Next(row)) rows.push_back(std::move(row));
  if (!sheet->status()) return Fail(sheet->status().error());
  return rows;
}

// A workbook written by libxlsxwriter itself (shared strings, styles, formulas, two sheets),
// read back cell by cell.
TEST(XlsxReaderTest, ReadsWorkbookWrittenByLibxlsxwriter) {
  std::string path = TempPath("mixed.xlsx");
  {
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_format* iso_date = workbook_add_format(wb);
    format_set_num_format(iso_date, "yyyy-mm-dd");
    lxw_format* builtin_date = workbook_add_format(wb);
    format_set_num_format_index(builtin_date, 14);
    lxw_format* text = workbook_add_format(wb);
    format_set_num_format(text, "@");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0");
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Peserta");
    worksheet_write_string(ws, 0, 0, "nik", nullptr);
    worksheet_write_string(ws, 0, 1, "nama", nullptr);
    worksheet_write_string(ws, 0, 2, "lahir", nullptr);
    worksheet_write_string(ws, 0, 3, "iuran", nullptr);
    worksheet_write_string(ws, 1, 0, "3514010101900001", text);
    worksheet_write_string(ws, 1, 1, "Andr\xC3\xA9 \"Gendut\" <x&y>", nullptr);
    worksheet_write_number(ws, 1, 2, 45292, iso_date);  // 2024-01-01
    worksheet_write_number(ws, 1, 3, 16800, money);
    worksheet_write_number(ws, 2, 0, 3514010101900001.0, nullptr);  // the damaged NIK
    worksheet_write_string(ws, 2, 1, "nik", nullptr);               // shared with the header
    worksheet_write_number(ws, 2, 2, 61, builtin_date);
    worksheet_write_formula_num(ws, 2, 3, "=D2*2", nullptr, 33600);
    worksheet_write_boolean(ws, 4, 1, 1, nullptr);  // row 4 missing, column A empty
    worksheet_write_number(ws, 4, 4, -0.5, nullptr);
    lxw_worksheet* ws2 = workbook_add_worksheet(wb, "Catatan");
    worksheet_write_string(ws2, 0, 2, "hanya C1", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    ASSERT_NE(z, nullptr);
    EXPECT_GE(zip_name_locate(z, "xl/sharedStrings.xml", 0), 0) << "test must use shared strings";
    zip_discard(z);
  }

  auto book = XlsxReader::Open(path);
  ASSERT_TRUE(book.has_value()) << book.error().ToString();
  ASSERT_EQ(book->sheets().size(), 2u);
  EXPECT_EQ(book->sheets()[0].name, "Peserta");
  EXPECT_EQ(book->sheets()[1].name, "Catatan");
  EXPECT_FALSE(book->date1904());

  auto sheet = book->OpenSheet("Peserta");
  ASSERT_TRUE(sheet.has_value()) << sheet.error().ToString();
  std::vector<XlsxRow> rows;
  XlsxRow row;
  while (sheet->Next(row)) rows.push_back(row);
  ASSERT_TRUE(sheet->status().has_value()) << sheet->status().error().ToString();
  EXPECT_EQ(sheet->bytes_read(), sheet->total_bytes());
  ASSERT_EQ(rows.size(), 4u);

  EXPECT_EQ(rows[0].number, 1u);
  ASSERT_EQ(rows[0].cells.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(rows[0].cells[i].type, XlsxCellType::kString);
  EXPECT_EQ(rows[0].cells[0].text, "nik");
  EXPECT_EQ(rows[0].cells[3].text, "iuran");

  const auto& r2 = rows[1].cells;
  EXPECT_EQ(rows[1].number, 2u);
  ASSERT_EQ(r2.size(), 4u);
  EXPECT_EQ(r2[0].type, XlsxCellType::kString);
  EXPECT_EQ(r2[0].text, "3514010101900001");
  EXPECT_EQ(r2[0].format_code, "@");
  EXPECT_GE(r2[0].num_fmt_id, 164u);  // libxlsxwriter stores "@" as a custom format
  EXPECT_FALSE(r2[0].date_format);
  EXPECT_EQ(r2[1].text, "Andr\xC3\xA9 \"Gendut\" <x&y>");
  EXPECT_EQ(r2[2].type, XlsxCellType::kNumber);
  EXPECT_EQ(r2[2].number, 45292);
  EXPECT_EQ(r2[2].format_code, "yyyy-mm-dd");
  EXPECT_GE(r2[2].num_fmt_id, 164u);
  EXPECT_TRUE(r2[2].date_format);
  EXPECT_EQ(ExcelSerialToDate(r2[2].number), year_month_day(2024y / 1 / 1));
  EXPECT_EQ(r2[3].number, 16800);
  EXPECT_EQ(r2[3].format_code, "#,##0");
  EXPECT_FALSE(r2[3].date_format);

  const auto& r3 = rows[2].cells;
  ASSERT_EQ(r3.size(), 4u);
  EXPECT_EQ(r3[0].type, XlsxCellType::kNumber);
  EXPECT_EQ(r3[0].number, 3514010101900001.0);
  EXPECT_EQ(r3[0].format_code, "General");
  EXPECT_EQ(RenderExcelGeneral(r3[0].number), "3514010101900000");
  EXPECT_EQ(r3[1].text, "nik");
  EXPECT_EQ(r3[2].num_fmt_id, 14u);
  EXPECT_TRUE(r3[2].date_format);
  EXPECT_EQ(ExcelSerialToDate(r3[2].number), year_month_day(1900y / 3 / 1));
  EXPECT_TRUE(r3[3].from_formula);
  EXPECT_EQ(r3[3].type, XlsxCellType::kNumber);
  EXPECT_EQ(r3[3].number, 33600);
  EXPECT_FALSE(r3[0].from_formula);

  EXPECT_EQ(rows[3].number, 5u);  // row 4 is absent, not invented
  const auto& r5 = rows[3].cells;
  ASSERT_EQ(r5.size(), 5u);
  EXPECT_EQ(r5[0].type, XlsxCellType::kEmpty);
  EXPECT_EQ(r5[1].type, XlsxCellType::kBoolean);
  EXPECT_EQ(r5[1].number, 1);
  EXPECT_EQ(r5[2].type, XlsxCellType::kEmpty);
  EXPECT_EQ(r5[3].type, XlsxCellType::kEmpty);
  EXPECT_EQ(r5[4].type, XlsxCellType::kNumber);
  EXPECT_EQ(r5[4].number, -0.5);

  auto second = ReadXlsxSheet(path, 1);
  ASSERT_TRUE(second.has_value()) << second.error().ToString();
  ASSERT_EQ(second->size(), 1u);
  ASSERT_EQ((*second)[0].cells.size(), 3u);
  EXPECT_EQ((*second)[0].cells[0].type, XlsxCellType::kEmpty);
  EXPECT_EQ((*second)[0].cells[2].text, "hanya C1");

  EXPECT_EQ(book->OpenSheet("Tidak ada").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(book->OpenSheet(2).error().code, ErrorCode::kNotFound);
  std::remove(path.c_str());
}

// A minimal workbook as other tools write it: prefixed elements, an absolute relationship
// target, inline strings, rich text runs, _xHHHH_ escapes, rows and cells without r, no
// styles and no shared strings.
TEST(XlsxReaderTest, ReadsHandMadeInlineStringWorkbook) {
  std::string sheet = SheetXml(
      R"(<x:row><x:c t="inlineStr"><x:is><x:t>nik</x:t></x:is></x:c>)"
      R"(<x:c t="inlineStr"><x:is><x:r><x:t>Siti </x:t></x:r><x:r><x:t>Aminah</x:t></x:r></x:is></x:c></x:row>)"
      R"(<x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>baris_x000D__x000A_dua _x005F_x</x:t></x:is></x:c>)"
      R"(<x:c><x:v>3.5140101019E+15</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>nik</x:v></x:c>)"
      R"(<x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="d"><x:v>2024-02-29</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>)"
      R"(<x:row r="4"><x:c r="A4" s="3"/></x:row>)");
  auto rows = ReadAllRows(MinimalXlsx(sheet));
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 2u);  // row 4 holds only a styled empty cell
  const XlsxRow& a = (*rows)[0];
  EXPECT_EQ(a.number, 1u);
  ASSERT_EQ(a.cells.size(), 2u);
  EXPECT_EQ(a.cells[0].text, "nik");
  EXPECT_EQ(a.cells[1].text, "Siti Aminah");
  EXPECT_EQ(a.cells[1].format_code, "General");
  const XlsxRow& b = (*rows)[1];
  EXPECT_EQ(b.number, 3u);
  ASSERT_EQ(b.cells.size(), 7u);
  EXPECT_EQ(b.cells[0].type, XlsxCellType::kEmpty);
  EXPECT_EQ(b.cells[1].text, "baris\r\ndua _x");
  EXPECT_EQ(b.cells[2].type, XlsxCellType::kNumber);
  EXPECT_EQ(b.cells[2].text, "3.5140101019E+15");
  EXPECT_EQ(RenderExcelGeneral(b.cells[2].number), "3514010101900000");
  EXPECT_EQ(b.cells[3].type, XlsxCellType::kString);
  EXPECT_TRUE(b.cells[3].from_formula);
  EXPECT_EQ(b.cells[3].text, "nik");
  EXPECT_EQ(b.cells[4].type, XlsxCellType::kError);
  EXPECT_EQ(b.cells[4].text, "#N/A");
  EXPECT_EQ(b.cells[5].type, XlsxCellType::kDate);
  EXPECT_EQ(b.cells[5].text, "2024-02-29");
  EXPECT_EQ(b.cells[6].type, XlsxCellType::kBoolean);
  EXPECT_EQ(b.cells[6].number, 0);
}

TEST(XlsxReaderTest, SheetListFollowsRelationshipsAndFlagsHidden) {
  std::string workbook =
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr date1904="1"/><sheets><sheet name="B" sheetId="2" rel:id="rB" state="hidden"/><sheet name="A" sheetId="1" rel:id="rA"/></sheets></workbook>)";
  std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./sheets/../sheets/a.xml"/>
<Relationship Id="rB" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/b.xml"/>
</Relationships>)";
  std::string bytes =
      MakeZip({{"_rels/.rels", kRootRels},
               {"xl/workbook.xml", workbook},
               {"xl/_rels/workbook.xml.rels", rels},
               {"xl/sheets/a.xml", SheetXml(R"(<row r="1"><c><v>1</v></c></row>)")},
               {"xl/sheets/b.xml", SheetXml(R"(<row r="1"><c><v>2</v></c></row>)")}});
  auto book = XlsxReader::FromBuffer(bytes);
  ASSERT_TRUE(book.has_value()) << book.error().ToString();
  ASSERT_EQ(book->sheets().size(), 2u);
  EXPECT_EQ(book->sheets()[0].name, "B");
  EXPECT_TRUE(book->sheets()[0].hidden);
  EXPECT_EQ(book->sheets()[1].part, "xl/sheets/a.xml");
  EXPECT_FALSE(book->sheets()[1].hidden);
  EXPECT_TRUE(book->date1904());
  auto sheet = book->OpenSheet("A");
  ASSERT_TRUE(sheet.has_value());
  XlsxRow row;
  ASSERT_TRUE(sheet->Next(row));
  EXPECT_EQ(row.cells[0].number, 1);
}

// Sets the uncompressed size recorded for `name` in both the local and the central header.
void PatchDeclaredSize(std::string& zip, const std::string& name, std::uint32_t size) {
  auto put32 = [&](std::size_t at, std::uint32_t v) { std::memcpy(&zip[at], &v, 4); };
  for (std::size_t i = 0; i + 46 < zip.size(); ++i) {
    if (zip.compare(i, 4, "PK\x03\x04") == 0 && zip.compare(i + 30, name.size(), name) == 0) {
      put32(i + 22, size);
    }
    if (zip.compare(i, 4, "PK\x01\x02") == 0 && zip.compare(i + 46, name.size(), name) == 0) {
      put32(i + 24, size);
    }
  }
}

std::string BigSheet(std::size_t rows) {
  std::string data;
  for (std::size_t r = 1; r <= rows; ++r) {
    data += "<row r=\"" + std::to_string(r) + "\"><c><v>1</v></c><c><v>2</v></c></row>";
  }
  return SheetXml(data);
}

std::string Repeat(const std::string& text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// A workbook whose one shared string (1,000,000 bytes) is referenced by `cells` cells in each of
// `rows` rows.
std::string SharedStringBomb(std::size_t cells, std::size_t rows) {
  std::string data;
  for (std::size_t r = 1; r <= rows; ++r) {
    data += "<row r=\"" + std::to_string(r) + "\">" + Repeat("<c t=\"s\"><v>0</v></c>", cells) +
            "</row>";
  }
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>
</Relationships>)";
  const std::string shared =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>)" +
      std::string(1'000'000, 'B') + "</t></si></sst>";
  return MakeZip({{"[Content_Types].xml", kContentTypes},
                  {"_rels/.rels", kRootRels},
                  {"xl/workbook.xml", kWorkbook},
                  {"xl/_rels/workbook.xml.rels", rels},
                  {"xl/sharedStrings.xml", shared},
                  {"xl/worksheets/data.xml", SheetXml(data)}});
}

struct RefusedCase {
  const char* name;
  std::function<std::string()> make;
  XlsxOptions options;
};

class XlsxRefusedTest : public testing::TestWithParam<RefusedCase> {};

TEST_P(XlsxRefusedTest, RefusedWithInvalidArgument) {
  auto rows = ReadAllRows(GetParam().make(), GetParam().options);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().code, ErrorCode::kInvalidArgument) << rows.error().ToString();
  EXPECT_FALSE(rows.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, XlsxRefusedTest,
    testing::Values(
        RefusedCase{"not_a_zip", [] { return std::string("nik,nama\n1,Budi\n"); }, {}},
        RefusedCase{"empty", [] { return std::string(); }, {}},
        RefusedCase{"no_workbook",
                    [] {
                      return MakeZip({{"a.txt", "x"}});
                    },
                    {}},
        RefusedCase{
            "malformed_xml", [] { return MinimalXlsx(SheetXml("<row><c><v>1</v></row>")); }, {}},
        RefusedCase{"doctype",
                    [] {
                      return MinimalXlsx(
                          "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData><row><c "
                          "t=\"inlineStr\"><is><t>&a;</t></is></c></row></sheetData></worksheet>");
                    },
                    {}},
        RefusedCase{"column_beyond_xfd",
                    [] { return MinimalXlsx(SheetXml(R"(<row><c r="XFE1"><v>1</v></c></row>)")); },
                    {}},
        RefusedCase{
            "row_beyond_grid",
            [] { return MinimalXlsx(SheetXml(R"(<row r="1048577"><c><v>1</v></c></row>)")); },
            {}},
        RefusedCase{"shared_string_out_of_range",
                    [] { return MinimalXlsx(SheetXml(R"(<row><c t="s"><v>5</v></c></row>)")); },
                    {}},
        RefusedCase{
            "too_many_cells", [] { return MinimalXlsx(BigSheet(1000)); }, {.max_cells = 1999}},
        RefusedCase{"cell_text_too_long",
                    [] {
                      return MinimalXlsx(SheetXml("<row><c t=\"inlineStr\"><is><t>" +
                                                  std::string(2000, 'x') + "</t></is></c></row>"));
                    },
                    {.max_cell_bytes = 1000}},
        // A highly compressible part: ~3 MB of XML in a few KB, against a 1 MB part limit.
        RefusedCase{"compressible_part_over_limit",
                    [] { return MinimalXlsx(BigSheet(60000)); },
                    {.max_part_bytes = 1 << 20}},
        // The same part claiming to be small: the inflated bytes are counted, not trusted.
        RefusedCase{"part_lying_about_its_size",
                    [] {
                      std::string zip = MinimalXlsx(BigSheet(60000));
                      PatchDeclaredSize(zip, "xl/worksheets/data.xml", 1000);
                      return zip;
                    },
                    {.max_part_bytes = 1 << 20}},
        // Default limits: a part declaring 3 GB is refused before a byte is inflated.
        RefusedCase{"part_declaring_huge_size",
                    [] {
                      std::string zip = MinimalXlsx(BigSheet(10));
                      PatchDeclaredSize(zip, "xl/worksheets/data.xml", 3'000'000'000u);
                      return zip;
                    },
                    {}},
        // Shared strings as a bomb: one long string referenced by every cell of a row (the row
        // holds more than 8 MiB), then by rows of a few cells each (one chunk of XML expands past
        // 64 MiB); and elements nested past 256.
        RefusedCase{"shared_string_row_bomb",
                    [] { return SharedStringBomb(16, 1); },
                    {}},
        RefusedCase{"shared_string_chunk_bomb",
                    [] { return SharedStringBomb(7, 200); },
                    {}},
        RefusedCase{"nested_too_deep",
                    [] {
                      return MinimalXlsx(SheetXml("<row><c t=\"inlineStr\"><is>" +
                                                  Repeat("<t>", 300) + "x" + Repeat("</t>", 300) +
                                                  "</is></c></row>"));
                    },
                    {}},
        RefusedCase{"archive_over_file_limit",
                    [] { return MinimalXlsx(BigSheet(10)); },
                    {.max_file_bytes = 100}}),
    [](const testing::TestParamInfo<RefusedCase>& info) { return info.param.name; });

TEST(XlsxReaderTest, MissingFileIsNotFound) {
  auto book = XlsxReader::Open(TempPath("no-such.xlsx"));
  ASSERT_FALSE(book.has_value());
  EXPECT_EQ(book.error().code, ErrorCode::kNotFound);
}

TEST(XlsxReaderTest, SheetReaderOutlivesWorkbookObject) {
  std::optional<XlsxSheetReader> sheet;
  {
    auto book = XlsxReader::FromBuffer(MinimalXlsx(BigSheet(3000)));
    ASSERT_TRUE(book.has_value());
    auto s = book->OpenSheet(0);
    ASSERT_TRUE(s.has_value());
    sheet.emplace(std::move(*s));
  }
  XlsxRow row;
  std::uint32_t count = 0;
  while (sheet->Next(row)) {
    ++count;
    ASSERT_EQ(row.number, count);
    ASSERT_EQ(row.cells[0].format_code, "General");
  }
  EXPECT_TRUE(sheet->status().has_value());
  EXPECT_EQ(count, 3000u);
}

struct SerialCase {
  double serial;
  bool date1904;
  std::optional<year_month_day> date;
};

class ExcelSerialTest : public testing::TestWithParam<SerialCase> {};

TEST_P(ExcelSerialTest, ConvertsWithLeapYearBug) {
  EXPECT_EQ(ExcelSerialToDate(GetParam().serial, GetParam().date1904), GetParam().date)
      << GetParam().serial;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExcelSerialTest,
    testing::Values(SerialCase{1, false, 1900y / 1 / 1}, SerialCase{59, false, 1900y / 2 / 28},
                    SerialCase{60, false, std::nullopt}, SerialCase{61, false, 1900y / 3 / 1},
                    SerialCase{31048, false, 1985y / 1 / 1},
                    SerialCase{45292, false, 2024y / 1 / 1},
                    SerialCase{45292.99, false, 2024y / 1 / 1},
                    SerialCase{2958465, false, 9999y / 12 / 31},
                    SerialCase{2958466, false, std::nullopt}, SerialCase{0, false, std::nullopt},
                    SerialCase{-5, false, std::nullopt},
                    SerialCase{std::numeric_limits<double>::quiet_NaN(), false, std::nullopt},
                    SerialCase{0, true, 1904y / 1 / 1}, SerialCase{43830, true, 2024y / 1 / 1}));

TEST(ExcelSerialTest, DateToSerialIsTheInverse) {
  using namespace std::chrono;
  for (sys_days d = sys_days(1900y / 1 / 1); d < sys_days(2100y / 1 / 1); d += days(7)) {
    year_month_day ymd(d);
    ASSERT_EQ(ExcelSerialToDate(DateToExcelSerial(ymd)), ymd) << DateToExcelSerial(ymd);
  }
  EXPECT_EQ(DateToExcelSerial(1900y / 3 / 1), 61);
}

struct GeneralCase {
  double value;
  const char* text;
};

class ExcelGeneralTest : public testing::TestWithParam<GeneralCase> {};

TEST_P(ExcelGeneralTest, RendersAsExcel) {
  EXPECT_EQ(RenderExcelGeneral(GetParam().value), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExcelGeneralTest,
    testing::Values(GeneralCase{3514010101900001.0, "3514010101900000"},
                    GeneralCase{3.5140101019E+15, "3514010101900000"},
                    GeneralCase{3514010101900009.0, "3514010101900010"},
                    GeneralCase{351401010190000.0, "351401010190000"}, GeneralCase{0, "0"},
                    GeneralCase{-42, "-42"}, GeneralCase{0.1 + 0.2, "0.3"},
                    GeneralCase{1234.5, "1234.5"}, GeneralCase{0.000001, "0.000001"},
                    GeneralCase{1.5e-10, "1.5E-10"}, GeneralCase{1e21, "1E+21"},
                    GeneralCase{123456789012345678.0, "123456789012346000"},
                    GeneralCase{std::numeric_limits<double>::infinity(), "#NUM!"}));

struct DateFormatCase {
  std::uint32_t id;
  const char* code;
  bool date;
};

class DateFormatTest : public testing::TestWithParam<DateFormatCase> {};

TEST_P(DateFormatTest, Classifies) {
  EXPECT_EQ(IsDateFormat(GetParam().id, GetParam().code), GetParam().date) << GetParam().code;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DateFormatTest,
    testing::Values(DateFormatCase{0, "General", false}, DateFormatCase{14, "mm-dd-yy", true},
                    DateFormatCase{22, "m/d/yy h:mm", true}, DateFormatCase{49, "@", false},
                    DateFormatCase{3, "#,##0", false}, DateFormatCase{164, "dd/mm/yyyy", true},
                    DateFormatCase{165, "[$-421]dddd, d mmmm yyyy", true},
                    DateFormatCase{166, "[Red]#,##0", false},
                    DateFormatCase{167, "\"Rp\" #,##0", false},
                    DateFormatCase{168, "0\" hari\"", false}, DateFormatCase{169, "[h]:mm", true},
                    DateFormatCase{170, "#,##0;[Red]-#,##0;\"d\"", false}));

// XlsxWriter ---------------------------------------------------------------------------------

TEST(XlsxWriterTest, TablesReadBackWithTypesAndFormats) {
  std::string path = TempPath("export.xlsx");
  {
    auto w = XlsxWriter::Create(path);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE(w->AddSheet("Peserta", {{"NIK"},
                                        {"Nama"},
                                        {"Lahir", XlsxColumnKind::kDate},
                                        {"Iuran", XlsxColumnKind::kInteger, 14, "#,##0"},
                                        {"Skor", XlsxColumnKind::kNumber}})
                    .has_value());
    w->Text("3514010101900001")
        .Text("Siti Aminah")
        .Date(1985y / 3 / 12)
        .Integer(16800)
        .Number(0.75);
    w->EndRow();
    w->Text("3514014101850002").Empty().Empty().Integer(0).Number(-1.5);
    w->EndRow();
    EXPECT_EQ(w->rows(), 2u);
    ASSERT_TRUE(
        w->AddSheet("Karantina", {{"Baris", XlsxColumnKind::kInteger}, {"Alasan"}}).has_value());
    w->Integer(7).Text("NIK rusak oleh Excel: 3514010101900000");
    w->EndRow();
    auto closed = w->Close();
    ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  }
  auto book = XlsxReader::Open(path);
  ASSERT_TRUE(book.has_value()) << book.error().ToString();
  ASSERT_EQ(book->sheets().size(), 2u);
  EXPECT_EQ(book->sheets()[1].name, "Karantina");
  auto rows = ReadXlsxSheet(path, 0);
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].cells[0].text, "NIK");
  EXPECT_EQ((*rows)[0].cells[4].text, "Skor");
  const auto& r = (*rows)[1].cells;
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0].type, XlsxCellType::kString);
  EXPECT_EQ(r[0].text, "3514010101900001");
  EXPECT_EQ(r[0].format_code, "@");
  EXPECT_EQ(r[0].num_fmt_id, 49u);
  EXPECT_EQ(r[1].text, "Siti Aminah");
  EXPECT_EQ(r[2].type, XlsxCellType::kNumber);
  EXPECT_TRUE(r[2].date_format);
  EXPECT_EQ(ExcelSerialToDate(r[2].number), year_month_day(1985y / 3 / 12));
  EXPECT_EQ(r[3].number, 16800);
  EXPECT_EQ(r[3].format_code, "#,##0");
  EXPECT_EQ(r[4].number, 0.75);
  const auto& r2 = (*rows)[2].cells;
  ASSERT_EQ(r2.size(), 5u);
  EXPECT_EQ(r2[1].type, XlsxCellType::kEmpty);
  EXPECT_EQ(r2[2].type, XlsxCellType::kEmpty);
  EXPECT_EQ(r2[3].number, 0);

  // Frozen header row and autofilter are in the sheet XML.
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  ASSERT_NE(z, nullptr);
  zip_file_t* f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
  ASSERT_NE(f, nullptr);
  std::string xml(1 << 16, '\0');
  xml.resize(static_cast<std::size_t>(zip_fread(f, xml.data(), xml.size())));
  zip_fclose(f);
  zip_discard(z);
  EXPECT_NE(xml.find(R"(state="frozen")"), std::string::npos);
  EXPECT_NE(xml.find(R"(<autoFilter ref="A1:E3"/>)"), std::string::npos);
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, RefusesMisuseWithStickyError) {
  struct Case {
    const char* name;
    std::function<void(XlsxWriter&)> misuse;
  };
  std::vector<Case> cases = {
      {"cell_before_sheet", [](XlsxWriter& w) { w.Text("x"); }},
      {"wrong_kind",
       [](XlsxWriter& w) {
         (void)w.AddSheet("S", {{"Lahir", XlsxColumnKind::kDate}});
         w.Text("12/03/1985");
       }},
      {"too_many_cells",
       [](XlsxWriter& w) {
         (void)w.AddSheet("S", {{"A"}});
         w.Text("a").Text("b");
       }},
      {"integer_beyond_15_digits",
       [](XlsxWriter& w) {
         (void)w.AddSheet("S", {{"NIK", XlsxColumnKind::kInteger}});
         w.Integer(3514010101900001);
       }},
      {"nan",
       [](XlsxWriter& w) {
         (void)w.AddSheet("S", {{"X", XlsxColumnKind::kNumber}});
         w.Number(std::nan(""));
       }},
  };
  for (const Case& c : cases) {
    std::string path = TempPath(std::string("misuse_") + c.name + ".xlsx");
    auto w = XlsxWriter::Create(path);
    ASSERT_TRUE(w.has_value());
    c.misuse(*w);
    EXPECT_FALSE(w->status().has_value()) << c.name;
    auto closed = w->Close();
    ASSERT_FALSE(closed.has_value()) << c.name;
    EXPECT_EQ(closed.error().code, ErrorCode::kInvalidArgument) << c.name;
    std::remove(path.c_str());
  }
}

TEST(XlsxWriterTest, RefusesBadSheetNames) {
  std::string path = TempPath("names.xlsx");
  auto w = XlsxWriter::Create(path);
  ASSERT_TRUE(w.has_value());
  EXPECT_FALSE(w->AddSheet("", {{"A"}}).has_value());
  EXPECT_FALSE(w->AddSheet("a/b", {{"A"}}).has_value());
  EXPECT_FALSE(w->AddSheet(std::string(32, 'x'), {{"A"}}).has_value());
  EXPECT_FALSE(w->AddSheet("ok", {}).has_value());
  EXPECT_TRUE(w->AddSheet("ok", {{"A"}}).has_value());
  EXPECT_FALSE(w->AddSheet("ok", {{"A"}}).has_value());
  EXPECT_TRUE(w->Close().has_value());
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, UnwritablePathFailsAtClose) {
  auto w = XlsxWriter::Create(TempPath("no/such/dir/out.xlsx"));
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE(w->AddSheet("S", {{"A"}}).has_value());
  w->Text("x").EndRow();
  auto closed = w->Close();
  ASSERT_FALSE(closed.has_value());
  EXPECT_EQ(closed.error().code, ErrorCode::kNotFound) << closed.error().ToString();
}

}  // namespace
}  // namespace jaring::formats
