// Storage's verval rows into the services' views (services/verval_views.hpp). For the services'
// own use: the one place that knows both shapes, so that presenters never see storage types.
// Pure functions; the views copy what they show.
#pragma once

#include <cstdint>

#include "common/clock.hpp"
#include "services/verval_views.hpp"
#include "storage/verval_repository.hpp"

namespace jaring::services {

// Microseconds since the epoch, as storage keeps times, as a TimePoint.
TimePoint TimeOfMicros(std::int64_t micros);

VervalRunView ViewOf(const storage::VervalRun& run);
SettledMonthView ViewOf(const storage::SettledMonth& month);
RegistryRecordView ViewOf(const storage::RegistryRecord& record);
FindingView ViewOf(const storage::Finding& finding);
ExtractRowView ViewOf(const storage::ExtractRow& row);
ExtractBatchView ViewOf(const storage::ExtractBatch& batch);

}  // namespace jaring::services
