#include "common/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace jaring {

bool Progress::EnabledOnStderr() {
  const char* env = std::getenv("JARING_PROGRESS");
  if (env != nullptr && std::strcmp(env, "0") == 0) return false;
  return isatty(STDERR_FILENO) == 1;
}

Progress::Progress(std::string label, std::uint64_t total)
    : label_(std::move(label)),
      total_(total),
      enabled_(EnabledOnStderr()),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Advance(std::uint64_t by) {
  done_.fetch_add(by, std::memory_order_relaxed);
  if (enabled_) MaybeDraw(false);
}

void Progress::Set(std::uint64_t done) {
  done_.store(done, std::memory_order_relaxed);
  if (enabled_) MaybeDraw(false);
}

void Progress::Finish() {
  if (!enabled_ || finished_) return;
  MaybeDraw(true);
  std::fputc('\n', stderr);
  finished_ = true;
}

void Progress::MaybeDraw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(draw_mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const std::uint64_t done = done_.load(std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (total_ > 0) {
    const double fraction = done >= total_ ? 1.0 : static_cast<double>(done) / total_;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    char bar[kWidth + 1];
    for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '-';
    bar[kWidth] = '\0';
    std::fprintf(stderr, "\r%s [%s] %5.1f%% %llu/%llu %.1fs", label_.c_str(), bar,
                 fraction * 100.0, static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total_), seconds);
  } else {
    std::fprintf(stderr, "\r%s %llu %.1fs", label_.c_str(), static_cast<unsigned long long>(done),
                 seconds);
  }
  std::fflush(stderr);
}

}  // namespace jaring
