#include "auth/password.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

namespace jaring::auth {
namespace {

const PasswordHashOptions kCheap = PasswordHashOptions::ForTests();

TEST(PasswordTest, HashVerifiesOnlyTheRightPassword) {
  const auto hash = HashPassword("Kopi tubruk pagi 7", kCheap);
  ASSERT_TRUE(hash.has_value()) << hash.error().ToString();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=8,t=1,p=1$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "Kopi tubruk pagi 7"));
  for (const char* wrong : {"kopi tubruk pagi 7", "Kopi tubruk pagi 7 ", "Kopi tubruk pagi", "",
                            "Kopi tubruk pagi 8"}) {
    EXPECT_FALSE(VerifyPassword(*hash, wrong)) << wrong;
  }
}

TEST(PasswordTest, SaltMakesEveryHashDifferent) {
  std::set<std::string> hashes;
  for (int i = 0; i < 5; ++i) hashes.insert(*HashPassword("sama-sama-saja", kCheap));
  EXPECT_EQ(hashes.size(), 5u);
  for (const auto& h : hashes) EXPECT_TRUE(VerifyPassword(h, "sama-sama-saja"));
}

TEST(PasswordTest, PasswordWithEmbeddedNulIsHashedWhole) {
  const std::string with_nul("abc\0def-ghij", 12);
  const auto hash = HashPassword(with_nul, kCheap);
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(VerifyPassword(*hash, with_nul));
  EXPECT_FALSE(VerifyPassword(*hash, "abc"));
}

TEST(PasswordTest, MalformedHashesNeverVerify) {
  const std::string good = *HashPassword("benar-sekali-123", kCheap);
  std::string flipped = good;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad :
       {std::string(), std::string("benar-sekali-123"), std::string("$argon2id$"), flipped,
        good.substr(0, good.size() - 3), good + std::string("\0x", 2), std::string(300, 'a')}) {
    EXPECT_FALSE(VerifyPassword(bad, "benar-sekali-123")) << bad;
  }
}

TEST(PasswordTest, InteractiveIsTheDefault) {
  // One real-cost hash, to prove the default is INTERACTIVE (64 MiB, 2 passes), not the test
  // setting; about 0.1 s.
  const auto hash = HashPassword("Satu kali saja, mahal.");
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << *hash;
  EXPECT_FALSE(NeedsRehash(*hash));
  EXPECT_TRUE(NeedsRehash(*hash, kCheap));
  EXPECT_TRUE(VerifyPassword(*hash, "Satu kali saja, mahal."));
}

TEST(PasswordTest, SimulatedCheckCostsAboutAsMuchAsARealOne) {
  // Unknown usernames must not answer faster than known ones. Timing under a shared CPU is
  // noisy, so only an order of magnitude is asserted: a no-op would be ~1000x faster.
  const PasswordHashOptions cost{1, 16u << 20};  // 16 MiB: ~10-20 ms
  const std::string hash = *HashPassword("waktu-yang-sama", cost);
  using Clock = std::chrono::steady_clock;
  auto t = Clock::now();
  EXPECT_FALSE(VerifyPassword(hash, "tebakan-salah"));
  const auto verify = Clock::now() - t;
  t = Clock::now();
  SimulatePasswordCheck("tebakan-salah", cost);
  const auto simulate = Clock::now() - t;
  EXPECT_GT(simulate * 5, verify) << "simulate " << simulate.count() << " ns, verify "
                                  << verify.count() << " ns";
  SimulatePasswordCheck(std::string(kMaxPasswordBytes * 2, 'x'), kCheap);  // over-long: no crash
}

TEST(PasswordTest, NeedsRehashWhenCostOrAlgorithmDiffers) {
  const std::string cheap = *HashPassword("ganti-biaya-hash", kCheap);
  EXPECT_FALSE(NeedsRehash(cheap, kCheap));
  EXPECT_TRUE(NeedsRehash(cheap, PasswordHashOptions{2, 8u << 10}));
  EXPECT_TRUE(NeedsRehash(cheap, PasswordHashOptions{1, 16u << 10}));
  EXPECT_TRUE(NeedsRehash(cheap));  // the default is INTERACTIVE
  // An argon2i string at the very same cost still needs a rehash: argon2id only.
  EXPECT_TRUE(NeedsRehash("$argon2i$v=19$m=8,t=1,p=1$c29tZXNhbHQ$kGe3YkHs0UAbpENtKl8N4A"));
  EXPECT_TRUE(NeedsRehash(""));
  EXPECT_TRUE(NeedsRehash("bukan hash"));
}

TEST(PasswordTest, RejectsOutOfRangeLimitsAndHugePasswords) {
  const auto zero_ops = HashPassword("batas-batas-sah", PasswordHashOptions{0, 8u << 10});
  ASSERT_FALSE(zero_ops.has_value());
  EXPECT_EQ(zero_ops.error().code, ErrorCode::kInvalidArgument);
  const auto tiny_mem = HashPassword("batas-batas-sah", PasswordHashOptions{1, 1024});
  ASSERT_FALSE(tiny_mem.has_value());
  EXPECT_EQ(tiny_mem.error().code, ErrorCode::kInvalidArgument);
  const auto huge = HashPassword(std::string(kMaxPasswordBytes + 1, 'x'), kCheap);
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HashPassword(std::string(kMaxPasswordBytes, 'x'), kCheap).has_value());
}

