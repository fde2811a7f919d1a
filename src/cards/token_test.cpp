#include "cards/token.hpp"

#include <gtest/gtest.h>

namespace jaring::cards {
namespace {

CardClaims Claims() {
  CardClaims c;
  c.serial = 12;
  c.regency_code = "35.14";
  c.initials = "B.S.";
  c.program_id = 3;
  c.program = "DBHCHT 2025";
  c.kpj_masked = MaskKpj("25091234567");
  c.start_date = "2025-09-01";
  c.end_date = "2025-12-31";
  c.issued_date = "2025-10-02";
  return c;
}

TEST(CardTokenTest, RoundTrip) {
  const SigningKey key = NewSigningKey();
  auto token = Sign(Claims(), key);
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_LT(token->size(), 200u);  // small enough for a 23 mm QR code
  EXPECT_EQ(
      token->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
      std::string::npos);
  auto claims = Verify(*token, key.public_key);
  ASSERT_TRUE(claims) << claims.error().details;
  EXPECT_EQ(*claims, Claims());
  EXPECT_EQ(claims->kpj_masked, "*******4567");
}

TEST(CardTokenTest, EveryFlippedCharacterIsRefused) {
  const SigningKey key = NewSigningKey();
  const std::string token = *Sign(Claims(), key);
  for (std::size_t i = 0; i < token.size(); ++i) {
    std::string altered = token;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    if (altered == token) continue;
    auto claims = Verify(altered, key.public_key);
    ASSERT_FALSE(claims) << "position " << i;
    EXPECT_EQ(claims.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(claims.error().message, "Kartu tidak sah");
  }
}

TEST(CardTokenTest, TruncatedAndMalformedAreRefused) {
  const SigningKey key = NewSigningKey();
  const std::string token = *Sign(Claims(), key);
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, token.size() / 2, token.size() - 1}) {
    EXPECT_FALSE(Verify(token.substr(0, n), key.public_key)) << n;
  }
  EXPECT_FALSE(Verify("no-dot-here", key.public_key));
  EXPECT_FALSE(Verify("!!!.???", key.public_key));
  EXPECT_FALSE(Verify(token + token, key.public_key));
}

TEST(CardTokenTest, AnotherKeyIsRefused) {
  const SigningKey key = NewSigningKey(), other = NewSigningKey();
  const std::string token = *Sign(Claims(), other);
  EXPECT_FALSE(Verify(token, key.public_key));
  // The payload of a real card re-signed by another key: refused too.
  const std::string real = *Sign(Claims(), key);
  const std::string resigned = real.substr(0, real.find('.')) + token.substr(token.find('.'));
  EXPECT_FALSE(Verify(resigned, key.public_key));
}

TEST(CardTokenTest, SeedGivesTheSameKey) {
  const SigningKey key = NewSigningKey();
  std::array<unsigned char, 32> seed{};
  std::copy_n(key.secret_key.begin(), 32, seed.begin());
  EXPECT_EQ(SigningKeyFromSeed(seed).public_key, key.public_key);
  EXPECT_EQ(KeyId(key.public_key).size(), 16u);
  EXPECT_NE(KeyId(key.public_key), KeyId(NewSigningKey().public_key));
}

TEST(CardTokenTest, SignRefusesWhatCouldBreakThePayload) {
  const SigningKey key = NewSigningKey();
  CardClaims c = Claims();
  c.program = "A|B";
  EXPECT_FALSE(Sign(c, key));
  c = Claims();
  c.end_date = "2025-12";
  EXPECT_FALSE(Sign(c, key));
  c = Claims();
  c.program = std::string(300, 'x');
  EXPECT_FALSE(Sign(c, key));
}

TEST(CardTokenTest, InitialsAndMask) {
  EXPECT_EQ(Initials("Budi Santoso"), "B.S.");
  EXPECT_EQ(Initials("  siti  nur   aisyah rahma"), "S.N.A.");
  EXPECT_EQ(Initials("H. Ahmad"), "H.A.");
  EXPECT_EQ(Initials(""), "");
  EXPECT_EQ(MaskKpj("25091234567"), "*******4567");
  EXPECT_EQ(MaskKpj("123"), "123");
}

}  // namespace
}  // namespace jaring::cards
