#include "demo/names.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include "common/error.hpp"

// Design notes.
// A name is drawn in two steps: its shape (one word, or two or three) from the birth year and
// background, then each word from a weighted pool. Pools carry an era so that "Painem" and
// "Tukimin" go to people born before 1970 and "Rizky" and "Putri" to those born after 1985.
// Weights are per 1000-ish and only need to be roughly right: what matters downstream is that
// some first names are very common (term-frequency weighting in matching) and that single names
// are common among the old.
// Every token is ASCII, so case and spelling transforms work byte by byte.

namespace jaring::demo {
namespace {

enum class Era : std::uint8_t { kAny, kOlder, kYounger };
enum class Cohort { kOld, kMiddle, kYoung };  // born < 1970, 1970-1984, >= 1985

struct Entry {
  std::string_view text;  // may hold a space: "Mat Sari" is two tokens
  int weight;
  Era era = Era::kAny;
};

// A pool with one cumulative table per cohort: era kOlder counts fully for the old, half for
// the middle cohort and not at all for the young; kYounger the other way round.
class Pool {
 public:
  explicit Pool(std::span<const Entry> entries) : entries_(entries) {
    for (int c = 0; c < 3; ++c) {
      std::uint64_t sum = 0;
      for (const Entry& e : entries_) {
        sum += Weight(e, static_cast<Cohort>(c));
        cumulative_[c].push_back(sum);
      }
      JARING_ASSERT(sum > 0, "every name pool has names for every cohort");
    }
  }

  std::string_view Draw(Random& rng, Cohort cohort) const {
    const auto& cum = cumulative_[static_cast<int>(cohort)];
    const std::uint64_t x = rng.Below(cum.back());
    const auto it = std::upper_bound(cum.begin(), cum.end(), x);
    return entries_[static_cast<std::size_t>(it - cum.begin())].text;
  }

 private:
  static std::uint64_t Weight(const Entry& e, Cohort c) {
    const auto w = static_cast<std::uint64_t>(e.weight) * 2;
    switch (e.era) {
      case Era::kAny:
        return w;
      case Era::kOlder:
        return c == Cohort::kOld ? w : c == Cohort::kMiddle ? w / 2 : 0;
      case Era::kYounger:
        return c == Cohort::kYoung ? w : c == Cohort::kMiddle ? w / 2 : 0;
    }
    return w;
  }

