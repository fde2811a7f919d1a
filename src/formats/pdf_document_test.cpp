// PdfDocument, checked from the outside as a reader would: poppler-utils (pdfinfo, pdftotext,
// pdfimages, pdftoppm) read the files. Page 1 of the long table and of the sample berita acara
// are saved as PNG in test-output/ (JARING_TEST_OUTPUT) for people to look at.
#include "formats/pdf_document.hpp"

#include <cairo.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "formats/pdf_text.hpp"

// LeakSanitizer (make test's sanitizer build): fontconfig 2.14 loses one pattern (288 bytes)
// while parsing its XML configuration, once per process, under FcInitLoadConfigAndFonts.
// fontconfig is built without frame pointers, so only its module name identifies the stack.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace jaring::formats {
namespace {

using namespace std::chrono_literals;

const std::chrono::sys_seconds kCreated =
    std::chrono::sys_days{std::chrono::year{2025} / 10 / 31} + 9h;
const char kIndonesian[] =
    "Anggaran tahun 2025 sebesar Rp 2.800.000.000 untuk René Müller, Désirée Ñañez dan "
    "Sri Rahayu — “pekerja rentan” di Kecamatan Pandaan.";

// Unique per process: CTest runs test cases of this binary in parallel.
std::string TempPath(const std::string& name) {
  return testing::TempDir() + "/jaring_pdf_" + std::to_string(::getpid()) + "_" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Where people look at what tests drew: JARING_TEST_OUTPUT, else <repo>/test-output.
std::string OutputDir() {
  const char* env = std::getenv("JARING_TEST_OUTPUT");
  std::string dir = env != nullptr && *env != '\0' ? env : JARING_SOURCE_DIR "/test-output";
  std::filesystem::create_directories(dir);
  return dir;
}

bool HavePoppler() {
  return std::system(
             "command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null "
             "2>&1 && command -v pdftoppm >/dev/null 2>&1 && command -v pdfimages "
             ">/dev/null 2>&1") == 0;
}

#define REQUIRE_POPPLER()                                         \
  if (!HavePoppler())                                             \
  GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo, pdftoppm, " \
                  "pdfimages) not installed: scripts/setup.sh installs them"

// Standard output of a shell command; nullopt when it fails.
std::optional<std::string> Shell(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  int status = ::pclose(pipe);
  if (status != 0) return std::nullopt;
  return out;
}

// pdfinfo's value for a key ("Pages", "Title", "Page size").
std::string Info(const std::string& pdf, const std::string& key) {
  std::string out = Shell("pdfinfo '" + pdf + "'").value_or("");
  std::size_t at = out.find("\n" + key + ":");
  if (at == std::string::npos) at = out.rfind(key + ":", 0) == 0 ? 0 : std::string::npos;
  if (at == std::string::npos) return "";
  if (out[at] == '\n') ++at;
  std::size_t value = out.find_first_not_of(' ', at + key.size() + 1);
  return out.substr(value, out.find('\n', value) - value);
}

// pdftotext -layout, one string per page.
std::vector<std::string> PageTexts(const std::string& pdf) {
  std::string text = Shell("pdftotext -layout '" + pdf + "' -").value_or("");
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', start)) {
    pages.push_back(text.substr(start, ff - start));
    start = ff + 1;
  }
  return pages;
}

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// Page 1 as a PNG for people to look at; returns its path.
std::string SavePage1Png(const std::string& pdf, const std::string& name) {
  std::string base = OutputDir() + "/" + name;
  EXPECT_TRUE(Shell("pdftoppm -png -r 110 -f 1 -l 1 -singlefile '" + pdf + "' '" + base + "'"));
  EXPECT_TRUE(std::filesystem::exists(base + ".png"));
  return base + ".png";
}

PdfOptions Options(std::string title = "Daftar Pekerja Rentan") {
  PdfOptions options;
  options.metadata.title = std::move(title);
  options.metadata.author = "Dinas Tenaga Kerja Kabupaten Pasuruan";
  options.metadata.subject = "Uji dokumen PDF";
  options.metadata.created = kCreated;
  options.running.footer_left = "jaring · Kabupaten Pasuruan";
  return options;
}

