// Design notes.
// Keys: each rule's key per record is a 64-bit FNV-1a hash of its parts joined by 0x1f, of
// which only the high bits are kept (64 minus the bits of a row index: 44 at 1M rows), so that
// key and row share one 64-bit word and a rule's records are grouped by sorting plain words
// (half the bytes of (key, row) pairs); 0 is reserved for "missing" (any part empty). A hash
// collision merges two blocks, which only adds candidate pairs (never loses one) and is seen
// identically by the de-duplication test below.
// De-duplication across rules: pair (i, j) proposed by rule r is dropped if some earlier rule
// r' < r proposed it, i.e. key_r'(i) == key_r'(j) != 0 and, when that block was oversized,
// |rank_r'(i) - rank_r'(j)| <= window. Each rule thus emits each of its pairs once and the
// union is exact without a global hash set.
// Parallelism: blocks are cut into chunks by a fixed rule (independent of thread count), each
// chunk writes its own vector, and chunks are concatenated in order.
#include "matching/blocking.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <numeric>

namespace jaring::matching {
namespace {

constexpr std::uint32_t kNoRank = 0xffffffffu;

std::uint64_t Fnv1a(std::string_view s, std::uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Sorts 64-bit words: least significant digit first, 11 bits a pass (six passes, histograms
// that fit the L1 cache), a pass skipped when every word has the same digit. About three times
// faster than a comparison sort for the million keys of one rule.
void RadixSort(std::vector<std::uint64_t>& words) {
  constexpr unsigned kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::uint64_t> other(words.size());
  for (unsigned shift = 0; shift < 64; shift += kBits) {
    std::vector<std::size_t> start(kBuckets + 1, 0);
    for (std::uint64_t w : words) ++start[((w >> shift) & (kBuckets - 1)) + 1];
    if (std::any_of(start.begin() + 1, start.end(),
                    [&](std::size_t c) { return c == words.size(); }))
      continue;
    for (std::size_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
    for (std::uint64_t w : words) other[start[(w >> shift) & (kBuckets - 1)]++] = w;
    words.swap(other);
  }
}

struct RuleKeys {
  std::vector<std::uint64_t> key;   // per row, 0 = missing
  std::vector<std::uint32_t> rank;  // per row, position inside an oversized block, else kNoRank
};

}  // namespace

Result<Candidates> GenerateCandidates(const Prepared& prepared, const Spec& spec,
                                      const BlockingOptions& options) {
  const std::size_t n = prepared.rows;
  JARING_ASSERT(n < 0xffffffffu, "row index fits 32 bits");
  Candidates out;
  std::vector<RuleKeys> done;
  const std::size_t window = std::max<std::size_t>(options.window, 1);
  const bool link = options.left_rows > 0;
  const std::uint32_t left_rows = static_cast<std::uint32_t>(options.left_rows);
  unsigned row_bits = 1;
  while (row_bits < 32 && (std::uint64_t{1} << row_bits) < n) ++row_bits;
  const std::uint64_t row_mask = (std::uint64_t{1} << row_bits) - 1;
  auto row_of = [&](std::uint64_t word) { return static_cast<std::uint32_t>(word & row_mask); };

  for (const auto& rule : spec.blocking) {
    std::vector<std::size_t> field_index;
    for (const auto& k : rule.keys) {
      std::size_t f = 0;
      while (f < spec.fields.size() && spec.fields[f].name != k.field) ++f;
      if (f == spec.fields.size()) {
        return Fail(Error::InvalidArgument("aturan blocking menyebut field yang tidak ada",
                                           "blocking key names unknown field " + k.field));
      }
      field_index.push_back(f);
    }
    // The sort key for oversized blocks: the first name field not in the rule, else the first
    // field not in the rule.
    std::size_t sort_field = spec.fields.size();
    for (int pass = 0; pass < 2 && sort_field == spec.fields.size(); ++pass) {
      for (std::size_t f = 0; f < spec.fields.size(); ++f) {
        bool in_rule = std::find(field_index.begin(), field_index.end(), f) != field_index.end();
        if (!in_rule && (pass == 1 || spec.fields[f].comparator == Comparator::kName)) {
          sort_field = f;
          break;
        }
      }
    }

    RuleKeys keys;
    keys.key.assign(n, 0);
    keys.rank.assign(n, kNoRank);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 8192), [&](const auto& r) {
      std::string part;
      for (std::size_t i = r.begin(); i < r.end(); ++i) {
        std::uint64_t h = 14695981039346656037ull;
        bool missing = false;
        for (std::size_t k = 0; k < field_index.size(); ++k) {
          prepared.fields[field_index[k]]->BlockingValue(rule.keys[k].transform,
                                                         static_cast<std::uint32_t>(i), part);
          if (part.empty()) {
            missing = true;
            break;
          }
          h = Fnv1a(part, h);
          h = Fnv1a("\x1f", h);
        }
        h &= ~row_mask;
        keys.key[i] = missing ? 0 : (h == 0 ? row_mask + 1 : h);
      }
    });
    std::vector<std::uint64_t> order;  // key | row, sorted: by key, then row
    order.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (keys.key[i] != 0) order.push_back(keys.key[i] | i);
    }
    RadixSort(order);

    RuleStats stats;
    stats.rule = rule.name;
    stats.keyed_records = order.size();
    // Blocks [begin, end) of `order`; members of oversized blocks are re-sorted by sort key.
    struct Block {
      std::size_t begin, end;
      bool windowed;
    };
    std::vector<Block> blocks;
    for (std::size_t b = 0; b < order.size();) {
      std::size_t e = b + 1;
      while (e < order.size() && (order[e] & ~row_mask) == (order[b] & ~row_mask)) ++e;
      std::size_t size = e - b;
      if (size >= 2) {
        bool cross = true;
        if (link) {
          bool has_left = false, has_right = false;
          for (std::size_t k = b; k < e; ++k)
            (row_of(order[k]) < left_rows ? has_left : has_right) = true;
          cross = has_left && has_right;
        }
        if (cross) {
          ++stats.blocks;
          stats.largest_block = std::max<std::uint64_t>(stats.largest_block, size);
          bool windowed = size > options.max_block_size;
          if (windowed) ++stats.oversized_blocks;
          blocks.push_back({b, e, windowed});
        }
      }
      b = e;
    }
    // Oversized blocks: sort members by (sort value, row) and record ranks.
    tbb::parallel_for(std::size_t{0}, blocks.size(), [&](std::size_t bi) {
      const Block& blk = blocks[bi];
      if (!blk.windowed) return;
      std::vector<std::pair<std::string, std::uint32_t>> members;
      members.reserve(blk.end - blk.begin);
      std::string value;
      for (std::size_t k = blk.begin; k < blk.end; ++k) {
        std::uint32_t row = row_of(order[k]);
        if (sort_field < spec.fields.size()) prepared.fields[sort_field]->SortValue(row, value);
        members.emplace_back(value, row);
      }
      std::sort(members.begin(), members.end());
      for (std::size_t k = 0; k < members.size(); ++k) {
        order[blk.begin + k] = (order[blk.begin + k] & ~row_mask) | members[k].second;
        keys.rank[members[k].second] = static_cast<std::uint32_t>(k);
      }
    });

    // Chunks of blocks with roughly equal work, cut by a fixed rule.
    std::vector<std::size_t> chunk_starts{0};
    std::uint64_t work = 0;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
      std::uint64_t s = blocks[bi].end - blocks[bi].begin;
      work += blocks[bi].windowed ? s * window : s * s / 2;
      if (work >= 200000) {
        chunk_starts.push_back(bi + 1);
        work = 0;
      }
    }
    if (chunk_starts.back() != blocks.size()) chunk_starts.push_back(blocks.size());
    std::vector<std::vector<std::uint64_t>> chunk_pairs(chunk_starts.size() - 1);

