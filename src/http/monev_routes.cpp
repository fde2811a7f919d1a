#include "http/monev_routes.hpp"

#include <filesystem>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/route_helpers.hpp"
#include "services/monev_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::ordered_json;

Error Unavailable() { return Error::Unavailable("Layanan monev tidak tersedia"); }

const std::string& Param(const Request& r, const char* name) {
  return r.path_params.at(name);
}

Result<int> YearOf(std::string_view text) {
  if (text.size() != 4) return Fail(Error::InvalidArgument("Tahun harus 4 angka"));
  int year = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return Fail(Error::InvalidArgument("Tahun harus 4 angka"));
    year = year * 10 + (c - '0');
  }
  return year;
}

Result<Response> RegencyCoverage(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto m = c.monev->Regency(Regency(r), r.Query("period"), ActorOf(r));
  if (!m) return Fail(std::move(m.error()));
  return Response::Json(DumpOrdered(services::ToJson(*m)));
}

Result<Response> DistrictVillages(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto villages =
      c.monev->Villages(Regency(r), Param(r, "district"), r.Query("period"), ActorOf(r));
  if (!villages) return Fail(std::move(villages.error()));
  return Response::Json(DumpOrdered(Items(*villages)));
}

Result<Response> ProvinceCoverage(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto p = c.monev->Province(Param(r, "province"), r.Query("period"), ActorOf(r));
  if (!p) return Fail(std::move(p.error()));
  return Response::Json(DumpOrdered(services::ToJson(*p)));
}

Result<Response> ListDenominators(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  std::optional<int> year;
  if (!r.Query("year").empty()) {
    auto parsed = YearOf(r.Query("year"));
    if (!parsed) return Fail(std::move(parsed.error()));
    year = *parsed;
  }
  auto list = c.monev->Denominators(Param(r, "region"), year, ActorOf(r));
  if (!list) return Fail(std::move(list.error()));
  return Response::Json(DumpOrdered(Items(*list)));
}

Result<Response> PutDenominator(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto year = YearOf(Param(r, "year"));
  if (!year) return Fail(std::move(year.error()));
  auto body = JsonObjectBody(r);
  if (!body) return Fail(std::move(body.error()));
  services::DenominatorInput in;
  in.region_code = Param(r, "region");
  in.year = *year;
  in.name = Param(r, "name");
  auto value = IntegerIn(body->value("value", nlohmann::json()), 1,
                         std::numeric_limits<std::int64_t>::max(), "value");
  if (!value) return Fail(std::move(value.error()));
  in.value = *value;
  auto source = TextField(*body, "source");
  if (!source) return Fail(std::move(source.error()));
  in.source = std::move(*source);
  auto date = TextField(*body, "source_date");
  if (!date) return Fail(std::move(date.error()));
  in.source_date = std::move(*date);
  auto stored = c.monev->SetDenominator(in, ActorOf(r));
  if (!stored) return Fail(std::move(stored.error()));
  return Response::Json(DumpOrdered(services::ToJson(*stored)));
}

Result<Response> ImportDenominators(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto name = UploadFileName(r);
  if (!name) return Fail(name.error());
  if (name->empty()) *name = "penyebut.xlsx";
  auto file = SaveUpload(r, *name);
  if (!file) return Fail(file.error());
  auto report = c.monev->ImportDenominators(file->path(), ActorOf(r));
  if (!report) return Fail(std::move(report.error()));
  return Response::Json(
      DumpOrdered(ordered_json{{"rows", report->rows}, {"stored", report->stored}}));
}

Result<Response> ListTargets(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto list = c.monev->Targets(Param(r, "region"), ActorOf(r));
  if (!list) return Fail(std::move(list.error()));
  return Response::Json(DumpOrdered(Items(*list)));
}

