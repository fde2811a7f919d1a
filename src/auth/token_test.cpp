#include "auth/token.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>

namespace jaring::auth {
namespace {

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

TEST(TokenTest, RandomTokensAreUrlSafeAndFullLength) {
  for (int i = 0; i < 100; ++i) {
    const std::string token = RandomToken();
    ASSERT_EQ(token.size(), kTokenChars);
    EXPECT_TRUE(std::ranges::all_of(token, IsBase64UrlChar)) << token;
    EXPECT_TRUE(LooksLikeToken(token)) << token;
  }
  EXPECT_EQ(RandomToken(48).size(), 64u);  // 48 bytes -> 64 characters, no padding
  EXPECT_EQ(NewSessionId().size(), kTokenChars);
  EXPECT_EQ(NewCsrfToken().size(), kTokenChars);
}

TEST(TokenTest, TokensDoNotRepeatAndUseEverySymbol) {
  // 2,000 tokens: any repeat means a broken generator. The 6-bit symbols must be close to
  // uniform: each of the 64 symbols is expected ~1,300 times in the first 42 positions; a
  // stuck or biased source falls far outside [900, 1,700].
  std::set<std::string> seen;
  std::array<int, 128> counts{};
  for (int i = 0; i < 2000; ++i) {
    const std::string token = RandomToken();
    EXPECT_TRUE(seen.insert(token).second);
    for (std::size_t j = 0; j + 1 < token.size(); ++j)
      ++counts[static_cast<unsigned char>(token[j])];
  }
  int symbols = 0;
  for (int c = 0; c < 128; ++c) {
    if (!IsBase64UrlChar(static_cast<char>(c))) {
      EXPECT_EQ(counts[c], 0) << c;
      continue;
    }
    ++symbols;
    EXPECT_GT(counts[c], 900) << static_cast<char>(c);
    EXPECT_LT(counts[c], 1700) << static_cast<char>(c);
  }
  EXPECT_EQ(symbols, 64);
}

TEST(TokenTest, LooksLikeTokenRejectsOtherShapes) {
  const std::string good = RandomToken();
  std::string with_plus = good;
  with_plus[5] = '+';
  std::string with_pad = good.substr(0, 42) + "=";
  for (const std::string& bad : {std::string(), good.substr(1), good + "A", with_plus, with_pad,
                                 std::string(43, '!'), std::string(44, 'A')}) {
    EXPECT_FALSE(LooksLikeToken(bad)) << bad;
  }
  // The last symbol of 43 carries 4 unused bits; non-zero unused bits are not canonical.
  std::string non_canonical = good;
  non_canonical.back() = 'B';  // 000001: an unused bit set
  EXPECT_FALSE(LooksLikeToken(non_canonical));
  non_canonical.back() = 'Q';  // 010000: canonical
  EXPECT_TRUE(LooksLikeToken(non_canonical));
}

TEST(TokenTest, ConstantTimeEqualsIsPlainEquality) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_FALSE(ConstantTimeEquals("Abc", "abc"));
}

TEST(ApiTokenTest, IssuedTokenParsesAndVerifies) {
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    const IssuedApiToken token = IssueApiToken();
    ASSERT_EQ(token.plaintext.size(), kApiTokenChars);
    EXPECT_TRUE(token.plaintext.starts_with("jrg_" + token.id + "_"));
    EXPECT_EQ(token.id.size(), kApiTokenIdChars);
    EXPECT_EQ(token.secret_hash.size(), 64u);
    EXPECT_TRUE(ids.insert(token.id).second);
    const auto parsed = ParseApiToken(token.plaintext);
    ASSERT_TRUE(parsed.has_value()) << token.plaintext;
    EXPECT_EQ(parsed->id, token.id);
    EXPECT_EQ(parsed->secret.size(), kTokenChars);
    EXPECT_TRUE(VerifyTokenSecret(parsed->secret, token.secret_hash));
    // The stored hash reveals nothing of the secret's text.
    EXPECT_EQ(token.secret_hash.find(parsed->secret.substr(0, 8)), std::string::npos);
    // Another token's secret does not verify against this hash.
    EXPECT_FALSE(
        VerifyTokenSecret(ParseApiToken(IssueApiToken().plaintext)->secret, token.secret_hash));
  }
}

TEST(ApiTokenTest, SecretMayContainUnderscoreAndStillParse) {
  // Parsing is by position; find an issued token whose secret contains '_' (about half do).
  for (int i = 0; i < 200; ++i) {
    const IssuedApiToken token = IssueApiToken();
    const std::string_view secret = std::string_view(token.plaintext).substr(29);
    if (secret.find('_') == std::string_view::npos) continue;
    const auto parsed = ParseApiToken(token.plaintext);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->secret, secret);
    return;
  }
  FAIL() << "no secret with '_' in 200 tokens (probability < 1e-30)";
}

TEST(ApiTokenTest, ParseRejectsMalformedTokens) {
  const std::string good = IssueApiToken().plaintext;
  std::string upper_id = good;
  upper_id[4] = 'A';
  std::string bad_sep = good;
  bad_sep[28] = '-';
  std::string bad_secret = good;
  bad_secret[40] = '*';
  for (const std::string& bad : {std::string(), std::string("jrg_"), "JRG_" + good.substr(4),
                                 "jrx_" + good.substr(4), good.substr(0, good.size() - 1),
                                 good + "A", upper_id, bad_sep, bad_secret, "Bearer " + good}) {
    EXPECT_FALSE(ParseApiToken(bad).has_value()) << bad;
  }
}

TEST(ApiTokenTest, KeyedHashDiffersAndNeedsTheKey) {
  const std::string key = "0123456789abcdef0123456789abcdef";  // 32 bytes
  const IssuedApiToken token = IssueApiToken(key);
  const std::string secret = ParseApiToken(token.plaintext)->secret;
  EXPECT_TRUE(VerifyTokenSecret(secret, token.secret_hash, key));
  EXPECT_FALSE(VerifyTokenSecret(secret, token.secret_hash));  // unkeyed
  EXPECT_FALSE(VerifyTokenSecret(secret, token.secret_hash, "fedcba9876543210fedcba9876543210"));
  EXPECT_NE(HashTokenSecret(secret, key), HashTokenSecret(secret));
  EXPECT_EQ(HashTokenSecret(secret, key), HashTokenSecret(secret, key));  // deterministic
}

TEST(ApiTokenTest, HashIsBlake2b256OfTheSecretText) {
  // RFC 7693 / libsodium: unkeyed BLAKE2b-256 of the empty string and of "abc".
  EXPECT_EQ(HashTokenSecret(""),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(HashTokenSecret("abc"),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  EXPECT_FALSE(VerifyTokenSecret("abc", ""));
  EXPECT_FALSE(VerifyTokenSecret("abc", std::string(64, '0')));
}

TEST(ApiTokenTest, TokenKeyLengths) {
  EXPECT_TRUE(IsValidTokenKey(""));
  EXPECT_FALSE(IsValidTokenKey(std::string(15, 'k')));
  EXPECT_TRUE(IsValidTokenKey(std::string(16, 'k')));
  EXPECT_TRUE(IsValidTokenKey(std::string(64, 'k')));
  EXPECT_FALSE(IsValidTokenKey(std::string(65, 'k')));
}

}  // namespace
}  // namespace jaring::auth
