#include "cards/key_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace jaring::cards {
namespace {

namespace fs = std::filesystem;

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jaring_card_key_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(KeyFileTest, CreatedOnceWithAPrivateModeAndReadBack) {
  auto first = LoadOrCreateSigningKey(dir_ / "data");
  ASSERT_TRUE(first) << first.error().message;
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "data" / kSecretKeyFile).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = LoadOrCreateSigningKey(dir_ / "data");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->public_key, first->public_key);
  auto pub = LoadPublicKey(dir_ / "data" / kPublicKeyFile);
  ASSERT_TRUE(pub) << pub.error().message;
  EXPECT_EQ(*pub, first->public_key);
  // A token signed with the loaded key verifies with the published half.
  CardClaims c{1, "35.14", "A.B.", 1, "P", "*1234", "2025-09-01", "2025-12-31", "2025-09-02"};
  EXPECT_TRUE(Verify(*Sign(c, *second), *pub));
}

TEST_F(KeyFileTest, ABrokenKeyFileIsAnErrorNotANewKey) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / kSecretKeyFile) << "not a key\n";
  auto key = LoadOrCreateSigningKey(dir_);
  ASSERT_FALSE(key);
  EXPECT_EQ(key.error().code, ErrorCode::kInternal);
  EXPECT_EQ(LoadPublicKey(dir_ / "absent.pub").error().code, ErrorCode::kNotFound);
  std::ofstream(dir_ / "bad.pub") << "AAAA\n";
  EXPECT_EQ(LoadPublicKey(dir_ / "bad.pub").error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace jaring::cards
