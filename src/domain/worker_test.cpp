#include "domain/worker.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jaring::domain
