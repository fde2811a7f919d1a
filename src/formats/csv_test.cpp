#include "formats/csv.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace jaring::formats {
namespace {

using Cells = std::vector<std::string>;

struct ExpectedRow {
  Cells cells;
  std::uint64_t line;
  CsvRowIssue issue = CsvRowIssue::kNone;
};

struct ReadCase {
  const char* name;
  std::string input;
  char separator;
  Encoding encoding;
  Cells header;
  std::vector<ExpectedRow> rows;
  CsvOptions options = {};
};

std::vector<ReadCase> ReadCases() {
  return {
      {"comma_lf",
       "nik,nama\n1,Budi\n2,Siti\n",
       ',',
       Encoding::kUtf8,
       {"nik", "nama"},
       {{{"1", "Budi"}, 2}, {{"2", "Siti"}, 3}}},
      {"semicolon_crlf",
       "nik;nama\r\n1;Budi\r\n2;Siti",
       ';',
       Encoding::kUtf8,
       {"nik", "nama"},
       {{{"1", "Budi"}, 2}, {{"2", "Siti"}, 3}}},
      {"tab",
       "nik\tnama\tdesa\n1\tBudi, S.Pd\tMojo\n",
       '\t',
       Encoding::kUtf8,
       {"nik", "nama", "desa"},
       {{{"1", "Budi, S.Pd", "Mojo"}, 2}}},
      {"lone_cr_line_ends",
       "a,b\r1,2\r3,4\r",
       ',',
       Encoding::kUtf8,
       {"a", "b"},
       {{{"1", "2"}, 2}, {{"3", "4"}, 3}}},
      // Commas inside the quoted header cell must not win over the semicolons outside.
      {"detect_respects_quotes",
       "\"a,b,c\";d;e\n1;2;3\n",
       ';',
       Encoding::kUtf8,
       {"a,b,c", "d", "e"},
       {{{"1", "2", "3"}, 2}}},
      {"single_column", "nik\n123\n", ',', Encoding::kUtf8, {"nik"}, {{{"123"}, 2}}},
      {"bom",
       "\xEF\xBB\xBFnik,nama\n1,Andr\xC3\xA9\n",
       ',',
       Encoding::kUtf8Bom,
       {"nik", "nama"},
       {{{"1", "Andr\xC3\xA9"}, 2}}},
      {"cp1252_fallback",
       "nik;nama\n1;Andr\xE9\n2;\x80 5\n",
       ';',
       Encoding::kWindows1252,
       {"nik", "nama"},
       {{{"1", "Andr\xC3\xA9"}, 2}, {{"2", "\xE2\x82\xAC 5"}, 3}}},
      // UTF-8 lines kept, the one Windows-1252 line transcoded and its row flagged; a quoted
      // cell spanning the guessed line flags the row it belongs to.
      {"mixed_utf8_and_cp1252",
       "nama,kota\nJos\xC3\xA9,Malang\nJos\xE9,Batu\n\"Ren\xC3\xA9\nRen\xE9\",Blitar\nAndi,Kediri\n",
       ',',
       Encoding::kMixed,
       {"nama", "kota"},
       {{{"Jos\xC3\xA9", "Malang"}, 2},
        {{"Jos\xC3\xA9", "Batu"}, 3, CsvRowIssue::kGuessedEncoding},
        {{"Ren\xC3\xA9\nRen\xC3\xA9", "Blitar"}, 4, CsvRowIssue::kGuessedEncoding},
        {{"Andi", "Kediri"}, 6}}},
      {"bom_then_cp1252",
       "\xEF\xBB\xBFnama\nJos\xE9\n",
       ',',
       Encoding::kWindows1252,
       {"nama"},
       {{{"Jos\xC3\xA9"}, 2}}},
      {"quoted_separator_and_doubled_quotes",
       "nama,alamat\n\"Budi \"\"Gendut\"\"\",\"Jl. Mawar, 5\"\n",
       ',',
       Encoding::kUtf8,
       {"nama", "alamat"},
       {{{"Budi \"Gendut\"", "Jl. Mawar, 5"}, 2}}},
      {"quoted_newlines_count_lines",
       "a,b\n\"x\ny\",1\n\"p\r\nq\r\nr\",2\nlast,3\n",
       ',',
       Encoding::kUtf8,
       {"a", "b"},
       {{{"x\ny", "1"}, 2}, {{"p\r\nq\r\nr", "2"}, 4}, {{"last", "3"}, 7}}},
      {"empty_and_quoted_empty",
       "a,b,c\n,\"\",\n",
       ',',
       Encoding::kUtf8,
       {"a", "b", "c"},
       {{{"", "", ""}, 2}}},
      {"ragged_rows_are_rows",
       "a,b,c\n1,2\n1,2,3,4\n1,2,3\n",
       ',',
       Encoding::kUtf8,
       {"a", "b", "c"},
       {{{"1", "2"}, 2}, {{"1", "2", "3", "4"}, 3}, {{"1", "2", "3"}, 4}}},
      {"blank_lines_skipped_but_counted",
       "\n\na,b\n\n1,2\r\n\r\n3,4\n\n",
       ',',
       Encoding::kUtf8,
       {"a", "b"},
       {{{"1", "2"}, 5}, {{"3", "4"}, 7}}},
      {"unterminated_quote_at_eof",
       "a,b\n1,2\n3,\"open\nstill open",
       ',',
       Encoding::kUtf8,
       {"a", "b"},
       {{{"1", "2"}, 2}, {{"3", "open\nstill open"}, 3, CsvRowIssue::kUnterminatedQuote}}},
      {"text_after_closing_quote",
       "a,b\n\"ab\"c,d\n",
       ',',
       Encoding::kUtf8,
       {"a", "b"},
       {{{"abc", "d"}, 2, CsvRowIssue::kTextAfterClosingQuote}}},
      {"quote_inside_unquoted_is_literal",
       "a\nab\"c\n",
       ',',
       Encoding::kUtf8,
       {"a"},
       {{{"ab\"c"}, 2}}},
      {"trailing_separator_gives_empty_cell",
       "a,b\n1,\n",
       ',',
       Encoding::kUtf8,
       {"a", "b"},
       {{{"1", ""}, 2}}},
      {"header_only", "a,b\n", ',', Encoding::kUtf8, {"a", "b"}, {}},
      {"no_header",
       "1,2\n3,4\n",
       ',',
       Encoding::kUtf8,
       {},
       {{{"1", "2"}, 1}, {{"3", "4"}, 2}},
       CsvOptions{.has_header = false}},
      {"explicit_separator",
       "a;b,c\n1;2,3\n",
       ',',
       Encoding::kUtf8,
       {"a;b", "c"},
       {{{"1;2", "3"}, 2}},
       CsvOptions{.separator = ','}},
      {"blank_lines_kept",
       "a\n\n1\n",
       ',',
       Encoding::kUtf8,
       {"a"},
       {{{""}, 2}, {{"1"}, 3}},
       CsvOptions{.skip_blank_lines = false}},
  };
}

class CsvReadTest : public testing::TestWithParam<ReadCase> {};

void CheckReader(CsvReader& reader, const ReadCase& c) {
  EXPECT_EQ(reader.separator(), c.separator);
  EXPECT_EQ(reader.encoding(), c.encoding);
  EXPECT_EQ(reader.header(), c.header);
  CsvRow row;
  std::size_t i = 0;
  while (reader.Next(row)) {
    ASSERT_LT(i, c.rows.size()) << "extra row at line " << row.line;
    EXPECT_EQ(row.ToStrings(), c.rows[i].cells) << "row " << i;
    EXPECT_EQ(row.line, c.rows[i].line) << "row " << i;
    EXPECT_EQ(row.issue, c.rows[i].issue) << "row " << i;
    EXPECT_EQ(row.malformed, c.rows[i].issue != CsvRowIssue::kNone);
    ++i;
  }
  EXPECT_TRUE(reader.status().has_value());
  EXPECT_EQ(i, c.rows.size());
  EXPECT_EQ(reader.bytes_read(), reader.total_bytes());
}

TEST_P(CsvReadTest, FromString) {
  const ReadCase& c = GetParam();
  auto reader = CsvReader::FromString(c.input, c.options);
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  CheckReader(*reader, c);
}

TEST_P(CsvReadTest, FromFile) {
  const ReadCase& c = GetParam();
  std::string path =
      testing::TempDir() + "/jaring_" + std::to_string(::getpid()) + "_csv_read_" + c.name + ".csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << c.input;
  }
  auto reader = CsvReader::Open(path, c.options);
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  CheckReader(*reader, c);
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(Cases, CsvReadTest, testing::ValuesIn(ReadCases()),
                         [](const testing::TestParamInfo<ReadCase>& info) {
                           return info.param.name;
                         });

struct LimitCase {
  const char* name;
  std::string input;
  CsvOptions options;
  bool fails_at_open;
  ErrorCode code;
  std::size_t rows_before_error = 0;
};

class CsvLimitTest : public testing::TestWithParam<LimitCase> {};

TEST_P(CsvLimitTest, RefusedWithError) {
  const LimitCase& c = GetParam();
  auto reader = CsvReader::FromString(c.input, c.options);
  if (c.fails_at_open) {
    ASSERT_FALSE(reader.has_value());
    EXPECT_EQ(reader.error().code, c.code);
    EXPECT_FALSE(reader.error().message.empty());
    return;
  }
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  CsvRow row;
  std::size_t rows = 0;
  while (reader->Next(row)) ++rows;
  EXPECT_EQ(rows, c.rows_before_error);
  ASSERT_FALSE(reader->status().has_value());
  EXPECT_EQ(reader->status().error().code, c.code);
  // The error is sticky.
  EXPECT_FALSE(reader->Next(row));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CsvLimitTest,
    testing::Values(
        LimitCase{"empty_input", "", {}, true, ErrorCode::kInvalidArgument},
        LimitCase{"only_blank_lines", "\n\r\n", {}, true, ErrorCode::kInvalidArgument},
        LimitCase{"file_size",
                  std::string(100, 'a'),
                  {.max_file_bytes = 99},
                  true,
                  ErrorCode::kInvalidArgument},
        LimitCase{
            "header_columns", "a,b,c,d\n", {.max_columns = 3}, true, ErrorCode::kInvalidArgument},
        LimitCase{"row_columns",
                  "a,b\n1,2\n1,2,3,4\n",
                  {.max_columns = 3},
                  false,
                  ErrorCode::kInvalidArgument,
                  1},
        LimitCase{"field_length",
                  "a\nshort\n" + std::string(65, 'x') + "\n",
                  {.max_field_bytes = 64},
                  false,
                  ErrorCode::kInvalidArgument,
                  1},
        LimitCase{"unterminated_quote_swallowing_rest",
                  "a\n\"" + std::string(100, 'x') + "\n",
                  {.max_field_bytes = 64},
                  false,
                  ErrorCode::kInvalidArgument,
                  0},
        LimitCase{
            "quote_as_separator", "a\n", {.separator = '"'}, true, ErrorCode::kInvalidArgument}),
    [](const testing::TestParamInfo<LimitCase>& info) { return info.param.name; });

TEST(CsvReaderFileTest, MissingFileIsNotFound) {
  auto reader = CsvReader::Open(testing::TempDir() + "/no/such/file.csv");
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code, ErrorCode::kNotFound);
}

