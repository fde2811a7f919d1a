#include "demo/story.hpp"

// Design notes.
//
// Order of work: the three rosters are generated first (each exactly as GenerateDemo makes it
// for its options), then everything the story adds is drawn from one jaring::Random per concern
// in a fixed order: cross-regency persons, covered deaths, the branch's refusals, the other
// deaths of the later months. Nothing iterates an unordered container, so the plan is the same
// on every machine.
//
// Picking people. A "clean" row is on none of the generator's truth lists (not a duplicate, not
// dead, not a member, NIK sound), aged 25-55 on the reference date. The story's own people come
// from clean rows only, each used once: a cross-regency copy replaces a clean row of the copying
// regency (keeping its village and address: the person is listed where he works), and the
// persons who are copied, die or are refused are clean rows of the tobacco sector (or, for
// Tuban's second program, of its occupations), so that every program enrols them first.
//
// NIKs of the later months' other deceased citizens are made fresh (serials from 9999 down in
// the regency's districts) and checked against every NIK of the three rosters and extracts, so
// they match nobody on a list.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_set>

#include "common/random.hpp"
#include "demo/names.hpp"
#include "domain/date_format.hpp"
#include "domain/money.hpp"
#include "domain/name_normalize.hpp"
#include "domain/nik.hpp"
#include "domain/occupation.hpp"
#include "formats/csv.hpp"

