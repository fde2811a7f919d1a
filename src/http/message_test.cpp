#include "http/message.hpp"

#include <gtest/gtest.h>

namespace jaring::http {
namespace {

struct TargetCase {
  const char* target;
  bool ok;
  const char* path;
  const char* key;
  const char* value;
};

class ParseTargetTest : public testing::TestWithParam<TargetCase> {};

TEST_P(ParseTargetTest, DecodesPathAndQuery) {
  const auto& c = GetParam();
  auto parsed = ParseTarget(c.target);
  ASSERT_EQ(parsed.has_value(), c.ok) << c.target;
  if (!c.ok) return;
  EXPECT_EQ(parsed->first, c.path);
  if (c.key != nullptr) {
    ASSERT_TRUE(parsed->second.contains(c.key)) << c.target;
    EXPECT_EQ(parsed->second.at(c.key), c.value);
  } else {
    EXPECT_TRUE(parsed->second.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Targets, ParseTargetTest,
    testing::Values(TargetCase{"/", true, "/", nullptr, nullptr},
                    TargetCase{"/api/v1/health", true, "/api/v1/health", nullptr, nullptr},
                    TargetCase{"/a%20b", true, "/a b", nullptr, nullptr},
                    TargetCase{"/q?name=Siti+Aminah", true, "/q", "name", "Siti Aminah"},
                    TargetCase{"/q?x=1&y=%C3%A9", true, "/q", "y", "\xC3\xA9"},
                    TargetCase{"/q?&&flag", true, "/q", "flag", ""},
                    TargetCase{"/q?x=1&x=2", true, "/q", "x", "2"},
                    TargetCase{"relative", false, "", nullptr, nullptr},
                    TargetCase{"", false, "", nullptr, nullptr},
                    TargetCase{"/bad%2", false, "", nullptr, nullptr},
                    TargetCase{"/bad%zz", false, "", nullptr, nullptr},
                    TargetCase{"/nul%00byte", false, "", nullptr, nullptr},
                    TargetCase{"/q?x=%", false, "", nullptr, nullptr}));

TEST(RequestTest, HeaderAndQueryLookups) {
  Request request;
  request.headers = {{"content-type", "application/json"}, {"x-a", "1"}};
  request.query = {{"page", "2"}};
  EXPECT_EQ(request.Header("x-a").value(), "1");
  EXPECT_FALSE(request.Header("missing").has_value());
  EXPECT_EQ(request.Query("page"), "2");
  EXPECT_EQ(request.Query("none"), "");
}

TEST(RequestTest, CookieLookup) {
  Request request;
  request.headers = {{"cookie", "theme=dark; jaring_session=abc=def ;x=1"},
                     {"cookie", "jaring_session=second; late=2"}};
  EXPECT_EQ(request.Cookie("jaring_session"), "abc=def");  // first wins; '=' in the value kept
  EXPECT_EQ(request.Cookie("x"), "1");
  EXPECT_EQ(request.Cookie("late"), "2");
  EXPECT_FALSE(request.Cookie("jaring"));  // no prefix matches
  EXPECT_FALSE(request.Cookie("missing"));
  Request none;
  EXPECT_FALSE(none.Cookie("jaring_session"));
}

}  // namespace
}  // namespace jaring::http