// Row tokens are unique and never a prefix of another (R0001 vs R00010 cannot happen).
std::string Token(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "R%04d", i);
  return buf;
}

// 5040000 -> "5.040.000"
std::string Thousands(long value) {
  std::string digits = std::to_string(value);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ".");
  return digits;
}

// A list of workers: numbers right-aligned, every seventh name long enough to wrap.
PdfTable WorkerTable(int rows, PdfTableStyle style = PdfTableStyle::kZebra) {
  PdfTable table;
  table.style = style;
  table.columns = {{"No", PdfWidth::Mm(12), PdfAlign::kRight},
                   {"Nama Pekerja", PdfWidth::Share(3)},
                   {"Desa / Kelurahan", PdfWidth::Share(2)},
                   {"Iuran Bulanan", PdfWidth::Mm(28), PdfAlign::kRight}};
  for (int i = 1; i <= rows; ++i) {
    std::string name = "Pekerja " + Token(i);
    if (i % 7 == 0) {
      name = "awal-" + Token(i) +
             " Raden Mas Bagus Wicaksono Hadiningrat Putra Sulung Keluarga Besar Sastrodiwiryo "
             "akhir-" +
             Token(i);
    }
    table.AddRow({std::to_string(i), name, i % 2 ? "Gerbo" : "Sukorejo", "Rp 16.800"});
  }
  table.AddRow({"", "Jumlah", "", "Rp " + Thousands(rows * 16'800)}, true);
  return table;
}

PdfDocument LongDocument(const std::string& path, int rows, PdfOptions options = Options()) {
  auto doc = PdfDocument::Create(path, std::move(options));
  EXPECT_TRUE(doc) << doc.error().ToString();
  doc->AddTitle("DAFTAR PEKERJA RENTAN PENERIMA BANTUAN IURAN");
  doc->AddParagraph(kIndonesian);
  doc->AddKeyValues({{"Kabupaten", "Pasuruan"}, {"Periode", "Oktober 2025"}});
  EXPECT_TRUE(doc->AddTable(WorkerTable(rows)));
  return std::move(*doc);
}

TEST(PdfDocument, LongTableBreaksPagesRepeatsHeaderAndKeepsEveryRowOnce) {
  REQUIRE_POPPLER();
  const int kRows = 300;
  std::string pdf = TempPath("long.pdf");
  PdfDocument doc = LongDocument(pdf, kRows);
  auto layout = doc.Layout();
  ASSERT_TRUE(layout) << layout.error().ToString();
  const int pages = layout->pages;
  ASSERT_TRUE(doc.Close());

  EXPECT_EQ(Info(pdf, "Pages"), std::to_string(pages));
  EXPECT_EQ(Info(pdf, "Title"), "Daftar Pekerja Rentan");
  EXPECT_EQ(Info(pdf, "Author"), "Dinas Tenaga Kerja Kabupaten Pasuruan");
  EXPECT_EQ(Info(pdf, "Page size"), "595.276 x 841.89 pts (A4)");
  EXPECT_GT(pages, 5);  // ~45 rows a page

  std::vector<std::string> texts = PageTexts(pdf);
  ASSERT_EQ(static_cast<int>(texts.size()), pages);
  std::string all;
  for (int p = 0; p < pages; ++p) {
    const std::string& text = texts[static_cast<std::size_t>(p)];
    all += text;
    EXPECT_EQ(Count(text, "Halaman " + std::to_string(p + 1) + " dari " + std::to_string(pages)), 1)
        << "page " << p + 1;
    // Every page of the table starts with its header row, once.
    EXPECT_EQ(Count(text, "Nama Pekerja"), 1) << "page " << p + 1;
    EXPECT_EQ(Count(text, "Iuran Bulanan"), 1) << "page " << p + 1;
    EXPECT_LT(text.find("Nama Pekerja"), text.find("R0")) << "page " << p + 1;
    // The running header (the title, as none was given) and the footer.
    EXPECT_EQ(Count(text, "Daftar Pekerja Rentan"), 1) << "page " << p + 1;
    EXPECT_EQ(Count(text, "jaring · Kabupaten Pasuruan"), 1) << "page " << p + 1;
  }
  EXPECT_NE(texts[0].find("Halaman 1 dari " + std::to_string(pages)), std::string::npos);

  for (int i = 1; i <= kRows; ++i) {
    if (i % 7 == 0) {
      // A wrapped row is never split: both of its ends are on one page.
      int first = -1;
      int last = -1;
      for (int p = 0; p < pages; ++p) {
        if (Count(texts[p], "awal-" + Token(i)) == 1) first = p;
        if (Count(texts[p], "akhir-" + Token(i)) == 1) last = p;
      }
      EXPECT_NE(first, -1) << Token(i);
      EXPECT_EQ(first, last) << Token(i);
      EXPECT_EQ(Count(all, Token(i)), 2) << Token(i);
    } else {
      EXPECT_EQ(Count(all, "Pekerja " + Token(i)), 1) << Token(i);
    }
  }
  EXPECT_EQ(Count(all, "Rp 16.800"), kRows);
  EXPECT_NE(all.find("Rp 5.040.000"), std::string::npos);  // the bold total row

  // Indonesian text with accents, curly quotes and a dash comes back as written; pdftotext
  // -layout may break the paragraph's lines anywhere, so compare without line breaks.
  std::string flat;
  for (char c : texts[0]) {
    if (c == '\n') c = ' ';
    if (c != ' ' || flat.empty() || flat.back() != ' ') flat.push_back(c);
  }
  for (const char* piece : {"Rp 2.800.000.000", "René Müller,", "Désirée Ñañez",
                            "— “pekerja rentan”", "Kecamatan Pandaan."}) {
    EXPECT_NE(flat.find(piece), std::string::npos) << piece;
  }
  SavePage1Png(pdf, "pdf-long-table-page1");
  if (!HasFailure()) std::remove(pdf.c_str());  // kept to look at when a check failed
}

TEST(PdfDocument, RuledTableWithoutRepeatedHeaderShowsItOnce) {
  REQUIRE_POPPLER();
  std::string pdf = TempPath("ruled.pdf");
  auto doc = PdfDocument::Create(pdf, Options());
  ASSERT_TRUE(doc);
  PdfTable table = WorkerTable(150, PdfTableStyle::kLines);
  table.repeat_header = false;
  ASSERT_TRUE(doc->AddTable(std::move(table)));
  auto layout = doc->Layout();
  ASSERT_TRUE(layout);
  ASSERT_TRUE(doc->Close());
  std::vector<std::string> texts = PageTexts(pdf);
  ASSERT_EQ(static_cast<int>(texts.size()), layout->pages);
  ASSERT_GT(texts.size(), 2u);
  EXPECT_EQ(Count(texts[0], "Nama Pekerja"), 1);
  for (std::size_t p = 1; p < texts.size(); ++p) EXPECT_EQ(Count(texts[p], "Nama Pekerja"), 0);
  if (!HasFailure()) std::remove(pdf.c_str());  // kept to look at when a check failed
}

TEST(PdfDocument, SameInputAndDateGiveTheSameBytes) {
  auto first = LongDocument(TempPath("a.pdf"), 120).Render();
  auto second = LongDocument(TempPath("b.pdf"), 120).Render();
  ASSERT_TRUE(first) << first.error().ToString();
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, *second);
  EXPECT_GT(first->size(), 10'000u);

  PdfOptions later = Options();
  later.metadata.created += 24h;
  auto third = LongDocument(TempPath("c.pdf"), 120, later).Render();
  ASSERT_TRUE(third);
  EXPECT_NE(*first, *third);

  // The dates in the file are the caller's.
  REQUIRE_POPPLER();
  std::string pdf = TempPath("dated.pdf");
  std::ofstream(pdf, std::ios::binary) << *third;
  std::string info = Shell("pdfinfo -isodates '" + pdf + "'").value_or("");
  EXPECT_NE(info.find("CreationDate:    2025-11-01T09:00:00Z"), std::string::npos) << info;
  EXPECT_NE(info.find("ModDate:         2025-11-01T09:00:00Z"), std::string::npos) << info;
  if (!HasFailure()) std::remove(pdf.c_str());
}

TEST(PdfDocument, DocumentsOnTwoThreadsAtOnceGiveTheSameBytes) {
  auto reference = LongDocument(TempPath("ref.pdf"), 80).Render();
  ASSERT_TRUE(reference);
  std::vector<std::string> results(2);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&results, t] {
      auto bytes = LongDocument(TempPath("t" + std::to_string(t) + ".pdf"), 80).Render();
      if (bytes) results[t] = *std::move(bytes);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& bytes : results) EXPECT_EQ(bytes, *reference);
}

TEST(PdfDocument, InvalidUtf8AndControlCharactersAreReplaced) {
  EXPECT_EQ(internal::CleanText("a\r\nb\rc\td\x01"
                                "e\x7f"),
            "a\nb\nc d e ");
  EXPECT_EQ(internal::CleanText("a\nb", false), "a b");
  EXPECT_EQ(internal::CleanText("x\xffy"), "x\xEF\xBF\xBDy");              // U+FFFD
  EXPECT_EQ(internal::CleanText("\xC3"), "\xEF\xBF\xBD");                  // cut sequence
  EXPECT_EQ(internal::CleanText("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(internal::CleanText("\xED\xA0\x80"),                           // a surrogate
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(internal::CleanText(std::string("a\0b", 3)), "a b");
  EXPECT_EQ(internal::CleanText("Désa ✓"), "Désa ✓");

  REQUIRE_POPPLER();
  std::string pdf = TempPath("utf8.pdf");
  PdfOptions options = Options("Judul \xff rusak");
  auto doc = PdfDocument::Create(pdf, options);
  ASSERT_TRUE(doc);
  doc->AddParagraph(
      "awal\xff\xfe"
      "tengah\xC3 akhir");
  PdfTable table;
  table.columns = {{"Kolom \xC0"}};
  table.AddRow({"sel\x80rusak"});
  ASSERT_TRUE(doc->AddTable(table));
  ASSERT_TRUE(doc->Close());
  std::string text = Shell("pdftotext '" + pdf + "' -").value_or("");
  EXPECT_NE(text.find("awal\xEF\xBF\xBD\xEF\xBF\xBDtengah\xEF\xBF\xBD akhir"), std::string::npos)
      << text;
  EXPECT_NE(text.find("sel\xEF\xBF\xBDrusak"), std::string::npos) << text;
  EXPECT_EQ(Info(pdf, "Title"), "Judul \xEF\xBF\xBD rusak");
  if (!HasFailure()) std::remove(pdf.c_str());  // kept to look at when a check failed
}

TEST(PdfDocument, RefusesBadOptionsAndBlocks) {
  EXPECT_EQ(PdfDocument::Create("", Options()).error().code, ErrorCode::kInvalidArgument);
  PdfOptions no_date = Options();
  no_date.metadata.created = {};
  EXPECT_EQ(PdfDocument::Create("x.pdf", no_date).error().code, ErrorCode::kInvalidArgument);
  PdfOptions tiny = Options();
  tiny.page.margin_top_mm = 5;
  EXPECT_EQ(PdfDocument::Create("x.pdf", tiny).error().code, ErrorCode::kInvalidArgument);
  PdfOptions huge = Options();
  huge.page.margin_left_mm = 90;
  huge.page.margin_right_mm = 90;
  EXPECT_EQ(PdfDocument::Create("x.pdf", huge).error().code, ErrorCode::kInvalidArgument);
  PdfOptions font = Options();
  font.font_size_pt = 0;
  EXPECT_EQ(PdfDocument::Create("x.pdf", font).error().code, ErrorCode::kInvalidArgument);

  std::string pdf = TempPath("refused.pdf");
  auto doc = PdfDocument::Create(pdf, Options());
  ASSERT_TRUE(doc);
  PdfTable wide;  // 2 x 90 mm on a 165 mm body
  wide.columns = {{"A", PdfWidth::Mm(90)}, {"B", PdfWidth::Mm(90)}};
  Status refused = doc->AddTable(wide);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  PdfTable squeezed;  // the share column would get 5 mm
  squeezed.columns = {{"A", PdfWidth::Mm(160)}, {"B", PdfWidth::Share(1)}};
  EXPECT_FALSE(doc->AddTable(squeezed));
  PdfTable both;
  both.columns = {{"A", {10, 1}}};
  EXPECT_FALSE(doc->AddTable(both));
  PdfTable ragged;
  ragged.columns = {{"A"}, {"B"}};
  ragged.AddRow({"1", "2"});
  ragged.AddRow({"1"});
  EXPECT_FALSE(doc->AddTable(ragged));
  EXPECT_FALSE(doc->AddTable(PdfTable{}));
  EXPECT_FALSE(doc->AddImage("not a png", 20));
  EXPECT_FALSE(doc->AddImage("", 0));
  EXPECT_FALSE(doc->AddSignatures({}));
  PdfSignatures off;
  off.signers = {{"", "Kepala", "Nama", ""}};
  off.place_date_column = 1;
  EXPECT_FALSE(doc->AddSignatures(off));

  // Nothing is written: Close() fails with the first refusal.
  Status closed = doc->Close();
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().details, refused.error().details);
  EXPECT_FALSE(std::filesystem::exists(pdf));
}

TEST(PdfDocument, FileSystemErrorsAndASecondClose) {
  auto missing_dir = PdfDocument::Create(TempPath("no/such/dir.pdf"), Options());
  ASSERT_TRUE(missing_dir);
  missing_dir->AddParagraph("x");
  Status status = missing_dir->Close();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);

  std::string pdf = TempPath("twice.pdf");
  auto doc = PdfDocument::Create(pdf, Options());
  ASSERT_TRUE(doc);
  doc->AddParagraph("Sekali saja.");
  ASSERT_TRUE(doc->Close());
  EXPECT_EQ(doc->Close().error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ReadFile(pdf).rfind("%PDF-", 0), 0u);
  // Written whole under its name: no temporary file is left beside it.
  int siblings = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::TempDir())) {
    if (entry.path().filename().string().rfind(
            "jaring_pdf_" + std::to_string(::getpid()) + "_twice.pdf.", 0) == 0) {
      ++siblings;
    }
  }
  EXPECT_EQ(siblings, 0);
  if (!HasFailure()) std::remove(pdf.c_str());  // kept to look at when a check failed
}