Result<Response> PutTarget(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto year = YearOf(Param(r, "year"));
  if (!year) return Fail(std::move(year.error()));
  auto body = JsonObjectBody(r);
  if (!body) return Fail(std::move(body.error()));
  services::TargetInput in;
  in.region_code = Param(r, "region");
  in.year = *year;
  const auto value = body->value("value", nlohmann::json());
  if (!value.is_number())
    return Fail(Error::InvalidArgument("value harus angka pecahan (0.33)", "value"));
  in.value = value.get<double>();
  for (auto [field, into] : {std::pair{"denominator", &in.denominator}, std::pair{"source", &in.source}}) {
    auto text = TextField(*body, field);
    if (!text) return Fail(std::move(text.error()));
    *into = std::move(*text);
  }
  auto stored = c.monev->SetTarget(in, ActorOf(r));
  if (!stored) return Fail(std::move(stored.error()));
  return Response::Json(DumpOrdered(services::ToJson(*stored)));
}

Result<Response> PutBoundaries(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto report = c.monev->SetBoundaries(Regency(r), r.body, ActorOf(r));
  if (!report) return Fail(std::move(report.error()));
  return Response::Json(DumpOrdered(ordered_json{{"features", report->features},
                                                 {"matched", report->matched},
                                                 {"unmatched", report->unmatched}}));
}

Result<Response> GetBoundaries(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto stored = c.monev->Boundaries(Regency(r), ActorOf(r));
  if (!stored) return Fail(std::move(stored.error()));
  // None uploaded yet: an empty collection, so that the page simply draws no map.
  if (!*stored) return Response::Json(R"({"type":"FeatureCollection","features":[]})");
  return Response::Json(std::move(**stored));
}

// --- the monev report and its charts (services/monev_report.hpp) ---------------------------

std::string ReportName(std::string_view code, std::string_view period, std::string_view ext) {
  return "laporan-monev-" + std::string(code) + (period.empty() ? "" : "-" + std::string(period)) +
         "." + std::string(ext);
}

// "trend.png" -> "trend"; a name without ".png" is no chart.
Result<std::string> ChartName(const Request& r) {
  std::string name = Param(r, "chart");
  if (!name.ends_with(".png")) return Fail(Error::NotFound("Grafik tidak dikenal: " + name));
  name.resize(name.size() - 4);
  return name;
}

// An .xlsx the service writes to a temporary file, sent as `name`.
Result<Response> XlsxDownload(const std::function<Status(const std::filesystem::path&)>& write,
                              const std::string& name) {
  TempFile file(name);
  if (auto ok = write(file.path()); !ok) return Fail(ok.error());
  auto bytes = ReadWholeFile(file.path());
  if (!bytes) return Fail(bytes.error());
  return Attachment(kXlsxType, std::move(*bytes), name);
}

Result<Response> RegencyReportPdf(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto pdf = c.monev->RegencyPdf(Regency(r), r.Query("period"), ActorOf(r));
  if (!pdf) return Fail(std::move(pdf.error()));
  return Attachment("application/pdf", std::move(*pdf),
                    ReportName(Regency(r), r.Query("period"), "pdf"));
}

Result<Response> RegencyReportXlsx(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  return XlsxDownload(
      [&](const std::filesystem::path& out) {
        return c.monev->RegencyXlsx(Regency(r), r.Query("period"), out, ActorOf(r));
      },
      ReportName(Regency(r), r.Query("period"), "xlsx"));
}

Result<Response> RegencyChart(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto name = ChartName(r);
  if (!name) return Fail(std::move(name.error()));
  auto png = c.monev->RegencyChart(Regency(r), r.Query("period"), *name, ActorOf(r));
  if (!png) return Fail(std::move(png.error()));
  return Attachment("image/png", std::move(*png),
                    ReportName(Regency(r), r.Query("period"), *name + ".png"));
}

Result<Response> ProvinceReportPdf(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto pdf = c.monev->ProvincePdf(Param(r, "province"), r.Query("period"), ActorOf(r));
  if (!pdf) return Fail(std::move(pdf.error()));
  return Attachment("application/pdf", std::move(*pdf),
                    ReportName(Param(r, "province"), r.Query("period"), "pdf"));
}

