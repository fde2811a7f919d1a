// SqlTemplateRepository: TemplateRepository over SOCI, bound to a Transaction's connection;
// each call runs inside a savepoint (see template_repository.hpp).
#pragma once

#include <soci/soci.h>

#include "storage/sql/engine.hpp"
#include "storage/template_repository.hpp"

namespace jaring::storage::sql {

class SqlTemplateRepository final : public TemplateRepository {
 public:
  SqlTemplateRepository(Engine engine, soci::session& session)
      : engine_(engine), session_(&session) {}

  Status Save(const ImportTemplate& saved) override;
  Result<std::optional<ImportTemplate>> Find(std::string_view regency_code,
                                             std::string_view source) override;
  Result<std::vector<ImportTemplate>> List(std::string_view regency_code) override;

 private:
  template <typename T, typename Body>
  Result<T> Run(std::string_view operation, Body&& body);

  Engine engine_;
  soci::session* session_;
};

}  // namespace jaring::storage::sql
