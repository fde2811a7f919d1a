// The monev report from figures made here (no database): the same figures and moment give the
// same PDF bytes, numbers are written the Indonesian way, and what pdftotext reads back is what
// was given. The integration test (monev_cli_test.sh) checks a report of settled demo months.
#include "services/monev_report.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace jaring::services {
namespace {

using namespace std::chrono;

const TimePoint kMadeAt = sys_days{year{2025} / 9 / 24} + 3h;  // 10:00 WIB

DenominatorView Denominator() {
  DenominatorView d;
  d.region_code = "35.14";
  d.region_name = "Kabupaten Pasuruan";
  d.year = 2024;
  d.name = "working_population";
  d.label = "Penduduk bekerja";
  d.value = 133'308;
  d.source = "BPS Sakernas Agustus 2024";
  d.source_date = "2024-11-05";
  return d;
}

RegencyMonev Figures() {
  RegencyMonev m;
  m.regency_code = "35.14";
  m.regency_name = "Kabupaten Pasuruan";
  m.period = m.period_requested = "2025-09";
  m.version = 2;
  m.settled_at = sys_days{year{2025} / 9 / 20} + 2h;
  m.totals.rows = 31'000;
  m.totals.persons = 28'448;
  m.totals.participants = 28'448;
  m.totals.share_covered = 1.0;
  m.totals.difference = {1'500, 40, 312, 700, 0};
  m.denominator = Denominator();
  m.denominators = {*m.denominator};
  m.coverage = 28'448.0 / 133'308;  // 21,34 %
  m.reported_coverage = 31'000.0 / 133'308;
  m.cleaned_coverage = 28'448.0 / 133'308;
  m.target = TargetView{"35", "Jawa Timur", 2025, 0.33, "", "RPJMN 2025-2029", "admin", {}};
  m.planned_quota = 30'000;
  m.planned_coverage = 30'000.0 / 133'308;
  m.trend = {{"2025-08", 30'500, 28'000, 27'000, 27'000.0 / 133'308},
             {"2025-09", 31'000, 28'448, 28'448, 28'448.0 / 133'308}};
  m.since_last_month = Change{"2025-08", 27'000, 1'448};
  for (int i = 1; i <= 3; ++i) {
    AreaFigures d;
    d.code = "35.14.0" + std::to_string(i);
    d.name = i == 1 ? "Purwodadi" : i == 2 ? "Tutur" : "Puspo";
    d.level = "district";
    d.persons = 10'000 - i * 1'000;
    d.participants = d.persons - i * 500;
    d.share_covered = static_cast<double>(d.participants) / d.persons;
    d.rank = i;
    m.districts.push_back(d);
  }
  m.gaps = {m.districts.back()};
  m.programs = {{1, "Pekerja rentan 2025", 30'000, 28'448, 0, {{"DBHCHT", 7000}, {"APBD", 3000}}}};
  m.funding = {{"DBHCHT", 19'914}, {"APBD", 8'534}};
  m.claims.overdue = 3;
  m.budget = {2'800'000'000, 1'400'000'000, 2, 466'666'666, 0.5};
  m.unsettled_months = {"2025-07"};
  return m;
}

std::string PdfText(const std::string& pdf) {
  const std::string path = testing::TempDir() + "/monev_report_" + std::to_string(::getpid()) + ".pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  FILE* pipe = ::popen(("pdftotext -layout '" + path + "' - 2>/dev/null").c_str(), "r");
  std::string out;
  char buf[4096];
  while (pipe != nullptr) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, pipe);
    if (n == 0) break;
    out.append(buf, n);
  }
  if (pipe != nullptr) ::pclose(pipe);
  std::remove(path.c_str());
  return out;
}

TEST(MonevReportTest, PercentsAreWrittenTheIndonesianWay) {
  EXPECT_EQ(FormatPercent(0.2134), "21,34 %");
  EXPECT_EQ(FormatPercent(0.33, 0), "33 %");
  EXPECT_EQ(FormatPercent(1), "100,00 %");
  EXPECT_EQ(FormatPercent(-0.00001), "0,00 %");
  EXPECT_EQ(FormatPercent(0.0125, 1), "1,3 %");  // half away, though 1.2499… in binary
}

TEST(MonevReportTest, SameFiguresSameBytes) {
  auto a = RegencyReportPdf(Figures(), kMadeAt);
  auto b = RegencyReportPdf(Figures(), kMadeAt);
  ASSERT_TRUE(a) << a.error().ToString();
  ASSERT_TRUE(b);
  EXPECT_EQ(*a, *b);
  auto later = RegencyReportPdf(Figures(), kMadeAt + 24h);
  ASSERT_TRUE(later);
  EXPECT_NE(*a, *later);  // the as-of date is printed
}

TEST(MonevReportTest, ThePdfSaysWhatItWasGiven) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "poppler-utils not installed";
  auto pdf = RegencyReportPdf(Figures(), kMadeAt);
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  const std::string text = PdfText(*pdf);
  for (const char* needle :
       {"Kabupaten Pasuruan", "September 2025", "24 September 2025", "20 September 2025",
        "21,34 %", "28.448", "31.000", "1.500", "BPS Sakernas Agustus 2024", "133.308",
        "Rp 2.800.000.000", "Rp 466.666.666", "Juli 2025", "Purwodadi", "Puspo", "33,00 %",
        "DBHCHT 70 %", "Masalah yang masih terbuka", "+1.448 peserta"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle;
  }
}

TEST(MonevReportTest, NoSettledMonthNoReport) {
  RegencyMonev m = Figures();
  m.period.clear();
  EXPECT_EQ(RegencyReportPdf(m, kMadeAt).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(RegencyChartPng(m, "trend").error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(RegencyChartPng(Figures(), "pie").error().code, ErrorCode::kNotFound);
}

TEST(MonevReportTest, EveryChartDraws) {
  for (auto name : RegencyChartNames()) {
    auto png = RegencyChartPng(Figures(), name);
    ASSERT_TRUE(png) << name << ": " << png.error().ToString();
    EXPECT_EQ(png->substr(1, 3), "PNG") << name;
  }
}

}  // namespace
}  // namespace jaring::services
