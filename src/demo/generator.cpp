#include "demo/generator.hpp"

// Design notes.
//
// One job in one file (about 1,200 lines): the generator draws everything from one random
// stream in one fixed order, and that order is what makes the output byte-identical for a seed;
// split across files, a change in one part would silently shift every later draw.
//
// Order of work. Villages are visited in code order (a regency's list is compiled from the
// villages' lists), each with a quota of people fixed up front: village weights vary (a few
// large villages, many small ones) and every district gets at least one person when there are
// enough people. Inside a village, households of 1-3 workers (a single worker, husband and wife,
// a parent and grown child, or both parents and a child) share a KK number and an address.
//
// Rows. Each generated person is an "original" row. Exactly round(3 % of rows) originals are
// chosen by selection sampling to be entered a second time; the copy (with a variant, see
// DuplicateKind) waits in a queue and is emitted a random number of rows later, so that roster
// ids are 1..workers with no gaps and the row count is exact.
//
// Uniqueness. A NIK serial is unique per (district, birth date, sex): a counter per key hands out
// 1, 2, 3, ... (dense arrays for the regency's own districts, a hash map for districts
// elsewhere, whose counters start at DemoOptions::foreign_serial_from). A copy whose NIK "had a
// digit changed" claims a serial above the key's counter, so no two people ever share a NIK by
// accident. KK serials work the same way per (district, issue date). Death and membership rows of
// people not on the roster draw serials from the same counters, so they never collide with the
// roster either.
//
// Truth. A truth row is written when the roster row it names is emitted, from the facts used to
// make it (never by comparing outputs afterwards). Every planted bad NIK is re-parsed with the
// domain parser and must show the planted issue (JARING_ASSERT): the truth cannot drift from
// what ParseNik says. Deaths and members get their ids after sorting (by death date, by KPJ),
// and the truth is remapped.
//
// Determinism. One jaring::Random per concern (villages, people, extracts), all forked from
// the seed; no unordered container is iterated; doubles only weight choices.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <queue>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/random.hpp"
#include "demo/names.hpp"
#include "domain/date_format.hpp"
#include "domain/nik.hpp"
#include "domain/occupation.hpp"

namespace jaring::demo::internal {
namespace {

using domain::NikIssue;
using domain::Region;
using domain::RegionLevel;
using domain::Sex;
using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// ---- Rates (documented in demo.hpp and truth/README.md) ----
constexpr double kDuplicateShare = 0.03;      // of roster rows
constexpr double kBadNikShare = 0.015;        // of originals
constexpr double kExcelShare = 0.01;          // of originals
constexpr double kBpuMemberShare = 0.01;      // of originals
constexpr double kOtherDeathsPerRow = 0.04;   // non-roster deaths.csv rows per roster row
constexpr double kOtherMembersPerRow = 0.07;  // non-roster members.csv rows per roster row
constexpr int kNikDayspan = 36600;            // serial counters cover birth dates this far back

// Dead within the year before as_of: more likely with age. About 1 % over the roster.
double DeathChance(int age) {
  if (age < 40) return 0.004;
  if (age < 55) return 0.009;
  if (age < 65) return 0.020;
  return 0.038;
}

// Already a wage-earning (PU) member: factory and plantation jobs go to the young.
double WageMemberChance(int age) {
  if (age < 20) return 0.010;
  if (age <= 45) return 0.038;
  if (age <= 55) return 0.018;
  return 0.004;
}

// Ages on the reference date: a list of the program's range [15, 65) kept for some years, so
// nobody is younger than 17, and the oldest are those who turned 65 in the year before as_of
// and still stand on it (verval's aged-out finding; about 1 % of rows). Older people are not
// on the list: they aged out years ago and were removed.
constexpr int kMinAge = 17;
constexpr int kMaxAge = 65;

int AgeWeight(int age) {
  if (age < 25) return 5;
  if (age < 35) return 9;
  if (age < 55) return 12;
  if (age < 65) return 9;
  return 5;
}

sys_days YearsBefore(year_month_day date, int years) {
  year_month_day r{date.year() - std::chrono::years{years}, date.month(), date.day()};
  if (!r.ok())
    r = year_month_day{
        std::chrono::year_month_day_last{r.year(), std::chrono::month_day_last{r.month()}}};
  return sys_days{r};
}

// A birth date that makes the holder exactly `age` on `at`.
year_month_day BirthDateForAge(Random& rng, year_month_day at, int age) {
  const sys_days hi = YearsBefore(at, age);
  const sys_days lo = YearsBefore(at, age + 1) + days{1};
  const auto span = static_cast<std::uint64_t>((hi - lo).count()) + 1;
  return year_month_day{lo + days{static_cast<int>(rng.Below(span))}};
}

std::string TitleCaseRegencyName(std::string_view name) {
  for (std::string_view prefix : {"Kabupaten ", "Kota ", "Kab. "}) {
    if (name.starts_with(prefix)) {
      name.remove_prefix(prefix.size());
      break;
    }
  }
  return std::string(name);
}

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Appends `value` zero-padded to `width` digits (snprintf is a tenth of the run time otherwise).
void PutDigits(std::string& out, int value, int width) {
  char buf[12];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 && n < 11);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[--n]);
}

// ---- Places ----

constexpr std::string_view kDusunNames[] = {
    "Krajan",    "Karanganyar", "Sumberejo",  "Tegalrejo", "Sidomulyo",    "Gondang",
    "Wonosari",  "Kedungrejo",  "Ngemplak",   "Sukorejo",  "Tambakan",     "Pandean",
    "Kauman",    "Sumbersari",  "Karangrejo", "Jatirejo",  "Kampung Baru", "Sawahan",
    "Ngadirejo", "Kebonsari",   "Tanjung",    "Mojosari",  "Candi",        "Bendungan",
    "Petung",    "Babatan",     "Watugede",   "Jurang",    "Gunungsari",   "Randu"};
constexpr std::string_view kStreets[] = {
    "Diponegoro",      "Ahmad Yani", "Pahlawan",       "Masjid",         "Mawar",
    "Melati",          "Kenanga",    "Sultan Agung",   "Gajah Mada",     "Imam Bonjol",
    "Kartini",         "Pemuda",     "Veteran",        "Sunan Giri",     "KH. Hasyim Asyari",
    "Untung Suropati", "Sudirman",   "Kopral Sunaryo", "Raya Pesantren", "Anggrek",
    "Flamboyan",       "Cempaka"};

