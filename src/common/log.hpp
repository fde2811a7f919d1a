// Logging: structured, one JSON object per line on stderr, via spdlog.
//
// In JSON format a message is the inner part of an object: spdlog::info(R"("event":"x","n":{})", n)
// prints {"time":…,"level":"info","event":"x","n":3}.
//
// Log lines carry ids and counts, never NIKs or names (personal data stays out of logs).
//
// While a thread works for a request, ScopedRequestId puts that request's id into every line it
// logs ("request_id":"…" after the level; "[id] " in text format), so that one request's lines can
// be found among the server's threads. The id is the thread's own (thread_local): it is set by
// whoever runs the work (the server around a handler, a background job around its run) and never
// seen by another thread.
#pragma once

#include <string>
#include <string_view>

namespace jaring {

enum class LogFormat { kText, kJson };

// Configures the default spdlog logger (stderr) at start-up; a later call reconfigures it.
// level: trace|debug|info|warn|error.
void SetUpLogging(std::string_view level, LogFormat format);

// `text` made safe inside a JSON string of a log line ("error":"{}"): quotes, backslashes and
// control characters escaped, so that an error's text cannot break the line's JSON.
std::string LogText(std::string_view text);

// Sets this thread's request id for its lifetime and restores the one before (nested scopes).
// `id` must be a well-formed request id (IsRequestId); anything else is replaced by "-".
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

// This thread's request id, empty outside any ScopedRequestId.
const std::string& CurrentRequestId();

// A request id as jaring accepts it from a proxy: 1 to 64 characters of A-Z a-z 0-9 . _ - :
// (what fits in a log line and a header without escaping).
bool IsRequestId(std::string_view id);

// A fresh request id: 16 random bytes in lower-case hex (32 characters).
std::string NewRequestId();

}  // namespace jaring