Result<Response> ProvinceReportXlsx(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  return XlsxDownload(
      [&](const std::filesystem::path& out) {
        return c.monev->ProvinceXlsx(Param(r, "province"), r.Query("period"), out, ActorOf(r));
      },
      ReportName(Param(r, "province"), r.Query("period"), "xlsx"));
}

Result<Response> ProvinceChart(const ApiContext& c, const Request& r) {
  if (c.monev == nullptr) return Fail(Unavailable());
  auto name = ChartName(r);
  if (!name) return Fail(std::move(name.error()));
  auto png = c.monev->ProvinceChart(Param(r, "province"), r.Query("period"), *name, ActorOf(r));
  if (!png) return Fail(std::move(png.error()));
  return Attachment("image/png", std::move(*png),
                    ReportName(Param(r, "province"), r.Query("period"), *name + ".png"));
}

}  // namespace

bool IsBoundariesUpload(Method method, std::string_view target) {
  return IsRegencyUpload(method, target, "boundaries");
}

void AddMonevRoutes(Router& router, const ApiContext& context) {
  const std::string regency = "/api/v1/regencies/{code}";
  const std::string region = "/api/v1/regions/{region}";
  const auto dashboard = RoutePolicy::InRegency(Permission::kViewDashboard);
  const auto anywhere = RoutePolicy::Requires(Permission::kViewDashboard);
  const auto manage = RoutePolicy::Requires(Permission::kManageTargets);
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& r) { return handler(context, r); };
  };
  router.Add(Method::kGet, regency + "/coverage", "monev.regency", dashboard,
             bind(RegencyCoverage));
  router.Add(Method::kGet, regency + "/coverage/districts/{district}", "monev.villages", dashboard,
             bind(DistrictVillages));
  router.Add(Method::kGet, "/api/v1/provinces/{province}/coverage", "monev.province", anywhere,
             bind(ProvinceCoverage));
  router.Add(Method::kGet, region + "/denominators", "monev.denominators", anywhere,
             bind(ListDenominators));
  router.Add(Method::kPut, region + "/denominators/{year}/{name}", "monev.denominator_set", manage,
             bind(PutDenominator));
  router.Add(Method::kPost, "/api/v1/denominators", "monev.denominators_import", manage,
             bind(ImportDenominators));
  router.Add(Method::kGet, region + "/targets", "monev.targets", anywhere, bind(ListTargets));
  router.Add(Method::kPost, regency + "/boundaries", "monev.boundaries_set",
             RoutePolicy::InRegency(Permission::kManageTargets), bind(PutBoundaries));
  router.Add(Method::kGet, regency + "/boundaries", "monev.boundaries", dashboard,
             bind(GetBoundaries));
  router.Add(Method::kPut, region + "/targets/{year}", "monev.target_set", manage,
             bind(PutTarget));
  // The monev report and its charts: those who read reports.
  const auto reports = RoutePolicy::InRegency(Permission::kViewReports);
  const auto reports_anywhere = RoutePolicy::Requires(Permission::kViewReports);
  const std::string province = "/api/v1/provinces/{province}";
  router.Add(Method::kGet, regency + "/monev.pdf", "monev.report_pdf", reports,
             bind(RegencyReportPdf));
  router.Add(Method::kGet, regency + "/monev.xlsx", "monev.report_xlsx", reports,
             bind(RegencyReportXlsx));
  router.Add(Method::kGet, regency + "/monev/charts/{chart}", "monev.report_chart", reports,
             bind(RegencyChart));
  router.Add(Method::kGet, province + "/monev.pdf", "monev.province_pdf", reports_anywhere,
             bind(ProvinceReportPdf));
  router.Add(Method::kGet, province + "/monev.xlsx", "monev.province_xlsx", reports_anywhere,
             bind(ProvinceReportXlsx));
  router.Add(Method::kGet, province + "/monev/charts/{chart}", "monev.province_chart",
             reports_anywhere, bind(ProvinceChart));
}

}  // namespace jaring::http
