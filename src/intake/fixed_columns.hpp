// The columns of a file whose columns are few and known (a BPJS invoice, the branch's answers
// and decisions): each column found by the header keys (HeaderKey) its writers are known to
// use, the first header matching a column's keys winning. Header-only; pure.
#pragma once

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intake/column_mapping.hpp"
#include "intake/values.hpp"

namespace jaring::intake {

template <typename Column>
struct ColumnAliases {
  Column column;
  std::initializer_list<std::string_view> keys;
};

// Column -> index in `header`, for the columns found.
template <typename Column>
std::unordered_map<Column, int> FindColumns(const std::vector<std::string>& header,
                                            std::span<const ColumnAliases<Column>> aliases) {
  std::unordered_map<Column, int> out;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string key = HeaderKey(header[i]);
    for (const auto& alias : aliases) {
      if (out.contains(alias.column)) continue;
      if (std::ranges::find(alias.keys, key) != alias.keys.end()) {
        out[alias.column] = static_cast<int>(i);
        break;
      }
    }
  }
  return out;
}

// A cell's text trimmed and in lower case (ASCII), for matching words such as "Diterima".
inline std::string LowerCell(std::string_view text) {
  std::string out(TrimCell(text));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace jaring::intake
