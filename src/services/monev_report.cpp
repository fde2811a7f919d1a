// Design notes
//  - One function per part of the document, in reading order, each adding its heading, its
//    chart and its table; the .xlsx has a sheet per table with the same rows, so a figure read
//    in the meeting can be found in the workbook.
//  - Counts are written with Indonesian thousands ("28.448"), fractions as "21,34 %", money as
//    "Rp 2.800.000.000" (domain/money.hpp). In the workbook they stay numbers, percents formatted
//    as such, so that a reader can compute with them.
//  - Two dates: the settled month's (when the list was fixed; persons and participants are from
//    it) and the day the report is made (claims, arrears and the unsettled months are as of
//    that day). Both are printed; the PDF's creation date is the second, so the same figures
//    made on the same moment give the same bytes.
//  - Charts are PNGs at 8 px/mm, 160 mm wide: the width of the body, sharp when printed.
#include "services/monev_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "domain/date_format.hpp"
#include "domain/funding_source.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"
#include "formats/chart.hpp"
#include "formats/pdf_document.hpp"
#include "formats/xlsx_writer.hpp"
#include "auth/roles.hpp"
#include "services/enrolment_internal.hpp"
#include "services/verval_minutes.hpp"

namespace jaring::services {
namespace {

using formats::PdfAlign;
using formats::PdfTable;
using formats::PdfWidth;
using K = formats::XlsxColumnKind;

constexpr double kChartWidthMm = 160;
const std::string kCountFormat = "#,##0";
const std::string kPercentFormat = "0.00%";

std::string Count(std::int64_t n) { return domain::FormatThousands(n); }
std::string Rupiah(std::int64_t amount) {
  return domain::FormatRupiah(domain::Money::Rupiah(amount));
}
std::string Percent(const std::optional<double>& v) { return v ? FormatPercent(*v) : "-"; }

std::string Month(std::string_view period) {
  auto p = domain::Period::Parse(period);
  return p ? p->ToIndonesian() : std::string(period);
}

// "Sep 2025": the months under a chart.
std::string ShortMonth(std::string_view period) {
  auto p = domain::Period::Parse(period);
  if (!p) return std::string(period);
  return std::string(domain::MonthNameIndonesian(p->month()).substr(0, 3)) + " " +
         std::to_string(p->year());
}

std::chrono::year_month_day WibDay(TimePoint at) {
  return std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(at + std::chrono::hours(7)));
}
std::string WibDate(TimePoint at) { return domain::FormatDateIndonesian(WibDay(at)); }

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// "+120", "-3", "0".
std::string Signed(std::int64_t n) { return (n > 0 ? "+" : "") + Count(n); }

std::string FundingLabel(std::string_view code) {
  const auto source = domain::FundingSourceFromCode(code);
  return source ? std::string(domain::FundingSourceLabel(*source)) : std::string(code);
}

std::string DenominatorLine(const DenominatorView& d) {
  return d.label + " " + std::to_string(d.year) + ": " + Count(d.value) + " orang (sumber: " +
         d.source + (d.source_date.empty() ? "" : ", " + Month(d.source_date.substr(0, 7))) + ")";
}

// A province denominator summed from some of its regencies: whose participants count, and who
// is left out for want of a figure.
std::string PartialDenominatorNote(const ProvinceMonev& p) {
  std::string names;
  for (const auto& code : p.without_denominator) {
    const auto it = std::ranges::find(p.regencies, code, &RegencyRow::code);
    names += (names.empty() ? "" : ", ") + (it != p.regencies.end() ? it->name : code);
  }
  return Count(p.participants_counted) + " peserta di " +
         std::to_string(p.regencies.size() - p.without_denominator.size()) +
         " kabupaten/kota yang memiliki penyebut; tanpa penyebut, tidak dihitung: " + names;
}

// The parts of rows − persons, with their Indonesian names, in the order of docs/monev.md.
std::vector<std::pair<std::string, std::int64_t>> DifferenceParts(const Difference& d) {
  return {{"Data ganda (orang yang sama tercatat lebih dari sekali)", d.duplicates},
          {"Terdaftar di kabupaten/kota lain", d.other_regency},
          {"Meninggal dunia", d.died},
          {"Tidak memenuhi syarat (penerima upah, sudah peserta, umur, domisili)", d.ineligible},
          {"Dikeluarkan karena alasan lain", d.other_removed}};
}

std::string ChartPercent(double v) { return FormatPercent(v, 1); }
// Ticks: "5 %", "2,5 %", "12,5 %": no trailing zeros.
std::string TickPercent(double v) {
  std::string s = FormatPercent(v, 1);
  if (s.size() > 4 && s.compare(s.size() - 4, 4, ",0 %") == 0) s.erase(s.size() - 4, 2);
  return s;
}
std::string ChartCount(double v) { return Count(std::llround(v)); }

bool DistrictsByCoverage(const RegencyMonev& m) {
  return !m.districts.empty() &&
         std::ranges::all_of(m.districts, [](const AreaFigures& d) { return d.coverage.has_value(); });
}

std::optional<double> DistrictMeasure(const RegencyMonev& m, const AreaFigures& d) {
  return DistrictsByCoverage(m) ? d.coverage : d.share_covered;
}

std::string DistrictMeasureName(const RegencyMonev& m) {
  return DistrictsByCoverage(m) ? "Cakupan terhadap " + m.districts.front().denominator->label
                                : "Bagian orang terverifikasi yang sudah menjadi peserta";
}

// The target as a number of persons: target × the denominator (when both are known).
std::optional<std::int64_t> TargetPersons(const RegencyMonev& m) {
  if (!m.target || !m.denominator) return std::nullopt;
  return std::llround(m.target->value * static_cast<double>(m.denominator->value));
}

Status NeedsSettledMonth(const RegencyMonev& m) {
  if (!m.period.empty()) return {};
  return Fail(Error::FailedPrecondition(
      "Belum ada bulan yang ditetapkan untuk " + m.regency_name +
      (m.period_requested.empty() ? "" : " sampai " + Month(m.period_requested)) +
      ": laporan monev dibuat dari bulan yang sudah ditetapkan (verval)"));
}

// --- charts ---------------------------------------------------------------------------------

formats::Chart DifferenceChart(const RegencyMonev& m) {
  formats::Chart c;
  c.kind = formats::ChartKind::kBars;
  c.title = "Dari daftar ke peserta, " + Month(m.period);
  c.categories = {"Baris daftar", "Orang setelah verval", "Peserta", "Rencana (kuota)"};
  c.series = {{"", {static_cast<double>(m.totals.rows), static_cast<double>(m.totals.persons),
                    static_cast<double>(m.totals.participants),
                    static_cast<double>(m.planned_quota)}}};
  if (auto target = TargetPersons(m)) {
    c.references.push_back({static_cast<double>(*target),
                            "Target " + FormatPercent(m.target->value) + " × " +
                                m.denominator->label + " = " + Count(*target) + " orang"});
  }
  c.format_value = ChartCount;
  c.whole_numbers = true;
  c.width_mm = kChartWidthMm;
  c.height_mm = 70;
  return c;
}

formats::Chart TrendChart(const RegencyMonev& m) {
  formats::Chart c;
  // A line needs months to join: one or two settled months read better as columns.
  c.kind = m.trend.size() < 3 ? formats::ChartKind::kBars : formats::ChartKind::kLines;
  c.title = "Peserta, orang setelah verval dan baris daftar per bulan";
  formats::ChartSeries participants{"Peserta", {}}, persons{"Orang setelah verval", {}},
      rows{"Baris daftar", {}};
  for (const auto& t : m.trend) {
    c.categories.push_back(ShortMonth(t.period));
    participants.values.push_back(static_cast<double>(t.participants));
    persons.values.push_back(static_cast<double>(t.persons));
    rows.values.push_back(static_cast<double>(t.rows));
  }
  c.series = {participants, persons, rows};
  if (auto target = TargetPersons(m))
    c.references.push_back({static_cast<double>(*target), "Target " + Count(*target) + " orang"});
  if (m.planned_quota > 0)
    c.references.push_back(
        {static_cast<double>(m.planned_quota), "Rencana " + Count(m.planned_quota) + " orang"});
  c.format_value = ChartCount;
  c.whole_numbers = true;
  c.width_mm = kChartWidthMm;
  c.height_mm = 75;
  return c;
}

formats::Chart DistrictsChart(const RegencyMonev& m) {
  formats::Chart c;
  c.kind = formats::ChartKind::kHorizontalBars;
  c.title = DistrictMeasureName(m);
  formats::ChartSeries s{"", {}};  // the title names the measure
  for (const auto& d : m.districts) {
    c.categories.push_back(d.name);
    s.values.push_back(DistrictMeasure(m, d));
  }
  c.series = {s};
  const auto regency = DistrictsByCoverage(m) ? m.coverage : m.totals.share_covered;
  if (regency) c.references.push_back({*regency, m.regency_name + " " + ChartPercent(*regency)});
  c.format_value = ChartPercent;
  c.format_tick = TickPercent;
  c.width_mm = kChartWidthMm;
  return c;
}

formats::Chart RankingChart(const ProvinceMonev& p) {
  formats::Chart c;
  c.kind = formats::ChartKind::kHorizontalBars;
  c.title = "Cakupan kabupaten/kota, aktual dan rencana";
  formats::ChartSeries actual{"Aktual", {}}, planned{"Rencana", {}};
  for (const auto& r : p.regencies) {
    if (r.rank == 0) continue;
    c.categories.push_back(std::to_string(r.rank) + ". " + r.name);
    actual.values.push_back(r.coverage);
    planned.values.push_back(r.planned_coverage);
  }
  c.series = {actual, planned};
  if (p.target)
    c.references.push_back({p.target->value, "Target " + FormatPercent(p.target->value)});
  c.format_value = ChartPercent;
  c.format_tick = TickPercent;
  c.width_mm = kChartWidthMm;
  return c;
}

// --- PDF parts ------------------------------------------------------------------------------

Status AddChart(formats::PdfDocument& doc, const formats::Chart& chart) {
  auto png = formats::RenderChartPng(chart);
  if (!png) return Fail(std::move(png.error()));
  return doc.AddImage(*png, chart.width_mm);
}

formats::PdfOptions Options(std::string title, std::string author, std::string header_right,
                            TimePoint made_at) {
  formats::PdfOptions options;
  options.metadata.title = std::move(title);
  options.metadata.author = std::move(author);
  options.metadata.subject = "Monitoring dan evaluasi kepesertaan jaminan sosial ketenagakerjaan";
  options.metadata.created = std::chrono::floor<std::chrono::seconds>(made_at);
  options.running.header_on_first_page = false;
  options.running.header_right = std::move(header_right);
  options.running.footer_left = "Dibuat dengan jaring, " + WibDate(made_at);
  return options;
}

void Cover(formats::PdfDocument& doc, const RegencyMonev& m, TimePoint made_at) {
  doc.AddLetterhead({"", 24, {"PEMERINTAH " + Upper(m.regency_name), "DINAS TENAGA KERJA"}, {}});
  doc.AddSpace(30);
  doc.AddTitle(
      "LAPORAN MONITORING DAN EVALUASI\nKEPESERTAAN JAMINAN SOSIAL KETENAGAKERJAAN\nPEKERJA "
      "RENTAN");
  doc.AddSpace(6);
  doc.AddParagraph({{m.regency_name, true}}, PdfAlign::kCenter);
  doc.AddParagraph("Bulan data " + Month(m.period), PdfAlign::kCenter);
  doc.AddSpace(24);
  std::vector<formats::PdfKeyValue> rows = {
      {"Kabupaten/kota", m.regency_name + " (" + m.regency_code + ")"},
      {"Bulan data", Month(m.period) + ", daftar versi " + std::to_string(m.version) +
                         ", ditetapkan " + WibDate(m.settled_at)},
      {"Keadaan data per", WibDate(made_at)},
      {"Peserta", Count(m.totals.participants) + " orang"},
      {"Cakupan", m.coverage ? Percent(m.coverage) + " dari " + m.denominator->label + " " +
                                   std::to_string(m.denominator->year)
                             : "belum dapat dihitung (penyebut belum diisi)"},
      {"Target", m.target ? FormatPercent(m.target->value) + " (" + m.target->region_name + ", " +
                                std::to_string(m.target->year) + ")"
                          : "belum ditetapkan"}};
  doc.AddKeyValues(std::move(rows));
  doc.AddSpace(30);
  doc.AddParagraph(
      "Angka orang dan peserta dihitung dari daftar yang ditetapkan pada verifikasi dan validasi "
      "bulanan (orang yang berbeda, bukan baris daftar). Klaim, tunggakan dan bulan yang belum "
      "ditetapkan adalah keadaan pada tanggal laporan dibuat.",
      PdfAlign::kCenter);
  doc.AddPageBreak();
}

Status Summary(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("1. Ringkasan angka");
  if (m.denominator) {
    doc.AddParagraph("Semua persentase dihitung terhadap penyebut " + DenominatorLine(*m.denominator) +
                     ".");
  } else {
    doc.AddParagraph("Penyebut cakupan untuk tahun ini belum diisi (jaring denominator set), "
                     "sehingga persentase belum dapat dihitung.");
  }
  PdfTable t;
  t.columns = {{"Indikator", PdfWidth::Share(3)},
               {"Jumlah (orang)", PdfWidth::Mm(32), PdfAlign::kRight},
               {"Terhadap penyebut", PdfWidth::Mm(32), PdfAlign::kRight}};
  t.AddRow({"Baris daftar yang dikirim (angka laporan)", Count(m.totals.rows),
            Percent(m.reported_coverage)});
  t.AddRow({"Orang setelah verval (angka bersih)", Count(m.totals.persons),
            Percent(m.cleaned_coverage)});
  t.AddRow({"Peserta (cakupan)", Count(m.totals.participants), Percent(m.coverage)}, true);
  char weighted[32];
  std::snprintf(weighted, sizeof weighted, "%.1f", m.totals.weighted);
  std::string bpjs = weighted;
  std::ranges::replace(bpjs, '.', ',');
  t.AddRow({"Peserta menurut BPJS (penuh setelah 6 bulan iuran lunas)", bpjs,
            Percent(m.bpjs_coverage)});
  t.AddRow({"Rencana: kuota program bulan ini", Count(m.planned_quota), Percent(m.planned_coverage)});
  if (auto target = TargetPersons(m)) {
    t.AddRow({"Target " + std::to_string(m.target->year) + " (" + m.target->region_name + ")",
              Count(*target), FormatPercent(m.target->value)});
  }
  if (m.bpu_coverage) t.AddRow({"Cakupan BPU (terhadap semesta BPU)", "", Percent(m.bpu_coverage)});
  if (auto ok = doc.AddTable(std::move(t)); !ok) return ok;

  auto change = [](const std::optional<Change>& c, std::string_view what) {
    if (!c) return std::string(what) + ": bulan pembanding belum ditetapkan.";
    return std::string(what) + " (" + Month(c->period) + ", " + Count(c->participants) +
           " peserta): " + Signed(c->delta) + " peserta.";
  };
  doc.AddParagraph(change(m.since_last_month, "Dibanding bulan lalu") + " " +
                   change(m.since_last_year, "Dibanding tahun lalu"));
  if (m.target && m.coverage) {
    const double gap = m.target->value - *m.coverage;
    std::string points = FormatPercent(gap);
    points.replace(points.size() - 2, 2, " poin persen");
    doc.AddParagraph(gap > 0 ? "Cakupan masih " + points + " di bawah target; " +
                                   Count(*TargetPersons(m) - m.totals.participants) +
                                   " orang lagi perlu menjadi peserta."
                             : "Cakupan sudah mencapai target.");
  }
  return AddChart(doc, DifferenceChart(m));
}

Status WhyTheyDiffer(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("2. Mengapa angka daftar berbeda dengan angka bersih");
  doc.AddParagraph("Daftar yang dikirim desa dan instansi memuat " + Count(m.totals.rows) +
                   " baris (cakupan " + Percent(m.reported_coverage) +
                   "); setelah verifikasi dan validasi tinggal " + Count(m.totals.persons) +
                   " orang (cakupan " + Percent(m.cleaned_coverage) + "). Selisih " +
                   Count(m.totals.rows - m.totals.persons) + " baris menurut sebabnya:");
  PdfTable t;
  t.columns = {{"Uraian", PdfWidth::Share(4)},
               {"Jumlah", PdfWidth::Mm(30), PdfAlign::kRight},
               {"Bagian selisih", PdfWidth::Mm(30), PdfAlign::kRight}};
  const std::int64_t diff = m.totals.rows - m.totals.persons;
  t.AddRow({"Baris daftar yang dikirim", Count(m.totals.rows), ""});
  for (const auto& [label, n] : DifferenceParts(m.totals.difference)) {
    t.AddRow({"dikurangi: " + label, Count(n),
              diff > 0 ? FormatPercent(static_cast<double>(n) / static_cast<double>(diff)) : "-"});
  }
  t.AddRow({"Orang setelah verval", Count(m.totals.persons), ""}, true);
  return doc.AddTable(std::move(t));
}

Status Trend(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("3. Tren bulanan");
  if (auto ok = AddChart(doc, TrendChart(m)); !ok) return ok;
  PdfTable t;
  t.style = formats::PdfTableStyle::kZebra;
  t.columns = {{"Bulan", PdfWidth::Share(2)},
               {"Baris daftar", PdfWidth::Share(1), PdfAlign::kRight},
               {"Orang", PdfWidth::Share(1), PdfAlign::kRight},
               {"Peserta", PdfWidth::Share(1), PdfAlign::kRight},
               {"Cakupan", PdfWidth::Share(1), PdfAlign::kRight}};
  for (const auto& r : m.trend)
    t.AddRow({Month(r.period), Count(r.rows), Count(r.persons), Count(r.participants),
              Percent(r.coverage)},
             r.period == m.period);
  return doc.AddTable(std::move(t));
}

Status Districts(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("4. Kecamatan");
  const bool by_coverage = DistrictsByCoverage(m);
  doc.AddParagraph(by_coverage
                       ? "Kecamatan diperingkat menurut cakupan terhadap penyebut kecamatan masing-masing."
                       : "Tidak semua kecamatan mempunyai penyebut sendiri, sehingga kecamatan "
                         "diperingkat menurut bagian orang terverifikasi yang sudah menjadi peserta.");
  if (auto ok = AddChart(doc, DistrictsChart(m)); !ok) return ok;
  PdfTable t;
  t.style = formats::PdfTableStyle::kZebra;
  t.columns = {{"No.", PdfWidth::Mm(10), PdfAlign::kRight},
               {"Kecamatan", PdfWidth::Share(2)},
               {"Baris daftar", PdfWidth::Share(1), PdfAlign::kRight},
               {"Orang", PdfWidth::Share(1), PdfAlign::kRight},
               {"Peserta", PdfWidth::Share(1), PdfAlign::kRight},
               {"Bagian tercakup", PdfWidth::Share(1.1), PdfAlign::kRight}};
  if (by_coverage) t.columns.push_back({"Cakupan", PdfWidth::Share(1), PdfAlign::kRight});
  for (const auto& d : m.districts) {
    std::vector<std::string> cells = {d.rank != 0 ? std::to_string(d.rank) : "-", d.name,
                                      Count(d.rows), Count(d.persons), Count(d.participants),
                                      Percent(d.share_covered)};
    if (by_coverage) cells.push_back(Percent(d.coverage));
    t.AddRow(std::move(cells));
  }
  std::vector<std::string> total = {"", "Jumlah", Count(m.totals.rows), Count(m.totals.persons),
                                    Count(m.totals.participants), Percent(m.totals.share_covered)};
  if (by_coverage) total.push_back(Percent(m.coverage));
  t.AddRow(std::move(total), true);
  if (auto ok = doc.AddTable(std::move(t)); !ok) return ok;

  doc.AddHeading("Celah cakupan", 2);
  if (m.gaps.empty()) {
    doc.AddParagraph("Tidak ada kecamatan dengan bagian tercakup di bawah angka kabupaten/kota.");
    return {};
  }
  doc.AddParagraph("Kecamatan dengan orang terverifikasi terbanyak yang belum menjadi peserta, "
                   "dengan bagian tercakup di bawah angka kabupaten/kota (" +
                   Percent(m.totals.share_covered) + "):");
  PdfTable gaps;
  gaps.columns = {{"Kecamatan", PdfWidth::Share(2)},
                  {"Orang", PdfWidth::Share(1), PdfAlign::kRight},
                  {"Belum peserta", PdfWidth::Share(1), PdfAlign::kRight},
                  {"Bagian tercakup", PdfWidth::Share(1), PdfAlign::kRight}};
  for (const auto& d : m.gaps)
    gaps.AddRow({d.name, Count(d.persons), Count(d.persons - d.participants),
                 Percent(d.share_covered)});
  return doc.AddTable(std::move(gaps));
}

std::string FundingShares(const ProgramFigures& p) {
  std::string out;
  for (const auto& [source, bp] : p.funding) {
    if (!out.empty()) out += ", ";
    out += source + " " + FormatPercent(bp / 10000.0, bp % 100 == 0 ? 0 : 2);
  }
  return out.empty() ? "-" : out;
}

Status Programs(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("5. Program dan sumber dana");
  if (m.programs.empty()) {
    doc.AddParagraph("Belum ada peserta dari program pada bulan ini.");
  } else {
    PdfTable t;
    t.columns = {{"Program", PdfWidth::Share(2.2)},
                 {"Kuota", PdfWidth::Share(1), PdfAlign::kRight},
                 {"Peserta", PdfWidth::Share(1), PdfAlign::kRight},
                 {"Kuota terisi", PdfWidth::Share(1), PdfAlign::kRight},
                 {"Sumber dana", PdfWidth::Share(2)}};
    for (const auto& p : m.programs)
      t.AddRow({p.name, Count(p.quota), Count(p.participants),
                Percent(p.quota > 0 ? std::optional(static_cast<double>(p.participants) /
                                                    static_cast<double>(p.quota))
                                    : std::nullopt),
                FundingShares(p)});
    if (auto ok = doc.AddTable(std::move(t)); !ok) return ok;
  }
  if (m.funding.empty()) return {};
  doc.AddParagraph("Peserta menurut sumber dana (peserta sebuah program dibagi menurut bagian "
                   "sumber dananya):");
  PdfTable f;
  f.columns = {{"Sumber dana", PdfWidth::Share(3)},
               {"Peserta", PdfWidth::Share(1), PdfAlign::kRight},
               {"Bagian", PdfWidth::Share(1), PdfAlign::kRight}};
  for (const auto& [source, n] : m.funding)
    f.AddRow({FundingLabel(source), Count(n),
              Percent(m.totals.participants > 0
                          ? std::optional(static_cast<double>(n) /
                                          static_cast<double>(m.totals.participants))
                          : std::nullopt)});
  return doc.AddTable(std::move(f));
}

void ClaimsAndBudget(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("6. Klaim dan anggaran");
  const auto& c = m.claims;
  const auto& b = m.budget;
  doc.AddKeyValues(
      {{"Klaim", Count(c.cases) + " kasus (" + Count(c.deaths) + " JKM karena meninggal dunia)"},
       {"Sudah dibayar", Count(c.paid_cases) + " kasus, " + Rupiah(c.amount_paid)},
       {"Median hari kejadian sampai dibayar",
        c.median_days_to_payment ? Count(std::llround(*c.median_days_to_payment)) + " hari"
                                 : std::string("belum ada yang dibayar")},
       {"Anggaran program tahun ini", Rupiah(b.budget)},
       {"Iuran dibayar", Rupiah(b.paid) + " (penyerapan " + Percent(b.absorption) + ")"}});
}

Status OpenProblems(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("7. Masalah yang masih terbuka");
  PdfTable t;
  t.columns = {{"Masalah", PdfWidth::Share(2.2)},
               {"Jumlah", PdfWidth::Mm(22), PdfAlign::kRight},
               {"Keterangan", PdfWidth::Share(2.5)}};
  t.AddRow({"Klaim melewati target waktu", Count(m.claims.overdue),
            m.claims.overdue > 0 ? "perlu ditindaklanjuti dengan BPJS dan ahli waris" : "-"});
  t.AddRow({"Klaim masih diproses", Count(m.claims.waiting), "-"});
  t.AddRow({"Bulan tagihan lewat jatuh tempo belum lunas", Count(m.budget.arrears_months),
            m.budget.arrears_months > 0 ? "sisa " + Rupiah(m.budget.arrears_amount) : "-"});
  std::string months;
  for (const auto& p : m.unsettled_months) months += (months.empty() ? "" : ", ") + Month(p);
  t.AddRow({"Bulan belum ditetapkan (verval)", Count(static_cast<std::int64_t>(m.unsettled_months.size())),
            months.empty() ? "-" : months});
  return doc.AddTable(std::move(t));
}

Status Sources(formats::PdfDocument& doc, const RegencyMonev& m) {
  doc.AddHeading("8. Sumber data");
  doc.AddKeyValues(
      {{"Daftar peserta", "verifikasi dan validasi " + Month(m.period) + ", versi " +
                              std::to_string(m.version) + ", ditetapkan " + WibDate(m.settled_at)},
       {"Peserta", "kepesertaan program menurut jawaban BPJS Ketenagakerjaan, dihitung ulang bila "
                   "kepesertaan berubah setelah bulan ditetapkan"},
       {"Target", m.target ? FormatPercent(m.target->value) + ", " + m.target->region_name + " " +
                                 std::to_string(m.target->year) +
                                 (m.target->source.empty() ? "" : " (" + m.target->source + ")")
                           : "belum ditetapkan"}});
  PdfTable t;
  t.columns = {{"Penyebut", PdfWidth::Share(2)},
               {"Tahun", PdfWidth::Mm(14), PdfAlign::kRight},
               {"Jumlah (orang)", PdfWidth::Mm(28), PdfAlign::kRight},
               {"Sumber", PdfWidth::Share(2)},
               {"Tanggal sumber", PdfWidth::Mm(30)}};
  for (const auto& d : m.denominators) {
    const auto day = domain::ParseIsoDate(d.source_date);
    t.AddRow({d.label, std::to_string(d.year), Count(d.value), d.source,
              day ? domain::FormatDateIndonesian(*day) : "-"},
             m.denominator && d.name == m.denominator->name);
  }
  if (m.denominators.empty()) t.AddRow({"Belum ada penyebut", "-", "-", "-", "-"});
  if (auto ok = doc.AddTable(std::move(t)); !ok) return ok;
  if (m.denominator)
    doc.AddParagraph("Penyebut yang dipakai untuk cakupan dicetak tebal. Angka resmi biasanya "
                     "terbit setahun kemudian; bila tahun " +
                     std::to_string(domain::Period::Parse(m.period)->year()) +
                     " belum ada, dipakai tahun terakhir sebelumnya.");
  return {};
}

// --- xlsx -------------------------------------------------------------------------------------

void NumberOr(formats::XlsxWriter& x, const std::optional<double>& v) {
  if (v) {
    x.Number(*v);
  } else {
    x.Empty();
  }
}

}  // namespace