namespace jaring::demo {
namespace {

namespace fs = std::filesystem;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr std::uint64_t kStorySeed = 20250701;
constexpr int kCleanAgeMin = 25, kCleanAgeMax = 55;
// Other deceased citizens per roster row and month in a later month's extract (the generator's
// yearly rate, kOtherDeathsPerRow = 0.04, over twelve months).
constexpr double kOtherDeathsPerRowMonth = 0.04 / 12;

const std::vector<std::string> kFarming = {"petani", "buruh_tani", "petani_tembakau",
                                           "buruh_tani_tembakau", "buruh_pabrik_rokok"};
const std::vector<std::string> kOtherWork = {"nelayan",     "pedagang_kecil", "tukang_becak",
                                             "tukang_batu", "ojek",           "lainnya"};

struct RegencySpec {
  std::string code, name, short_name;
  std::int64_t workers;
  std::uint64_t seed;
  int foreign_serial_from;
  std::vector<StoryProgram> programs;
  int deaths_second, deaths_open;  // covered deaths in the second and the open month
  int refusals;
};

std::vector<RegencySpec> Specs() {
  StoryProgram pasuruan{.name = "Perlindungan Jaminan Sosial Pekerja Rentan 2025",
                        .funding = "DBHCHT",
                        .budget = 2'800'000'000,
                        .budget_decree = "DPA Disnaker Kab. Pasuruan 2025",
                        .budget_decree_date = "2025-01-02",
                        .quota = 28'448};
  StoryProgram probolinggo{.name = "Jaminan Sosial Ketenagakerjaan Pekerja Rentan DBHCHT 2025",
                           .funding = "DBHCHT",
                           .budget = 1'815'000'000,
                           .budget_decree = "DPA Disnaker Kab. Probolinggo 2025",
                           .budget_decree_date = "2025-01-02",
                           .quota = 18'000};
  // The PAK adds 6,250 workers for October to December: 6,250 x Rp 16.800 x 3.
  probolinggo.revision = StoryRevision{
      2'130'000'000, "Perda Kab. Probolinggo 6/2025 (Perubahan APBD 2025)", "2025-08-20", 24'250};
  StoryProgram tuban_dbhcht{.name = "Perlindungan Petani dan Buruh Tani Tembakau (DBHCHT) 2025",
                            .funding = "DBHCHT",
                            .budget = 1'300'000'000,
                            .budget_decree = "DPA Disnakerin Kab. Tuban 2025",
                            .budget_decree_date = "2025-01-02",
                            .quota = 12'779,
                            .occupations = kFarming};
  StoryProgram tuban_apbd{.name = "Perlindungan Pekerja Rentan Sektor Lain (APBD) 2025",
                          .funding = "APBD",
                          .budget = 730'000'000,
                          .budget_decree = "DPA Disnakerin Kab. Tuban 2025",
                          .budget_decree_date = "2025-01-02",
                          .quota = 7'221,
                          .occupations = kOtherWork};
  // Pasuruan loses three covered workers in August: the article's three heirs paid Rp 10 juta.
  return {
      {.code = "35.14",
       .name = "Kabupaten Pasuruan",
       .short_name = "Kab. Pasuruan",
       .workers = 28'448,
       .seed = 1,
       .foreign_serial_from = 2001,
       .programs = {pasuruan},
       .deaths_second = 3,
       .deaths_open = 1,
       .refusals = 5},
      {.code = "35.13",
       .name = "Kabupaten Probolinggo",
       .short_name = "Kab. Probolinggo",
       .workers = 27'400,  // enough eligible for the PAK's 24,250 after verval
       .seed = 13,
       .foreign_serial_from = 4001,
       .programs = {probolinggo},
       .deaths_second = 2,
       .deaths_open = 1,
       .refusals = 5},
      {.code = "35.23",
       .name = "Kabupaten Tuban",
       .short_name = "Kab. Tuban",
       .workers = 20'000,
       .seed = 23,
       .foreign_serial_from = 6001,
       .programs = {tuban_dbhcht, tuban_apbd},
       .deaths_second = 2,
       .deaths_open = 1,
       .refusals = 5},
  };
}

// Cross-regency persons per (source, copy) pair of regency indexes.
struct CrossQuota {
  std::size_t source, copy;
  int persons;
};
constexpr CrossQuota kCrossQuotas[] = {{0, 1, 120}, {0, 2, 90}, {1, 2, 90}};

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::ranges::find(list, value) != list.end();
}

bool IsTobacco(std::string_view occupation) {
  const domain::Occupation* o = domain::FindOccupation(occupation);
  return o != nullptr && o->tobacco_sector;
}

// The roster's rows on no truth list, aged kCleanAgeMin-kCleanAgeMax on the reference date.
std::vector<std::int64_t> CleanRows(const DemoData& data) {
  std::vector<bool> planted(data.roster.size() + 1, false);
  auto mark = [&](std::int64_t id) {
    if (id > 0 && static_cast<std::size_t>(id) < planted.size()) planted[id] = true;
  };
  for (const auto& d : data.truth.duplicates) {
    mark(d.id_a);
    mark(d.id_b);
  }
  for (const auto& d : data.truth.deaths) mark(d.roster_id);
  for (const auto& m : data.truth.members) mark(m.roster_id);
  for (const auto& b : data.truth.bad_niks) mark(b.roster_id);
  std::vector<std::int64_t> out;
  for (const domain::Worker& w : data.roster) {
    if (planted[static_cast<std::size_t>(w.id)]) continue;
    const int age = domain::AgeInYears(w.birth_date, data.options.as_of);
    if (age < kCleanAgeMin || age > kCleanAgeMax) continue;
    out.push_back(w.id);
  }
  return out;
}

// Draws rows one at a time without replacement from a regency's clean rows that satisfy a
// filter; every draw of the regency (whatever the filter) marks the row used.
class Picker {
 public:
  Picker(const DemoData& data, std::uint64_t seed) : data_(data), rng_(seed) {
    clean_ = CleanRows(data);
  }

  template <typename Filter>
  std::int64_t Draw(const Filter& keep) {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < clean_.size(); ++i) {
      if (used_.contains(clean_[i])) continue;
      if (keep(data_.roster[static_cast<std::size_t>(clean_[i] - 1)])) open.push_back(i);
    }
    JARING_ASSERT(!open.empty(), "the demo story ran out of clean rows");
    const std::int64_t id = clean_[open[rng_.Below(open.size())]];
    used_.insert(id);
    return id;
  }

 private:
  const DemoData& data_;
  Random rng_;
  std::vector<std::int64_t> clean_;
  std::set<std::int64_t> used_;
};

// "H. Muhammad Nur Hidayat" back into a title and tokens.
PersonName NameOf(std::string_view full) {
  PersonName name;
  std::istringstream words{std::string(full)};
  std::string word;
  while (words >> word) {
    if (name.tokens.empty() && name.title.empty() && (word == "H." || word == "Hj.")) {
      name.title = word;
    } else {
      name.tokens.push_back(word);
    }
  }
  if (name.tokens.empty()) name.tokens.push_back(std::string(full));
  return name;
}

// The copy's name in the variant's form; "same" when the variant does not apply to the name.
std::pair<std::string, std::string> CopyName(Random& rng, const domain::Worker& person,
                                             std::size_t index) {
  const PersonName name = NameOf(person.name);
  std::optional<PersonName> variant;
  std::string kind;
  switch (index % 4) {
    case 1:
      variant = SpellingVariant(name);
      kind = "spelling";
      break;
    case 2:
      variant = AbbreviationVariant(rng, name);
      kind = "abbreviation";
      break;
    case 3:
      variant = TitleVariant(name, person.sex);
      kind = "title";
      break;
    default:
      break;
  }
  if (!variant || variant->Full() == person.name) return {person.name, "same"};
  return {variant->Full(), kind};
}

// A day of `period`'s month between `first` and `last` (inclusive).
year_month_day DayIn(Random& rng, std::string_view period, unsigned first, unsigned last) {
  const int year = std::stoi(std::string(period.substr(0, 4)));
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(period.substr(5, 2))));
  const unsigned day = first + static_cast<unsigned>(rng.Below(last - first + 1));
  return year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

DeathRecord DeathOf(const domain::Worker& w, year_month_day died) {
  DeathRecord d;
  d.nik = w.nik;
  d.name = w.name;
  d.sex = w.sex;
  d.birth_date = w.birth_date;
  d.death_date = died;
  d.village_code = w.village_code;
  return d;
}

// Another deceased citizen of the regency with a NIK no list holds (see the design notes).
DeathRecord OtherDeath(Random& rng, const domain::RegionIndex& regions, const std::string& regency,
                       year_month_day died, std::unordered_set<std::string>& niks) {
  const auto villages = regions.Within(regency, domain::RegionLevel::kVillage);
  const domain::Region& village = villages[rng.Below(villages.size())];
  const std::string district = village.code.substr(0, 8);
  DeathRecord d;
  d.sex = rng.Chance(0.5) ? domain::Sex::kMale : domain::Sex::kFemale;
  const int age = static_cast<int>(rng.Between(30, 92));
  const sys_days birth = sys_days{died} - days{age * 365 + static_cast<int>(rng.Below(365))};
  d.birth_date = year_month_day{birth};
  for (int serial = 9999; serial > 0; --serial) {
    auto nik = domain::EncodeNik(district, d.birth_date, d.sex, serial);
    JARING_ASSERT(nik.has_value(), "a district code of the region index encodes");
    if (niks.insert(*nik).second) {
      d.nik = *nik;
      break;
    }
  }
  const Ethnicity ethnicity =
      rng.Chance(MadureseShare(regency)) ? Ethnicity::kMadurese : Ethnicity::kJavanese;
  d.name = MakeName(rng, d.sex, ethnicity, static_cast<int>(d.birth_date.year())).Full();
  d.death_date = died;
  d.village_code = village.code;
  return d;
}

// The 16 digits the cross-regency check compares (services/cross_regency.cpp), or "".
std::string_view SoundNik(std::string_view nik) {
  if (nik.size() != 16 || nik.find_first_not_of("0123456789") != std::string_view::npos ||
      nik.ends_with("0000"))
    return {};
  return nik;
}

// Pairs of two regencies' rows that the cross-regency check's rules 3 and 4 match although
// they share no NIK (the cross-regency persons are matched by rule 1 and are not listed).
std::vector<CrossCoincidence> Coincidences(const std::vector<StoryRegency>& regencies) {
  struct Keys {
    std::string name_birth_sex, nik12_name;
    bool sound = false;
  };
  std::vector<std::vector<Keys>> keys(regencies.size());
  for (std::size_t r = 0; r < regencies.size(); ++r) {
    for (const domain::Worker& w : regencies[r].data.roster) {
      Keys k;
      const std::string name_key =
          domain::NormalizeName(w.name_original.empty() ? w.name : w.name_original).phonetic;
      const std::string_view nik = SoundNik(w.nik);
      k.sound = !nik.empty();
      if (!name_key.empty() && w.birth_date.ok()) {
        k.name_birth_sex = name_key + "|" + domain::FormatIsoDate(w.birth_date) + "|" +
                           std::string(domain::ToCode(w.sex));
      }
      if (k.sound && !name_key.empty())
        k.nik12_name = std::string(nik.substr(0, 12)) + "|" + name_key;
      keys[r].push_back(std::move(k));
    }
  }
  std::vector<CrossCoincidence> out;
  for (std::size_t a = 0; a < regencies.size(); ++a) {
    for (std::size_t b = a + 1; b < regencies.size(); ++b) {
      std::map<std::string, std::vector<std::size_t>> by_nbs, by_n12;
      for (std::size_t i = 0; i < keys[b].size(); ++i) {
        if (!keys[b][i].name_birth_sex.empty()) by_nbs[keys[b][i].name_birth_sex].push_back(i);
        if (!keys[b][i].nik12_name.empty()) by_n12[keys[b][i].nik12_name].push_back(i);
      }
      const auto& ra = regencies[a].data.roster;
      const auto& rb = regencies[b].data.roster;
      for (std::size_t i = 0; i < keys[a].size(); ++i) {
        std::map<std::size_t, int> rules;  // row of b -> the first rule that matches
        if (auto it = by_n12.find(keys[a][i].nik12_name);
            !keys[a][i].nik12_name.empty() && it != by_n12.end()) {
          for (std::size_t j : it->second) rules.emplace(j, 3);
        }
        if (auto it = by_nbs.find(keys[a][i].name_birth_sex);
            !keys[a][i].name_birth_sex.empty() && it != by_nbs.end()) {
          for (std::size_t j : it->second) {
            if (!keys[a][i].sound || !keys[b][j].sound) rules.emplace(j, 4);
          }
        }
        for (const auto& [j, rule] : rules) {
          if (!SoundNik(ra[i].nik).empty() && ra[i].nik == rb[j].nik) continue;  // one person
          out.push_back({a, b, ra[i].id, rb[j].id, rule});
        }
      }
    }
  }
  return out;
}

std::int64_t CountHouseholds(const std::vector<domain::Worker>& roster) {
  std::set<std::string> kks;
  for (const auto& w : roster) kks.insert(w.kk);
  return static_cast<std::int64_t>(kks.size());
}

// ---- Files ----

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Fail(Error::Unavailable("berkas tidak dapat ditulis: " + path.string()));
  return {};
}