struct VillageInfo {
  const Region* region = nullptr;
  std::size_t district = 0;  // index into Generator::districts_
  double weight = 1;
  bool kelurahan = false;
  std::vector<std::string_view> dusun;  // 2-6 hamlets, usually with Krajan
};

struct DistrictInfo {
  const Region* region = nullptr;
  std::string compact;  // "351401"
  std::size_t first_village = 0, end_village = 0;
};

struct OtherRegency {
  std::string birth_place;
  std::span<const Region> districts;
};

struct Address {
  bool street = false;
  std::string name;  // hamlet or street
  int number = 0;
  int rt = 1, rw = 1;
};

// Canonical: "Dusun Krajan RT 002 RW 001", "Jl. Diponegoro No. 12 RT 003 RW 002".
// Other styles are how a second entry of the same person may be written.
std::string FormatAddress(const Address& a, int style) {
  if (style == 0) {  // the hot path: every original row
    std::string out = a.street ? "Jl. " : "Dusun ";
    out += a.name;
    if (a.street) {
      out += " No. ";
      PutDigits(out, a.number, 1);
    }
    out += " RT ";
    PutDigits(out, a.rt, 3);
    out += " RW ";
    PutDigits(out, a.rw, 3);
    return out;
  }
  char buf[160];
  if (a.street) {
    switch (style) {
      case 1:
        std::snprintf(buf, sizeof buf, "Jl %s %d RT %d/%d", a.name.c_str(), a.number, a.rt, a.rw);
        break;
      default:
        std::snprintf(buf, sizeof buf, "Jalan %s No.%d Rt.%02d Rw.%02d", a.name.c_str(), a.number,
                      a.rt, a.rw);
        break;
    }
  } else {
    switch (style) {
      case 1:
        std::snprintf(buf, sizeof buf, "Dsn. %s RT %02d/RW %02d", a.name.c_str(), a.rt, a.rw);
        break;
      default:
        std::snprintf(buf, sizeof buf, "Dsn %s Rt.%d Rw.%d", a.name.c_str(), a.rt, a.rw);
        break;
    }
  }
  return buf;
}

// ---- Serial counters ----

struct SerialKey {
  bool home = true;            // a district of the regency (dense) or elsewhere (sparse)
  std::uint32_t district = 0;  // home: index; elsewhere: compact code as a number
  std::int32_t day = 0;        // days since the counter's base date
  bool female = false;
};

class SerialCounter {
 public:
  // Districts outside the regency start at `foreign_from` (DemoOptions::foreign_serial_from).
  SerialCounter(std::size_t home_districts, std::size_t days_span, int foreign_from = 1)
      : days_span_(days_span),
        foreign_last_(static_cast<std::uint16_t>(foreign_from - 1)),
        dense_(home_districts * days_span * 2, 0) {}

  int Next(const SerialKey& key) {
    std::uint16_t& slot = Slot(key);
    JARING_ASSERT(slot < 9999, "at most 9999 serials per region and date");
    return ++slot;
  }
  // Reserves `serial` when it is above everything handed out so far for the key.
  bool Claim(const SerialKey& key, int serial) {
    std::uint16_t& slot = Slot(key);
    if (serial <= slot || serial > 9999) return false;
    slot = static_cast<std::uint16_t>(serial);
    return true;
  }

 private:
  std::uint16_t& Slot(const SerialKey& key) {
    JARING_ASSERT(key.day >= 0 && static_cast<std::size_t>(key.day) < days_span_,
                  "serial counter date in range");
    if (key.home) {
      return dense_[(key.district * days_span_ + static_cast<std::size_t>(key.day)) * 2 +
                    (key.female ? 1 : 0)];
    }
    const std::uint64_t packed = (std::uint64_t{key.district} << 32) |
                                 (static_cast<std::uint64_t>(key.day) << 1) |
                                 (key.female ? 1u : 0u);
    return sparse_.try_emplace(packed, foreign_last_).first->second;
  }

  std::size_t days_span_;
  std::uint16_t foreign_last_;
  std::vector<std::uint16_t> dense_;
  std::unordered_map<std::uint64_t, std::uint16_t> sparse_;
};

// ---- People ----

struct Person {
  domain::Worker w;
  PersonName name;
  std::string nik_true;  // the valid NIK (w.nik may be damaged)
  SerialKey serial_key;
  int serial = 0;
  int age = 0;
  std::optional<NikIssue> bad_reason;  // when w.nik is planted bad
};

struct PendingCopy {
  std::int64_t target_row = 0;  // emit once this many rows are out
  std::int64_t seq = 0;
  std::int64_t id_a = 0;
  DuplicateKind kind = DuplicateKind::kExact;
  domain::Worker w;
  std::optional<NikIssue> bad_reason;
  std::int64_t death_index = -1;
  DeathMatchKind death_kind = DeathMatchKind::kExact;
  std::int64_t member_index = -1;

  bool operator>(const PendingCopy& o) const {
    return target_row != o.target_row ? target_row > o.target_row : seq > o.seq;
  }
};

struct WeightedOccupation {
  std::string_view code;
  int male, female;
};
// A tobacco regency: many tobacco farmers and farm labourers, cigarette factories employing
// women, fishers on the coast, traders, masons and ojek drivers.
constexpr WeightedOccupation kOccupationWeights[] = {
    {"petani", 18, 10},
    {"buruh_tani", 16, 18},
    {"petani_tembakau", 14, 6},
    {"buruh_tani_tembakau", 16, 20},
    {"buruh_pabrik_rokok", 4, 14},
    {"nelayan", 4, 1},
    {"pedagang_kecil", 6, 16},
    {"tukang_becak", 3, 0},
    {"tukang_batu", 7, 0},
    {"ojek", 6, 0},
    {"lainnya", 7, 15},
};

constexpr std::string_view kPhonePrefixes[] = {"812", "813", "852", "853", "821", "822", "823",
                                               "857", "856", "858", "877", "878", "819", "859",
                                               "895", "896", "838", "831", "851", "881"};

struct DuplicateWeight {
  DuplicateKind kind;
  int weight;
};
constexpr DuplicateWeight kDuplicateWeights[] = {
    {DuplicateKind::kExact, 14},        {DuplicateKind::kSpelling, 10},
    {DuplicateKind::kAbbreviation, 12}, {DuplicateKind::kTitle, 7},
    {DuplicateKind::kTokenOrder, 7},    {DuplicateKind::kTypo, 20},
    {DuplicateKind::kShortName, 8},     {DuplicateKind::kNikDigit, 12},
    {DuplicateKind::kNikExcel, 8},
};

