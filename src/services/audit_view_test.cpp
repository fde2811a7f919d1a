// AuditView over a real database (SQLite always, PostgreSQL when JARING_TEST_PG is set):
// tenancy of the auditors' view, NIK masking inside before/after, filters and paging.
#include "services/audit_view.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/storage/test_database.hpp"
#include "storage/database.hpp"

namespace jaring::services {
namespace {

using auth::AuditAction;
using nlohmann::json;

constexpr char kNik[] = "3514015705800001";

auth::Principal PrincipalOf(auth::Role role, const char* scope) {
  return {7, std::string(auth::RoleCode(role)), {{role, auth::Scope::Unchecked(scope)}}};
}

class AuditViewTest : public testing::TestWithParam<storage::testing::TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    view_ = std::make_unique<AuditView>(*db_, trail_, regions_);
    // 1: an edit in 35.14 (NIK in before/after), 2: the same in 35.13, 3: a sign-in of a
    // province account (no regency), 4: an unmask in 35.14 by "auditor", a day later.
    Append({{},
            "operator",
            "192.0.2.1",
            AuditAction::kUpdate,
            "worker",
            "11",
            "35.14",
            json{{"nik", kNik}, {"address", "Krajan"}}.dump(),
            json{{"nik", kNik}, {"address", "Dusun Baru"}}.dump()});
    Append({{},
            "operator.probolinggo",
            "192.0.2.2",
            AuditAction::kUpdate,
            "worker",
            "12",
            "35.13",
            json{{"nik", "3513015705800002"}}.dump(),
            json{{"nik", "3513015705800002"}}.dump()});
    Append({{}, "admin.provinsi", "192.0.2.3", AuditAction::kSignIn, "user", "1", "", "", ""});
    clock_.Advance(std::chrono::hours(24));
    Append({{},
            "auditor",
            "192.0.2.4",
            AuditAction::kUnmask,
            "worker",
            "11",
            "35.14",
            "",
            json{{"field", "nik"}}.dump()});
  }

  void TearDown() override {
    view_.reset();
    db_.Close();
  }

  void Append(const AuditEvent& event) {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx) << tx.error().ToString();
    ASSERT_TRUE(trail_.Append(**tx, event));
    ASSERT_TRUE((*tx)->Commit());
  }

  AuditViewPage Search(const auth::Principal& principal, AuditViewParams params = {}) {
    auto page = view_->Search(principal, params);
    EXPECT_TRUE(page) << page.error().ToString();
    return page ? *page : AuditViewPage{};
  }

  static std::vector<std::int64_t> Sequences(const AuditViewPage& page) {
    std::vector<std::int64_t> out;
    for (const auto& item : page.items) out.push_back(item.sequence);
    return out;
  }

  // 2026-11-23 03:00 UTC is 10:00 WIB on 23 November.
  FixedClock clock_{std::chrono::sys_days(std::chrono::year{2026} / 11 / 23) +
                    std::chrono::hours(3)};
  const domain::RegionIndex& regions_ = domain::RegionIndex::Embedded();
  storage::testing::MigratedDatabase db_;
  AuditTrail trail_{clock_};
  std::unique_ptr<AuditView> view_;
};

TEST_P(AuditViewTest, ARegencyAuditorSeesOnlyItsRegencyNewestFirst) {
  const auto page = Search(PrincipalOf(auth::Role::kAuditor, "35.14"));
  EXPECT_EQ(Sequences(page), (std::vector<std::int64_t>{4, 1}));
  EXPECT_FALSE(page.next_before);
  for (const auto& item : page.items) {
    EXPECT_EQ(item.regency_code, "35.14");
    EXPECT_EQ(item.before_json.find("3513"), std::string::npos);
  }
  EXPECT_EQ(page.items[0].action, "unmask");
  EXPECT_EQ(page.items[0].at, "2026-11-24T03:00:00Z");
  EXPECT_EQ(page.items[1].actor, "operator");
  EXPECT_EQ(page.items[1].remote_address, "192.0.2.1");
}

TEST_P(AuditViewTest, AProvinceAuditorAlsoSeesEntriesWithoutARegency) {
  const auto page = Search(PrincipalOf(auth::Role::kAuditor, "35"));
  EXPECT_EQ(Sequences(page), (std::vector<std::int64_t>{4, 3, 2, 1}));
}

TEST_P(AuditViewTest, RolesWithoutViewAuditSeeNothing) {
  for (const auth::Role role : {auth::Role::kOperator, auth::Role::kPimpinan,
                                auth::Role::kVerifikator, auth::Role::kBpjs}) {
    SCOPED_TRACE(auth::RoleCode(role));
    EXPECT_TRUE(Search(PrincipalOf(role, "35")).items.empty());
  }
}

TEST_P(AuditViewTest, NiksInsideBeforeAndAfterAreMaskedForRolesThatSeeThemMasked) {
  const auto masked = Search(PrincipalOf(auth::Role::kAuditor, "35.14"), {.action = "update"});
  ASSERT_EQ(masked.items.size(), 1u);
  EXPECT_EQ(json::parse(masked.items[0].before_json).at("nik"), auth::MaskNik(kNik));
  EXPECT_EQ(json::parse(masked.items[0].after_json).at("address"), "Dusun Baru");
  EXPECT_EQ(masked.items[0].before_json.find(kNik), std::string::npos);
  EXPECT_EQ(masked.items[0].after_json.find(kNik), std::string::npos);
}

