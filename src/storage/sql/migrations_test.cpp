#include "storage/sql/migrations.hpp"

#include <gtest/gtest.h>

namespace jaring::storage::sql {
namespace {

TEST(ExpandPlaceholdersTest, ReplacesEachPlaceholderPerEngine) {
  const std::string_view sql =
      "CREATE TABLE t (id {{id}}, d {{date}}, at {{timestamp}}, c {{code_text}})";
  Result<std::string> sqlite = ExpandPlaceholders(sql, Engine::kSqlite);
  ASSERT_TRUE(sqlite);
  EXPECT_EQ(*sqlite, "CREATE TABLE t (id INTEGER PRIMARY KEY, d TEXT, at TEXT, c TEXT)");
  Result<std::string> postgres = ExpandPlaceholders(sql, Engine::kPostgres);
  ASSERT_TRUE(postgres);
  EXPECT_EQ(*postgres,
            "CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, d DATE, "
            "at TIMESTAMPTZ, c TEXT COLLATE \"C\")");
}

TEST(ExpandPlaceholdersTest, RejectsUnknownAndUnterminatedPlaceholders) {
  for (std::string_view sql : {"x {{idd}} y", "x {{id y", "{{}}"}) {
    Result<std::string> out = ExpandPlaceholders(sql, Engine::kSqlite);
    ASSERT_FALSE(out) << sql;
    EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(ExpandPlaceholdersTest, KeepsOnlyThisEnginesBlocks) {
  const std::string_view sql =
      "A;{{postgres}} P {{code_text}};{{end}}{{sqlite}} S {{date}};{{end}} B";
  Result<std::string> sqlite = ExpandPlaceholders(sql, Engine::kSqlite);
  ASSERT_TRUE(sqlite);
  EXPECT_EQ(*sqlite, "A; S TEXT; B");
  Result<std::string> postgres = ExpandPlaceholders(sql, Engine::kPostgres);
  ASSERT_TRUE(postgres);
  EXPECT_EQ(*postgres, "A; P TEXT COLLATE \"C\"; B");
  for (std::string_view bad : {"{{postgres}} x", "x {{end}}", "{{sqlite}}{{postgres}}{{end}}"}) {
    Result<std::string> out = ExpandPlaceholders(bad, Engine::kPostgres);
    ASSERT_FALSE(out) << bad;
    EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(EmbeddedMigrationsTest, AreOrderedNamedAndExpandOnBothEngines) {
  const std::span<const Migration> migrations = EmbeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
  EXPECT_EQ(migrations.front().name, "workers");
  int previous = 0;
  for (const Migration& m : migrations) {
    EXPECT_GT(m.version, previous);
    previous = m.version;
    EXPECT_FALSE(m.name.empty());
    EXPECT_FALSE(m.sql.empty());
    for (Engine engine : {Engine::kSqlite, Engine::kPostgres}) {
      Result<std::string> sql = ExpandPlaceholders(m.sql, engine);
      ASSERT_TRUE(sql) << m.version << ": " << sql.error().ToString();
      EXPECT_EQ(sql->find("{{"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace jaring::storage::sql