TEST(PasswordTest, ConcurrentFirstUseIsSafe) {
  // EnsureSodium's once-only initialisation under contention (run under TSan/ASan builds).
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &ok] {
      const std::string pw = "utas-ke-" + std::to_string(t) + "-aman";
      const auto h = HashPassword(pw, kCheap);
      ok[t] = h.has_value() && VerifyPassword(*h, pw) ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 1) << t;
}

// --- Policy -------------------------------------------------------------------------------

struct PolicyCase {
  const char* password;
  const char* username;
  std::vector<PasswordIssue> issues;
};
void PrintTo(const PolicyCase& c, std::ostream* os) {
  *os << "{\"" << c.password << "\", user \"" << c.username << "\"}";
}

class PasswordPolicyTest : public ::testing::TestWithParam<PolicyCase> {};

TEST_P(PasswordPolicyTest, ReportsEveryIssueInOrder) {
  const auto& c = GetParam();
  EXPECT_EQ(CheckPasswordPolicy(c.password, c.username), c.issues)
      << "password=" << c.password << " user=" << c.username;
  const auto status = ValidatePassword(c.password, c.username);
  EXPECT_EQ(status.has_value(), c.issues.empty());
  if (!status) {
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    for (const PasswordIssue issue : c.issues) {
      EXPECT_NE(status.error().details.find(PasswordIssueCode(issue)), std::string::npos);
    }
    // The password never appears in the error.
    if (std::string_view(c.password).size() >= 4) {
      EXPECT_EQ(status.error().message.find(c.password), std::string::npos);
      EXPECT_EQ(status.error().details.find(c.password), std::string::npos);
    }
  }
}

using enum PasswordIssue;
INSTANTIATE_TEST_SUITE_P(
    Table, PasswordPolicyTest,
    ::testing::Values(PolicyCase{"Kopi tubruk pagi 7", "budi", {}},
                      PolicyCase{"kopi-susu1", "budi", {}},  // exactly 10
                      PolicyCase{"AbcdefghiJ", "budi", {kTooCommon}},
                      PolicyCase{"abcdefghi", "budi", {kTooShort}},
                      PolicyCase{"", "budi", {kTooShort}},
                      PolicyCase{"rahasiaku✓", "budi", {}},          // 10 code points, 12 bytes
                      PolicyCase{"ééééééééé", "budi", {kTooShort}},  // 9 code points, 18 bytes
                      PolicyCase{"3514010101900001", "budi", {kAllDigits}},  // a NIK
                      PolicyCase{"081234567890", "budi", {kAllDigits}},
                      PolicyCase{"12345", "budi", {kTooShort, kAllDigits}},
                      PolicyCase{"1234567890", "budi", {kAllDigits, kTooCommon}},
                      PolicyCase{"operator.pasuruan", "operator.pasuruan", {kEqualsUsername}},
                      PolicyCase{"Operator.Pasuruan", " operator.pasuruan ", {kEqualsUsername}},
                      PolicyCase{"operator.pasuruan1", "operator.pasuruan", {}},
                      PolicyCase{"bismillah123", "budi", {kTooCommon}},
                      PolicyCase{"PASSWORD123", "budi", {kTooCommon}},
                      PolicyCase{"Indonesia123", "siti", {kTooCommon}},
                      PolicyCase{"qwertyuiop", "qwertyuiop", {kEqualsUsername, kTooCommon}},
                      PolicyCase{"password", "password", {kTooShort, kEqualsUsername, kTooCommon}},
                      PolicyCase{"sembarang kata", "", {}}));

TEST(PasswordPolicyTest, TooLongAndMinLengthSetting) {
  EXPECT_EQ(CheckPasswordPolicy(std::string(kMaxPasswordBytes + 1, 'a'), "budi"),
            std::vector<PasswordIssue>{PasswordIssue::kTooLong});
  EXPECT_TRUE(CheckPasswordPolicy(std::string(kMaxPasswordBytes, 'a'), "budi").empty());
  const PasswordPolicy twelve{.min_length = 12};
  EXPECT_EQ(CheckPasswordPolicy("elevenchars", "budi", twelve),
            std::vector<PasswordIssue>{PasswordIssue::kTooShort});
  const auto status = ValidatePassword("elevenchars", "budi", twelve);
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().message.find("minimal 12 karakter"), std::string::npos)
      << status.error().message;
}

TEST(PasswordPolicyTest, CodesAndMessagesAreDistinctAndIndonesian) {
  std::set<std::string_view> codes, messages;
  for (const PasswordIssue issue : {kTooShort, kTooLong, kAllDigits, kEqualsUsername, kTooCommon}) {
    EXPECT_TRUE(PasswordIssueCode(issue).starts_with("PASSWORD_"));
    EXPECT_TRUE(PasswordIssueMessage(issue).starts_with("Kata sandi"));
    codes.insert(PasswordIssueCode(issue));
    messages.insert(PasswordIssueMessage(issue));
  }
  EXPECT_EQ(codes.size(), 5u);
  EXPECT_EQ(messages.size(), 5u);
}

TEST(PasswordPolicyTest, CommonListIgnoresCaseOnly) {
  EXPECT_TRUE(IsCommonPassword("password"));
  EXPECT_TRUE(IsCommonPassword("BisMillah"));
  EXPECT_FALSE(IsCommonPassword("password!"));
  EXPECT_FALSE(IsCommonPassword(" password"));
  EXPECT_FALSE(IsCommonPassword(""));
}

}  // namespace
}  // namespace jaring::auth
