#include "auth/session.hpp"

#include <gtest/gtest.h>

#include "auth/token.hpp"

namespace jaring::auth {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// 2025-07-01T08:00:00Z, a Tuesday morning in the regency office.
const TimePoint kMorning = TimePoint(seconds(1751356800));

TEST(SessionTest, IdleTimeoutAtTheExactBoundary) {
  FixedClock clock(kMorning);
  const SessionState s = SessionState::Start(clock.Now());
  EXPECT_EQ(CheckSession(s, clock.Now()), SessionStatus::kActive);
  clock.Advance(minutes(30) - seconds(1));
  EXPECT_EQ(CheckSession(s, clock.Now()), SessionStatus::kActive);
  EXPECT_EQ(CheckSession(s, clock.Now() + milliseconds(999)), SessionStatus::kActive);
  clock.Advance(seconds(1));  // exactly 30 minutes
  EXPECT_EQ(CheckSession(s, clock.Now()), SessionStatus::kIdleExpired);
  EXPECT_TRUE(IsExpired(s, clock.Now()));
  EXPECT_EQ(SessionDeadline(s), kMorning + minutes(30));
}

TEST(SessionTest, TouchExtendsIdleButNotAbsolute) {
  FixedClock clock(kMorning);
  SessionState s = SessionState::Start(clock.Now());
  // Busy all day: a request every 20 minutes keeps it alive until exactly 12 hours.
  for (int i = 0; i < 35; ++i) {  // 35 * 20 min = 11 h 40 min
    clock.Advance(minutes(20));
    bool persist = false;
    ASSERT_EQ(Touch(s, clock.Now(), {}, &persist), SessionStatus::kActive) << i;
    EXPECT_TRUE(persist);
    EXPECT_EQ(s.last_seen, clock.Now());
  }
  EXPECT_EQ(SessionDeadline(s), kMorning + hours(12));  // absolute beats idle (12:00 < 12:10)
  clock.Advance(minutes(20) - seconds(1));              // 11:59:59
  EXPECT_EQ(Touch(s, clock.Now()), SessionStatus::kActive);
  clock.Advance(seconds(1));  // exactly 12 h after sign-in
  const SessionState before = s;
  EXPECT_EQ(Touch(s, clock.Now()), SessionStatus::kAbsoluteExpired);
  EXPECT_EQ(s, before);  // an expired session is not revived
}

TEST(SessionTest, AbsoluteExpiryIsReportedBeforeIdle) {
  const SessionState s{kMorning, kMorning + hours(11)};
  EXPECT_EQ(CheckSession(s, kMorning + hours(12)), SessionStatus::kAbsoluteExpired);
  EXPECT_EQ(CheckSession(s, kMorning + hours(11) + minutes(30)), SessionStatus::kIdleExpired);
  const SessionState idle_and_old{kMorning, kMorning};
  EXPECT_EQ(CheckSession(idle_and_old, kMorning + hours(13)), SessionStatus::kAbsoluteExpired);
}

TEST(SessionTest, TouchOfIdleExpiredSessionChangesNothing) {
  SessionState s = SessionState::Start(kMorning);
  bool persist = true;
  EXPECT_EQ(Touch(s, kMorning + minutes(30), {}, &persist), SessionStatus::kIdleExpired);
  EXPECT_FALSE(persist);
  EXPECT_EQ(s.last_seen, kMorning);
}

TEST(SessionTest, TouchGranularitySparesWrites) {
  SessionState s = SessionState::Start(kMorning);
  bool persist = true;
  EXPECT_EQ(Touch(s, kMorning + seconds(59), {}, &persist), SessionStatus::kActive);
  EXPECT_FALSE(persist);
  EXPECT_EQ(s.last_seen, kMorning);
  EXPECT_EQ(Touch(s, kMorning + seconds(60), {}, &persist), SessionStatus::kActive);
  EXPECT_TRUE(persist);
  EXPECT_EQ(s.last_seen, kMorning + seconds(60));
  // With no granularity every touch moves last_seen.
  const SessionSettings eager{.touch_granularity = seconds(0)};
  EXPECT_EQ(Touch(s, kMorning + seconds(61), eager, &persist), SessionStatus::kActive);
  EXPECT_TRUE(persist);
  EXPECT_EQ(s.last_seen, kMorning + seconds(61));
}

TEST(SessionTest, ClockSteppingBackIsNotAnExpiryNorARevival) {
  SessionState s = SessionState::Start(kMorning);
  bool persist = true;
  EXPECT_EQ(Touch(s, kMorning - minutes(5), {}, &persist), SessionStatus::kActive);
  EXPECT_FALSE(persist);
  EXPECT_EQ(s.last_seen, kMorning);  // never moves backwards
}

TEST(SessionTest, CustomTimeouts) {
  const SessionSettings strict{.idle_timeout = minutes(5), .absolute_timeout = hours(1)};
  const SessionState s = SessionState::Start(kMorning);
  EXPECT_EQ(CheckSession(s, kMorning + minutes(5) - seconds(1), strict), SessionStatus::kActive);
  EXPECT_EQ(CheckSession(s, kMorning + minutes(5), strict), SessionStatus::kIdleExpired);
  EXPECT_EQ(SessionDeadline(s, strict), kMorning + minutes(5));
  const SessionState busy{kMorning, kMorning + minutes(58)};
  EXPECT_EQ(SessionDeadline(busy, strict), kMorning + hours(1));
}

// --- Throttle -----------------------------------------------------------------------------

std::vector<TimePoint> FailuresAt(std::initializer_list<int> seconds_after_morning) {
  std::vector<TimePoint> out;
  for (const int s : seconds_after_morning) out.push_back(kMorning + seconds(s));
  return out;
}

struct ThrottleCase {
  const char* name;
  std::vector<TimePoint> failures;
  TimePoint now;
  bool allowed;
  int recent;
  seconds retry_after;
};

class ThrottleTest : public ::testing::TestWithParam<ThrottleCase> {};

TEST_P(ThrottleTest, Decides) {
  const auto& c = GetParam();
  const ThrottleDecision d = Decide(c.failures, c.now);
  EXPECT_EQ(d.allowed, c.allowed) << c.name;
  EXPECT_EQ(d.recent_failures, c.recent) << c.name;
  EXPECT_EQ(d.retry_after, c.retry_after) << c.name;
  EXPECT_EQ(d.retry_at, c.allowed ? c.now : c.now + c.retry_after) << c.name;
}

const TimePoint t0 = kMorning;
INSTANTIATE_TEST_SUITE_P(
    Table, ThrottleTest,
    ::testing::Values(
        ThrottleCase{"none", {}, t0, true, 0, seconds(0)},
        ThrottleCase{"four", FailuresAt({0, 10, 20, 30}), t0 + seconds(31), true, 4, seconds(0)},
        // The 5th failure at t=40 s: wait 1 minute from it.
        ThrottleCase{"five", FailuresAt({0, 10, 20, 30, 40}), t0 + seconds(41), false, 5,
                     seconds(59)},
        ThrottleCase{"five_just_before", FailuresAt({0, 10, 20, 30, 40}), t0 + seconds(99), false,
                     5, seconds(1)},
        ThrottleCase{"five_at_end", FailuresAt({0, 10, 20, 30, 40}), t0 + seconds(100), true, 5,
                     seconds(0)},
        ThrottleCase{"six_doubles", FailuresAt({0, 10, 20, 30, 40, 100}), t0 + seconds(100), false,
                     6, seconds(120)},
        ThrottleCase{"seven", FailuresAt({0, 10, 20, 30, 40, 100, 220}), t0 + seconds(220), false,
                     7, seconds(240)},
        ThrottleCase{"eight", FailuresAt({0, 10, 20, 30, 40, 100, 220, 460}), t0 + seconds(460),
                     false, 8, seconds(480)},
        // 9 in 15 minutes would be 16 min; capped at 15.
        ThrottleCase{"nine_capped", FailuresAt({0, 1, 2, 3, 4, 5, 6, 7, 8}), t0 + seconds(8), false,
                     9, seconds(900)},
        ThrottleCase{"fifty_capped",
                     FailuresAt({0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
                                 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49}),
                     t0 + seconds(49), false, 50, seconds(900)},
        // Failures leave the window after 15 minutes: (now - 15 min, now].
        ThrottleCase{"old_ones_expire", FailuresAt({0, 10, 20, 30, 40}), t0 + seconds(900), true, 4,
                     seconds(0)},
        ThrottleCase{"window_edge", FailuresAt({0, 10, 20, 30, 40}), t0 + seconds(899), true, 5,
                     seconds(0)},
        // Order does not matter; the latest failure counts.
        ThrottleCase{"unordered", FailuresAt({40, 0, 30, 10, 20}), t0 + seconds(41), false, 5,
                     seconds(59)},
        // A failure stamped in the future (clock stepped back) still counts: fail closed.
        ThrottleCase{"future", FailuresAt({0, 10, 20, 30, 70}), t0 + seconds(40), false, 5,
                     seconds(90)}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ThrottleTest, RetryAfterRoundsUp) {
  const auto failures = FailuresAt({0, 10, 20, 30, 40});
  const ThrottleDecision d = Decide(failures, t0 + seconds(41) + milliseconds(1));
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, seconds(59));  // 58.999 s
  EXPECT_EQ(d.retry_at, t0 + seconds(100));
}

TEST(ThrottleTest, CustomSettingsAndNoOverflow) {
  const ThrottleSettings office{
      .free_failures = 20, .window = minutes(15), .base_delay = seconds(10), .max_delay = hours(1)};
  std::vector<TimePoint> many;
  for (int i = 0; i < 19; ++i) many.push_back(t0 + seconds(i));
  EXPECT_TRUE(Decide(many, t0 + seconds(19), office).allowed);
  many.push_back(t0 + seconds(19));
  EXPECT_EQ(Decide(many, t0 + seconds(19), office).retry_after, seconds(10));
  // A huge excess must not overflow the shift: the cap applies.
  std::vector<TimePoint> flood(500, t0);
  EXPECT_EQ(Decide(flood, t0, office).retry_after, hours(1));
}

TEST(ThrottleTest, StricterPicksTheLaterRetry) {
  const auto user = Decide(FailuresAt({0, 10, 20, 30, 40}), t0 + seconds(41));    // 59 s
  const auto address = Decide(FailuresAt({0, 1, 2, 3, 4, 5}), t0 + seconds(41));  // 2 min
  const auto free = Decide({}, t0 + seconds(41));
  EXPECT_EQ(Stricter(user, address), address);
  EXPECT_EQ(Stricter(address, user), address);
  EXPECT_EQ(Stricter(free, user), user);
  EXPECT_EQ(Stricter(user, free), user);
  EXPECT_TRUE(Stricter(free, free).allowed);
}

// --- CSRF ---------------------------------------------------------------------------------

TEST(CsrfTest, MethodsThatNeedAToken) {
  for (const char* m : {"POST", "PUT", "PATCH", "DELETE", "post", "FOO"}) {
    EXPECT_TRUE(MethodNeedsCsrf(m)) << m;
  }
  for (const char* m : {"GET", "HEAD", "OPTIONS"}) EXPECT_FALSE(MethodNeedsCsrf(m)) << m;
}

TEST(CsrfTest, DoubleSubmitMatch) {
  const std::string token = NewCsrfToken();
  std::string other = token;
  other[0] = other[0] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(CsrfTokenValid(token, token));
  EXPECT_FALSE(CsrfTokenValid(token, other));
  EXPECT_FALSE(CsrfTokenValid(token, ""));
  EXPECT_FALSE(CsrfTokenValid("", ""));        // no session token: nothing can match
  EXPECT_FALSE(CsrfTokenValid("abc", "abc"));  // not a real token
  EXPECT_FALSE(CsrfTokenValid(token, token + " "));
  EXPECT_FALSE(CsrfTokenValid(token, NewCsrfToken()));
}

}  // namespace
}  // namespace jaring::auth
