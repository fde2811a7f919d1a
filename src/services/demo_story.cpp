#include "services/demo_story.hpp"

// Design notes.
//
// One Storyteller tells the plan step by step, each step through the service a person would use
// (ExtractService, VervalService, VervalReview, Settlement, ProgramService, EnrolmentService,
// BillService, PaymentService) and as the account that person would sign in with, so the
// permission checks, the audit trail and every rule run as in real use. Nothing is written to a
// table directly but the rosters, which are stored as `jaring serve --demo` stores its roster
// (the generator's rows in one transaction): an import would merge the planted same-person
// entries of one list at once, and the truth files say verval finds them.
//
// The verifier decides as the plan's truth says, like a careful verifier who checks with the
// villages: a finding the truth files name is accepted, any other (the engine's rare false
// match, or two people the cross-regency check cannot tell apart) rejected; a cross-regency
// finding as demo::CrossPerson::outcome says. The month's open findings are read page by page,
// the rejections decided one by one, then each kind's remaining open findings accepted at once
// (the bulk decision of the review queue).
//
// The clock: every service here and the database share `data_clock`, set before each step to
// the step's moment (demo::StoryCalendar, Jakarta time); the steps of the three regencies are
// half an hour apart on the same day.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "demo/story.hpp"
#include "domain/date_format.hpp"
#include "domain/funding_source.hpp"
#include "domain/money.hpp"
#include "intake/source_file.hpp"
#include "services/audit_trail.hpp"
#include "services/bill_service.hpp"
#include "services/enrolment_service.hpp"
#include "services/extract_service.hpp"
#include "services/monev_service.hpp"
#include "services/payment_service.hpp"
#include "services/policy_service.hpp"
#include "services/program_service.hpp"
#include "services/settlement.hpp"
#include "services/verval_findings.hpp"
#include "services/verval_review.hpp"
#include "services/verval_service.hpp"

namespace jaring::services {
namespace {

namespace fs = std::filesystem;
using std::chrono::year_month_day;
using namespace std::chrono_literals;

// How long a seeder started beside another waits for the other's rosters (see StoreRosters).
constexpr auto kWaitForAnotherSeeder = std::chrono::minutes(10);

// Who acts for each story regency: its operator and its verifier (demo accounts).
struct RegencyActors {
  std::string_view code, operator_name, verifier_name;
};
constexpr RegencyActors kActors[] = {{"35.14", "operator", "verifikator"},
                                     {"35.13", "operator.probolinggo", "verifikator.probolinggo"},
                                     {"35.23", "operator.tuban", "verifikator.tuban"}};

// A moment of a story day in Jakarta time (UTC+7).
TimePoint AtWib(year_month_day day, std::chrono::minutes since_midnight) {
  return TimePoint(std::chrono::sys_days{day}) + since_midnight - 7h;
}

// "28.448", as the pages write numbers.
std::string Thousands(std::uint64_t value) {
  return domain::FormatThousands(static_cast<std::int64_t>(value));
}

std::int64_t DemoIdOf(const std::string& source_id) {
  try {
    return std::stoll(source_id);
  } catch (...) {
    return 0;
  }
}

// "id:17" (the extract row's identity when the file has an id column) -> 17.
std::int64_t ExtractIdOf(const std::string& row_key) {
  return row_key.starts_with("id:") ? DemoIdOf(row_key.substr(3)) : 0;
}

// A folder of its own for the files the story hands to the services; removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("jaring-demo-story-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::error_code ec;  // a folder that cannot be made fails the first import that reads it
    fs::create_directories(path_, ec);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  fs::path Write(const std::string& name, const std::string& text) const {
    const fs::path path = path_ / name;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return path;
  }

