#include "services/claim_rules.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"

namespace jaring::services::claims {
namespace {

using auth::Permission;

struct StateRow {
  std::string_view code, label;
};
constexpr StateRow kStateLabels[] = {
    {"reported", "Dilaporkan"},        {"dossier_complete", "Berkas lengkap"},
    {"submitted", "Diajukan ke BPJS"}, {"approved", "Disetujui BPJS"},
    {"rejected", "Ditolak BPJS"},      {"paid", "Dibayar"},
};

struct TransitionRow {
  std::string_view from, to;
  Permission permission;
};
// Preparing a case is the regency's work; what the branch decides is recorded by its officer
// (or imported from its file, which the service checks separately).
constexpr TransitionRow kTransitions[] = {
    {"reported", "dossier_complete", Permission::kManageClaims},
    {"dossier_complete", "reported", Permission::kManageClaims},
    {"dossier_complete", "submitted", Permission::kManageClaims},
    {"submitted", "approved", Permission::kDecideClaims},
    {"submitted", "rejected", Permission::kDecideClaims},
    {"approved", "paid", Permission::kDecideClaims},
};

struct RelationRow {
  std::string_view code, label;
  int heir_class;
};
constexpr RelationRow kRelations[] = {
    {"spouse", "Suami/istri", 1},      {"child", "Anak", 1},
    {"parent", "Orang tua", 2},        {"grandchild", "Cucu", 3},
    {"grandparent", "Kakek/nenek", 4}, {"sibling", "Saudara kandung", 5},
    {"parent_in_law", "Mertua", 6},    {"will", "Penerima wasiat", 7},
};

struct BankRow {
  std::string_view name;
  int digits;
};
// Account lengths of the banks most heirs in East Java use; another bank is checked loosely.
constexpr BankRow kBanks[] = {{"BRI", 15}, {"MANDIRI", 13},    {"BNI", 10}, {"BCA", 10},
                              {"BSI", 10}, {"BANK JATIM", 10}, {"BTN", 16}};

constexpr std::string_view kSchoolLevels[] = {"tk_sd", "smp", "sma", "perguruan_tinggi"};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Error Refused(std::string message, std::string field) {
  return Error::InvalidArgument(std::move(message), std::move(field));
}

std::chrono::sys_days DayOfMicros(std::int64_t us) {
  // Offices keep Western Indonesian Time (UTC+7): an event at 23:00 UTC is the next day there.
  using namespace std::chrono;
  return floor<days>(sys_time<microseconds>(microseconds(us)) + hours(7));
}

std::string Iso(std::chrono::sys_days day) { return domain::FormatIsoDate(day); }

}  // namespace

bool IsState(std::string_view state) {
  return std::ranges::find(kStates, state) != std::end(kStates);
}

std::string_view StateLabel(std::string_view state) {
  for (const auto& row : kStateLabels)
    if (row.code == state) return row.label;
  return state;
}

std::optional<auth::Permission> TransitionPermission(std::string_view from, std::string_view to) {
  for (const auto& row : kTransitions)
    if (row.from == from && row.to == to) return row.permission;
  return std::nullopt;
}

bool IsClosed(std::string_view state) { return state == "paid" || state == "rejected"; }

int HeirClass(std::string_view relation) {
  for (const auto& row : kRelations)
    if (row.code == relation) return row.heir_class;
  return 0;
}

std::string_view RelationLabel(std::string_view relation) {
  for (const auto& row : kRelations)
    if (row.code == relation) return row.label;
  return relation;
}

Status CheckBankAccount(std::string_view bank, std::string_view account_no) {
  if (bank.empty()) return Fail(Refused("Nama bank penerima kosong", "bank"));
  if (!AllDigits(account_no))
    return Fail(
        Refused("Nomor rekening hanya berisi angka: " + std::string(account_no), "account_no"));
  const std::string name = Upper(bank);
  for (const auto& row : kBanks) {
    if (name != row.name) continue;
    if (static_cast<int>(account_no.size()) != row.digits) {
      return Fail(Refused("Nomor rekening " + std::string(row.name) + " harus " +
                              std::to_string(row.digits) + " angka, bukan " +
                              std::to_string(account_no.size()),
                          "account_no"));
    }
    return {};
  }
  if (account_no.size() < 8 || account_no.size() > 20)
    return Fail(Refused("Nomor rekening harus 8 sampai 20 angka", "account_no"));
  return {};
}

Status CheckHeirs(const std::vector<storage::HeirRecord>& heirs) {
  if (heirs.empty()) return Fail(Refused("Belum ada ahli waris", "heirs"));
  int closest = 8;
  for (const auto& h : heirs) {
    const int c = HeirClass(h.relation);
    if (c == 0)
      return Fail(Refused("Hubungan ahli waris tidak dikenal: " + h.relation, "relation"));
    closest = std::min(closest, c);
  }
  int recipients = 0, shares = 0;
  bool any_share = false;
  for (const auto& h : heirs) {
    if (h.name.empty()) return Fail(Refused("Nama ahli waris kosong", "name"));
    if (!h.nik.empty() && (h.nik.size() != 16 || !AllDigits(h.nik)))
      return Fail(Refused("NIK ahli waris " + h.name + " harus 16 angka", "nik"));
    if (HeirClass(h.relation) != closest) {
      const auto closer = std::ranges::find_if(
          heirs, [&](const auto& o) { return HeirClass(o.relation) == closest; });
      return Fail(
          Refused(h.name + " (" + std::string(RelationLabel(h.relation)) +
                      ") bukan ahli waris selama ada ahli waris yang lebih dekat: " + closer->name +
                      " (" + std::string(RelationLabel(closer->relation)) + ")",
                  "relation"));
    }
    if (!h.school_level.empty()) {
      if (h.relation != "child")
        return Fail(Refused("Jenjang sekolah hanya untuk anak: " + h.name, "school_level"));
      if (std::ranges::find(kSchoolLevels, h.school_level) == std::end(kSchoolLevels))
        return Fail(Refused("Jenjang sekolah tidak dikenal: " + h.school_level, "school_level"));
    }
    if (h.share_bp < 0 || h.share_bp > 10000)
      return Fail(Refused("Bagian ahli waris harus 0 sampai 100%", "share_bp"));
    any_share = any_share || h.share_bp > 0;
    shares += h.share_bp;
    if (!h.recipient) continue;
    ++recipients;
    if (h.payout == "bank") {
      if (auto ok = CheckBankAccount(h.bank, h.account_no); !ok) return ok;
      if (h.account_name.empty())
        return Fail(Refused("Nama pemilik rekening kosong", "account_name"));
    } else if (h.payout != "cash") {
      return Fail(Refused("Penerima dana harus memilih transfer bank atau tunai", "payout"));
    }
  }
  if (any_share && shares != 10000)
    return Fail(Refused("Bagian ahli waris berjumlah " + std::to_string(shares / 100) + "," +
                            std::to_string(shares % 100 / 10) + "%, harus 100%",
                        "share_bp"));
  if (recipients != 1)
    return Fail(
        Refused("Tepat satu ahli waris menerima dana (sekarang " + std::to_string(recipients) + ")",
                "recipient"));
  return {};
}

std::vector<storage::HeirRecord> WithShares(std::vector<storage::HeirRecord> heirs) {
  if (heirs.empty() || std::ranges::any_of(heirs, [](const auto& h) { return h.share_bp > 0; }))
    return heirs;
  const int each = 10000 / static_cast<int>(heirs.size());
  for (auto& h : heirs) h.share_bp = each;
  heirs.back().share_bp += 10000 - each * static_cast<int>(heirs.size());
  return heirs;
}

std::vector<DocumentRequirement> Checklist(std::string_view kind, std::string_view outcome,
                                           const std::vector<storage::HeirRecord>& heirs) {
  std::vector<DocumentRequirement> out = {
      {"kartu_peserta", "Kartu peserta BPJS Ketenagakerjaan", true},
      {"ktp_peserta", "KTP peserta", true},
      {"kk", "Kartu Keluarga", true},
  };
  if (kind == "jkk") {
    out.push_back(
        {"laporan_kecelakaan", "Laporan kecelakaan kerja (paling lambat 2 × 24 jam)", true});
  }
  if (outcome == "death") {
    out.push_back({"akta_kematian", "Akta kematian", true});
    out.push_back({"surat_ahli_waris", "Surat keterangan ahli waris", true});
    out.push_back({"ktp_ahli_waris", "KTP ahli waris", true});
    const bool spouse =
        std::ranges::any_of(heirs, [](const auto& h) { return h.relation == "spouse"; });
    out.push_back({"buku_nikah", "Buku nikah (ahli waris suami/istri)", spouse});
  } else {
    out.push_back({"surat_dokter", "Surat keterangan dokter", true});
  }
  const bool bank =
      std::ranges::any_of(heirs, [](const auto& h) { return h.recipient && h.payout == "bank"; });
  out.push_back({"buku_tabungan", "Buku tabungan penerima", bank});
  return out;
}

std::vector<std::string> MissingDocuments(const std::vector<DocumentRequirement>& checklist,
                                          const std::vector<storage::ClaimDocumentRecord>& docs) {
  std::vector<std::string> missing;
  for (const auto& r : checklist) {
    if (!r.required) continue;
    if (std::ranges::none_of(docs, [&](const auto& d) { return d.doc_kind == r.kind; }))
      missing.push_back(r.kind);
  }
  return missing;
}

Result<ClockTargets> ClockTargetsFromJson(std::string_view json) {
  ClockTargets t;
  if (json.empty()) return t;
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return Fail(Refused("Pengaturan jam klaim bukan objek JSON", "settings"));
  auto read = [&](const char* key, int& into, int max) -> Status {
    if (!j.contains(key)) return {};
    if (!j[key].is_number_integer() || j[key].get<int>() < 1 || j[key].get<int>() > max)
      return Fail(
          Refused(std::string(key) + " harus bilangan 1 sampai " + std::to_string(max), key));
    into = j[key].get<int>();
    return {};
  };
  for (auto [key, field, max] : {std::tuple{"detect_days", &t.detect_days, 365},
                                 std::tuple{"dossier_days", &t.dossier_days, 365},
                                 std::tuple{"submit_days", &t.submit_days, 365},
                                 std::tuple{"pay_working_days", &t.pay_working_days, 60}}) {
    if (auto ok = read(key, *field, max); !ok) return Fail(ok.error());
  }
  return t;
}

std::string ClockTargetsToJson(const ClockTargets& t) {
  nlohmann::ordered_json j = {{"detect_days", t.detect_days},
                              {"dossier_days", t.dossier_days},
                              {"submit_days", t.submit_days},
                              {"pay_working_days", t.pay_working_days}};
  return j.dump();
}

int WorkingDaysBetween(std::chrono::sys_days from, std::chrono::sys_days to) {
  int n = 0;
  for (auto d = from + std::chrono::days(1); d <= to; d += std::chrono::days(1)) {
    const auto wd = std::chrono::weekday(d);
    if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) ++n;
  }
  return n;
}