TEST(PdfDocument, LandscapeIsA4TurnedAndTakesFewerPages) {
  REQUIRE_POPPLER();
  std::string pdf = TempPath("landscape.pdf");
  PdfOptions options = Options();
  options.page.orientation = PdfOrientation::kLandscape;
  PdfDocument landscape = LongDocument(pdf, 200, options);
  auto wide = landscape.Layout();
  ASSERT_TRUE(wide);
  ASSERT_TRUE(landscape.Close());
  EXPECT_EQ(Info(pdf, "Page size"), "841.89 x 595.276 pts (A4)");
  EXPECT_EQ(Info(pdf, "Pages"), std::to_string(wide->pages));
  auto tall = LongDocument(TempPath("portrait.pdf"), 200).Layout();
  ASSERT_TRUE(tall);
  EXPECT_GT(wide->pages, tall->pages);          // shorter pages hold fewer rows
  if (!HasFailure()) std::remove(pdf.c_str());  // kept to look at when a check failed
}

// The PNG bytes of a surface, which is destroyed.
std::string TakePng(cairo_surface_t* s) {
  std::string png;
  cairo_surface_write_to_png_stream(
      s,
      [](void* out, const unsigned char* data, unsigned int n) {
        static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), n);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(s);
  return png;
}

// A PNG drawn with cairo: a 21 x 21 checkerboard, the size of a small QR code.
std::string MakePng() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 21, 21);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < 21; ++y) {
    for (int x = (y % 2); x < 21; x += 2) cairo_rectangle(cr, x, y, 1, 1);
  }
  cairo_fill(cr);
  cairo_destroy(cr);
  return TakePng(s);
}

