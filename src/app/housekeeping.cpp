#include "app/housekeeping.hpp"

#include <spdlog/spdlog.h>

#include "common/log.hpp"

namespace jaring::app {

Housekeeping::Housekeeping(services::AccountService& accounts, std::chrono::seconds interval)
    : accounts_(accounts), interval_(interval), thread_([this] { Loop(); }) {}

Housekeeping::~Housekeeping() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Housekeeping::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    RunOnce();
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

void Housekeeping::RunOnce() {
  auto swept = accounts_.SweepExpired();
  if (!swept) {
    spdlog::warn(R"("event":"sweep_failed","error":"{}")", LogText(swept.error().ToString()));
    return;
  }
  if (swept->sessions > 0 || swept->sign_in_failures > 0) {
    spdlog::info(R"("event":"swept","sessions":{},"sign_in_failures":{})", swept->sessions,
                 swept->sign_in_failures);
  }
}

}  // namespace jaring::app
