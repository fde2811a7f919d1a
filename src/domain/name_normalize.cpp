// Design notes: normalisation happens in three layers so that each stays simple and testable.
//  1. FoldText: Unicode to ASCII-ish lower case (utf8proc NFC + case fold + strip marks).
//  2. Tokenising: dotted abbreviations that are titles ("s.pd", "h.") are recognised before
//     dots split tokens, so "S.Pd" is dropped but "M.Yusuf" becomes "m yusuf".
//  3. CanonicalToken: spelling reform, then a variant table. The table is keyed by the
//     post-reform spelling, so "Mochammad" (→ mokhammad) needs one entry, not two.
// Invariant: the canonical form of a name never depends on which side of a comparison it is on,
// so every comparator built on it is symmetric.
#include "domain/name_normalize.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace jaring::domain {
namespace {

bool IsAsciiAlpha(char c) { return c >= 'a' && c <= 'z'; }
bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

const std::unordered_set<std::string_view>& Titles() {
  static const std::unordered_set<std::string_view> kTitles = {
      "h",      "hj",      "hjh",     "kh",       "drs",      "dra",        "ir",   "dr",
      "prof",   "spd",     "spdi",    "sag",      "sh",       "se",         "ssos", "st",
      "skom",   "skm",     "amd",     "amdkeb",   "amdkep",   "mpd",        "mm",   "msi",
      "ssi",    "sip",     "shi",     "sthi",     "mag",      "mh",         "spt",  "sp",
      "bapak",  "bpk",     "pak",     "ibu",      "bu",       "mbah",       "mbok", "sdr",
      "sdri",   "saudara", "saudari", "ny",       "nyonya",   "tn",         "tuan", "haji",
      "hajjah", "hajah",   "alm",     "almh",     "almarhum", "almarhumah", "kyai", "kiai",
      "ustadz", "ustad",   "ustazah", "ustadzah", "raden",    "rr",         "mas",  "mbak",
      "cak",    "ning_",   "bc",      "bsc",      "ba",       "sked",       "spsi", "sarj"};
  return kTitles;
}

bool IsTailMarker(std::string_view t) { return t == "bin" || t == "binti" || t == "bint"; }

// Spelling reform on one folded token; see CanonicalToken.
std::string Respell(std::string_view t) {
  std::string out;
  out.reserve(t.size() + 2);
  bool old_spelling = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    char n = i + 1 < t.size() ? t[i + 1] : '\0';
    if (c == 'o' && n == 'e') {
      out += 'u';
      ++i;
      old_spelling = true;
    } else if (c == 'd' && n == 'j') {
      out += 'J';  // a j that is j in both spellings; lower-cased below
      ++i;
      old_spelling = true;
    } else if (c == 't' && n == 'j') {
      out += 'c';
      ++i;
      old_spelling = true;
    } else if (c == 's' && n == 'j') {
      out += "sy";
      ++i;
      old_spelling = true;
    } else if (c == 'n' && n == 'j') {
      out += "ny";
      ++i;
      old_spelling = true;
    } else if (c == 'c' && n == 'h') {
      out += "kh";
      ++i;
      old_spelling = true;
    } else if (c == 'h' && n == 'j') {
      out += "hy";  // Wahjudi: h+j never occurs in EYD spelling
      ++i;
      old_spelling = true;
    } else {
      out += c;
    }
  }
  for (char& c : out) {
    if (c == 'j' && old_spelling) c = 'y';
    if (c == 'J') c = 'j';
  }
  return out;
}