std::string FormatPercent(double fraction, int decimals) {
  // Half away from zero on the decimal figure people read: 0.0125 is "1,3 %", though
  // 0.0125 * 100 is 1.2499999999999998 in binary.
  const int places = std::clamp(decimals, 0, 6);
  const double scale = std::pow(10.0, places);
  const double scaled = fraction * 100.0 * scale;
  const double rounded = std::round(scaled + (scaled >= 0 ? 1e-7 : -1e-7)) / scale;
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", places, rounded);
  std::string s(text);
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  std::ranges::replace(s, '.', ',');
  return s + " %";
}

const std::vector<std::string_view>& RegencyChartNames() {
  static const std::vector<std::string_view> names = {"difference", "trend", "districts"};
  return names;
}

const std::vector<std::string_view>& ProvinceChartNames() {
  static const std::vector<std::string_view> names = {"ranking"};
  return names;
}

Result<std::string> RegencyChartPng(const RegencyMonev& m, std::string_view chart) {
  if (auto ok = NeedsSettledMonth(m); !ok) return Fail(ok.error());
  if (chart == "difference") return formats::RenderChartPng(DifferenceChart(m));
  if (chart == "trend") return formats::RenderChartPng(TrendChart(m));
  if (chart == "districts") return formats::RenderChartPng(DistrictsChart(m));
  return Fail(Error::NotFound("Grafik tidak dikenal: " + std::string(chart) +
                              " (difference, trend, districts)"));
}

