#include "services/verval_minutes.hpp"

#include "domain/date_format.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"
#include "formats/pdf_document.hpp"

namespace jaring::services {
namespace {

std::string Count(std::uint64_t n) { return domain::FormatThousands(static_cast<std::int64_t>(n)); }

std::string_view WeekdayIndonesian(std::chrono::sys_days day) {
  static constexpr std::string_view kDays[] = {"Minggu", "Senin", "Selasa", "Rabu",
                                               "Kamis",  "Jumat", "Sabtu"};
  return kDays[std::chrono::weekday(day).c_encoding()];
}

void PeopleTable(formats::PdfDocument& doc, const std::vector<MinutesPerson>& people,
                 bool with_reason, std::size_t max_names) {
  formats::PdfTable table;
  table.style = formats::PdfTableStyle::kZebra;
  table.columns = {{"No.", formats::PdfWidth::Mm(12), formats::PdfAlign::kRight},
                   {"Nama", formats::PdfWidth::Share(3)},
                   {"Desa/kelurahan", formats::PdfWidth::Share(2)},
                   {"ID sumber", formats::PdfWidth::Share(1.3)}};
  if (with_reason) table.columns.push_back({"Alasan", formats::PdfWidth::Share(2)});
  const std::size_t shown = std::min(people.size(), max_names);
  for (std::size_t i = 0; i < shown; ++i) {
    const MinutesPerson& p = people[i];
    std::vector<std::string> cells = {std::to_string(i + 1), p.name, p.village, p.source_id};
    if (with_reason) cells.push_back(p.reason);
    table.AddRow(std::move(cells));
  }
  (void)doc.AddTable(std::move(table));  // an error is kept for Render
  if (people.size() > shown) {
    doc.AddParagraph("… dan " + Count(people.size() - shown) +
                     " orang lainnya (rincian lengkap pada lampiran .xlsx).");
  }
}

}  // namespace

std::string PlaceOf(std::string_view regency_name) {
  for (std::string_view prefix : {"Kabupaten ", "Kota "}) {
    if (regency_name.starts_with(prefix)) return std::string(regency_name.substr(prefix.size()));
  }
  return std::string(regency_name);
}

std::string_view KindLabel(std::string_view kind) {
  if (kind == "duplicate") return "Data ganda";
  if (kind == "other_regency") return "Terdaftar di kabupaten/kota lain";
  if (kind == "died") return "Meninggal dunia";
  if (kind == "member_wage") return "Sudah peserta penerima upah (PU)";
  if (kind == "member_other") return "Sudah peserta BPU dari pihak lain";
  if (kind == "invalid_nik") return "NIK tidak sah";
  if (kind == "nik_mismatch") return "NIK tidak sesuai tanggal lahir/jenis kelamin";
  if (kind == "age") return "Di luar batas umur";
  if (kind == "domicile") return "Berdomisili di luar kabupaten/kota";
  if (kind == "changed") return "Perubahan sejak bulan lalu";
  if (kind == "removed") return "Dikeluarkan";
  return kind;
}

std::string_view StateLabel(std::string_view state) {
  if (state == "accepted") return "diterima";
  if (state == "rejected") return "ditolak";
  if (state == "deferred") return "ditunda";
  return "belum diputuskan";
}

Result<std::string> RenderMinutes(const MinutesContent& c, std::size_t max_names) {
  auto period = domain::Period::Parse(c.period);
  if (!period) return Fail(period.error());
  const auto day = std::chrono::floor<std::chrono::days>(c.settled_at);
  const std::string date = domain::FormatDateIndonesian(std::chrono::year_month_day(day));

  formats::PdfOptions options;
  options.metadata.title = "Berita Acara Verifikasi dan Validasi " + period->ToIndonesian();
  options.metadata.author = "Dinas Tenaga Kerja " + c.regency_name;
  options.metadata.subject = "Verifikasi dan validasi data pekerja rentan";
  options.metadata.created = c.settled_at;
  options.running.header_on_first_page = false;
  options.running.header_right = c.regency_name + " · " + period->ToIndonesian();
  auto created = formats::PdfDocument::Create("berita-acara.pdf", options);
  if (!created) return Fail(std::move(created.error()));
  formats::PdfDocument& doc = *created;

  std::string upper = c.regency_name;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  doc.AddLetterhead({"", 24, {"PEMERINTAH " + upper, "DINAS TENAGA KERJA"}, {}});
  doc.AddTitle("BERITA ACARA\nVERIFIKASI DAN VALIDASI DATA PEKERJA RENTAN");
  doc.AddParagraph("Periode " + period->ToIndonesian() + " · versi " + std::to_string(c.version),
                   formats::PdfAlign::kCenter);
  doc.AddSpace(4);
  doc.AddParagraph("Pada hari ini, " + std::string(WeekdayIndonesian(day)) + " tanggal " + date +
                   ", telah diselesaikan verifikasi dan validasi bulanan data pekerja rentan "
                   "penerima bantuan iuran BPJS Ketenagakerjaan " +
                   c.regency_name + " untuk periode " + period->ToIndonesian() +
                   ". Daftar peserta bulan ini ditetapkan sebagaimana diuraikan di bawah ini.");
  doc.AddKeyValues({{"Kabupaten/kota", c.regency_name},
                    {"Periode", period->ToIndonesian()},
                    {"Versi daftar", std::to_string(c.version)},
                    {"Ditetapkan", date + " oleh " + c.settled_by},
                    {"Jumlah peserta", Count(c.counts.end) + " orang"},
                    {"Sidik daftar (BLAKE2b)", c.list_checksum}});

  doc.AddHeading("1. Sumber data");
  formats::PdfTable sources;
  sources.columns = {{"Jenis", formats::PdfWidth::Share(2)},
                     {"Berkas", formats::PdfWidth::Share(2.4)},
                     {"Diimpor", formats::PdfWidth::Share(1.4)},
                     {"Baris", formats::PdfWidth::Mm(16), formats::PdfAlign::kRight},
                     {"Sidik berkas", formats::PdfWidth::Share(1.6)}};
  for (const MinutesSource& s : c.sources) {
    sources.AddRow({s.kind, s.file_name, s.imported, Count(s.rows), s.checksum.substr(0, 16)});
  }
  if (c.sources.empty()) sources.AddRow({"Register pekerja", "-", "-", Count(c.counts.end), "-"});
  if (auto ok = doc.AddTable(std::move(sources)); !ok) return Fail(ok.error());

  doc.AddHeading("2. Rekapitulasi");
  formats::PdfTable counts;
  counts.columns = {{"Uraian", formats::PdfWidth::Share(4)},
                    {"Jumlah (orang)", formats::PdfWidth::Share(1), formats::PdfAlign::kRight}};
  counts.AddRow({"Jumlah peserta bulan sebelumnya", Count(c.counts.start)});
  counts.AddRow({"Ditambahkan", Count(c.counts.added)});
  std::uint64_t removed = 0;
  for (const auto& [reason, n] : c.counts.removed) {
    counts.AddRow({"Dikeluarkan: " + std::string(KindLabel(reason)), Count(n)});
    removed += n;
  }
  counts.AddRow({"Jumlah dikeluarkan", Count(removed)});
  counts.AddRow({"Jumlah peserta ditetapkan", Count(c.counts.end)}, /*bold=*/true);
  if (auto ok = doc.AddTable(std::move(counts)); !ok) return Fail(ok.error());

  doc.AddHeading("3. Temuan dan keputusan");
  formats::PdfTable findings;
  findings.columns = {{"Jenis temuan", formats::PdfWidth::Share(3)},
                      {"Diterima", formats::PdfWidth::Share(1), formats::PdfAlign::kRight},
                      {"Ditolak", formats::PdfWidth::Share(1), formats::PdfAlign::kRight},
                      {"Ditunda", formats::PdfWidth::Share(1), formats::PdfAlign::kRight},
                      {"Jumlah", formats::PdfWidth::Share(1), formats::PdfAlign::kRight}};
  for (const auto& [kind, states] : c.findings) {
    auto n = [&](const char* state) {
      const auto it = states.find(state);
      return it == states.end() ? 0 : it->second;
    };
    findings.AddRow({std::string(KindLabel(kind)), Count(n("accepted")), Count(n("rejected")),
                     Count(n("deferred")),
                     Count(n("accepted") + n("rejected") + n("deferred") + n("open"))});
  }
  if (c.findings.empty()) findings.AddRow({"Tidak ada temuan", "0", "0", "0", "0"});
  if (auto ok = doc.AddTable(std::move(findings)); !ok) return Fail(ok.error());

  doc.AddHeading("4. Nama yang ditambahkan");
  if (c.added.empty()) {
    doc.AddParagraph("Tidak ada.");
  } else {
    PeopleTable(doc, c.added, /*with_reason=*/false, max_names);
  }
  doc.AddHeading("5. Nama yang dikeluarkan");
  if (c.removed.empty()) {
    doc.AddParagraph("Tidak ada.");
  } else {
    PeopleTable(doc, c.removed, /*with_reason=*/true, max_names);
  }
  doc.AddSpace(6);
  doc.AddParagraph("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.");
  formats::PdfSignatures signatures;
  signatures.place_date = PlaceOf(c.regency_name) + ", " + date;
  signatures.signers = {
      {"Mengetahui,", "Kepala Kantor Cabang\nBPJS Ketenagakerjaan",
       "(...............................)", ""},
      {"Yang menetapkan,", "Kepala Dinas Tenaga Kerja\n" + c.regency_name,
       "(...............................)", "NIP. ..............................."}};
  if (auto ok = doc.AddSignatures(std::move(signatures)); !ok) return Fail(ok.error());
  return doc.Render();
}

}  // namespace jaring::services
