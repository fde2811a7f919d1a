#include "storage/sql/worker_rows.hpp"

#include <chrono>
#include <utility>

#include "domain/date_format.hpp"
#include "storage/sql/codec.hpp"

namespace jaring::storage::sql {

using soci::into;

std::string WorkerInsertSql() {
  std::string sql = "INSERT INTO workers (";
  sql += kWorkerInsertColumns;
  sql += ") VALUES (";
  for (std::size_t i = 0; i < kWorkerInsertColumnCount; ++i) {
    if (i > 0) sql += ", ";
    sql += ":p" + std::to_string(i);
  }
  sql += ")";
  return sql;
}

const char* WorkerRegencyTest(Engine engine) {
  return engine == Engine::kSqlite ? "+regency_code" : "regency_code";
}

std::string WorkerRecordColumns(Engine engine) {
  std::string sql = kWorkerSelectColumns;
  if (engine == Engine::kSqlite) {
    sql += ", substr(created_at, 1, 19) || 'Z', substr(updated_at, 1, 19) || 'Z'";
  } else {
    sql +=
        ", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        ", to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
  }
  sql += ", has_issues, last_batch_id";
  return sql;
}

void WorkerValues::Assign(const domain::Worker& w, const std::string& now,
                          std::optional<std::int64_t> last_batch_id) {
  text[0] = w.regency_code;
  text[1] = w.nik;
  text[2] = w.kk;
  text[3] = w.name;
  text[4] = w.name_original;
  text[5] = domain::ToCode(w.sex);
  text[6] = w.birth_place;
  birth_date_known = w.birth_date.ok();
  text[kWorkerBirthDateColumn] =
      birth_date_known ? domain::FormatIsoDate(w.birth_date) : std::string();
  text[8] = w.address;
  text[9] = w.village_code;
  text[10] = DistrictOf(w.village_code);
  text[11] = w.occupation;
  text[12] = w.phone;
  text[13] = domain::ToCode(w.status);
  text[14] = w.source;
  text[15] = now;
  text[16] = now;
  text[17] = NameSearchKey(w.name);
  text[18] = domain::RecordHasIssues(w) ? "1" : "0";
  batch_known = last_batch_id.has_value();
  text[kWorkerBatchColumn] = batch_known ? std::to_string(*last_batch_id) : std::string();
  text[20] = w.source_id;
}

void WorkerRow::BindTo(soci::details::prepare_temp_type& prepare) {
  prepare, into(id), into(regency_code), into(nik), into(kk), into(name), into(name_original),
      into(sex), into(birth_place), into(birth_date, birth_date_indicator), into(address),
      into(village_code), into(occupation), into(phone), into(status), into(source),
      into(source_id);
}

Result<domain::Worker> WorkerRow::ToWorker() const {
  domain::Worker w;
  if (auto read = ReadInto(w); !read) return Fail(std::move(read.error()));
  return w;
}

Status WorkerRow::ReadInto(domain::Worker& w) const {
  const auto parsed_sex = domain::SexFromCode(sex);
  const auto parsed_status = domain::WorkerStatusFromCode(status);
  Result<std::chrono::year_month_day> date = std::chrono::year_month_day{};
  if (birth_date_indicator == soci::i_ok) date = domain::ParseIsoDate(birth_date);
  if (!parsed_sex || !parsed_status || !date) {
    return Fail(Error::Internal("data pekerja rusak di basis data",
                                "op=workers.read id=" + std::to_string(id)));
  }
  w.id = id;
  w.regency_code = regency_code;
  w.nik = nik;
  w.kk = kk;
  w.name = name;
  w.name_original = name_original;
  w.sex = *parsed_sex;
  w.status = *parsed_status;
  w.birth_date = *date;
  w.birth_place = birth_place;
  w.address = address;
  w.village_code = village_code;
  w.occupation = occupation;
  w.phone = phone;
  w.source = source;
  w.source_id = source_id;
  return {};
}

void WorkerRecordRow::BindTo(soci::details::prepare_temp_type& prepare) {
  row.BindTo(prepare);
  prepare, into(created_at), into(updated_at), into(has_issues),
      into(last_batch_id, batch_indicator);
}

Result<WorkerRecord> WorkerRecordRow::ToRecord() const {
  Result<domain::Worker> worker = row.ToWorker();
  if (!worker) return Fail(std::move(worker.error()));
  WorkerRecord out;
  out.worker = std::move(*worker);
  out.created_at = created_at;
  out.updated_at = updated_at;
  out.has_issues = has_issues != 0;
  if (batch_indicator == soci::i_ok) out.last_batch_id = last_batch_id;
  return out;
}

}  // namespace jaring::storage::sql
