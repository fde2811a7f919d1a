#include "services/claim_rules.hpp"

#include <gtest/gtest.h>

#include "services/claim_documents.hpp"

namespace jaring::services::claims {
namespace {

using storage::HeirRecord;
using namespace std::chrono;

HeirRecord Heir(std::string name, std::string relation, bool recipient = false) {
  HeirRecord h;
  h.name = std::move(name);
  h.relation = std::move(relation);
  h.recipient = recipient;
  if (recipient) h.payout = "cash";
  return h;
}

TEST(ClaimRulesTest, TransitionsAndWhoMayMakeThem) {
  struct Case {
    const char* from;
    const char* to;
    std::optional<auth::Permission> needs;
  };
  const Case cases[] = {
      {"reported", "dossier_complete", auth::Permission::kManageClaims},
      {"dossier_complete", "reported", auth::Permission::kManageClaims},
      {"dossier_complete", "submitted", auth::Permission::kManageClaims},
      {"submitted", "approved", auth::Permission::kDecideClaims},
      {"submitted", "rejected", auth::Permission::kDecideClaims},
      {"approved", "paid", auth::Permission::kDecideClaims},
      {"reported", "submitted", std::nullopt},  // no skipping the dossier
      {"reported", "paid", std::nullopt},
      {"paid", "reported", std::nullopt},
      {"rejected", "approved", std::nullopt},
  };
  for (const auto& c : cases)
    EXPECT_EQ(TransitionPermission(c.from, c.to), c.needs) << c.from << " -> " << c.to;
  EXPECT_TRUE(IsClosed("paid"));
  EXPECT_TRUE(IsClosed("rejected"));
  EXPECT_FALSE(IsClosed("approved"));
  EXPECT_EQ(StateLabel("dossier_complete"), "Berkas lengkap");
}

TEST(ClaimRulesTest, HeirsFollowTheLegalOrder) {
  // Each class alone is fine; a later class beside an earlier one is refused, naming it.
  const char* order[] = {"spouse",  "parent",        "grandchild", "grandparent",
                         "sibling", "parent_in_law", "will"};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(HeirClass(order[i]), i + 1);
    EXPECT_TRUE(CheckHeirs({Heir("A", order[i], true)})) << order[i];
    for (int j = i + 1; j < 7; ++j) {
      auto refused = CheckHeirs({Heir("Dekat", order[i], true), Heir("Jauh", order[j])});
      ASSERT_FALSE(refused) << order[i] << " + " << order[j];
      EXPECT_NE(refused.error().message.find("lebih dekat: Dekat"), std::string::npos);
    }
  }
  EXPECT_EQ(HeirClass("child"), HeirClass("spouse"));  // spouse and children share the first rank
  EXPECT_TRUE(CheckHeirs({Heir("Istri", "spouse", true), Heir("Anak", "child")}));
  EXPECT_FALSE(CheckHeirs({Heir("X", "cousin", true)}));
  EXPECT_FALSE(CheckHeirs({}));
}

TEST(ClaimRulesTest, SharesRecipientAndSchool) {
  auto two = WithShares({Heir("A", "child", true), Heir("B", "child"), Heir("C", "child")});
  EXPECT_EQ(two[0].share_bp + two[1].share_bp + two[2].share_bp, 10000);
  EXPECT_EQ(two[2].share_bp, 3334);
  EXPECT_TRUE(CheckHeirs(two));
  two[0].share_bp = 5000;
  EXPECT_FALSE(CheckHeirs(two));                                       // 50 + 33.33 + 33.34
  EXPECT_FALSE(CheckHeirs({Heir("A", "child"), Heir("B", "child")}));  // none
  EXPECT_FALSE(CheckHeirs({Heir("A", "child", true), Heir("B", "child", true)}));  // two
  auto school = Heir("Istri", "spouse", true);
  school.school_level = "smp";
  EXPECT_FALSE(CheckHeirs({school}));  // only a child goes to school here
  auto child = Heir("Anak", "child", true);
  child.school_level = "kuliah";
  EXPECT_FALSE(CheckHeirs({child}));
  child.school_level = "perguruan_tinggi";
  EXPECT_TRUE(CheckHeirs({child}));
  child.nik = "35140112345";
  EXPECT_FALSE(CheckHeirs({child}));
}

TEST(ClaimRulesTest, BankAccounts) {
  EXPECT_TRUE(CheckBankAccount("BRI", "012301000123567"));
  EXPECT_TRUE(CheckBankAccount("bri", "012301000123567"));
  EXPECT_FALSE(CheckBankAccount("BRI", "0123010001235"));
  EXPECT_TRUE(CheckBankAccount("Mandiri", "1420012345678"));
  EXPECT_TRUE(CheckBankAccount("Bank Jatim", "0012345678"));
  EXPECT_FALSE(CheckBankAccount("BCA", "01234-56789"));
  EXPECT_TRUE(CheckBankAccount("BPR Pasuruan", "12345678"));
  EXPECT_FALSE(CheckBankAccount("BPR Pasuruan", "1234567"));
  EXPECT_FALSE(CheckBankAccount("", "12345678"));
  auto h = Heir("Istri", "spouse", true);
  h.payout = "bank";
  h.bank = "BNI";
  h.account_no = "0123456789";
  EXPECT_FALSE(CheckHeirs({h}));  // the account's owner is missing
  h.account_name = "Istri";
  EXPECT_TRUE(CheckHeirs({h}));
}

TEST(ClaimRulesTest, ChecklistFollowsKindAndHeirs) {
  auto kinds = [](const std::vector<DocumentRequirement>& list, bool required_only) {
    std::vector<std::string> out;
    for (const auto& r : list)
      if (!required_only || r.required) out.push_back(r.kind);
    return out;
  };
  auto spouse = Heir("Istri", "spouse", true);
  spouse.payout = "bank";
  EXPECT_EQ(kinds(Checklist("jkm", "death", {spouse}), true),
            (std::vector<std::string>{"kartu_peserta", "ktp_peserta", "kk", "akta_kematian",
                                      "surat_ahli_waris", "ktp_ahli_waris", "buku_nikah",
                                      "buku_tabungan"}));
  EXPECT_EQ(kinds(Checklist("jkm", "death", {Heir("Anak", "child", true)}), true),
            (std::vector<std::string>{"kartu_peserta", "ktp_peserta", "kk", "akta_kematian",
                                      "surat_ahli_waris", "ktp_ahli_waris"}));
  EXPECT_EQ(kinds(Checklist("jkk", "injury", {}), true),
            (std::vector<std::string>{"kartu_peserta", "ktp_peserta", "kk", "laporan_kecelakaan",
                                      "surat_dokter"}));
  storage::ClaimDocumentRecord seen{.doc_kind = "kk", .state = "seen_on_paper"};
  EXPECT_EQ(MissingDocuments(Checklist("jkk", "injury", {}), {seen}),
            (std::vector<std::string>{"kartu_peserta", "ktp_peserta", "laporan_kecelakaan",
                                      "surat_dokter"}));
}

TEST(ClaimRulesTest, WorkingDaysSkipWeekends) {
  const sys_days fri = sys_days(2025y / November / 21);
  EXPECT_EQ(WorkingDaysBetween(fri, fri), 0);
  EXPECT_EQ(WorkingDaysBetween(fri, fri + days(1)), 0);  // Saturday
  EXPECT_EQ(WorkingDaysBetween(fri, fri + days(3)), 1);  // Monday
  EXPECT_EQ(WorkingDaysBetween(fri, fri + days(5)), 3);  // Wednesday: BPJS's 3 days end here
  EXPECT_EQ(WorkingDaysBetween(fri, fri + days(6)), 4);
}

TEST(ClaimRulesTest, ClockRunsStageByStage) {
  auto micros = [](sys_days d) {
    return duration_cast<microseconds>(d.time_since_epoch()).count() + 3'600'000'000LL;
  };
  storage::ClaimRecord c;
  c.event_date = "2025-10-05";
  c.reported_on = "2025-10-10";
  c.created_at_us = micros(sys_days(2025y / October / 12));
  std::vector<storage::ClaimEventRecord> events = {{.seq = 1, .to_state = "reported"}};
  ClockTargets t;  // 30, 14, 3, 3
  // Reported on the 10th: detected in 5 days; the dossier stage runs, overdue after 14 days.
  auto clock = ClockOf(c, events, t, sys_days(2025y / October / 24));
  ASSERT_EQ(clock.stages.size(), 2u);
  EXPECT_EQ(clock.stages[0].days, 5);
  EXPECT_EQ(clock.stages[0].to, "2025-10-10");
  EXPECT_EQ(clock.stages[1].days, 14);
  EXPECT_FALSE(clock.overdue);
  EXPECT_TRUE(ClockOf(c, events, t, sys_days(2025y / October / 25)).overdue);

  events.push_back({.seq = 2,
                    .from_state = "reported",
                    .to_state = "dossier_complete",
                    .at_us = micros(sys_days(2025y / October / 20))});
  events.push_back({.seq = 3,
                    .from_state = "dossier_complete",
                    .to_state = "submitted",
                    .at_us = micros(sys_days(2025y / October / 24))});  // a Friday
  clock = ClockOf(c, events, t, sys_days(2025y / October / 29));
  ASSERT_EQ(clock.stages.size(), 4u);
  EXPECT_EQ(clock.stages[3].stage, "pay");
  EXPECT_EQ(clock.stages[3].days, 3);  // Mon, Tue, Wed
  EXPECT_FALSE(clock.overdue);
  EXPECT_TRUE(ClockOf(c, events, t, sys_days(2025y / October / 30)).overdue);

  c.state = "paid";
  c.paid_on = "2025-10-28";
  events.push_back({.seq = 4, .to_state = "approved"});
  events.push_back({.seq = 5, .to_state = "paid", .at_us = micros(sys_days(2025y / November / 3))});
  clock = ClockOf(c, events, t, sys_days(2025y / December / 1));
  EXPECT_EQ(clock.days_to_payment, 23);  // 5 October to the branch's payment on the 28th
  EXPECT_FALSE(clock.overdue);
  EXPECT_EQ(clock.stages[3].to, "2025-10-28");
}

TEST(ClaimRulesTest, TargetsAreCheckedSettings) {
  auto t = ClockTargetsFromJson(R"({"detect_days": 7, "dossier_days": 10})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->detect_days, 7);
  EXPECT_EQ(t->pay_working_days, 3);
  EXPECT_FALSE(ClockTargetsFromJson(R"({"detect_days": 0})"));
  EXPECT_FALSE(ClockTargetsFromJson(R"({"detect_days": "7"})"));
  EXPECT_FALSE(ClockTargetsFromJson("[]"));
  EXPECT_EQ(ClockTargetsFromJson(ClockTargetsToJson(*t))->dossier_days, 10);
}

TEST(ClaimDocumentsTest, ContentDecidesTheType) {
  EXPECT_EQ(SniffDocumentType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(SniffDocumentType(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(SniffDocumentType(std::string("\x89PNG\r\n\x1A\n", 8)), "image/png");
  EXPECT_EQ(SniffDocumentType("GIF89a"), std::nullopt);
  EXPECT_TRUE(CheckDocument("akta.PDF", "%PDF-1.4"));
  EXPECT_TRUE(CheckDocument("foto.jpeg", std::string("\xFF\xD8\xFF\xE0", 4)));
  EXPECT_TRUE(CheckDocument("tanpa-akhiran", "%PDF-1.4"));
  EXPECT_FALSE(CheckDocument("foto.pdf", std::string("\x89PNG\r\n\x1A\n", 8)));
  EXPECT_FALSE(CheckDocument("akta.exe", "%PDF-1.4"));
  EXPECT_FALSE(CheckDocument("kosong.pdf", ""));
  EXPECT_FALSE(CheckDocument("besar.pdf", "%PDF-" + std::string(kMaxDocumentBytes, ' ')));
}

}  // namespace
}  // namespace jaring::services::claims