ClaimClock ClockOf(const storage::ClaimRecord& claim,
                   const std::vector<storage::ClaimEventRecord>& events,
                   const ClockTargets& targets, std::chrono::sys_days today) {
  // When the case first reached each state (a dossier sent back and completed again counts
  // from its first completion: the clock measures the heirs' wait, not the paperwork's).
  auto first = [&](std::string_view state) -> std::optional<std::chrono::sys_days> {
    for (const auto& e : events)
      if (e.to_state == state) return DayOfMicros(e.at_us);
    return std::nullopt;
  };
  ClaimClock clock;
  const auto event = domain::ParseIsoDate(claim.event_date);
  // The business dates where the case has them: the day the death was reported (an operator
  // may enter a case days later) and the day the branch paid; otherwise when it was recorded.
  const auto reported = domain::ParseIsoDate(claim.reported_on);
  const auto opened =
      reported ? std::chrono::sys_days(*reported) : DayOfMicros(claim.created_at_us);
  const auto paid_on = domain::ParseIsoDate(claim.paid_on);
  std::optional<std::chrono::sys_days> paid = first("paid");
  if (paid && paid_on) paid = std::chrono::sys_days(*paid_on);
  const std::optional<std::chrono::sys_days> ends[] = {
      opened, first("dossier_complete"), first("submitted"), paid ? paid : first("rejected")};
  std::optional<std::chrono::sys_days> starts[] = {
      event ? std::optional<std::chrono::sys_days>(*event) : std::nullopt, opened, ends[1],
      ends[2]};
  const char* names[] = {"detect", "dossier", "submit", "pay"};
  const int limits[] = {targets.detect_days, targets.dossier_days, targets.submit_days,
                        targets.pay_working_days};
  for (int i = 0; i < 4; ++i) {
    if (!starts[i]) break;
    StageClock s;
    s.stage = names[i];
    const auto end = ends[i].value_or(today);
    // A business date before the recorded move (a payment entered after the fact) ends the
    // stage where it began rather than before it.
    if (end < *starts[i]) starts[i] = end;
    s.from = Iso(*starts[i]);
    if (ends[i]) s.to = Iso(*ends[i]);
    s.days = std::max(0, i == 3 ? WorkingDaysBetween(*starts[i], end)
                                : static_cast<int>((end - *starts[i]).count()));
    s.target = limits[i];
    s.overdue = s.days > s.target;
    if (!ends[i] && s.overdue) clock.overdue = true;
    clock.stages.push_back(std::move(s));
    if (!ends[i]) break;
  }
  if (paid && event)
    clock.days_to_payment = static_cast<int>((*paid - std::chrono::sys_days(*event)).count());
  return clock;
}

}  // namespace jaring::services::claims
