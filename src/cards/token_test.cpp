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

// A card made with a fixed key: the fuzz target's seed card (tests/fuzz/card_token_keys.hpp)
// holds a '_' in its signature; libsodium's decoder alone would read 0xDF there as '_'.
TEST(CardTokenTest, OnlyTheExactTokenVerifies) {
  std::array<unsigned char, 32> seed{};
  seed.fill(0x4a);
  const SigningKey key = SigningKeyFromSeed(seed);
  const std::string token = *Sign(Claims(), key);
  ASSERT_TRUE(Verify(token, key.public_key));
  // Every bit of every byte flipped, including into bytes above 0x7F.
  for (std::size_t i = 0; i < token.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string altered = token;
      altered[i] = static_cast<char>(altered[i] ^ (1 << bit));
      EXPECT_FALSE(Verify(altered, key.public_key)) << "position " << i << " bit " << bit;
    }
  }
  // The high-bit twins of the URL-safe characters, wherever they stand.
  for (const char c : {'_', '-'}) {
    for (std::size_t i = token.find(c); i != std::string::npos; i = token.find(c, i + 1)) {
      std::string twin = token;
      twin[i] = static_cast<char>(static_cast<unsigned char>(c) | 0x80);
      EXPECT_FALSE(Verify(twin, key.public_key)) << "position " << i;
    }
  }
  std::string with_minus = "-" + token.substr(1);  // '-' and '_' are letters of the alphabet
  EXPECT_FALSE(Verify(with_minus, key.public_key));
  // Other spellings of the same bytes: padding, standard base64, whitespace, a second dot.
  const std::size_t dot = token.find('.');
  std::string standard = token;
  for (char& c : standard) c = c == '-' ? '+' : c == '_' ? '/' : c;
  for (const std::string& other : {token + "=", token + "==", standard, " " + token, token + "\n",
                                   token + ".", token.substr(0, dot) + ".." + token.substr(dot + 1),
                                   token.substr(0, dot) + "=" + token.substr(dot)}) {
    EXPECT_FALSE(Verify(other, key.public_key)) << other;
  }
}

TEST(CardTokenTest, EmptyAndGarbageAreRefused) {
  const SigningKey key = NewSigningKey();
  using namespace std::string_view_literals;
  for (std::string_view bad : {""sv, "."sv, ".."sv, "a.b"sv, "====.===="sv, "\xff\xfe.\x01"sv,
                               "YzF8MTJ8.AAAA"sv, "\0.\0"sv}) {
    auto claims = Verify(bad, key.public_key);
    ASSERT_FALSE(claims) << bad;
    EXPECT_EQ(claims.error().message, "Kartu tidak sah");
  }
  EXPECT_FALSE(Verify(std::string(kMaxTokenChars + 1, 'A'), key.public_key));
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
