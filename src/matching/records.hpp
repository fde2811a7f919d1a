// Records as the matching engine takes them: column-oriented text, in memory.
//
// The engine never reads files. Callers (cli/, services/) fill a RecordTable with the columns a
// Spec names; cells are UTF-8 strings, an empty cell means "missing" (never compared).
// A StringColumn keeps all cells of one column in one buffer, so a million rows cost one
// allocation per column instead of a million.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jaring::matching {

// Append-only column of strings in one buffer. Not thread-safe for writing; concurrent reads
// are safe.
class StringColumn {
 public:
  StringColumn() { offsets_.push_back(0); }
  void Append(std::string_view cell) {
    data_.append(cell);
    offsets_.push_back(data_.size());
  }
  void Reserve(std::size_t rows, std::size_t bytes) {
    offsets_.reserve(rows + 1);
    data_.reserve(bytes);
  }
  std::size_t size() const { return offsets_.size() - 1; }
  std::string_view operator[](std::size_t i) const {
    return std::string_view(data_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  std::size_t bytes() const { return data_.size() + offsets_.size() * sizeof(std::uint64_t); }

 private:
  std::string data_;
  std::vector<std::uint64_t> offsets_;
};

// A table of records: an id column and named text columns of equal length.
struct RecordTable {
  StringColumn ids;
  std::vector<std::string> column_names;
  std::vector<StringColumn> columns;

  std::size_t rows() const { return ids.size(); }
  // Index of a column by exact name, or -1.
  int ColumnIndex(std::string_view name) const;
  // Adds an empty column (filled by the caller row by row) and returns its index.
  int AddColumn(std::string name);
  // Convenience for tests and small callers: one row of cells in column order.
  void AppendRow(std::string_view id, const std::vector<std::string_view>& cells);
};

}  // namespace jaring::matching
