// TemplateRepository: the column-mapping templates of issue 4, item 2: per regency and source,
// the mapping an operator confirmed for that source's files, so that the next file with the
// same header is mapped without asking again.
//
// It exists only inside a Transaction (Transaction::Templates()). Each call runs inside a
// savepoint: a failed call leaves the transaction as it was. The repository stores the mapping
// as opaque JSON (intake::MappingToJson); storage does not interpret it.
//
// Tenancy: every call names the regency ("NN.NN"); templates of another regency are never
// returned or changed. Failures are values: InvalidArgument for a bad regency code or an empty
// source, Unavailable, Internal. One thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::storage {

struct ImportTemplate {
  std::string regency_code;         // "35.14"
  std::string source;               // "Dinas Pertanian": the same text as ImportBatch::source
  std::vector<std::string> header;  // the header cells the mapping was made for
  std::string mapping_json;         // intake::MappingToJson
  std::string actor;                // who saved it last
  std::int64_t updated_at_us = 0;   // microseconds since the epoch, UTC
  friend bool operator==(const ImportTemplate&, const ImportTemplate&) = default;
};

class TemplateRepository {
 public:
  virtual ~TemplateRepository() = default;

  // Stores the template of (regency_code, source), replacing an earlier one.
  virtual Status Save(const ImportTemplate& saved) = 0;
  // The template of (regency_code, source), or nullopt.
  virtual Result<std::optional<ImportTemplate>> Find(std::string_view regency_code,
                                                     std::string_view source) = 0;
  // Every template of the regency, ordered by source.
  virtual Result<std::vector<ImportTemplate>> List(std::string_view regency_code) = 0;
};

}  // namespace jaring::storage
