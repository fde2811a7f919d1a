// Design notes: see worker_list_index.hpp. Here: the packed entry, the dictionaries, the six
// orders and how a page is found.
//
// A page is found in one of two ways, chosen after counting the matches in entry order (a
// sequential pass; it stops at the cap): when few match (kGatherUpTo), their slots were kept
// during the count and are sorted; otherwise the sort's permutation is walked, forwards or
// backwards, skipping the offset's matches. So no request sorts more than kGatherUpTo workers,
// and a walk is at most one pass over the regency.
#include "storage/worker_list_index.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <utility>

namespace jaring::storage {
namespace {

constexpr std::int32_t kNoBirth = std::numeric_limits<std::int32_t>::min();
// A NIK that is not 16 digits is kept as text: the flag and its index among those texts.
constexpr std::uint64_t kIrregularNik = std::uint64_t{1} << 63;
constexpr std::uint8_t kFemale = 1, kIssues = 2;
constexpr std::int64_t kGatherUpTo = 8192;

// One worker, 56 bytes. Codes index the regency's dictionaries.
struct Entry {
  std::int64_t id = 0;
  std::uint64_t nik = 0;
  std::uint64_t key8 = 0;  // the name search key's first 8 bytes, big-endian, zero-padded
  std::int64_t updated_us = 0;
  std::uint32_t name = 0;
  std::int32_t birth = kNoBirth;
  std::uint16_t district = 0, village = 0, occupation = 0, source = 0;
  std::uint8_t status = 0, flags = 0;
};

// Distinct strings, each stored once in fixed chunks (views stay valid as it grows), with a
// code per string in order of first sight. Values are never removed: a name that no worker
// carries any more stays until the regency is loaded afresh.
class Dictionary {
 public:
  std::uint32_t Intern(std::string_view value) {
    if (auto found = codes_.find(value); found != codes_.end()) return found->second;
    const std::string_view stored = Store(value);
    const auto code = static_cast<std::uint32_t>(values_.size());
    values_.push_back(stored);
    codes_.emplace(stored, code);
    ranks_valid_ = false;
    return code;
  }
  std::optional<std::uint32_t> Find(std::string_view value) const {
    auto found = codes_.find(value);
    if (found == codes_.end()) return std::nullopt;
    return found->second;
  }
  std::string_view Value(std::uint32_t code) const { return values_[code]; }
  std::size_t size() const { return values_.size(); }
  // The code's position among the values in byte order, so that a sort compares integers (the
  // ranks are computed again, one sort of the distinct values, after a new value came in).
  std::uint32_t Rank(std::uint32_t code) const {
    if (!ranks_valid_) {
      std::vector<std::uint32_t> order(values_.size());
      for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      std::ranges::sort(order, [&](auto a, auto b) { return values_[a] < values_[b]; });
      ranks_.assign(order.size(), 0);
      for (std::uint32_t i = 0; i < order.size(); ++i) ranks_[order[i]] = i;
      ranks_valid_ = true;
    }
    return ranks_[code];
  }
  // Computes the ranks now if a new value invalidated them: called by every writer before it
  // releases the index, so that readers, which share it, never compute them (a data race).
  void PrepareRanks() const {
    if (!values_.empty()) Rank(0);
  }
  std::size_t MemoryBytes() const {
    return chunks_.size() * kChunk + values_.capacity() * sizeof(std::string_view) +
           codes_.size() * (sizeof(std::string_view) + 4 + 2 * sizeof(void*)) +
           codes_.bucket_count() * sizeof(void*) + ranks_.capacity() * 4;
  }

 private:
  static constexpr std::size_t kChunk = 1 << 20;
  std::string_view Store(std::string_view value) {
    if (value.size() > kChunk / 4) {  // a long value gets a chunk of its own
      big_.push_back(std::make_unique<char[]>(value.size()));
      std::memcpy(big_.back().get(), value.data(), value.size());
      return {big_.back().get(), value.size()};
    }
    if (chunks_.empty() || used_ + value.size() > kChunk) {
      chunks_.push_back(std::make_unique<char[]>(kChunk));
      used_ = 0;
    }
    char* at = chunks_.back().get() + used_;
    if (!value.empty()) std::memcpy(at, value.data(), value.size());
    used_ += value.size();
    return {at, value.size()};
  }

