#include "services/claim_assessment.hpp"

#include <algorithm>
#include <map>

#include "domain/date_format.hpp"
#include "domain/period.hpp"

namespace jaring::services::claims {
namespace {

Error Refused(std::string message, std::string field) {
  return Error::InvalidArgument(std::move(message), std::move(field));
}

std::string Indonesian(std::string_view iso) {
  auto d = domain::ParseIsoDate(iso);
  return d ? domain::FormatDateIndonesian(*d) : std::string(iso);
}

}  // namespace

Result<Assessment> Assess(storage::Transaction& tx, const policy::PolicyBook& book,
                          std::string_view regency, std::int64_t worker_id,
                          const ClaimInputs& inputs,
                          const std::vector<storage::HeirRecord>& heirs) {
  auto event = domain::ParseIsoDate(inputs.event_date);
  if (!event) return Fail(Refused("Tanggal kejadian tidak sah: " + inputs.event_date, "event"));
  auto kind = policy::ParseClaimKind(inputs.kind);
  if (!kind) return Fail(std::move(kind.error()));
  auto outcome = policy::ParseJkkOutcome(inputs.outcome);
  if (!outcome) return Fail(std::move(outcome.error()));
  if (*kind == policy::ClaimKind::kJkm && *outcome != policy::JkkOutcome::kDeath)
    return Fail(Refused("Klaim JKM hanya untuk kematian", "outcome"));

  auto death = tx.Claims().DeathDate(regency, worker_id);
  if (!death) return Fail(std::move(death.error()));
  if (!death->empty() && inputs.event_date > *death) {
    return Fail(Refused("Tanggal kejadian " + Indonesian(inputs.event_date) +
                            " sesudah kematian pekerja yang tercatat (" + Indonesian(*death) + ")",
                        "event"));
  }

  auto coverage = tx.Enrolment().CoverageOfWorker(regency, worker_id);
  if (!coverage) return Fail(std::move(coverage.error()));
  Assessment a;
  const storage::CoverageRecord* at_event = nullptr;
  const storage::CoverageRecord* last_before = nullptr;
  for (const auto& c : *coverage) {
    if (c.start_date > inputs.event_date) continue;
    if (a.member_since.empty() || c.start_date < a.member_since) a.member_since = c.start_date;
    if (c.end_date >= inputs.event_date) at_event = &c;
    if (last_before == nullptr || c.end_date > last_before->end_date) last_before = &c;
  }
  if (!inputs.member_since.empty()) {
    if (!domain::ParseIsoDate(inputs.member_since))
      return Fail(Refused("Tanggal mulai kepesertaan tidak sah", "member_since"));
    a.member_since = inputs.member_since;
  }
  if (a.member_since.empty() || a.member_since > inputs.event_date) {
    return Fail(Refused(
        "Tanggal kejadian " + Indonesian(inputs.event_date) +
            (coverage->empty() ? " sebelum pekerja menjadi peserta: belum pernah didaftarkan"
                               : " sebelum kepesertaan dimulai (" +
                                     Indonesian(coverage->front().start_date) + ")"),
        "event"));
  }
  a.covered = at_event != nullptr;
  const storage::CoverageRecord* cover = at_event != nullptr ? at_event : last_before;
  if (cover != nullptr) {
    a.program_id = cover->program_id;
    a.kpj = cover->kpj;
  }

  // Months paid and unpaid by the event, from the program's bills and payments.
  std::int64_t income = 1'000'000;
  if (cover != nullptr) {
    auto program = tx.Programs().Get(regency, cover->program_id);
    if (program && program->declared_income > 0) income = program->declared_income;
    auto bills = tx.Bills().List(regency, cover->program_id);
    if (!bills) return Fail(std::move(bills.error()));
    auto payments = tx.Payments().List(regency, cover->program_id, std::nullopt);
    if (!payments) return Fail(std::move(payments.error()));
    std::map<std::string, std::int64_t> paid;
    for (const auto& p : *payments)
      if (p.paid_on <= inputs.event_date) paid[p.period] += p.amount;
    const std::string first_month = a.member_since.substr(0, 7);
    const std::string event_month = inputs.event_date.substr(0, 7);
    int unpaid_run = 0;
    for (const auto& b : *bills) {
      if (b.period < first_month || b.period > event_month) continue;
      const bool is_paid = paid[b.period] >= b.total;
      if (is_paid) {
        ++a.paid_months;
        unpaid_run = 0;
      } else if (b.due_date < inputs.event_date) {
        ++a.arrears_months;
        ++unpaid_run;
      }
    }
    if (!a.covered) {
      auto terms = book.RulesOn<policy::PaymentTerms>(*event);
      const int limit = terms ? (*terms)->arrears_limit_months : 3;
      a.failure_cause = unpaid_run > limit ? "arrears" : "coverage_ended";
    }
  }
  if (inputs.paid_months) a.paid_months = *inputs.paid_months;

  policy::BenefitQuery query;
  query.kind = *kind;
  query.member_since = *domain::ParseIsoDate(a.member_since);
  query.event = *event;
  query.income = domain::Money::Rupiah(income);
  query.outcome = *outcome;
  query.unable_to_work_months = inputs.unable_to_work_months;
  const int membership = policy::WholeMonthsBetween(query.member_since, query.event) + 1;
  query.paid_months = std::clamp(a.paid_months, 0, std::max(membership, 0));
  for (const auto& h : heirs) {
    if (h.relation != "child" || h.school_level.empty()) continue;
    ++query.children_in_school;
    query.child_levels.push_back(h.school_level);
  }
  auto quote = policy::QuoteBenefit(book, query);
  if (!quote) return Fail(std::move(quote.error()));
  a.quote = std::move(*quote);
  if (!a.covered) {
    a.quote.eligible = false;
    a.quote.total = domain::Money::Rupiah(0);
    a.quote.reason = a.failure_cause == "arrears"
                         ? "Kepesertaan berakhir karena tunggakan iuran lebih dari batas; klaim "
                           "tidak dapat dibayar"
                         : "Pekerja tidak lagi terlindungi pada tanggal kejadian (kepesertaan "
                           "berakhir " +
                               Indonesian(cover != nullptr ? cover->end_date : "") + ")";
  }
  return a;
}

nlohmann::ordered_json QuoteToJson(const policy::BenefitQuote& q) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& i : q.items) {
    items.push_back(
        {{"name", i.name}, {"amount", i.amount.rupiah()}, {"rule", i.rule}, {"detail", i.detail}});
  }
  return {{"eligible", q.eligible},
          {"total", q.total.rupiah()},
          {"items", std::move(items)},
          {"reason", q.reason},
          {"membership_months", q.membership_months},
          {"paid_months", q.paid_months},
          {"legal_reference", q.legal_reference},
          {"version_from", domain::FormatIsoDate(q.version_from)}};
}

