#include "auth/session.hpp"

#include <algorithm>

#include "auth/token.hpp"

namespace jaring::auth {

SessionStatus CheckSession(const SessionState& state, TimePoint now,
                           const SessionSettings& settings) {
  if (now >= state.created_at + settings.absolute_timeout) return SessionStatus::kAbsoluteExpired;
  if (now >= state.last_seen + settings.idle_timeout) return SessionStatus::kIdleExpired;
  return SessionStatus::kActive;
}

TimePoint SessionDeadline(const SessionState& state, const SessionSettings& settings) {
  return std::min(state.last_seen + settings.idle_timeout,
                  state.created_at + settings.absolute_timeout);
}

SessionStatus Touch(SessionState& state, TimePoint now, const SessionSettings& settings,
                    bool* persist) {
  if (persist != nullptr) *persist = false;
  const SessionStatus status = CheckSession(state, now, settings);
  if (status != SessionStatus::kActive) return status;
  if (now - state.last_seen >= settings.touch_granularity) {
    state.last_seen = now;
    if (persist != nullptr) *persist = true;
  }
  return status;
}

ThrottleDecision Decide(const std::vector<TimePoint>& recent_failures, TimePoint now,
                        const ThrottleSettings& settings) {
  ThrottleDecision decision;
  decision.retry_at = now;
  TimePoint latest = TimePoint::min();
  for (const TimePoint t : recent_failures) {
    // (now - window, now]; a failure stamped in the future (clock step) counts too: fail closed.
    if (t > now - settings.window) {
      ++decision.recent_failures;
      latest = std::max(latest, t);
    }
  }
  if (decision.recent_failures < settings.free_failures) return decision;

  // base * 2^excess, capped; the shift is bounded so it cannot overflow.
  const int excess = decision.recent_failures - settings.free_failures;
  std::chrono::seconds delay = settings.max_delay;
  if (excess < 31) {
    const auto factor = std::int64_t{1} << excess;
    if (settings.base_delay.count() <= settings.max_delay.count() / factor) {
      delay = settings.base_delay * factor;
    }
  }
  const TimePoint until = latest + delay;
  if (now >= until) return decision;
  decision.allowed = false;
  decision.retry_at = until;
  decision.retry_after = std::chrono::ceil<std::chrono::seconds>(until - now);
  return decision;
}

ThrottleDecision Stricter(const ThrottleDecision& a, const ThrottleDecision& b) {
  if (a.allowed != b.allowed) return a.allowed ? b : a;
  if (a.retry_at != b.retry_at) return a.retry_at > b.retry_at ? a : b;
  return a.recent_failures >= b.recent_failures ? a : b;
}

bool MethodNeedsCsrf(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool CsrfTokenValid(std::string_view expected, std::string_view submitted) {
  return LooksLikeToken(expected) && LooksLikeToken(submitted) &&
         ConstantTimeEquals(expected, submitted);
}

std::string UnknownUsernameTag(std::string_view typed, std::string_view key) {
  std::string folded(typed);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // as usernames are stored
  }
  // 4 hex digits of the BLAKE2b hash token secrets use: 16 bits, so that the tag tells
  // repeated attempts apart without confirming which of many guesses was typed.
  return "?" + HashTokenSecret(folded, key).substr(0, 4);
}

}  // namespace jaring::auth
