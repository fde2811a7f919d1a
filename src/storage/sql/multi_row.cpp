#include "storage/sql/multi_row.hpp"

namespace jaring::storage::sql {

std::string ValuesRows(std::size_t rows, const std::function<std::string(std::size_t)>& cells) {
  std::string out;
  for (std::size_t row = 0; row < rows; ++row) {
    if (row > 0) out += ", ";
    out += '(';
    out += cells(row);
    out += ')';
  }
  return out;
}

std::string ParameterRows(Engine engine, std::size_t rows,
                          std::span<const std::string_view> cells) {
  return ValuesRows(rows, [&](std::size_t row) {
    std::string out;
    for (std::size_t column = 0; column < cells.size(); ++column) {
      if (column > 0) out += ", ";
      const std::string_view cell = cells[column];
      const std::size_t mark = cell.find('?');
      if (engine == Engine::kSqlite || mark == std::string_view::npos) {
        out += cell;
        continue;
      }
      out += cell.substr(0, mark);
      out += ":c" + std::to_string(column) + "r" + std::to_string(row);
      out += cell.substr(mark + 1);
    }
    return out;
  });
}

}  // namespace jaring::storage::sql
