#include "domain/funding_source.hpp"

#include <gtest/gtest.h>

namespace jaring::domain {
namespace {

TEST(FundingSourceTest, CodesRoundTripInAnyCase) {
  for (const FundingSource s : kAllFundingSources) {
    EXPECT_EQ(FundingSourceFromCode(ToCode(s)), s);
    EXPECT_FALSE(FundingSourceLabel(s).empty());
  }
  EXPECT_EQ(FundingSourceFromCode("dbhcht"), FundingSource::kDbhcht);
  EXPECT_EQ(FundingSourceFromCode("ApbDes"), FundingSource::kApbdes);
  EXPECT_FALSE(FundingSourceFromCode("APBN").has_value());
  EXPECT_FALSE(FundingSourceFromCode("").has_value());
}

TEST(FundingSourceTest, OneSourceAloneFundsEverything) {
  auto shares = ParseFundingSpec("DBHCHT");
  ASSERT_TRUE(shares) << shares.error().ToString();
  ASSERT_EQ(shares->size(), 1u);
  EXPECT_EQ((*shares)[0], (FundingShare{FundingSource::kDbhcht, 10000}));
  auto explicit_share = ParseFundingSpec("dbhcht=100");
  ASSERT_TRUE(explicit_share);
  EXPECT_EQ((*explicit_share)[0].share_bp, 10000);
}

TEST(FundingSourceTest, SharesInPercentWithDecimals) {
  auto shares = ParseFundingSpec("DBHCHT=62,5,APBD=37.5");
  ASSERT_TRUE(shares) << shares.error().ToString();
  ASSERT_EQ(shares->size(), 2u);
  EXPECT_EQ((*shares)[0], (FundingShare{FundingSource::kDbhcht, 6250}));
  EXPECT_EQ((*shares)[1], (FundingShare{FundingSource::kApbd, 3750}));
  auto three = ParseFundingSpec(" APBD=50 , APBDES=25,CSR=25 ");
  ASSERT_TRUE(three) << three.error().ToString();
  EXPECT_EQ(three->size(), 3u);
  EXPECT_EQ(ParsePercentShare("12,25"), 1225);
  EXPECT_EQ(ParsePercentShare("60 %"), 6000);
  EXPECT_FALSE(ParsePercentShare("1.234").has_value());
  EXPECT_FALSE(ParsePercentShare("-5").has_value());
  EXPECT_FALSE(ParsePercentShare("").has_value());
}

TEST(FundingSourceTest, RefusesWhatDoesNotAddUp) {
  const auto refused = [](std::string_view spec) {
    auto shares = ParseFundingSpec(spec);
    EXPECT_FALSE(shares) << spec;
    if (!shares) {
      EXPECT_EQ(shares.error().code, ErrorCode::kInvalidArgument) << spec;
    }
    return shares ? std::string() : shares.error().message;
  };
  EXPECT_NE(refused("DBHCHT=60,APBD=30").find("100 %, bukan 90 %"), std::string::npos);
  EXPECT_NE(refused("APBN").find("tidak dikenal"), std::string::npos);
  EXPECT_NE(refused("DBHCHT=50,DBHCHT=50").find("dua kali"), std::string::npos);
  EXPECT_NE(refused("DBHCHT,APBD").find("bagian masing-masing"), std::string::npos);
  refused("DBHCHT=abc");
  refused("DBHCHT=0,APBD=100");
  refused("");
  EXPECT_FALSE(CheckFunding({}));
}

}  // namespace
}  // namespace jaring::domain
