#include "policy/benefit.hpp"

#include <algorithm>
#include <initializer_list>

#include "domain/date_format.hpp"
#include "policy/contribution.hpp"
#include "policy/internal/fmt.hpp"

namespace jaring::policy {
namespace {

using domain::FormatDateIndonesian;
using domain::FormatRupiah;
using domain::Money;
using internal::Fmt;

// More months of wage replacement than a working life is a typing error, and keeps
// months x monthly amount far inside int64.
constexpr int kMaxUnableMonths = 1200;

Date AddMonthsClamped(Date from, int months) {
  const std::chrono::year_month ym =
      std::chrono::year_month(from.year(), from.month()) + std::chrono::months(months);
  const std::chrono::day last =
      std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day();
  return Date(ym.year(), ym.month(), std::min(from.day(), last));
}

// "70 %", "70,5 %", "0,01 %": basis points as people write percentages.
std::string FormatPercent(BasisPoints bp) {
  std::string text = std::to_string(bp / 100);
  if (int fraction = bp % 100; fraction != 0) {
    text += ',';
    text += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
  }
  return text + " %";
}

std::string LevelLabel(std::string_view level) {
  if (level == "tk_sd") return "TK/SD";
  if (level == "smp") return "SMP";
  if (level == "sma") return "SMA";
  if (level == "perguruan_tinggi") return "perguruan tinggi";
  return std::string(level);
}

std::string LevelLabelEnglish(std::string_view level) {
  if (level == "tk_sd") return "kindergarten/primary";
  if (level == "smp") return "junior secondary";
  if (level == "sma") return "senior secondary";
  if (level == "perguruan_tinggi") return "university";
  return std::string(level);
}

std::string LevelCodes(const Scholarship& s) {
  std::string codes;
  for (const ScholarshipLevel& level : s.levels) {
    if (!codes.empty()) codes += ", ";
    codes += level.level;
  }
  return codes.empty() ? "(tidak ada)" : codes;
}

const ScholarshipLevel* FindLevel(const Scholarship& s, std::string_view code) {
  for (const ScholarshipLevel& level : s.levels) {
    if (level.level == code) return &level;
  }
  return nullptr;
}

void AddItem(BenefitQuote& quote, std::string name, Money amount, std::string_view rule,
             std::string detail) {
  quote.items.push_back({std::move(name), amount, std::string(rule), std::move(detail)});
}

Status CheckQuery(const BenefitQuery& q) {
  if (!q.member_since.ok() || !q.event.ok() || (q.as_of && !q.as_of->ok())) {
    return Fail(Error::InvalidArgument("Tanggal kepesertaan, kejadian atau pengajuan tidak ada"));
  }
  if (q.paid_months && *q.paid_months < 0) {
    return Fail(Error::InvalidArgument(
        Fmt("Bulan iuran dibayar tidak boleh negatif, bukan {}", *q.paid_months)));
  }
  if (q.children_in_school < 0) {
    return Fail(Error::InvalidArgument(
        Fmt("Jumlah anak bersekolah tidak boleh negatif, bukan {}", q.children_in_school)));
  }
  if (q.child_levels.size() > static_cast<std::size_t>(q.children_in_school)) {
    return Fail(Error::InvalidArgument(
        Fmt("Jenjang sekolah disebut untuk {} anak, tetapi anak bersekolah hanya {}",
            q.child_levels.size(), q.children_in_school)));
  }
  if (q.unable_to_work_months < 0 || q.unable_to_work_months > kMaxUnableMonths) {
    return Fail(Error::InvalidArgument(Fmt("Bulan tidak mampu bekerja harus 0 sampai {}, bukan {}",
                                           kMaxUnableMonths, q.unable_to_work_months)));
  }
  if (q.income.rupiah() <= 0 || q.income.rupiah() > kMaxFigureRupiah) {
    return Fail(Error::InvalidArgument(
        Fmt("Penghasilan yang dilaporkan harus lebih dari Rp 0 dan paling banyak "
            "Rp 1.000.000.000.000, bukan {}",
            FormatRupiah(q.income))));
  }
  return {};
}

// Income x the version's largest JKK multiple must stay a figure ApplyRate accepts.
Status CheckIncomeForJkk(const JkkBenefit& k, Money income) {
  const int multiple = std::max(k.death_income_multiple, k.total_disability_income_multiple);
  auto product = Money::CheckedMultiply(income, multiple);
  if (!product || product->rupiah() > kMaxFigureRupiah) {
    return Fail(Error::InvalidArgument(
        Fmt("Penghasilan {} terlalu besar: {} × penghasilan melebihi Rp 1.000.000.000.000",
            FormatRupiah(income), multiple)));
  }
  return {};
}

void AddScholarship(const Scholarship& s, const BenefitQuery& q, BenefitQuote& quote) {
  if (q.children_in_school == 0) return;
  if (quote.paid_months < s.min_paid_months) {
    quote.reason +=
        Fmt(" Beasiswa belum berhak: {} bulan iuran dibayar, syaratnya paling sedikit {} bulan.",
            quote.paid_months, s.min_paid_months);
    return;
  }
  if (s.levels.empty() || s.max_children == 0) {
    quote.reason += " Versi kebijakan ini tidak menetapkan beasiswa.";
    return;
  }
  const int children = std::min(q.children_in_school, s.max_children);
  Money left = s.ceiling;
  for (int i = 0; i < children; ++i) {
    const bool named = static_cast<std::size_t>(i) < q.child_levels.size();
    // Levels were checked against the version before the quote began.
    const ScholarshipLevel& level = named ? *FindLevel(s, q.child_levels[i]) : s.levels.front();
    const Money amount = std::min(level.per_year, left);
    left -= amount;
    std::string detail =
        named ? Fmt("tahun pertama jenjang {}: {} per tahun", LevelLabel(level.level),
                    FormatRupiah(level.per_year))
              : Fmt("jenjang belum disebut, dihitung pada jenjang terendah {}: {} per tahun",
                    LevelLabel(level.level), FormatRupiah(level.per_year));
    if (amount < level.per_year) detail += Fmt(", dibatasi sisa plafon {}", FormatRupiah(amount));
    detail +=
        Fmt("; dibayar setiap tahun menurut jenjang, paling banyak {} untuk semua anak dan "
            "semua tahun",
            FormatRupiah(s.ceiling));
    AddItem(quote, Fmt("Beasiswa anak ke-{} ({})", i + 1, LevelLabel(level.level)), amount,
            kRuleScholarshipChild, std::move(detail));
  }
  quote.reason +=
      Fmt(" Beasiswa tahun pertama untuk {} anak: {} bulan iuran dibayar, syaratnya "
          "paling sedikit {} bulan.",
          children, quote.paid_months, s.min_paid_months);
  if (q.children_in_school > s.max_children) {
    quote.reason += Fmt(" Disebut {} anak bersekolah; beasiswa paling banyak untuk {} anak.",
                        q.children_in_school, s.max_children);
  }
}

void QuoteJkm(const BenefitRules& r, const BenefitQuery& q, BenefitQuote& quote) {
  const EarlyDeathBenefit& early = r.early_death;
  const Date early_end = AddMonthsClamped(q.member_since, early.membership_months);
  if (q.event < early_end) {
    AddItem(quote, Fmt("Santunan kematian ({} bulan pertama kepesertaan)", early.membership_months),
            early.compensation, kRuleEarlyDeathCompensation,
            Fmt("meninggal sebelum {}: santunan {} menggantikan JKM penuh {}",
                FormatDateIndonesian(early_end), FormatRupiah(early.compensation),
                FormatRupiah(r.jkm.Total())));
    AddItem(quote, "Biaya pemakaman", early.funeral, kRuleEarlyDeathFuneral,
            Fmt("{} bulan pertama kepesertaan: biaya pemakaman {}", early.membership_months,
                FormatRupiah(early.funeral)));
    quote.reason =
        Fmt("Meninggal pada {}, dalam {} bulan pertama kepesertaan (peserta sejak {}, sebelum {}): "
            "hanya santunan {}, bukan JKM penuh {}.",
            FormatDateIndonesian(q.event), early.membership_months,
            FormatDateIndonesian(q.member_since), FormatDateIndonesian(early_end),
            FormatRupiah(early.Total()), FormatRupiah(r.jkm.Total()));
    return;
  }
  AddItem(quote, "Santunan sekaligus JKM", r.jkm.lump_sum, kRuleJkmLumpSum,
          Fmt("santunan sekaligus {}", FormatRupiah(r.jkm.lump_sum)));
  AddItem(quote, Fmt("Santunan berkala JKM ({} bulan)", r.jkm.periodic_months), r.jkm.periodic,
          kRuleJkmPeriodic,
          Fmt("santunan berkala {} bulan dibayar sekaligus: {}", r.jkm.periodic_months,
              FormatRupiah(r.jkm.periodic)));
  AddItem(quote, "Biaya pemakaman", r.jkm.funeral, kRuleJkmFuneral,
          Fmt("biaya pemakaman {}", FormatRupiah(r.jkm.funeral)));
  quote.reason = Fmt(
      "JKM penuh {}: meninggal pada {}, setelah {} bulan pertama kepesertaan ({} bulan sejak {}).",
      FormatRupiah(r.jkm.Total()), FormatDateIndonesian(q.event), early.membership_months,
      quote.membership_months, FormatDateIndonesian(q.member_since));
  AddScholarship(r.scholarship, q, quote);
}

void QuoteJkkDeath(const BenefitRules& r, const BenefitQuery& q, BenefitQuote& quote) {
  const JkkBenefit& k = r.jkk;
  const Money by_income = q.income * k.death_income_multiple;
  const Money floor = k.death_at_least_jkm ? r.jkm.Total() : Money::Zero();
  const Money compensation = std::max(by_income, floor);
  std::string detail =
      Fmt("{} × {} = {}", k.death_income_multiple, FormatRupiah(q.income), FormatRupiah(by_income));
  if (k.death_at_least_jkm) {
    detail += Fmt(", paling sedikit santunan JKM {}", FormatRupiah(floor));
  }
  AddItem(quote, "Santunan kematian akibat kecelakaan kerja", compensation,
          kRuleJkkDeathCompensation, std::move(detail));
  AddItem(quote, "Biaya pemakaman", k.death_funeral, kRuleJkkDeathFuneral,
          Fmt("biaya pemakaman {}", FormatRupiah(k.death_funeral)));
  AddItem(quote, "Santunan berkala", k.death_periodic, kRuleJkkDeathPeriodic,
          Fmt("santunan berkala dibayar sekaligus: {}", FormatRupiah(k.death_periodic)));
  quote.reason =
      by_income < floor
          ? Fmt("Meninggal akibat kecelakaan kerja: {} × penghasilan ({}) di bawah santunan JKM, "
                "dibayar paling sedikit {}.",
                k.death_income_multiple, FormatRupiah(by_income), FormatRupiah(floor))
          : Fmt("Meninggal akibat kecelakaan kerja: {} × penghasilan bulanan {}.",
                k.death_income_multiple, FormatRupiah(q.income));
  AddScholarship(r.scholarship, q, quote);
}

void QuoteJkkDisability(const JkkBenefit& k, const BenefitQuery& q, BenefitQuote& quote) {
  const Money base = q.income * k.total_disability_income_multiple;
  const Money amount = ApplyRate(base, k.total_disability_rate);
  AddItem(quote, "Santunan cacat total tetap", amount, kRuleJkkTotalDisability,
          Fmt("{} × {} × {} = {}", FormatPercent(k.total_disability_rate),
              k.total_disability_income_multiple, FormatRupiah(q.income), FormatRupiah(amount)));
  quote.reason = Fmt("Cacat total tetap akibat kecelakaan kerja: {} × {} × penghasilan bulanan.",
                     FormatPercent(k.total_disability_rate), k.total_disability_income_multiple);
}

void QuoteJkkInjury(const JkkBenefit& k, const BenefitQuery& q, BenefitQuote& quote) {
  AddItem(quote, "Perawatan dan pengobatan", Money::Zero(), kRuleJkkMedicalCare,
          "sesuai kebutuhan medis, tanpa batas");
  const int full = std::min(q.unable_to_work_months, k.stmb_full_months);
  const int after = q.unable_to_work_months - full;
  if (full > 0) {
    const Money monthly = ApplyRate(q.income, k.stmb_full_rate);
    AddItem(quote, Fmt("Santunan tidak mampu bekerja (STMB), bulan 1–{}", full), monthly * full,
            kRuleJkkStmbFull,
            Fmt("{} bulan × {} × {} = {}", full, FormatPercent(k.stmb_full_rate),
                FormatRupiah(q.income), FormatRupiah(monthly * full)));
  }
  if (after > 0) {
    const Money monthly = ApplyRate(q.income, k.stmb_after_rate);
    AddItem(
        quote,
        Fmt("Santunan tidak mampu bekerja (STMB), bulan {}–{}", full + 1, q.unable_to_work_months),
        monthly * after, kRuleJkkStmbAfter,
        Fmt("{} bulan × {} × {} = {}", after, FormatPercent(k.stmb_after_rate),
            FormatRupiah(q.income), FormatRupiah(monthly * after)));
  }
  quote.reason =
      Fmt("Kecelakaan kerja: perawatan sesuai kebutuhan medis; STMB {} untuk {} bulan pertama, "
          "sesudahnya {}; {} bulan tidak mampu bekerja.",
          FormatPercent(k.stmb_full_rate), k.stmb_full_months, FormatPercent(k.stmb_after_rate),
          q.unable_to_work_months);
}

// Whether the claim was made after it lapsed; the reason is set when it was.
bool JkkLapsed(const JkkBenefit& k, const BenefitQuery& q, BenefitQuote& quote) {
  if (!q.as_of) return false;
  const Date last_day = AddMonthsClamped(q.event, 12 * k.claim_lapse_years);
  if (*q.as_of <= last_day) return false;
  quote.reason = Fmt(
      "Klaim JKK kedaluwarsa: kecelakaan pada {}, klaim paling lambat {} tahun sesudahnya ({}), "
      "diajukan {}.",
      FormatDateIndonesian(q.event), k.claim_lapse_years, FormatDateIndonesian(last_day),
      FormatDateIndonesian(*q.as_of));
  return true;
}

}  // namespace

std::string_view ClaimKindCode(ClaimKind kind) { return kind == ClaimKind::kJkm ? "jkm" : "jkk"; }

Result<ClaimKind> ParseClaimKind(std::string_view code) {
  if (code == "jkm") return ClaimKind::kJkm;
  if (code == "jkk") return ClaimKind::kJkk;
  return Fail(Error::InvalidArgument(
      Fmt("Jenis klaim harus jkm atau jkk, bukan \"{}\"", std::string(code))));
}

std::string_view JkkOutcomeCode(JkkOutcome outcome) {
  switch (outcome) {
    case JkkOutcome::kDeath:
      return "death";
    case JkkOutcome::kTotalDisability:
      return "total_disability";
    case JkkOutcome::kInjury:
      return "injury";
  }
  return "death";
}

Result<JkkOutcome> ParseJkkOutcome(std::string_view code) {
  for (JkkOutcome outcome :
       {JkkOutcome::kDeath, JkkOutcome::kTotalDisability, JkkOutcome::kInjury}) {
    if (code == JkkOutcomeCode(outcome)) return outcome;
  }
  return Fail(Error::InvalidArgument(
      Fmt("Akibat kecelakaan kerja harus death, total_disability atau injury, bukan \"{}\"",
          std::string(code))));
}

int WholeMonthsBetween(Date from, Date to) {
  JARING_ASSERT(from.ok() && to.ok(), "WholeMonthsBetween needs existing dates");
  const auto ym = [](Date d) {
    return static_cast<int>(d.year()) * 12 + static_cast<int>(static_cast<unsigned>(d.month()));
  };
  // The anniversary in `to`'s month (clamped) counts once reached; else the month before's,
  // which is always before `to`.
  const int months = ym(to) - ym(from);
  return AddMonthsClamped(from, months) > to ? months - 1 : months;
}

Result<BenefitQuote> QuoteBenefit(const PolicyBook& book, const BenefitQuery& q) {
  if (auto ok = CheckQuery(q); !ok) return Fail(std::move(ok.error()));
  auto found = book.InForce(RuleFamily::kBenefits, q.event);
  if (!found) return Fail(std::move(found.error()));
  const RuleVersion& version = *found->version;
  const BenefitRules& rules = std::get<BenefitRules>(version.rules);
  for (const std::string& level : q.child_levels) {
    if (FindLevel(rules.scholarship, level) == nullptr) {
      return Fail(
          Error::InvalidArgument(Fmt("Jenjang sekolah \"{}\" tidak dikenal; yang berlaku: {}",
                                     level, LevelCodes(rules.scholarship))));
    }
  }
  if (q.kind == ClaimKind::kJkk) {
    if (auto ok = CheckIncomeForJkk(rules.jkk, q.income); !ok) return Fail(std::move(ok.error()));
  }

  BenefitQuote quote;
  quote.legal_reference = version.legal_reference;
  quote.version_from = version.effective_from;
  if (q.event < q.member_since) {
    quote.paid_months = 0;
    quote.reason =
        Fmt("Kejadian pada {} sebelum kepesertaan dimulai ({}): belum terlindungi, tidak ada "
            "manfaat.",
            FormatDateIndonesian(q.event), FormatDateIndonesian(q.member_since));
    return quote;
  }
  quote.membership_months = WholeMonthsBetween(q.member_since, q.event);
  // Months touched by membership, both ends counted: a contribution is owed for each.
  const int calendar_months =
      static_cast<int>(static_cast<unsigned>(q.event.month())) -
      static_cast<int>(static_cast<unsigned>(q.member_since.month())) +
      12 * (static_cast<int>(q.event.year()) - static_cast<int>(q.member_since.year())) + 1;
  quote.paid_months = q.paid_months.value_or(quote.membership_months);
  if (quote.paid_months > calendar_months) {
    return Fail(Error::InvalidArgument(
        Fmt("Bulan iuran dibayar ({}) lebih banyak dari bulan kepesertaan sampai kejadian ({})",
            quote.paid_months, calendar_months)));
  }

  if (q.kind == ClaimKind::kJkm) {
    QuoteJkm(rules, q, quote);
  } else if (JkkLapsed(rules.jkk, q, quote)) {
    return quote;
  } else if (q.outcome == JkkOutcome::kDeath) {
    QuoteJkkDeath(rules, q, quote);
  } else if (q.outcome == JkkOutcome::kTotalDisability) {
    QuoteJkkDisability(rules.jkk, q, quote);
  } else {
    QuoteJkkInjury(rules.jkk, q, quote);
  }
  quote.eligible = true;
  for (const BenefitItem& item : quote.items) quote.total += item.amount;
  return quote;
}

// --- explanations ------------------------------------------------------------------------------

namespace {

// Whether any of `fields` (paths of docs/policy.md) is flagged uncertain in the version.
bool AnyUncertain(const RuleVersion& v, std::initializer_list<std::string_view> fields) {
  if (v.certainty == Certainty::kUncertain) return true;
  for (const std::string& flagged : v.uncertain_fields) {
    for (std::string_view field : fields) {
      if (flagged == field || (field.ends_with('.') && flagged.starts_with(field))) return true;
    }
  }
  return false;
}

std::string LevelsText(const Scholarship& s, bool english) {
  std::string text;
  for (const ScholarshipLevel& level : s.levels) {
    if (!text.empty()) text += ", ";
    text += (english ? LevelLabelEnglish(level.level) : LevelLabel(level.level)) + " " +
            FormatRupiah(level.per_year);
  }
  return text;
}

}  // namespace

std::vector<RuleExplanation> ExplainBenefitRules(const RuleVersion& v) {
  if (v.family() != RuleFamily::kBenefits) return {};
  const BenefitRules& r = std::get<BenefitRules>(v.rules);
  const JkmBenefit& jkm = r.jkm;
  const EarlyDeathBenefit& early = r.early_death;
  const Scholarship& s = r.scholarship;
  const JkkBenefit& k = r.jkk;
  const std::string id_ref = " Dasar hukum: " + v.legal_reference + ".";
  const std::string en_ref = " Legal basis: " + v.legal_reference + ".";
  std::vector<RuleExplanation> out;
  const auto add = [&](std::string_view code, bool uncertain, std::string title_id,
                       std::string text_id, std::string title_en, std::string text_en) {
    out.push_back({std::string(code), std::move(title_id), std::move(text_id) + id_ref,
                   std::move(title_en), std::move(text_en) + en_ref, uncertain});
  };

  add(kRuleJkmLumpSum, AnyUncertain(v, {"jkm.lump_sum"}), "Santunan sekaligus JKM",
      Fmt("Jika peserta meninggal bukan karena kecelakaan kerja, setelah {} bulan pertama "
          "kepesertaan, ahli waris menerima santunan sekaligus {}. Seluruh JKM: {}.",
          early.membership_months, FormatRupiah(jkm.lump_sum), FormatRupiah(jkm.Total())),
      "JKM lump sum",
      Fmt("When a member dies not from a work accident, after the first {} months of membership, "
          "the heirs receive a lump sum of {}. The whole JKM benefit: {}.",
          early.membership_months, FormatRupiah(jkm.lump_sum), FormatRupiah(jkm.Total())));
  add(kRuleJkmPeriodic, AnyUncertain(v, {"jkm.periodic", "jkm.periodic_months"}),
      "Santunan berkala JKM",
      Fmt("Santunan berkala {}, setara {} bulan pembayaran, dibayar sekaligus.",
          FormatRupiah(jkm.periodic), jkm.periodic_months),
      "JKM periodic benefit",
      Fmt("A periodic benefit of {}, standing for {} monthly payments, paid at once.",
          FormatRupiah(jkm.periodic), jkm.periodic_months));
  add(kRuleJkmFuneral, AnyUncertain(v, {"jkm.funeral"}), "Biaya pemakaman JKM",
      Fmt("Biaya pemakaman {}.", FormatRupiah(jkm.funeral)), "JKM funeral costs",
      Fmt("Funeral costs of {}.", FormatRupiah(jkm.funeral)));
  add(kRuleEarlyDeathCompensation,
      AnyUncertain(v, {"early_death.compensation", "early_death.membership_months"}),
      "Meninggal dalam bulan-bulan pertama kepesertaan",
      Fmt("Jika peserta meninggal dalam {} bulan pertama kepesertaan (sebelum tanggal yang sama "
          "{} bulan setelah kepesertaan dimulai), ahli waris tidak menerima JKM penuh {}, "
          "melainkan santunan {} dan biaya pemakaman {}, seluruhnya {}.",
          early.membership_months, early.membership_months, FormatRupiah(jkm.Total()),
          FormatRupiah(early.compensation), FormatRupiah(early.funeral),
          FormatRupiah(early.Total())),
      "Death in the first months of membership",
      Fmt("When a member dies within the first {} months of membership (before the same day {} "
          "months after membership began), the heirs do not receive the full JKM of {} but a "
          "compensation of {} and funeral costs of {}, {} in all.",
          early.membership_months, early.membership_months, FormatRupiah(jkm.Total()),
          FormatRupiah(early.compensation), FormatRupiah(early.funeral),
          FormatRupiah(early.Total())));
  add(kRuleEarlyDeathFuneral, AnyUncertain(v, {"early_death.funeral"}),
      "Biaya pemakaman dalam bulan-bulan pertama",
      Fmt("Biaya pemakaman untuk kematian dalam {} bulan pertama kepesertaan: {}.",
          early.membership_months, FormatRupiah(early.funeral)),
      "Funeral costs in the first months",
      Fmt("Funeral costs for a death within the first {} months of membership: {}.",
          early.membership_months, FormatRupiah(early.funeral)));
  add(kRuleScholarshipChild, AnyUncertain(v, {"scholarship."}), "Beasiswa anak",
      Fmt("Setelah paling sedikit {} bulan iuran dibayar, beasiswa diberikan untuk paling banyak "
          "{} anak berusia di bawah {} tahun, belum menikah dan belum bekerja, per tahun menurut "
          "jenjang: {}; seluruhnya paling banyak {}. Perkiraan menghitung tahun pertama menurut "
          "jenjang setiap anak; anak yang jenjangnya belum disebut dihitung pada jenjang "
          "terendah.",
          s.min_paid_months, s.max_children, s.max_age_exclusive, LevelsText(s, false),
          FormatRupiah(s.ceiling)),
      "Scholarship for children",
      Fmt("After at least {} months of paid contributions, a scholarship is paid for at most {} "
          "children under {}, unmarried and not working, per year by school level: {}; at most "
          "{} in all. The quote counts each child's first year at its level; a child whose level "
          "is not given counts at the lowest level.",
          s.min_paid_months, s.max_children, s.max_age_exclusive, LevelsText(s, true),
          FormatRupiah(s.ceiling)));
  add(kRuleJkkDeathCompensation,
      AnyUncertain(v, {"jkk.death_income_multiple", "jkk.death_at_least_jkm"}),
      "Meninggal akibat kecelakaan kerja",
      Fmt("Santunan {} × penghasilan bulanan yang dilaporkan{}.", k.death_income_multiple,
          k.death_at_least_jkm ? ", paling sedikit santunan JKM " + FormatRupiah(jkm.Total())
                               : std::string()),
      "Death from a work accident",
      Fmt("A compensation of {} × the declared monthly income{}.", k.death_income_multiple,
          k.death_at_least_jkm ? ", at least the JKM amount of " + FormatRupiah(jkm.Total())
                               : std::string()));
  add(kRuleJkkDeathFuneral, AnyUncertain(v, {"jkk.death_funeral"}),
      "Biaya pemakaman (kecelakaan kerja)",
      Fmt("Biaya pemakaman {}.", FormatRupiah(k.death_funeral)), "Funeral costs (work accident)",
      Fmt("Funeral costs of {}.", FormatRupiah(k.death_funeral)));
  add(kRuleJkkDeathPeriodic, AnyUncertain(v, {"jkk.death_periodic"}),
      "Santunan berkala (kecelakaan kerja)",
      Fmt("Santunan berkala {}, dibayar sekaligus.", FormatRupiah(k.death_periodic)),
      "Periodic benefit (work accident)",
      Fmt("A periodic benefit of {}, paid at once.", FormatRupiah(k.death_periodic)));
  add(kRuleJkkTotalDisability,
      AnyUncertain(v, {"jkk.total_disability_rate_bp", "jkk.total_disability_income_multiple"}),
      "Cacat total tetap",
      Fmt("Santunan {} × {} × penghasilan bulanan yang dilaporkan, dibulatkan ke rupiah "
          "terdekat.",
          FormatPercent(k.total_disability_rate), k.total_disability_income_multiple),
      "Total permanent disability",
      Fmt("A compensation of {} × {} × the declared monthly income, rounded to the nearest "
          "rupiah.",
          FormatPercent(k.total_disability_rate), k.total_disability_income_multiple));
  add(kRuleJkkMedicalCare, false, "Perawatan dan pengobatan",
      "Perawatan dan pengobatan sesuai kebutuhan medis, tanpa batas biaya.", "Medical care",
      "Medical care as needed, with no ceiling.");
  add(kRuleJkkStmbFull, AnyUncertain(v, {"jkk.stmb_full_rate_bp", "jkk.stmb_full_months"}),
      "Santunan tidak mampu bekerja (STMB)",
      Fmt("Selama tidak mampu bekerja: {} penghasilan bulanan setiap bulan untuk {} bulan "
          "pertama.",
          FormatPercent(k.stmb_full_rate), k.stmb_full_months),
      "Wage replacement while unable to work (STMB)",
      Fmt("While unable to work: {} of the monthly income for each of the first {} months.",
          FormatPercent(k.stmb_full_rate), k.stmb_full_months));
  add(kRuleJkkStmbAfter, AnyUncertain(v, {"jkk.stmb_after_rate_bp"}),
      "STMB sesudah bulan-bulan pertama",
      Fmt("Sesudah {} bulan pertama: {} penghasilan bulanan setiap bulan sampai dapat bekerja "
          "lagi.",
          k.stmb_full_months, FormatPercent(k.stmb_after_rate)),
      "STMB after the first months",
      Fmt("After the first {} months: {} of the monthly income for each month until the worker "
          "can work again.",
          k.stmb_full_months, FormatPercent(k.stmb_after_rate)));
  add(kRuleJkkClaimLapse, AnyUncertain(v, {"jkk.claim_lapse_years", "jkk.report_within_hours"}),
      "Batas waktu klaim JKK",
      Fmt("Kecelakaan kerja dilaporkan dalam {} jam. Klaim JKK diajukan paling lambat {} tahun "
          "setelah kecelakaan; sesudahnya tidak ada manfaat.",
          k.report_within_hours, k.claim_lapse_years),
      "JKK claim deadline",
      Fmt("A work accident is reported within {} hours. A JKK claim is made at the latest {} "
          "years after the accident; after that nothing is owed.",
          k.report_within_hours, k.claim_lapse_years));
  return out;
}

}  // namespace jaring::policy