std::string Iso(year_month_day d) { return domain::FormatIsoDate(d); }

// A CSV of the story's truth: header, then rows of cells.
std::string CsvText(std::initializer_list<std::string_view> header,
                    const std::vector<std::vector<std::string>>& rows) {
  std::ostringstream out;
  {
    formats::CsvWriter w(out);
    w.WriteRow(header);
    for (const auto& row : rows) w.WriteRow(row);
  }
  return out.str();
}

std::string Rupiah(std::int64_t value) {
  return domain::FormatRupiah(domain::Money::Rupiah(value));
}

// What the source and the copy decide in the first month: "accepted", "rejected" or "" (no
// finding: the record was off the other list by then).
std::pair<std::string, std::string> Decisions(CrossOutcome outcome) {
  switch (outcome) {
    case CrossOutcome::kSourceRemoves:
      return {"accepted", ""};
    case CrossOutcome::kCopyRemoves:
      return {"rejected", "accepted"};
    case CrossOutcome::kBothKeep:
      return {"rejected", "rejected"};
  }
  return {"", ""};
}

// A note on top of the generator's truth/README.md: this roster is the story's.
std::string RegencyNote(const StoryPlan& plan, std::size_t r) {
  const StoryRegency& regency = plan.regencies[r];
  const DemoOptions& o = regency.data.options;
  int copies = 0, copied = 0;
  for (const CrossPerson& c : plan.cross) {
    copies += c.copy == r;
    copied += c.source == r;
  }
  std::ostringstream out;
  out << "> **Demo story, " << regency.name
      << ".** This roster is the story's, not `jaring demo`'s:\n"
      << "> generated with seed " << o.seed
      << " and NIK serials of people born outside the regency\n"
      << "> from " << o.foreign_serial_from << " (`DemoOptions::foreign_serial_from`), then "
      << copies
      << " clean rows were\n> replaced by persons of another story regency (`copy_id` in\n"
      << "> ../../truth/cross_regency.csv); " << copied
      << " of its own clean rows are persons another\n"
      << "> regency copied (`source_id`). Every list below still holds exactly; the story's own "
         "files\n"
      << "> are in ../../truth/ (see ../../README.md).\n\n";
  return out.str();
}