  std::vector<std::unique_ptr<char[]>> chunks_, big_;
  std::size_t used_ = 0;
  std::vector<std::string_view> values_;
  std::unordered_map<std::string_view, std::uint32_t> codes_;
  mutable std::vector<std::uint32_t> ranks_;
  mutable bool ranks_valid_ = false;
};

// The orders kept as permutations of entry slots.
enum Order : std::size_t { kById, kByName, kByDistrict, kByNik, kByBirth, kByUpdated, kOrders };

bool RegularNik(std::string_view nik) {
  return nik.size() == 16 && std::ranges::all_of(nik, [](char c) { return c >= '0' && c <= '9'; });
}

std::uint64_t NikNumber(std::string_view digits) {
  std::uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

// The first 8 bytes of `key` as a big-endian number, zero-padded (keys hold no zero byte).
std::uint64_t Key8(std::string_view key) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    value = (value << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0u);
  }
  return value;
}

std::uint64_t Pow10(std::size_t n) {
  std::uint64_t value = 1;
  while (n-- > 0) value *= 10;
  return value;
}

}  // namespace

struct WorkerListIndex::State {
  std::vector<Entry> entries;
  std::array<std::vector<std::uint32_t>, kOrders> orders;
  Dictionary names, districts, villages, occupations, sources;
  std::vector<std::string> irregular_niks;

  std::string NikText(std::uint64_t nik) const {
    if (nik & kIrregularNik) return irregular_niks[nik & ~kIrregularNik];
    std::string text(16, '0');
    for (int i = 15; i >= 0; --i, nik /= 10) text[i] = static_cast<char>('0' + nik % 10);
    return text;
  }

  int CompareNik(std::uint64_t a, std::uint64_t b) const {
    if (!((a | b) & kIrregularNik)) return a < b ? -1 : (a > b ? 1 : 0);
    const int c = NikText(a).compare(NikText(b));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }

  // Strict weak (indeed total) orders on slots; ties by id.
  bool Less(Order order, std::uint32_t sa, std::uint32_t sb) const {
    const Entry& a = entries[sa];
    const Entry& b = entries[sb];
    switch (order) {
      case kById:
        break;
      case kByName:
        if (a.name != b.name) return names.Rank(a.name) < names.Rank(b.name);
        break;
      case kByDistrict:
        if (a.district != b.district) return districts.Rank(a.district) < districts.Rank(b.district);
        if (a.name != b.name) return names.Rank(a.name) < names.Rank(b.name);
        break;
      case kByNik:
        if (a.nik != b.nik) {
          const int c = CompareNik(a.nik, b.nik);
          if (c != 0) return c < 0;
        }
        break;
      case kByBirth:
        if (a.birth != b.birth) return a.birth < b.birth;
        break;
      case kByUpdated:
        if (a.updated_us != b.updated_us) return a.updated_us < b.updated_us;
        break;
      case kOrders:
        break;
    }
    return a.id < b.id;
  }

  std::optional<std::uint32_t> SlotOf(std::int64_t id) const {
    const auto& by_id = orders[kById];
    auto it = std::ranges::lower_bound(by_id, id, {},
                                       [&](std::uint32_t slot) { return entries[slot].id; });
    if (it == by_id.end() || entries[*it].id != id) return std::nullopt;
    return *it;
  }

  Entry Pack(const ListRow& row) {
    Entry e;
    e.id = row.id;
    if (RegularNik(row.nik)) {
      e.nik = NikNumber(row.nik);
    } else {
      e.nik = kIrregularNik | irregular_niks.size();
      irregular_niks.push_back(row.nik);
    }
    e.updated_us = row.updated_us;
    e.key8 = Key8(row.name_key);
    e.name = names.Intern(row.name);
    e.birth = row.birth_days.value_or(kNoBirth);
    e.district = static_cast<std::uint16_t>(districts.Intern(row.district_code));
    e.village = static_cast<std::uint16_t>(villages.Intern(row.village_code));
    e.occupation = static_cast<std::uint16_t>(occupations.Intern(row.occupation));
    e.source = static_cast<std::uint16_t>(sources.Intern(row.source));
    e.status = static_cast<std::uint8_t>(row.status);
    e.flags = static_cast<std::uint8_t>((row.sex == domain::Sex::kFemale ? kFemale : 0) |
                                        (row.has_issues ? kIssues : 0));
    return e;
  }