Result<std::string> ProvinceChartPng(const ProvinceMonev& p, std::string_view chart) {
  if (chart != "ranking")
    return Fail(Error::NotFound("Grafik tidak dikenal: " + std::string(chart) + " (ranking)"));
  if (std::ranges::none_of(p.regencies, [](const RegencyRow& r) { return r.rank != 0; }))
    return Fail(Error::FailedPrecondition("Belum ada kabupaten/kota dengan angka cakupan untuk " +
                                          Month(p.period)));
  return formats::RenderChartPng(RankingChart(p));
}

Result<std::string> RegencyReportPdf(const RegencyMonev& m, TimePoint made_at) {
  if (auto ok = NeedsSettledMonth(m); !ok) return Fail(ok.error());
  auto created = formats::PdfDocument::Create(
      "laporan-monev.pdf",
      Options("Laporan Monitoring dan Evaluasi " + m.regency_name + " " + Month(m.period),
              "Dinas Tenaga Kerja " + m.regency_name,
              m.regency_name + " · monev " + Month(m.period), made_at));
  if (!created) return Fail(std::move(created.error()));
  formats::PdfDocument& doc = *created;
  Cover(doc, m, made_at);
  for (auto part : {Summary, WhyTheyDiffer, Trend, Districts, Programs}) {
    if (auto ok = part(doc, m); !ok) return Fail(ok.error());
  }
  ClaimsAndBudget(doc, m);
  for (auto part : {OpenProblems, Sources}) {
    if (auto ok = part(doc, m); !ok) return Fail(ok.error());
  }
  doc.AddSpace(8);
  formats::PdfSignatures signatures;
  signatures.place_date = PlaceOf(m.regency_name) + ", " + WibDate(made_at);
  signatures.signers = {{"", "Kepala Dinas Tenaga Kerja\n" + m.regency_name,
                         "(...............................)", "NIP. ..............................."}};
  if (auto ok = doc.AddSignatures(std::move(signatures)); !ok) return Fail(ok.error());
  return doc.Render();
}