// A stand-in for a regency's emblem (a shield), for the sample's letterhead.
std::string MakeEmblemPng() {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 200, 240);
  cairo_t* cr = cairo_create(s);
  cairo_move_to(cr, 10, 10);
  cairo_line_to(cr, 190, 10);
  cairo_line_to(cr, 190, 120);
  cairo_curve_to(cr, 190, 180, 140, 215, 100, 232);
  cairo_curve_to(cr, 60, 215, 10, 180, 10, 120);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.11, 0.42, 0.23);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.85, 0.65, 0.13);
  cairo_set_line_width(cr, 10);
  cairo_stroke(cr);
  cairo_arc(cr, 100, 100, 45, 0, 6.2832);
  cairo_fill(cr);
  cairo_destroy(cr);
  return TakePng(s);
}

TEST(PdfDocument, ImagesAreEmbeddedAtTheirPixelSize) {
  REQUIRE_POPPLER();
  std::string pdf = TempPath("image.pdf");
  auto doc = PdfDocument::Create(pdf, Options());
  ASSERT_TRUE(doc);
  doc->AddParagraph("Kode QR:");
  ASSERT_TRUE(doc->AddImage(MakePng(), 30));
  ASSERT_TRUE(doc->AddImage(MakePng(), 500, 0, PdfAlign::kLeft));  // shrunk to the body
  ASSERT_TRUE(doc->Close());
  std::string list = Shell("pdfimages -list '" + pdf + "'").value_or("");
  // Header lines, then one line per image drawn; both are the 21 x 21 pixels.
  EXPECT_EQ(Count(list, "\n"), 4) << list;
  EXPECT_EQ(Count(list, "    21    21"), 2) << list;
  if (!HasFailure()) std::remove(pdf.c_str());  // kept to look at when a check failed
}