// "3514014507850003" -> "3.51401E+15": Excel's General format, 6 significant digits.
std::string ScientificForm(std::string_view digits) {
  std::uint64_t lead = 0;
  for (std::size_t i = 0; i < 7; ++i)
    lead = lead * 10 + static_cast<std::uint64_t>(digits[i] - '0');
  std::uint64_t mant = (lead + 5) / 10;  // 6 digits, rounded half up
  int exponent = static_cast<int>(digits.size()) - 1;
  if (mant >= 1'000'000) {
    mant /= 10;
    ++exponent;
  }
  std::string m = std::to_string(mant);
  std::string out(1, m[0]);
  std::string frac = m.substr(1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) out += "." + frac;
  char exp[8];
  std::snprintf(exp, sizeof exp, "E+%02d", exponent);
  return out + exp;
}

class Generator {
 public:
  Generator(const DemoOptions& options, const domain::RegionIndex& regions, const RowSink& sink,
            Progress* progress)
      : options_(options),
        regions_(regions),
        sink_(sink),
        progress_(progress),
        root_(options.seed),
        village_rng_(root_.Fork(1)),
        people_rng_(root_.Fork(2)),
        extract_rng_(root_.Fork(3)),
        as_of_days_(sys_days{options.as_of}),
        nik_base_(as_of_days_ - days{kNikDayspan - 1}),
        kk_first_(YearsBefore(options.as_of, 15)),
        kk_last_(as_of_days_ - days{30}) {}

  GeneratedExtras Run() {
    SetUp();
    const std::int64_t rows = options_.workers;
    const auto dup_total = static_cast<std::int64_t>(std::llround(rows * kDuplicateShare));
    originals_left_ = rows - dup_total;
    duplicates_left_ = dup_total;
    AllocateQuotas(originals_left_);

    for (std::size_t v = 0; v < villages_.size(); ++v) {
      std::int64_t left = quotas_[v];
      while (left > 0) left -= MakeHousehold(v, left);
    }
    while (!pending_.empty()) EmitCopy();
    JARING_ASSERT(rows_out_ == rows, "the roster has exactly --workers rows");
    JARING_ASSERT(duplicates_left_ == 0, "every planned duplicate was made");

    MakeOtherDeaths(static_cast<std::int64_t>(std::llround(rows * kOtherDeathsPerRow)));
    MakeOtherMembers(static_cast<std::int64_t>(std::llround(rows * kOtherMembersPerRow)));
    Finish();
    if (progress_ != nullptr) progress_->Set(static_cast<std::uint64_t>(rows));
    return std::move(out_);
  }

 private:
  // ---- Set-up ----

  void SetUp() {
    const Region* regency = regions_.Find(options_.regency_code);
    JARING_ASSERT(regency != nullptr, "options were validated");
    home_birth_place_ = TitleCaseRegencyName(regency->name);
    madurese_share_ = MadureseShare(options_.regency_code);

    for (const Region& d : regions_.Children(options_.regency_code)) {
      DistrictInfo info;
      info.region = &d;
      info.compact = domain::CompactRegionCode(d.code);
      info.first_village = villages_.size();
      for (const Region& v : regions_.Children(d.code)) {
        VillageInfo vi;
        vi.region = &v;
        vi.district = districts_.size();
        vi.kelurahan = domain::IsKelurahan(v);
        const double u = village_rng_.Unit();
        vi.weight = (0.3 + u) * (0.3 + u) * (0.3 + u);
        // Hamlets: most villages have a Krajan (the old village centre).
        const int n = static_cast<int>(village_rng_.Between(2, 6));
        if (village_rng_.Chance(0.75)) vi.dusun.push_back("Krajan");
        while (static_cast<int>(vi.dusun.size()) < n) {
          const std::string_view name = kDusunNames[village_rng_.Below(std::size(kDusunNames))];
          if (std::find(vi.dusun.begin(), vi.dusun.end(), name) == vi.dusun.end()) {
            vi.dusun.push_back(name);
          }
        }
        villages_.push_back(std::move(vi));
      }
      info.end_village = villages_.size();
      if (info.end_village > info.first_village) districts_.push_back(std::move(info));
    }
    JARING_ASSERT(!villages_.empty(), "a validated regency has villages");
    double sum = 0;
    for (const VillageInfo& v : villages_) {
      sum += v.weight;
      village_cumulative_.push_back(sum);
    }

    // Born elsewhere: the other regencies and cities of the province.
    const std::string province = options_.regency_code.substr(0, 2);
    for (const Region& r : regions_.Children(province)) {
      if (r.code == options_.regency_code) continue;
      auto districts = regions_.Children(r.code);
      if (districts.empty()) continue;
      others_.push_back({TitleCaseRegencyName(r.name), districts});
    }

    for (const WeightedOccupation& o : kOccupationWeights) {
      if (domain::FindOccupation(o.code) != nullptr) occupations_.push_back(o);
    }
    if (occupations_.empty()) {  // the domain renamed its codes: stay usable, evenly weighted
      for (const domain::Occupation& o : domain::AllOccupations()) {
        occupations_.push_back({o.code, 1, 1});
      }
    }

    int sum_weights = 0;
    for (int a = kMinAge; a <= kMaxAge; ++a) {
      sum_weights += AgeWeight(a);
      age_cumulative_[static_cast<std::size_t>(a - kMinAge)] = sum_weights;
    }

    nik_serials_.emplace(districts_.size(), static_cast<std::size_t>(kNikDayspan),
                         options_.foreign_serial_from);
    kk_span_ = static_cast<std::size_t>((kk_last_ - kk_first_).count()) + 1;
    kk_serials_.emplace(districts_.size(), kk_span_);
  }

