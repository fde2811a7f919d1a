#include "policy/version.hpp"

#include <array>

#include "domain/date_format.hpp"
#include "domain/occupation.hpp"
#include "policy/internal/fmt.hpp"
#include "policy/internal/rules_json.hpp"

namespace jaring::policy {
namespace {

using domain::Money;

struct FamilyName {
  RuleFamily family;
  std::string_view code;
  std::string_view label;
};
constexpr std::array<FamilyName, 4> kFamilies = {{
    {RuleFamily::kContribution, "contribution", "Iuran"},
    {RuleFamily::kPaymentTerms, "payment_terms", "Jatuh tempo dan tunggakan"},
    {RuleFamily::kBenefits, "benefits", "Manfaat"},
    {RuleFamily::kEligibility, "eligibility", "Kelayakan"},
}};

// Collects the first problem of one version; messages name the field as the file does.
class Checker {
 public:
  explicit Checker(const RuleVersion& version) : version_(version) {}

  void Require(bool condition, std::string_view field, std::string_view problem) {
    if (!condition && !error_) {
      error_ = Error::InvalidArgument(
          internal::Fmt("{}: kolom \"{}\" {}", DescribeVersion(version_), field, problem),
          internal::Fmt("policy version field {}", field));
    }
  }
  void Amount(Money amount, std::string_view field) {
    Require(!amount.is_negative() && amount.rupiah() <= kMaxFigureRupiah, field,
            "harus antara Rp 0 dan Rp 1.000.000.000.000");
  }
  void PositiveAmount(Money amount, std::string_view field) {
    Amount(amount, field);
    Require(amount.rupiah() > 0, field, "harus lebih dari Rp 0");
  }
  void Rate(BasisPoints rate, std::string_view field) {
    Require(rate >= 0 && rate <= kWholeRate, field, "harus antara 0 dan 10000 (0-100 %)");
  }
  void Count(int value, std::string_view field, int min, int max) {
    Require(value >= min && value <= max, field,
            internal::Fmt("harus bilangan bulat antara {} dan {}", min, max));
  }
  Status Result() const {
    if (error_) return Fail(*error_);
    return {};
  }

