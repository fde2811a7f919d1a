#include "services/audit_anchor.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace jaring::services {
namespace {

const std::string kHash(64, 'a');

TEST(AuditAnchorTest, RoundTripsThroughItsFile) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("jaring-anchor-" + std::to_string(::getpid()) + ".json");
  AuditAnchor anchor{
      42, kHash, "2025-10-01T03:04:05Z", "2025-10-01T03:05:00Z", "sqlite", "sqlite:var/jaring.db"};
  ASSERT_TRUE(WriteAnchorFile(path.string(), anchor));
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms(0644));
  auto read = ReadAnchorFile(path.string());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->sequence, 42);
  EXPECT_EQ(read->hash, kHash);
  EXPECT_EQ(read->entry_at, anchor.entry_at);
  EXPECT_EQ(read->database, anchor.database);
  std::filesystem::remove(path);
  auto missing = ReadAnchorFile(path.string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(AuditAnchorTest, RefusesWhatIsNotAnAnchor) {
  const std::string good_hash = "\"" + kHash + "\"";
  const std::string cases[] = {
      "bukan json",
      "[1, 2]",
      R"({"format": 1, "sequence": 1, "hash": )" + good_hash + "}",
      R"({"format": ["jaring.audit-anchor.v1"], "sequence": 1, "hash": )" + good_hash + "}",
      R"({"format": "lain", "sequence": 1, "hash": )" + good_hash + "}",
      R"({"format": "jaring.audit-anchor.v1", "hash": )" + good_hash + "}",
      R"({"format": "jaring.audit-anchor.v1", "sequence": -1, "hash": )" + good_hash + "}",
      R"({"format": "jaring.audit-anchor.v1", "sequence": "7", "hash": )" + good_hash + "}",
      R"({"format": "jaring.audit-anchor.v1", "sequence": 7, "hash": "ABC"})",
      R"({"format": "jaring.audit-anchor.v1", "sequence": 7, "hash": ")" + std::string(64, 'A') +
          "\"}",
      R"({"format": "jaring.audit-anchor.v1", "sequence": 0, "hash": )" + good_hash + "}",
  };
  for (const std::string& text : cases) {
    auto parsed = AnchorFromJson(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << text;
  }
  auto genesis = AnchorFromJson(R"({"format": "jaring.audit-anchor.v1", "sequence": 0, "hash": ")" +
                                std::string(auth::kGenesisHash) + "\"}");
  ASSERT_TRUE(genesis);
  EXPECT_EQ(genesis->sequence, 0);
}

TEST(AuditAnchorTest, DatabaseLabelDropsPasswords) {
  EXPECT_EQ(DatabaseLabel("sqlite:var/jaring.db"), "sqlite:var/jaring.db");
  EXPECT_EQ(DatabaseLabel("postgresql://jaring:rahasia@db.example:5432/jaring"),
            "postgresql://jaring@db.example:5432/jaring");
  EXPECT_EQ(DatabaseLabel("postgresql://jaring@127.0.0.1:5432/j?options=-csearch_path%3Dx"),
            "postgresql://jaring@127.0.0.1:5432/j?options=-csearch_path%3Dx");
  EXPECT_EQ(DatabaseLabel("postgresql://h/j?password=rahasia&sslmode=require"),
            "postgresql://h/j?sslmode=require");
  EXPECT_EQ(DatabaseLabel("postgresql://h/j?sslmode=require&password=rahasia"),
            "postgresql://h/j?sslmode=require");
  EXPECT_EQ(DatabaseLabel("postgresql://u:p@w@h/j"), "postgresql://u@h/j");
}

}  // namespace
}  // namespace jaring::services