TEST(CsvReaderFileTest, FileLargerThanLimitIsRefusedBeforeReading) {
  std::string path =
      testing::TempDir() + "/jaring_" + std::to_string(::getpid()) + "_csv_too_big.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "a\n" << std::string(4096, 'x') << "\n";
  }
  auto reader = CsvReader::Open(path, {.max_file_bytes = 1024});
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code, ErrorCode::kInvalidArgument);
  std::remove(path.c_str());
}

TEST(CsvReaderTest, MovedReaderKeepsReading) {
  auto reader = CsvReader::FromString("a\n1\n2\n");
  ASSERT_TRUE(reader.has_value());
  CsvRow row;
  ASSERT_TRUE(reader->Next(row));
  CsvReader moved = std::move(*reader);
  ASSERT_TRUE(moved.Next(row));
  EXPECT_EQ(row.ToStrings(), Cells{"2"});
  EXPECT_FALSE(moved.Next(row));
}

TEST(CsvReaderTest, ProgressAdvances) {
  auto reader = CsvReader::FromString("a\n1\n22\n");
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ(reader->total_bytes(), 7u);
  EXPECT_EQ(reader->bytes_read(), 2u);  // after the header
  CsvRow row;
  ASSERT_TRUE(reader->Next(row));
  EXPECT_EQ(reader->bytes_read(), 4u);
}