Status RegencyReportXlsx(const RegencyMonev& m, TimePoint made_at, const std::filesystem::path& out) {
  if (auto ok = NeedsSettledMonth(m); !ok) return ok;
  auto file = formats::XlsxWriter::Create(out.string());
  if (!file) return Fail(std::move(file.error()));
  formats::XlsxWriter& x = *file;

  if (auto ok = x.AddSheet("Ringkasan", {{"Uraian", K::kText, 48},
                                         {"Jumlah", K::kNumber, 14, kCountFormat},
                                         {"Persen", K::kNumber, 12, kPercentFormat},
                                         {"Keterangan", K::kText, 60}});
      !ok)
    return ok;
  auto text = [&](std::string_view label, std::string_view value) {
    x.Text(label).Empty().Empty().Text(value);
    x.EndRow();
  };
  auto figure = [&](std::string_view label, std::optional<double> n, std::optional<double> pct,
                    std::string_view note = "") {
    x.Text(label);
    NumberOr(x, n);
    NumberOr(x, pct);
    x.Text(note);
    x.EndRow();
  };
  text("Kabupaten/kota", m.regency_name + " (" + m.regency_code + ")");
  text("Bulan data", Month(m.period));
  text("Versi daftar", std::to_string(m.version) + ", ditetapkan " + WibDate(m.settled_at));
  text("Keadaan data per", WibDate(made_at));
  text("Penyebut", m.denominator ? DenominatorLine(*m.denominator) : "belum ada");
  const auto n = [](std::int64_t v) { return std::optional(static_cast<double>(v)); };
  figure("Baris daftar yang dikirim", n(m.totals.rows), m.reported_coverage, "angka laporan");
  figure("Orang setelah verval", n(m.totals.persons), m.cleaned_coverage, "angka bersih");
  for (const auto& [label, v] : DifferenceParts(m.totals.difference))
    figure("Selisih: " + label, n(v), std::nullopt);
  figure("Peserta", n(m.totals.participants), m.coverage, "cakupan");
  figure("Peserta menurut BPJS", m.totals.weighted, m.bpjs_coverage,
         "penuh setelah 6 bulan iuran lunas, sebagian sebelumnya");
  figure("Rencana (kuota program)", n(m.planned_quota), m.planned_coverage);
  if (m.target) {
    const auto target = TargetPersons(m);
    figure("Target", target ? n(*target) : std::nullopt, m.target->value,
           m.target->region_name + " " + std::to_string(m.target->year) +
               (m.target->source.empty() ? "" : ", " + m.target->source));
  }
  if (m.bpu_coverage) figure("Cakupan BPU", std::nullopt, m.bpu_coverage, "terhadap semesta BPU");
  if (m.since_last_month)
    figure("Perubahan peserta sejak " + Month(m.since_last_month->period),
           n(m.since_last_month->delta), std::nullopt);
  if (m.since_last_year)
    figure("Perubahan peserta sejak " + Month(m.since_last_year->period),
           n(m.since_last_year->delta), std::nullopt);

  if (auto ok = x.AddSheet("Tren", {{"Periode", K::kText, 10},
                                    {"Bulan", K::kText, 16},
                                    {"Baris daftar", K::kInteger, 14, kCountFormat},
                                    {"Orang", K::kInteger, 12, kCountFormat},
                                    {"Peserta", K::kInteger, 12, kCountFormat},
                                    {"Cakupan", K::kNumber, 12, kPercentFormat}});
      !ok)
    return ok;
  for (const auto& t : m.trend) {
    x.Text(t.period).Text(Month(t.period)).Integer(t.rows).Integer(t.persons).Integer(t.participants);
    NumberOr(x, t.coverage);
    x.EndRow();
  }

  if (auto ok = x.AddSheet("Kecamatan", {{"Peringkat", K::kInteger, 10},
                                         {"Kode", K::kText, 10},
                                         {"Kecamatan", K::kText, 24},
                                         {"Baris daftar", K::kInteger, 12, kCountFormat},
                                         {"Orang", K::kInteger, 12, kCountFormat},
                                         {"Peserta", K::kInteger, 12, kCountFormat},
                                         {"Bagian tercakup", K::kNumber, 14, kPercentFormat},
                                         {"Penyebut", K::kInteger, 12, kCountFormat},
                                         {"Cakupan", K::kNumber, 12, kPercentFormat},
                                         {"Data ganda", K::kInteger, 11},
                                         {"Kab/kota lain", K::kInteger, 12},
                                         {"Meninggal", K::kInteger, 11},
                                         {"Tidak memenuhi syarat", K::kInteger, 12},
                                         {"Lainnya", K::kInteger, 10},
                                         {"Celah cakupan", K::kText, 12}});
      !ok)
    return ok;
  for (const auto& d : m.districts) {
    if (d.rank != 0) {
      x.Integer(d.rank);
    } else {
      x.Empty();
    }
    x.Text(d.code).Text(d.name).Integer(d.rows).Integer(d.persons).Integer(d.participants);
    NumberOr(x, d.share_covered);
    if (d.denominator) {
      x.Integer(d.denominator->value);
    } else {
      x.Empty();
    }
    NumberOr(x, d.coverage);
    const auto& f = d.difference;
    x.Integer(f.duplicates).Integer(f.other_regency).Integer(f.died).Integer(f.ineligible);
    x.Integer(f.other_removed);
    x.Text(std::ranges::find(m.gaps, d.code, &AreaFigures::code) != m.gaps.end() ? "ya" : "");
    x.EndRow();
  }

  if (auto ok = x.AddSheet("Program", {{"Program", K::kText, 32},
                                       {"Kuota", K::kInteger, 12, kCountFormat},
                                       {"Peserta", K::kInteger, 12, kCountFormat},
                                       {"Peserta menurut BPJS", K::kNumber, 14, "#,##0.0"},
                                       {"Sumber dana", K::kText, 32}});
      !ok)
    return ok;
  for (const auto& p : m.programs) {
    x.Text(p.name).Integer(p.quota).Integer(p.participants).Number(p.weighted).Text(FundingShares(p));
    x.EndRow();
  }

  if (auto ok = x.AddSheet("Sumber dana", {{"Kode", K::kText, 12},
                                           {"Sumber dana", K::kText, 44},
                                           {"Peserta", K::kInteger, 12, kCountFormat}});
      !ok)
    return ok;
  for (const auto& [source, count] : m.funding) {
    x.Text(source).Text(FundingLabel(source)).Integer(count);
    x.EndRow();
  }

  if (auto ok = x.AddSheet("Masalah", {{"Masalah", K::kText, 44},
                                       {"Jumlah", K::kInteger, 10},
                                       {"Nilai (Rp)", K::kInteger, 16, kCountFormat},
                                       {"Keterangan", K::kText, 40}});
      !ok)
    return ok;
  x.Text("Klaim melewati target waktu").Integer(m.claims.overdue).Empty().Text("");
  x.EndRow();
  x.Text("Klaim masih diproses").Integer(m.claims.waiting).Empty().Text("");
  x.EndRow();
  x.Text("Bulan tagihan lewat jatuh tempo belum lunas")
      .Integer(m.budget.arrears_months)
      .Integer(m.budget.arrears_amount)
      .Text("");
  x.EndRow();
  x.Text("Bulan belum ditetapkan (verval)")
      .Integer(static_cast<std::int64_t>(m.unsettled_months.size()))
      .Empty()
      .Text("");
  x.EndRow();
  for (const auto& p : m.unsettled_months) {
    x.Text("Bulan belum ditetapkan").Integer(1).Empty().Text(Month(p));
    x.EndRow();
  }

  if (auto ok = x.AddSheet("Sumber data", {{"Data", K::kText, 20},
                                           {"Wilayah", K::kText, 24},
                                           {"Nama", K::kText, 40},
                                           {"Tahun", K::kInteger, 8},
                                           {"Jumlah", K::kInteger, 14, kCountFormat},
                                           {"Persen", K::kNumber, 10, kPercentFormat},
                                           {"Sumber", K::kText, 36},
                                           {"Tanggal sumber", K::kText, 14},
                                           {"Dipakai", K::kText, 10}});
      !ok)
    return ok;
  for (const auto& d : m.denominators) {
    x.Text("Penyebut").Text(d.region_name).Text(d.label).Integer(d.year).Integer(d.value).Empty();
    x.Text(d.source).Text(d.source_date);
    x.Text(m.denominator && m.denominator->name == d.name ? "ya" : "");
    x.EndRow();
  }
  if (m.target) {
    x.Text("Target").Text(m.target->region_name).Text("Target cakupan").Integer(m.target->year);
    x.Empty().Number(m.target->value).Text(m.target->source).Text("").Text("ya");
    x.EndRow();
  }
  x.Text("Daftar peserta").Text(m.regency_name).Text("Verval " + Month(m.period) + ", versi " +
                                                      std::to_string(m.version));
  x.Empty().Empty().Empty().Text("ditetapkan " + WibDate(m.settled_at));
  x.Text(domain::FormatIsoDate(WibDay(m.settled_at))).Text("ya");
  x.EndRow();
  return x.Close();
}

