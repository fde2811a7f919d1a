// The JSON body rules every route shares: an object, no control characters in any text (the
// field is named), and whole numbers within the range a field takes.
#include "http/api_json.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace jaring::http {
namespace {

using nlohmann::json;

Request WithBody(std::string body) {
  Request request;
  request.method = Method::kPost;
  request.body = std::move(body);
  return request;
}

TEST(JsonObjectBodyTest, TakesObjectsWithOrdinaryText) {
  auto body =
      JsonObjectBody(WithBody(R"({"reason":"Pindah\tdomisili\r\nke desa lain","n":[1,2]})"));
  ASSERT_TRUE(body) << body.error().ToString();
  EXPECT_EQ((*body)["reason"], "Pindah\tdomisili\r\nke desa lain");
  EXPECT_FALSE(JsonObjectBody(WithBody("[1]")));
  EXPECT_FALSE(JsonObjectBody(WithBody("nope")));
}

// A NUL saved into an address, a bell or an escape in a name: refused, naming where.
TEST(JsonObjectBodyTest, RefusesControlCharactersNamingTheField) {
  const std::pair<std::string, std::string> cases[] = {
      {R"({"address":"Jl. Mawar\u0000 RT 1"})", "address"},
      {R"({"name":"Budi\u001b[31m"})", "name"},
      {R"({"values":{"nik":"3514\u0007"}})", "values.nik"},
      {R"({"columns":[{"index":0},{"field":"ni\u007fk"}]})", "columns[1].field"},
      {"{\"name\":\"Budi\xC2\x85\"}", "name"},  // U+0085, a C1 control
      {R"({"ke\u0000y":"x"})", "ke?y"},
  };
  for (const auto& [text, field] : cases) {
    SCOPED_TRACE(text);
    auto body = JsonObjectBody(WithBody(text));
    ASSERT_FALSE(body);
    EXPECT_EQ(body.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(body.error().message.find(field), std::string::npos) << body.error().message;
    EXPECT_NE(body.error().message.find("karakter kendali"), std::string::npos);
  }
}

TEST(IntegerInTest, WholeNumbersInRangeOnly) {
  EXPECT_EQ(IntegerIn(json(3), 0, 10, "index"), 3);
  EXPECT_EQ(IntegerIn(json(std::numeric_limits<std::int64_t>::max()), 1,
                      std::numeric_limits<std::int64_t>::max(), "ids"),
            std::numeric_limits<std::int64_t>::max());
  for (const json& bad : {json(4294967296LL), json(-1), json(11), json(2.5), json("3"),
                          json(nullptr), json(std::numeric_limits<std::uint64_t>::max())}) {
    SCOPED_TRACE(bad.dump());
    auto value = IntegerIn(bad, 0, 10, "index");
    ASSERT_FALSE(value);
    EXPECT_EQ(value.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(value.error().message.find("index"), std::string::npos);
  }
}

}  // namespace
}  // namespace jaring::http