std::string StoryReadme(const StoryPlan& plan) {
  std::ostringstream r;
  r << "# The demo story: three regencies, two settled months\n\n"
    << "Written by `jaring demo story --out DIR`; `jaring serve --demo-story` (and `jaring demo "
       "seed\n"
    << "--story`) tells the same story into an empty database through jaring's services, exactly "
       "as\n"
    << "these files describe it. The files never change unless the code does. Ids are row ids of "
       "the\n"
    << "regency's `roster.csv` (in the database: a worker's `source_id`), `deaths*.csv` and\n"
    << "`members.csv`. Every CSV has a header row and reads with python3's `csv.DictReader`.\n\n"
    << "## The regencies\n\n"
    << "| code | regency | roster rows | programs |\n| --- | --- | ---: | --- |\n";
  for (const StoryRegency& regency : plan.regencies) {
    r << "| " << regency.code() << " | " << regency.name << " | " << regency.data.roster.size()
      << " | ";
    for (std::size_t i = 0; i < regency.programs.size(); ++i) {
      const StoryProgram& p = regency.programs[i];
      r << (i > 0 ? "; " : "") << p.funding << ", quota " << p.quota << ", " << Rupiah(p.budget);
      if (p.revision) {
        r << " (PAK " << p.revision->date << ": " << Rupiah(p.revision->budget) << " for a planned "
          << p.revision->planned_quota << ")";
      }
    }
    r << " |\n";
  }
  r << "\nThey are verified in this order every month (so the first of two regencies that "
       "register\n"
    << "one person is the first to see it). Each roster comes from the demo generator with its "
       "own\n"
    << "seed and carries the generator's planted trouble, listed in `<code>/truth/` (its README\n"
    << "explains duplicates.csv, deaths.csv, members.csv and bad_nik.csv).\n\n"
    << "## What happens (dates in Jakarta time; the database shows them)\n\n"
    << "1. " << Iso(StoryCalendar::kAccounts) << ": the demo accounts are made. "
    << Iso(StoryCalendar::kPrograms) << ": each program is recorded (`truth/programs.csv`; on an\n"
    << "   empty database their ids are 1, 2, 3, 4 in that file's order).\n"
    << "2. " << kStoryFirstMonth << " (from " << Iso(StoryCalendar::kFirstExtracts) << ", settled "
    << Iso(StoryCalendar::kFirstSettled) << "): each regency imports `deaths.csv` and\n"
    << "   `members.csv` of its folder for the month, runs verval, and its verifier decides every\n"
    << "   finding: **accepts what these files plant** (duplicates within one planted group, "
       "deaths,\n"
    << "   memberships, the age and domicile facts, NIK notes) **and rejects the rest** (a "
       "finding\n"
    << "   these files do not name is a false one); `other_regency` findings are decided as\n"
    << "   `truth/cross_regency.csv` says. The month is settled. What verval finds of the planted\n"
    << "   trouble is the matching engine's recall (docs/demo.md counts it for this story: every\n"
    << "   planted death, duplicate and cross-regency person; all memberships but a handful).\n"
    << "3. " << Iso(StoryCalendar::kBatch) << " - " << Iso(StoryCalendar::kAnswer)
    << ": each program selects a batch from the settled " << kStoryFirstMonth << ", a verifier\n"
    << "   approves it, and the BPJS branch answers: everyone accepted with cover from "
    << Iso(StoryCalendar::kCoverFrom) << ",\n"
    << "   except `truth/branch_refusals.csv`.\n"
    << "4. " << kStorySecondMonth << " (from " << Iso(StoryCalendar::kSecondExtracts)
    << ", settled " << Iso(StoryCalendar::kSecondSettled) << "): `deaths-" << kStorySecondMonth
    << ".csv` and\n"
    << "   `members.csv` again; the same verifier's rules; settling opens a JKM case for each\n"
    << "   death of a covered worker (`truth/covered_deaths.csv`, period " << kStorySecondMonth
    << ": Rp 10.000.000 each,\n"
    << "   a death in the first three months of membership). Then each program's bill for "
    << kStorySecondMonth << " is\n"
    << "   issued and paid in full on " << Iso(StoryCalendar::kPaid) << " (reference\n"
    << "   `SP2D-<program id>/" << kStorySecondMonth << "`).\n"
    << "5. " << Iso(StoryCalendar::kPak) << ": Probolinggo's PAK revises its program's budget.\n"
    << "6. " << kStoryOpenMonth
    << " is left open: in demo-story mode the verval page of each story\n"
    << "   regency opens on it and offers `deaths-" << kStoryOpenMonth
    << ".csv` and `members.csv` to download; the\n"
    << "   covered deaths of period " << kStoryOpenMonth
    << " in `truth/covered_deaths.csv` open their cases when a newcomer\n"
    << "   settles the month.\n\n"
    << "## Files\n\n"
    << "- `<code>/roster.csv`, `<code>/deaths.csv`, `<code>/members.csv`, `<code>/truth/`: as\n"
    << "  `jaring demo` writes them (deaths.csv is " << kStoryFirstMonth
    << "'s extract, members.csv every\n"
    << "  month's), for the story's roster.\n"
    << "- `<code>/deaths-" << kStorySecondMonth << ".csv`, `<code>/deaths-" << kStoryOpenMonth
    << ".csv`: the later months' death extracts (the covered\n"
    << "  deaths among other deceased citizens of the regency, whose NIKs no list holds).\n"
    << "- `truth/regencies.csv`: `regency_code,name,roster_rows,seed,foreign_serial_from`.\n"
    << "- `truth/programs.csv`: "
       "`regency_code,program,name,funding,budget,quota,period_from,period_to,\n"
    << "  occupations,revision_budget,revision_decree,revision_date,planned_quota`; `program` "
       "counts\n"
    << "  from 1 within the regency; `occupations` separated by `;`, empty for every occupation;\n"
    << "  the revision columns are empty without a PAK. `planned_quota` is the quota the PAK sets\n"
    << "  (the program's quota in force from the PAK on; `quota` stays the one it was created with).\n"
    << "- `truth/cross_regency.csv`: "
       "`nik,source_regency,source_id,copy_regency,copy_id,copy_name,\n"
    << "  outcome,source_decision,copy_decision,source_keeps,copy_keeps`: a person of the "
       "source's\n"
    << "  roster entered again by the copying regency (same NIK, sex, birth date, KK, occupation;\n"
    << "  the copy's village and address are the slot's, `copy_name` says how the name is "
       "written:\n"
    << "  `same`, `spelling`, `abbreviation`, `title`). The source is verified first. `outcome`:\n"
    << "  `source_removes` (the source accepts its `other_regency` finding, the copy never sees "
       "one),\n"
    << "  `copy_removes` (the source rejects, the copy accepts), `both_keep` (both reject, in "
       "every\n"
    << "  settled month: the person stays on two lists and is enrolled by both). `*_decision` is "
       "the\n"
    << "  first month's (`\"\"`: no finding); `*_keeps` 1 when the person stays on that list.\n"
    << "- `truth/cross_regency_coincidences.csv`: "
       "`regency_a,id_a,regency_b,id_b,rule,name_a,name_b,\n"
    << "  nik_a,nik_b`: two different people whom the cross-regency check cannot tell apart (rule "
       "3:\n"
    << "  the same first 12 NIK digits and name; rule 4: the same name, birth date and sex where "
       "one\n"
    << "  has no sound NIK, mostly one-word names such as Slamet). When verval finds one (the "
       "other\n"
    << "  record must still be on its list then) the verifier rejects it: both stay where they "
       "are.\n"
    << "- `truth/covered_deaths.csv`: "
       "`regency_code,period,roster_id,nik,name,death_date,death_id,\n"
    << "  program,benefit`: workers who die covered; `death_id` is the row in that month's "
       "extract,\n"
    << "  `benefit` the JKM owed in rupiah.\n"
    << "- `truth/branch_refusals.csv`: `regency_code,program,roster_id,nik,reason`: persons the\n"
    << "  branch refuses in its answer (no cover).\n\n"
    << "## What else holds\n\n"
    << "- Rosters of different regencies share no 16-digit NIK except the cross-regency persons'\n"
    << "  (each regency's people born elsewhere get NIK serials of its own range,\n"
    << "  `foreign_serial_from`): every `other_regency` finding is a row of\n"
    << "  `truth/cross_regency.csv` or of `truth/cross_regency_coincidences.csv`.\n"
    << "- The persons the story picks (cross-regency, covered deaths, refusals) are on no list of\n"
    << "  `<code>/truth/`, hold a sound NIK, are 25-55 years old on 1 July 2025 and work in the "
       "tobacco\n"
    << "  sector (Tuban's APBD death: one of that program's occupations), so every program enrols\n"
    << "  them whatever its quota.\n";
  return r.str();
}
}  // namespace