 private:
  fs::path path_;
};

// The clock goes back to the wall when the story ends, however it ends.
struct ReleaseOnExit {
  SettableClock& clock;
  ~ReleaseOnExit() { clock.Release(); }
};

Error MissingAccount(std::string_view username) {
  return Error::FailedPrecondition("Cerita demo memerlukan akun demo " + std::string(username) +
                                   ": mulai dari basis data kosong");
}

Error Broken(const std::string& what) {
  return Error::Internal("Cerita demo tidak sesuai rencananya", "demo story: " + what);
}

// What the plan's truth says of one regency's records, for the verifier.
struct RegencyTruth {
  std::unordered_map<std::int64_t, std::int64_t> duplicate_group;  // roster id -> group
  std::map<std::string, std::set<std::pair<std::int64_t, std::int64_t>>> deaths;  // by month
  std::map<std::pair<std::int64_t, std::int64_t>, demo::MemberSegment> members;
  // roster id -> the cross-regency person, and whether this regency is its source.
  std::unordered_map<std::int64_t, std::pair<const demo::CrossPerson*, bool>> cross;
};

RegencyTruth TruthOf(const demo::StoryPlan& plan, std::size_t r) {
  const demo::StoryRegency& regency = plan.regencies[r];
  RegencyTruth t;
  // Planted pairs joined into groups: a cluster is one person when all its records are in one.
  std::unordered_map<std::int64_t, std::int64_t> parent;
  auto find = [&](std::int64_t id) {
    while (parent.contains(id) && parent[id] != id) id = parent[id];
    return id;
  };
  for (const auto& d : regency.data.truth.duplicates) {
    parent.try_emplace(d.id_a, d.id_a);
    parent.try_emplace(d.id_b, d.id_b);
    parent[find(d.id_b)] = find(d.id_a);
  }
  for (const auto& [id, up] : parent) t.duplicate_group[id] = find(id);
  for (const auto& d : regency.data.truth.deaths) {
    t.deaths[std::string(demo::kStoryFirstMonth)].emplace(d.roster_id, d.death_id);
  }
  for (const auto& d : regency.covered_deaths) t.deaths[d.period].emplace(d.roster_id, d.death_id);
  for (const auto& m : regency.data.truth.members) {
    t.members[{m.roster_id, m.member_id}] = m.segment;
  }
  for (const auto& c : plan.cross) {
    if (c.source == r) t.cross[c.source_id] = {&c, true};
    if (c.copy == r) t.cross[c.copy_id] = {&c, false};
  }
  return t;
}

class Storyteller {
 public:
  Storyteller(storage::Database& db, SettableClock& clock, const domain::RegionIndex& regions,
              const demo::StoryPlan& plan, const StoryProgress& progress, StorySeedReport& report)
      : db_(db),
        clock_(clock),
        regions_(regions),
        plan_(plan),
        progress_(progress),
        report_(report),
        trail_(clock),
        extracts_(db, &trail_, clock, &regions),
        verval_(db, &trail_, clock, &regions),
        review_(db, &trail_, clock),
        settlement_(db, &trail_, clock, &regions),
        policy_(db, &trail_),
        programs_(db, &trail_, policy_),
        enrolment_(db, &trail_, policy_, clock),
        bills_(db, &trail_, policy_, clock),
        payments_(db, &trail_, policy_, clock),
        monev_(db, regions, &trail_, clock) {}

  Status Tell() {
    for (const auto& regency : plan_.regencies) {
      StoryRegencyReport r;
      r.code = regency.code();
      r.name = regency.name;
      r.workers = static_cast<std::int64_t>(regency.data.roster.size());
      report_.regencies.push_back(std::move(r));
    }
    if (auto ok = FindActors(); !ok) return ok;
    const std::string first(demo::kStoryFirstMonth), second(demo::kStorySecondMonth);
    // Each step is taken by every regency in turn before the next step begins.
    const std::function<Status(std::size_t)> steps[] = {
        [&](std::size_t r) { return AddPrograms(r); },
        [&](std::size_t r) {
          return Month(r, first, demo::StoryCalendar::kFirstExtracts,
                       demo::StoryCalendar::kFirstSettled);
        },
        [&](std::size_t r) { return Enrol(r); },
        [&](std::size_t r) {
          return Month(r, second, demo::StoryCalendar::kSecondExtracts,
                       demo::StoryCalendar::kSecondSettled);
        },
        [&](std::size_t r) { return BillAndPay(r); },
        [&](std::size_t r) { return Revise(r); },
    };
    for (const auto& step : steps) {
      for (std::size_t r = 0; r < plan_.regencies.size(); ++r) {
        if (auto ok = step(r); !ok) return ok;
      }
    }
    for (std::size_t r = 0; r < plan_.regencies.size(); ++r) {
      if (auto ok = Denominator(r); !ok) return ok;
    }
    return {};
  }

