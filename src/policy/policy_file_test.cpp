#include "policy/policy_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "policy/defaults.hpp"
#include "policy/test_versions.hpp"

namespace jaring::policy {
namespace {

using fixtures::D;
using ::testing::HasSubstr;

// A one-version file whose version text is `version`.
std::string FileWith(std::string_view version) {
  return std::string(R"({"jaring_policy": 1, "versions": [)") + std::string(version) + "]}";
}

constexpr std::string_view kGood = R"({
  "family": "contribution", "effective_from": "2026-07-01",
  "legal_reference": "PP 44/2015", "certainty": "confirmed",
  "rules": {"brackets": [{"income_up_to": 1000000, "basis": 1000000}],
            "jkk_rate_bp": 100, "jkm_amount": 7500, "jht_rate_bp": 200}})";

// `version` with the first occurrence of `from` replaced by `to`.
std::string Edited(std::string_view from, std::string_view to) {
  std::string text(kGood);
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(PolicyFileTest, ReadsAVersion) {
  auto versions = ParsePolicyFile(FileWith(kGood));
  ASSERT_TRUE(versions) << versions.error().ToString();
  ASSERT_EQ(versions->size(), 1u);
  const RuleVersion& v = versions->front();
  EXPECT_EQ(v.family(), RuleFamily::kContribution);
  EXPECT_EQ(v.effective_from, D(2026, 7, 1));
  EXPECT_FALSE(v.effective_until);
  EXPECT_TRUE(v.uncertain_fields.empty());
  EXPECT_EQ(std::get<ContributionRules>(v.rules).jkm_amount, domain::Money::Rupiah(7'500));
}

struct ParseErrorCase {
  const char* name;
  std::string file;
  std::vector<std::string> message_has;
};

class PolicyFileErrorTest : public ::testing::TestWithParam<ParseErrorCase> {};

TEST_P(PolicyFileErrorTest, NamesTheVersionAndTheField) {
  auto parsed = ParsePolicyFile(GetParam().file);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  for (const std::string& part : GetParam().message_has) {
    EXPECT_THAT(parsed.error().message, HasSubstr(part));
  }
}

const std::string kSecond = "versi ke-2 (Iuran, berlaku mulai 1 Juli 2026)";

INSTANTIATE_TEST_SUITE_P(
    Cases, PolicyFileErrorTest,
    ::testing::Values(
        ParseErrorCase{"NotJson", "{\"jaring_policy\": 1,", {"bukan JSON"}},
        ParseErrorCase{"WrongFormat",
                       R"({"jaring_policy": 2, "versions": []})",
                       {"\"jaring_policy\"", "harus 1"}},
        ParseErrorCase{"NoVersions", R"({"jaring_policy": 1, "versions": []})", {"\"versions\""}},
        ParseErrorCase{"UnknownTopKeyWithVersions",
                       FileWith(std::string(kGood)).replace(1, 0, R"("extra": 1, )"),
                       {"\"extra\"", "tidak dikenal"}},
        ParseErrorCase{
            "DuplicateKey",
            FileWith(Edited(R"("jkm_amount": 7500)", R"("jkm_amount": 7500, "jkm_amount": 6800)")),
            {"\"jkm_amount\"", "dua kali"}},
        // The second version names itself by family and date once they are read.
        ParseErrorCase{"FloatAmount",
                       FileWith(std::string(kGood) + "," +
                                Edited(R"("jkm_amount": 7500)", R"("jkm_amount": 7500.0)")),
                       {kSecond, "\"rules.jkm_amount\"", "bilangan bulat"}},
        ParseErrorCase{"AmountAsText",
                       FileWith(Edited(R"("jkm_amount": 7500)", R"("jkm_amount": "Rp 7.500")")),
                       {"versi ke-1 (Iuran", "\"rules.jkm_amount\""}},
        ParseErrorCase{"MissingField",
                       FileWith(Edited(R"("jkk_rate_bp": 100, )", "")),
                       {"versi ke-1", "\"rules.jkk_rate_bp\"", "wajib"}},
        ParseErrorCase{
            "UnknownRulesField",
            FileWith(Edited(R"("jht_rate_bp": 200)", R"("jht_rate_bp": 200, "jkm_amout": 1)")),
            {"\"rules.jkm_amout\"", "tidak dikenal"}},
        ParseErrorCase{"UnknownFamily",
                       FileWith(Edited(R"("contribution")", R"("iuran")")),
                       {"versi ke-1", "\"family\"", "iuran"}},
        ParseErrorCase{"BadDate",
                       FileWith(Edited(R"("2026-07-01")", R"("2026-02-30")")),
                       {"versi ke-1", "\"effective_from\"", "TTTT-BB-HH"}},
        ParseErrorCase{
            "UntilBeforeFrom",
            FileWith(Edited(R"("effective_from": "2026-07-01",)",
                            R"("effective_from": "2026-07-01", "effective_until": "2026-06-30",)")),
            {"versi ke-1 (Iuran, berlaku mulai 1 Juli 2026)", "\"effective_until\""}},
        ParseErrorCase{"BadCertainty",
                       FileWith(Edited(R"("confirmed")", R"("sure")")),
                       {"\"certainty\"", "confirmed atau uncertain"}},
        ParseErrorCase{"BracketField",
                       FileWith(Edited(R"("basis": 1000000)", R"("basis": -5)")),
                       {"versi ke-1 (Iuran", "\"rules.brackets[0].basis\""}},
        ParseErrorCase{"BracketNotAnObject",
                       FileWith(Edited(R"({"income_up_to": 1000000, "basis": 1000000})", "5")),
                       {"\"rules.brackets[0]\"", "objek"}},
        ParseErrorCase{
            "UncertainFieldUnknown",
            FileWith(Edited(R"("certainty": "confirmed",)",
                            R"("certainty": "confirmed", "uncertain_fields": ["bracket"],)")),
            {"\"uncertain_fields[0]\"", "\"bracket\""}},
        ParseErrorCase{"RateAboveWhole",
                       FileWith(Edited(R"("jkk_rate_bp": 100)", R"("jkk_rate_bp": 10001)")),
                       {"\"rules.jkk_rate_bp\"", "0-100 %"}},
        ParseErrorCase{"NoLegalReference",
                       FileWith(Edited(R"("PP 44/2015")", R"("")")),
                       {"\"legal_reference\"", "dasar hukum"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(PolicyFileTest, WritesWhatItReads) {
  auto defaults = ParsePolicyFile(DefaultPolicyJson());
  ASSERT_TRUE(defaults) << defaults.error().ToString();
  auto closed = fixtures::ContributionVersion(D(2026, 7, 1), D(2026, 12, 31), 7'500);
  closed.certainty = Certainty::kUncertain;
  closed.uncertain_fields = {"jkm_amount", "brackets"};
  defaults->push_back(closed);

  const std::string written = WritePolicyFile(*defaults);
  auto reread = ParsePolicyFile(written);
  ASSERT_TRUE(reread) << reread.error().ToString();
  EXPECT_EQ(*reread, *defaults);
  EXPECT_EQ(WritePolicyFile(*reread), written);
  EXPECT_TRUE(written.ends_with("}\n"));
}

TEST(PolicyFileTest, ProrationIsReadCheckedAndWrittenOnlyWhenNotTheDefault) {
  constexpr std::string_view kTerms = R"({
    "family": "payment_terms", "effective_from": "2026-07-01",
    "legal_reference": "Permenaker 1/2025", "certainty": "confirmed",
    "rules": {"due_day": 15, "due_next_working_day": true, "arrears_limit_months": 3PRORATION}})";
  auto with = [&](std::string_view proration) {
    std::string text(kTerms);
    return FileWith(text.replace(text.find("PRORATION"), 9, proration));
  };
  auto absent = ParsePolicyFile(with(""));
  ASSERT_TRUE(absent) << absent.error().ToString();
  EXPECT_EQ(std::get<PaymentTerms>(absent->front().rules).proration, "whole_month");
  EXPECT_THAT(WritePolicyFile(*absent), ::testing::Not(HasSubstr("proration")));

  auto by_day = ParsePolicyFile(with(R"(, "proration": "by_day")"));
  ASSERT_TRUE(by_day) << by_day.error().ToString();
  EXPECT_EQ(std::get<PaymentTerms>(by_day->front().rules).proration, "by_day");
  auto reread = ParsePolicyFile(WritePolicyFile(*by_day));
  ASSERT_TRUE(reread) << reread.error().ToString();
  EXPECT_EQ(*reread, *by_day);

  auto weekly = ParsePolicyFile(with(R"(, "proration": "per_week")"));
  ASSERT_FALSE(weekly);
  EXPECT_THAT(weekly.error().message, HasSubstr("rules.proration"));
}

TEST(PolicyFileTest, TheExampleFileIsWrittenInTheWritersOwnLayoutOfKeys) {
  // Key order and values, not whitespace: the example keeps short objects on one line.
  auto defaults = ParsePolicyFile(DefaultPolicyJson());
  ASSERT_TRUE(defaults);
  const auto written = nlohmann::ordered_json::parse(WritePolicyFile(*defaults));
  const auto example = nlohmann::ordered_json::parse(DefaultPolicyJson());
  EXPECT_EQ(written.dump(), example.dump());
}

TEST(PolicyFileTest, ShowsWhatIsInForceWithItsEnd) {
  PolicyBook book;
  ASSERT_TRUE(book.Add(fixtures::ContributionVersion(D(2025, 1, 1))));
  ASSERT_TRUE(book.Add(fixtures::ContributionVersion(D(2026, 7, 1), std::nullopt, 7'500)));
  ASSERT_TRUE(book.Add(fixtures::Version(PaymentTerms{15, true, 3}, D(2025, 1, 1))));

  auto shown = ParsePolicyFile(WriteInForce(book, D(2026, 6, 30)));
  ASSERT_TRUE(shown) << shown.error().ToString();
  ASSERT_EQ(shown->size(), 2u);
  EXPECT_EQ((*shown)[0].effective_until, D(2026, 6, 30));  // implied by its successor
  EXPECT_FALSE((*shown)[1].effective_until);
  EXPECT_EQ(std::get<ContributionRules>((*shown)[0].rules).jkm_amount,
            domain::Money::Rupiah(6'800));

  auto later = ParsePolicyFile(WriteInForce(book, D(2026, 7, 1)));
  ASSERT_TRUE(later);
  EXPECT_EQ(std::get<ContributionRules>((*later)[0].rules).jkm_amount,
            domain::Money::Rupiah(7'500));
}

TEST(PolicyFileTest, ShowsAnEmptyListWhenNothingIsInForce) {
  const auto shown = nlohmann::json::parse(WriteInForce(PolicyBook(), D(2025, 1, 1)));
  EXPECT_TRUE(shown.at("versions").empty());
}

TEST(PolicyRowTest, RoundTripsThroughPlainFields) {
  auto version = fixtures::ContributionVersion(D(2026, 7, 1), D(2026, 12, 31), 7'500);
  const PolicyRow row = ToRow(version);
  EXPECT_EQ(row.family, "contribution");
  EXPECT_EQ(row.effective_from, "2026-07-01");
  EXPECT_EQ(row.effective_until, "2026-12-31");
  EXPECT_EQ(row.certainty, "confirmed");
  auto back = FromRow(row);
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(*back, version);
}

TEST(PolicyRowTest, RefusesARowWhoseColumnsDisagreeWithItsDocument) {
  PolicyRow row = ToRow(fixtures::ContributionVersion(D(2026, 7, 1)));
  row.effective_from = "2026-08-01";
  auto back = FromRow(row);
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().code, ErrorCode::kInternal);
  row = ToRow(fixtures::ContributionVersion(D(2026, 7, 1)));
  row.document = "{}";
  EXPECT_EQ(FromRow(row).error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace jaring::policy
