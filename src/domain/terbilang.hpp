// Terbilang: an amount of rupiah in Indonesian words, as finance offices write it on payment
// documents beside the figure ("dua miliar delapan ratus juta rupiah"). Pure; thread-safe.
//
// Rules: "se-" for one of a unit (sepuluh, sebelas, seratus, seribu), "satu" before juta and
// above (satu juta, satu miliar); words joined by single spaces; zero is "nol rupiah"; a
// negative amount starts with "minus". Handles the whole int64 range (up to triliun ×
// million: kuadriliun, kuintiliun).
#pragma once

#include <string>

#include "domain/money.hpp"

namespace jaring::domain {

std::string Terbilang(Money amount);

}  // namespace jaring::domain
