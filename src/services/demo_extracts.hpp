// DemoExtracts: what demo mode offers a newcomer on the verval page: for each demo regency the
// month its page opens on, and that month's death and membership extracts to download and
// import (GET .../demo-extracts/{deaths,members}.csv).
//
//   `jaring serve --demo`        the demo regency 35.14, the month of the generator's reference
//                                date (DemoPeriod), the generator's extracts (DemoExtractCsv);
//   `jaring serve --demo-story`  the three story regencies (demo/story.hpp), the month the
//                                story left open, and its extracts: the deaths of that month
//                                (covered workers among them, whose cases open when the month is
//                                settled) and the membership extract.
// The story's files are made once, on the first request (the plan takes about a second), and
// kept. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "domain/region.hpp"

namespace jaring::services {

class DemoExtracts {
 public:
  enum class Mode { kRoster, kStory };
  DemoExtracts(Mode mode, const domain::RegionIndex& regions) : mode_(mode), regions_(regions) {}
  DemoExtracts(const DemoExtracts&) = delete;
  DemoExtracts& operator=(const DemoExtracts&) = delete;

  // The month ("2025-09") a demo regency's verval page opens on; "" for another regency.
  std::string Period(std::string_view regency_code) const;
  // The month's extract, "deaths" or "members", as CSV. NotFound for a regency that is not a
  // demo regency or another kind.
  Result<std::string> Csv(std::string_view regency_code, std::string_view kind) const;

 private:
  Mode mode_;
  const domain::RegionIndex& regions_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::string, std::less<>> story_files_;  // "35.14/deaths" -> CSV
};

}  // namespace jaring::services
