// Multi-row statements: one INSERT or UPDATE carrying many rows' values, so that a bulk write
// costs one round trip per few hundred rows on PostgreSQL rather than one per row. Internal to
// storage/sql; the functions that talk to the database throw what SOCI throws.
#pragma once

#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql/engine.hpp"

namespace jaring::storage::sql {

// The column list of a multi-row VALUES: `rows` rows of cells(row), e.g. "(1, 2), (1, 3)".
std::string ValuesRows(std::size_t rows, const std::function<std::string(std::size_t)>& cells);

// The same with parameters: `rows` rows of `cells`, each a "?" alone or inside an expression
// ("CAST(? AS BIGINT)"). SQLite gets anonymous parameters: with thousands of named ones, its
// parser and SOCI's binding look every name up in a list, quadratic in the statement's size.
// PostgreSQL gets unique names (:c<column>r<row>), which SOCI turns into $n.
std::string ParameterRows(Engine engine, std::size_t rows, std::span<const std::string_view> cells);

// Runs a multi-row statement over `total` rows in batches of at most `batch_rows`:
// fill(index, values) sets the Values of one row, sql(rows) is the statement for a batch of
// `rows` rows, Values::BindTo(prepare, row) binds one row's cells in placeholder order,
// bind_rest(prepare) what follows the rows (into()s, trailing parameters), and run(statement,
// first, rows) executes it. Full batches share one prepared statement, re-executed with new
// values (SOCI binds by reference to the Values).
template <typename Values, typename Fill, typename Sql, typename BindRest, typename Execute>
void ForEachBatch(soci::session& session, std::size_t total, std::size_t batch_rows, Fill&& fill,
                  Sql&& sql, BindRest&& bind_rest, Execute&& run) {
  if (total == 0) return;
  std::vector<Values> values(std::min(batch_rows, total));
  std::unique_ptr<soci::statement> full;
  auto prepare = [&](std::size_t rows) {
    soci::details::prepare_temp_type temp = (session.prepare << sql(rows));
    for (std::size_t i = 0; i < rows; ++i) values[i].BindTo(temp, i);
    bind_rest(temp);
    return std::make_unique<soci::statement>(temp);
  };
  for (std::size_t first = 0; first < total; first += batch_rows) {
    const std::size_t rows = std::min(batch_rows, total - first);
    for (std::size_t i = 0; i < rows; ++i) fill(first + i, values[i]);
    if (rows == batch_rows) {
      if (!full) full = prepare(rows);
      run(*full, first, rows);
    } else {
      std::unique_ptr<soci::statement> last = prepare(rows);
      run(*last, first, rows);
    }
  }
}

// INSERTs `total` rows of N plain parameters each: `head` is "INSERT INTO t (a, b) VALUES ",
// fill(index, values) sets one row's Values (with BindTo(prepare, row) as for ForEachBatch),
// `rows_per_statement` rows go in one statement.
template <typename Values, std::size_t N, typename Fill>
void InsertRows(soci::session& s, Engine engine, std::size_t total, std::size_t rows_per_statement,
                const char* head, Fill&& fill) {
  static const std::array<std::string_view, N> cells = [] {
    std::array<std::string_view, N> c{};
    c.fill("?");
    return c;
  }();
  ForEachBatch<Values>(
      s, total, rows_per_statement, fill,
      [&](std::size_t rows) { return std::string(head) + ParameterRows(engine, rows, cells); },
      [](soci::details::prepare_temp_type&) {},
      [](soci::statement& st, std::size_t, std::size_t) { st.execute(true); });
}

}  // namespace jaring::storage::sql