nlohmann::ordered_json AssessmentToJson(const Assessment& a, const ClaimInputs& inputs) {
  nlohmann::ordered_json in = {{"outcome", inputs.outcome}};
  if (!inputs.member_since.empty()) in["member_since"] = inputs.member_since;
  if (inputs.paid_months) in["paid_months"] = *inputs.paid_months;
  if (inputs.unable_to_work_months > 0) in["unable_to_work_months"] = inputs.unable_to_work_months;
  return {{"covered", a.covered},
          {"member_since", a.member_since},
          {"program_id", a.program_id},
          {"kpj", a.kpj},
          {"paid_months", a.paid_months},
          {"arrears_months", a.arrears_months},
          {"failure_cause", a.failure_cause},
          {"inputs", std::move(in)},
          {"quote", QuoteToJson(a.quote)}};
}

ClaimInputs InputsFromJson(const nlohmann::json& stored, const storage::ClaimRecord& claim) {
  ClaimInputs in;
  in.kind = claim.kind;
  in.outcome = claim.outcome;
  in.event_date = claim.event_date;
  if (!stored.is_object() || !stored.contains("inputs")) return in;
  const auto& j = stored["inputs"];
  in.member_since = j.value("member_since", std::string());
  if (j.contains("paid_months")) in.paid_months = j["paid_months"].get<int>();
  in.unable_to_work_months = j.value("unable_to_work_months", 0);
  return in;
}

}  // namespace jaring::services::claims
