// Imports through the web (ImportJobs) and the quarantine desk (QuarantineService) over a real
// database: SQLite always, PostgreSQL when JARING_TEST_PG is set (`make test` sets it).
//
// The story of issue 4 items 2, 5 and 6: a messy village list whose NIK column detection
// cannot find is uploaded; the preview says what is missing; the operator maps the column and
// saves the template; the preview shows the rows and the issues grouped by reason; the commit
// stores the batch; a quarantined row is fixed and joins the registry, audited; the next file
// of the same source is mapped by the template.
#include "services/import_jobs.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/log.hpp"
#include "common/metrics.hpp"
#include "integration/storage/test_database.hpp"
#include "services/quarantine_service.hpp"

namespace jaring::services {
namespace {

std::string Reason(const ImportJobView& job) { return job.problem ? job.problem->reason : ""; }
std::string Detail(const ImportJobView& job) {
  return job.problem ? job.problem->error.message : "";
}

namespace fs = std::filesystem;
using namespace std::chrono;
using storage::testing::TestEngine;

const fs::path kDataDir = fs::path(JARING_SOURCE_DIR) / "tests" / "data" / "intake";
constexpr char kRegency[] = "35.14";
constexpr char kOther[] = "35.13";
constexpr char kSource[] = "Desa Lebakrejo";
constexpr auto kWait = std::chrono::seconds(60);

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The messy list with a NIK header nobody would recognise.
std::string UnrecognisedNikHeader(std::string file) {
  const auto at = file.find("No. KTP");
  EXPECT_NE(at, std::string::npos);
  file.replace(at, 7, "Identitas Warga");
  return file;
}

class ImportJobsTest : public testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    if (!db_.Open(GetParam(), {.clock = &clock_})) return;
    work_dir_ = fs::temp_directory_path() / ("jaring_jobs_test_" + std::to_string(::getpid()));
    fs::create_directories(work_dir_);
    ImportJobSettings settings;
    settings.work_dir = work_dir_;
    jobs_ = std::make_unique<ImportJobs>(*db_, &trail_, clock_, settings);
    quarantine_ = std::make_unique<QuarantineService>(*db_, &trail_, clock_);
  }
  void TearDown() override {
    jobs_.reset();
    quarantine_.reset();
    db_.Close();
    std::error_code ec;
    fs::remove_all(work_dir_, ec);
  }

  ImportJobView Upload(const std::string& bytes, const std::string& name = "daftar desa.csv") {
    auto started = jobs_->Start({kRegency, kSource, domain::SourceKind::kVillage, "", name}, bytes);
    EXPECT_TRUE(started) << started.error().ToString();
    if (!started) return {};
    EXPECT_EQ(started->id.size(), 34u);
    return Settled(started->id);
  }
  ImportJobView Settled(const std::string& id) {
    auto view = jobs_->Wait(kRegency, id, kWait);
    EXPECT_TRUE(view) << view.error().ToString();
    EXPECT_NE(view->state, JobState::kParsing);
    EXPECT_NE(view->state, JobState::kCommitting);
    return *view;
  }
  std::int64_t Workers() { return db_->Workers().Count(kRegency).value_or(-1); }

  FixedClock clock_{sys_days(year_month_day{2025y / July / 1d}) + hours(3)};
  AuditTrail trail_{clock_};
  Actor actor_ = Actor::ForCli("operator");
  storage::testing::MigratedDatabase db_;
  fs::path work_dir_;
  std::unique_ptr<ImportJobs> jobs_;
  std::unique_ptr<QuarantineService> quarantine_;
};