// --- province -------------------------------------------------------------------------------

Result<std::string> ProvinceReportPdf(const ProvinceMonev& p, TimePoint made_at) {
  auto created = formats::PdfDocument::Create(
      "laporan-monev-provinsi.pdf",
      Options("Laporan Monitoring dan Evaluasi Provinsi " + p.name + " " + Month(p.period),
              "Dinas Tenaga Kerja Provinsi " + p.name, p.name + " · monev " + Month(p.period),
              made_at));
  if (!created) return Fail(std::move(created.error()));
  formats::PdfDocument& doc = *created;
  doc.AddLetterhead({"", 24, {"PEMERINTAH PROVINSI " + Upper(p.name), "DINAS TENAGA KERJA"}, {}});
  doc.AddTitle("LAPORAN MONITORING DAN EVALUASI\nKEPESERTAAN PEKERJA RENTAN KABUPATEN/KOTA");
  doc.AddParagraph("Bulan " + Month(p.period) + " · keadaan data per " + WibDate(made_at),
                   PdfAlign::kCenter);
  doc.AddSpace(4);
  int ranked = 0;
  for (const auto& r : p.regencies) ranked += r.rank != 0 ? 1 : 0;
  std::vector<formats::PdfKeyValue> summary = {
      {"Provinsi", p.name + " (" + p.code + ")"},
      {"Kabupaten/kota dengan angka",
       std::to_string(ranked) + " dari " + std::to_string(p.regencies.size())},
      {"Orang setelah verval", Count(p.persons) + " orang"},
      {"Peserta", Count(p.participants) + " orang"},
      {"Penyebut", p.denominator ? DenominatorLine(*p.denominator) : "belum ada"}};
  if (p.denominator && !p.without_denominator.empty())
    summary.push_back({"Dihitung dalam cakupan", PartialDenominatorNote(p)});
  doc.AddKeyValues(std::move(summary));
  doc.AddKeyValues(
      {{"Cakupan", Percent(p.coverage)},
       {"Terdaftar di dua kabupaten/kota", Count(p.overlap_persons) + " orang"},
       {"Cakupan setelah dikurangi tumpang tindih", Percent(p.coverage_after_overlap)},
       {"Target", p.target ? FormatPercent(p.target->value) + " (" + p.target->region_name + " " +
                                 std::to_string(p.target->year) + ")"
                           : "belum ditetapkan"}});

  doc.AddHeading("1. Peringkat cakupan");
  if (ranked > 0) {
    if (auto ok = AddChart(doc, RankingChart(p)); !ok) return Fail(ok.error());
  }
  PdfTable t;
  t.style = formats::PdfTableStyle::kZebra;
  t.font_size_pt = 8;
  t.columns = {{"No.", PdfWidth::Mm(9), PdfAlign::kRight},
               {"Kabupaten/kota", PdfWidth::Share(2.5)},
               {"Bulan", PdfWidth::Mm(25)},
               {"Orang", PdfWidth::Share(1), PdfAlign::kRight},
               {"Peserta", PdfWidth::Share(1), PdfAlign::kRight},
               {"Cakupan", PdfWidth::Share(1), PdfAlign::kRight},
               {"Rencana", PdfWidth::Share(1), PdfAlign::kRight},
               {"Per. rencana", PdfWidth::Mm(16), PdfAlign::kRight},
               {"Target", PdfWidth::Share(0.9), PdfAlign::kRight}};
  for (const auto& r : p.regencies) {
    t.AddRow({r.rank != 0 ? std::to_string(r.rank) : "-", r.name,
              r.period.empty() ? "belum ada" : Month(r.period), Count(r.persons),
              Count(r.participants), Percent(r.coverage), Percent(r.planned_coverage),
              r.planned_rank != 0 ? std::to_string(r.planned_rank) : "-", Percent(r.target)});
  }
  if (auto ok = doc.AddTable(std::move(t)); !ok) return Fail(ok.error());
  doc.AddParagraph("Rencana: kuota program yang berjalan pada bulan itu terhadap penyebut; "
                   "peringkat rencana memakai rencana atau angka aktual bila lebih tinggi.");

  doc.AddHeading("2. Angka daftar dan angka bersih");
  PdfTable d;
  d.font_size_pt = 8;
  d.columns = {{"Kabupaten/kota", PdfWidth::Share(2.2)},
               {"Baris daftar", PdfWidth::Share(1), PdfAlign::kRight},
               {"Data ganda", PdfWidth::Share(1), PdfAlign::kRight},
               {"Kab/kota lain", PdfWidth::Share(1), PdfAlign::kRight},
               {"Meninggal", PdfWidth::Share(1), PdfAlign::kRight},
               {"Tidak memenuhi syarat", PdfWidth::Share(1.1), PdfAlign::kRight},
               {"Lainnya", PdfWidth::Share(0.9), PdfAlign::kRight},
               {"Orang", PdfWidth::Share(1), PdfAlign::kRight}};
  for (const auto& r : p.regencies) {
    if (r.period.empty()) continue;
    const auto& f = r.difference;
    d.AddRow({r.name, Count(r.rows), Count(f.duplicates), Count(f.other_regency), Count(f.died),
              Count(f.ineligible), Count(f.other_removed), Count(r.persons)});
  }
  if (d.rows.empty()) d.AddRow({"Belum ada bulan yang ditetapkan", "", "", "", "", "", "", ""});
  if (auto ok = doc.AddTable(std::move(d)); !ok) return Fail(ok.error());

  doc.AddHeading("3. Terdaftar di dua kabupaten/kota");
  if (p.overlaps.empty()) {
    doc.AddParagraph("Tidak ada orang yang tercatat pada daftar dua kabupaten/kota.");
  } else {
    doc.AddParagraph("Jumlah orang saja, tanpa data perorangan: yang lebih kecil dari hitungan "
                     "kedua kabupaten/kota satu sama lain.");
    PdfTable o;
    o.columns = {{"Kabupaten/kota", PdfWidth::Share(2)},
                 {"Kabupaten/kota", PdfWidth::Share(2)},
                 {"Orang", PdfWidth::Share(1), PdfAlign::kRight}};
    auto name = [&](const std::string& code) {
      const auto it = std::ranges::find(p.regencies, code, &RegencyRow::code);
      return it != p.regencies.end() ? it->name : code;
    };
    for (const auto& pair : p.overlaps) o.AddRow({name(pair.a), name(pair.b), Count(pair.persons)});
    o.AddRow({"Jumlah", "", Count(p.overlap_persons)}, true);
    if (auto ok = doc.AddTable(std::move(o)); !ok) return Fail(ok.error());
  }

  doc.AddHeading("4. Sumber data: penyebut tiap kabupaten/kota");
  PdfTable s;
  s.font_size_pt = 8;
  s.columns = {{"Kabupaten/kota", PdfWidth::Share(2)},
               {"Penyebut", PdfWidth::Share(2)},
               {"Tahun", PdfWidth::Mm(12), PdfAlign::kRight},
               {"Jumlah", PdfWidth::Share(1), PdfAlign::kRight},
               {"Sumber", PdfWidth::Share(2.2)}};
  for (const auto& r : p.regencies) {
    if (!r.denominator) continue;
    s.AddRow({r.name, r.denominator->label, std::to_string(r.denominator->year),
              Count(r.denominator->value), r.denominator->source});
  }
  if (s.rows.empty()) s.AddRow({"Belum ada penyebut", "", "", "", ""});
  if (auto ok = doc.AddTable(std::move(s)); !ok) return Fail(ok.error());
  return doc.Render();
}