const std::unordered_map<std::string_view, std::string_view>& Variants() {
  static const std::unordered_map<std::string_view, std::string_view> kVariants = {
      // Muhammad
      {"muhammad", "muhammad"},
      {"muhamad", "muhammad"},
      {"mohammad", "muhammad"},
      {"mohamad", "muhammad"},
      {"mokhammad", "muhammad"},
      {"mokhamad", "muhammad"},
      {"mukhammad", "muhammad"},
      {"mukhamad", "muhammad"},
      {"muhammed", "muhammad"},
      {"mohammed", "muhammad"},
      {"mohamed", "muhammad"},
      {"muhamed", "muhammad"},
      {"mohd", "muhammad"},
      {"moh", "muhammad"},
      {"mokh", "muhammad"},
      {"muh", "muhammad"},
      {"mukh", "muhammad"},
      {"mhd", "muhammad"},
      {"mhmd", "muhammad"},
      {"muhamat", "muhammad"},
      {"mohamat", "muhammad"},
      {"mokhamat", "muhammad"},
      {"muhammat", "muhammad"},
      {"mukhamat", "muhammad"},
      {"mukhammat", "muhammad"},
      // Ahmad
      {"ahmad", "ahmad"},
      {"akhmad", "ahmad"},
      {"ahmat", "ahmad"},
      {"akhmat", "ahmad"},
      {"ahmed", "ahmad"},
      {"akhmed", "ahmad"},
      {"akh", "ahmad"},
      {"ahmd", "ahmad"},
      // Abdul
      {"abdul", "abdul"},
      {"abd", "abdul"},
      {"abdoel", "abdul"},
      // Nur
      {"nur", "nur"},
      {"nor", "nur"},
      {"nurr", "nur"},
      // Common spelling doubles.
      {"sitti", "siti"},
      {"jusuf", "yusuf"},
      {"yusup", "yusuf"},
      {"jusup", "yusuf"},
      {"slamed", "slamet"},
      {"ibrahim", "ibrahim"},
      {"ibrohim", "ibrahim"},
      {"abdulah", "abdullah"},
      {"rakhmat", "rahmat"},
      {"rokhmat", "rohmat"},
      {"mustofa", "mustafa"},
      {"mustopa", "mustafa"},
      {"mustapa", "mustafa"},
      {"kholik", "khalik"},
      {"solikhin", "solikin"},
      {"sholikin", "solikin"},
      {"sholikhin", "solikin"},
      {"sholeh", "soleh"},
      {"saleh", "soleh"},
      {"sholekhah", "solekhah"},
      {"kusnadi", "kusnadi"},
      {"hasyim", "hasyim"},
      {"hasim", "hasyim"},
  };
  return kVariants;
}

bool Utf8Valid(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) return false;
    i += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string FoldText(std::string_view raw) {
  bool ascii = true;
  for (unsigned char c : raw) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out;
  if (ascii || !Utf8Valid(raw)) {
    out.assign(raw);
  } else {
    utf8proc_uint8_t* mapped = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(raw.data()),
                          static_cast<utf8proc_ssize_t>(raw.size()), &mapped,
                          static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
    if (n >= 0 && mapped != nullptr) {
      out.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    } else {
      out.assign(raw);
    }
    std::free(mapped);
  }
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsTitle(std::string_view folded_token) { return Titles().contains(folded_token); }

std::string CanonicalToken(std::string_view token) {
  std::string respelled = Respell(token);
  const auto& variants = Variants();
  if (auto it = variants.find(respelled); it != variants.end()) return std::string(it->second);
  return respelled;
}

std::string PhoneticKey(std::string_view t) {
  std::string s;
  s.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    char n = i + 1 < t.size() ? t[i + 1] : '\0';
    // Digraphs with one-letter equivalents.
    char digraph = '\0';
    if (c == 'k' && n == 'h')
      digraph = 'h';
    else if (c == 'd' && n == 'h')
      digraph = 'd';
    else if (c == 't' && n == 'h')
      digraph = 't';
    else if (c == 's' && n == 'y')
      digraph = 's';
    else if (c == 'c' && n == 'k')
      digraph = 'k';
    else if (c == 't' && n == 's')
      digraph = 's';
    else if (c == 'd' && n == 'z')
      digraph = 'j';
    else if (c == 'p' && n == 'h')
      digraph = 'f';
    if (digraph != '\0') {
      s += digraph;
      ++i;
      continue;
    }
    switch (c) {
      case 'v':
        s += 'f';
        break;
      case 'q':
        s += 'k';
        break;
      case 'z':
        s += 'j';
        break;
      case 'x':
        s += "ks";
        break;
      default:
        s += c;
    }
  }
  // Rizky/Rizki: a final y after a consonant sounds as i.
  if (s.size() >= 2 && s.back() == 'y' && !IsVowel(s[s.size() - 2])) s.back() = 'i';
  // Drop h after a consonant and at the end; collapse doubles.
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == 'h' && i > 0) {
      char prev = s[i - 1];
      bool at_end = i + 1 == s.size();
      if (at_end || (!IsVowel(prev) && IsAsciiAlpha(prev))) continue;
    }
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
}