std::string_view ToCode(CrossOutcome outcome) {
  switch (outcome) {
    case CrossOutcome::kSourceRemoves:
      return "source_removes";
    case CrossOutcome::kCopyRemoves:
      return "copy_removes";
    case CrossOutcome::kBothKeep:
      return "both_keep";
  }
  return "both_keep";
}

const std::vector<DeathRecord>& StoryRegency::DeathsOf(std::string_view period) const {
  if (period == kStoryFirstMonth) return data.deaths;
  const auto it = later_deaths.find(period);
  static const std::vector<DeathRecord> kNone;
  return it == later_deaths.end() ? kNone : it->second;
}

std::optional<std::size_t> StoryRegency::ProgramFor(std::string_view occupation) const {
  for (std::size_t i = 0; i < programs.size(); ++i) {
    if (programs[i].occupations.empty() || Contains(programs[i].occupations, occupation)) return i;
  }
  return std::nullopt;
}

const StoryRegency* StoryPlan::Find(std::string_view regency_code) const {
  for (const auto& r : regencies) {
    if (r.code() == regency_code) return &r;
  }
  return nullptr;
}

const std::vector<std::string>& StoryRegencyCodes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    for (const auto& s : Specs()) out.push_back(s.code);
    return out;
  }();
  return codes;
}

