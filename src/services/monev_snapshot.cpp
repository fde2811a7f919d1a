#include "services/monev_snapshot.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "domain/date_format.hpp"
#include "domain/period.hpp"

namespace jaring::services::monev {
namespace {

// "35.14.01.2001" -> "35.14.01"; "" when the code is not a village's.
std::string DistrictOf(const std::string& village_code) {
  if (std::ranges::count(village_code, '.') != 3) return {};
  return village_code.substr(0, village_code.rfind('.'));
}

struct Area {
  storage::SnapshotRecord* regency;
  storage::SnapshotRecord* district;  // null when the village code is malformed
  storage::SnapshotRecord* village;
};

// The rows of one month, created as records name their areas.
class Rows {
 public:
  Rows(const MonthInputs& in) : in_(in) {
    regency_ = Make(in.regency_code, "regency");
  }
  Area Of(const std::string& village_code) {
    const std::string district = DistrictOf(village_code);
    if (district.empty() || !village_code.starts_with(in_.regency_code + "."))
      return {&regency_, nullptr, nullptr};
    return {&regency_, &Get(districts_, district, "district"),
            &Get(villages_, village_code, "village")};
  }
  storage::SnapshotRecord& regency() { return regency_; }
  std::vector<storage::SnapshotRecord> Take() {
    std::vector<storage::SnapshotRecord> out{regency_};
    for (auto& [code, row] : districts_) out.push_back(row);
    for (auto& [code, row] : villages_) out.push_back(row);
    return out;
  }

 private:
  storage::SnapshotRecord Make(const std::string& code, const char* level) const {
    storage::SnapshotRecord r;
    r.regency_code = in_.regency_code;
    r.period = in_.period;
    r.area_code = code;
    r.level = level;
    r.settled_id = in_.settled_id;
    return r;
  }
  storage::SnapshotRecord& Get(std::map<std::string, storage::SnapshotRecord>& rows,
                               const std::string& code, const char* level) {
    auto it = rows.find(code);
    if (it == rows.end()) it = rows.emplace(code, Make(code, level)).first;
    return it->second;
  }

