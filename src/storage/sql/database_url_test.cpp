#include "storage/sql/database_url.hpp"

#include <gtest/gtest.h>

namespace jaring::storage::sql {
namespace {

TEST(ParseDatabaseUrlTest, AcceptsSqliteAndPostgres) {
  struct Case {
    std::string_view url;
    DatabaseUrl expected;
  };
  const Case cases[] = {
      {"sqlite:var/jaring.db", {Engine::kSqlite, "var/jaring.db"}},
      {"sqlite:/tmp/a b/j.db", {Engine::kSqlite, "/tmp/a b/j.db"}},
      {"sqlite::memory:", {Engine::kSqlite, ":memory:"}},
      {"postgresql://jaring@127.0.0.1:5432/jaring",
       {Engine::kPostgres, "postgresql://jaring@127.0.0.1:5432/jaring"}},
      {"postgres://u@h/db?options=-csearch_path%3Dx",
       {Engine::kPostgres, "postgres://u@h/db?options=-csearch_path%3Dx"}},
      // A primary and its standby: libpq tries them in turn and keeps the one that accepts
      // writes; the URL reaches libpq unchanged.
      {"postgresql://jaring@db1:5432,db2:5433/jaring?target_session_attrs=read-write",
       {Engine::kPostgres,
        "postgresql://jaring@db1:5432,db2:5433/jaring?target_session_attrs=read-write"}},
  };
  for (const Case& c : cases) {
    Result<DatabaseUrl> parsed = ParseDatabaseUrl(c.url);
    ASSERT_TRUE(parsed) << c.url << ": " << parsed.error().ToString();
    EXPECT_EQ(*parsed, c.expected) << c.url;
  }
}

TEST(ParseDatabaseUrlTest, RejectsOtherSchemesWithoutEchoingTheUrl) {
  for (std::string_view url : {"", "sqlite:", "mysql://root:secret@host/db", "var/jaring.db"}) {
    Result<DatabaseUrl> parsed = ParseDatabaseUrl(url);
    ASSERT_FALSE(parsed) << url;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().ToString().find("secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace jaring::storage::sql
