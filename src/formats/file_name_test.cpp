// formats::SafeFileName and formats::ParseJsonBounded: what comes from outside as a file name or
// as JSON (docs/hostile-input.md).
#include <gtest/gtest.h>

#include <string>

#include "formats/encoding.hpp"
#include "formats/file_name.hpp"
#include "formats/json_bounded.hpp"

namespace jaring::formats {
namespace {

struct NameCase {
  const char* name;
  std::string sent;
  std::string safe;
};

class SafeFileNameTest : public testing::TestWithParam<NameCase> {};

TEST_P(SafeFileNameTest, KeepsOnlyAHarmlessBaseName) {
  EXPECT_EQ(SafeFileName(GetParam().sent), GetParam().safe);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SafeFileNameTest,
    testing::Values(
        NameCase{"plain", "daftar desa.xlsx", "daftar desa.xlsx"},
        NameCase{"traversal", "../../etc/passwd", "passwd"},
        NameCase{"absolute", "/etc/passwd", "passwd"},
        NameCase{"windows_path", "C:\\Users\\desa\\daftar.csv", "daftar.csv"},
        NameCase{"dots_only", "..", "unggahan"},
        NameCase{"hidden", ".bashrc", "bashrc"},
        NameCase{"control_bytes", "da\x1b[31mftar\r\n.csv", "da[31mftar.csv"},
        NameCase{"cp1252_byte", "Jos\xE9.csv", "Jos\xC3\xA9.csv"},
        NameCase{"cp1252_undefined_byte_dropped", "a\x81" "b.csv", "ab.csv"},
        NameCase{"empty", "", "unggahan"},
        NameCase{"trailing_slash", "folder/", "unggahan"}),
    [](const testing::TestParamInfo<NameCase>& info) { return info.param.name; });

TEST(SafeFileNameTest, CutsLongNamesAtACharacterBoundary) {
  std::string sent = "a";
  for (int i = 0; i < 300; ++i) sent += "\xC3\xA9";  // é, two bytes each
  const std::string safe = SafeFileName(sent);
  EXPECT_LE(safe.size(), kMaxFileNameBytes);
  EXPECT_GE(safe.size(), kMaxFileNameBytes - 1);
  EXPECT_TRUE(IsValidUtf8(safe));
}

TEST(ParseJsonBoundedTest, ParsesWhatIsShallowEnough) {
  const auto parsed = ParseJsonBounded(R"({"a":[[1,2],{"b":"c"}]})");
  ASSERT_EQ(parsed.outcome, BoundedJson::Outcome::kOk);
  EXPECT_EQ(parsed.value["a"][1]["b"], "c");
  const std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_EQ(ParseJsonBounded(at_limit).outcome, BoundedJson::Outcome::kOk);
}

TEST(ParseJsonBoundedTest, RefusesDeepNestingWithoutBuildingIt) {
  const std::string over = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
  EXPECT_EQ(ParseJsonBounded(over).outcome, BoundedJson::Outcome::kTooDeep);
  // Half a million levels: parsed and refused (copying it would overflow the stack).
  const std::string deep = "{\"x\":" + std::string(500000, '[') + std::string(500000, ']') + "}";
  const auto parsed = ParseJsonBounded(deep);
  EXPECT_EQ(parsed.outcome, BoundedJson::Outcome::kTooDeep);
  EXPECT_TRUE(parsed.value.is_null());
}

TEST(ParseJsonBoundedTest, MalformedIsMalformed) {
  EXPECT_EQ(ParseJsonBounded("{\"a\":").outcome, BoundedJson::Outcome::kMalformed);
  EXPECT_EQ(ParseJsonBounded("{\"a\":\"\xff\"}").outcome, BoundedJson::Outcome::kMalformed);
  EXPECT_EQ(ParseJsonBounded("").outcome, BoundedJson::Outcome::kMalformed);
}

}  // namespace
}  // namespace jaring::formats
