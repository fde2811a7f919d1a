// Exchange with the BPJS branch (issue 15, item 6): the submitted cases as the workbook the
// branch receives, and the branch's file of decisions and payments read back and applied.
//
// Design notes
//  - The file is read whole before anything is applied (a half-understood file is never
//    applied), and every line's move runs in one transaction: the import is all its applicable
//    lines or nothing.
//  - A line that cannot apply (an unknown case, a case not waiting for that decision) is listed,
//    not fatal: the branch's file covers many cases and one stale line must not hold back the
//    others. A line the case already reflects (same state, same reference) counts as repeated.
#include <algorithm>
#include <unordered_map>

#include "domain/date_format.hpp"
#include "domain/money.hpp"
#include "formats/table_export.hpp"
#include "intake/column_mapping.hpp"
#include "intake/fixed_columns.hpp"
#include "intake/source_file.hpp"
#include "intake/values.hpp"
#include "services/claim_service.hpp"
#include "services/enrolment_internal.hpp"

namespace jaring::services {
namespace {

enum class Column { kClaim, kNik, kDecision, kAmount, kDate, kReference, kReason };

// Header keys (intake::HeaderKey) of the branch's decision lists and the regency's own copies.
const intake::ColumnAliases<Column> kAliases[] = {
    {Column::kClaim, {"noklaim", "nomorklaim", "idklaim", "klaim", "noklaimjaring", "nomorkasus"}},
    {Column::kNik, {"nik", "nikpeserta", "noktp", "nomorktp", "niktk"}},
    {Column::kDecision, {"keputusan", "status", "statusklaim", "hasil", "hasilverifikasi"}},
    {Column::kAmount,
     {"jumlah", "jumlahdibayar", "nominal", "nilai", "manfaat", "jumlahmanfaat", "nilaimanfaat",
      "jumlahdisetujui", "dibayar"}},
    {Column::kDate, {"tanggal", "tanggalbayar", "tglbayar", "tanggalpembayaran", "tglpembayaran"}},
    {Column::kReference, {"referensi", "noreferensi", "nomorreferensi", "noref", "nobukti"}},
    {Column::kReason, {"alasan", "keterangan", "catatan", "alasanpenolakan"}},
};

std::string DecisionOf(std::string_view text) {
  const std::string s = intake::LowerCell(text);
  for (std::string_view w : {"dibayar", "sudah dibayar", "lunas", "paid", "terbayar"})
    if (s == w) return "paid";
  for (std::string_view w : {"disetujui", "setuju", "approved", "diterima", "layak"})
    if (s == w) return "approved";
  for (std::string_view w : {"ditolak", "tolak", "rejected", "tidak layak"})
    if (s == w) return "rejected";
  return "";
}

std::string DigitsOf(std::string_view text) {
  std::string digits;
  for (char c : intake::TrimCell(text))
    if (c >= '0' && c <= '9') digits += c;
  return digits;
}

}  // namespace

Result<std::vector<BranchDecision>> ReadBranchDecisions(const std::filesystem::path& path,
                                                        std::string display_name) {
  auto file = intake::SourceFile::Open(path, std::move(display_name));
  if (!file) return Fail(std::move(file.error()));
  const auto columns = intake::FindColumns<Column>(file->header(), kAliases);
  const std::string name = file->name();
  if (!columns.contains(Column::kClaim) && !columns.contains(Column::kNik)) {
    return Fail(Error::InvalidArgument("Berkas keputusan " + name +
                                       " tidak memiliki kolom No. Klaim atau NIK"));
  }
  if (!columns.contains(Column::kDecision)) {
    return Fail(Error::InvalidArgument("Berkas keputusan " + name +
                                       " tidak memiliki kolom Keputusan atau Status"));
  }
  auto at = [&](const intake::SourceRow& row, Column c) -> intake::SourceCell {
    const auto found = columns.find(c);
    return found == columns.end() ? intake::SourceCell{} : row.At(found->second);
  };
  auto stream = file->OpenRows();
  if (!stream) return Fail(std::move(stream.error()));
  std::vector<BranchDecision> out;
  intake::SourceRow row;
  while ((*stream)->Next(row)) {
    const std::string where = "Berkas keputusan " + name + ", baris " + std::to_string(row.line);
    BranchDecision d;
    d.line = static_cast<std::int64_t>(row.line);
    const std::string claim = DigitsOf(at(row, Column::kClaim).text);
    if (!claim.empty() && claim.size() < 16) d.claim_id = std::stoll(claim);
    d.nik = DigitsOf(at(row, Column::kNik).text);
    const std::string decision_text(intake::TrimCell(at(row, Column::kDecision).text));
    if (d.claim_id == 0 && d.nik.empty() && decision_text.empty()) continue;  // a blank line
    d.decision = DecisionOf(decision_text);
    if (d.decision.empty()) {
      return Fail(Error::InvalidArgument(where + ": keputusan \"" + decision_text +
                                         "\" tidak dikenal (Disetujui, Ditolak, Dibayar)"));
    }
    const intake::SourceCell amount = at(row, Column::kAmount);
    if (!intake::TrimCell(amount.text).empty()) {
      auto money = domain::ParseRupiah(intake::TrimCell(amount.text));
      if (!money) {
        return Fail(Error::InvalidArgument(where + ": jumlah \"" +
                                           std::string(intake::TrimCell(amount.text)) +
                                           "\" bukan rupiah utuh"));
      }
      d.amount = money->rupiah();
    }
    const intake::SourceCell date = at(row, Column::kDate);
    if (!intake::TrimCell(date.text).empty()) {
      const intake::DateValue parsed =
          intake::ParseDate(date, {.two_digit_years = intake::TwoDigitYears::kReject});
      if (!parsed.date) {
        return Fail(Error::InvalidArgument(where + ": tanggal \"" +
                                           std::string(intake::TrimCell(date.text)) +
                                           "\" tidak terbaca"));
      }
      d.date = domain::FormatIsoDate(*parsed.date);
    }
    d.reference = std::string(intake::TrimCell(at(row, Column::kReference).text));
    d.reason = intake::CollapseSpaces(at(row, Column::kReason).text);
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::string> ClaimService::ExportSubmitted(std::string_view regency, const Actor& actor) {
  if (auto ok = enrolment::Require(actor, auth::Permission::kExportPersonalData, regency,
                                   "mengunduh berkas klaim untuk BPJS");
      !ok) {
    return Fail(ok.error());
  }
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  auto cases = (*tx)->Claims().List(regency, std::string("submitted"));
  if (!cases) return Fail(std::move(cases.error()));
  using formats::TableColumn;
  using formats::TableColumnKind;
  auto table = formats::TableExport::Create(
      formats::TableFormat::kXlsx, "Klaim diajukan",
      {TableColumn{"No. Klaim", TableColumnKind::kInteger},
       TableColumn{"NIK", TableColumnKind::kText, 20, true},
       TableColumn{"Nama", TableColumnKind::kText, 28},
       TableColumn{"No. KPJ", TableColumnKind::kText, 14, true},
       TableColumn{"Jenis", TableColumnKind::kText}, TableColumn{"Akibat", TableColumnKind::kText},
       TableColumn{"Tanggal Kejadian", TableColumnKind::kDate},
       TableColumn{"Perkiraan Manfaat (Rp)", TableColumnKind::kInteger, 18},
       TableColumn{"Penerima", TableColumnKind::kText, 24},
       TableColumn{"Bank", TableColumnKind::kText},
       TableColumn{"No. Rekening", TableColumnKind::kText, 18, true},
       TableColumn{"Keputusan", TableColumnKind::kText},
       TableColumn{"Jumlah", TableColumnKind::kInteger},
       TableColumn{"Tanggal Bayar", TableColumnKind::kDate},
       TableColumn{"No. Referensi", TableColumnKind::kText},
       TableColumn{"Alasan", TableColumnKind::kText, 24}});
  if (!table) return Fail(std::move(table.error()));
  for (const auto& c : *cases) {
    auto worker = (*tx)->Workers().Get(regency, c.worker_id);
    if (!worker) return Fail(std::move(worker.error()));
    auto heirs = (*tx)->Claims().Heirs(regency, c.id);
    if (!heirs) return Fail(std::move(heirs.error()));
    const auto recipient = std::ranges::find_if(*heirs, [](const auto& h) { return h.recipient; });
    table->Integer(c.id).Text(worker->nik).Text(worker->name).Text(c.kpj);
    table->Text(c.kind == "jkm" ? "JKM" : "JKK").Text(c.outcome);
    table->Date(*domain::ParseIsoDate(c.event_date)).Integer(c.expected_total);
    if (recipient != heirs->end()) {
      table->Text(recipient->name)
          .Text(recipient->payout == "bank" ? recipient->bank : "tunai")
          .Text(recipient->account_no);
    } else {
      table->Text(worker->name).Empty().Empty();  // the member himself (JKK injury)
    }
    table->Empty().Empty().Empty().Empty().Empty();  // for the branch to fill in
    table->EndRow();
  }
  auto bytes = table->Finish();
  if (!bytes) return Fail(std::move(bytes.error()));
  if (trail_ != nullptr) {
    nlohmann::ordered_json after = {{"cases", cases->size()}, {"file", "klaim-diajukan.xlsx"}};
    if (auto ok =
            trail_->Append(**tx, AuditEvent::By(actor, auth::AuditAction::kExport, "claim_export",
                                                "", std::string(regency), "", after.dump()));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return bytes;
}

Result<DecisionImportReport> ClaimService::ImportDecisions(std::string_view regency,
                                                           const std::filesystem::path& file,
                                                           std::string display_name,
                                                           const Actor& actor) {
  if (auto ok = enrolment::Require(actor, auth::Permission::kManageClaims, regency,
                                   "mencatat keputusan BPJS");
      !ok) {
    return Fail(ok.error());
  }
  auto lines = ReadBranchDecisions(file, std::move(display_name));
  if (!lines) return Fail(std::move(lines.error()));
  auto tx = db_.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  // Cases the branch may be answering about, by number and by the member's NIK.
  std::unordered_map<std::int64_t, storage::ClaimRecord> by_id;
  std::unordered_map<std::string, std::int64_t> by_nik;
  auto all = (*tx)->Claims().List(regency, std::nullopt);
  if (!all) return Fail(std::move(all.error()));
  const bool by_nik_needed =
      std::ranges::any_of(*lines, [](const BranchDecision& d) { return d.claim_id == 0; });
  for (const auto& c : *all) {
    by_id.emplace(c.id, c);
    if (!by_nik_needed || (claims::IsClosed(c.state) && c.state != "paid")) continue;
    auto worker = (*tx)->Workers().Get(regency, c.worker_id);
    if (!worker) return Fail(std::move(worker.error()));
    by_nik.emplace(worker->nik, c.id);  // the newest case first (List is newest first)
  }
  DecisionImportReport report;
  report.lines = static_cast<std::int64_t>(lines->size());
  for (const BranchDecision& d : *lines) {
    DecisionMismatch m{d.line, d.claim_id, d.nik, "", ""};
    std::int64_t id = d.claim_id;
    if (id == 0) {
      const auto found = by_nik.find(d.nik);
      id = found == by_nik.end() ? 0 : found->second;
    }
    const auto found = by_id.find(id);
    if (found == by_id.end()) {
      m.kind = "unknown_claim";
      m.message = "Tidak ada klaim " +
                  (d.claim_id != 0 ? "nomor " + std::to_string(d.claim_id) : "dengan NIK " + d.nik);
      report.mismatches.push_back(std::move(m));
      continue;
    }
    storage::ClaimRecord& record = found->second;
    m.claim_id = record.id;
    if (record.state == d.decision &&
        (d.decision != "paid" || record.payment_reference == d.reference)) {
      ++report.repeated;
      continue;
    }
    MoveDetails details{.note = d.reason,
                        .amount = d.amount,
                        .paid_on = d.date,
                        .reference = d.reference,
                        .from_branch_file = true};
    std::vector<std::string> steps;
    if (d.decision == "paid" && record.state == "submitted")
      steps = {"approved", "paid"};
    else
      steps = {d.decision};
    bool moved = true;
    for (const auto& step : steps) {
      auto next = MoveInTx(**tx, record, step, details, actor);
      if (!next) {
        m.kind = next.error().code == ErrorCode::kFailedPrecondition ? "wrong_state" : "refused";
        m.message = next.error().message;
        moved = false;
        break;
      }
      record = *next;
    }
    if (!moved) {
      report.mismatches.push_back(std::move(m));
      continue;
    }
    ++report.applied;
    if (d.decision != "rejected" && d.amount != 0 && d.amount != record.expected_total) {
      m.kind = "amount_differs";
      m.message = "BPJS " + domain::FormatRupiah(domain::Money::Rupiah(d.amount)) +
                  ", perkiraan jaring " +
                  domain::FormatRupiah(domain::Money::Rupiah(record.expected_total));
      report.mismatches.push_back(std::move(m));
    }
  }
  if (trail_ != nullptr) {
    const std::string after = ToJson(report).dump();
    if (auto ok = trail_->Append(
            **tx, AuditEvent::By(actor, auth::AuditAction::kImport, "claim_decisions", "",
                                 std::string(regency), "", after));
        !ok) {
      return Fail(ok.error());
    }
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return report;
}

nlohmann::ordered_json ToJson(const DecisionImportReport& r) {
  nlohmann::ordered_json mismatches = nlohmann::ordered_json::array();
  for (const auto& m : r.mismatches) {
    mismatches.push_back({{"line", m.line},
                          {"claim_id", m.claim_id},
                          {"nik", m.nik},
                          {"kind", m.kind},
                          {"message", m.message}});
  }
  return {{"lines", r.lines},
          {"applied", r.applied},
          {"repeated", r.repeated},
          {"mismatches", std::move(mismatches)}};
}

}  // namespace jaring::services