TEST_P(ImportJobsTest, MessyListPreviewMappingTemplateCommitFixAndTemplateReuse) {
  const nlohmann::json expected =
      nlohmann::json::parse(ReadFile(kDataDir / "messy_village_list.expected.json"));
  const std::string file = UnrecognisedNikHeader(ReadFile(kDataDir / "messy_village_list.csv"));

  // 1. Upload: the NIK column is not recognised, so the preview asks for it.
  ImportJobView job = Upload(file);
  ASSERT_EQ(job.state, JobState::kPreview) << Detail(job);
  EXPECT_EQ(Reason(job), "MAPPING_INCOMPLETE");
  EXPECT_NE(Detail(job).find("NIK"), std::string::npos);
  EXPECT_FALSE(job.from_template);
  ASSERT_EQ(job.header.size(), 12u);
  EXPECT_EQ(job.header[2], "Identitas Warga");
  EXPECT_FALSE(job.mapping.Has(intake::Field::kNik));
  EXPECT_TRUE(job.mapping.Has(intake::Field::kName));
  EXPECT_EQ(job.file_name, "daftar desa.csv");
  EXPECT_EQ(job.size_bytes, file.size());
  EXPECT_FALSE(jobs_->Commit(kRegency, job.id, actor_)) << "no commit without a NIK column";

  // 2. The operator maps column 2 to NIK and saves the template; the preview is the file's.
  const ImportJobs::ColumnChoice nik_column[] = {{2, intake::Field::kNik}};
  auto remapped = jobs_->Remap(kRegency, job.id, nik_column, true, actor_);
  ASSERT_TRUE(remapped) << remapped.error().ToString();
  job = Settled(job.id);
  ASSERT_EQ(job.state, JobState::kPreview);
  EXPECT_EQ(Reason(job), "") << Detail(job);
  EXPECT_EQ(job.mapping.ColumnOf(intake::Field::kNik), 2);
  EXPECT_EQ(job.read, expected["read"].get<std::uint64_t>());
  EXPECT_EQ(job.accepted, expected["accepted"].get<std::uint64_t>());
  EXPECT_EQ(job.quarantined, expected["quarantined"].get<std::uint64_t>());
  EXPECT_EQ(job.progress_done, job.progress_total);
  EXPECT_EQ(Workers(), 0) << "a preview writes nothing";

  // First rows as parsed, in file order, each with its issues.
  ASSERT_EQ(job.preview.size(), 20u);
  EXPECT_EQ(job.preview.front().line, 2u);
  EXPECT_EQ(job.preview[4].line, 6u);
  EXPECT_FALSE(job.preview[4].accepted);
  ASSERT_FALSE(job.preview[4].issues.empty());
  EXPECT_EQ(job.preview[4].issues.front().code, "NIK_LENGTH");
  bool raw_nik_shown = false;
  for (const auto& [field, value] : job.preview[4].values) {
    if (field == "nik") raw_nik_shown = value == "351401120575001";
  }
  EXPECT_TRUE(raw_nik_shown) << "a quarantined row shows the cells as typed";

  // Issues grouped by code: the counts of the golden file, with their lines.
  std::map<std::string, std::uint64_t> counts;
  for (const auto& group : job.issues) {
    counts[group.code] = group.count;
    EXPECT_FALSE(group.message.empty());
    EXPECT_FALSE(group.lines.empty());
    EXPECT_TRUE(std::ranges::is_sorted(group.lines));
  }
  std::map<std::string, std::uint64_t> expected_counts;
  for (const auto& [code, n] : expected["issues"].items()) {
    if (code != "EXCEL_ROUNDED_COLUMN") expected_counts[code] = n.get<std::uint64_t>();
  }
  EXPECT_EQ(counts, expected_counts);
  for (const auto& [line, codes] : expected["quarantined_lines"].items()) {
    for (const auto& code : codes) {
      const auto group = std::ranges::find(job.issues, code.get<std::string>(), &IssueGroup::code);
      ASSERT_NE(group, job.issues.end()) << code;
      EXPECT_NE(std::ranges::find(group->lines, std::stoull(line)), group->lines.end())
          << code << " on line " << line;
    }
  }
  EXPECT_EQ(job.issues.front().severity, intake::Severity::kError) << "errors first";
  ASSERT_EQ(job.file_issues.size(), 1u);
  EXPECT_EQ(job.file_issues[0].code, "EXCEL_ROUNDED_COLUMN");

  // The job is invisible from another regency.
  EXPECT_EQ(jobs_->Get(kOther, job.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(jobs_->Commit(kOther, job.id, actor_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(jobs_->Discard(kOther, job.id).error().code, ErrorCode::kNotFound);

  // 3. Commit: the real import, with the confirmed mapping, as a request with its id asks for it:
  // the job's thread logs with that id, and /metrics' counters move (job_metrics.hpp).
  auto& registry = metrics::Process();
  auto& commits = registry.GetCounter("jaring_imports_total", "",
                                      {{"mode", "commit"}, {"outcome", "ok"}});
  auto& accepted_rows = registry.GetCounter("jaring_import_rows_total", "", {{"outcome", "accepted"}});
  const auto commits_before = commits.value();
  const auto accepted_before = accepted_rows.value();
  std::ostringstream log_lines;
  SetUpLogging("info", LogFormat::kJson);  // jaring's logger as the default one
  auto logger = spdlog::default_logger();
  const auto old_sinks = logger->sinks();
  logger->sinks() = {std::make_shared<spdlog::sinks::ostream_sink_mt>(log_lines)};
  SetUpLogging("info", LogFormat::kJson);
  Result<ImportJobView> committing = Fail(Error::Internal("not run"));
  {
    const ScopedRequestId request("commit-request-1");
    committing = jobs_->Commit(kRegency, job.id, actor_);
  }
  ASSERT_TRUE(committing) << committing.error().ToString();
  EXPECT_EQ(committing->phase, "commit");
  job = Settled(job.id);
  logger->sinks() = old_sinks;
  SetUpLogging("warn", LogFormat::kJson);
  ASSERT_EQ(job.state, JobState::kDone) << Detail(job);
  EXPECT_EQ(commits.value(), commits_before + 1);
  EXPECT_EQ(accepted_rows.value(), accepted_before + job.accepted);
  // Every line the import wrote on the job's thread names the request (and there are some).
  std::istringstream lines(log_lines.str());
  int logged = 0;
  for (std::string line; std::getline(lines, line); ++logged) {
    EXPECT_NE(line.find(R"("request_id":"commit-request-1")"), std::string::npos) << line;
  }
  EXPECT_GT(logged, 0) << "the import logs nothing to check";
  EXPECT_GT(job.batch_id, 0);
  EXPECT_EQ(job.accepted, expected["accepted"].get<std::uint64_t>());
  EXPECT_EQ(job.progress_done, job.read);
  EXPECT_EQ(Workers(), static_cast<std::int64_t>(job.accepted));
  EXPECT_EQ(jobs_->Discard(kRegency, job.id).error().code, ErrorCode::kFailedPrecondition);

  auto batches = quarantine_->Batches(kRegency);
  ASSERT_TRUE(batches) << batches.error().ToString();
  ASSERT_EQ(batches->size(), 1u);
  EXPECT_EQ(batches->front().batch.id, job.batch_id);
  EXPECT_EQ(batches->front().batch.file_name, "daftar desa.csv");
  EXPECT_EQ(batches->front().open_quarantine, job.quarantined);
  EXPECT_TRUE(quarantine_->Batches(kOther)->empty());

  // 4. The quarantine, with the header and every cell as typed.
  auto page = quarantine_->List(kRegency, job.batch_id, 0, 10);
  ASSERT_TRUE(page) << page.error().ToString();
  EXPECT_EQ(page->header, job.header);
  ASSERT_EQ(page->rows.size(), 10u);
  ASSERT_TRUE(page->next_after);
  auto rest = quarantine_->List(kRegency, job.batch_id, *page->next_after, 10);
  ASSERT_TRUE(rest);
  EXPECT_EQ(page->rows.size() + rest->rows.size(), job.quarantined);
  EXPECT_FALSE(rest->next_after);
  EXPECT_EQ(quarantine_->List(kOther, job.batch_id, 0, 10).error().code, ErrorCode::kNotFound);
  std::map<std::uint64_t, storage::QuarantineRow> by_line;
  for (const auto* p : {&*page, &*rest}) {
    for (const auto& row : p->rows) by_line[row.line] = row;
  }
  ASSERT_TRUE(by_line.contains(6));  // Budi Santoso, a 15-digit NIK
  const storage::QuarantineRow& budi = by_line[6];
  EXPECT_EQ(budi.original_cells[2], "351401120575001");

  // 5. Fix it: still wrong -> the import's codes, nothing stored.
  std::map<std::string, std::string> values = {
      {"nik", "35140112057500"},    {"name", "Budi Santoso"}, {"sex", "L"},
      {"birth_date", "1975-05-12"}, {"village", "Gerbo"},     {"district", "Purwodadi"},
      {"occupation", "Nelayan"}};
  auto wrong = quarantine_->Fix(kRegency, budi.id, values, actor_);
  ASSERT_TRUE(wrong) << wrong.error().ToString();
  ASSERT_FALSE(wrong->errors.empty());
  EXPECT_EQ(wrong->errors[0].code, "NIK_LENGTH");
  EXPECT_EQ(wrong->errors[0].field, "nik");
  EXPECT_EQ(Workers(), static_cast<std::int64_t>(job.accepted));

  auto unknown = quarantine_->Fix(kRegency, budi.id, {{"nik", "1"}, {"gaji", "5"}}, actor_);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->errors.at(0).code, kFieldUnknown);

  // The sound NIK joins the registry, linked to the batch, audited, the row resolved.
  values["nik"] = "3514011205750002";
  EXPECT_EQ(quarantine_->Fix(kOther, budi.id, values, actor_).error().code, ErrorCode::kNotFound);
  auto fixed = quarantine_->Fix(kRegency, budi.id, values, actor_);
  ASSERT_TRUE(fixed) << fixed.error().ToString();
  ASSERT_TRUE(fixed->errors.empty()) << fixed->errors[0].code << " " << fixed->errors[0].message;
  EXPECT_GT(fixed->worker_id, 0);
  EXPECT_EQ(Workers(), static_cast<std::int64_t>(job.accepted) + 1);
  auto worker = db_->Workers().Get(kRegency, fixed->worker_id);
  ASSERT_TRUE(worker);
  EXPECT_EQ(worker->nik, "3514011205750002");
  EXPECT_EQ(worker->source, kSource);
  EXPECT_EQ(worker->village_code.substr(0, 8), "35.14.01");
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx);
    EXPECT_EQ((*tx)->Imports().LastBatchOf(kRegency, fixed->worker_id).value(), job.batch_id);
    EXPECT_TRUE((*tx)->Imports().GetQuarantine(kRegency, budi.id)->resolved_at_us);
  }
  AuditQuery query;
  query.regency_codes = {kRegency};
  query.record_type = "worker";
  query.record_id = std::to_string(fixed->worker_id);
  auto entries = trail_.Search(*db_, query);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().action, auth::AuditAction::kCreate);
  EXPECT_NE(entries->front().after_json.find("\"quarantine_row_id\":" + std::to_string(budi.id)),
            std::string::npos);
  EXPECT_EQ(quarantine_->Batches(kRegency)->front().open_quarantine, job.quarantined - 1);
  EXPECT_EQ(quarantine_->Fix(kRegency, budi.id, values, actor_).error().code,
            ErrorCode::kFailedPrecondition);

  // Line 8 (Ahmad Duplikat, Ahmad's NIK under another name) is not quarantined: both rows are
  // kept, for the monthly verval to show as a NIK conflict (issue 12, item 7).
  EXPECT_FALSE(by_line.contains(8));
  // A fix that gives a quarantined row (line 12, born on 31 February) a NIK the regency already
  // has is refused, not merged.
  ASSERT_TRUE(by_line.contains(12));
  auto duplicate = quarantine_->Fix(kRegency, by_line[12].id,
                                    {{"nik", "3514011205750001"},
                                     {"name", "Tini"},
                                     {"sex", "L"},
                                     {"birth_date", "1975-05-12"},
                                     {"village", "Lebakrejo"},
                                     {"district", "Purwodadi"}},
                                    actor_);
  ASSERT_TRUE(duplicate);
  ASSERT_EQ(duplicate->errors.size(), 1u);
  EXPECT_EQ(duplicate->errors[0].code, kNikAlreadyRegistered);

  // 6. The template: stored for the regency and source, applied to the next file.
  auto templates = quarantine_->Templates(kRegency);
  ASSERT_TRUE(templates);
  ASSERT_EQ(templates->size(), 1u);
  EXPECT_EQ(templates->front().source, kSource);
  EXPECT_EQ(templates->front().header, job.header);
  EXPECT_TRUE(quarantine_->Templates(kOther)->empty());

  ImportJobView again = Upload(file, "daftar desa (2).csv");
  ASSERT_EQ(again.state, JobState::kPreview);
  EXPECT_TRUE(again.from_template);
  EXPECT_EQ(Reason(again), "") << Detail(again);
  EXPECT_EQ(again.mapping.ColumnOf(intake::Field::kNik), 2);
  EXPECT_EQ(again.unchanged, job.accepted) << "dry run against the registry";
  EXPECT_EQ(again.accepted, 0u);
  EXPECT_EQ(again.read, job.read);
}