  void Upsert(std::span<const ListRow> rows);

  // Sorts `order` afresh. Each worker's place is first written as one number (a rank, a date,
  // the NIK) and the pairs (number, id) are sorted: several times faster for a million than a
  // comparison that reads two entries and their dictionaries each time. The NIK order of a
  // regency that holds a NIK of other than 16 digits compares as Less does.
  void SortOrder(Order order) {
    auto& perm = orders[order];
    perm.resize(entries.size());
    for (std::uint32_t slot = 0; slot < perm.size(); ++slot) perm[slot] = slot;
    if (order == kByNik && !irregular_niks.empty()) {
      std::ranges::sort(perm, [&](std::uint32_t a, std::uint32_t b) { return Less(order, a, b); });
      return;
    }
    names.PrepareRanks();
    districts.PrepareRanks();
    struct Keyed {
      std::uint64_t key;
      std::int64_t id;
      std::uint32_t slot;
    };
    std::vector<Keyed> keyed(entries.size());
    constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
    for (std::uint32_t slot = 0; slot < entries.size(); ++slot) {
      const Entry& e = entries[slot];
      std::uint64_t key = 0;
      switch (order) {
        case kById:
          break;
        case kByName:
          key = names.Rank(e.name);
          break;
        case kByDistrict:
          key = (std::uint64_t{districts.Rank(e.district)} << 32) | names.Rank(e.name);
          break;
        case kByNik:
          key = e.nik;
          break;
        case kByBirth:
          key = static_cast<std::uint64_t>(static_cast<std::int64_t>(e.birth)) ^ kSign;
          break;
        case kByUpdated:
          key = static_cast<std::uint64_t>(e.updated_us) ^ kSign;
          break;
        case kOrders:
          break;
      }
      keyed[slot] = {key, e.id, slot};
    }
    std::ranges::sort(keyed, [](const Keyed& a, const Keyed& b) {
      return a.key != b.key ? a.key < b.key : a.id < b.id;
    });
    for (std::size_t i = 0; i < keyed.size(); ++i) perm[i] = keyed[i].slot;
  }
};

namespace {

// A filter with its strings replaced by the index's codes.
struct Resolved {
  bool nothing = false;  // a code the regency does not have: no worker matches
  std::optional<std::uint16_t> district, village, occupation, source;
  std::optional<std::uint8_t> status;
  std::optional<bool> female, issues;
  bool by_nik = false;
  std::uint64_t nik_low = 0, nik_high = 0;  // regular NIKs in [low, high) match
  bool nik_regular_possible = false;
  std::string nik_prefix;
  std::int32_t born_after = kNoBirth;  // birth > this (kNoBirth: no lower bound)
  bool by_key = false;                 // a name search of <= 8 bytes, tested here
  std::uint64_t key_high = 0;          // key8 >> key_shift == key_high
  int key_shift = 0;
  std::optional<std::int32_t> born_on_or_before;
};

std::int32_t Days(std::chrono::year_month_day date) {
  return static_cast<std::int32_t>(std::chrono::sys_days(date).time_since_epoch().count());
}

}  // namespace

