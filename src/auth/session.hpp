// Session and sign-in policy as pure logic: when a session ends, when sign-in attempts must
// wait, and the CSRF check. Storage keeps the rows; http sets the cookies; both ask here.
//
// Time is always passed in (`now`, from the injected jaring::Clock), so every boundary is
// testable with FixedClock. All functions are pure and thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace jaring::auth {

// --- Sessions -----------------------------------------------------------------------------

struct SessionSettings {
  // A session unused this long ends (OWASP: 15-30 minutes for applications with personal data).
  std::chrono::seconds idle_timeout = std::chrono::minutes(30);
  // A session ends this long after sign-in however busy it is: one working day.
  std::chrono::seconds absolute_timeout = std::chrono::hours(12);
  // Touch() reports a new last_seen worth writing only when it moved at least this much, so
  // storage is not written on every request. Idle expiry may come up to this much early.
  std::chrono::seconds touch_granularity = std::chrono::minutes(1);
};

enum class SessionStatus {
  kActive,
  kIdleExpired,      // now >= last_seen + idle_timeout
  kAbsoluteExpired,  // now >= created_at + absolute_timeout (reported before idle expiry)
};

// What storage keeps beside the session id.
struct SessionState {
  TimePoint created_at;
  TimePoint last_seen;

  static SessionState Start(TimePoint now) { return {now, now}; }
  friend bool operator==(const SessionState&, const SessionState&) = default;
};

// A session is alive while now < both deadlines; at the exact instant of a deadline it has
// ended (so a 30-minute idle timeout allows 29:59.999...). A `now` before last_seen (the clock
// stepped back) is not an expiry: the deadlines alone decide.
SessionStatus CheckSession(const SessionState& state, TimePoint now,
                           const SessionSettings& settings = {});
inline bool IsExpired(const SessionState& state, TimePoint now,
                      const SessionSettings& settings = {}) {
  return CheckSession(state, now, settings) != SessionStatus::kActive;
}

// The instant the session ends if unused: min(last_seen + idle, created_at + absolute). For a
// cookie's Expires and for storage's clean-up of dead rows.
TimePoint SessionDeadline(const SessionState& state, const SessionSettings& settings = {});

// Records use at `now`. An expired session is never revived: Touch then changes nothing and
// returns its status. For an active one, last_seen moves to `now` when that is at least
// touch_granularity later; `*persist` (if given) is set to whether it moved, i.e. whether
// storage should write it.
SessionStatus Touch(SessionState& state, TimePoint now, const SessionSettings& settings = {},
                    bool* persist = nullptr);

// --- Sign-in throttle ---------------------------------------------------------------------

// Applied separately per username and per remote address (each with its own failure list);
// combine the two with Stricter(). The address threshold may be set higher for offices that
// share one public address.
struct ThrottleSettings {
  int free_failures = 5;  // failures in the window before waiting
  std::chrono::seconds window = std::chrono::minutes(15);
  std::chrono::seconds base_delay = std::chrono::minutes(1);  // after the 5th failure
  std::chrono::seconds max_delay = std::chrono::minutes(15);  // the back-off's ceiling
};

struct ThrottleDecision {
  bool allowed = true;
  // Failures inside the window (now - window, now].
  int recent_failures = 0;
  // When a new attempt may be made; == now when allowed.
  TimePoint retry_at;
  // retry_at - now rounded up to whole seconds, for a Retry-After header; 0 when allowed.
  std::chrono::seconds retry_after{0};

  friend bool operator==(const ThrottleDecision&, const ThrottleDecision&) = default;
};

// Decides whether a sign-in attempt may be checked now, given the times of recent failed
// attempts for one key (any order; entries outside the window are ignored, so storage may
// pass a superset). With f failures in the window and f >= free_failures, the next attempt
// must wait base_delay * 2^(f - free_failures), capped at max_delay, counted from the latest
// failure: 5 failures wait 1 min, 6 wait 2, 7 wait 4, 8 wait 8, 9 and more wait 15. Since
// failures leave the window after 15 minutes, nobody is locked out for good, and a guesser gets
// a handful of attempts per quarter hour. An attempt refused by the throttle is not checked
// and must not be recorded as a failure (it would extend the lock-out forever).
ThrottleDecision Decide(const std::vector<TimePoint>& recent_failures, TimePoint now,
                        const ThrottleSettings& settings = {});

// What the throttle and the audit trail keep of a name typed at sign-in that is no account
// (issue 11, finding 7): it may be a password typed in the wrong box, so not the name but "?"
// and 4 hex digits of its BLAKE2b hash (keyed with `key` when the server has one), case
// ignored like usernames. Enough to see and throttle repeated attempts with one name; too
// little (16 bits) to confirm a guessed password among more than a handful.
// `key` must satisfy IsValidTokenKey (asserted); a tag never looks like a username (which
// cannot contain '?').
std::string UnknownUsernameTag(std::string_view typed, std::string_view key = {});

// The more restrictive of two decisions (later retry_at), e.g. username and address.
ThrottleDecision Stricter(const ThrottleDecision& a, const ThrottleDecision& b);

// --- CSRF ---------------------------------------------------------------------------------

// True for methods that change state and so need a CSRF token when authenticated by cookie:
// everything but GET, HEAD and OPTIONS (case-sensitive, as HTTP methods are).
bool MethodNeedsCsrf(std::string_view method);

// The double-submit check: the token sent in the X-CSRF-Token header (or form field) must
// equal the one the server handed out with the session (kept in the session row and mirrored
// in a readable cookie). Both must look like tokens (LooksLikeToken); the comparison takes
// constant time. Requests authenticated by an API token in the Authorization header carry no
// ambient credentials and need no CSRF token.
bool CsrfTokenValid(std::string_view expected, std::string_view submitted);

}  // namespace jaring::auth
