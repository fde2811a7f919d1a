#include "matching/internal/interner.hpp"

#include <tbb/blocked_range.h>

#include "matching/internal/field_support.hpp"

namespace jaring::matching::internal {

std::vector<std::string_view> DistinctTexts(const RecordTable& table,
                                            const std::vector<int>& columns,
                                            std::vector<std::string>& storage,
                                            std::vector<std::uint32_t>& ids,
                                            std::vector<std::uint32_t>& counts) {
  const std::size_t n = table.rows();
  if (columns.size() == 1) {
    const StringColumn& column = table.columns[columns[0]];
    return InternParallel(
        n, [&](std::size_t i) { return Trim(column[i]); }, ids, counts);
  }
  ColumnJoin join(table, columns);
  storage.assign(n, std::string());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 8192), [&](const auto& r) {
    std::string buffer;
    for (std::size_t i = r.begin(); i < r.end(); ++i) storage[i] = join.Get(i, buffer);
  });
  return InternParallel(
      n, [&](std::size_t i) -> std::string_view { return storage[i]; }, ids, counts);
}

}  // namespace jaring::matching::internal