  // Largest-remainder apportionment of people to villages by weight, then at least one person
  // per district when there are enough people.
  void AllocateQuotas(std::int64_t people) {
    const double total = village_cumulative_.back();
    quotas_.assign(villages_.size(), 0);
    std::vector<std::pair<double, std::size_t>> remainders;
    std::int64_t given = 0;
    for (std::size_t v = 0; v < villages_.size(); ++v) {
      const double exact = static_cast<double>(people) * villages_[v].weight / total;
      const auto whole = static_cast<std::int64_t>(exact);
      quotas_[v] = whole;
      given += whole;
      remainders.emplace_back(exact - static_cast<double>(whole), v);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; given < people; ++i, ++given) ++quotas_[remainders[i].second];

    if (people < static_cast<std::int64_t>(districts_.size())) return;
    for (std::size_t d = 0; d < districts_.size(); ++d) {
      if (DistrictTotal(d) > 0) continue;
      // Take one person from the biggest village of a district that has at least two.
      std::size_t donor = villages_.size();
      for (std::size_t v = 0; v < villages_.size(); ++v) {
        if (quotas_[v] == 0 || DistrictTotal(villages_[v].district) < 2) continue;
        if (donor == villages_.size() || quotas_[v] > quotas_[donor]) donor = v;
      }
      JARING_ASSERT(donor < villages_.size(), "people >= districts leaves a donor");
      --quotas_[donor];
      std::size_t best = districts_[d].first_village;
      for (std::size_t v = best; v < districts_[d].end_village; ++v) {
        if (villages_[v].weight > villages_[best].weight) best = v;
      }
      ++quotas_[best];
    }
  }

  std::int64_t DistrictTotal(std::size_t d) const {
    std::int64_t sum = 0;
    for (std::size_t v = districts_[d].first_village; v < districts_[d].end_village; ++v) {
      sum += quotas_[v];
    }
    return sum;
  }

  std::size_t PickVillage(Random& rng) const {
    const double x = rng.Unit() * village_cumulative_.back();
    const auto it = std::upper_bound(village_cumulative_.begin(), village_cumulative_.end(), x);
    return std::min(static_cast<std::size_t>(it - village_cumulative_.begin()),
                    villages_.size() - 1);
  }

  int DrawAge(Random& rng, int lo, int hi) const {
    lo = std::max(lo, kMinAge);
    hi = std::min(hi, kMaxAge);
    JARING_ASSERT(lo <= hi, "age range is not empty");
    // age_cumulative_[a - kMinAge] = sum of AgeWeight(kMinAge..a).
    const int below =
        lo == kMinAge ? 0 : age_cumulative_[static_cast<std::size_t>(lo - kMinAge - 1)];
    const int total = age_cumulative_[static_cast<std::size_t>(hi - kMinAge)] - below;
    const int x = below + static_cast<int>(rng.Below(static_cast<std::uint64_t>(total)));
    const auto it = std::upper_bound(age_cumulative_.begin(), age_cumulative_.end(), x);
    return kMinAge + static_cast<int>(it - age_cumulative_.begin());
  }

  // ---- Households and people ----

