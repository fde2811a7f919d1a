// The address field kind: tokenising each distinct address, token ids and idf, and the
// address blocking key. See internal/address_field.hpp.
#include "matching/internal/address_field.hpp"

#include <tbb/parallel_for.h>

#include <cmath>

#include "domain/name_normalize.hpp"
#include "matching/internal/interner.hpp"

namespace jaring::matching::internal {

using domain::FoldText;

bool AddressField::BlockingValue(std::string_view t, std::uint32_t row, std::string& out) const {
  if (!t.empty()) return false;
  out = text_[row];
  return true;
}

void AddressField::Build(const RecordTable& table, const std::vector<int>& columns) {
  // Each distinct raw address is tokenised once. Its tokens are interned in the order of the
  // addresses' first occurrence, which is the order of interning row by row, and counted
  // once per row holding the address (document frequency), so ids and idf are those of
  // tokenising every row.
  std::vector<std::string> joined;
  std::vector<std::uint32_t> raw_id, raw_counts;
  const std::vector<std::string_view> raw_texts =
      DistinctTexts(table, columns, joined, raw_id, raw_counts);
  std::vector<std::vector<std::string>> distinct_tokens(raw_texts.size());
  tbb::parallel_for(std::size_t{0}, raw_texts.size(),
                    [&](std::size_t k) { distinct_tokens[k] = Tokenise(raw_texts[k]); });
  Interner interner;
  std::vector<std::uint64_t> rows_with(1, 0);  // per token id
  std::vector<std::vector<std::uint32_t>> distinct_ids(raw_texts.size());
  std::vector<std::string> distinct_text(raw_texts.size());
  for (std::size_t k = 0; k < raw_texts.size(); ++k) {
    for (const auto& t : distinct_tokens[k]) {
      if (!distinct_text[k].empty()) distinct_text[k] += ' ';
      distinct_text[k] += t;
      std::uint32_t id = interner.Add(t);
      if (id >= rows_with.size()) rows_with.resize(id + 1, 0);
      rows_with[id] += raw_counts[k];
      distinct_ids[k].push_back(id);
    }
    std::sort(distinct_ids[k].begin(), distinct_ids[k].end());
  }
  offsets_.assign(1, 0);
  for (std::size_t i = 0; i < table.rows(); ++i) {
    const auto& ids = distinct_ids[raw_id[i]];
    ids_.insert(ids_.end(), ids.begin(), ids.end());
    offsets_.push_back(ids_.size());
    text_.Append(distinct_text[raw_id[i]]);
  }
  idf_.assign(interner.size(), 0.0f);
  const double docs = std::max<std::size_t>(table.rows(), 1);
  for (std::uint32_t id = 1; id < interner.size(); ++id) {
    idf_[id] = static_cast<float>(std::log((docs + 1.0) / (rows_with[id] + 0.5)));
  }
}

// Folded tokens of an address, sorted and unique, in canonical forms ("jalan" = "jl",
// "No. 05" = "5").
std::vector<std::string> AddressField::Tokenise(std::string_view raw) {
  std::string f = FoldText(raw);
  std::vector<std::string> tokens;
  std::string token;
  auto flush = [&] {
    if (token.empty()) return;
    bool numeric =
        std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (token == "no" || token == "nomor" || token == "nmr") {  // "No. 5" = "5"
      token.clear();
      return;
    }
    if (numeric) {
      token.erase(0, std::min(token.find_first_not_of('0'), token.size() - 1));
    } else if (token == "jalan" || token == "jln") {
      token = "jl";
    } else if (token == "gang") {
      token = "gg";
    } else if (token == "dusun") {
      token = "dsn";
    } else if (token == "desa") {
      token = "ds";
    } else if (token == "street") {
      token = "st";
    } else if (token == "road") {
      token = "rd";
    }
    tokens.push_back(token);
    token.clear();
  };
  for (char c : f) {
    bool alnum =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      token += c;
    } else {
      flush();
    }
  }
  flush();
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

}  // namespace jaring::matching::internal
