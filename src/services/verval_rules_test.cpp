// The verval's rules that need no database: a regency's settings as data (age ranges with the
// month they take effect from, what applies itself), and the cross-regency index that finds a
// person another regency registers from keyed encodings only.
#include <gtest/gtest.h>

#include "services/cross_regency.hpp"
#include "services/verval_settings.hpp"

namespace jaring::services {
namespace {

TEST(VervalSettingsTest, AnAgeRuleTakesEffectFromItsMonth) {
  auto settings = SettingsFromJson(R"({"age_rules": [
      {"from_period": "2024-01", "min_age": 15, "max_age": 65, "reference": "Perbup 38/2024"},
      {"from_period": "2026-01", "min_age": 18, "max_age": 60, "reference": "Perbup 5/2026"}]})");
  ASSERT_TRUE(settings) << settings.error().ToString();
  EXPECT_EQ(settings->AgeRuleFor("2025-12").max_age, 65);
  EXPECT_EQ(settings->AgeRuleFor("2026-01").max_age, 60);
  EXPECT_EQ(settings->AgeRuleFor("2026-07").min_age, 18);
  EXPECT_EQ(settings->AgeRuleFor("2026-07").reference, "Perbup 5/2026");
  // Before every rule: the earliest one.
  EXPECT_EQ(settings->AgeRuleFor("2023-06").from_period, "2024-01");
  // The stored form reads back the same.
  auto again = SettingsFromJson(SettingsToJson(*settings));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->AgeRuleFor("2026-02").max_age, 60);
}

TEST(VervalSettingsTest, WhatAppliesItselfIsData) {
  VervalSettings defaults;
  EXPECT_TRUE(defaults.IsAutomatic("died"));
  EXPECT_FALSE(defaults.IsAutomatic("duplicate"));
  EXPECT_FALSE(defaults.IsAutomatic("no_such_kind"));  // unknown kinds go to a person
  auto settings = SettingsFromJson(R"({"automatic": {"died": false, "age": true}})");
  ASSERT_TRUE(settings) << settings.error().ToString();
  EXPECT_FALSE(settings->IsAutomatic("died"));
  EXPECT_TRUE(settings->IsAutomatic("age"));
}

TEST(VervalSettingsTest, RefusesWhatCannotBeMeant) {
  for (const char* bad : {
           R"({"age_rules": []})",
           R"({"age_rules": [{"from_period": "2026-13", "min_age": 15, "max_age": 65}]})",
           R"({"age_rules": [{"from_period": "2026-01", "min_age": 65, "max_age": 15}]})",
           R"({"no_such_setting": 1})",
           R"([1, 2])",
           "not json",
       }) {
    SCOPED_TRACE(bad);
    auto settings = SettingsFromJson(bad);
    ASSERT_FALSE(settings);
    EXPECT_EQ(settings.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(CrossRegencyIndexTest, FindsThePersonByEncodingsAndNamesOnlyTheRegency) {
  CrossRegencyIndex index;
  index.Add("35.13", {"3514016608700008", "Nur Hayati", "P", "1970-08-26"});
  index.Add("35.75", {"", "Slamet Riyadi", "L", "1966-02-01"});
  ASSERT_EQ(index.size(), 2u);

  // The same NIK and birth date (rule 1), under another spelling of the name.
  auto same = index.Find({"3514016608700008", "NUR HAJATI", "P", "1970-08-26"});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->regency_code, "35.13");
  EXPECT_EQ(same->rule, 1);
  // Same NIK and name, the birth date mistyped (rule 2).
  auto typo = index.Find({"3514016608700008", "Nur Hayati", "P", "1970-06-28"});
  ASSERT_TRUE(typo);
  EXPECT_EQ(typo->rule, 2);
  // The neighbour has no NIK for Slamet: name, birth date and sex (rule 4).
  auto no_nik = index.Find({"3575010102660003", "SLAMET RIYADI", "L", "1966-02-01"});
  ASSERT_TRUE(no_nik);
  EXPECT_EQ(no_nik->regency_code, "35.75");
  EXPECT_EQ(no_nik->rule, 4);
  EXPECT_LT(no_nik->confidence, same->confidence);

  // One serial digit apart under the same name (rule 3: a typo in the serial).
  auto serial = index.Find({"3514016608700009", "Nur Hayati", "P", "1970-08-26"});
  ASSERT_TRUE(serial);
  EXPECT_EQ(serial->rule, 3);
  // Not the same person: her twin sister (another serial, another name); another sex; nothing
  // in common.
  EXPECT_FALSE(index.Find({"3514016608700009", "Nur Hidayah", "P", "1970-08-26"}));
  EXPECT_FALSE(index.Find({"", "Slamet Riyadi", "P", "1966-02-01"}));
  EXPECT_FALSE(index.Find({"3514010101900001", "Joko", "L", "1990-01-01"}));
}

}  // namespace
}  // namespace jaring::services