TEST(PdfDocument, AHugeCellIsCutToOnePageNotSplit) {
  REQUIRE_POPPLER();
  std::string pdf = TempPath("huge.pdf");
  auto doc = PdfDocument::Create(pdf, Options());
  ASSERT_TRUE(doc);
  std::string huge;
  for (int i = 0; i < 3000; ++i) huge += "kata" + std::to_string(i) + " ";
  PdfTable table;
  table.columns = {{"No", PdfWidth::Mm(12)}, {"Catatan"}};
  table.AddRow({"1", huge});
  table.AddRow({"2", "sesudahnya"});
  ASSERT_TRUE(doc->AddTable(table));
  auto layout = doc->Layout();
  ASSERT_TRUE(layout);
  EXPECT_EQ(layout->pages, 2);  // the cut row fills page 1, the next row goes on page 2
  ASSERT_TRUE(doc->Close());
  std::vector<std::string> texts = PageTexts(pdf);
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_NE(texts[0].find("kata0 "), std::string::npos);
  // Cut, and the cut text is not hidden in the file either (a reader would extract it).
  EXPECT_EQ(Count(texts[0], "…"), 1);
  EXPECT_EQ(texts[0].find("kata2999"), std::string::npos);
  EXPECT_NE(texts[1].find("sesudahnya"), std::string::npos);
  EXPECT_NE(texts[1].find("Catatan"), std::string::npos);  // header repeated
  if (!HasFailure()) std::remove(pdf.c_str());             // kept to look at when a check failed
}