TEST_P(AuditViewTest, FiltersByUserRecordActionAndWibDays) {
  const auto auditor = PrincipalOf(auth::Role::kAuditor, "35");
  EXPECT_EQ(Sequences(Search(auditor, {.user = "operator"})), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(Sequences(Search(auditor, {.record_type = "worker", .record_id = "11"})),
            (std::vector<std::int64_t>{4, 1}));
  EXPECT_EQ(Sequences(Search(auditor, {.action = "sign_in"})), (std::vector<std::int64_t>{3}));
  // 10:00 WIB on the 23rd, then on the 24th.
  EXPECT_EQ(Sequences(Search(auditor, {.from = "2026-11-23", .until = "2026-11-23"})),
            (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(Sequences(Search(auditor, {.from = "2026-11-24"})), (std::vector<std::int64_t>{4}));
  EXPECT_TRUE(Search(auditor, {.until = "2026-11-22"}).items.empty());
}

TEST_P(AuditViewTest, PagesByTheLastSequence) {
  const auto auditor = PrincipalOf(auth::Role::kAuditor, "35");
  const auto first = Search(auditor, {.limit = 3});
  EXPECT_EQ(Sequences(first), (std::vector<std::int64_t>{4, 3, 2}));
  ASSERT_TRUE(first.next_before);
  const auto second = Search(auditor, {.before = *first.next_before, .limit = 3});
  EXPECT_EQ(Sequences(second), (std::vector<std::int64_t>{1}));
  EXPECT_FALSE(second.next_before);
}

TEST_P(AuditViewTest, BadFiltersAreRefusedWithAReason) {
  const auto auditor = PrincipalOf(auth::Role::kAuditor, "35.14");
  for (const AuditViewParams& params :
       {AuditViewParams{.action = "drop_table"}, AuditViewParams{.from = "23-11-2026"},
        AuditViewParams{.from = "2026-11-24", .until = "2026-11-23"}, AuditViewParams{.limit = 0},
        AuditViewParams{.limit = 1001}, AuditViewParams{.before = -1}}) {
    auto page = view_->Search(auditor, params);
    ASSERT_FALSE(page);
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(MaskAuditJsonTest, MasksNikAndKkMembersOnly) {
  const std::string text = json{{"nik", kNik}, {"kk", kNik}, {"name", "Sumarni"}}.dump();
  EXPECT_EQ(MaskAuditJson(text, auth::NikVisibility::kFull), text);
  const json masked = json::parse(MaskAuditJson(text, auth::NikVisibility::kMasked));
  EXPECT_EQ(masked.at("nik"), auth::MaskNik(kNik));
  EXPECT_EQ(masked.at("kk"), auth::MaskNik(kNik));
  EXPECT_EQ(masked.at("name"), "Sumarni");
  EXPECT_EQ(MaskAuditJson("not json " + std::string(kNik), auth::NikVisibility::kMasked), "");
  EXPECT_EQ(MaskAuditJson("", auth::NikVisibility::kMasked), "");
}

// A birth date beside a masked NIK would give its date digits back: masked viewers see the
// year only, as in the registry list.
TEST(MaskAuditJsonTest, MasksBirthDatesToTheirYear) {
  const std::string text =
      json{{"nik", kNik}, {"birth_date", "1980-05-17"}, {"name", "Sumarni"}}.dump();
  EXPECT_EQ(MaskAuditJson(text, auth::NikVisibility::kFull), text);
  const json masked = json::parse(MaskAuditJson(text, auth::NikVisibility::kUnmaskable));
  EXPECT_EQ(masked.at("birth_date"), "1980-**-**");
  EXPECT_EQ(masked.at("name"), "Sumarni");
  const json odd = json::parse(
      MaskAuditJson(json{{"birth_date", "17/05/1980"}}.dump(), auth::NikVisibility::kMasked));
  EXPECT_EQ(odd.at("birth_date"), "**********");
}

// NIKs anywhere in an entry's details: nested "nik"/"kk" members, and NIK-like digit runs in
// any text (an export's search term written before terms were masked at write time, a row's
// cells), are masked for masked viewers.
TEST(MaskAuditJsonTest, MasksNiksAnywhereInTheDetails) {
  const std::string text =
      json{{"filters", {{"q", kNik}, {"district", "35.14.01"}}},
           {"rows", 3},
           {"cells", {std::string("NIK ") + kNik, "Sumarni"}},
           {"members", {{{"nik", "3514015705800002"}, {"birth_date", "1980-05-17"}}}}}
          .dump();
  EXPECT_EQ(MaskAuditJson(text, auth::NikVisibility::kFull), text);
  const std::string masked = MaskAuditJson(text, auth::NikVisibility::kMasked);
  EXPECT_EQ(masked.find("3514015705800"), std::string::npos) << masked;
  EXPECT_EQ(masked.find("05-17"), std::string::npos) << masked;
  const json value = json::parse(masked);
  EXPECT_EQ(value["filters"]["q"], "3514************");
  EXPECT_EQ(value["filters"]["district"], "35.14.01");
  EXPECT_EQ(value["rows"], 3);
  EXPECT_EQ(value["cells"][0], "NIK 3514************");
  EXPECT_EQ(value["members"][0]["nik"], "3514************");
  EXPECT_EQ(value["members"][0]["birth_date"], "1980-**-**");
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditViewTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::services