  // Makes one household of at most `room` people in village `v`; returns its size.
  std::int64_t MakeHousehold(std::size_t v, std::int64_t room) {
    Random& rng = people_rng_;
    const VillageInfo& village = villages_[v];
    const DistrictInfo& district = districts_[village.district];
    ++out_.summary.households;

    const std::uint64_t size_draw = rng.Below(100);
    const std::int64_t size = std::min<std::int64_t>(room, size_draw < 45   ? 1
                                                           : size_draw < 85 ? 2
                                                                            : 3);

    struct Member {
      Sex sex;
      int age;
    };
    std::vector<Member> members;
    if (size == 1) {
      members.push_back(
          {rng.Chance(0.62) ? Sex::kMale : Sex::kFemale, DrawAge(rng, kMinAge, kMaxAge)});
    } else if (size == 2 && rng.Chance(0.8)) {
      const int husband = DrawAge(rng, 22, kMaxAge);
      const int wife = std::clamp(husband - static_cast<int>(rng.Between(-2, 8)), kMinAge, kMaxAge);
      members.push_back({Sex::kMale, husband});
      members.push_back({Sex::kFemale, wife});
      if (rng.Chance(0.15)) std::swap(members[0], members[1]);
    } else if (size == 2) {
      const int parent = DrawAge(rng, 37, kMaxAge);
      members.push_back({rng.Chance(0.4) ? Sex::kFemale : Sex::kMale, parent});
      members.push_back({rng.Chance(0.5) ? Sex::kFemale : Sex::kMale,
                         DrawAge(rng, 17, std::min(parent - 18, 45))});
    } else {
      const int husband = DrawAge(rng, 37, kMaxAge);
      const int wife = std::clamp(husband - static_cast<int>(rng.Between(-2, 8)), 35, kMaxAge);
      members.push_back({Sex::kMale, husband});
      members.push_back({Sex::kFemale, wife});
      members.push_back({rng.Chance(0.5) ? Sex::kFemale : Sex::kMale,
                         DrawAge(rng, 17, std::min(husband, wife) - 18)});
    }

    // Shared by the household.
    const Ethnicity ethnicity =
        rng.Chance(madurese_share_) ? Ethnicity::kMadurese : Ethnicity::kJavanese;
    Address address;
    address.street = rng.Chance(village.kelurahan ? 0.85 : 0.15);
    if (address.street) {
      address.name = rng.Chance(0.3) ? "Raya " + village.region->name
                                     : std::string(kStreets[rng.Below(std::size(kStreets))]);
      address.number = static_cast<int>(rng.Between(1, 120));
    } else {
      address.name = std::string(village.dusun[rng.Below(village.dusun.size())]);
    }
    address.rw = static_cast<int>(rng.Between(1, 6));
    address.rt = static_cast<int>(rng.Between(1, 4)) + 3 * (address.rw - 1) / 2;
    const std::string address_text = FormatAddress(address, 0);
    const std::string kk = MakeKk(rng, village.district, district.compact);

    std::string head_phone;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const Ethnicity eth = rng.Chance(0.9)                     ? ethnicity
                            : ethnicity == Ethnicity::kJavanese ? Ethnicity::kMadurese
                                                                : Ethnicity::kJavanese;
      Person p = MakePerson(rng, members[i].sex, members[i].age, eth, village.district);
      p.w.kk = kk;
      p.w.address = address_text;
      p.w.village_code = village.region->code;
      if (i > 0 && !head_phone.empty() && rng.Chance(0.2)) {
        p.w.phone = head_phone;
      } else if (rng.Chance(i == 0 ? 0.78 : 0.65)) {
        p.w.phone = MakePhone(rng);
      }
      if (i == 0) head_phone = p.w.phone;
      ProcessOriginal(std::move(p), address);
    }
    return size;
  }

  std::string MakeKk(Random& rng, std::size_t district_index, const std::string& compact) {
    const sys_days issued = kk_first_ + days{static_cast<int>(rng.Below(kk_span_))};
    const year_month_day ymd{issued};
    SerialKey key{true, static_cast<std::uint32_t>(district_index),
                  static_cast<std::int32_t>((issued - kk_first_).count()), false};
    const int serial = kk_serials_->Next(key);
    std::string kk = compact;
    PutDigits(kk, static_cast<int>(unsigned(ymd.day())), 2);
    PutDigits(kk, static_cast<int>(unsigned(ymd.month())), 2);
    PutDigits(kk, static_cast<int>(ymd.year()) % 100, 2);
    PutDigits(kk, serial, 4);
    return kk;
  }

  std::string MakePhone(Random& rng) const {
    std::string phone = "+62";
    phone += kPhonePrefixes[rng.Below(std::size(kPhonePrefixes))];
    const std::uint64_t r = rng.Below(10);
    const int digits = r < 7 ? 8 : r < 9 ? 7 : 9;
    for (int i = 0; i < digits; ++i) phone.push_back(static_cast<char>('0' + rng.Below(10)));
    return phone;
  }

  std::string_view DrawOccupation(Random& rng, Sex sex) const {
    int total = 0;
    for (const auto& o : occupations_) total += sex == Sex::kMale ? o.male : o.female;
    auto x = static_cast<int>(rng.Below(static_cast<std::uint64_t>(total)));
    for (const auto& o : occupations_) {
      x -= sex == Sex::kMale ? o.male : o.female;
      if (x < 0) return o.code;
    }
    return occupations_.back().code;
  }

  // A NIK issued in the domicile district (mostly), another district of the regency, or
  // elsewhere in the province; birth place follows the NIK's regency.
  struct NikOrigin {
    const Region* district;
    SerialKey key;
    std::string birth_place;
    std::string compact;  // "351401"
  };
  NikOrigin DrawNikOrigin(Random& rng, std::size_t home_district) {
    const double u = rng.Unit();
    if (u < 0.82 || others_.empty()) {
      return {districts_[home_district].region,
              {true, static_cast<std::uint32_t>(home_district), 0, false},
              home_birth_place_,
              districts_[home_district].compact};
    }
    if (u < 0.89) {
      const std::size_t d = rng.Below(districts_.size());
      return {districts_[d].region,
              {true, static_cast<std::uint32_t>(d), 0, false},
              home_birth_place_,
              districts_[d].compact};
    }
    const OtherRegency& r = others_[rng.Below(others_.size())];
    const Region& d = r.districts[rng.Below(r.districts.size())];
    std::string compact = domain::CompactRegionCode(d.code);
    const auto number = static_cast<std::uint32_t>(std::stoul(compact));
    return {&d, {false, number, 0, false}, r.birth_place, std::move(compact)};
  }

  // Valid NIK for a birth date and sex from the origin's counter.
  std::string IssueNik(NikOrigin& origin, year_month_day birth, Sex sex, int* serial_out) {
    origin.key.day = static_cast<std::int32_t>((sys_days{birth} - nik_base_).count());
    origin.key.female = sex == Sex::kFemale;
    const int serial = nik_serials_->Next(origin.key);
    if (serial_out != nullptr) *serial_out = serial;
    // domain::EncodeNik's layout, without its parsing of the dotted code on every call
    // (demo_test checks every NIK with ParseNik).
    std::string nik = origin.compact;
    PutDigits(nik, static_cast<int>(unsigned(birth.day())) + (sex == Sex::kFemale ? 40 : 0), 2);
    PutDigits(nik, static_cast<int>(unsigned(birth.month())), 2);
    PutDigits(nik, (static_cast<int>(birth.year()) % 100 + 100) % 100, 2);
    PutDigits(nik, serial, 4);
    return nik;
  }

  Person MakePerson(Random& rng, Sex sex, int age, Ethnicity eth, std::size_t home_district) {
    Person p;
    p.age = age;
    const year_month_day birth = BirthDateForAge(rng, options_.as_of, age);
    p.name = MakeName(rng, sex, eth, static_cast<int>(birth.year()));
    NikOrigin origin = DrawNikOrigin(rng, home_district);
    p.nik_true = IssueNik(origin, birth, sex, &p.serial);
    p.serial_key = origin.key;

    domain::Worker& w = p.w;
    w.regency_code = options_.regency_code;
    w.nik = p.nik_true;
    w.name = p.name.Full();
    w.name_original = w.name;
    w.sex = sex;
    w.birth_place = std::move(origin.birth_place);
    w.birth_date = birth;
    w.occupation = std::string(DrawOccupation(rng, sex));
    w.status = domain::WorkerStatus::kActive;
    w.source = "demo";
    return p;
  }

  // ---- Planting ----

  // Damages a valid NIK so that ParseNik reports `reason`.
  std::string DamageNik(Random& rng, const std::string& nik, NikIssue reason) const {
    std::string out = nik;
    switch (reason) {
      case NikIssue::kLength:
        if (rng.Chance(0.6)) {
          out.erase(rng.Below(out.size()), 1);
        } else {
          out.insert(out.begin() + static_cast<std::ptrdiff_t>(6 + rng.Below(10)),
                     static_cast<char>('0' + rng.Below(10)));
        }
        break;
      case NikIssue::kNonDigit: {
        // Letters that look like digits: O for 0, l or I for 1, S for 5, B for 8.
        std::vector<std::size_t> spots;
        for (std::size_t i = 0; i < out.size(); ++i) {
          if (out[i] == '0' || out[i] == '1' || out[i] == '5' || out[i] == '8') spots.push_back(i);
        }
        const std::size_t i = spots.empty() ? 15 : spots[rng.Below(spots.size())];
        switch (out[i]) {
          case '1':
            out[i] = rng.Chance(0.5) ? 'l' : 'I';
            break;
          case '5':
            out[i] = 'S';
            break;
          case '8':
            out[i] = 'B';
            break;
          default:
            out[i] = 'O';
            break;
        }
        break;
      }
      case NikIssue::kSerialZero:
        out.replace(12, 4, "0000");
        break;
      case NikIssue::kBadDate:
        if (rng.Chance(0.6)) {
          out.replace(8, 2, "13");  // month 13
        } else {
          const bool female = out[6] >= '4';
          out.replace(6, 2, rng.Chance(0.5) ? (female ? "72" : "32") : (female ? "40" : "00"));
        }
        break;
      case NikIssue::kUnknownDistrict:
        out.replace(4, 2, "00");
        break;
      case NikIssue::kExcelRounded:
        out.back() = '0';
        break;
      case NikIssue::kScientificNotation:
        out = ScientificForm(nik);
        break;
      default:
        JARING_ASSERT(false, "DamageNik plants only the issues above");
    }
    return out;
  }

  // Excel damage that the parser can see: rounding a NIK whose serial is below 10 leaves serial
  // 0000 (real serials are mostly that low); a higher serial would round to another person's
  // valid NIK, so such NIKs get the scientific form instead.
  NikIssue ExcelIssueFor(Random& rng, const Person& p) const {
    if (p.serial < 10 && p.nik_true.back() != '0' && rng.Chance(0.6)) {
      return NikIssue::kExcelRounded;
    }
    return NikIssue::kScientificNotation;
  }

  void CheckPlanted(const domain::Worker& w, NikIssue reason) const {
    domain::NikParseOptions parse;
    parse.regions = &regions_;
    parse.entered_birth_date = w.birth_date;
    parse.reference_date = options_.as_of;
    parse.from_numeric_cell = reason == NikIssue::kExcelRounded;
    const domain::NikCheck check = domain::ParseNik(w.nik, parse);
    JARING_ASSERT(check.Has(reason), "a planted bad NIK fails with the planted reason");
  }

  NikIssue DrawBadReason(Random& rng) const {
    const std::uint64_t r = rng.Below(100);
    if (r < 35) return NikIssue::kLength;
    if (r < 55) return NikIssue::kNonDigit;
    if (r < 75) return NikIssue::kSerialZero;
    if (r < 95) return NikIssue::kBadDate;
    return NikIssue::kUnknownDistrict;
  }

  // Old and new spellings belong to people born before the 1972 reform (or who write old).
  static std::optional<PersonName> OldNewSpelling(const Person& p) {
    const bool writes_old = std::any_of(p.name.tokens.begin(), p.name.tokens.end(),
                                        [](const std::string& t) { return HasOldSpelling(t); });
    if (!writes_old && static_cast<int>(p.w.birth_date.year()) >= 1975) return std::nullopt;
    return SpellingVariant(p.name);
  }

  std::optional<PersonName> NameVariantFor(Random& rng, const Person& p) const {
    std::optional<PersonName> options[4] = {AbbreviationVariant(rng, p.name),
                                            TypoVariant(rng, p.name), OldNewSpelling(p),
                                            TitleVariant(p.name, p.w.sex)};
    std::vector<std::size_t> have;
    for (std::size_t i = 0; i < std::size(options); ++i) {
      if (options[i] && options[i]->Full() != p.name.Full()) have.push_back(i);
    }
    if (have.empty()) return std::nullopt;
    return options[have[rng.Below(have.size())]];
  }

  void ProcessOriginal(Person p, const Address& address) {
    Random& rng = people_rng_;
    const double u = rng.Unit();
    if (u < kBadNikShare) {
      p.bad_reason = DrawBadReason(rng);
    } else if (u < kBadNikShare + kExcelShare) {
      p.bad_reason = ExcelIssueFor(rng, p);
    }
    if (p.bad_reason) {
      p.w.nik = DamageNik(rng, p.nik_true, *p.bad_reason);
      CheckPlanted(p.w, *p.bad_reason);
    }

    while (!pending_.empty() && pending_.top().target_row <= rows_out_) EmitCopy();
    const std::int64_t id = Emit(p.w);
    if (p.bad_reason) out_.truth.bad_niks.push_back({id, *p.bad_reason});

    // Died within the last year (still on the list: nobody told the Disnaker).
    std::int64_t death_index = -1;
    DeathMatchKind death_kind = DeathMatchKind::kExact;
    if (rng.Chance(DeathChance(p.age))) {
      DeathRecord d;
      d.nik = p.nik_true;
      d.name = p.w.name;
      const std::uint64_t r = rng.Below(100);
      if (r < 20) {
        if (auto v = NameVariantFor(rng, p)) {
          d.name = v->Full();
          death_kind = DeathMatchKind::kNameVariant;
        }
      } else if (r < 30) {
        d.nik.clear();
        death_kind = DeathMatchKind::kMissingNik;
      }
      d.sex = p.w.sex;
      d.birth_date = p.w.birth_date;
      d.death_date = DrawDeathDate(rng);
      d.village_code = p.w.village_code;
      death_index = static_cast<std::int64_t>(out_.deaths.size());
      out_.deaths.push_back(std::move(d));
      out_.truth.deaths.push_back({id, death_index, death_kind});
      ++out_.summary.planted_deaths;
    }

    // Already a BPJS member: as a wage earner (PU), or individually as a non-wage earner (BPU).
    std::int64_t member_index = -1;
    MemberSegment segment = MemberSegment::kWageEarner;
    const bool pu = rng.Chance(WageMemberChance(p.age));
    if (pu || rng.Chance(kBpuMemberShare)) {
      segment = pu ? MemberSegment::kWageEarner : MemberSegment::kNonWageEarner;
      MemberRecord m;
      m.nik = p.nik_true;
      m.name = UpperAscii(p.w.name);
      if (rng.Chance(0.25)) {
        if (auto v = NameVariantFor(rng, p)) m.name = UpperAscii(v->Full());
      }
      m.birth_date = p.w.birth_date;
      m.kpj = MakeKpj(extract_rng_);
      m.segment = segment;
      member_index = static_cast<std::int64_t>(out_.members.size());
      out_.members.push_back(std::move(m));
      out_.truth.members.push_back({id, member_index, segment});
      ++out_.summary.planted_members;
    }

    // Entered a second time? Selection sampling: exactly duplicates_left_ of the remaining
    // originals are chosen.
    const bool duplicate =
        duplicates_left_ > 0 &&
        static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(originals_left_))) <
            duplicates_left_;
    --originals_left_;
    if (!duplicate) return;
    --duplicates_left_;
    PendingCopy copy = MakeCopy(rng, p, address);
    copy.id_a = id;
    copy.death_index = death_index;
    copy.death_kind = death_kind;
    copy.member_index = member_index;
    copy.seq = copy_seq_++;
    // Later in the list: usually within a few hundred rows (same village list entered twice, or
    // a neighbouring village), sometimes much further.
    const std::int64_t delay = rng.Chance(0.7) ? rng.Between(1, 400) : rng.Between(1, 20000);
    copy.target_row = rows_out_ + delay;
    pending_.push(std::move(copy));
  }

  PendingCopy MakeCopy(Random& rng, const Person& p, const Address& address) {
    PendingCopy c;
    c.w = p.w;
    c.bad_reason = p.bad_reason;

    int total = 0;
    for (const auto& dw : kDuplicateWeights) total += dw.weight;
    bool made = false;
    for (int tries = 0; tries < 12 && !made; ++tries) {
      auto x = static_cast<int>(rng.Below(static_cast<std::uint64_t>(total)));
      DuplicateKind kind = DuplicateKind::kExact;
      for (const auto& dw : kDuplicateWeights) {
        x -= dw.weight;
        if (x < 0) {
          kind = dw.kind;
          break;
        }
      }
      made = ApplyKind(rng, kind, p, c);
      if (made) c.kind = kind;
    }
    if (!made) c.kind = DuplicateKind::kExact;

    // Written by another hand: the address in another style, the phone missing, now and then
    // a neighbouring occupation.
    if (rng.Chance(0.3)) c.w.address = FormatAddress(address, 1 + static_cast<int>(rng.Below(2)));
    if (!c.w.phone.empty() && rng.Chance(0.25)) c.w.phone.clear();
    if (rng.Chance(0.12)) c.w.occupation = std::string(DrawOccupation(rng, c.w.sex));
    return c;
  }

  bool ApplyKind(Random& rng, DuplicateKind kind, const Person& p, PendingCopy& c) {
    std::optional<PersonName> name;
    switch (kind) {
      case DuplicateKind::kExact:
        return true;
      case DuplicateKind::kSpelling:
        name = OldNewSpelling(p);
        break;
      case DuplicateKind::kAbbreviation:
        name = AbbreviationVariant(rng, p.name);
        break;
      case DuplicateKind::kTitle:
        name = TitleVariant(p.name, p.w.sex);
        break;
      case DuplicateKind::kTokenOrder:
        name = TokenOrderVariant(rng, p.name);
        break;
      case DuplicateKind::kTypo:
        name = TypoVariant(rng, p.name);
        break;
      case DuplicateKind::kShortName:
        name = ShortFormVariant(p.name);
        break;
      case DuplicateKind::kNikDigit:
        return p.bad_reason ? false : ChangeNikDigit(rng, p, c);
      case DuplicateKind::kNikExcel: {
        if (p.bad_reason) return false;
        const NikIssue issue = ExcelIssueFor(rng, p);
        c.w.nik = DamageNik(rng, p.nik_true, issue);
        c.bad_reason = issue;
        CheckPlanted(c.w, issue);
        return true;
      }
    }
    if (!name || name->Full() == p.name.Full()) return false;
    c.w.name = name->Full();
    c.w.name_original = c.w.name;
    return true;
  }

  // Half the time a digit is dropped (15 digits: a bad NIK); otherwise one serial digit changes
  // to a serial nobody holds, so the copy's NIK is valid but is not the person's.
  bool ChangeNikDigit(Random& rng, const Person& p, PendingCopy& c) {
    if (rng.Chance(0.5)) {
      c.w.nik = DamageNik(rng, p.nik_true, NikIssue::kLength);
      c.bad_reason = NikIssue::kLength;
      CheckPlanted(c.w, NikIssue::kLength);
      return true;
    }
    static constexpr int kPlace[] = {1000, 100, 10};
    const std::size_t first = rng.Below(3);
    for (std::size_t k = 0; k < 3; ++k) {
      const int place = kPlace[(first + k) % 3];
      const int digit = (p.serial / place) % 10;
      if (digit == 9) continue;
      const int new_digit =
          digit + 1 + static_cast<int>(rng.Below(static_cast<std::uint64_t>(9 - digit)));
      const int serial = p.serial + (new_digit - digit) * place;
      if (!nik_serials_->Claim(p.serial_key, serial)) continue;
      std::string nik = p.nik_true;
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04d", serial);
      nik.replace(12, 4, buf);
      c.w.nik = std::move(nik);
      c.bad_reason.reset();
      return true;
    }
    return false;
  }

  void EmitCopy() {
    PendingCopy c = pending_.top();
    pending_.pop();
    const std::int64_t id = Emit(c.w);
    out_.truth.duplicates.push_back({c.id_a, id, c.kind});
    ++out_.summary.duplicates;
    if (c.bad_reason) out_.truth.bad_niks.push_back({id, *c.bad_reason});
    if (c.death_index >= 0) out_.truth.deaths.push_back({id, c.death_index, c.death_kind});
    if (c.member_index >= 0) {
      out_.truth.members.push_back(
          {id, c.member_index, out_.members[static_cast<std::size_t>(c.member_index)].segment});
    }
  }

  std::int64_t Emit(domain::Worker& w) {
    w.id = ++rows_out_;
    sink_(w);
    if (progress_ != nullptr && (rows_out_ & 0xFFF) == 0)
      progress_->Set(static_cast<std::uint64_t>(rows_out_));
    return w.id;
  }

  year_month_day DrawDeathDate(Random& rng) const {
    return year_month_day{as_of_days_ - days{1 + static_cast<int>(rng.Below(365))}};
  }

  std::string MakeKpj(Random& rng) {
    const int year_now = static_cast<int>(options_.as_of.year());
    for (;;) {
      const int year = static_cast<int>(rng.Between(year_now - 15, year_now)) % 100;
      std::uint64_t value =
          static_cast<std::uint64_t>(year) * 1'000'000'000ULL + rng.Below(1'000'000'000ULL);
      if (!kpjs_.insert(value).second) continue;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%011llu", static_cast<unsigned long long>(value));
      return buf;
    }
  }

  // ---- The rest of the extracts ----

  // The regency's other deceased citizens: every age, mostly old; some rows without NIK.
  void MakeOtherDeaths(std::int64_t count) {
    Random& rng = extract_rng_;
    struct Bracket {
      int lo, hi, weight;
    };
    static constexpr Bracket kBrackets[] = {{0, 4, 3},    {5, 19, 2},   {20, 39, 5},  {40, 59, 15},
                                            {60, 69, 20}, {70, 79, 27}, {80, 89, 22}, {90, 95, 6}};
    int total = 0;
    for (const Bracket& b : kBrackets) total += b.weight;
    for (std::int64_t i = 0; i < count; ++i) {
      auto x = static_cast<int>(rng.Below(static_cast<std::uint64_t>(total)));
      const Bracket* bracket = &kBrackets[0];
      for (const Bracket& b : kBrackets) {
        x -= b.weight;
        if (x < 0) {
          bracket = &b;
          break;
        }
      }
      const int age = static_cast<int>(rng.Between(bracket->lo, bracket->hi));
      DeathRecord d;
      d.death_date = DrawDeathDate(rng);
      d.birth_date = BirthDateForAge(rng, d.death_date, age);
      d.sex = rng.Chance(0.55) ? Sex::kMale : Sex::kFemale;
      const std::size_t v = PickVillage(rng);
      d.village_code = villages_[v].region->code;
      const Ethnicity eth =
          rng.Chance(madurese_share_) ? Ethnicity::kMadurese : Ethnicity::kJavanese;
      d.name = MakeName(rng, d.sex, eth, static_cast<int>(d.birth_date.year())).Full();
      NikOrigin origin = DrawNikOrigin(rng, villages_[v].district);
      d.nik = IssueNik(origin, d.birth_date, d.sex, nullptr);
      if (rng.Chance(0.06)) d.nik.clear();
      out_.deaths.push_back(std::move(d));
    }
  }

  // Members of the regency who are not on the roster: wage earners and individual BPU members.
  void MakeOtherMembers(std::int64_t count) {
    Random& rng = extract_rng_;
    for (std::int64_t i = 0; i < count; ++i) {
      const Sex sex = rng.Chance(0.6) ? Sex::kMale : Sex::kFemale;
      const int age = static_cast<int>(rng.Between(18, 58));
      MemberRecord m;
      m.birth_date = BirthDateForAge(rng, options_.as_of, age);
      const std::size_t v = PickVillage(rng);
      const Ethnicity eth =
          rng.Chance(madurese_share_) ? Ethnicity::kMadurese : Ethnicity::kJavanese;
      m.name = UpperAscii(MakeName(rng, sex, eth, static_cast<int>(m.birth_date.year())).Full());
      NikOrigin origin = DrawNikOrigin(rng, villages_[v].district);
      m.nik = IssueNik(origin, m.birth_date, sex, nullptr);
      m.kpj = MakeKpj(rng);
      m.segment = rng.Chance(0.6) ? MemberSegment::kWageEarner : MemberSegment::kNonWageEarner;
      out_.members.push_back(std::move(m));
    }
  }

  // Orders the extracts, numbers their rows and points the truth at those numbers.
  void Finish() {
    std::vector<std::size_t> order(out_.deaths.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return sys_days{out_.deaths[a].death_date} < sys_days{out_.deaths[b].death_date};
    });
    std::vector<std::int64_t> death_id(order.size());
    std::vector<DeathRecord> deaths;
    deaths.reserve(order.size());
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      death_id[order[rank]] = static_cast<std::int64_t>(rank) + 1;
      deaths.push_back(std::move(out_.deaths[order[rank]]));
      deaths.back().id = static_cast<std::int64_t>(rank) + 1;
    }
    out_.deaths = std::move(deaths);
    for (PlantedDeath& t : out_.truth.deaths)
      t.death_id = death_id[static_cast<std::size_t>(t.death_id)];

    order.assign(out_.members.size(), 0);
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return out_.members[a].kpj < out_.members[b].kpj;  // unique
    });
    std::vector<std::int64_t> member_id(order.size());
    std::vector<MemberRecord> members;
    members.reserve(order.size());
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      member_id[order[rank]] = static_cast<std::int64_t>(rank) + 1;
      members.push_back(std::move(out_.members[order[rank]]));
      members.back().id = static_cast<std::int64_t>(rank) + 1;
    }
    out_.members = std::move(members);
    for (PlantedMember& t : out_.truth.members)
      t.member_id = member_id[static_cast<std::size_t>(t.member_id)];

    auto& truth = out_.truth;
    std::sort(truth.duplicates.begin(), truth.duplicates.end(), [](const auto& a, const auto& b) {
      return std::pair(a.id_a, a.id_b) < std::pair(b.id_a, b.id_b);
    });
    std::sort(truth.deaths.begin(), truth.deaths.end(), [](const auto& a, const auto& b) {
      return std::pair(a.roster_id, a.death_id) < std::pair(b.roster_id, b.death_id);
    });
    std::sort(truth.members.begin(), truth.members.end(), [](const auto& a, const auto& b) {
      return std::pair(a.roster_id, a.member_id) < std::pair(b.roster_id, b.member_id);
    });
    std::sort(truth.bad_niks.begin(), truth.bad_niks.end(),
              [](const auto& a, const auto& b) { return a.roster_id < b.roster_id; });

    out_.summary.roster_rows = rows_out_;
    out_.summary.death_rows = static_cast<std::int64_t>(out_.deaths.size());
    out_.summary.member_rows = static_cast<std::int64_t>(out_.members.size());
    out_.summary.bad_niks = static_cast<std::int64_t>(truth.bad_niks.size());
  }

  const DemoOptions& options_;
  const domain::RegionIndex& regions_;
  const RowSink& sink_;
  Progress* progress_;

  Random root_;
  Random village_rng_;
  Random people_rng_;
  Random extract_rng_;

  sys_days as_of_days_;
  sys_days nik_base_;
  sys_days kk_first_;
  sys_days kk_last_;
  std::size_t kk_span_ = 0;

  std::string home_birth_place_;
  double madurese_share_ = 0;
  std::vector<DistrictInfo> districts_;
  std::vector<VillageInfo> villages_;
  std::vector<double> village_cumulative_;
  std::vector<std::int64_t> quotas_;
  std::vector<OtherRegency> others_;
  std::vector<WeightedOccupation> occupations_;
  std::array<int, kMaxAge - kMinAge + 1> age_cumulative_{};

  std::optional<SerialCounter> nik_serials_;
  std::optional<SerialCounter> kk_serials_;
  std::unordered_set<std::uint64_t> kpjs_;

  std::int64_t rows_out_ = 0;
  std::int64_t originals_left_ = 0;
  std::int64_t duplicates_left_ = 0;
  std::int64_t copy_seq_ = 0;
  std::priority_queue<PendingCopy, std::vector<PendingCopy>, std::greater<>> pending_;

  GeneratedExtras out_;
};

}  // namespace

GeneratedExtras Generate(const DemoOptions& options, const domain::RegionIndex& regions,
                         const RowSink& sink, Progress* progress) {
  Generator generator(options, regions, sink, progress);
  return generator.Run();
}

}  // namespace jaring::demo::internal