 private:
  // The clock at a step's moment for regency r (the regencies half an hour apart).
  void At(year_month_day day, std::chrono::minutes since_midnight, std::size_t r) {
    clock_.Set(AtWib(day, since_midnight + std::chrono::minutes(30 * r)));
  }

  void Say(std::size_t r, const std::string& text) {
    if (progress_) progress_(plan_.regencies[r].short_name + ": " + text);
  }

  Status FindActors() {
    AccountService accounts(db_, regions_, clock_);
    auto principal = [&](std::string_view username) -> Result<Actor> {
      auto user = accounts.FindUser(username, Actor::ForCli("jaring"));
      if (!user) return Fail(MissingAccount(username));
      return Actor::ForPrincipal(auth::Principal{user->id, user->username, user->grants}, "");
    };
    for (const auto& regency : plan_.regencies) {
      const auto* actors = std::ranges::find(kActors, regency.code(), &RegencyActors::code);
      if (actors == std::end(kActors)) return Fail(Broken("no accounts for " + regency.code()));
      auto op = principal(actors->operator_name);
      if (!op) return Fail(op.error());
      auto verifier = principal(actors->verifier_name);
      if (!verifier) return Fail(verifier.error());
      operators_.push_back(std::move(*op));
      verifiers_.push_back(std::move(*verifier));
    }
    return {};
  }