const std::map<std::string, std::int64_t, std::less<>>& StoryRosterRows() {
  static const std::map<std::string, std::int64_t, std::less<>> rows = [] {
    std::map<std::string, std::int64_t, std::less<>> out;
    for (const auto& s : Specs()) out[s.code] = s.workers;
    return out;
  }();
  return rows;
}

Result<StoryPlan> PlanStory(const domain::RegionIndex& regions) {
  StoryPlan plan;
  std::vector<RegencySpec> specs = Specs();
  for (const RegencySpec& spec : specs) {
    DemoOptions options;
    options.regency_code = spec.code;
    options.workers = spec.workers;
    options.seed = spec.seed;
    options.foreign_serial_from = spec.foreign_serial_from;
    auto data = GenerateDemo(options, regions);
    if (!data) return Fail(std::move(data.error()));
    StoryRegency regency;
    regency.name = spec.name;
    regency.short_name = spec.short_name;
    regency.data = std::move(*data);
    regency.programs = spec.programs;
    plan.regencies.push_back(std::move(regency));
  }

  std::vector<Picker> pickers;
  for (std::size_t r = 0; r < plan.regencies.size(); ++r) {
    pickers.emplace_back(plan.regencies[r].data, kStorySeed + 17 * r);
  }
  auto roster_row = [&](std::size_t r, std::int64_t id) -> domain::Worker& {
    return plan.regencies[r].data.roster[static_cast<std::size_t>(id - 1)];
  };
  const auto tobacco = [](const domain::Worker& w) { return IsTobacco(w.occupation); };
  const auto any = [](const domain::Worker&) { return true; };

  // Cross-regency persons: the source's person entered again by the copying regency in place of
  // one of its clean rows, keeping that row's village and address.
  Random cross_rng(kStorySeed + 1);
  for (const CrossQuota& q : kCrossQuotas) {
    for (int i = 0; i < q.persons; ++i) {
      CrossPerson c;
      c.source = q.source;
      c.copy = q.copy;
      c.source_id = pickers[q.source].Draw(tobacco);
      c.copy_id = pickers[q.copy].Draw(any);
      const domain::Worker& person = roster_row(q.source, c.source_id);
      domain::Worker& slot = roster_row(q.copy, c.copy_id);
      auto [name, variant] = CopyName(cross_rng, person, plan.cross.size());
      slot.nik = person.nik;
      slot.kk = person.kk;  // his family card, from home
      slot.name = name;
      slot.name_original = name;
      slot.sex = person.sex;
      slot.birth_place = person.birth_place;
      slot.birth_date = person.birth_date;
      slot.occupation = person.occupation;
      slot.phone = person.phone;
      c.nik = person.nik;
      c.variant = std::move(variant);
      c.outcome = static_cast<CrossOutcome>(plan.cross.size() % 3);
      plan.cross.push_back(std::move(c));
    }
  }

  // The rosters share no NIK of 16 digits (what cross-regency matching compares) but the
  // cross-regency persons' (DemoOptions::foreign_serial_from): checked, as the truth files say
  // so. Excel's "3.51304E+15" is shared by design, and compared by nobody.
  {
    std::map<std::string, std::size_t> holder;
    std::set<std::string> crossing;
    for (const CrossPerson& c : plan.cross) crossing.insert(c.nik);
    for (std::size_t r = 0; r < plan.regencies.size(); ++r) {
      for (const auto& w : plan.regencies[r].data.roster) {
        if (w.nik.size() != 16 || w.nik.find_first_not_of("0123456789") != std::string::npos)
          continue;
        const auto [it, fresh] = holder.emplace(w.nik, r);
        if (!fresh && it->second != r && !crossing.contains(w.nik)) {
          return Fail(Error::Internal("demo story: NIK " + w.nik + " in two rosters"));
        }
      }
    }
  }

  plan.coincidences = Coincidences(plan.regencies);

  // Every NIK on a list, so that the other deaths of later months get fresh ones.
  std::unordered_set<std::string> niks;
  for (const auto& r : plan.regencies) {
    for (const auto& w : r.data.roster) niks.insert(w.nik);
    for (const auto& d : r.data.deaths) niks.insert(d.nik);
    for (const auto& m : r.data.members) niks.insert(m.nik);
  }

  Random event_rng(kStorySeed + 2);
  for (std::size_t r = 0; r < plan.regencies.size(); ++r) {
    StoryRegency& regency = plan.regencies[r];
    const RegencySpec& spec = specs[r];
    // Covered deaths: the second program (Tuban's APBD) loses one worker in the second month.
    struct Planned {
      std::string period;
      std::int64_t id;
      year_month_day died;
    };
    std::vector<Planned> planned;
    for (int i = 0; i < spec.deaths_second; ++i) {
      const bool other_program = regency.programs.size() > 1 && i == spec.deaths_second - 1;
      const std::int64_t id = other_program ? pickers[r].Draw([&](const domain::Worker& w) {
        return Contains(regency.programs[1].occupations, w.occupation);
      })
                                            : pickers[r].Draw(tobacco);
      planned.push_back(
          {std::string(kStorySecondMonth), id, DayIn(event_rng, kStorySecondMonth, 1, 7)});
    }
    for (int i = 0; i < spec.deaths_open; ++i) {
      planned.push_back({std::string(kStoryOpenMonth), pickers[r].Draw(tobacco),
                         DayIn(event_rng, kStoryOpenMonth, 1, 10)});
    }
    for (int i = 0; i < spec.refusals; ++i) {
      const std::int64_t id = pickers[r].Draw(tobacco);
      static constexpr std::string_view kReasons[] = {
          "NIK tidak ditemukan di Dukcapil", "Terdaftar aktif sebagai peserta penerima upah",
          "Data kependudukan tidak padan (nama/tanggal lahir)"};
      regency.refusals.push_back(
          {id, *regency.ProgramFor(roster_row(r, id).occupation), std::string(kReasons[i % 3])});
    }
    std::ranges::sort(regency.refusals, {}, &BranchRefusal::roster_id);

    // The later months' death extracts: the planned deaths among the regency's other deceased
    // citizens, ids in death-date order.
    for (std::string_view period : {kStorySecondMonth, kStoryOpenMonth}) {
      std::vector<std::pair<DeathRecord, std::int64_t>> rows;  // record, roster id (0: none)
      for (const Planned& p : planned) {
        if (p.period == period) rows.emplace_back(DeathOf(roster_row(r, p.id), p.died), p.id);
      }
      const auto others = static_cast<int>(
          std::lround(static_cast<double>(spec.workers) * kOtherDeathsPerRowMonth));
      const unsigned last = period == kStorySecondMonth ? 7 : 10;
      for (int i = 0; i < others; ++i) {
        rows.emplace_back(
            OtherDeath(event_rng, regions, spec.code, DayIn(event_rng, period, 1, last), niks), 0);
      }
      std::ranges::stable_sort(rows, [](const auto& a, const auto& b) {
        return sys_days{a.first.death_date} < sys_days{b.first.death_date};
      });
      std::vector<DeathRecord>& extract = regency.later_deaths[std::string(period)];
      for (auto& [record, roster_id] : rows) {
        record.id = static_cast<std::int64_t>(extract.size()) + 1;
        if (roster_id != 0) {
          regency.covered_deaths.push_back(
              {std::string(period), roster_id, record.id, record.death_date,
               *regency.ProgramFor(roster_row(r, roster_id).occupation)});
        }
        extract.push_back(std::move(record));
      }
    }
    regency.data.summary.households = CountHouseholds(regency.data.roster);
  }
  return plan;
}