TEST_P(ImportJobsTest, DiscardExpiryAndRefusals) {
  const std::string file = ReadFile(kDataDir / "messy_village_list.csv");
  EXPECT_EQ(
      jobs_->Start({kRegency, "", domain::SourceKind::kOffice, "", "a.csv"}, file).error().code,
      ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      jobs_->Start({kRegency, kSource, domain::SourceKind::kOffice, "", "a.csv"}, "").error().code,
      ErrorCode::kInvalidArgument);
  EXPECT_EQ(
      jobs_
          ->Start({kRegency, kSource, domain::SourceKind::kVillage, "35.13.01.2001", "a.csv"}, file)
          .error()
          .code,
      ErrorCode::kInvalidArgument);

  // Path tricks in the file name stay inside the job's folder.
  ImportJobView job = Upload(file, "../../etc/passwd\n");
  EXPECT_EQ(job.file_name, "passwd");
  ASSERT_EQ(job.state, JobState::kPreview);
  EXPECT_EQ(Reason(job), "");

  // A column mapped twice in one correction, or outside the header, is refused.
  const ImportJobs::ColumnChoice twice[] = {{1, intake::Field::kNik}, {2, intake::Field::kNik}};
  EXPECT_EQ(jobs_->Remap(kRegency, job.id, twice, false, actor_).error().code,
            ErrorCode::kInvalidArgument);
  const ImportJobs::ColumnChoice outside[] = {{12, intake::Field::kPhone}};
  EXPECT_EQ(jobs_->Remap(kRegency, job.id, outside, false, actor_).error().code,
            ErrorCode::kInvalidArgument);
  // Unmapping a column without saving leaves no template behind.
  const ImportJobs::ColumnChoice no_phone[] = {{10, std::nullopt}};
  ASSERT_TRUE(jobs_->Remap(kRegency, job.id, no_phone, false, actor_));
  job = Settled(job.id);
  EXPECT_FALSE(job.mapping.Has(intake::Field::kPhone));
  EXPECT_TRUE(quarantine_->Templates(kRegency)->empty());

  ASSERT_TRUE(jobs_->Discard(kRegency, job.id));
  EXPECT_EQ(jobs_->Get(kRegency, job.id).error().code, ErrorCode::kNotFound);

  // An untouched job expires with its file.
  ImportJobView old = Upload(file);
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(work_dir_)) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 1u);
  clock_.Advance(hours(3));
  EXPECT_EQ(jobs_->Get(kRegency, old.id).error().code, ErrorCode::kNotFound);
  files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(work_dir_)) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 0u);
}