TEST(ReadCsvTableTest, LoadsEverything) {
  auto table = ReadCsvTableFromString("nik;nama\n1;Budi\n2;\"Siti\nAminah\"\n3\n");
  ASSERT_TRUE(table.has_value()) << table.error().ToString();
  EXPECT_EQ(table->separator, ';');
  EXPECT_EQ(table->header, (Cells{"nik", "nama"}));
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[1].cells, (Cells{"2", "Siti\nAminah"}));
  EXPECT_EQ(table->rows[2].cells, Cells{"3"});
  EXPECT_EQ(table->rows[2].line, 5u);
}

// Writer ------------------------------------------------------------------------------------

struct WriteCase {
  const char* name;
  std::vector<Cells> rows;
  CsvWriterOptions options;
  std::string expected;
};

class CsvWriteTest : public testing::TestWithParam<WriteCase> {};

TEST_P(CsvWriteTest, QuotesOnlyWhenNeeded) {
  const WriteCase& c = GetParam();
  std::ostringstream out;
  {
    CsvWriter writer(out, c.options);
    for (const Cells& row : c.rows) writer.WriteRow(std::span<const std::string>(row));
    EXPECT_EQ(writer.rows_written(), c.rows.size());
    ASSERT_TRUE(writer.Close().has_value());
  }
  EXPECT_EQ(out.str(), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CsvWriteTest,
    testing::Values(
        WriteCase{"plain", {{"nik", "nama"}, {"1", "Budi"}}, {}, "nik,nama\n1,Budi\n"},
        WriteCase{"separator", {{"Jl. Mawar, 5"}}, {}, "\"Jl. Mawar, 5\"\n"},
        WriteCase{"quote", {{"Budi \"Gendut\""}}, {}, "\"Budi \"\"Gendut\"\"\"\n"},
        WriteCase{"newline", {{"a\nb", "c\rd"}}, {}, "\"a\nb\",\"c\rd\"\n"},
        WriteCase{"edge_spaces", {{" a", "b ", "c d"}}, {}, "\" a\",\"b \",c d\n"},
        WriteCase{"empty_cells", {{"", "", ""}}, {}, ",,\n"},
        WriteCase{"semicolon_keeps_comma", {{"a,b", "c;d"}}, {.separator = ';'}, "a,b;\"c;d\"\n"},
        WriteCase{"forced_columns",
                  {{"3514010101900001", "Budi", "x"}},
                  {.force_quote_columns = {0, 2}},
                  "\"3514010101900001\",Budi,\"x\"\n"},
        WriteCase{"bom",
                  {{"a"}},
                  {.write_bom = true},
                  "\xEF\xBB\xBF"
                  "a\n"},
        WriteCase{"utf8_untouched", {{"Andr\xC3\xA9"}}, {}, "Andr\xC3\xA9\n"},
        // Formula injection: a cell a spreadsheet would run starts with an apostrophe.
        WriteCase{
            "formulas",
            {{"=HYPERLINK(\"http://x\",\"klik\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"}},
            {},
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",'+cmd|' /C calc'!A0,'-2+3,"
            "'@SUM(A1:A9)\n"},
        WriteCase{"formula_after_control_or_space",
                  {{"\t=1+1", "\r=1+1", " =1+1", "\t"}},
                  {},
                  "'\t=1+1,\"'\r=1+1\",' =1+1,'\t\n"},
        // Numbers and dashes cannot run anything: negative amounts and "+62" phones stay
        // numbers, a "-" placeholder stays as typed.
        WriteCase{"numbers_and_dashes_untouched",
                  {{"-42", "+6281234567890", "-1.5", "-1,5", "-", "---", "3514010101900001"}},
                  {},
                  "-42,+6281234567890,-1.5,\"-1,5\",-,---,3514010101900001\n"}),
    [](const testing::TestParamInfo<WriteCase>& info) { return info.param.name; });

TEST(CsvWriterTest, LooksLikeFormulaIsTheOwaspListWithNumbersLeftAlone) {
  for (std::string_view cell :
       {"=1", "+a", "-a", "@a", "\t", "\r", "  =1", "+62 812", "-1-1", "--1", "+", "=", "-.5"}) {
    EXPECT_TRUE(LooksLikeFormula(cell)) << cell;
  }
  for (std::string_view cell :
       {"", " ", "a=1", "Budi", "-7", "+62812", "-0.5", "12,5", "-", "----", "'=1"}) {
    EXPECT_FALSE(LooksLikeFormula(cell)) << cell;
  }
}

TEST(CsvWriterTest, CellApiWritesIntegers) {
  std::ostringstream out;
  CsvWriter writer(out);
  writer.Cell("a").Cell(std::int64_t{-42}).Cell(7).EndRow();
  ASSERT_TRUE(writer.Flush().has_value());
  EXPECT_EQ(out.str(), "a,-42,7\n");
}

TEST(CsvWriterTest, CreateInMissingDirectoryFails) {
  auto writer = CsvWriter::Create(testing::TempDir() + "/no/such/dir/out.csv");
  ASSERT_FALSE(writer.has_value());
  EXPECT_EQ(writer.error().code, ErrorCode::kNotFound);
}

TEST(CsvWriterTest, FailedStreamIsReported) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  CsvWriter writer(out);
  writer.WriteRow({"a"});
  auto status = writer.Close();
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
}