  std::span<const Entry> entries_;
  std::array<std::vector<std::uint64_t>, 3> cumulative_;
};

constexpr Era O = Era::kOlder;
constexpr Era Y = Era::kYounger;

// The tables are laid out by hand, several names a line.
// clang-format off
// ---- Men ----
constexpr Entry kMaleJavaneseSingle[] = {
    {"Slamet", 40},     {"Suparman", 14, O}, {"Ponidi", 10, O},    {"Sunarto", 12},
    {"Sukardi", 10, O}, {"Paiman", 8, O},    {"Sutrisno", 10},     {"Suyanto", 10},
    {"Sugeng", 14},     {"Bambang", 8},      {"Supriyadi", 9},     {"Sumarno", 8, O},
    {"Mulyono", 8},     {"Gimin", 5, O},     {"Karno", 5, O},      {"Supardi", 8, O},
    {"Sumardi", 7, O},  {"Suwarno", 8, O},   {"Poniman", 6, O},    {"Tumin", 4, O},
    {"Kasmadi", 5, O},  {"Wagiman", 5, O},   {"Jumadi", 7},        {"Legimin", 4, O},
    {"Parman", 5, O},   {"Sarmin", 5, O},    {"Tukimin", 5, O},    {"Kasiadi", 4, O},
    {"Ngatiman", 4, O}, {"Suroso", 6},       {"Sutikno", 6, O},    {"Rusdi", 5},
    {"Sukirno", 6, O},  {"Marsono", 4, O},   {"Kusnadi", 6},       {"Riyadi", 5},
    {"Mujiono", 5},     {"Supandi", 5},      {"Sumadi", 5, O},     {"Samsul", 5},
    {"Wahyudi", 7},     {"Hariyanto", 6},    {"Budiono", 5},       {"Suwandi", 5},
    {"Sunardi", 6},     {"Tarmuji", 4, O},   {"Sujak", 3, O},      {"Sukarno", 4, O},
    {"Cahyono", 4},     {"Yanto", 4},        {"Heri", 4},          {"Didik", 5},
    {"Agus", 6},        {"Nurhadi", 5},      {"Mustofa", 4},       {"Khoirul", 3, Y},
    {"Rizky", 3, Y},    {"Fajar", 2, Y},     {"Yusuf", 4},         {"Ilham", 2, Y},
};
constexpr Entry kMaleMadureseSingle[] = {
    {"Matrawi", 8, O},  {"Hosnan", 8},       {"Buhari", 6, O},     {"Sahlan", 8},
    {"Misrawi", 5, O},  {"Sanuri", 6},       {"Busiri", 5, O},     {"Marsuki", 5},
    {"Samsuri", 6},     {"Holil", 6},        {"Sunarto", 5},       {"Suhaili", 4},
    {"Sahri", 6},       {"Muhlis", 5},       {"Jumali", 5},        {"Bukhori", 4},
    {"Maksum", 5},      {"Subairi", 5},      {"Mistari", 4, O},    {"Atrawi", 4, O},
    {"Marsidi", 4, O},  {"Hasan", 6},        {"Salim", 5},         {"Mat Sari", 6, O},
    {"Mat Hosen", 4, O}, {"Mat Rawi", 3, O}, {"Sumo", 2, O},       {"Hamdan", 4},
    {"Sukri", 5},       {"Rahwi", 3, O},     {"Juhari", 4},        {"Mahfud", 4},
    {"Syafii", 4},      {"Fathor", 4},       {"Moh Toha", 3},      {"Kholili", 4},
};
constexpr Entry kMaleFirst[] = {
    {"Muhammad", 40},   {"Mochammad", 10},   {"Mohammad", 8},      {"Muhamad", 6},
    {"Mochamad", 5},    {"Moch.", 4, O},     {"Moh.", 3, O},       {"M.", 3},
    {"Ahmad", 22},      {"Achmad", 8},       {"Akhmad", 3},        {"Abdul", 14},
    {"Nur", 8},         {"Agus", 12},        {"Eko", 10},          {"Dwi", 8},
    {"Budi", 8},        {"Joko", 7},         {"Imam", 6},          {"Slamet", 10},
    {"Sugeng", 4},      {"Hadi", 4},         {"Ali", 4},           {"Rudi", 5},
    {"Andi", 5, Y},     {"Bayu", 4, Y},      {"Dimas", 4, Y},      {"Fajar", 4, Y},
    {"Rizky", 5, Y},    {"Yoga", 3, Y},      {"Arif", 5},          {"Wahyu", 6},
    {"Heri", 4},        {"Didik", 4},        {"Hendra", 3},        {"Bagus", 3, Y},
    {"Adi", 4},         {"Ilham", 3, Y},     {"Syaiful", 6},       {"Khoirul", 5},
    {"Ainul", 3},       {"Tri", 5},          {"Bambang", 4, O},    {"Sri", 2, O},
    {"Mat", 3, O},      {"Moh", 3},          {"Nurul", 3},         {"Zainal", 3},
};
constexpr Entry kMaleNext[] = {
    {"Hadi", 8},        {"Santoso", 10},     {"Prasetyo", 8},      {"Setiawan", 8},
    {"Wahyudi", 6},     {"Hidayat", 8},      {"Kurniawan", 7},     {"Saputra", 5, Y},
    {"Nugroho", 6},     {"Wibowo", 6},       {"Susanto", 6},       {"Hariyanto", 5},
    {"Ali", 6},         {"Rizal", 4},        {"Fauzi", 6},         {"Arifin", 7},
    {"Hasan", 6},       {"Sholeh", 6},       {"Ridwan", 5},        {"Syafii", 5},
    {"Yusuf", 6},       {"Efendi", 6},       {"Firmansyah", 5, Y}, {"Ramadhan", 5, Y},
    {"Maulana", 5, Y},  {"Pratama", 5, Y},   {"Hakim", 4},         {"Ilham", 3, Y},
    {"Anwar", 6},       {"Rohman", 6},       {"Huda", 6},          {"Kholiq", 4},
    {"Rofiq", 4},       {"Faisal", 4},       {"Sodiq", 4},         {"Sugianto", 5},
    {"Suprapto", 4, O}, {"Purnomo", 5},      {"Cahyono", 5},       {"Riyanto", 5},
    {"Darmawan", 4},    {"Junaedi", 4},      {"Mustofa", 6},       {"Zainal", 4},
    {"Abidin", 5},      {"Ansori", 5},       {"Bahri", 4},         {"Mansur", 5},
    {"Syamsul", 4},     {"Arif", 6},         {"Rahmat", 5},        {"Fathoni", 3},
    {"Yulianto", 5},    {"Budiman", 3},      {"Gunawan", 5},       {"Irawan", 4},
    {"Sulistyo", 3},    {"Utomo", 4},        {"Hosen", 3},         {"Sanusi", 4},
    {"Hasyim", 4},      {"Mahfud", 4},       {"Nur", 4},           {"Slamet", 3},
    {"Sahri", 3},       {"Joko", 3},         {"Kusuma", 3},        {"Wijaya", 3},
};
constexpr Entry kAbdulNext[] = {
    {"Rahman", 10}, {"Rohim", 6}, {"Kadir", 6},  {"Manan", 5},  {"Aziz", 6},  {"Ghofur", 5},
    {"Wahid", 6},   {"Halim", 5}, {"Karim", 5},  {"Majid", 4},  {"Muis", 4},  {"Rochim", 3},
    {"Rozak", 5},   {"Syukur", 4}, {"Jalil", 3}, {"Hamid", 5},  {"Latif", 4}, {"Mukti", 3},
};

// ---- Women ----
constexpr Entry kFemaleJavaneseSingle[] = {
    {"Sumarni", 14, O}, {"Sunarti", 10, O},  {"Suwarni", 8, O},    {"Painem", 7, O},
    {"Tumini", 7, O},   {"Paini", 7, O},     {"Sulastri", 8},      {"Sumiati", 8},
    {"Ngatini", 6, O},  {"Kasiyah", 6, O},   {"Sutini", 7, O},     {"Karsini", 5, O},
    {"Rukmini", 5, O},  {"Sriatun", 5, O},   {"Tukinah", 5, O},    {"Juminah", 5, O},
    {"Poniyem", 5, O},  {"Suyati", 6, O},    {"Wartini", 5, O},    {"Legiyem", 4, O},
    {"Kartini", 6},     {"Suparmi", 6, O},   {"Sainem", 5, O},     {"Jumiati", 6},
    {"Kasmini", 5, O},  {"Sumini", 6, O},    {"Musripah", 5},      {"Sulikah", 5},
    {"Rumiati", 5},     {"Supiah", 5, O},    {"Mariyam", 5},       {"Suminah", 5, O},
    {"Tarmi", 4, O},    {"Warsini", 4, O},   {"Sukesi", 4, O},     {"Kustini", 4},
    {"Ngadiyem", 4, O}, {"Sarmi", 4, O},     {"Katemi", 4, O},     {"Misni", 4},
    {"Umiyati", 4},     {"Nurhayati", 6},    {"Rohmah", 5},        {"Yuliati", 4},
    {"Lestari", 3},     {"Anisa", 2, Y},     {"Rahayu", 3},        {"Wahyuni", 4},
};
constexpr Entry kFemaleMadureseSingle[] = {
    {"Misnati", 8, O},  {"Juhairiyah", 7},   {"Hosniyah", 6},      {"Sulaiha", 5},
    {"Maimunah", 6},    {"Holifah", 6},      {"Mutmainah", 5},     {"Asmani", 5, O},
    {"Satuna", 4, O},   {"Marsiti", 4, O},   {"Bunaiya", 4, O},    {"Sumaiyah", 4},
    {"Rohmah", 5},      {"Halimah", 6},      {"Fatimah", 7},       {"Musyarofah", 4},
    {"Mahmudah", 4},    {"Asiyah", 5},       {"Ropiah", 4},        {"Salamah", 4},
    {"Misyati", 4, O},  {"Hotimah", 5},      {"Munawaroh", 4},     {"Sumarsih", 4},
    {"Saniyah", 4},     {"Hasanah", 5},      {"Juwairiyah", 3},    {"Khotijah", 4},
};
constexpr Entry kFemaleFirst[] = {
    {"Siti", 60},       {"Sri", 36},         {"Nur", 10},          {"Dewi", 8},
    {"Dwi", 8},         {"Tri", 6},          {"Eka", 5},           {"Endang", 4, O},
    {"Umi", 6},         {"Yuli", 5},         {"Rina", 4},          {"Fitri", 5, Y},
    {"Indah", 4, Y},    {"Ayu", 4, Y},       {"Nurul", 7},         {"Lailatul", 4},
    {"Anis", 4},        {"Novi", 4, Y},      {"Wulan", 3, Y},      {"Puji", 4},
    {"Ani", 4},         {"Lilik", 4},        {"Titik", 4},         {"Ida", 4},
    {"Ririn", 3, Y},    {"Putri", 4, Y},     {"Eni", 4},           {"Rini", 4},
    {"Yuni", 4},        {"Khoirotun", 3},    {"Ummi", 3},          {"Dian", 4, Y},
    {"Nanik", 3, O},    {"Sulis", 3},        {"Mamik", 2, O},      {"Tutik", 3, O},
};
constexpr Entry kFemaleNext[] = {
    {"Aminah", 10},     {"Fatimah", 8},      {"Khotijah", 6},      {"Maryam", 5},
    {"Nurhayati", 6},   {"Rohmah", 6},       {"Zulaikha", 5},      {"Muslimah", 5},
    {"Romlah", 5},      {"Komariyah", 5},    {"Wahyuni", 9},       {"Rahayu", 8},
    {"Utami", 6},       {"Lestari", 8},      {"Mulyani", 6},       {"Wahyuningsih", 5},
    {"Hartatik", 4},    {"Hayati", 5},       {"Aini", 6},          {"Laili", 4},
    {"Hidayah", 6},     {"Astuti", 7},       {"Puspitasari", 4, Y}, {"Handayani", 6},
    {"Astutik", 5},     {"Permatasari", 3, Y}, {"Fadilah", 4, Y},  {"Fitriyah", 5},
    {"Sari", 6},        {"Andriani", 4},     {"Fitriani", 4, Y},   {"Nisa", 3, Y},
    {"Ningsih", 5},     {"Rahmawati", 5},    {"Susanti", 5},       {"Kurniasih", 4},
    {"Anggraini", 4, Y}, {"Wulandari", 4, Y}, {"Setyowati", 4},    {"Purwati", 4},
    {"Sulistyowati", 4}, {"Maisaroh", 4},    {"Mukaromah", 4},     {"Khasanah", 5},
    {"Munawaroh", 4},   {"Zuhro", 3},        {"Mahmudah", 3},      {"Sholihah", 4},
    {"Jamilah", 4},     {"Rofiah", 3},       {"Kholifah", 3},      {"Masruroh", 3},
    {"Umamah", 3},      {"Yulianti", 4},     {"Agustina", 4},      {"Ratnasari", 3, Y},
    {"Nur", 5},         {"Juariyah", 3},     {"Sumiati", 3},       {"Rukmini", 2},
};

// clang-format on

const Pool& MaleJavaneseSingle() {
  static const Pool p(kMaleJavaneseSingle);
  return p;
}
const Pool& MaleMadureseSingle() {
  static const Pool p(kMaleMadureseSingle);
  return p;
}
const Pool& MaleFirst() {
  static const Pool p(kMaleFirst);
  return p;
}
const Pool& MaleNext() {
  static const Pool p(kMaleNext);
  return p;
}
const Pool& AbdulNext() {
  static const Pool p(kAbdulNext);
  return p;
}
const Pool& FemaleJavaneseSingle() {
  static const Pool p(kFemaleJavaneseSingle);
  return p;
}
const Pool& FemaleMadureseSingle() {
  static const Pool p(kFemaleMadureseSingle);
  return p;
}
const Pool& FemaleFirst() {
  static const Pool p(kFemaleFirst);
  return p;
}
const Pool& FemaleNext() {
  static const Pool p(kFemaleNext);
  return p;
}

Cohort CohortOf(int birth_year) {
  if (birth_year < 1970) return Cohort::kOld;
  if (birth_year < 1985) return Cohort::kMiddle;
  return Cohort::kYoung;
}

void AppendTokens(std::string_view text, std::vector<std::string>& out) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool Contains(const std::vector<std::string>& tokens, std::string_view t) {
  return std::find(tokens.begin(), tokens.end(), t) != tokens.end();
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// Writes `repl` (lower case) in place of one source letter, keeping the source letter's case on
// the first output letter.
void PutCased(std::string& out, bool upper, std::string_view repl) {
  for (std::size_t i = 0; i < repl.size(); ++i) {
    out.push_back(i == 0 && upper ? Upper(repl[i]) : repl[i]);
  }
}

constexpr std::string_view kMuhammadForms[] = {"Muhammad", "Mochammad", "Mohammad", "Muhamad",
                                               "Mochamad", "Moch.",     "Moh.",     "Muh.",
                                               "M.",       "Moh",       "Mohamad"};
constexpr std::string_view kAhmadForms[] = {"Ahmad", "Achmad", "Akhmad", "A."};

// Keyboard neighbours on a QWERTY row, for substitution typos.
char Neighbour(Random& rng, char c) {
  static constexpr std::string_view kRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  const char lower = Lower(c);
  for (std::string_view row : kRows) {
    const std::size_t i = row.find(lower);
    if (i == std::string_view::npos) continue;
    char n;
    if (i == 0) {
      n = row[1];
    } else if (i + 1 == row.size()) {
      n = row[i - 1];
    } else {
      n = rng.Chance(0.5) ? row[i - 1] : row[i + 1];
    }
    return IsUpper(c) ? Upper(n) : n;
  }
  return c;
}

}  // namespace

double MadureseShare(std::string_view regency_code) {
  struct Share {
    std::string_view code;
    double share;
  };
  // Madura itself, the Tapal Kuda and the north-coast regencies with Madurese settlement.
  static constexpr Share kShares[] = {
      {"35.26", 0.95}, {"35.27", 0.97}, {"35.28", 0.97}, {"35.29", 0.95}, {"35.11", 0.75},
      {"35.12", 0.70}, {"35.13", 0.55}, {"35.74", 0.45}, {"35.09", 0.45}, {"35.10", 0.25},
      {"35.08", 0.30}, {"35.14", 0.35}, {"35.75", 0.30}, {"35.78", 0.20}, {"35.15", 0.10},
      {"35.25", 0.10}, {"35.07", 0.10}, {"35.73", 0.10},
  };
  for (const Share& s : kShares) {
    if (s.code == regency_code) return s.share;
  }
  return regency_code.starts_with("35.") ? 0.03 : 0.05;
}

std::string PersonName::Full() const {
  std::string out = title;
  for (const std::string& t : tokens) {
    if (!out.empty()) out.push_back(' ');
    out += t;
  }
  return out;
}

PersonName MakeName(Random& rng, domain::Sex sex, Ethnicity ethnicity, int birth_year) {
  const Cohort cohort = CohortOf(birth_year);
  const bool female = sex == domain::Sex::kFemale;
  const bool madurese = ethnicity == Ethnicity::kMadurese;

  double p_single = birth_year < 1965   ? 0.62
                    : birth_year < 1975 ? 0.45
                    : birth_year < 1985 ? 0.25
                    : birth_year < 1995 ? 0.10
                                        : 0.04;
  if (madurese) p_single += 0.08;

  PersonName name;
  if (rng.Chance(p_single)) {
    const Pool& pool = female ? (madurese ? FemaleMadureseSingle() : FemaleJavaneseSingle())
                              : (madurese ? MaleMadureseSingle() : MaleJavaneseSingle());
    AppendTokens(pool.Draw(rng, cohort), name.tokens);
  } else {
    const double p_three = birth_year < 1975 ? 0.08 : birth_year < 1990 ? 0.20 : 0.35;
    const int words = rng.Chance(p_three) ? 3 : 2;
    AppendTokens((female ? FemaleFirst() : MaleFirst()).Draw(rng, cohort), name.tokens);
    const Pool& next = female ? FemaleNext() : MaleNext();
    // Madurese men often carry a Madurese given name after Moh./Mat.
    const Pool& second = name.tokens.front() == "Abdul"             ? AbdulNext()
                         : (!female && madurese && rng.Chance(0.4)) ? MaleMadureseSingle()
                                                                    : next;
    for (int tries = 0; static_cast<int>(name.tokens.size()) < words && tries < 20; ++tries) {
      const std::string_view t = (name.tokens.size() == 1 ? second : next).Draw(rng, cohort);
      std::vector<std::string> parts;
      AppendTokens(t, parts);
      if (std::any_of(parts.begin(), parts.end(),
                      [&](const std::string& p) { return Contains(name.tokens, p); })) {
        continue;
      }
      for (auto& p : parts) name.tokens.push_back(std::move(p));
    }
  }

  // Pre-1972 spellings survive in the documents of people born well before the reform.
  const double p_old = birth_year < 1960 ? 0.30 : birth_year < 1972 ? 0.18 : 0.0;
  if (p_old > 0 && rng.Chance(p_old)) {
    for (std::string& t : name.tokens) t = ToOldSpelling(t);
  }
  // Hajj titles: a few older people carry them in village lists.
  if (birth_year < 1980 && rng.Chance(0.04)) name.title = female ? "Hj." : "H.";
  return name;
}

std::string ToOldSpelling(std::string_view token) {
  std::string out;
  out.reserve(token.size() + 4);
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    const char l = Lower(c);
    const bool up = IsUpper(c);
    const char n = i + 1 < token.size() ? Lower(token[i + 1]) : '\0';
    if (l == 't' && n == 'y') {
      // "ty" was "tj" too (Prasetjo), but "tj" reads back as "c": keep it so that the
      // transform stays reversible.
      out.push_back(c);
      out.push_back(token[i + 1]);
      ++i;
    } else if ((l == 'k' || l == 'c') && n == 'h') {
      // "kh" was written "ch" before 1972; a "ch" is already old and stays.
      PutCased(out, up, "ch");
      ++i;
    } else if (l == 'c') {
      PutCased(out, up, "tj");
    } else if (l == 'j') {
      PutCased(out, up, "dj");
    } else if (l == 'y') {
      PutCased(out, up, "j");
    } else if (l == 'u' && !(i > 0 && Lower(token[i - 1]) == 'a')) {
      // "au" is a diphthong and stayed (Fauzi, Maulana, Taufik).
      PutCased(out, up, "oe");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string ToNewSpelling(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    const char l = Lower(c);
    const bool up = IsUpper(c);
    const char n = i + 1 < token.size() ? Lower(token[i + 1]) : '\0';
    if (l == 'o' && n == 'e') {
      PutCased(out, up, "u");
      ++i;
    } else if (l == 't' && n == 'j') {
      PutCased(out, up, "c");
      ++i;
    } else if (l == 'd' && n == 'j') {
      PutCased(out, up, "j");
      ++i;
    } else if (l == 'c' && n == 'h') {
      PutCased(out, up, "kh");
      ++i;
    } else if (l == 'j') {
      PutCased(out, up, "y");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool HasOldSpelling(std::string_view token) {
  std::string lower(token);
  for (char& c : lower) c = Lower(c);
  return lower.find("oe") != std::string::npos || lower.find("tj") != std::string::npos ||
         lower.find("dj") != std::string::npos || lower.find("ch") != std::string::npos;
}

std::optional<PersonName> SpellingVariant(const PersonName& name) {
  const bool old = std::any_of(name.tokens.begin(), name.tokens.end(),
                               [](const std::string& t) { return HasOldSpelling(t); });
  PersonName out = name;
  for (std::string& t : out.tokens) t = old ? ToNewSpelling(t) : ToOldSpelling(t);
  if (out.tokens == name.tokens) return std::nullopt;
  return out;
}

PersonName TitleVariant(const PersonName& name, domain::Sex sex) {
  PersonName out = name;
  out.title = !name.title.empty() ? "" : sex == domain::Sex::kFemale ? "Hj." : "H.";
  return out;
}

std::optional<PersonName> AbbreviationVariant(Random& rng, const PersonName& name) {
  auto pick_other = [&](std::span<const std::string_view> forms,
                        std::string_view current) -> std::string {
    for (;;) {
      const std::string_view f = forms[rng.Below(forms.size())];
      if (f != current) return std::string(f);
    }
  };
  for (std::size_t i = 0; i < name.tokens.size(); ++i) {
    const std::string& t = name.tokens[i];
    PersonName out = name;
    if (std::find(std::begin(kMuhammadForms), std::end(kMuhammadForms), t) !=
        std::end(kMuhammadForms)) {
      out.tokens[i] = pick_other(kMuhammadForms, t);
    } else if (std::find(std::begin(kAhmadForms), std::end(kAhmadForms), t) !=
               std::end(kAhmadForms)) {
      out.tokens[i] = pick_other(kAhmadForms, t);
    } else if (t == "Abdul") {
      out.tokens[i] = "Abd.";
    } else if (t == "Siti") {
      out.tokens[i] = "St.";
    } else if (t == "Nur") {
      out.tokens[i] = "Noer";
    } else if (t == "Noer") {
      out.tokens[i] = "Nur";
    } else {
      continue;
    }
    return out;
  }
  return std::nullopt;
}

std::optional<PersonName> TypoVariant(Random& rng, const PersonName& name) {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < name.tokens.size(); ++i) {
    const std::string& t = name.tokens[i];
    if (t.size() >= 4 &&
        std::all_of(t.begin(), t.end(), [](char c) { return IsUpper(c) || IsLower(c); })) {
      candidates.push_back(i);
    }
  }
  if (candidates.empty()) return std::nullopt;
  PersonName out = name;
  std::string& t = out.tokens[candidates[rng.Below(candidates.size())]];
  // Never touch the first letter: people rarely mistype it, and it keeps the title case.
  const std::size_t pos = 1 + rng.Below(t.size() - 1);
  switch (rng.Below(4)) {
    case 0: {
      const char n = Neighbour(rng, t[pos]);
      if (n != t[pos]) {
        t[pos] = n;
        break;
      }
      [[fallthrough]];
    }
    case 1:
      t.erase(pos, 1);
      break;
    case 2:
      t.insert(pos, 1, t[pos]);
      break;
    default:
      if (pos + 1 < t.size() && t[pos] != t[pos + 1]) {
        std::swap(t[pos], t[pos + 1]);
      } else {
        t.insert(pos, 1, t[pos]);
      }
      break;
  }
  return out;
}

std::optional<PersonName> ShortFormVariant(const PersonName& name) {
  if (name.tokens.size() >= 2) {
    PersonName out = name;
    out.tokens.erase(out.tokens.begin());
    // "M." alone or "Moch." are no everyday names: drop the abbreviation and keep the rest.
    return out;
  }
  const std::string& t = name.tokens.front();
  if ((t.starts_with("Su") || t.starts_with("Soe")) && t.size() >= 6) {
    PersonName out = name;
    const std::size_t cut = t.starts_with("Soe") ? 3 : 2;
    std::string rest = t.substr(cut);
    rest[0] = Upper(rest[0]);
    out.tokens.front() = rest;
    return out;
  }
  return std::nullopt;
}

std::optional<PersonName> TokenOrderVariant(Random& rng, const PersonName& name) {
  if (name.tokens.size() < 2) return std::nullopt;
  PersonName out = name;
  const std::size_t i = rng.Below(out.tokens.size() - 1);
  std::swap(out.tokens[i], out.tokens[i + 1]);
  return out;
}

}  // namespace jaring::demo