Status WriteStory(const StoryPlan& plan, const fs::path& dir) {
  for (std::size_t r = 0; r < plan.regencies.size(); ++r) {
    const StoryRegency& regency = plan.regencies[r];
    const fs::path folder = dir / regency.code();
    if (auto ok = WriteDemo(regency.data, folder); !ok) return ok;
    for (const auto& [period, deaths] : regency.later_deaths) {
      if (auto ok = WriteFile(folder / ("deaths-" + period + ".csv"), DeathsCsv(deaths)); !ok)
        return ok;
    }
    const fs::path readme = folder / "truth" / "README.md";
    std::ifstream in(readme, std::ios::binary);
    std::ostringstream generated;
    generated << in.rdbuf();
    if (auto ok = WriteFile(readme, RegencyNote(plan, r) + generated.str()); !ok) return ok;
  }
  std::error_code ec;
  fs::create_directories(dir / "truth", ec);
  if (ec) return Fail(Error::Unavailable("folder tidak dapat dibuat: " + (dir / "truth").string()));

  std::vector<std::vector<std::string>> regencies, programs, cross, deaths, refusals, coincidences;
  for (const CrossCoincidence& c : plan.coincidences) {
    const auto& a = plan.regencies[c.a].data.roster[static_cast<std::size_t>(c.id_a - 1)];
    const auto& b = plan.regencies[c.b].data.roster[static_cast<std::size_t>(c.id_b - 1)];
    coincidences.push_back({plan.regencies[c.a].code(), std::to_string(c.id_a),
                            plan.regencies[c.b].code(), std::to_string(c.id_b),
                            std::to_string(c.rule), a.name, b.name, a.nik, b.nik});
  }
  for (const StoryRegency& regency : plan.regencies) {
    const DemoOptions& o = regency.data.options;
    regencies.push_back({regency.code(), regency.name, std::to_string(regency.data.roster.size()),
                         std::to_string(o.seed), std::to_string(o.foreign_serial_from)});
    for (std::size_t i = 0; i < regency.programs.size(); ++i) {
      const StoryProgram& p = regency.programs[i];
      std::string occupations;
      for (const auto& code : p.occupations) occupations += (occupations.empty() ? "" : ";") + code;
      const auto& rev = p.revision;
      programs.push_back({regency.code(), std::to_string(i + 1), p.name, p.funding,
                          std::to_string(p.budget), std::to_string(p.quota), p.from, p.to,
                          occupations, rev ? std::to_string(rev->budget) : "",
                          rev ? rev->decree : "", rev ? rev->date : "",
                          rev ? std::to_string(rev->planned_quota) : ""});
    }
    for (const CoveredDeath& d : regency.covered_deaths) {
      const domain::Worker& w = regency.data.roster[static_cast<std::size_t>(d.roster_id - 1)];
      deaths.push_back({regency.code(), d.period, std::to_string(d.roster_id), w.nik, w.name,
                        Iso(d.death_date), std::to_string(d.death_id),
                        std::to_string(d.program + 1), "10000000"});
    }
    for (const BranchRefusal& f : regency.refusals) {
      refusals.push_back(
          {regency.code(), std::to_string(f.program + 1), std::to_string(f.roster_id),
           regency.data.roster[static_cast<std::size_t>(f.roster_id - 1)].nik, f.reason});
    }
  }
  for (const CrossPerson& c : plan.cross) {
    const auto [source_decision, copy_decision] = Decisions(c.outcome);
    cross.push_back({c.nik, plan.regencies[c.source].code(), std::to_string(c.source_id),
                     plan.regencies[c.copy].code(), std::to_string(c.copy_id), c.variant,
                     std::string(ToCode(c.outcome)), source_decision, copy_decision,
                     c.outcome == CrossOutcome::kSourceRemoves ? "0" : "1",
                     c.outcome == CrossOutcome::kCopyRemoves ? "0" : "1"});
  }
  const fs::path t = dir / "truth";
  const std::pair<fs::path, std::string> files[] = {
      {dir / "README.md", StoryReadme(plan)},
      {t / "regencies.csv",
       CsvText({"regency_code", "name", "roster_rows", "seed", "foreign_serial_from"}, regencies)},
      {t / "programs.csv", CsvText({"regency_code", "program", "name", "funding", "budget", "quota",
                                    "period_from", "period_to", "occupations", "revision_budget",
                                    "revision_decree", "revision_date", "planned_quota"},
                                   programs)},
      {t / "cross_regency.csv",
       CsvText({"nik", "source_regency", "source_id", "copy_regency", "copy_id", "copy_name",
                "outcome", "source_decision", "copy_decision", "source_keeps", "copy_keeps"},
               cross)},
      {t / "covered_deaths.csv", CsvText({"regency_code", "period", "roster_id", "nik", "name",
                                          "death_date", "death_id", "program", "benefit"},
                                         deaths)},
      {t / "cross_regency_coincidences.csv", CsvText({"regency_a", "id_a", "regency_b", "id_b",
                                                      "rule", "name_a", "name_b", "nik_a", "nik_b"},
                                                     coincidences)},
      {t / "branch_refusals.csv",
       CsvText({"regency_code", "program", "roster_id", "nik", "reason"}, refusals)},
  };
  for (const auto& [path, text] : files) {
    if (auto ok = WriteFile(path, text); !ok) return ok;
  }
  return {};
}

}  // namespace jaring::demo
