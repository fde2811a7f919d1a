// WorkerListIndex against a brute-force reference (filter every row, sort all matches with the
// list's comparator, slice): filters × sorts × directions × offsets × caps on generated workers
// with repeated names, missing birth dates, equal last changes and NIKs that are not 16 digits;
// then again after changes (Upsert of new and existing workers, small and large batches) and
// for name-search candidates.
#include "storage/worker_list_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace jaring::storage {
namespace {

using std::chrono::year_month_day;

year_month_day Date(int y, unsigned m, unsigned d) {
  return {std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::int32_t Days(year_month_day d) {
  return static_cast<std::int32_t>(std::chrono::sys_days(d).time_since_epoch().count());
}

// Few distinct values everywhere, so that ties and empty results are common.
ListRow MakeRow(std::mt19937& rng, std::int64_t id) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  static const char* const kNames[] = {"Siti Aminah", "Sumarni", "Budi", "Budi Santoso", "",
                                       "Achmad", "siti", "Zainal", "Budi"};
  static const char* const kOccupations[] = {"petani", "nelayan", "buruh", ""};
  static const char* const kSources[] = {"Dinas Pertanian", "Desa", "demo"};
  ListRow row;
  row.id = id;
  const int district = 1 + pick(4);
  row.district_code = "35.14.0" + std::to_string(district);
  row.village_code = row.district_code + ".200" + std::to_string(1 + pick(3));
  if (pick(20) == 0) row.village_code = row.district_code = "";
  const int kind = pick(10);
  if (kind == 0) {
    row.nik = "";  // empty
  } else if (kind == 1) {
    row.nik = "35140" + std::to_string(pick(100));  // short
  } else if (kind == 2) {
    row.nik = "35140123456789012";  // 17 digits
  } else {
    row.nik = "35140" + std::to_string(pick(3)) + std::to_string(100000000 + pick(400000000)) +
              std::to_string(pick(10));
    row.nik.resize(16, '7');
  }
  row.name = kNames[pick(9)];
  row.name_key = NameSearchKey(row.name);
  row.occupation = kOccupations[pick(4)];
  row.source = kSources[pick(3)];
  row.status = static_cast<domain::WorkerStatus>(pick(5));
  row.sex = pick(2) == 0 ? domain::Sex::kMale : domain::Sex::kFemale;
  row.has_issues = pick(7) == 0;
  if (pick(6) != 0) row.birth_days = Days(Date(1950, 1, 1)) + pick(365 * 55);
  row.updated_us = 1'700'000'000'000'000 + pick(50) * 1'000'000;  // many equal
  return row;
}

// The reference: every row tested, all matches sorted (ascending, ties by id).
std::vector<std::int64_t> Reference(const std::vector<ListRow>& rows, const WorkerQuery& q,
                                    const std::vector<std::int64_t>* candidates) {
  const WorkerFilter& f = q.filter;
  std::vector<const ListRow*> hits;
  auto test = [&](const ListRow& r) {
    if (!f.district_code.empty() && r.district_code != f.district_code) return false;
    if (!f.village_code.empty() && r.village_code != f.village_code) return false;
    if (!f.occupation.empty() && r.occupation != f.occupation) return false;
    if (!f.source.empty() && r.source != f.source) return false;
    if (f.status && r.status != *f.status) return false;
    if (f.sex && r.sex != *f.sex) return false;
    if (f.has_issues && r.has_issues != *f.has_issues) return false;
    if (f.born_after && (!r.birth_days || *r.birth_days <= Days(*f.born_after))) return false;
    if (f.born_on_or_before && (!r.birth_days || *r.birth_days > Days(*f.born_on_or_before)))
      return false;
    if (!f.nik_prefix.empty() && !r.nik.starts_with(f.nik_prefix)) return false;
    // A name search: candidates when given, else the key's prefix.
    if (!candidates && !f.name.empty() && !r.name_key.starts_with(NameSearchKey(f.name))) {
      return false;
    }
    return true;
  };
  if (candidates) {
    std::unordered_map<std::int64_t, const ListRow*> by_id;
    for (const ListRow& r : rows) by_id[r.id] = &r;
    for (std::int64_t id : *candidates) {
      auto it = by_id.find(id);
      if (it != by_id.end() && test(*it->second)) hits.push_back(it->second);
    }
  } else {
    for (const ListRow& r : rows) {
      if (test(r)) hits.push_back(&r);
    }
  }
  const bool by_nik = q.sort == WorkerSort::kNik ||
                      (q.sort == WorkerSort::kName && !f.nik_prefix.empty());
  const bool keep_candidate_order = candidates && q.sort == WorkerSort::kName && !by_nik;
  auto key = [&](const ListRow* r) {
    std::string a, b;
    std::int64_t n = 0;
    if (by_nik) {
      a = r->nik;
    } else if (q.sort == WorkerSort::kName) {
      a = r->name;
    } else if (q.sort == WorkerSort::kDistrict) {
      a = r->district_code;
      b = r->name;
    } else if (q.sort == WorkerSort::kBirthDate) {
      n = r->birth_days ? *r->birth_days : std::numeric_limits<std::int64_t>::min();
    } else {
      n = r->updated_us;
    }
    return std::tuple(a, b, n, r->id);
  };
  if (!keep_candidate_order) {
    std::ranges::sort(hits, [&](auto* x, auto* y) { return key(x) < key(y); });
  }
  std::vector<std::int64_t> ids;
  for (const ListRow* r : hits) ids.push_back(r->id);
  return ids;
}

// The page and total of `q` from the reference's sorted matches.
ListSelection Page(std::vector<std::int64_t> sorted, const WorkerQuery& q) {
  if (q.descending) std::ranges::reverse(sorted);
  ListSelection out;
  const std::int64_t cap =
      q.exact_total_up_to > 0 ? std::max(q.exact_total_up_to, q.offset + q.limit) : 0;
  out.total = static_cast<std::int64_t>(sorted.size());
  if (cap > 0 && out.total > cap) {
    out.total = cap;
    out.total_exact = false;
  }
  for (std::size_t i = static_cast<std::size_t>(q.offset);
       i < sorted.size() && out.ids.size() < static_cast<std::size_t>(q.limit); ++i) {
    out.ids.push_back(sorted[i]);
  }
  return out;
}

std::vector<WorkerFilter> Filters() {
  std::vector<WorkerFilter> out(1);
  auto add = [&](auto set) {
    WorkerFilter f;
    set(f);
    out.push_back(f);
  };
  add([](WorkerFilter& f) { f.district_code = "35.14.02"; });
  add([](WorkerFilter& f) { f.district_code = "35.14.09"; });  // absent
  add([](WorkerFilter& f) { f.village_code = "35.14.03.2002"; });
  add([](WorkerFilter& f) { f.occupation = "nelayan"; });
  add([](WorkerFilter& f) { f.source = "Desa"; });
  add([](WorkerFilter& f) { f.status = domain::WorkerStatus::kCandidate; });
  add([](WorkerFilter& f) { f.sex = domain::Sex::kFemale; });
  add([](WorkerFilter& f) { f.has_issues = true; });
  add([](WorkerFilter& f) { f.has_issues = false; });
  add([](WorkerFilter& f) {
    f.born_after = Date(1970, 1, 1);
    f.born_on_or_before = Date(1980, 12, 31);
  });
  add([](WorkerFilter& f) { f.born_on_or_before = Date(1960, 6, 1); });
  add([](WorkerFilter& f) { f.nik_prefix = "3514"; });
  add([](WorkerFilter& f) { f.nik_prefix = "351401"; });
  add([](WorkerFilter& f) { f.nik_prefix = "35140"; });
  add([](WorkerFilter& f) { f.nik_prefix = "35140123456789012"; });  // longer than 16
  add([](WorkerFilter& f) {
    f.sex = domain::Sex::kMale;
    f.occupation = "petani";
    f.district_code = "35.14.01";
  });
  // Name searches with short keys, answered by the index itself unless listed in key order.
  add([](WorkerFilter& f) { f.name = "Siti"; });
  add([](WorkerFilter& f) { f.name = "bu"; });
  add([](WorkerFilter& f) {
    f.name = "Budi";
    f.district_code = "35.14.02";
  });
  return out;
}

void CheckAll(const WorkerListIndex& index, const std::vector<ListRow>& rows,
              const std::vector<std::int64_t>* candidates = nullptr) {
  const std::vector<WorkerFilter> filters = Filters();
  const WorkerSort sorts[] = {WorkerSort::kName, WorkerSort::kNik, WorkerSort::kBirthDate,
                              WorkerSort::kUpdatedAt, WorkerSort::kDistrict};
  const std::int64_t n = static_cast<std::int64_t>(rows.size());
  const std::int64_t offsets[] = {0, 7, n / 3, n - 5, n + 10};
  for (std::size_t fi = 0; fi < filters.size(); ++fi) {
    for (WorkerSort sort : sorts) {
      const std::vector<std::int64_t> sorted =
          Reference(rows, WorkerQuery{filters[fi], sort}, candidates);
      for (bool descending : {false, true}) {
        for (std::int64_t offset : offsets) {
          for (std::int64_t cap : {std::int64_t{0}, std::int64_t{100}}) {
            const WorkerQuery q{filters[fi], sort, descending, std::max<std::int64_t>(0, offset),
                                25, cap};
            if (!candidates && !WorkerListIndex::SearchesNamesItself(q)) continue;
            const std::string what = "filter " + std::to_string(fi) + " sort " +
                                     std::to_string(static_cast<int>(sort)) + " desc " +
                                     std::to_string(descending) + " offset " +
                                     std::to_string(offset) + " cap " + std::to_string(cap);
            auto got = index.Select(
                q, candidates ? std::optional(std::span<const std::int64_t>(*candidates))
                              : std::nullopt);
            ASSERT_TRUE(got) << got.error().ToString();
            const ListSelection want = Page(sorted, q);
            ASSERT_EQ(got->ids, want.ids) << what;
            ASSERT_EQ(got->total, want.total) << what;
            ASSERT_EQ(got->total_exact, want.total_exact) << what;
          }
        }
      }
    }
  }
}

TEST(WorkerListIndexTest, PagesMatchTheReferenceForEveryFilterSortAndOffset) {
  for (std::size_t size : {0u, 1u, 300u, 12'000u}) {  // 12,000: past the gathering threshold
    std::mt19937 rng(static_cast<unsigned>(size) + 1);
    std::vector<ListRow> rows;
    for (std::size_t i = 0; i < size; ++i) rows.push_back(MakeRow(rng, 10 + 3 * static_cast<int>(i)));
    WorkerListIndex index;
    index.Upsert(rows);
    ASSERT_EQ(index.size(), size);
    CheckAll(index, rows);
    if (HasFatalFailure()) return;
    // The same workers loaded as a server loads a regency (Add, then Seal), then changed.
    WorkerListIndex loaded;
    for (const ListRow& row : rows) loaded.Add(row);
    loaded.Seal();
    CheckAll(loaded, rows);
    if (HasFatalFailure()) return;
    if (rows.empty()) continue;
    rows[0] = MakeRow(rng, rows[0].id);
    loaded.Upsert(std::span(rows).first(1));
    CheckAll(loaded, rows);
    if (HasFatalFailure()) return;
  }
}

// `n` generated rows with ids from `first_id` on.
std::vector<ListRow> MakeRows(std::mt19937& rng, int n, std::int64_t first_id) {
  std::vector<ListRow> rows;
  for (int i = 0; i < n; ++i) rows.push_back(MakeRow(rng, first_id + i));
  return rows;
}

TEST(WorkerListIndexTest, OrdersNiksAsNumbersWhenAllHave16Digits) {
  std::mt19937 rng(3);
  std::vector<ListRow> rows = MakeRows(rng, 5000, 1);
  for (ListRow& row : rows) {
    if (row.nik.size() != 16 || row.nik.find_first_not_of("0123456789") != std::string::npos) {
      row.nik = "3514" + std::to_string(100000000000 + rng() % 800000000000);
    }
  }
  WorkerListIndex index;
  for (const ListRow& row : rows) index.Add(row);
  index.Seal();
  CheckAll(index, rows);
}

TEST(WorkerListIndexTest, StaysOrderedThroughSmallAndLargeChanges) {
  std::mt19937 rng(7);
  std::vector<ListRow> rows = MakeRows(rng, 3000, 1000);
  WorkerListIndex index;
  index.Upsert(rows);
  // Small batches (one pass per order): changed workers, new ones with higher and lower ids,
  // and an id given twice (the last wins).
  for (int round = 0; round < 12; ++round) {
    std::vector<ListRow> batch;
    for (int k = 0; k < 1 + round * 3; ++k) {
      const std::size_t at = rng() % rows.size();
      ListRow changed = MakeRow(rng, rows[at].id);
      batch.push_back(changed);
    }
    batch.push_back(MakeRow(rng, 5000 + round));  // new, highest id
    batch.push_back(MakeRow(rng, 10 + round));    // new, lowest id
    batch.push_back(MakeRow(rng, rows[5].id));
    batch.push_back(MakeRow(rng, rows[5].id));
    index.Upsert(batch);
    for (const ListRow& row : batch) {
      auto it = std::ranges::find(rows, row.id, &ListRow::id);
      if (it != rows.end()) {
        *it = row;
      } else {
        rows.push_back(row);
      }
    }
    ASSERT_EQ(index.size(), rows.size());
  }
  CheckAll(index, rows);
  if (HasFatalFailure()) return;
  // A large batch (orders sorted afresh).
  std::vector<ListRow> batch;
  for (auto& row : rows) {
    if (rng() % 3 == 0) {
      row = MakeRow(rng, row.id);
      batch.push_back(row);
    }
  }
  index.Upsert(batch);
  CheckAll(index, rows);
}

TEST(WorkerListIndexTest, NameSearchCandidatesAreFilteredAndOrdered) {
  std::mt19937 rng(11);
  std::vector<ListRow> rows = MakeRows(rng, 2000, 1);
  WorkerListIndex index;
  index.Upsert(rows);
  // Candidates as a name-key index would give them: some order of their own, plus ids the
  // index does not hold (skipped).
  std::vector<std::int64_t> candidates;
  for (int i = 0; i < 2000; i += 3) candidates.push_back(2001 - i);
  candidates.push_back(99'999);
  CheckAll(index, rows, &candidates);
  if (HasFatalFailure()) return;
  // More candidates than are sorted (the order is walked instead).
  for (int i = 2000; i < 30'000; ++i) rows.push_back(MakeRow(rng, 1 + i));
  index.Upsert(std::span(rows).subspan(2000));
  candidates.clear();
  for (int i = 30'000; i > 0; i -= 2) candidates.push_back(i);
  CheckAll(index, rows, &candidates);
}

TEST(WorkerListIndexTest, RefusesANikPrefixWithOtherCharacters) {
  WorkerListIndex index;
  WorkerQuery q;
  q.filter.nik_prefix = "35a";
  auto got = index.Select(q, std::nullopt);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace jaring::storage
