// Normalisation of Indonesian personal names: the one spelling vocabulary that the matching
// engine compares and blocks on and the registry's name search (storage::NameSearchKey) keys on.
//
// One person is written many ways across lists: old and new spellings (Soekarno/Sukarno,
// Tjahjono/Cahyono), Muhammad/Moch./M. and Achmad/Ahmad variants, titles (H., Hj., Drs.,
// S.Pd.), a "bin"/"binti" father's name that some sources add, and tokens in any order.
// NormalizeName maps every such form to one canonical token list, and PhoneticKey to a coarser
// key for near-spellings (Fatimah/Fatima, Rachmat/Rahmat). Both directions of a spelling reform
// meet in the same canonical form, so comparison is symmetric by construction.
//
// Pure functions, thread-safe, no allocation beyond the returned values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jaring::domain {

// Unicode NFC, case folding and removal of combining marks (utf8proc), then ASCII lower case.
// Invalid UTF-8 is folded byte-wise (ASCII lower-cased, other bytes kept).
std::string FoldText(std::string_view raw);

// One token in canonical spelling: old spellings mapped to EYD (oe→u, dj→j, tj→c, sj→sy,
// nj→ny, ch→kh, and j→y in tokens that show an old spelling), then name variants mapped to one
// form (Mochammad/Moh/Muh → muhammad, Achmad/Akhmad → ahmad, Abd/Abdoel → abdul, Noer → nur).
// Input is one folded ASCII token.
std::string CanonicalToken(std::string_view token);

// A coarse phonetic key of one canonical token, tuned to Indonesian: kh→h, sy→s, dz/z→j,
// ph/v→f, q→k, dh→d, th→t, h after a consonant and at the end dropped, doubled letters
// collapsed. Vowels are kept (Aminah and Amanah are different people).
std::string PhoneticKey(std::string_view canonical_token);

// True if a folded token is a title or honorific (H, Hj, KH, Drs, Ir, dr, S.Pd, Bapak, Ibu...).
bool IsTitle(std::string_view folded_token);

struct NormalizedName {
  std::vector<std::string> tokens;  // canonical tokens in written order, titles and tail removed
  std::vector<std::string> tail;    // canonical tokens after bin/binti (father's name), if any
  std::string canonical;            // tokens joined by one space, in written order
  std::string sorted;               // tokens sorted and joined: insensitive to token order
  std::string phonetic;             // phonetic keys of the sorted tokens, joined
  std::string compact;              // the written-order tokens run together: "Nurhayati" and
                                    // "Nur Hayati" share it
};

// Full normalisation of a raw name as entered. An empty or all-punctuation name gives empty
// fields. Titles are removed only while at least one other token remains.
NormalizedName NormalizeName(std::string_view raw);

}  // namespace jaring::domain