    auto covered_earlier = [&](std::uint32_t i, std::uint32_t j) {
      for (const RuleKeys& prev : done) {
        std::uint64_t ki = prev.key[i];
        if (ki == 0 || ki != prev.key[j]) continue;
        std::uint32_t ri = prev.rank[i], rj = prev.rank[j];
        if (ri == kNoRank) return true;
        if ((ri > rj ? ri - rj : rj - ri) <= window) return true;
      }
      return false;
    };
    auto emit = [&](std::vector<std::uint64_t>& sink, std::uint32_t i, std::uint32_t j) {
      if (link && ((i < left_rows) == (j < left_rows))) return;
      if (covered_earlier(i, j)) return;
      sink.push_back(MakePair(i, j));
    };
    tbb::parallel_for(std::size_t{0}, chunk_pairs.size(), [&](std::size_t c) {
      auto& sink = chunk_pairs[c];
      for (std::size_t bi = chunk_starts[c]; bi < chunk_starts[c + 1]; ++bi) {
        const Block& blk = blocks[bi];
        for (std::size_t x = blk.begin; x < blk.end; ++x) {
          std::size_t limit = blk.windowed ? std::min(blk.end, x + window + 1) : blk.end;
          for (std::size_t y = x + 1; y < limit; ++y)
            emit(sink, row_of(order[x]), row_of(order[y]));
        }
      }
    });
    std::size_t total = 0;
    for (const auto& c : chunk_pairs) total += c.size();
    out.pairs.reserve(out.pairs.size() + total);
    for (auto& c : chunk_pairs) {
      out.pairs.insert(out.pairs.end(), c.begin(), c.end());
      std::vector<std::uint64_t>().swap(c);
    }
    stats.new_pairs = total;
    out.rules.push_back(std::move(stats));
    done.push_back(std::move(keys));
  }
  return out;
}

}  // namespace jaring::matching
