// SettableClock: the wall clock, unless a time is set; then that time, until released.
//
// The demo story (services/demo_story.hpp) tells its months of 2025 through the same database
// and services that then serve at the real time: the database is opened with this clock as its
// DatabaseOptions::clock (the source of the registry's created_at / updated_at), the story sets
// it step by step, and releases it when done. Thread-safe (one atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>

#include "common/clock.hpp"

namespace jaring {

class SettableClock final : public Clock {
 public:
  TimePoint Now() const override {
    const std::int64_t set = set_.load(std::memory_order_acquire);
    if (set == kUnset) return std::chrono::system_clock::now();
    return TimePoint(
        std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(set)));
  }
  void Set(TimePoint at) {
    set_.store(std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count(),
               std::memory_order_release);
  }
  void Release() { set_.store(kUnset, std::memory_order_release); }

 private:
  static constexpr std::int64_t kUnset = std::numeric_limits<std::int64_t>::min();
  std::atomic<std::int64_t> set_{kUnset};
};

}  // namespace jaring
