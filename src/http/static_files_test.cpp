#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace jaring::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jaring-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "root" / "assets");
    Write(dir_ / "root" / "index.html", "<!doctype html><title>jaring</title>");
    Write(dir_ / "root" / "assets" / "app-123.js", "console.log(1)");
    Write(dir_ / "secret.txt", "rahasia");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void Write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

  fs::path dir_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  StaticFiles files(dir_ / "root");
  ASSERT_TRUE(files.available());
  auto index = files.Serve("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  auto script = files.Serve("/assets/app-123.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script->headers.front().second, "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndexButMissingAssetsDoNot) {
  StaticFiles files(dir_ / "root");
  auto route = files.Serve("/pekerja/123");
  ASSERT_TRUE(route);
  EXPECT_NE(route->body.find("jaring"), std::string::npos);
  EXPECT_FALSE(files.Serve("/assets/missing.js"));
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  StaticFiles files(dir_ / "root");
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt"}) {
    auto response = files.Serve(path);
    if (response) {
      EXPECT_EQ(response->body.find("rahasia"), std::string::npos) << path;
    }
  }
}

TEST_F(StaticFilesTest, MissingRootIsUnavailable) {
  StaticFiles files(dir_ / "nope");
  EXPECT_FALSE(files.available());
  EXPECT_FALSE(files.Serve("/"));
}

}  // namespace
}  // namespace jaring::http
