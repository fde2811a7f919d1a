#include "common/log.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <thread>

namespace jaring {
namespace {

TEST(LogTextTest, EscapesWhatWouldBreakAJsonString) {
  EXPECT_EQ(LogText("biasa saja"), "biasa saja");
  EXPECT_EQ(LogText(R"(kolom "nik" \ salah)"), R"(kolom \"nik\" \\ salah)");
  EXPECT_EQ(LogText("baris\nkedua\t"), R"(baris\u000akedua\u0009)");
  EXPECT_EQ(LogText("Kecamatan Grati – ok"), "Kecamatan Grati – ok");  // UTF-8 passes as is
}

TEST(RequestIdTest, WellFormedIdsOnly) {
  EXPECT_TRUE(IsRequestId("3f2a9c1e-77b0-4a8e-9d0c-1b2e3f4a5b6c"));
  EXPECT_TRUE(IsRequestId("nginx.1:abc_DEF"));
  EXPECT_FALSE(IsRequestId(""));
  EXPECT_FALSE(IsRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsRequestId("a b"));
  EXPECT_FALSE(IsRequestId("a\"x"));
  EXPECT_FALSE(IsRequestId("3514010101900001\n"));
  const std::string id = NewRequestId();
  EXPECT_EQ(id.size(), 32u);
  EXPECT_TRUE(IsRequestId(id));
  EXPECT_NE(id, NewRequestId());
}

TEST(RequestIdTest, EveryLineWrittenInTheScopeCarriesItAndOnlyThere) {
  SetUpLogging("info", LogFormat::kJson);
  auto logger = spdlog::default_logger();
  std::ostringstream lines;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines);
  const auto old_sinks = logger->sinks();
  logger->sinks() = {sink};
  SetUpLogging("info", LogFormat::kJson);  // the pattern is the sinks': set it on the new one
  {
    ScopedRequestId outer("req-outer");
    spdlog::info(R"("event":"a")");
    {
      ScopedRequestId inner("bad id with spaces");
      spdlog::info(R"("event":"b")");
    }
    // Another thread sees none of this thread's id.
    std::thread([] { spdlog::info(R"("event":"c")"); }).join();
    spdlog::info(R"("event":"d")");
  }
  spdlog::info(R"("event":"e")");
  logger->sinks() = old_sinks;
  const std::string text = lines.str();
  EXPECT_NE(text.find(R"("level":"info","request_id":"req-outer","event":"a"})"), std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("request_id":"-","event":"b")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("level":"info","event":"c"})"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("request_id":"req-outer","event":"d")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("level":"info","event":"e"})"), std::string::npos) << text;
  EXPECT_EQ(CurrentRequestId(), "");
}

}  // namespace
}  // namespace jaring