 private:
  const RuleVersion& version_;
  std::optional<Error> error_;
};

void Check(Checker& c, const ContributionRules& r) {
  c.Require(!r.brackets.empty(), "rules.brackets", "harus berisi paling sedikit satu golongan");
  std::optional<Money> previous;
  for (std::size_t i = 0; i < r.brackets.size(); ++i) {
    const IncomeBracket& b = r.brackets[i];
    const std::string at = internal::Fmt("rules.brackets[{}]", i);
    const bool last = i + 1 == r.brackets.size();
    c.Require(b.income_up_to.has_value() || last, at + ".income_up_to",
              "wajib diisi kecuali pada golongan terakhir");
    if (b.income_up_to) {
      c.PositiveAmount(*b.income_up_to, at + ".income_up_to");
      c.Require(!previous || *b.income_up_to > *previous, at + ".income_up_to",
                "harus lebih besar dari batas golongan sebelumnya");
      previous = b.income_up_to;
    }
    if (b.basis) c.PositiveAmount(*b.basis, at + ".basis");
  }
  c.Rate(r.jkk_rate, "rules.jkk_rate_bp");
  c.Require(r.jkk_rate > 0, "rules.jkk_rate_bp", "harus lebih dari 0");
  c.PositiveAmount(r.jkm_amount, "rules.jkm_amount");
  c.Rate(r.jht_rate, "rules.jht_rate_bp");
}

void Check(Checker& c, const PaymentTerms& r) {
  c.Count(r.due_day, "rules.due_day", 1, 31);
  c.Count(r.arrears_limit_months, "rules.arrears_limit_months", 0, 120);
  c.Require(r.proration == "whole_month" || r.proration == "by_day", "rules.proration",
            "harus whole_month atau by_day");
}

void Check(Checker& c, const BenefitRules& r) {
  c.PositiveAmount(r.jkm.lump_sum, "rules.jkm.lump_sum");
  c.Amount(r.jkm.periodic, "rules.jkm.periodic");
  c.Count(r.jkm.periodic_months, "rules.jkm.periodic_months", 0, 600);
  c.Amount(r.jkm.funeral, "rules.jkm.funeral");
  c.Count(r.early_death.membership_months, "rules.early_death.membership_months", 0, 600);
  c.Amount(r.early_death.compensation, "rules.early_death.compensation");
  c.Amount(r.early_death.funeral, "rules.early_death.funeral");
  const Scholarship& s = r.scholarship;
  c.Count(s.min_paid_months, "rules.scholarship.min_paid_months", 0, 600);
  c.Count(s.max_children, "rules.scholarship.max_children", 0, 20);
  c.Count(s.max_age_exclusive, "rules.scholarship.max_age_exclusive", 1, 100);
  for (std::size_t i = 0; i < s.levels.size(); ++i) {
    const std::string at = internal::Fmt("rules.scholarship.levels[{}]", i);
    c.Require(!s.levels[i].level.empty(), at + ".level", "wajib diisi");
    for (std::size_t j = 0; j < i; ++j) {
      c.Require(s.levels[j].level != s.levels[i].level, at + ".level", "sudah ada di daftar");
    }
    c.Amount(s.levels[i].per_year, at + ".per_year");
  }
  c.Amount(s.ceiling, "rules.scholarship.ceiling");
  const JkkBenefit& k = r.jkk;
  c.Count(k.death_income_multiple, "rules.jkk.death_income_multiple", 0, 1000);
  c.Amount(k.death_funeral, "rules.jkk.death_funeral");
  c.Amount(k.death_periodic, "rules.jkk.death_periodic");
  c.Rate(k.stmb_full_rate, "rules.jkk.stmb_full_rate_bp");
  c.Count(k.stmb_full_months, "rules.jkk.stmb_full_months", 0, 600);
  c.Rate(k.stmb_after_rate, "rules.jkk.stmb_after_rate_bp");
  c.Rate(k.total_disability_rate, "rules.jkk.total_disability_rate_bp");
  c.Count(k.total_disability_income_multiple, "rules.jkk.total_disability_income_multiple", 0,
          1000);
  c.Count(k.report_within_hours, "rules.jkk.report_within_hours", 0, 24 * 366);
  c.Count(k.claim_lapse_years, "rules.jkk.claim_lapse_years", 0, 100);
}

void Check(Checker& c, const EligibilityRules& r) {
  c.Count(r.age_min, "rules.age_min", 0, 150);
  c.Count(r.age_max_exclusive, "rules.age_max_exclusive", r.age_min + 1, 151);
  c.Require(!r.occupations.empty(), "rules.occupations",
            "harus berisi paling sedikit satu pekerjaan");
  for (std::size_t i = 0; i < r.occupations.size(); ++i) {
    const std::string at = internal::Fmt("rules.occupations[{}]", i);
    c.Require(domain::FindOccupation(r.occupations[i]) != nullptr, at,
              internal::Fmt("bukan kode pekerjaan yang dikenal: \"{}\"", r.occupations[i]));
    for (std::size_t j = 0; j < i; ++j) {
      c.Require(r.occupations[j] != r.occupations[i], at, "sudah ada di daftar");
    }
  }
}

}  // namespace

std::string_view RuleFamilyCode(RuleFamily family) {
  return kFamilies[static_cast<std::size_t>(family)].code;
}

std::string_view RuleFamilyLabel(RuleFamily family) {
  return kFamilies[static_cast<std::size_t>(family)].label;
}

Result<RuleFamily> ParseRuleFamily(std::string_view code) {
  for (const FamilyName& f : kFamilies) {
    if (f.code == code) return f.family;
  }
  return Fail(Error::InvalidArgument(
      internal::Fmt("Jenis aturan tidak dikenal: \"{}\" (pilih contribution, payment_terms, "
                    "benefits, atau eligibility)",
                    code)));
}

std::string_view CertaintyCode(Certainty certainty) {
  return certainty == Certainty::kConfirmed ? "confirmed" : "uncertain";
}

Result<Certainty> ParseCertainty(std::string_view code) {
  if (code == "confirmed") return Certainty::kConfirmed;
  if (code == "uncertain") return Certainty::kUncertain;
  return Fail(Error::InvalidArgument(internal::Fmt(
      "Tingkat kepastian tidak dikenal: \"{}\" (pilih confirmed atau uncertain)", code)));
}

std::string DescribeVersion(RuleFamily family, Date effective_from) {
  if (!effective_from.ok()) return std::string(RuleFamilyLabel(family));
  return internal::Fmt("{}, berlaku mulai {}", RuleFamilyLabel(family),
                       domain::FormatDateIndonesian(effective_from));
}

Status Validate(const RuleVersion& version) {
  Checker c(version);
  c.Require(version.effective_from.ok(), "effective_from", "bukan tanggal yang sah");
  if (version.effective_until) {
    c.Require(version.effective_until->ok(), "effective_until", "bukan tanggal yang sah");
    c.Require(!version.effective_from.ok() || !version.effective_until->ok() ||
                  *version.effective_until >= version.effective_from,
              "effective_until", "tidak boleh sebelum effective_from");
  }
  c.Require(version.legal_reference.find_first_not_of(" \t\r\n") != std::string::npos,
            "legal_reference", "wajib diisi (dasar hukum versi ini)");
  std::visit([&](const auto& rules) { Check(c, rules); }, version.rules);
  const auto rules_json = internal::RulesToJson(version.rules);
  for (std::size_t i = 0; i < version.uncertain_fields.size(); ++i) {
    const std::string& path = version.uncertain_fields[i];
    c.Require(internal::NamesField(rules_json, path), internal::Fmt("uncertain_fields[{}]", i),
              internal::Fmt("\"{}\" bukan nama kolom di dalam rules", path));
  }
  return c.Result();
}

}  // namespace jaring::policy
