// Names: how people in East Java are called, for the demo generator, and the ways one name gets
// written differently across lists (the variants the matching engine must see through).
//
// The tables are weighted by rough frequency: Siti, Sri, Slamet, Muhammad (in all its
// spellings), Ahmad and Nur are everywhere; one-word names (Ponidi, Sumarni, Matrawi) are common
// among older people and rare among the young, who mostly carry two or three words. Madurese
// names (Hosnan, Juhairiyah, Mat Sari) dominate the Tapal Kuda regencies and Madura. Older people
// sometimes keep pre-1972 spellings (Soekarno, Djoko, Tjahjono). Internal to the demo module but
// public so that the variants can be tested on their own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/random.hpp"
#include "domain/worker.hpp"

namespace jaring::demo {

enum class Ethnicity { kJavanese, kMadurese };

// The share of Madurese names among people domiciled in a regency: high in Madura and the
// Tapal Kuda (eastern "horseshoe"), low in the west of the province. 0.05 outside East Java.
double MadureseShare(std::string_view regency_code);

// A name as its holder's documents write it: an optional honorific ("H.", "Hj.") and the name
// tokens ("Muhammad", "Nur", "Hidayat"; a Madurese "Mat Sari" is two tokens).
struct PersonName {
  std::string title;                // "" or "H." / "Hj."
  std::vector<std::string> tokens;  // at least one, title case

  // "H. Muhammad Nur Hidayat".
  std::string Full() const;
};

// Draws a name for a person of this sex, background and birth year. Deterministic for the
// state of `rng`.
PersonName MakeName(Random& rng, domain::Sex sex, Ethnicity ethnicity, int birth_year);

// ---- Spelling variants (each returns the input unchanged when it does not apply) ----

// Pre-1972 spelling of a modern token: u -> oe (not in "au"), c -> tj, j -> dj, y -> j, kh -> ch
// ("Sukarno" -> "Soekarno", "Cahyono" -> "Tjahjono", "Joko" -> "Djoko"). "ty" stays (Prasetyo):
// its old form "tj" would read back as "c".
std::string ToOldSpelling(std::string_view token);
// The reverse: "Soekarno" -> "Sukarno", "Tjahjono" -> "Cahyono", "Djoko" -> "Joko".
// ToNewSpelling(ToOldSpelling(t)) == t for every modern token without "ch" (a "ch", as in
// Achmad, is already the old form of "kh" and becomes "kh").
std::string ToNewSpelling(std::string_view token);
// True when the token is written in the old spelling (contains oe, tj, dj or ch).
bool HasOldSpelling(std::string_view token);

// The whole name in the other spelling: to the new spelling when any token is old, else to
// the old one. nullopt when nothing changes ("Slamet", "Ahmad Ali").
std::optional<PersonName> SpellingVariant(const PersonName& name);

// The hajj title dropped when present, else added (H. for men, Hj. for women).
PersonName TitleVariant(const PersonName& name, domain::Sex sex);

// Muhammad and its spellings -> another of them or an abbreviation (Moch., M., Moh., Muh.);
// Ahmad/Achmad/Akhmad -> another; Abdul -> Abd.; Siti -> St.; Nur -> Noer. The first token that
// has such a form is changed; nullopt when no token has one.
std::optional<PersonName> AbbreviationVariant(Random& rng, const PersonName& name);

// One typing slip in one token of at least 4 letters: a letter replaced by a keyboard
// neighbour, dropped, doubled, or swapped with the next. nullopt when no token is long enough.
std::optional<PersonName> TypoVariant(Random& rng, const PersonName& name);

// The same person under a shorter everyday name: the Javanese "Su-" prefix dropped
// ("Suparman" -> "Parman", "Sumarni" -> "Marni") or the first of several tokens dropped
// ("Muhammad Arif" -> "Arif", "Siti Aminah" -> "Aminah"). nullopt when neither applies.
std::optional<PersonName> ShortFormVariant(const PersonName& name);

// Two adjacent tokens swapped ("Hidayat Nur" for "Nur Hidayat"). nullopt for one token.
std::optional<PersonName> TokenOrderVariant(Random& rng, const PersonName& name);

}  // namespace jaring::demo