NormalizedName NormalizeName(std::string_view raw) {
  std::string folded = FoldText(raw);
  // Split on whitespace and commas; dotted pieces are checked against the titles first.
  std::vector<std::string> words;
  std::vector<bool> dropped_title;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() &&
           (folded[i] == ' ' || folded[i] == ',' || folded[i] == '\t' || folded[i] == ';' ||
            folded[i] == '/' || folded[i] == '(' || folded[i] == ')')) {
      ++i;
    }
    std::size_t start = i;
    while (i < folded.size() && folded[i] != ' ' && folded[i] != ',' && folded[i] != '\t' &&
           folded[i] != ';' && folded[i] != '/' && folded[i] != '(' && folded[i] != ')') {
      ++i;
    }
    if (start == i) continue;
    std::string_view piece(folded.data() + start, i - start);
    std::string compact;
    for (char c : piece) {
      if (c != '.' && c != '\'' && c != '`' && c != '-') compact += c;
    }
    if (piece.find('.') != std::string_view::npos && IsTitle(compact)) {
      continue;  // "S.Pd", "H.", "Hj." : a title written with dots
    }
    std::string token;
    auto flush = [&] {
      if (!token.empty()) words.push_back(std::move(token));
      token.clear();
    };
    for (char c : piece) {
      if (c == '\'' || c == '`') continue;  // Ma'ruf -> maruf
      bool keep = IsAsciiAlpha(c) || static_cast<unsigned char>(c) >= 0x80;
      if (keep) {
        token += c;
      } else {
        flush();  // dots, hyphens, digits and other punctuation separate tokens
      }
    }
    flush();
  }
  // Titles anywhere, as long as one other token remains.
  std::size_t non_titles = 0;
  for (const auto& w : words) non_titles += IsTitle(w) ? 0 : 1;
  if (non_titles > 0) {
    std::erase_if(words, [](const std::string& w) { return IsTitle(w); });
  }
  NormalizedName result;
  bool in_tail = false;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    if (!in_tail && k > 0 && IsTailMarker(w) && k + 1 < words.size()) {
      in_tail = true;
      continue;
    }
    std::string canon = CanonicalToken(w);
    if (!in_tail && result.tokens.empty() && canon == "m" && k + 1 < words.size() &&
        !IsTailMarker(words[k + 1])) {
      canon = "muhammad";  // "M. Yusuf"
    }
    (in_tail ? result.tail : result.tokens).push_back(std::move(canon));
  }
  std::vector<std::string> sorted = result.tokens;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t k = 0; k < result.tokens.size(); ++k) {
    if (k > 0) result.canonical += ' ';
    result.canonical += result.tokens[k];
  }
  std::vector<std::string> keys;
  keys.reserve(sorted.size());
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    if (k > 0) result.sorted += ' ';
    result.sorted += sorted[k];
    keys.push_back(PhoneticKey(sorted[k]));
  }
  std::string joined;
  for (const auto& t : result.tokens) joined += t;
  result.compact = std::move(joined);
  std::sort(keys.begin(), keys.end());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k > 0) result.phonetic += ' ';
    result.phonetic += keys[k];
  }
  return result;
}

}  // namespace jaring::domain