  Status AddPrograms(std::size_t r) {
    const demo::StoryRegency& regency = plan_.regencies[r];
    At(demo::StoryCalendar::kPrograms, 9h, r);
    for (const demo::StoryProgram& p : regency.programs) {
      ProgramInput input;
      input.regency_code = regency.code();
      input.name = p.name;
      const auto source = domain::FundingSourceFromCode(p.funding);
      if (!source) return Fail(Broken("funding " + p.funding));
      input.funding = {{*source, 10'000}};
      input.budget = domain::Money::Rupiah(p.budget);
      input.budget_decree = p.budget_decree;
      input.budget_decree_date = p.budget_decree_date;
      input.from = p.from;
      input.to = p.to;
      input.quota = p.quota;
      input.participation_code = "SG";
      if (!p.occupations.empty()) input.occupations = p.occupations;
      auto id = programs_.Add(input, operators_[r]);
      if (!id) return Fail(std::move(id.error()));
      report_.regencies[r].programs.push_back(
          {.id = *id, .name = p.name, .funding = p.funding, .quota = p.quota, .budget = p.budget});
      Say(r, "program " + std::to_string(*id) + " \"" + p.name + "\", quota " +
                 Thousands(static_cast<std::uint64_t>(p.quota)));
    }
    return {};
  }

  // A month: its extracts imported, verval run, every finding decided, the month settled.
  Status Month(std::size_t r, const std::string& period, year_month_day extracts_day,
               year_month_day settled_day) {
    const demo::StoryRegency& regency = plan_.regencies[r];
    const auto started = std::chrono::steady_clock::now();
    At(extracts_day, 9h, r);
    const std::string tag = regency.code() + "-" + period;
    const std::pair<intake::ExtractKind, fs::path> files[] = {
        {intake::ExtractKind::kDeaths,
         scratch_.Write("kematian-" + tag + ".csv", demo::DeathsCsv(regency.DeathsOf(period)))},
        {intake::ExtractKind::kMembers,
         scratch_.Write("kepesertaan-" + tag + ".csv", demo::MembersCsv(regency.data.members))}};
    for (const auto& [kind, path] : files) {
      auto file = intake::SourceFile::Open(path, path.filename().string());
      if (!file) return Fail(std::move(file.error()));
      auto imported = extracts_.Import(*file, {regency.code(), kind, period, operators_[r]});
      if (!imported) return Fail(std::move(imported.error()));
      if (imported->quarantined != 0) return Fail(Broken(tag + " extract rows quarantined"));
    }
    const year_month_day run_day{std::chrono::sys_days{extracts_day} + std::chrono::days{1}};
    At(run_day, 9h, r);
    auto run = verval_.Run({regency.code(), period, verifiers_[r]});
    if (!run) return Fail(std::move(run.error()));
    StoryRegencyReport::Month& month = report_.regencies[r].months[period];
    month.findings = run->findings;
    At(run_day, 13h, r);
    if (auto ok = Decide(r, period, month); !ok) return ok;
    At(settled_day, 10h, r);
    auto settled = settlement_.Settle({regency.code(), period, verifiers_[r]});
    if (!settled) return Fail(std::move(settled.error()));
    month.persons = settled->month.persons;
    month.claims_opened = settled->claims_opened;
    int planned = 0;
    for (const auto& d : regency.covered_deaths) planned += d.period == period;
    if (settled->claims_opened != planned) {
      return Fail(Broken(tag + ": " + std::to_string(settled->claims_opened) +
                         " claims opened, the plan has " + std::to_string(planned)));
    }
    std::uint64_t findings = 0;
    for (const auto& [kind, n] : run->findings) findings += n;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char took[32];
    std::snprintf(took, sizeof took, "%.1f s", seconds);
    Say(r, "verval " + period + ": " + Thousands(run->workers) + " records, " +
               Thousands(findings) + " findings (" + Thousands(run->automatic) +
               " applied themselves), " + Thousands(month.accepted) + " accepted and " +
               Thousands(month.rejected) + " rejected by the verifier; settled " +
               Thousands(month.persons) + " persons, " + std::to_string(month.claims_opened) +
               " claims opened (" + took + ")");
    return {};
  }

  // The verifier's decisions (design notes): the month's open findings read page by page,
  // rejections decided one by one, then each kind's remaining findings at once (nik_conflict,
  // which the queue's kind filter does not take, one by one).
  Status Decide(std::size_t r, const std::string& period, StoryRegencyReport::Month& month) {
    const demo::StoryRegency& regency = plan_.regencies[r];
    if (truths_.size() <= r) truths_.resize(r + 1);
    if (!truths_[r]) truths_[r] = TruthOf(plan_, r);
    const RegencyTruth& truth = *truths_[r];
    struct Single {
      std::int64_t id;
      Verdict verdict;
      std::string reason;
    };
    std::vector<Single> singles;
    std::set<std::string> bulk;  // kinds whose remaining open findings are all accepted
    for (std::int64_t offset = 0;; offset += 500) {
      auto page =
          review_.Queue(regency.code(), {period, std::nullopt, "open", std::nullopt, offset, 500});
      if (!page) return Fail(std::move(page.error()));
      for (const ReviewItem& item : *page) {
        const std::string& kind = item.finding.kind;
        std::string reason;
        if (!Holds(truth, period, item, reason)) {
          singles.push_back({item.finding.id, Verdict::kReject, std::move(reason)});
        } else if (IsFindingKind(kind)) {
          bulk.insert(kind);
        } else {
          singles.push_back({item.finding.id, Verdict::kAccept, AcceptReason(kind)});
        }
      }
      if (page->size() < 500) break;
    }
    for (const Single& single : singles) {
      DecisionScope scope;
      scope.finding_id = single.id;
      auto decided = review_.Decide(regency.code(), period, scope,
                                    {single.verdict, single.reason, std::nullopt}, verifiers_[r]);
      if (!decided) return Fail(std::move(decided.error()));
      (single.verdict == Verdict::kAccept ? month.accepted : month.rejected) += *decided;
    }
    for (const std::string& kind : bulk) {
      DecisionScope scope;
      scope.kind = kind;
      auto decided =
          review_.Decide(regency.code(), period, scope,
                         {Verdict::kAccept, AcceptReason(kind), std::nullopt}, verifiers_[r]);
      if (!decided) return Fail(std::move(decided.error()));
      month.accepted += *decided;
    }
    return {};
  }

  static std::string AcceptReason(std::string_view kind) {
    using namespace finding_kinds;
    if (kind == kDied) return "Sesuai data kematian Dukcapil, dicek bersama desa";
    if (kind == kDuplicate || kind == kNikConflict) return "Orang yang sama, dicek bersama desa";
    if (kind == kMemberWage || kind == kMemberOther)
      return "Sudah terdaftar sebagai peserta BPJS Ketenagakerjaan";
    if (kind == kOtherRegency)
      return "Tinggal dan didaftarkan di kabupaten lain, dikeluarkan dari daftar";
    if (kind == kAge) return "Di luar batas usia program";
    if (kind == kDomicile) return "Berdomisili di luar kabupaten";
    return "Dicatat";
  }

  // Whether the truth holds the finding; `reason` says why not.
  static bool Holds(const RegencyTruth& truth, const std::string& period, const ReviewItem& item,
                    std::string& reason) {
    using namespace finding_kinds;
    const std::string& kind = item.finding.kind;
    reason = "Bukan orang yang sama, dicek bersama desa";
    if (item.workers.empty()) return false;
    const std::int64_t id = DemoIdOf(item.workers.front().source_id);
    if (kind == kDied) {
      const auto month = truth.deaths.find(period);
      return item.extract && month != truth.deaths.end() &&
             month->second.contains({id, ExtractIdOf(item.extract->row_key)});
    }
    if (kind == kMemberWage || kind == kMemberOther) {
      if (!item.extract) return false;
      const auto it = truth.members.find({id, ExtractIdOf(item.extract->row_key)});
      const auto segment = kind == kMemberWage ? demo::MemberSegment::kWageEarner
                                               : demo::MemberSegment::kNonWageEarner;
      return it != truth.members.end() && it->second == segment;
    }
    if (kind == kDuplicate || kind == kNikConflict) {
      std::optional<std::int64_t> group;
      for (const RegistryRecordView& w : item.workers) {
        const auto it = truth.duplicate_group.find(DemoIdOf(w.source_id));
        if (it == truth.duplicate_group.end() || (group && *group != it->second)) return false;
        group = it->second;
      }
      return true;
    }
    if (kind == kOtherRegency) {
      const auto it = truth.cross.find(id);
      if (it == truth.cross.end()) return false;
      const auto& [person, is_source] = it->second;
      reason = "Bekerja dan tinggal di kabupaten ini, tetap didaftarkan (dicek bersama desa)";
      return is_source ? person->outcome == demo::CrossOutcome::kSourceRemoves
                       : person->outcome == demo::CrossOutcome::kCopyRemoves;
    }
    return true;
  }

  // A batch per program from the first month, approved, answered by the branch.
  Status Enrol(std::size_t r) {
    const demo::StoryRegency& regency = plan_.regencies[r];
    StoryRegencyReport& out = report_.regencies[r];
    for (std::size_t p = 0; p < regency.programs.size(); ++p) {
      StoryProgramReport& program = out.programs[p];
      At(demo::StoryCalendar::kBatch, 9h, r);
      auto batch = enrolment_.CreateBatch(
          {regency.code(), program.id, std::string(demo::kStoryFirstMonth)}, operators_[r]);
      if (!batch) return Fail(std::move(batch.error()));
      program.selected = batch->workers;
      At(demo::StoryCalendar::kApproved, 10h, r);
      if (auto ok = enrolment_.Approve(regency.code(), batch->id, verifiers_[r]); !ok)
        return Fail(std::move(ok.error()));
      auto members = enrolment_.BatchMembers(regency.code(), batch->id, operators_[r]);
      if (!members) return Fail(std::move(members.error()));
      At(demo::StoryCalendar::kAnswer, 14h, r);
      auto answer = Answer(r, p, *batch, *members);
      if (!answer) return Fail(std::move(answer.error()));
      program.covered = answer->counts.coverage_started;
      program.refused = answer->counts.rejected;
      Say(r, "enrolment for program " + std::to_string(program.id) + ": " +
                 Thousands(static_cast<std::uint64_t>(batch->counts.eligible)) + " eligible, " +
                 Thousands(static_cast<std::uint64_t>(batch->workers)) + " selected, " +
                 Thousands(static_cast<std::uint64_t>(program.covered)) + " covered from " +
                 domain::FormatIsoDate(demo::StoryCalendar::kCoverFrom) + ", " +
                 std::to_string(program.refused) + " refused by the branch");
    }
    // The plan's dead are covered by the program it says (so their claims open).
    for (const demo::CoveredDeath& d : regency.covered_deaths) {
      const auto& worker = regency.data.roster[static_cast<std::size_t>(d.roster_id - 1)];
      auto coverage = enrolment_.WorkerCoverageByNik(regency.code(), worker.nik, operators_[r]);
      if (!coverage) return Fail(std::move(coverage.error()));
      const std::int64_t program = out.programs[d.program].id;
      if (std::ranges::none_of(coverage->coverage,
                               [&](const CoverageView& c) { return c.program_id == program; })) {
        return Fail(Broken(regency.code() + " roster " + std::to_string(d.roster_id) +
                           " is not covered by program " + std::to_string(program)));
      }
    }
    return {};
  }

  // The branch's answer: everyone accepted from the 1st of the second month, but the refused.
  Result<AnswerView> Answer(std::size_t r, std::size_t p, const BatchView& batch,
                            const std::vector<BatchMemberView>& members) {
    const demo::StoryRegency& regency = plan_.regencies[r];
    std::unordered_map<std::string, const demo::BranchRefusal*> refused;
    for (const auto& f : regency.refusals) {
      if (f.program == p)
        refused[regency.data.roster[static_cast<std::size_t>(f.roster_id - 1)].nik] = &f;
    }
    std::ostringstream csv;
    csv << "NO,NIK,NAMA PESERTA,NO KPJ,TGL KEPESERTAAN,STATUS,KETERANGAN,REFERENSI\n";
    const std::string start = domain::FormatIsoDate(demo::StoryCalendar::kCoverFrom);
    std::size_t found = 0;
    for (const BatchMemberView& m : members) {
      std::string name = m.name;
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      csv << m.rank << "," << m.nik << ",\"" << name << "\",";
      if (const auto it = refused.find(m.nik); it != refused.end()) {
        ++found;
        csv << ",,Ditolak,\"" << it->second->reason << "\"";
      } else {
        // KPJ: 25 (the year), the regency's two digits, the batch member's rank.
        char kpj[16];
        std::snprintf(kpj, sizeof kpj, "25%s%07d", regency.code().substr(3).c_str(), ++kpjs_);
        csv << kpj << "," << start << ",Diterima,";
      }
      csv << "," << batch.reference << "\n";
    }
    if (found != refused.size()) {
      return Fail(Broken(regency.code() + ": a refused person is not in program " +
                         std::to_string(batch.program_id) + "'s batch"));
    }
    const std::string name = "jawaban-bpjs-" + batch.reference + ".csv";
    const fs::path path = scratch_.Write(name, csv.str());
    return enrolment_.ImportAnswer(regency.code(), batch.program_id, path, name, operators_[r]);
  }

  // Each program's bill for the second month, then its payment in full.
  Status BillAndPay(std::size_t r) {
    const demo::StoryRegency& regency = plan_.regencies[r];
    const std::string month(demo::kStorySecondMonth);
    for (StoryProgramReport& program : report_.regencies[r].programs) {
      At(demo::StoryCalendar::kSecondSettled, 15h, r);
      auto bill = bills_.Issue(regency.code(), program.id, month, operators_[r]);
      if (!bill) return Fail(std::move(bill.error()));
      At(demo::StoryCalendar::kPaid, 10h, r);
      PaymentRequest payment{regency.code(),
                             program.id,
                             month,
                             bill->total,
                             domain::FormatIsoDate(demo::StoryCalendar::kPaid),
                             "SP2D-" + std::to_string(program.id) + "/" + month,
                             ""};
      auto paid = payments_.Add(payment, operators_[r]);
      if (!paid) return Fail(std::move(paid.error()));
      program.billed = bill->total.rupiah();
      program.paid = paid->amount.rupiah();
      Say(r, "bill " + month + " of program " + std::to_string(program.id) + ": " +
                 Thousands(static_cast<std::uint64_t>(bill->workers)) + " workers, " +
                 domain::FormatRupiah(bill->total) + ", paid on " + payment.paid_on);
    }
    return {};
  }

  // What monitoring divides by: a working population for 2025 per regency, an example figure
  // and said so in its source (the administrator replaces it with BPS's); no target, which the
  // newcomer sets (docs/demo.md).
  Status Denominator(std::size_t r) {
    static constexpr std::pair<std::string_view, std::int64_t> kWorking[] = {
        {"35.14", 870'000}, {"35.13", 640'000}, {"35.23", 660'000}};
    const std::string code = plan_.regencies[r].code();
    const auto* found = std::ranges::find(kWorking, code, &std::pair<std::string_view, std::int64_t>::first);
    if (found == std::end(kWorking)) return {};
    At(demo::StoryCalendar::kPrograms, 10h, r);
    DenominatorInput input{code, 2025, "working_population", found->second,
                           "Angka contoh demo, bukan data BPS", ""};
    auto stored = monev_.SetDenominator(input, Actor::ForCli("demo"));
    if (!stored) return Fail(std::move(stored.error()));
    Say(r, "penyebut penduduk bekerja 2025: " + Thousands(static_cast<std::uint64_t>(found->second)));
    return {};
  }

  // The PAK of a program that has one.
  Status Revise(std::size_t r) {
    const demo::StoryRegency& regency = plan_.regencies[r];
    for (std::size_t p = 0; p < regency.programs.size(); ++p) {
      const auto& revision = regency.programs[p].revision;
      if (!revision) continue;
      At(demo::StoryCalendar::kPak, 10h, r);
      StoryProgramReport& program = report_.regencies[r].programs[p];
      auto line = programs_.Revise(
          regency.code(), program.id,
          {domain::Money::Rupiah(revision->budget), revision->decree, revision->date,
           revision->planned_quota},
          operators_[r]);
      if (!line) return Fail(std::move(line.error()));
      program.budget = revision->budget;
      Say(r, "PAK of program " + std::to_string(program.id) + ": budget " +
                 domain::FormatRupiah(domain::Money::Rupiah(revision->budget)) + " (" +
                 revision->decree + "), quota " +
                 Thousands(static_cast<std::uint64_t>(revision->planned_quota)) + " workers");
    }
    return {};
  }

  storage::Database& db_;
  SettableClock& clock_;
  const domain::RegionIndex& regions_;
  const demo::StoryPlan& plan_;
  const StoryProgress& progress_;
  StorySeedReport& report_;
  AuditTrail trail_;
  ExtractService extracts_;
  VervalService verval_;
  VervalReview review_;
  Settlement settlement_;
  PolicyService policy_;
  ProgramService programs_;
  EnrolmentService enrolment_;
  BillService bills_;
  PaymentService payments_;
  MonevService monev_;
  ScratchDir scratch_;
  std::vector<Actor> operators_, verifiers_;
  std::vector<std::optional<RegencyTruth>> truths_;
  int kpjs_ = 0;
};

// Stores the three rosters when the database has no workers; false when it had some.
Result<bool> StoreRosters(storage::Database& db, const demo::StoryPlan& plan) {
  auto tx = db.Begin();
  if (!tx) return Fail(std::move(tx.error()));
  // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs the lock for two
  // servers that start at once to see each other's rosters.
  if (auto ok = (*tx)->Imports().LockSource(plan.regencies.front().code(), "demo"); !ok)
    return Fail(ok.error());
  auto counts = (*tx)->Workers().CountsByRegency();
  if (!counts) return Fail(std::move(counts.error()));
  if (!counts->empty()) return false;
  for (const demo::StoryRegency& regency : plan.regencies) {
    std::vector<domain::Worker> roster = regency.data.roster;
    // The roster's id column, as an import of roster.csv would keep it: findings and exports
    // name the demo's workers by the ids of its truth files.
    for (auto& w : roster) w.source_id = std::to_string(w.id);
    auto inserted = (*tx)->Workers().InsertMany(roster);
    if (!inserted) return Fail(inserted.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return true;
}

}  // namespace

const std::vector<DemoAccount>& DemoStoryExtraAccounts() {
  static const std::vector<DemoAccount> accounts = [] {
    std::vector<DemoAccount> out;
    for (const RegencyActors& a : kActors) {
      if (a.code == "35.14") continue;  // SeedDemoAccounts' own regency
      out.push_back({std::string(a.operator_name), auth::Role::kOperator, std::string(a.code)});
      out.push_back({std::string(a.verifier_name), auth::Role::kVerifikator, std::string(a.code)});
    }
    out.push_back({"pimpinan.jatim", auth::Role::kPimpinan, "35"});
    return out;
  }();
  return accounts;
}

nlohmann::ordered_json StorySeedReportToJson(const StorySeedReport& report) {
  nlohmann::ordered_json out;
  out["seeded"] = report.seeded;
  out["told_before"] = report.told_before;
  out["seconds"] = report.seconds;
  out["open_month"] = report.open_month;
  nlohmann::ordered_json accounts = nlohmann::ordered_json::array();
  for (const auto& a : report.accounts) {
    accounts.push_back(
        {{"username", a.username}, {"role", auth::RoleCode(a.role)}, {"scope", a.scope_code}});
  }
  out["accounts"] = accounts;
  nlohmann::ordered_json regencies = nlohmann::ordered_json::array();
  for (const auto& r : report.regencies) {
    nlohmann::ordered_json months = nlohmann::ordered_json::object();
    for (const auto& [period, m] : r.months) {
      months[period] = {{"findings", m.findings},
                        {"accepted", m.accepted},
                        {"rejected", m.rejected},
                        {"persons", m.persons},
                        {"claims_opened", m.claims_opened}};
    }
    nlohmann::ordered_json programs = nlohmann::ordered_json::array();
    for (const auto& p : r.programs) {
      programs.push_back({{"id", p.id},
                          {"name", p.name},
                          {"funding", p.funding},
                          {"quota", p.quota},
                          {"budget", p.budget},
                          {"selected", p.selected},
                          {"covered", p.covered},
                          {"refused", p.refused},
                          {"billed", p.billed},
                          {"paid", p.paid}});
    }
    regencies.push_back({{"code", r.code},
                         {"name", r.name},
                         {"workers", r.workers},
                         {"months", months},
                         {"programs", programs}});
  }
  out["regencies"] = regencies;
  return out;
}

Result<StorySeedReport> SeedDemoStoryIfEmpty(storage::Database& db, SettableClock& data_clock,
                                             const domain::RegionIndex& regions,
                                             const StoryProgress& progress) {
  const auto started = std::chrono::steady_clock::now();
  StorySeedReport report;
  report.open_month = std::string(demo::kStoryOpenMonth);
  // A quick look first, so that a restart does not plan a story it will not tell.
  auto counts = db.Workers().CountsByRegency();
  if (!counts) return Fail(std::move(counts.error()));
  if (!counts->empty()) {
    std::map<std::string, std::int64_t, std::less<>> rows;
    for (const auto& c : *counts) rows[c.code] = c.count;
    report.told_before = rows == demo::StoryRosterRows();
    return report;
  }

  // Users made by someone else would have to include the accounts the story acts as: refused
  // before anything is stored (the story makes them itself on a database without users).
  {
    AccountService accounts(db, regions, data_clock);
    auto users = accounts.CountUsers();
    if (!users) return Fail(std::move(users.error()));
    for (const RegencyActors& a : kActors) {
      for (std::string_view name : {a.operator_name, a.verifier_name}) {
        if (*users > 0 && !accounts.FindUser(name, Actor::ForCli("jaring")))
          return Fail(MissingAccount(name));
      }
    }
  }

  auto plan = demo::PlanStory(regions);
  if (!plan) return Fail(std::move(plan.error()));
  ReleaseOnExit release{data_clock};
  data_clock.Set(AtWib(demo::StoryCalendar::kAccounts, 8h));
  auto stored = StoreRosters(db, *plan);
  // A second seeder started beside the first waits for its write lock; storing the rosters can
  // outlast the busy timeout on a loaded machine. Waiting on is right: the first one commits
  // (the rosters are there, it tells the story) or rolls back (this one tries again).
  const auto give_up = std::chrono::steady_clock::now() + kWaitForAnotherSeeder;
  while (!stored && stored.error().code == ErrorCode::kUnavailable &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    stored = StoreRosters(db, *plan);
  }
  if (!stored) return Fail(std::move(stored.error()));
  if (!*stored) {  // another process stored them first: it is telling the story
    report.told_before = true;
    return report;
  }
  report.seeded = true;
  if (progress) {
    for (const auto& regency : plan->regencies) {
      progress(regency.short_name + ": " + Thousands(regency.data.roster.size()) +
               " workers stored");
    }
  }
  data_clock.Set(AtWib(demo::StoryCalendar::kAccounts, 9h));
  auto accounts = SeedDemoAccounts(db, regions, data_clock, {}, DemoStoryExtraAccounts());
  if (!accounts) return Fail(std::move(accounts.error()));
  report.accounts = std::move(*accounts);

  Storyteller teller(db, data_clock, regions, *plan, progress, report);
  if (auto ok = teller.Tell(); !ok) return Fail(ok.error());
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace jaring::services
