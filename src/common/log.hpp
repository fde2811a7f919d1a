// Logging: structured, one JSON object per line on stderr, via spdlog.
//
// In JSON format a message is the inner part of an object: spdlog::info(R"("event":"x","n":{})", n)
// prints {"time":…,"level":"info","event":"x","n":3}.
//
// Log lines carry ids and counts, never NIKs or names (personal data stays out of logs).
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

}  // namespace jaring