// Whatever the writer writes, the reader reads back unchanged: random cells drawn from an
// alphabet rich in the characters that matter, through a file so the buffer drains many times.
TEST(CsvRoundTripTest, RandomCellsSurviveWriteThenRead) {
  std::mt19937 rng(20240601);
  const std::vector<std::string> alphabet = {"a",  "b",  " ",  ",", ";",        "\t",
                                             "\"", "\r", "\n", "Z", "\xC3\xA9", "0"};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> len(0, 12);
  std::uniform_int_distribution<int> width(1, 6);
  for (char sep : {',', ';', '\t'}) {
    std::vector<Cells> rows;
    rows.push_back({"h1", "h2", "h3", "h4", "h5", "h6"});
    for (int r = 0; r < 20000; ++r) {
      Cells row(static_cast<std::size_t>(width(rng)));
      for (std::string& cell : row) {
        int n = len(rng);
        for (int i = 0; i < n; ++i) cell += alphabet[pick(rng)];
      }
      // An only-empty single-cell row is a blank line, which readers skip by design.
      if (row.size() == 1 && row[0].empty()) row[0] = "x";
      rows.push_back(std::move(row));
    }
    std::string path =
        testing::TempDir() + "/jaring_" + std::to_string(::getpid()) + "_csv_roundtrip.csv";
    {
      auto writer = CsvWriter::Create(path, {.separator = sep});
      ASSERT_TRUE(writer.has_value());
      for (const Cells& row : rows) writer->WriteRow(std::span<const std::string>(row));
      ASSERT_TRUE(writer->Close().has_value());
    }
    auto table = ReadCsvTable(path, {.separator = sep});
    ASSERT_TRUE(table.has_value()) << table.error().ToString();
    EXPECT_EQ(table->header, rows[0]);
    ASSERT_EQ(table->rows.size(), rows.size() - 1);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      Cells expected = rows[i];
      for (std::string& cell : expected) {
        if (LooksLikeFormula(cell)) cell.insert(0, "'");
      }
      ASSERT_EQ(table->rows[i - 1].cells, expected) << "row " << i << " sep " << int{sep};
      ASSERT_FALSE(table->rows[i - 1].malformed);
    }
    std::remove(path.c_str());
  }
}

}  // namespace
}  // namespace jaring::formats
