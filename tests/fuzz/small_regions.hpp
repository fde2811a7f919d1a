// A small region index for the fuzz targets: Kabupaten Malang (35.07), its 33 districts and the
// villages of two of them, from idn-area-data. Loading the whole embedded index (80,000 villages)
// in every input's process (AFL++ forks before main) takes longer than the 5 s an input may.
#pragma once

#include <cstdlib>

#include "domain/region.hpp"

namespace jaring::fuzz {

inline const domain::RegionIndex& SmallRegions() {
  static const domain::RegionIndex index = [] {
    auto loaded = domain::RegionIndex::LoadFromText(
        "code,name\n35,Jawa Timur\n", "code,province_code,name\n35.07,35,Kabupaten Malang\n",
        "code,regency_code,name\n"
    "35.07.01,35.07,Donomulyo\n"
    "35.07.02,35.07,Pagak\n"
    "35.07.03,35.07,Bantur\n"
    "35.07.04,35.07,Sumbermanjing Wetan\n"
    "35.07.05,35.07,Dampit\n"
    "35.07.06,35.07,Ampelgading\n"
    "35.07.07,35.07,Poncokusumo\n"
    "35.07.08,35.07,Wajak\n"
    "35.07.09,35.07,Turen\n"
    "35.07.10,35.07,Gondanglegi\n"
    "35.07.11,35.07,Kalipare\n"
    "35.07.12,35.07,Sumberpucung\n"
    "35.07.13,35.07,Kepanjen\n"
    "35.07.14,35.07,Bululawang\n"
    "35.07.15,35.07,Tajinan\n"
    "35.07.16,35.07,Tumpang\n"
    "35.07.17,35.07,Jabung\n"
    "35.07.18,35.07,Pakis\n"
    "35.07.19,35.07,Pakisaji\n"
    "35.07.20,35.07,Ngajum\n"
    "35.07.21,35.07,Wagir\n"
    "35.07.22,35.07,Dau\n"
    "35.07.23,35.07,Karangploso\n"
    "35.07.24,35.07,Singosari\n"
    "35.07.25,35.07,Lawang\n"
    "35.07.26,35.07,Pujon\n"
    "35.07.27,35.07,Ngantang\n"
    "35.07.28,35.07,Kasembon\n"
    "35.07.29,35.07,Gedangan\n"
    "35.07.30,35.07,Tirtoyudo\n"
    "35.07.31,35.07,Kromengan\n"
    "35.07.32,35.07,Wonosari\n"
    "35.07.33,35.07,Pagelaran\n",
        "code,district_code,name\n"
    "35.07.01.2001,35.07.01,Tulungrejo\n"
    "35.07.01.2002,35.07.01,Banjarejo\n"
    "35.07.01.2003,35.07.01,Kedungsalam\n"
    "35.07.01.2004,35.07.01,Tlogosari\n"
    "35.07.01.2005,35.07.01,Tempursari\n"
    "35.07.01.2006,35.07.01,Donomulyo\n"
    "35.07.01.2007,35.07.01,Purworejo\n"
    "35.07.01.2008,35.07.01,Sumberoto\n"
    "35.07.01.2009,35.07.01,Mentaraman\n"
    "35.07.01.2010,35.07.01,Purwodadi\n"
    "35.07.02.2001,35.07.02,Sumbermanjing Kulon\n"
    "35.07.02.2002,35.07.02,Pandanrejo\n"
    "35.07.02.2003,35.07.02,Sumberkerto\n"
    "35.07.02.2004,35.07.02,Sempol\n"
    "35.07.02.2005,35.07.02,Pagak\n"
    "35.07.02.2006,35.07.02,Tlogorejo\n"
    "35.07.02.2007,35.07.02,Gampingan\n"
    "35.07.02.2008,35.07.02,Sumberejo\n");
    if (!loaded) std::abort();
    return std::move(*loaded);
  }();
  return index;
}

}  // namespace jaring::fuzz
