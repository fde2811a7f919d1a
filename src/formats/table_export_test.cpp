// TableExport: the same rows as CSV (byte for byte) and as XLSX (read back cell by cell), and
// no temporary file left behind.
#include "formats/table_export.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "formats/xlsx_reader.hpp"

namespace jaring::formats {
namespace {

std::vector<TableColumn> Columns() {
  return {{"NIK", TableColumnKind::kText, 20, true},
          {"Nama", TableColumnKind::kText, 0, false},
          {"Tanggal lahir", TableColumnKind::kDate, 0, false},
          {"Umur", TableColumnKind::kInteger, 0, false}};
}

void WriteRows(TableExport& table) {
  table.Text("3514015705800001")
      .Text("Sumarni, S.Pd")
      .Date({std::chrono::year{1980}, std::chrono::month{5}, std::chrono::day{17}});
  table.Integer(46).EndRow();
  table.Text("").Text(" Budi").Empty().Empty().EndRow();
  table.Text("").Text("=HYPERLINK(\"http://x\")").Empty().Integer(-1).EndRow();
}

// A directory of this test's own (CTest runs the cases of this binary in parallel).
std::filesystem::path OwnTempDir(const char* name) {
  auto dir = std::filesystem::path(testing::TempDir()) /
             ("jaring_table_export_" + std::to_string(::getpid()) + "_" + name);
  std::filesystem::create_directories(dir);
  return dir;
}

std::size_t FilesIn(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(TableExportTest, CsvHasBomQuotedIdentifiersAndIsoDates) {
  auto table = TableExport::Create(TableFormat::kCsv, "Pekerja", Columns());
  ASSERT_TRUE(table) << table.error().ToString();
  WriteRows(*table);
  EXPECT_EQ(table->rows(), 3);
  EXPECT_TRUE(table->ok());
  auto bytes = table->Finish();
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  EXPECT_EQ(*bytes,
            "\xEF\xBB\xBF\"NIK\",Nama,Tanggal lahir,Umur\n"
            "\"3514015705800001\",\"Sumarni, S.Pd\",1980-05-17,46\n"
            "\"\",\" Budi\",,\n"
            "\"\",\"'=HYPERLINK(\"\"http://x\"\")\",,-1\n");
  EXPECT_FALSE(table->Finish());
  EXPECT_EQ(TableFormatContentType(TableFormat::kCsv), "text/csv; charset=utf-8");
  EXPECT_EQ(TableFormatExtension(TableFormat::kCsv), "csv");
}

TEST(TableExportTest, XlsxKeepsKindsAndLeavesNoTemporaryFile) {
  const auto dir = OwnTempDir("xlsx");
  std::string bytes;
  {
    auto table = TableExport::Create(TableFormat::kXlsx, "Pekerja", Columns(), dir);
    ASSERT_TRUE(table) << table.error().ToString();
    EXPECT_EQ(FilesIn(dir), 1u);
    WriteRows(*table);
    auto finished = table->Finish();
    ASSERT_TRUE(finished) << finished.error().ToString();
    bytes = std::move(*finished);
  }
  EXPECT_EQ(FilesIn(dir), 0u);
  auto book = XlsxReader::FromBuffer(bytes);
  ASSERT_TRUE(book) << book.error().ToString();
  ASSERT_EQ(book->sheets().size(), 1u);
  EXPECT_EQ(book->sheets()[0].name, "Pekerja");
  auto sheet = book->OpenSheet(0);
  ASSERT_TRUE(sheet);
  std::vector<XlsxRow> rows;
  XlsxRow row;
  while (sheet->Next(row)) rows.push_back(row);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].cells[0].text, "NIK");
  EXPECT_EQ(rows[1].cells[0].type, XlsxCellType::kString);  // a NIK stays text
  EXPECT_EQ(rows[1].cells[0].text, "3514015705800001");
  EXPECT_TRUE(rows[1].cells[2].date_format);
  EXPECT_EQ(ExcelSerialToDate(rows[1].cells[2].number),
            std::chrono::year_month_day(std::chrono::year{1980}, std::chrono::month{5},
                                        std::chrono::day{17}));
  EXPECT_EQ(rows[1].cells[3].number, 46);
  EXPECT_EQ(rows[2].cells[1].text, " Budi");
  // XLSX text cells are never formulas: the value stays as it was.
  EXPECT_EQ(rows[3].cells[1].text, "=HYPERLINK(\"http://x\")");
  EXPECT_FALSE(rows[3].cells[1].from_formula);
  EXPECT_EQ(TableFormatExtension(TableFormat::kXlsx), "xlsx");
}

TEST(TableExportTest, AnUnusedXlsxTableRemovesItsFile) {
  const auto dir = OwnTempDir("unused");
  {
    auto table = TableExport::Create(TableFormat::kXlsx, "Pekerja", Columns(), dir);
    ASSERT_TRUE(table);
  }
  EXPECT_EQ(FilesIn(dir), 0u);
  EXPECT_FALSE(TableExport::Create(TableFormat::kXlsx, "bad:name", Columns(), dir));
  EXPECT_EQ(FilesIn(dir), 0u);
}

}  // namespace
}  // namespace jaring::formats
