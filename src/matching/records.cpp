#include "matching/records.hpp"

#include "common/error.hpp"

namespace jaring::matching {

int RecordTable::ColumnIndex(std::string_view name) const {
  for (std::size_t i = 0; i < column_names.size(); ++i) {
    if (column_names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int RecordTable::AddColumn(std::string name) {
  column_names.push_back(std::move(name));
  columns.emplace_back();
  return static_cast<int>(columns.size() - 1);
}

void RecordTable::AppendRow(std::string_view id, const std::vector<std::string_view>& cells) {
  JARING_ASSERT(cells.size() == columns.size(), "one cell per column");
  ids.Append(id);
  for (std::size_t c = 0; c < cells.size(); ++c) columns[c].Append(cells[c]);
}

}  // namespace jaring::matching
