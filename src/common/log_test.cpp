#include "common/log.hpp"

#include <gtest/gtest.h>

namespace jaring {
namespace {

TEST(LogTextTest, EscapesWhatWouldBreakAJsonString) {
  EXPECT_EQ(LogText("biasa saja"), "biasa saja");
  EXPECT_EQ(LogText(R"(kolom "nik" \ salah)"), R"(kolom \"nik\" \\ salah)");
  EXPECT_EQ(LogText("baris\nkedua\t"), R"(baris\u000akedua\u0009)");
  EXPECT_EQ(LogText("Kecamatan Grati – ok"), "Kecamatan Grati – ok");  // UTF-8 passes as is
}

}  // namespace
}  // namespace jaring