Status ProvinceReportXlsx(const ProvinceMonev& p, TimePoint made_at,
                          const std::filesystem::path& out) {
  auto file = formats::XlsxWriter::Create(out.string());
  if (!file) return Fail(std::move(file.error()));
  formats::XlsxWriter& x = *file;
  if (auto ok = x.AddSheet("Ringkasan", {{"Uraian", K::kText, 44},
                                         {"Jumlah", K::kNumber, 14, kCountFormat},
                                         {"Persen", K::kNumber, 12, kPercentFormat},
                                         {"Keterangan", K::kText, 60}});
      !ok)
    return ok;
  auto row = [&](std::string_view label, std::optional<double> n, std::optional<double> pct,
                 std::string_view note) {
    x.Text(label);
    NumberOr(x, n);
    NumberOr(x, pct);
    x.Text(note);
    x.EndRow();
  };
  row("Provinsi", std::nullopt, std::nullopt, p.name + " (" + p.code + ")");
  row("Bulan data", std::nullopt, std::nullopt, Month(p.period));
  row("Keadaan data per", std::nullopt, std::nullopt, WibDate(made_at));
  row("Orang setelah verval", static_cast<double>(p.persons), std::nullopt, "");
  row("Peserta", static_cast<double>(p.participants), std::nullopt, "");
  row("Peserta yang dihitung dalam cakupan", static_cast<double>(p.participants_counted),
      p.coverage,
      !p.denominator                  ? std::string("penyebut belum ada")
      : p.without_denominator.empty() ? DenominatorLine(*p.denominator)
                                      : DenominatorLine(*p.denominator) + "; " +
                                            PartialDenominatorNote(p));
  row("Terdaftar di dua kabupaten/kota", static_cast<double>(p.overlap_persons), std::nullopt, "");
  row("Cakupan setelah dikurangi tumpang tindih",
      static_cast<double>(std::max<std::int64_t>(p.participants_counted - p.overlap_persons, 0)),
      p.coverage_after_overlap, "");
  if (p.target)
    row("Target", std::nullopt, p.target->value,
        p.target->region_name + " " + std::to_string(p.target->year) +
            (p.target->source.empty() ? "" : ", " + p.target->source));

  if (auto ok = x.AddSheet("Peringkat", {{"Peringkat", K::kInteger, 10},
                                         {"Peringkat rencana", K::kInteger, 10},
                                         {"Kode", K::kText, 8},
                                         {"Kabupaten/kota", K::kText, 26},
                                         {"Bulan", K::kText, 10},
                                         {"Baris daftar", K::kInteger, 12, kCountFormat},
                                         {"Orang", K::kInteger, 12, kCountFormat},
                                         {"Peserta", K::kInteger, 12, kCountFormat},
                                         {"Cakupan", K::kNumber, 11, kPercentFormat},
                                         {"Kuota rencana", K::kInteger, 12, kCountFormat},
                                         {"Cakupan rencana", K::kNumber, 11, kPercentFormat},
                                         {"Target", K::kNumber, 10, kPercentFormat},
                                         {"Data ganda", K::kInteger, 10},
                                         {"Kab/kota lain", K::kInteger, 10},
                                         {"Meninggal", K::kInteger, 10},
                                         {"Tidak memenuhi syarat", K::kInteger, 10},
                                         {"Lainnya", K::kInteger, 10},
                                         {"Penyebut", K::kText, 30},
                                         {"Tahun penyebut", K::kInteger, 8},
                                         {"Nilai penyebut", K::kInteger, 14, kCountFormat},
                                         {"Sumber penyebut", K::kText, 32}});
      !ok)
    return ok;
  for (const auto& r : p.regencies) {
    auto rank = [&](int v) {
      if (v != 0) {
        x.Integer(v);
      } else {
        x.Empty();
      }
    };
    rank(r.rank);
    rank(r.planned_rank);
    x.Text(r.code).Text(r.name).Text(r.period).Integer(r.rows).Integer(r.persons);
    x.Integer(r.participants);
    NumberOr(x, r.coverage);
    x.Integer(r.planned_quota);
    NumberOr(x, r.planned_coverage);
    NumberOr(x, r.target);
    const auto& f = r.difference;
    x.Integer(f.duplicates).Integer(f.other_regency).Integer(f.died).Integer(f.ineligible);
    x.Integer(f.other_removed);
    if (r.denominator) {
      x.Text(r.denominator->label).Integer(r.denominator->year).Integer(r.denominator->value);
      x.Text(r.denominator->source);
    } else {
      x.Empty().Empty().Empty().Empty();
    }
    x.EndRow();
  }

  if (auto ok = x.AddSheet("Tumpang tindih", {{"Kode A", K::kText, 8},
                                              {"Kabupaten/kota A", K::kText, 26},
                                              {"Kode B", K::kText, 8},
                                              {"Kabupaten/kota B", K::kText, 26},
                                              {"Orang", K::kInteger, 10, kCountFormat}});
      !ok)
    return ok;
  auto name = [&](const std::string& code) {
    const auto it = std::ranges::find(p.regencies, code, &RegencyRow::code);
    return it != p.regencies.end() ? it->name : code;
  };
  for (const auto& o : p.overlaps) {
    x.Text(o.a).Text(name(o.a)).Text(o.b).Text(name(o.b)).Integer(o.persons);
    x.EndRow();
  }
  return x.Close();
}

