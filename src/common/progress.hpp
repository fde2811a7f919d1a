// Progress: a progress bar for long CLI jobs that draws on a terminal and stays silent in pipes.
//
// Writes to stderr only when stderr is a TTY (and JARING_PROGRESS is not "0"), at most ~10 times
// a second, so stdout stays clean for machine-readable output. Thread-safe: Advance() may be
// called from several workers at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace jaring {

class Progress {
 public:
  // total == 0 means unknown: shows a running count instead of a bar.
  Progress(std::string label, std::uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Advance(std::uint64_t by = 1);
  void Set(std::uint64_t done);
  // Draws the final state and a newline (once).
  void Finish();

  static bool EnabledOnStderr();

 private:
  void MaybeDraw(bool force);

  std::string label_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  bool enabled_;
  bool finished_ = false;
  std::mutex draw_mutex_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace jaring
