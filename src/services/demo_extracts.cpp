#include "services/demo_extracts.hpp"

#include <algorithm>

#include "demo/story.hpp"
#include "services/demo_seed.hpp"

namespace jaring::services {

std::string DemoExtracts::Period(std::string_view regency_code) const {
  if (mode_ == Mode::kRoster) {
    return regency_code == demo::DemoOptions{}.regency_code ? DemoPeriod() : "";
  }
  const auto& codes = demo::StoryRegencyCodes();
  return std::ranges::find(codes, regency_code) != codes.end() ? std::string(demo::kStoryOpenMonth)
                                                               : "";
}

Result<std::string> DemoExtracts::Csv(std::string_view regency_code, std::string_view kind) const {
  if (Period(regency_code).empty() || (kind != "deaths" && kind != "members")) {
    return Fail(Error::NotFound("Berkas demo tidak ada"));
  }
  if (mode_ == Mode::kRoster) return DemoExtractCsv(demo::DemoOptions{}, regions_, kind);
  std::lock_guard lock(mutex_);
  if (story_files_.empty()) {
    auto plan = demo::PlanStory(regions_);
    if (!plan) return Fail(std::move(plan.error()));
    for (const demo::StoryRegency& regency : plan->regencies) {
      story_files_[regency.code() + "/deaths"] =
          demo::DeathsCsv(regency.DeathsOf(demo::kStoryOpenMonth));
      story_files_[regency.code() + "/members"] = demo::MembersCsv(regency.data.members);
    }
  }
  return story_files_.at(std::string(regency_code) + "/" + std::string(kind));
}

}  // namespace jaring::services
