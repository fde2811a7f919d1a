// Counting a settled month for monitoring (issue 16, "pre-aggregate per settled month"): the
// figures every monitoring page and report reads, counted once per regency and month, by area
// (the regency, each district, each village), and stored (storage::MonevRepository), so that no
// page counts persons on load.
//
//   CountMonth     pure: the registry, the settled list and the cover -> the rows to store
//   CountSettled   at settlement, inside its transaction: the whole count, with the month's
//                  cross-regency overlap
//   RecountCover   after cover changed (an enrolment answer, a death that ends cover): the
//                  participants of every settled month from `from_period` on, counted again
//
// What is counted (docs/monev.md):
//   rows_listed    every record the lists brought (all statuses, duplicates and the dead too):
//                  the figure a spreadsheet reports
//   persons        the distinct persons of the settled list
//   the difference rows_listed - persons, split by why each record is off the list:
//                  duplicates (merged into another record), other_regency (registered by another
//                  regency), died, ineligible (a wage earner, already a member elsewhere, age,
//                  domicile) and other_removed (taken off for another reason)
//   participants   persons of the list with a program's cover on any day of the month
//   weighted_milli participants as BPJS counts them: in full after 6 paid months of the
//                  program, in proportion before (thousandths of a person)
// The regency row's detail_json: {"programs":[{"id","participants","weighted_milli"}],
//   "funding":[{"source","participants"}]} (a program's participants shared out over its
//   funding sources by their shares, largest remainders).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "storage/database.hpp"

namespace jaring::services::monev {

// What one month's count reads.
struct MonthInputs {
  std::string regency_code, period;  // "YYYY-MM"
  std::int64_t settled_id = 0;
  const std::vector<storage::RegistryRecord>* registry = nullptr;  // every record
  std::vector<std::int64_t> on_list;                               // the settled persons
  const std::vector<storage::CoverageRecord>* coverage = nullptr;  // the regency's cover
  const std::vector<storage::ProgramRecord>* programs = nullptr;
  // Per program, the months whose newest bill is paid in full ("YYYY-MM").
  const std::map<std::int64_t, std::set<std::string>>* paid_months = nullptr;
};

// Why a record is off the settled list, as the difference splits it: "duplicates",
// "other_regency", "died", "ineligible" or "other_removed".
std::string DifferenceCause(const storage::RegistryRecord& record);

// Pure. Rows for the regency, each district and each village that has a record; a record whose
// village code is malformed counts at the regency only.
std::vector<storage::SnapshotRecord> CountMonth(const MonthInputs& in);

// The cover of a regency and its programs' paid months, read once for several counts.
struct CoverInputs {
  std::vector<storage::CoverageRecord> coverage;
  std::vector<storage::ProgramRecord> programs;
  std::map<std::int64_t, std::set<std::string>> paid_months;
};
Result<CoverInputs> ReadCover(storage::Transaction& tx, std::string_view regency_code);

// At settlement: counts the month just settled and stores it with its overlap counts (other
// regency -> persons of the list it also registers).
Status CountSettled(storage::Transaction& tx, const storage::SettledMonth& settled,
                    const std::vector<storage::RegistryRecord>& registry,
                    const std::vector<std::int64_t>& on_list,
                    const std::map<std::string, std::int64_t>& overlaps);

// After cover changed: every settled month of the regency from `from_period` ("YYYY-MM"; "" for
// all) has its participants counted again; the rest of each stored count is kept (it describes
// the list as it was settled). A settled month never counted (settled before monitoring
// existed) is counted whole from the registry as it is now.
Status RecountCover(storage::Transaction& tx, std::string_view regency_code,
                    std::string_view from_period);

}  // namespace jaring::services::monev
