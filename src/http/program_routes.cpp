#include "http/program_routes.hpp"

#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"
#include "domain/funding_source.hpp"
#include "http/api_json.hpp"
#include "http/problem.hpp"
#include "http/route_helpers.hpp"
#include "policy/benefit.hpp"
#include "services/policy_service.hpp"
#include "services/program_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::json;

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int64_t>::max();

// DumpJson for the services' ordered JSON, which keeps its documented key order.
Status ProgramsAvailable(const ApiContext& context) {
  if (context.programs != nullptr) return {};
  return Fail(Error::Unavailable("Layanan program tidak tersedia"));
}

Status PolicyAvailable(const ApiContext& context) {
  if (context.policy != nullptr) return {};
  return Fail(Error::Unavailable("Layanan kebijakan tidak tersedia"));
}

Result<std::int64_t> ProgramId(const Request& request) {
  return PathId(request, "id", "Program tidak ditemukan");
}

// An optional whole number in [min, max]: nullopt when absent or null.
Result<std::optional<std::int64_t>> OptionalInteger(const json& body, std::string_view name,
                                                    std::int64_t min, std::int64_t max) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::int64_t>();
  auto value = IntegerIn(*it, min, max, name);
  if (!value) return Fail(std::move(value.error()));
  return std::optional<std::int64_t>(*value);
}

Result<std::optional<bool>> OptionalFlag(const json& body, std::string_view name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<bool>();
  auto value = FlagField(body, name);
  if (!value) return Fail(std::move(value.error()));
  return std::optional<bool>(*value);
}

