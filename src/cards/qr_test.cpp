#include "cards/qr.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace jaring::cards {
namespace {

TEST(QrTest, ATokenFitsASmallCode) {
  const std::string token(190, 'A');
  auto code = EncodeQr(token);
  ASSERT_TRUE(code) << code.error().message;
  // Version v is 17 + 4v modules wide; 190 bytes at level M need version 9 or 10.
  EXPECT_GE(code->size, 17 + 4 * 8);
  EXPECT_LE(code->size, 17 + 4 * 10);
  ASSERT_EQ(code->modules.size(), static_cast<std::size_t>(code->size * code->size));
  // The finder pattern's top-left corner: a dark 7-module line, then a light module.
  for (int c = 0; c < 7; ++c) EXPECT_EQ(code->modules[c], 1) << c;
  EXPECT_EQ(code->modules[7], 0);
  const int dark = std::accumulate(code->modules.begin(), code->modules.end(), 0);
  EXPECT_GT(dark, code->size * code->size / 4);
}

TEST(QrTest, EmptyAndTooLongAreRefused) {
  EXPECT_EQ(EncodeQr("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(EncodeQr(std::string(5000, 'x')).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace jaring::cards