// --- MonevService: the report for a caller ----------------------------------------------------

namespace {

// The figures of a regency's month for someone who may read its reports.
Result<RegencyMonev> ForReport(MonevService& monev, std::string_view regency,
                               std::string_view period, const Actor& actor) {
  auto m = monev.Regency(regency, period, actor);  // NotFound outside the caller's scope
  if (!m) return Fail(std::move(m.error()));
  if (auto ok = enrolment::Require(actor, auth::Permission::kViewReports, regency,
                                   "mengunduh laporan monev");
      !ok)
    return Fail(ok.error());
  return m;
}

Result<ProvinceMonev> ProvinceForReport(MonevService& monev, std::string_view province,
                                        std::string_view period, const Actor& actor) {
  auto p = monev.Province(province, period, actor);
  if (!p) return Fail(std::move(p.error()));
  if (std::ranges::none_of(p->regencies, [&](const RegencyRow& r) {
        return enrolment::Allowed(actor, auth::Permission::kViewReports, r.code);
      }))
    return Fail(Error::PermissionDenied("Tidak berwenang mengunduh laporan monev provinsi"));
  return p;
}

}  // namespace

Result<std::string> MonevService::RegencyPdf(std::string_view regency, std::string_view period,
                                             const Actor& actor) {
  auto m = ForReport(*this, regency, period, actor);
  if (!m) return Fail(std::move(m.error()));
  return RegencyReportPdf(*m, clock_.Now());
}

