#include "intake/source_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "formats/xlsx_writer.hpp"

namespace jaring::intake {
namespace {

namespace fs = std::filesystem;
const fs::path kData = fs::path(JARING_SOURCE_DIR) / "tests" / "data" / "intake";

class SourceFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("jaring-source-file-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static std::vector<std::vector<std::string>> AllRows(const SourceFile& file) {
    auto stream = file.OpenRows();
    EXPECT_TRUE(stream) << stream.error().ToString();
    std::vector<std::vector<std::string>> rows;
    SourceRow row;
    while ((*stream)->Next(row)) {
      auto& cells = rows.emplace_back();
      for (const auto& cell : row.cells) cells.emplace_back(cell.text);
    }
    EXPECT_TRUE((*stream)->status());
    return rows;
  }

  fs::path dir_;
};

TEST_F(SourceFileTest, FindsTheHeaderBelowTitleLinesAndTheSeparatorOnce) {
  auto file = SourceFile::Open(kData / "village_list_with_titles.csv");
  ASSERT_TRUE(file) << file.error().ToString();
  EXPECT_EQ(file->type(), FileType::kCsv);
  EXPECT_EQ(file->separator(), ';');
  EXPECT_EQ(file->name(), "village_list_with_titles.csv");
  // Two title lines and a line of separators sit above the header.
  EXPECT_EQ(file->header_index(), 3u);
  ASSERT_GE(file->header().size(), 3u);
  EXPECT_EQ(file->header()[1], "NIK");
  EXPECT_EQ(file->header()[2], "Nama Lengkap");
  EXPECT_EQ(file->checksum().size(), 64u);

  const auto rows = AllRows(*file);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front()[2], "SITI AMINAH");
  // A second pass reads the same rows: a preview and a commit agree.
  EXPECT_EQ(AllRows(*file), rows);
}

TEST_F(SourceFileTest, SkipsLinesOfSeparatorsOnlyAndKeepsEveryOtherRow) {
  const auto path =
      Write("list.csv", "nik,name\n3514010101800001,Ani\n,,\n3514010101800002,Budi\n");
  auto file = SourceFile::Open(path, "Daftar Desa.csv");
  ASSERT_TRUE(file) << file.error().ToString();
  EXPECT_EQ(file->name(), "Daftar Desa.csv");
  EXPECT_EQ(file->header_index(), 0u);
  EXPECT_EQ(file->size_bytes(), fs::file_size(path));
  const auto rows = AllRows(*file);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "Budi");
}

TEST_F(SourceFileTest, ChecksumIsBlake2b256OfTheBytes) {
  // BLAKE2b-256 of the empty string and of "abc" (RFC 7693 test vectors use 512 bits; these
  // 256-bit values are libsodium's crypto_generichash with a 32-byte output).
  const auto empty = FileChecksum(Write("empty", ""));
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  const auto abc = FileChecksum(Write("abc", "abc"));
  ASSERT_TRUE(abc);
  EXPECT_EQ(*abc, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST_F(SourceFileTest, TellsTypeByContentNotByName) {
  // A CSV saved under an .xlsx name is read as CSV.
  auto csv = SourceFile::Open(Write("daftar.xlsx", "NIK;Nama\n3514010101800001;Ani\n"));
  ASSERT_TRUE(csv) << csv.error().ToString();
  EXPECT_EQ(csv->type(), FileType::kCsv);
  EXPECT_EQ(csv->separator(), ';');

  const fs::path xlsx = dir_ / "daftar.csv";
  auto writer = formats::XlsxWriter::Create(xlsx.string());
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->AddSheet(
      "Daftar", {{"NIK"}, {"Nama"}, {"Tanggal Lahir", formats::XlsxColumnKind::kDate}}));
  writer->Text("3514010101800001")
      .Text("Ani")
      .Date(std::chrono::year_month_day(std::chrono::year(1980), std::chrono::month(1),
                                        std::chrono::day(1)));
  writer->EndRow();
  ASSERT_TRUE(writer->Close());
  auto file = SourceFile::Open(xlsx);
  ASSERT_TRUE(file) << file.error().ToString();
  EXPECT_EQ(file->type(), FileType::kXlsx);
  EXPECT_EQ(file->separator(), 0);
  EXPECT_FALSE(file->date1904());
  EXPECT_EQ(file->header(), (std::vector<std::string>{"NIK", "Nama", "Tanggal Lahir"}));
  auto stream = file->OpenRows();
  ASSERT_TRUE(stream);
  SourceRow row;
  ASSERT_TRUE((*stream)->Next(row));
  EXPECT_EQ(row.At(1).text, "Ani");
  EXPECT_EQ(row.At(2).kind, CellKind::kDate);
  EXPECT_FALSE((*stream)->Next(row));
}

TEST_F(SourceFileTest, RefusesMissingAndDamagedFilesWithTheirName) {
  auto missing = SourceFile::Open(dir_ / "nope.csv");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(missing.error().message.find("nope.csv"), std::string::npos);

  auto broken = SourceFile::Open(Write("rusak.xlsx", std::string("PK\x03\x04", 4) + "not a zip"));
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(broken.error().message.find("rusak.xlsx"), std::string::npos);

  auto folder = SourceFile::Open(dir_);
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace jaring::intake