Result<std::optional<std::vector<std::string>>> OptionalTextList(const json& body,
                                                                 std::string_view name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::vector<std::string>>();
  std::vector<std::string> out;
  const auto refused = Error::InvalidArgument(std::string(name) + " harus berupa daftar teks");
  if (!it->is_array()) return Fail(refused);
  for (const auto& item : *it) {
    if (!item.is_string()) return Fail(refused);
    out.push_back(item.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<std::vector<domain::FundingShare>> FundingOf(const json& body) {
  const auto it = body.find("funding");
  if (it == body.end() || !it->is_array()) {
    return Fail(Error::InvalidArgument(
        "funding harus berupa daftar [{\"source\":\"DBHCHT\",\"share_bp\":10000}]"));
  }
  std::vector<domain::FundingShare> shares;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    const std::string at = "funding[" + std::to_string(i) + "]";
    if (!item.is_object()) return Fail(Error::InvalidArgument(at + " harus berupa objek"));
    auto code = TextField(item, "source");
    if (!code) return Fail(std::move(code.error()));
    const auto source = domain::FundingSourceFromCode(*code);
    if (!source) {
      return Fail(Error::InvalidArgument(at + ".source \"" + *code +
                                         "\" tidak dikenal; pilih DBHCHT, APBD, APBDES, "
                                         "PROVINSI atau CSR"));
    }
    const auto share_it = item.find("share_bp");
    auto share = share_it == item.end() ? Result<std::int64_t>(10000)
                                        : IntegerIn(*share_it, 1, 10000, at + ".share_bp");
    if (!share) return Fail(std::move(share.error()));
    shares.push_back({*source, static_cast<int>(*share)});
  }
  if (auto ok = domain::CheckFunding(shares); !ok) return Fail(ok.error());
  return shares;
}

Result<services::ProgramInput> InputOf(const json& body, std::string regency) {
  services::ProgramInput in;
  in.regency_code = std::move(regency);
  auto name = TextField(body, "name");
  if (!name) return Fail(std::move(name.error()));
  in.name = *name;
  auto funding = FundingOf(body);
  if (!funding) return Fail(std::move(funding.error()));
  in.funding = std::move(*funding);
  const auto budget_it = body.find("budget");
  if (budget_it == body.end()) return Fail(Error::InvalidArgument("budget wajib diisi"));
  auto budget = IntegerIn(*budget_it, std::numeric_limits<std::int64_t>::min(), kMaxInt, "budget");
  if (!budget) return Fail(std::move(budget.error()));
  in.budget = domain::Money::Rupiah(*budget);
  for (auto [field, target] : {std::pair{"period_from", &in.from}, std::pair{"period_to", &in.to},
                               std::pair{"participation_code", &in.participation_code},
                               std::pair{"budget_decree", &in.budget_decree},
                               std::pair{"budget_decree_date", &in.budget_decree_date}}) {
    auto text = TextField(body, field);
    if (!text) return Fail(std::move(text.error()));
    *target = *text;
  }
  auto year = OptionalInteger(body, "fiscal_year", 2000, 9999);
  if (!year) return Fail(std::move(year.error()));
  if (*year) in.fiscal_year = static_cast<int>(**year);
  auto quota = OptionalInteger(body, "quota", 0, kMaxInt);
  if (!quota) return Fail(std::move(quota.error()));
  in.quota = quota->value_or(0);
  auto income = OptionalInteger(body, "declared_income", 1, kMaxInt);
  if (!income) return Fail(std::move(income.error()));
  if (*income) in.declared_income = domain::Money::Rupiah(**income);
  auto jht = FlagField(body, "with_jht");
  if (!jht) return Fail(std::move(jht.error()));
  in.with_jht = *jht;
  auto priority = OptionalTextList(body, "priority");
  if (!priority) return Fail(std::move(priority.error()));
  in.priority = std::move(*priority);

  const auto eligibility = body.find("eligibility");
  if (eligibility != body.end() && !eligibility->is_null()) {
    if (!eligibility->is_object()) {
      return Fail(Error::InvalidArgument("eligibility harus berupa objek"));
    }
    auto age_min = OptionalInteger(*eligibility, "age_min", 0, 150);
    if (!age_min) return Fail(std::move(age_min.error()));
    if (*age_min) in.age_min = static_cast<int>(**age_min);
    auto age_max = OptionalInteger(*eligibility, "age_max", 0, 150);
    if (!age_max) return Fail(std::move(age_max.error()));
    if (*age_max) in.age_max = static_cast<int>(**age_max);
    auto occupations = OptionalTextList(*eligibility, "occupations");
    if (!occupations) return Fail(std::move(occupations.error()));
    in.occupations = std::move(*occupations);
    auto domicile = OptionalFlag(*eligibility, "domicile_in_regency");
    if (!domicile) return Fail(std::move(domicile.error()));
    in.domicile_in_regency = *domicile;
    auto exclude = OptionalFlag(*eligibility, "exclude_wage_earners");
    if (!exclude) return Fail(std::move(exclude.error()));
    in.exclude_wage_earners = *exclude;
  }
  return in;
}

Result<Response> ProgramResponse(const ApiContext& context, const Request& request, std::int64_t id,
                                 int status) {
  auto program = context.programs->Get(Regency(request), id, ActorOf(request));
  if (!program) return Fail(std::move(program.error()));
  return Response::Json(DumpOrdered(services::ProgramToJson(*program)), status);
}

Result<Response> ListPrograms(const ApiContext& context, const Request& request) {
  if (auto ok = ProgramsAvailable(context); !ok) return Fail(ok.error());
  auto programs = context.programs->List(Regency(request), ActorOf(request));
  if (!programs) return Fail(std::move(programs.error()));
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& p : *programs) items.push_back(services::ProgramToJson(p));
  return Response::Json(DumpOrdered({{"items", std::move(items)}}));
}

Result<Response> AddProgram(const ApiContext& context, const Request& request) {
  if (auto ok = ProgramsAvailable(context); !ok) return Fail(ok.error());
  auto body = JsonObjectBody(request);
  if (!body) return Fail(std::move(body.error()));
  auto input = InputOf(*body, Regency(request));
  if (!input) return Fail(std::move(input.error()));
  auto id = context.programs->Add(*input, ActorOf(request));
  if (!id) return Fail(std::move(id.error()));
  return ProgramResponse(context, request, *id, 201);
}

Result<Response> GetProgram(const ApiContext& context, const Request& request) {
  if (auto ok = ProgramsAvailable(context); !ok) return Fail(ok.error());
  auto id = ProgramId(request);
  if (!id) return Fail(std::move(id.error()));
  return ProgramResponse(context, request, *id, 200);
}

Result<Response> Revise(const ApiContext& context, const Request& request) {
  if (auto ok = ProgramsAvailable(context); !ok) return Fail(ok.error());
  auto id = ProgramId(request);
  if (!id) return Fail(std::move(id.error()));
  auto body = JsonObjectBody(request);
  if (!body) return Fail(std::move(body.error()));
  const auto budget_it = body->find("budget");
  if (budget_it == body->end()) return Fail(Error::InvalidArgument("budget wajib diisi"));
  auto budget = IntegerIn(*budget_it, std::numeric_limits<std::int64_t>::min(), kMaxInt, "budget");
  if (!budget) return Fail(std::move(budget.error()));
  auto decree = TextField(*body, "decree");
  if (!decree) return Fail(std::move(decree.error()));
  auto date = TextField(*body, "date");
  if (!date) return Fail(std::move(date.error()));
  auto quota = OptionalInteger(*body, "quota", 0, kMaxInt);
  if (!quota) return Fail(std::move(quota.error()));
  auto line = context.programs->Revise(
      Regency(request), *id, {domain::Money::Rupiah(*budget), *decree, *date, *quota},
      ActorOf(request));
  if (!line) return Fail(std::move(line.error()));
  return ProgramResponse(context, request, *id, 201);
}

Result<Response> Simulation(const ApiContext& context, const Request& request) {
  if (auto ok = ProgramsAvailable(context); !ok) return Fail(ok.error());
  auto id = ProgramId(request);
  if (!id) return Fail(std::move(id.error()));
  services::SimulationRequest asked;
  if (!request.Query("workers").empty()) {
    auto workers = IntegerQuery(request, "workers", 0);
    if (!workers) return Fail(std::move(workers.error()));
    asked.workers = *workers;
  }
  if (!request.Query("from").empty()) asked.from = std::string(request.Query("from"));
  if (!request.Query("add_workers").empty()) {
    auto added = IntegerQuery(request, "add_workers", 1);
    if (!added) return Fail(std::move(added.error()));
    asked.add_workers = *added;
  }
  if (!request.Query("add_from").empty()) asked.add_from = std::string(request.Query("add_from"));
  auto sim = context.programs->Simulate(Regency(request), *id, asked, ActorOf(request));
  if (!sim) return Fail(std::move(sim.error()));
  return Response::Json(DumpOrdered(services::SimulationToJson(*sim)));
}

// ?date=YYYY-MM-DD, today when absent.
Result<policy::Date> DateQuery(const Request& request) {
  const std::string_view text = request.Query("date");
  if (text.empty()) {
    return std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  }
  auto parsed = domain::ParseIsoDate(text);
  if (!parsed) return Fail(Error::InvalidArgument("date harus berbentuk YYYY-MM-DD"));
  return *parsed;
}

Result<Response> PolicyInForce(const ApiContext& context, const Request& request) {
  if (auto ok = PolicyAvailable(context); !ok) return Fail(ok.error());
  auto day = DateQuery(request);
  if (!day) return Fail(std::move(day.error()));
  const policy::Date date = *day;
  auto builtin = context.policy->UsesDefaults();
  if (!builtin) return Fail(std::move(builtin.error()));
  auto file = context.policy->InForceJson(date);
  if (!file) return Fail(std::move(file.error()));
  json versions = json::parse(*file).at("versions");
  return Response::Json(DumpJson(json{{"date", domain::FormatIsoDate(date)},
                                      {"builtin", *builtin},
                                      {"versions", std::move(versions)}}));
}

// How the benefits of the version in force on ?date= (default today) are computed, rule by rule,
// in Indonesian and English (policy::ExplainBenefitRules): the page behind a claim's figures.
Result<Response> BenefitRules(const ApiContext& context, const Request& request) {
  if (auto ok = PolicyAvailable(context); !ok) return Fail(ok.error());
  auto day = DateQuery(request);
  if (!day) return Fail(std::move(day.error()));
  const policy::Date date = *day;
  auto book = context.policy->Book();
  if (!book) return Fail(std::move(book.error()));
  auto in_force = book->InForce(policy::RuleFamily::kBenefits, date);
  if (!in_force) return Fail(std::move(in_force.error()));
  const policy::RuleVersion& version = *in_force->version;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& r : policy::ExplainBenefitRules(version)) {
    rules.push_back({{"code", r.code},
                     {"title_id", r.title_id},
                     {"text_id", r.text_id},
                     {"title_en", r.title_en},
                     {"text_en", r.text_en},
                     {"uncertain", r.uncertain}});
  }
  nlohmann::ordered_json out = {
      {"date", domain::FormatIsoDate(date)},
      {"effective_from", domain::FormatIsoDate(version.effective_from)},
      {"legal_reference", version.legal_reference},
      {"certainty", std::string(policy::CertaintyCode(version.certainty))},
      {"rules", std::move(rules)}};
  return Response::Json(DumpOrdered(out));
}