Status MonevService::RegencyXlsx(std::string_view regency, std::string_view period,
                                 const std::filesystem::path& out, const Actor& actor) {
  auto m = ForReport(*this, regency, period, actor);
  if (!m) return Fail(std::move(m.error()));
  return RegencyReportXlsx(*m, clock_.Now(), out);
}

Result<std::string> MonevService::RegencyChart(std::string_view regency, std::string_view period,
                                               std::string_view chart, const Actor& actor) {
  auto m = ForReport(*this, regency, period, actor);
  if (!m) return Fail(std::move(m.error()));
  return RegencyChartPng(*m, chart);
}

Result<std::string> MonevService::ProvincePdf(std::string_view province, std::string_view period,
                                              const Actor& actor) {
  auto p = ProvinceForReport(*this, province, period, actor);
  if (!p) return Fail(std::move(p.error()));
  return ProvinceReportPdf(*p, clock_.Now());
}

Status MonevService::ProvinceXlsx(std::string_view province, std::string_view period,
                                  const std::filesystem::path& out, const Actor& actor) {
  auto p = ProvinceForReport(*this, province, period, actor);
  if (!p) return Fail(std::move(p.error()));
  return ProvinceReportXlsx(*p, clock_.Now(), out);
}

Result<std::string> MonevService::ProvinceChart(std::string_view province, std::string_view period,
                                                std::string_view chart, const Actor& actor) {
  auto p = ProvinceForReport(*this, province, period, actor);
  if (!p) return Fail(std::move(p.error()));
  return ProvinceChartPng(*p, chart);
}

}  // namespace jaring::services
