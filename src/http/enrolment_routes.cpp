#include "http/enrolment_routes.hpp"

#include <nlohmann/json.hpp>

#include "http/api_json.hpp"
#include "http/file_transfer.hpp"
#include "http/problem.hpp"
#include "http/route_helpers.hpp"
#include "services/enrolment_service.hpp"

namespace jaring::http {
namespace {

using auth::Permission;
using auth::RoutePolicy;
using nlohmann::ordered_json;

Status Available(const ApiContext& context) {
  if (context.enrolment != nullptr) return {};
  return Fail(Error::Unavailable("Layanan pendaftaran peserta tidak tersedia"));
}

// Every handler: the service present and the path's ids read, then `body`.
template <typename Body>
Result<Response> WithIds(const ApiContext& context, const Request& request, const char* id_name,
                         const char* missing, Body&& body) {
  if (auto ok = Available(context); !ok) return Fail(ok.error());
  auto id = PathId(request, id_name, missing);
  if (!id) return Fail(std::move(id.error()));
  return body(*context.enrolment, *id);
}

Result<Response> ListBatches(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "id", "Program tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto batches = s.ListBatches(Regency(r), id, ActorOf(r));
                   if (!batches) return Fail(std::move(batches.error()));
                   return Response::Json(DumpOrdered(Items(*batches)));
                 });
}

Result<Response> CreateBatch(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "id", "Program tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto body = JsonObjectBody(r);
                   if (!body) return Fail(std::move(body.error()));
                   auto period = TextField(*body, "period");
                   if (!period) return Fail(std::move(period.error()));
                   auto batch = s.CreateBatch({Regency(r), id, *period}, ActorOf(r));
                   if (!batch) return Fail(std::move(batch.error()));
                   return Response::Json(DumpOrdered(services::ToJson(*batch)), 201);
                 });
}

Result<Response> BudgetMonths(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "id", "Program tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto months = s.BudgetMonths(Regency(r), id, ActorOf(r));
                   if (!months) return Fail(std::move(months.error()));
                   return Response::Json(DumpOrdered(services::ToJson(*months)));
                 });
}

Result<Response> Ineligible(const ApiContext& c, const Request& r) {
  return WithIds(
      c, r, "id", "Program tidak ditemukan", [&](auto& s, std::int64_t id) -> Result<Response> {
        if (r.Query("format") == "xlsx") {
          auto bytes = s.IneligibleXlsx(Regency(r), id, ActorOf(r));
          if (!bytes) return Fail(std::move(bytes.error()));
          return Attachment(kXlsxType, std::move(*bytes),
                            "tidak-memenuhi-syarat-program-" + std::to_string(id) + ".xlsx");
        }
        auto rows = s.Ineligible(Regency(r), id, ActorOf(r));
        if (!rows) return Fail(std::move(rows.error()));
        return Response::Json(DumpOrdered(Items(*rows)));
      });
}

Result<Response> ListAnswers(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "id", "Program tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto answers = s.ListAnswers(Regency(r), id, ActorOf(r));
                   if (!answers) return Fail(std::move(answers.error()));
                   return Response::Json(DumpOrdered(Items(*answers)));
                 });
}

Result<Response> GetAnswer(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "id", "Program tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto answer_id = PathId(r, "answer", "Jawaban tidak ditemukan");
                   if (!answer_id) return Fail(std::move(answer_id.error()));
                   auto answer = s.GetAnswer(Regency(r), id, *answer_id, ActorOf(r));
                   if (!answer) return Fail(std::move(answer.error()));
                   return Response::Json(DumpOrdered(services::ToJson(*answer)));
                 });
}

Result<Response> GetBatch(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "batch", "Batch tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto batch = s.GetBatch(Regency(r), id, ActorOf(r));
                   if (!batch) return Fail(std::move(batch.error()));
                   return Response::Json(DumpOrdered(services::ToJson(*batch)));
                 });
}

Result<Response> BatchMembers(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "batch", "Batch tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto members = s.BatchMembers(Regency(r), id, ActorOf(r));
                   if (!members) return Fail(std::move(members.error()));
                   return Response::Json(DumpOrdered(Items(*members)));
                 });
}