void WorkerListIndex::State::Upsert(std::span<const ListRow> rows) {
  // The last row of an id wins.
  std::unordered_map<std::int64_t, std::size_t> last;
  last.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) last[rows[i].id] = i;
  std::vector<std::uint32_t> changed;  // existing slots whose values change
  std::vector<std::pair<std::uint32_t, std::size_t>> updates;
  std::vector<std::size_t> added;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (last[rows[i].id] != i) continue;
    if (auto slot = SlotOf(rows[i].id)) {
      changed.push_back(*slot);
      updates.emplace_back(*slot, i);
    } else {
      added.push_back(i);
    }
  }
  const std::size_t n_before = entries.size();
  const bool rebuild = changed.size() + added.size() > std::max<std::size_t>(64, n_before / 16);
  // 1. Take the changed slots out of every order while their entries still hold the values the
  //    orders were sorted by.
  if (!rebuild && !changed.empty()) {
    for (std::size_t o = 0; o < kOrders; ++o) {
      auto& perm = orders[o];
      std::vector<std::size_t> at;
      at.reserve(changed.size());
      for (std::uint32_t slot : changed) {
        auto it = std::lower_bound(perm.begin(), perm.end(), slot, [&](auto x, auto y) {
          return Less(static_cast<Order>(o), x, y);
        });
        at.push_back(static_cast<std::size_t>(it - perm.begin()));
      }
      std::ranges::sort(at);
      std::size_t write = 0, next = 0;
      for (std::size_t read = 0; read < perm.size(); ++read) {
        if (next < at.size() && at[next] == read) {
          ++next;
          continue;
        }
        perm[write++] = perm[read];
      }
      perm.resize(write);
    }
  }
  // 2. New values.
  std::vector<std::uint32_t> moved = changed;
  for (auto [slot, i] : updates) {
    const std::uint64_t old_nik = entries[slot].nik;
    Entry packed = Pack(rows[i]);
    // An irregular NIK that stays irregular keeps its text's slot.
    if ((old_nik & kIrregularNik) && (packed.nik & kIrregularNik)) {
      irregular_niks[old_nik & ~kIrregularNik] = std::move(irregular_niks.back());
      irregular_niks.pop_back();
      packed.nik = old_nik;
    }
    entries[slot] = packed;
  }
  for (std::size_t i : added) {
    moved.push_back(static_cast<std::uint32_t>(entries.size()));
    entries.push_back(Pack(rows[i]));
  }
  // 3. Put the moved slots back in order: a sort of the few, then one merge pass per order.
  for (std::size_t o = 0; o < kOrders; ++o) {
    auto less = [&](std::uint32_t x, std::uint32_t y) { return Less(static_cast<Order>(o), x, y); };
    auto& perm = orders[o];
    if (rebuild) {
      SortOrder(static_cast<Order>(o));
      continue;
    }
    if (moved.empty()) continue;
    std::vector<std::uint32_t> in = moved;
    std::ranges::sort(in, less);
    std::vector<std::uint32_t> out;
    out.reserve(perm.size() + in.size());
    auto from = perm.begin();
    for (std::uint32_t slot : in) {
      auto to = std::lower_bound(from, perm.end(), slot, less);
      out.insert(out.end(), from, to);
      out.push_back(slot);
      from = to;
    }
    out.insert(out.end(), from, perm.end());
    perm = std::move(out);
  }
  names.PrepareRanks();
  districts.PrepareRanks();
}

WorkerListIndex::WorkerListIndex() : state_(std::make_unique<State>()) {}
WorkerListIndex::~WorkerListIndex() = default;
WorkerListIndex::WorkerListIndex(WorkerListIndex&&) noexcept = default;
WorkerListIndex& WorkerListIndex::operator=(WorkerListIndex&&) noexcept = default;

void WorkerListIndex::Upsert(std::span<const ListRow> rows) { state_->Upsert(rows); }

void WorkerListIndex::Add(const ListRow& row) { state_->entries.push_back(state_->Pack(row)); }

void WorkerListIndex::Seal() {
  State& s = *state_;
  s.entries.shrink_to_fit();
  for (std::size_t o = 0; o < kOrders; ++o) s.SortOrder(static_cast<Order>(o));
  s.names.PrepareRanks();
  s.districts.PrepareRanks();
}

std::size_t WorkerListIndex::size() const { return state_->entries.size(); }

std::size_t WorkerListIndex::MemoryBytes() const {
  const State& s = *state_;
  std::size_t bytes = s.entries.capacity() * sizeof(Entry);
  for (const auto& perm : s.orders) bytes += perm.capacity() * sizeof(std::uint32_t);
  for (const Dictionary* d : {&s.names, &s.districts, &s.villages, &s.occupations, &s.sources}) {
    bytes += d->MemoryBytes();
  }
  for (const auto& nik : s.irregular_niks) bytes += sizeof(std::string) + nik.capacity();
  return bytes;
}

bool WorkerListIndex::SearchesNamesItself(const WorkerQuery& query) {
  if (query.filter.name.empty()) return true;
  const std::string key = NameSearchKey(query.filter.name);
  if (key.empty()) return true;
  const bool key_order = query.sort == WorkerSort::kName && query.filter.nik_prefix.empty();
  return key.size() <= 8 && !key_order;
}