// Finished imports hold no place: a regency may import again and again (the load test's
// operators do), keeping only the newest finished jobs; unfinished ones are still limited.
TEST_P(ImportJobsTest, FinishedJobsDoNotCountAgainstTheLimit) {
  ImportJobSettings settings;
  settings.work_dir = work_dir_;
  settings.max_jobs_per_regency = 2;
  jobs_ = std::make_unique<ImportJobs>(*db_, &trail_, clock_, settings);
  const std::string file = ReadFile(kDataDir / "messy_village_list.csv");
  std::vector<std::string> finished;
  for (int i = 0; i < 4; ++i) {
    ImportJobView job = Upload(file);
    ASSERT_EQ(job.state, JobState::kPreview) << Detail(job);
    ASSERT_TRUE(jobs_->Commit(kRegency, job.id, actor_));
    job = Settled(job.id);
    ASSERT_EQ(job.state, JobState::kDone) << Detail(job);
    finished.push_back(job.id);
  }
  // The newest two finished jobs are kept, the older ones dropped.
  EXPECT_EQ(jobs_->Get(kRegency, finished[0]).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(jobs_->Get(kRegency, finished[1]).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(jobs_->Get(kRegency, finished[2]));
  EXPECT_TRUE(jobs_->Get(kRegency, finished[3]));
  // Two previews left open fill the place; a third upload is refused.
  Upload(file);
  Upload(file);
  EXPECT_EQ(
      jobs_->Start({kRegency, kSource, domain::SourceKind::kVillage, "", "c.csv"}, file).error().code,
      ErrorCode::kFailedPrecondition);
}

TEST_P(ImportJobsTest, UnreadableFileFails) {
  std::string zip = "PK\x03\x04 not really a workbook";
  ImportJobView job = Upload(zip, "rusak.xlsx");
  EXPECT_EQ(job.state, JobState::kFailed);
  EXPECT_EQ(Reason(job), "FILE_UNREADABLE");
  EXPECT_FALSE(Detail(job).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, ImportJobsTest, storage::testing::BothEngines(),
                         storage::testing::EngineParamName);

}  // namespace
}  // namespace jaring::services