TEST(PdfDocument, PageBreaksHeadingsAndAnEmptyDocument) {
  auto empty = PdfDocument::Create(TempPath("empty.pdf"), Options());
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->Layout()->pages, 1);
  auto doc = PdfDocument::Create(TempPath("breaks.pdf"), Options());
  ASSERT_TRUE(doc);
  doc->AddParagraph("Satu");
  doc->AddPageBreak();
  doc->AddPageBreak();  // a break on an empty page does not add another
  doc->AddParagraph("Dua");
  doc->AddPageBreak();  // trailing: no empty last page
  EXPECT_EQ(doc->Layout()->pages, 2);
  // A heading at the foot of a page moves to the next with the table it introduces.
  doc->AddSpace(230);
  doc->AddHeading("Lampiran");
  ASSERT_TRUE(doc->AddTable(WorkerTable(3)));
  EXPECT_EQ(doc->Layout()->pages, 3);
}

// The intended look of the monthly berita acara verifikasi dan validasi, saved for people to
// see (test-output/berita-acara-sample.pdf and its page 1 as PNG).
TEST(PdfDocument, BeritaAcaraSample) {
  REQUIRE_POPPLER();
  std::string pdf = OutputDir() + "/berita-acara-sample.pdf";
  PdfOptions options = Options("Berita Acara Verifikasi dan Validasi — Oktober 2025");
  options.running.header_right = "Kabupaten Pasuruan · Oktober 2025";
  options.running.header_on_first_page = false;
  options.running.footer_left = "Dibuat dengan jaring pada 31 Oktober 2025";
  auto created = PdfDocument::Create(pdf, options);
  ASSERT_TRUE(created);
  PdfDocument& doc = *created;

  doc.AddLetterhead(
      {.logo_png = MakeEmblemPng(),
       .authority = {"PEMERINTAH KABUPATEN PASURUAN", "DINAS TENAGA KERJA"},
       .address = {"Jl. Raya Raci Km. 9, Bangil, Pasuruan 67153 · Telp. (0343) 745123",
                   "Pos-el: disnaker@pasuruankab.go.id"}});
  doc.AddTitle("BERITA ACARA\nVERIFIKASI DAN VALIDASI DATA PEKERJA RENTAN");
  doc.AddParagraph("Nomor: 560/1234/424.077/2025", PdfAlign::kCenter);
  doc.AddParagraph(std::vector<PdfRun>{
      {"Pada hari ini "},
      {"Jumat", true},
      {" tanggal "},
      {"tiga puluh satu", true},
      {" bulan "},
      {"Oktober", true},
      {" tahun "},
      {"dua ribu dua puluh lima", true},
      {", kami yang bertanda tangan di bawah ini telah melaksanakan verifikasi dan validasi "
       "data pekerja rentan penerima bantuan iuran jaminan sosial ketenagakerjaan yang "
       "dibiayai APBD Kabupaten Pasuruan, dengan rincian sebagai berikut:"}});
  doc.AddKeyValues({{"Kabupaten", "Pasuruan (35.14)"},
                    {"Periode", "Oktober 2025"},
                    {"Program", "Bantuan iuran JKK dan JKM bagi pekerja rentan"},
                    {"Iuran per pekerja", "Rp 16.800 per bulan"},
                    {"Anggaran tahun berjalan", "Rp 2.800.000.000"}});

  doc.AddHeading("A. Sumber data");
  PdfTable sources;
  sources.columns = {{"No", PdfWidth::Mm(10), PdfAlign::kRight},
                     {"Sumber", PdfWidth::Share(4)},
                     {"Berkas", PdfWidth::Share(5)},
                     {"Tanggal", PdfWidth::Mm(27)},
                     {"Sidik (SHA-256)", PdfWidth::Mm(29)}};
  sources.AddRow({"1", "Daftar desa (34 desa)", "daftar-pekerja-rentan-2025-10.xlsx",
                  "3 Oktober 2025", "9f2c41d0…e81a"});
  sources.AddRow({"2", "Data kematian Dukcapil", "dukcapil-kematian-3514-2025-10.csv",
                  "20 Oktober 2025", "41aa0b7e…0c93"});
  sources.AddRow({"3", "Kepesertaan BPJS Ketenagakerjaan", "bpjstk-kepesertaan-3514-202510.csv",
                  "22 Oktober 2025", "c07d9e12…5b44"});
  ASSERT_TRUE(doc.AddTable(sources));

  doc.AddHeading("B. Rekapitulasi");
  PdfTable counts;
  counts.columns = {{"Uraian", PdfWidth::Share(1)},
                    {"Jumlah pekerja", PdfWidth::Mm(32), PdfAlign::kRight},
                    {"Iuran per bulan", PdfWidth::Mm(38), PdfAlign::kRight}};
  counts.AddRow({"Jumlah awal (September 2025)", "12.480", "Rp 209.664.000"});
  counts.AddRow({"Ditambah: pekerja baru dari daftar desa", "356", "Rp 5.980.800"});
  counts.AddRow({"Dikurangi: meninggal dunia (data Dukcapil)", "41", "Rp 688.800"});
  counts.AddRow({"Dikurangi: terdaftar sebagai peserta penerima upah", "27", "Rp 453.600"});
  counts.AddRow({"Dikurangi: ganda di dalam kabupaten", "12", "Rp 201.600"});
  counts.AddRow({"Dikurangi: pindah domisili ke luar kabupaten", "9", "Rp 151.200"});
  counts.AddRow({"Dikurangi: melewati batas usia", "4", "Rp 67.200"});
  counts.AddRow({"Jumlah akhir (Oktober 2025)", "12.743", "Rp 214.082.400"}, true);
  ASSERT_TRUE(doc.AddTable(counts));

  doc.AddHeading("C. Pekerja yang ditambahkan dan dikeluarkan");
  doc.AddParagraph("Daftar lengkap terlampir; sepuluh baris pertama:", PdfAlign::kLeft);
  PdfTable changes;
  changes.style = PdfTableStyle::kZebra;
  changes.columns = {{"No", PdfWidth::Mm(10), PdfAlign::kRight},
                     {"NIK", PdfWidth::Mm(38)},
                     {"Nama", PdfWidth::Share(3)},
                     {"Desa", PdfWidth::Share(2)},
                     {"Perubahan", PdfWidth::Share(2)}};
  const char* people[][4] = {
      {"3514**********01", "Siti Aminah", "Gerbo", "Ditambahkan"},
      {"3514**********02", "Ahmad Fauzi", "Sukorejo", "Ditambahkan"},
      {"3514**********03", "Ni Luh Putu Ayu Widyasari", "Pandaan", "Ditambahkan"},
      {"3514**********04", "Moehammad Sanoesi", "Gerbo", "Meninggal dunia"},
      {"3514**********05", "Sri Rahayu", "Purwosari", "Peserta penerima upah"},
      {"3514**********06", "Bambang Hadi Susanto", "Bangil", "Ganda (tetap: baris 4.102)"},
      {"3514**********07", "Dewi Lestari", "Gempol", "Pindah ke Kota Malang"},
      {"3514**********08", "Suparman", "Beji", "Melewati batas usia"},
      {"3514**********09", "Yohanes Ratu Kaka", "Prigen", "Ditambahkan"},
      {"3514**********10", "Rina Marlina", "Sukorejo", "Meninggal dunia"},
  };
  int n = 0;
  for (const auto& p : people) changes.AddRow({std::to_string(++n), p[0], p[1], p[2], p[3]});
  ASSERT_TRUE(doc.AddTable(changes));

  doc.AddParagraph(
      "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagai dasar "
      "penagihan iuran bulan Oktober 2025.");
  PdfSignatures signatures;
  signatures.place_date = "Pasuruan, 31 Oktober 2025";
  signatures.signers = {{"Mengetahui,", "Kepala Kantor Cabang\nBPJS Ketenagakerjaan Pasuruan",
                         "Hendra Wijaya", "NPP. 2020 0417"},
                        {"", "Kepala Dinas Tenaga Kerja\nKabupaten Pasuruan",
                         "Drs. Agus Suyanto, M.Si.", "NIP. 19700101 199003 1 001"}};
  ASSERT_TRUE(doc.AddSignatures(signatures));
  auto layout = doc.Layout();
  ASSERT_TRUE(layout);
  ASSERT_TRUE(doc.Close());

  EXPECT_EQ(Info(pdf, "Pages"), std::to_string(layout->pages));
  std::string text = Shell("pdftotext -layout '" + pdf + "' -").value_or("");
  for (const char* piece :
       {"PEMERINTAH KABUPATEN PASURUAN", "VERIFIKASI DAN VALIDASI DATA PEKERJA RENTAN",
        "Jumlah akhir (Oktober 2025)", "Rp 214.082.400", "Pasuruan, 31 Oktober 2025",
        "Drs. Agus Suyanto, M.Si.", "NIP. 19700101 199003 1 001", "Hendra Wijaya",
        "Halaman 1 dari "}) {
    EXPECT_NE(text.find(piece), std::string::npos) << piece;
  }
  SavePage1Png(pdf, "berita-acara-sample-page1");
  if (layout->pages > 1) {
    Shell("pdftoppm -png -r 110 -f 2 -l 2 -singlefile '" + pdf + "' '" + OutputDir() +
          "/berita-acara-sample-page2'");
  }
}

}  // namespace
}  // namespace jaring::formats
