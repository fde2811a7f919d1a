#include "domain/source_kind.hpp"

#include <gtest/gtest.h>

namespace jaring::domain {
namespace {

TEST(SourceKindTest, CodesRoundTrip) {
  EXPECT_EQ(ToCode(SourceKind::kOffice), "office");
  EXPECT_EQ(ToCode(SourceKind::kVillage), "village");
  for (SourceKind kind : {SourceKind::kOffice, SourceKind::kVillage}) {
    EXPECT_EQ(SourceKindFromCode(ToCode(kind)), kind);
  }
}

TEST(SourceKindTest, OnlyTheExactCodesParse) {
  for (const char* code : {"", "Village", " office", "desa", "opd"}) {
    EXPECT_EQ(SourceKindFromCode(code), std::nullopt) << code;
  }
}

}  // namespace
}  // namespace jaring::domain