namespace {

std::vector<CodeCount> CountCodes(const std::vector<Entry>& entries, const Dictionary& dictionary,
                                  std::uint16_t Entry::*field) {
  std::vector<std::int64_t> counts(dictionary.size(), 0);
  for (const Entry& e : entries) ++counts[e.*field];
  std::vector<CodeCount> out;
  for (std::uint32_t code = 0; code < counts.size(); ++code) {
    if (counts[code] > 0) out.push_back({std::string(dictionary.Value(code)), counts[code]});
  }
  std::ranges::sort(out, {}, &CodeCount::code);
  return out;
}

}  // namespace

std::vector<CodeCount> WorkerListIndex::CountByDistrict() const {
  return CountCodes(state_->entries, state_->districts, &Entry::district);
}

std::vector<CodeCount> WorkerListIndex::CountByOccupation() const {
  return CountCodes(state_->entries, state_->occupations, &Entry::occupation);
}

SexCount WorkerListIndex::CountBySex() const {
  SexCount out;
  for (const Entry& e : state_->entries) ++((e.flags & kFemale) ? out.female : out.male);
  return out;
}

AgeBandCounts WorkerListIndex::CountByAgeBand(std::span<const int> lower_bounds,
                                              std::span<const std::int32_t> cutoffs) const {
  AgeBandCounts out;
  std::vector<std::int64_t> counts(cutoffs.size(), 0);
  for (const Entry& e : state_->entries) {
    if (e.birth == kNoBirth) {
      ++out.unknown;
      continue;
    }
    // The first band (oldest bound last) whose cutoff the birth date is on or before.
    std::size_t band = cutoffs.size();
    for (std::size_t i = cutoffs.size(); i-- > 0;) {
      if (e.birth <= cutoffs[i]) {
        band = i;
        break;
      }
    }
    if (band == cutoffs.size()) {
      ++out.younger;
    } else {
      ++counts[band];
    }
  }
  for (std::size_t i = 0; i < lower_bounds.size(); ++i) {
    out.bands.push_back(
        {lower_bounds[i], i + 1 < lower_bounds.size() ? lower_bounds[i + 1] : -1, counts[i]});
  }
  return out;
}

