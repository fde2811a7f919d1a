#include "formats/encoding.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jaring::formats {
namespace {

struct Utf8Case {
  const char* name;
  std::string bytes;
  bool valid;
};

class Utf8ValidityTest : public testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8ValidityTest, Classifies) {
  EXPECT_EQ(IsValidUtf8(GetParam().bytes), GetParam().valid) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Utf8ValidityTest,
    testing::Values(Utf8Case{"empty", "", true}, Utf8Case{"ascii", "Siti Aminah, 35", true},
                    Utf8Case{"long_ascii", std::string(1000, 'a'), true},
                    Utf8Case{"two_byte", "Andr\xC3\xA9", true},
                    Utf8Case{"three_byte_euro", "\xE2\x82\xAC 5", true},
                    Utf8Case{"four_byte", "\xF0\x9F\x98\x80", true},
                    Utf8Case{"cp1252_e_acute", "Andr\xE9", false},
                    Utf8Case{"lone_continuation", "a\x80z", false},
                    Utf8Case{"overlong_slash", "\xC0\xAF", false},
                    Utf8Case{"overlong_three", "\xE0\x80\xAF", false},
                    Utf8Case{"surrogate", "\xED\xA0\x80", false},
                    Utf8Case{"above_max", "\xF4\x90\x80\x80", false},
                    Utf8Case{"truncated_at_end", "abcdefghij\xE2\x82", false},
                    Utf8Case{"invalid_after_ascii_run", std::string(17, 'x') + "\xFF", false},
                    Utf8Case{"f8_lead", "\xF8\x88\x80\x80\x80", false}),
    [](const testing::TestParamInfo<Utf8Case>& info) { return info.param.name; });

struct Cp1252Case {
  const char* name;
  std::string in;
  std::string out;
};

class Cp1252Test : public testing::TestWithParam<Cp1252Case> {};

TEST_P(Cp1252Test, TranscodesToUtf8) {
  std::string got = Windows1252ToUtf8(GetParam().in);
  EXPECT_EQ(got, GetParam().out);
  EXPECT_TRUE(IsValidUtf8(got));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Cp1252Test,
    testing::Values(Cp1252Case{"ascii", "Budi", "Budi"},
                    Cp1252Case{"e_acute", "Andr\xE9", "Andr\xC3\xA9"},
                    Cp1252Case{"euro", "\x80", "\xE2\x82\xAC"},
                    Cp1252Case{"smart_quotes", "\x93ok\x94", "\xE2\x80\x9Cok\xE2\x80\x9D"},
                    Cp1252Case{"undefined_81", "\x81", "\xC2\x81"},
                    Cp1252Case{"nbsp", "\xA0", "\xC2\xA0"},
                    Cp1252Case{"y_diaeresis", "\xFF", "\xC3\xBF"}),
    [](const testing::TestParamInfo<Cp1252Case>& info) { return info.param.name; });

TEST(Utf8BomTest, DetectsOnlyAtStart) {
  EXPECT_TRUE(HasUtf8Bom("\xEF\xBB\xBFnik"));
  EXPECT_FALSE(HasUtf8Bom("nik\xEF\xBB\xBF"));
  EXPECT_FALSE(HasUtf8Bom("\xEF\xBB"));
}

}  // namespace
}  // namespace jaring::formats