Result<Response> AddPolicy(const ApiContext& context, const Request& request) {
  if (auto ok = PolicyAvailable(context); !ok) return Fail(ok.error());
  auto report = context.policy->AddFile(request.body, ActorOf(request));
  if (!report) return Fail(std::move(report.error()));
  return Response::Json(DumpJson(json{{"added", report->added.size()},
                                      {"ids", report->ids},
                                      {"defaults_stored", report->defaults_stored}}),
                        201);
}

}  // namespace

void AddProgramRoutes(Router& router, const ApiContext& context) {
  const std::string base = "/api/v1/regencies/{code}/programs";
  const auto view = RoutePolicy::InRegency(Permission::kViewDashboard);
  const auto manage = RoutePolicy::InRegency(Permission::kManagePrograms);
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& r) { return handler(context, r); };
  };
  router.Add(Method::kGet, base, "programs.list", view, bind(ListPrograms));
  router.Add(Method::kPost, base, "programs.create", manage, bind(AddProgram));
  router.Add(Method::kGet, base + "/{id}", "programs.get", view, bind(GetProgram));
  router.Add(Method::kPost, base + "/{id}/revisions", "programs.revise", manage, bind(Revise));
  router.Add(Method::kGet, base + "/{id}/simulation", "programs.simulate", view, bind(Simulation));
  router.Add(Method::kGet, "/api/v1/policy", "policy.in_force",
             RoutePolicy::Requires(Permission::kViewDashboard), bind(PolicyInForce));
  router.Add(Method::kGet, "/api/v1/policy/benefit-rules", "policy.benefit_rules",
             RoutePolicy::Requires(Permission::kViewDashboard), bind(BenefitRules));
  router.Add(Method::kPost, "/api/v1/policy", "policy.add",
             RoutePolicy::Requires(Permission::kManagePolicy), bind(AddPolicy));
}

}  // namespace jaring::http
