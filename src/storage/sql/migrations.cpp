#include "storage/sql/migrations.hpp"

#include <array>
#include <utility>

namespace jaring::storage::sql {
namespace {

struct Placeholder {
  std::string_view name;
  std::string_view sqlite;
  std::string_view postgres;
};

constexpr std::array kPlaceholders = {
    Placeholder{"id", "INTEGER PRIMARY KEY", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"},
    Placeholder{"date", "TEXT", "DATE"},
    Placeholder{"timestamp", "TEXT", "TIMESTAMPTZ"},
    Placeholder{"code_text", "TEXT", "TEXT COLLATE \"C\""},
};

}  // namespace

Result<std::string> ExpandPlaceholders(std::string_view sql, Engine engine) {
  std::string out;
  out.reserve(sql.size() + 64);
  std::size_t pos = 0;
  // Inside {{sqlite}} ... {{end}} or {{postgres}} ... {{end}}: the engine the block is for,
  // and whether it is this one (text of the other engine's blocks is left out).
  std::string_view block;
  bool keep = true;
  while (true) {
    const std::size_t open = sql.find("{{", pos);
    if (open == std::string_view::npos) {
      if (!block.empty()) {
        return Fail(Error::InvalidArgument("unterminated engine block in migration",
                                           "{{" + std::string(block) + "}} without {{end}}"));
      }
      out.append(sql.substr(pos));
      return out;
    }
    if (keep) out.append(sql.substr(pos, open - pos));
    const std::size_t close = sql.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Fail(Error::InvalidArgument("unterminated placeholder in migration",
                                         "offset " + std::to_string(open)));
    }
    const std::string_view name = sql.substr(open + 2, close - open - 2);
    pos = close + 2;
    if (name == "sqlite" || name == "postgres") {
      if (!block.empty()) {
        return Fail(Error::InvalidArgument("nested engine block in migration",
                                           "{{" + std::string(name) + "}}"));
      }
      block = name;
      keep = (name == "sqlite") == (engine == Engine::kSqlite);
      continue;
    }
    if (name == "end") {
      if (block.empty()) {
        return Fail(Error::InvalidArgument("{{end}} without a block in migration",
                                           "offset " + std::to_string(open)));
      }
      block = {};
      keep = true;
      continue;
    }
    const Placeholder* found = nullptr;
    for (const Placeholder& p : kPlaceholders) {
      if (p.name == name) found = &p;
    }
    if (found == nullptr) {
      return Fail(Error::InvalidArgument("unknown placeholder in migration",
                                         "{{" + std::string(name) + "}}"));
    }
    if (keep) out.append(engine == Engine::kSqlite ? found->sqlite : found->postgres);
  }
}

}  // namespace jaring::storage::sql
