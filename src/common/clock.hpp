// Clock: the one source of "now", injected so that tests are hermetic.
#pragma once

#include <chrono>
#include <memory>

namespace jaring {

using TimePoint = std::chrono::system_clock::time_point;

// Thread-safe; implementations must be callable from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until told to move; for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint now) : now_(now) {}
  TimePoint Now() const override { return now_; }
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  TimePoint now_;
};

// Today's calendar date in Indonesia's western time zone (WIB, UTC+7), where the regencies of
// Java are: the office's day. Ages, "as of" counts, the dates written on cards, minutes and
// answers are of that day; a date taken from UTC would flip at 07:00 local time.
inline std::chrono::year_month_day TodayInWib(const Clock& clock) {
  const auto wib = clock.Now() + std::chrono::hours(7);
  return std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(wib));
}

}  // namespace jaring