Result<ListSelection> WorkerListIndex::Select(
    const WorkerQuery& query, std::optional<std::span<const std::int64_t>> candidates) const {
  const State& s = *state_;
  const WorkerFilter& f = query.filter;
  Resolved r;
  auto code = [&](const Dictionary& d, const std::string& value,
                  std::optional<std::uint16_t>& out) {
    if (value.empty()) return;
    auto found = d.Find(value);
    if (!found) {
      r.nothing = true;
      return;
    }
    out = static_cast<std::uint16_t>(*found);
  };
  code(s.districts, f.district_code, r.district);
  code(s.villages, f.village_code, r.village);
  code(s.occupations, f.occupation, r.occupation);
  code(s.sources, f.source, r.source);
  if (f.status) r.status = static_cast<std::uint8_t>(*f.status);
  if (f.sex) r.female = *f.sex == domain::Sex::kFemale;
  r.issues = f.has_issues;
  if (!f.nik_prefix.empty()) {
    if (!std::ranges::all_of(f.nik_prefix, [](char c) { return c >= '0' && c <= '9'; })) {
      return Fail(Error::InvalidArgument("awalan NIK hanya boleh angka", "nik_prefix"));
    }
    r.by_nik = true;
    r.nik_prefix = f.nik_prefix;
    if (f.nik_prefix.size() <= 16) {
      const std::uint64_t scale = Pow10(16 - f.nik_prefix.size());
      r.nik_low = NikNumber(f.nik_prefix) * scale;
      r.nik_high = (NikNumber(f.nik_prefix) + 1) * scale;
      r.nik_regular_possible = true;
    }
  }
  if (!candidates && !f.name.empty()) {
    const std::string key = NameSearchKey(f.name);
    if (key.size() > 8) {
      return Fail(Error::Internal("pencarian nama tanpa kandidat",
                                  "op=list_index.select long name key without candidates"));
    }
    if (!key.empty()) {
      r.by_key = true;
      r.key_shift = static_cast<int>(8 * (8 - key.size()));
      r.key_high = Key8(key) >> r.key_shift;
    }
  }
  if (f.born_after) r.born_after = Days(*f.born_after);
  if (f.born_on_or_before) r.born_on_or_before = Days(*f.born_on_or_before);
  const bool any_birth = f.born_after.has_value() || f.born_on_or_before.has_value();

  auto matches = [&](const Entry& e) {
    if (r.district && e.district != *r.district) return false;
    if (r.village && e.village != *r.village) return false;
    if (r.occupation && e.occupation != *r.occupation) return false;
    if (r.source && e.source != *r.source) return false;
    if (r.status && e.status != *r.status) return false;
    if (r.female && ((e.flags & kFemale) != 0) != *r.female) return false;
    if (r.issues && ((e.flags & kIssues) != 0) != *r.issues) return false;
    if (r.by_key && (e.key8 >> r.key_shift) != r.key_high) return false;
    if (any_birth) {
      if (e.birth == kNoBirth || e.birth <= r.born_after) return false;
      if (r.born_on_or_before && e.birth > *r.born_on_or_before) return false;
    }
    if (r.by_nik) {
      if (e.nik & kIrregularNik) {
        if (!s.irregular_niks[e.nik & ~kIrregularNik].starts_with(r.nik_prefix)) return false;
      } else if (!r.nik_regular_possible || e.nik < r.nik_low || e.nik >= r.nik_high) {
        return false;
      }
    }
    return true;
  };

  Order order = kByName;
  switch (query.sort) {
    case WorkerSort::kName:
      order = r.by_nik ? kByNik : kByName;
      break;
    case WorkerSort::kNik:
      order = kByNik;
      break;
    case WorkerSort::kBirthDate:
      order = kByBirth;
      break;
    case WorkerSort::kUpdatedAt:
      order = kByUpdated;
      break;
    case WorkerSort::kDistrict:
      order = kByDistrict;
      break;
  }
  // A name search sorted by name lists in search-key order: the candidates' own.
  const bool candidate_order = candidates && query.sort == WorkerSort::kName && !r.by_nik;
  // WorkerQuery::exact_total_up_to: counted up to max(N, offset + limit), so that a further page
  // is always known to exist.
  const std::int64_t cap = query.exact_total_up_to > 0
                               ? std::max(query.exact_total_up_to, query.offset + query.limit)
                               : 0;
  const auto offset = static_cast<std::size_t>(query.offset);
  const auto limit = static_cast<std::size_t>(query.limit);
  auto less = [&](std::uint32_t a, std::uint32_t b) { return s.Less(order, a, b); };

  // A NIK prefix's matches lie in one range of the NIK order, as NIKs compare as text there:
  // found by two binary searches instead of a pass over the regency.
  const bool nik_range = r.by_nik && !candidates && !r.nothing;
  std::size_t nik_first = 0, nik_last = 0;
  if (nik_range) {
    const auto& by_nik = s.orders[kByNik];
    const std::size_t length = r.nik_prefix.size();
    const std::uint64_t scale = length <= 16 ? Pow10(16 - length) : 1;
    const std::uint64_t wanted = length <= 16 ? NikNumber(r.nik_prefix) : 0;
    // -1: the NIK sorts before every match, 0: it matches, 1: after.
    auto side = [&](std::uint32_t slot) -> int {
      const std::uint64_t nik = s.entries[slot].nik;
      if (!(nik & kIrregularNik) && length <= 16) {
        const std::uint64_t head = nik / scale;
        return head < wanted ? -1 : (head > wanted ? 1 : 0);
      }
      const std::string text = s.NikText(nik);
      if (text.starts_with(r.nik_prefix)) return 0;
      return text < r.nik_prefix ? -1 : 1;
    };
    nik_first = static_cast<std::size_t>(
        std::ranges::partition_point(by_nik, [&](std::uint32_t slot) { return side(slot) < 0; }) -
        by_nik.begin());
    nik_last = static_cast<std::size_t>(
        std::ranges::partition_point(by_nik, [&](std::uint32_t slot) { return side(slot) <= 0; }) -
        by_nik.begin());
  }
  ListSelection out;
  // The matches in the list's ascending order (all of them), when they were gathered.
  std::vector<std::uint32_t> gathered;
  std::vector<bool> chosen;  // many search candidates, by slot
  std::int64_t count = 0;
  bool all_gathered = true;
  if (!r.nothing && candidates) {
    // Slots of the candidates: sorted by id and merged with the id order (one pass, where a
    // binary search each cost 90 ms for a prefix matching 90,000 of 1,000,000).
    constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::pair<std::int64_t, std::uint32_t>> by_id;
    by_id.reserve(candidates->size());
    for (std::uint32_t i = 0; i < candidates->size(); ++i) by_id.emplace_back((*candidates)[i], i);
    std::ranges::sort(by_id);
    std::vector<std::uint32_t> slots(candidates->size(), kAbsent);
    const auto& ids = s.orders[kById];
    std::size_t j = 0;
    for (auto [id, i] : by_id) {
      while (j < ids.size() && s.entries[ids[j]].id < id) ++j;
      if (j < ids.size() && s.entries[ids[j]].id == id) slots[i] = ids[j];
    }
    for (std::uint32_t slot : slots) {
      if (slot == kAbsent || !matches(s.entries[slot])) continue;
      gathered.push_back(slot);
    }
    count = static_cast<std::int64_t>(gathered.size());
    if (!candidate_order && count > kGatherUpTo) {
      // Many candidates in another order: marked, and the order walked (as without a search).
      chosen.assign(s.entries.size(), false);
      for (std::uint32_t slot : gathered) chosen[slot] = true;
      all_gathered = false;
    } else if (!candidate_order) {
      std::ranges::sort(gathered, less);
    }
  } else if (!r.nothing) {
    // Counted in entry order, or, for a NIK prefix, in its range of the NIK order only.
    const std::size_t end = nik_range ? nik_last - nik_first : s.entries.size();
    for (std::size_t i = 0; i < end; ++i) {
      const std::uint32_t slot =
          nik_range ? s.orders[kByNik][nik_first + i] : static_cast<std::uint32_t>(i);
      if (!matches(s.entries[slot])) continue;
      ++count;
      if (count <= kGatherUpTo) {
        gathered.push_back(slot);
      } else {
        all_gathered = false;
      }
      if (cap > 0 && count > cap) {
        all_gathered = i + 1 == end && count <= kGatherUpTo;
        break;
      }
    }
    if (all_gathered) std::ranges::sort(gathered, less);
  }
  out.total = count;
  if (cap > 0 && count > cap) {
    out.total = cap;
    out.total_exact = false;
  }
  if (limit == 0 || std::cmp_greater_equal(query.offset, count)) return out;
  if (all_gathered) {
    const std::size_t n = gathered.size();
    for (std::size_t i = offset; i < n && out.ids.size() < limit; ++i) {
      const std::uint32_t slot = query.descending ? gathered[n - 1 - i] : gathered[i];
      out.ids.push_back(s.entries[slot].id);
    }
    return out;
  }
  // Many matches: walk the order, skipping the offset's matches (in NIK order, only the
  // prefix's range).
  std::span<const std::uint32_t> perm = s.orders[order];
  if (nik_range && order == kByNik) perm = perm.subspan(nik_first, nik_last - nik_first);
  if (r.district && order == kByDistrict) {
    // A district's workers are one range of the district order.
    const std::uint32_t rank = s.districts.Rank(*r.district);
    auto rank_of = [&](std::uint32_t slot) { return s.districts.Rank(s.entries[slot].district); };
    const auto first =
        std::ranges::partition_point(perm, [&](std::uint32_t slot) { return rank_of(slot) < rank; });
    const auto last = std::ranges::partition_point(
        perm, [&](std::uint32_t slot) { return rank_of(slot) <= rank; });
    perm = perm.subspan(static_cast<std::size_t>(first - perm.begin()),
                        static_cast<std::size_t>(last - first));
  }
  std::size_t skipped = 0;
  auto visit = [&](std::uint32_t slot) {
    const Entry& e = s.entries[slot];
    if (chosen.empty() ? !matches(e) : !chosen[slot]) return true;
    if (skipped < offset) {
      ++skipped;
      return true;
    }
    out.ids.push_back(e.id);
    return out.ids.size() < limit;
  };
  if (query.descending) {
    for (auto it = perm.rbegin(); it != perm.rend() && visit(*it); ++it) {
    }
  } else {
    for (auto it = perm.begin(); it != perm.end() && visit(*it); ++it) {
    }
  }
  return out;
}

}  // namespace jaring::storage