Result<Response> Approve(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "batch", "Batch tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto batch = s.Approve(Regency(r), id, ActorOf(r));
                   if (!batch) return Fail(std::move(batch.error()));
                   return Response::Json(DumpOrdered(services::ToJson(*batch)));
                 });
}

Result<Response> BatchFile(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "batch", "Batch tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   TempFile file("pendaftaran.xlsx");
                   if (auto ok = s.WriteBatchFile(Regency(r), id, file.path(), ActorOf(r)); !ok)
                     return Fail(ok.error());
                   auto bytes = ReadWholeFile(file.path());
                   if (!bytes) return Fail(bytes.error());
                   return Attachment(
                       kXlsxType, std::move(*bytes),
                       "pendaftaran-bpjs-" + Regency(r) + "-batch-" + std::to_string(id) + ".xlsx");
                 });
}

Result<Response> ImportAnswer(const ApiContext& c, const Request& r) {
  if (auto ok = Available(c); !ok) return Fail(ok.error());
  auto program = IntegerQuery(r, "program", 1);
  if (!program) return Fail(std::move(program.error()));
  auto name = UploadFileName(r);
  if (!name) return Fail(name.error());
  if (name->empty()) *name = "jawaban-bpjs";
  auto file = SaveUpload(r, "jawaban");
  if (!file) return Fail(file.error());
  auto answer = c.enrolment->ImportAnswer(Regency(r), *program, file->path(), *name, ActorOf(r));
  if (!answer) return Fail(std::move(answer.error()));
  return Response::Json(DumpOrdered(services::ToJson(*answer)), 201);
}

Result<Response> WorkerCoverage(const ApiContext& c, const Request& r) {
  return WithIds(c, r, "id", "Pekerja tidak ditemukan",
                 [&](auto& s, std::int64_t id) -> Result<Response> {
                   auto view = s.WorkerCoverage(Regency(r), id, ActorOf(r));
                   if (!view) return Fail(std::move(view.error()));
                   return Response::Json(DumpOrdered(services::ToJson(*view)));
                 });
}

}  // namespace

bool IsEnrolmentAnswerUpload(Method method, std::string_view target) {
  return IsRegencyUpload(method, target, "enrolment-answers");
}

void AddEnrolmentRoutes(Router& router, const ApiContext& context) {
  const std::string regency = "/api/v1/regencies/{code}";
  const std::string program = regency + "/programs/{id}";
  const std::string batch = regency + "/enrolment-batches/{batch}";
  const auto view = RoutePolicy::InRegency(Permission::kViewDashboard);
  const auto persons = RoutePolicy::InRegency(Permission::kViewWorkers);
  const auto manage = RoutePolicy::InRegency(Permission::kManageEnrolment);
  auto bind = [&context](Result<Response> (*handler)(const ApiContext&, const Request&)) {
    return [&context, handler](const Request& r) { return handler(context, r); };
  };
  router.Add(Method::kGet, program + "/batches", "enrolment.batches", view, bind(ListBatches));
  router.Add(Method::kPost, program + "/batches", "enrolment.create_batch", manage,
             bind(CreateBatch));
  router.Add(Method::kGet, program + "/budget-months", "enrolment.budget_months", view,
             bind(BudgetMonths));
  router.Add(Method::kGet, program + "/ineligible", "enrolment.ineligible", persons,
             bind(Ineligible));
  router.Add(Method::kGet, program + "/answers", "enrolment.answers", view, bind(ListAnswers));
  router.Add(Method::kGet, program + "/answers/{answer}", "enrolment.answer", persons,
             bind(GetAnswer));
  router.Add(Method::kGet, batch, "enrolment.batch", view, bind(GetBatch));
  router.Add(Method::kGet, batch + "/members", "enrolment.members", persons, bind(BatchMembers));
  router.Add(Method::kPost, batch + "/approval", "enrolment.approve",
             RoutePolicy::InRegency(Permission::kDecide), bind(Approve));
  router.Add(Method::kGet, batch + "/file", "enrolment.file", manage, bind(BatchFile));
  router.Add(Method::kPost, regency + "/enrolment-answers", "enrolment.import_answer", manage,
             bind(ImportAnswer));
  router.Add(Method::kGet, regency + "/workers/{id}/coverage", "enrolment.worker_coverage", persons,
             bind(WorkerCoverage));
}

}  // namespace jaring::http
