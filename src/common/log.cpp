#include "common/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <random>
#include <string>
#include <utility>

namespace jaring {
namespace {

thread_local std::string current_request_id;

// %* in the pattern: the thread's request id as a JSON member (or a text prefix), or nothing.
class RequestIdFlag final : public spdlog::custom_flag_formatter {
 public:
  explicit RequestIdFlag(bool json) : json_(json) {}
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    if (current_request_id.empty()) return;
    const std::string_view before = json_ ? R"("request_id":")" : "[";
    const std::string_view after = json_ ? R"(",)" : "] ";
    dest.append(before.data(), before.data() + before.size());
    dest.append(current_request_id.data(), current_request_id.data() + current_request_id.size());
    dest.append(after.data(), after.data() + after.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RequestIdFlag>(json_);
  }

 private:
  bool json_;
};

}  // namespace

void SetUpLogging(std::string_view level, LogFormat format) {
  // Called again (a command's default, then serve's --log-level): the same logger, reset.
  auto logger = spdlog::get("jaring");
  if (!logger) logger = spdlog::stderr_color_mt("jaring");
  const bool json = format == LogFormat::kJson;
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<RequestIdFlag>('*', json);
  formatter->set_pattern(json ? R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%*%v})"
                              : "%Y-%m-%d %H:%M:%S.%e %^%l%$ %*%v");
  logger->set_formatter(std::move(formatter));
  logger->set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_default_logger(logger);
}

std::string LogText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

ScopedRequestId::ScopedRequestId(std::string id)
    : previous_(std::exchange(current_request_id, IsRequestId(id) ? std::move(id) : "-")) {}

ScopedRequestId::~ScopedRequestId() { current_request_id = std::move(previous_); }

const std::string& CurrentRequestId() { return current_request_id; }

bool IsRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // Unique, not secret: a per-thread generator seeded once from the OS is enough.
  thread_local std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = generator();
    for (int i = 0; i < 16; ++i, bits >>= 4) id += kHex[bits & 0xf];
  }
  return id;
}

}  // namespace jaring
