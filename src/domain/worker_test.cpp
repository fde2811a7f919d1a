#include "domain/worker.hpp"

#include <gtest/gtest.h>

#include "domain/nik.hpp"

namespace jaring::domain {
namespace {

TEST(WorkerCodesTest, SexRoundTripAndSynonyms) {
  EXPECT_EQ(ToCode(Sex::kMale), "L");
  EXPECT_EQ(ToCode(Sex::kFemale), "P");
  for (Sex sex : {Sex::kMale, Sex::kFemale}) EXPECT_EQ(SexFromCode(ToCode(sex)), sex);
  struct Case {
    const char* text;
    std::optional<Sex> sex;
  };
  const Case cases[] = {
      {"l", Sex::kMale},           {" P ", Sex::kFemale},  {"Laki-laki", Sex::kMale},
      {"PEREMPUAN", Sex::kFemale}, {"pria", Sex::kMale},   {"Wanita", Sex::kFemale},
      {"M", Sex::kMale},           {"f", Sex::kFemale},    {"", std::nullopt},
      {"X", std::nullopt},         {"laki", std::nullopt}, {"LP", std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(SexFromCode(c.text), c.sex) << c.text;
}

TEST(WorkerCodesTest, StatusRoundTrip) {
  const std::pair<WorkerStatus, const char*> expected[] = {
      {WorkerStatus::kActive, "aktif"},           {WorkerStatus::kCandidate, "calon"},
      {WorkerStatus::kSuspended, "ditangguhkan"}, {WorkerStatus::kDeceased, "meninggal"},
      {WorkerStatus::kRemoved, "dikeluarkan"},
  };
  for (const auto& [status, code] : expected) {
    EXPECT_EQ(ToCode(status), code);
    EXPECT_EQ(WorkerStatusFromCode(code), status);
  }
  EXPECT_EQ(WorkerStatusFromCode(" AKTIF "), WorkerStatus::kActive);
  EXPECT_EQ(WorkerStatusFromCode("active"), std::nullopt);
  EXPECT_EQ(WorkerStatusFromCode(""), std::nullopt);
}

// A sound record: a NIK built from its own district, birth date and sex, and a sound KK.
Worker SoundWorker() {
  Worker w;
  w.name = "Sumarni";
  w.sex = Sex::kFemale;
  w.birth_date = std::chrono::year{1980} / 5 / 17;
  w.nik = EncodeNik("35.14.01", w.birth_date, w.sex, 1).value();
  w.kk = "3514011203150001";
  return w;
}

TEST(RecordHasIssuesTest, ASoundRecordHasNone) {
  EXPECT_FALSE(RecordHasIssues(SoundWorker()));
  Worker no_kk = SoundWorker();
  no_kk.kk.clear();  // a KK is optional
  EXPECT_FALSE(RecordHasIssues(no_kk));
}

TEST(RecordHasIssuesTest, EachProblemIsAnIssue) {
  struct Case {
    const char* what;
    void (*damage)(Worker&);
  };
  const Case cases[] = {
      {"no name", [](Worker& w) { w.name.clear(); }},
      {"no birth date", [](Worker& w) { w.birth_date = {}; }},
      {"NIK too short", [](Worker& w) { w.nik = w.nik.substr(0, 15); }},
      {"NIK serial zero", [](Worker& w) { w.nik.replace(12, 4, "0000"); }},
      {"NIK says another sex", [](Worker& w) { w.sex = Sex::kMale; }},
      {"NIK says another birth date",
       [](Worker& w) { w.birth_date = std::chrono::year{1980} / 5 / 18; }},
      {"KK not sound", [](Worker& w) { w.kk = "35140112"; }},
  };
  for (const Case& c : cases) {
    Worker w = SoundWorker();
    c.damage(w);
    EXPECT_TRUE(RecordHasIssues(w)) << c.what;
  }
}

}  // namespace
}  // namespace jaring::domain
