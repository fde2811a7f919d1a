// The SQLSTATE table of errors.hpp: which failures a retry may cure (Unavailable, 503), with
// those a failover produces first.
#include "storage/sql/errors.hpp"

#include <gtest/gtest.h>

namespace jaring::storage::sql {
namespace {

TEST(ErrorFromSqlStateTest, WhatAFailoverOrATimeoutRaisesIsUnavailable) {
  for (std::string_view state : {"08006", "08001", "08003", "57P01", "57P03", "57014", "25006",
                                 "25P03", "55P03", "40001", "40P01", "53300", ""}) {
    const Error error = ErrorFromSqlState(state, "test");
    EXPECT_EQ(error.code, ErrorCode::kUnavailable) << state;
    EXPECT_NE(error.details.find("op=test"), std::string::npos);
  }
}

TEST(ErrorFromSqlStateTest, OtherStatesKeepTheirMeaning) {
  EXPECT_EQ(ErrorFromSqlState("23505", "t").code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(ErrorFromSqlState("23503", "t", "fk_x").code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ErrorFromSqlState("42601", "t").code, ErrorCode::kInternal);  // our SQL is wrong
  EXPECT_EQ(ErrorFromSqlState("25001", "t").code, ErrorCode::kInternal);  // BEGIN inside one
}

}  // namespace
}  // namespace jaring::storage::sql
