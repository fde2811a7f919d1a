// Design notes
//  - Bound mode only, like SqlImportRepository: every call in a savepoint of the caller's
//    transaction, so a failed call undoes only itself.
//  - Save is an upsert (INSERT ... ON CONFLICT DO UPDATE), which SQLite (>= 3.24) and
//    PostgreSQL spell the same way.
#include "storage/sql/template_repository.hpp"

#include <nlohmann/json.hpp>

#include "storage/sql/codec.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/errors.hpp"

namespace jaring::storage::sql {
namespace {

using soci::into;
using soci::use;

struct TemplateRow {
  std::string regency_code, source, header_json, mapping_json, actor;
  long long updated_at = 0;

  Result<ImportTemplate> ToTemplate() const {
    ImportTemplate t;
    t.regency_code = regency_code;
    t.source = source;
    t.mapping_json = mapping_json;
    t.actor = actor;
    t.updated_at_us = updated_at;
    auto header = nlohmann::json::parse(header_json, nullptr, false);
    if (!header.is_array()) {
      return Fail(Error::Internal("templat impor rusak di basis data", "op=templates.read"));
    }
    for (const auto& h : header) {
      if (!h.is_string()) {
        return Fail(Error::Internal("templat impor rusak di basis data", "op=templates.read"));
      }
      t.header.push_back(h.get<std::string>());
    }
    return t;
  }
};

constexpr const char* kColumns =
    "SELECT regency_code, source, header_json, mapping_json, actor, updated_at "
    "FROM import_templates WHERE regency_code = :r";

}  // namespace

template <typename T, typename Body>
Result<T> SqlTemplateRepository::Run(std::string_view operation, Body&& body) {
  soci::session& session = *session_;
  bool open = false;
  auto undo = [&] {
    if (!open) return;
    try {
      ExecuteScript(session, engine_,
                    "ROLLBACK TO SAVEPOINT jaring_template; RELEASE SAVEPOINT jaring_template",
                    operation);
    } catch (const std::exception&) {
      // The transaction itself is then unusable; its Commit() reports it.
    }
  };
  try {
    ExecuteScript(session, engine_, "SAVEPOINT jaring_template", operation);
    open = true;
    Result<T> result = body(session);
    if (!result) {
      undo();
      return result;
    }
    ExecuteScript(session, engine_, "RELEASE SAVEPOINT jaring_template", operation);
    return result;
  } catch (const std::exception& e) {
    Error error = ErrorFromException(e, operation);
    undo();
    return Fail(std::move(error));
  }
}

Status SqlTemplateRepository::Save(const ImportTemplate& saved) {
  if (auto ok = CheckRegency(saved.regency_code); !ok) return Fail(ok.error());
  if (saved.source.empty()) {
    return Fail(Error::InvalidArgument("sumber daftar wajib diisi", "op=templates.save"));
  }
  auto done = Run<bool>("templates.save", [&](soci::session& s) -> Result<bool> {
    std::string regency = saved.regency_code, source = saved.source,
                header = nlohmann::json(saved.header)
                             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                mapping = saved.mapping_json, actor = saved.actor;
    long long at = saved.updated_at_us;
    s << "INSERT INTO import_templates (regency_code, source, header_json, mapping_json, actor, "
         "updated_at) VALUES (:r, :s, :h, :m, :a, :t) ON CONFLICT (regency_code, source) DO "
         "UPDATE SET header_json = excluded.header_json, mapping_json = excluded.mapping_json, "
         "actor = excluded.actor, updated_at = excluded.updated_at",
        use(regency), use(source), use(header), use(mapping), use(actor), use(at);
    return true;
  });
  if (!done) return Fail(std::move(done.error()));
  return {};
}

Result<std::optional<ImportTemplate>> SqlTemplateRepository::Find(std::string_view regency_code,
                                                                  std::string_view source) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::optional<ImportTemplate>>(
      "templates.find", [&](soci::session& s) -> Result<std::optional<ImportTemplate>> {
        TemplateRow row;
        std::string regency(regency_code), wanted(source);
        soci::statement st =
            (s.prepare << std::string(kColumns) + " AND source = :s", into(row.regency_code),
             into(row.source), into(row.header_json), into(row.mapping_json), into(row.actor),
             into(row.updated_at), use(regency), use(wanted));
        if (!st.execute(true)) return std::optional<ImportTemplate>();
        auto t = row.ToTemplate();
        if (!t) return Fail(std::move(t.error()));
        return std::optional<ImportTemplate>(std::move(*t));
      });
}

Result<std::vector<ImportTemplate>> SqlTemplateRepository::List(std::string_view regency_code) {
  if (auto ok = CheckRegency(regency_code); !ok) return Fail(ok.error());
  return Run<std::vector<ImportTemplate>>(
      "templates.list", [&](soci::session& s) -> Result<std::vector<ImportTemplate>> {
        std::vector<ImportTemplate> out;
        TemplateRow row;
        std::string regency(regency_code);
        soci::statement st =
            (s.prepare << std::string(kColumns) + " ORDER BY source", into(row.regency_code),
             into(row.source), into(row.header_json), into(row.mapping_json), into(row.actor),
             into(row.updated_at), use(regency));
        st.execute();
        while (st.fetch()) {
          auto t = row.ToTemplate();
          if (!t) return Fail(std::move(t.error()));
          out.push_back(std::move(*t));
        }
        return out;
      });
}

}  // namespace jaring::storage::sql
