// The claims report (issue 15, item 8): claims by kind and state, by district and by month of
// the event; amounts paid; the median days from the event to payment; heirs still waiting;
// overdue cases and program failures. As figures (JSON), an .xlsx and a PDF for the meeting.
// Counts only: no names or NIKs, so view_reports suffices.
#include <algorithm>

#include "domain/date_format.hpp"
#include "domain/money.hpp"
#include "domain/region.hpp"
#include "formats/pdf_document.hpp"
#include "formats/table_export.hpp"
#include "services/claim_service.hpp"
#include "services/enrolment_internal.hpp"

namespace jaring::services {
namespace {

std::string Rupiah(std::int64_t amount) {
  return domain::FormatRupiah(domain::Money::Rupiah(amount));
}

std::string KindLabel(std::string_view kind) { return kind == "jkm" ? "JKM" : "JKK"; }

std::string MonthLabel(std::string_view month) {
  auto period = domain::Period::Parse(month);
  return period ? period->ToIndonesian() : std::string(month);
}

}  // namespace

Result<ClaimReport> ClaimService::Report(std::string_view regency, const Actor& actor) {
  if (auto ok = enrolment::Require(actor, auth::Permission::kViewReports, regency,
                                   "melihat laporan klaim");
      !ok) {
    return Fail(ok.error());
  }
  const auto& regions = domain::RegionIndex::Embedded();
  auto tx = db_.BeginRead();
  if (!tx) return Fail(std::move(tx.error()));
  auto cases = (*tx)->Claims().List(regency, std::nullopt);
  if (!cases) return Fail(std::move(cases.error()));
  auto settings = (*tx)->Claims().Settings(regency);
  if (!settings) return Fail(std::move(settings.error()));
  auto targets = claims::ClockTargetsFromJson(*settings);
  if (!targets) return Fail(std::move(targets.error()));
  ClaimReport r;
  r.regency_code = std::string(regency);
  const domain::Region* region = regions.Find(regency);
  r.regency_name = region != nullptr ? region->name : std::string(regency);
  r.as_of = Today();
  const auto today = std::chrono::sys_days(*domain::ParseIsoDate(r.as_of));
  std::map<std::string, ClaimReport::District> districts;
  std::map<std::string, ClaimReport::Month> months;
  std::vector<int> days_to_payment;
  // Each in one statement for all the cases (a regency has hundreds).
  auto workers = (*tx)->Claims().WorkersOfCases(regency, std::nullopt);
  if (!workers) return Fail(std::move(workers.error()));
  auto events = (*tx)->Claims().EventsOfCases(regency, std::nullopt);
  if (!events) return Fail(std::move(events.error()));
  auto heir_counts = (*tx)->Claims().HeirCounts(regency);
  if (!heir_counts) return Fail(std::move(heir_counts.error()));
  const std::vector<storage::ClaimEventRecord> no_events;
  for (const auto& c : *cases) {
    ++r.cases;
    ++r.by_kind_state[c.kind][c.state];
    const auto worker = workers->find(c.worker_id);
    if (worker == workers->end()) {  // workers are never deleted: a broken database
      return Fail(Error::NotFound("Pekerja klaim tidak ditemukan",
                                  "op=claims.report claim=" + std::to_string(c.id)));
    }
    const std::string district_code = worker->second.village_code.substr(0, 8);
    auto& d = districts[district_code];
    d.code = district_code;
    auto& m = months[c.event_date.substr(0, 7)];
    m.month = c.event_date.substr(0, 7);
    ++d.cases;
    ++m.cases;
    if (!c.failure_cause.empty()) ++r.program_failures;
    if (c.state == "paid") {
      ++r.paid_cases;
      ++d.paid;
      ++m.paid;
      r.amount_paid += c.paid_amount;
      d.amount_paid += c.paid_amount;
      m.amount_paid += c.paid_amount;
    }
    if (!claims::IsClosed(c.state)) {
      ++r.cases_waiting;
      r.expected_open += c.expected_total;
      const auto heirs = heir_counts->find(c.id);
      if (heirs != heir_counts->end()) r.heirs_waiting += heirs->second;
    }
    const auto case_events = events->find(c.id);
    const auto clock = claims::ClockOf(
        c, case_events != events->end() ? case_events->second : no_events, *targets, today);
    if (clock.overdue) ++r.overdue;
    if (clock.days_to_payment >= 0) days_to_payment.push_back(clock.days_to_payment);
  }
  for (auto& [code, d] : districts) {
    const domain::Region* found = regions.Find(code);
    d.name = found != nullptr ? found->name : code;
    r.districts.push_back(d);
  }
  std::ranges::sort(r.districts, [](const auto& a, const auto& b) {
    return a.cases != b.cases ? a.cases > b.cases : a.code < b.code;
  });
  for (auto& [month, m] : months) r.months.push_back(m);
  if (!days_to_payment.empty()) {
    std::ranges::sort(days_to_payment);
    const std::size_t n = days_to_payment.size();
    r.median_days_to_payment = n % 2 == 1
                                   ? days_to_payment[n / 2]
                                   : (days_to_payment[n / 2 - 1] + days_to_payment[n / 2]) / 2.0;
  }
  return r;
}

nlohmann::ordered_json ToJson(const ClaimReport& r) {
  nlohmann::ordered_json by_kind = nlohmann::ordered_json::object();
  for (const auto& [kind, states] : r.by_kind_state) {
    nlohmann::ordered_json s = nlohmann::ordered_json::object();
    for (const auto& [state, n] : states) s[state] = n;
    by_kind[kind] = std::move(s);
  }
  nlohmann::ordered_json districts = nlohmann::ordered_json::array();
  for (const auto& d : r.districts) {
    districts.push_back({{"code", d.code},
                         {"name", d.name},
                         {"cases", d.cases},
                         {"paid", d.paid},
                         {"amount_paid", d.amount_paid}});
  }
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  for (const auto& m : r.months) {
    months.push_back(
        {{"month", m.month}, {"cases", m.cases}, {"paid", m.paid}, {"amount_paid", m.amount_paid}});
  }
  return {{"regency_code", r.regency_code},
          {"regency_name", r.regency_name},
          {"as_of", r.as_of},
          {"cases", r.cases},
          {"paid_cases", r.paid_cases},
          {"amount_paid", r.amount_paid},
          {"median_days_to_payment", r.median_days_to_payment
                                         ? nlohmann::ordered_json(*r.median_days_to_payment)
                                         : nlohmann::ordered_json()},
          {"cases_waiting", r.cases_waiting},
          {"heirs_waiting", r.heirs_waiting},
          {"expected_open", r.expected_open},
          {"overdue", r.overdue},
          {"program_failures", r.program_failures},
          {"by_kind_state", std::move(by_kind)},
          {"districts", std::move(districts)},
          {"months", std::move(months)}};
}

Result<std::string> ClaimService::ReportXlsx(std::string_view regency, const Actor& actor) {
  auto r = Report(regency, actor);
  if (!r) return Fail(std::move(r.error()));
  using formats::TableColumn;
  using formats::TableColumnKind;
  auto table = formats::TableExport::Create(
      formats::TableFormat::kXlsx, "Laporan klaim",
      {TableColumn{"Bagian", TableColumnKind::kText, 18},
       TableColumn{"Uraian", TableColumnKind::kText, 30},
       TableColumn{"Klaim", TableColumnKind::kInteger},
       TableColumn{"Dibayar", TableColumnKind::kInteger},
       TableColumn{"Jumlah dibayar (Rp)", TableColumnKind::kInteger, 20}});
  if (!table) return Fail(std::move(table.error()));
  table->Text("Ringkasan").Text(r->regency_name + " per " + r->as_of).Integer(r->cases);
  table->Integer(r->paid_cases).Integer(r->amount_paid);
  table->EndRow();
  for (const auto& [kind, states] : r->by_kind_state) {
    for (const auto& [state, n] : states) {
      table->Text("Jenis dan status")
          .Text(KindLabel(kind) + " · " + std::string(claims::StateLabel(state)))
          .Integer(n)
          .Integer(state == "paid" ? n : 0)
          .Empty();
      table->EndRow();
    }
  }
  for (const auto& d : r->districts) {
    table->Text("Kecamatan").Text(d.name).Integer(d.cases).Integer(d.paid).Integer(d.amount_paid);
    table->EndRow();
  }
  for (const auto& m : r->months) {
    table->Text("Bulan kejadian")
        .Text(MonthLabel(m.month))
        .Integer(m.cases)
        .Integer(m.paid)
        .Integer(m.amount_paid);
    table->EndRow();
  }
  return table->Finish();
}

Result<std::string> ClaimService::ReportPdf(std::string_view regency, const Actor& actor) {
  auto r = Report(regency, actor);
  if (!r) return Fail(std::move(r.error()));
  const auto as_of = *domain::ParseIsoDate(r->as_of);
  formats::PdfOptions options;
  options.metadata.title = "Laporan Klaim JKM dan JKK " + r->regency_name;
  options.metadata.author = "Dinas Tenaga Kerja " + r->regency_name;
  options.metadata.subject = "Klaim jaminan kematian dan kecelakaan kerja pekerja rentan";
  options.metadata.created = std::chrono::sys_seconds(std::chrono::sys_days(as_of));
  options.running.header_on_first_page = false;
  options.running.header_right = r->regency_name + " · laporan klaim";
  auto created = formats::PdfDocument::Create("laporan-klaim.pdf", options);
  if (!created) return Fail(std::move(created.error()));
  formats::PdfDocument& doc = *created;
  std::string upper = r->regency_name;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  doc.AddLetterhead({"", 24, {"PEMERINTAH " + upper, "DINAS TENAGA KERJA"}, {}});
  doc.AddTitle("LAPORAN KLAIM\nJAMINAN KEMATIAN DAN JAMINAN KECELAKAAN KERJA");
  doc.AddParagraph("Keadaan per " + domain::FormatDateIndonesian(as_of),
                   formats::PdfAlign::kCenter);
  doc.AddSpace(4);
  doc.AddKeyValues(
      {{"Jumlah klaim", std::to_string(r->cases)},
       {"Sudah dibayar", std::to_string(r->paid_cases) + " klaim, " + Rupiah(r->amount_paid)},
       {"Median hari kejadian sampai dibayar",
        r->median_days_to_payment ? std::to_string(static_cast<int>(*r->median_days_to_payment))
                                  : std::string("belum ada")},
       {"Masih diproses", std::to_string(r->cases_waiting) + " klaim, " +
                              std::to_string(r->heirs_waiting) +
                              " ahli waris menunggu, perkiraan " + Rupiah(r->expected_open)},
       {"Terlambat dari target", std::to_string(r->overdue) + " klaim"},
       {"Kegagalan program",
        std::to_string(r->program_failures) + " klaim (kepesertaan berakhir atau menunggak)"}});
  doc.AddHeading("1. Menurut jenis dan status");
  formats::PdfTable states;
  states.columns = {{"Jenis", formats::PdfWidth::Share(1)},
                    {"Status", formats::PdfWidth::Share(2)},
                    {"Klaim", formats::PdfWidth::Mm(25), formats::PdfAlign::kRight}};
  for (const auto& [kind, by_state] : r->by_kind_state)
    for (const auto& [state, n] : by_state)
      states.AddRow({KindLabel(kind), std::string(claims::StateLabel(state)), std::to_string(n)});
  if (states.rows.empty()) states.AddRow({"-", "Belum ada klaim", "0"});
  if (auto ok = doc.AddTable(std::move(states)); !ok) return Fail(ok.error());
  doc.AddHeading("2. Menurut kecamatan");
  formats::PdfTable districts;
  districts.style = formats::PdfTableStyle::kZebra;
  districts.columns = {
      {"Kecamatan", formats::PdfWidth::Share(2)},
      {"Klaim", formats::PdfWidth::Mm(22), formats::PdfAlign::kRight},
      {"Dibayar", formats::PdfWidth::Mm(22), formats::PdfAlign::kRight},
      {"Jumlah dibayar", formats::PdfWidth::Share(1.2), formats::PdfAlign::kRight}};
  for (const auto& d : r->districts)
    districts.AddRow(
        {d.name, std::to_string(d.cases), std::to_string(d.paid), Rupiah(d.amount_paid)});
  if (districts.rows.empty()) districts.AddRow({"-", "0", "0", Rupiah(0)});
  if (auto ok = doc.AddTable(std::move(districts)); !ok) return Fail(ok.error());
  doc.AddHeading("3. Menurut bulan kejadian");
  formats::PdfTable months;
  months.columns = {{"Bulan", formats::PdfWidth::Share(2)},
                    {"Klaim", formats::PdfWidth::Mm(22), formats::PdfAlign::kRight},
                    {"Dibayar", formats::PdfWidth::Mm(22), formats::PdfAlign::kRight},
                    {"Jumlah dibayar", formats::PdfWidth::Share(1.2), formats::PdfAlign::kRight}};
  for (const auto& m : r->months)
    months.AddRow({MonthLabel(m.month), std::to_string(m.cases), std::to_string(m.paid),
                   Rupiah(m.amount_paid)});
  if (months.rows.empty()) months.AddRow({"-", "0", "0", Rupiah(0)});
  if (auto ok = doc.AddTable(std::move(months)); !ok) return Fail(ok.error());
  return doc.Render();
}

}  // namespace jaring::services