  const MonthInputs& in_;
  storage::SnapshotRecord regency_;
  std::map<std::string, storage::SnapshotRecord> districts_, villages_;
};

void AddTo(const Area& area, std::int64_t storage::SnapshotRecord::*field, std::int64_t n = 1) {
  area.regency->*field += n;
  if (area.district != nullptr) area.district->*field += n;
  if (area.village != nullptr) area.village->*field += n;
}

// Whole shares of `total` by basis points, largest remainders (the sum is `total`).
std::vector<std::int64_t> ShareOut(std::int64_t total, const std::vector<int>& shares_bp) {
  std::vector<std::int64_t> out(shares_bp.size());
  std::vector<std::pair<std::int64_t, std::size_t>> remainders;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < shares_bp.size(); ++i) {
    out[i] = total * shares_bp[i] / 10'000;
    given += out[i];
    remainders.emplace_back(total * shares_bp[i] % 10'000, i);
  }
  std::ranges::sort(remainders, [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t k = 0; given < total && k < remainders.size(); ++k, ++given)
    ++out[remainders[k].second];
  return out;
}

std::string MonthOf(const std::string& date) { return date.substr(0, 7); }

}  // namespace

std::string DifferenceCause(const storage::RegistryRecord& record) {
  if (record.worker.status == domain::WorkerStatus::kDeceased) return "died";
  const std::string& why = record.removed_reason;
  if (record.merged_into != 0 || why == "duplicate" || why == "nik_conflict") return "duplicates";
  if (why == "other_regency") return "other_regency";
  if (why == "member_wage" || why == "member_other" || why == "age" || why == "domicile")
    return "ineligible";
  return "other_removed";
}

std::vector<storage::SnapshotRecord> CountMonth(const MonthInputs& in) {
  Rows rows(in);
  const auto period = domain::Period::Parse(in.period);
  const std::string first = period ? domain::FormatIsoDate(period->FirstDay()) : "";
  const std::string last = period ? domain::FormatIsoDate(period->LastDay()) : "";

  // Cover in the month, by worker.
  std::unordered_map<std::int64_t, const storage::CoverageRecord*> cover;
  if (in.coverage != nullptr) {
    for (const auto& c : *in.coverage) {
      if (c.start_date > last || c.end_date < first) continue;
      auto [it, added] = cover.emplace(c.worker_id, &c);
      if (!added && c.start_date < it->second->start_date) it->second = &c;
    }
  }
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> by_program;  // persons, milli
  auto weight_of = [&](const storage::CoverageRecord& c) -> std::int64_t {
    if (in.paid_months == nullptr) return 0;
    const auto it = in.paid_months->find(c.program_id);
    if (it == in.paid_months->end()) return 0;
    const std::string from = MonthOf(c.start_date);
    const auto paid = std::ranges::count_if(
        it->second, [&](const std::string& m) { return m >= from && m <= in.period; });
    return std::min<std::int64_t>(paid, 6) * 1000 / 6;
  };

  std::vector<std::int64_t> on_list = in.on_list;
  std::ranges::sort(on_list);
  const auto listed = [&](std::int64_t id) { return std::ranges::binary_search(on_list, id); };
  if (in.registry != nullptr) {
    for (const auto& r : *in.registry) {
      const Area area = rows.Of(r.worker.village_code);
      AddTo(area, &storage::SnapshotRecord::rows_listed);
      if (listed(r.worker.id)) {
        AddTo(area, &storage::SnapshotRecord::persons);
        const auto c = cover.find(r.worker.id);
        if (c == cover.end()) continue;
        const std::int64_t milli = weight_of(*c->second);
        AddTo(area, &storage::SnapshotRecord::participants);
        AddTo(area, &storage::SnapshotRecord::weighted_milli, milli);
        auto& program = by_program[c->second->program_id];
        ++program.first;
        program.second += milli;
        continue;
      }
      const std::string cause = DifferenceCause(r);
      if (cause == "died") AddTo(area, &storage::SnapshotRecord::died);
      else if (cause == "duplicates") AddTo(area, &storage::SnapshotRecord::duplicates);
      else if (cause == "other_regency") AddTo(area, &storage::SnapshotRecord::other_regency);
      else if (cause == "ineligible") AddTo(area, &storage::SnapshotRecord::ineligible);
      else AddTo(area, &storage::SnapshotRecord::other_removed);
    }
  }

  nlohmann::ordered_json programs = nlohmann::ordered_json::array();
  std::map<std::string, std::int64_t> funding;
  for (const auto& [id, counts] : by_program) {
    programs.push_back(
        {{"id", id}, {"participants", counts.first}, {"weighted_milli", counts.second}});
    if (in.programs == nullptr) continue;
    const auto p = std::ranges::find(*in.programs, id, &storage::ProgramRecord::id);
    if (p == in.programs->end() || p->funding.empty()) continue;
    std::vector<int> shares;
    for (const auto& f : p->funding) shares.push_back(f.share_bp);
    const auto parts = ShareOut(counts.first, shares);
    for (std::size_t i = 0; i < parts.size(); ++i) funding[p->funding[i].source] += parts[i];
  }
  nlohmann::ordered_json by_source = nlohmann::ordered_json::array();
  for (const auto& [source, n] : funding)
    by_source.push_back({{"source", source}, {"participants", n}});
  rows.regency().detail_json =
      nlohmann::ordered_json{{"programs", programs}, {"funding", by_source}}.dump();
  return rows.Take();
}

Result<CoverInputs> ReadCover(storage::Transaction& tx, std::string_view regency_code) {
  CoverInputs out;
  auto programs = tx.Programs().List(regency_code);
  if (!programs) return Fail(std::move(programs.error()));
  out.programs = std::move(*programs);
  for (const auto& p : out.programs) {
    auto cover = tx.Enrolment().CoverageOfProgram(regency_code, p.id);
    if (!cover) return Fail(std::move(cover.error()));
    out.coverage.insert(out.coverage.end(), cover->begin(), cover->end());
    auto bills = tx.Bills().List(regency_code, p.id);
    if (!bills) return Fail(std::move(bills.error()));
    auto payments = tx.Payments().List(regency_code, p.id, std::nullopt);
    if (!payments) return Fail(std::move(payments.error()));
    std::map<std::string, std::int64_t> owed, paid;  // the newest version's total, by month
    std::map<std::string, int> version;
    for (const auto& b : *bills) {
      if (b.version < version[b.period]) continue;
      version[b.period] = b.version;
      owed[b.period] = b.total;
    }
    for (const auto& pay : *payments) paid[pay.period] += pay.amount;
    auto& months = out.paid_months[p.id];
    for (const auto& [month, total] : owed)
      if (paid[month] >= total) months.insert(month);
  }
  return out;
}

namespace {

Result<std::vector<storage::RegistryRecord>> ReadRegistry(storage::Transaction& tx,
                                                          std::string_view regency_code) {
  std::vector<storage::RegistryRecord> registry;
  auto ok = tx.Verval().ForEachRegistryRecord(regency_code, [&](const storage::RegistryRecord& r) {
    registry.push_back(r);
    return true;
  });
  if (!ok) return Fail(ok.error());
  return registry;
}

Result<std::vector<std::int64_t>> ReadMembers(storage::Transaction& tx,
                                              std::string_view regency_code,
                                              std::int64_t settled_id) {
  std::vector<std::int64_t> ids;
  auto ok = tx.Verval().ForEachSettledMember(regency_code, settled_id, [&](std::int64_t id) {
    ids.push_back(id);
    return true;
  });
  if (!ok) return Fail(ok.error());
  return ids;
}

}  // namespace

Status CountSettled(storage::Transaction& tx, const storage::SettledMonth& settled,
                    const std::vector<storage::RegistryRecord>& registry,
                    const std::vector<std::int64_t>& on_list,
                    const std::map<std::string, std::int64_t>& overlaps) {
  auto cover = ReadCover(tx, settled.regency_code);
  if (!cover) return Fail(std::move(cover.error()));
  MonthInputs in{settled.regency_code, settled.period, settled.id, &registry, on_list,
                 &cover->coverage, &cover->programs, &cover->paid_months};
  std::vector<storage::OverlapRecord> pairs;
  for (const auto& [other, persons] : overlaps)
    if (persons > 0) pairs.push_back({settled.regency_code, settled.period, other, persons});
  return tx.Monev().ReplaceSnapshot(settled.regency_code, settled.period, CountMonth(in), pairs);
}

Status RecountCover(storage::Transaction& tx, std::string_view regency_code,
                    std::string_view from_period) {
  auto months = tx.Verval().ListSettled(regency_code);
  if (!months) return Fail(std::move(months.error()));
  std::erase_if(*months, [&](const storage::SettledMonth& m) { return m.period < from_period; });
  if (months->empty()) return {};
  auto cover = ReadCover(tx, regency_code);
  if (!cover) return Fail(std::move(cover.error()));
  auto registry = ReadRegistry(tx, regency_code);
  if (!registry) return Fail(std::move(registry.error()));
  for (const auto& month : *months) {
    auto members = ReadMembers(tx, regency_code, month.id);
    if (!members) return Fail(std::move(members.error()));
    MonthInputs in{std::string(regency_code), month.period, month.id, &*registry,
                   std::move(*members), &cover->coverage, &cover->programs, &cover->paid_months};
    std::vector<storage::SnapshotRecord> fresh = CountMonth(in);
    auto stored = tx.Monev().Snapshot(regency_code, month.period, "");
    if (!stored) return Fail(std::move(stored.error()));
    if (!stored->empty() && stored->front().settled_id == month.id) {
      // Keep what describes the list as it was settled; take the cover's figures anew.
      std::map<std::string, const storage::SnapshotRecord*> now;
      for (const auto& r : fresh) now[r.area_code] = &r;
      for (auto& r : *stored) {
        const auto it = now.find(r.area_code);
        r.participants = it == now.end() ? 0 : it->second->participants;
        r.weighted_milli = it == now.end() ? 0 : it->second->weighted_milli;
        if (r.level == "regency" && it != now.end()) r.detail_json = it->second->detail_json;
        r.computed_at_us = 0;
      }
      fresh = std::move(*stored);
    }
    if (auto ok = tx.Monev().ReplaceSnapshot(regency_code, month.period, fresh, std::nullopt);
        !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace jaring::services::monev
