#include "common/error.hpp"

#include <gtest/gtest.h>

namespace jaring {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Fail(Error::InvalidArgument("odd", "n=" + std::to_string(n)));
  return n / 2;
}

TEST(ErrorTest, ResultCarriesValueOrError) {
  EXPECT_EQ(Half(4).value(), 2);
  auto odd = Half(3);
  ASSERT_FALSE(odd.has_value());
  EXPECT_EQ(odd.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(odd.error().ToString(), "INVALID_ARGUMENT: odd (n=3)");
}

TEST(ErrorTest, EveryCodeHasAStableName) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "NOT_FOUND");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPermissionDenied), "PERMISSION_DENIED");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnavailable), "UNAVAILABLE");
}

TEST(ErrorDeathTest, AssertAbortsWithReason) {
  EXPECT_DEATH(JARING_ASSERT(1 + 1 == 3, "arithmetic"), "arithmetic");
}

}  // namespace
}  // namespace jaring
