// Housekeeping: the server's periodic chores, on a thread of their own.
//
//   Housekeeping chores(accounts, std::chrono::hours(1));  // first run now, then hourly
//   ...                                                     // destroying it stops the thread
//
// Today the one chore is AccountService::SweepExpired (ended sessions, old failed sign-ins).
// A failed run is logged and tried again at the next interval; it never stops the server.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "services/account_service.hpp"

namespace jaring::app {

class Housekeeping {
 public:
  Housekeeping(services::AccountService& accounts, std::chrono::seconds interval);
  ~Housekeeping();
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

 private:
  void Loop();
  void RunOnce();

  services::AccountService& accounts_;
  const std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace jaring::app
