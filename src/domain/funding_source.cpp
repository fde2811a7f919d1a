#include "domain/funding_source.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace jaring::domain {
namespace {

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::string KnownCodes() {
  std::string out;
  for (const FundingSource s : kAllFundingSources) {
    if (!out.empty()) out += ", ";
    out += ToCode(s);
  }
  return out;
}

std::string Percent(int bp) {
  std::string out = std::to_string(bp / 100);
  if (bp % 100 != 0) {
    out += ',';
    out += static_cast<char>('0' + (bp % 100) / 10);
    if (bp % 10 != 0) out += static_cast<char>('0' + bp % 10);
  }
  return out + " %";
}

}  // namespace

std::string_view ToCode(FundingSource source) {
  switch (source) {
    case FundingSource::kDbhcht:
      return "DBHCHT";
    case FundingSource::kApbd:
      return "APBD";
    case FundingSource::kApbdes:
      return "APBDES";
    case FundingSource::kProvince:
      return "PROVINSI";
    case FundingSource::kCsr:
      return "CSR";
  }
  return "";
}

std::string_view FundingSourceLabel(FundingSource source) {
  switch (source) {
    case FundingSource::kDbhcht:
      return "DBHCHT (dana bagi hasil cukai hasil tembakau)";
    case FundingSource::kApbd:
      return "APBD kabupaten/kota";
    case FundingSource::kApbdes:
      return "APBDes (anggaran desa)";
    case FundingSource::kProvince:
      return "APBD provinsi";
    case FundingSource::kCsr:
      return "CSR (tanggung jawab sosial perusahaan)";
  }
  return "";
}

std::optional<FundingSource> FundingSourceFromCode(std::string_view code) {
  const std::string upper = Upper(code);
  for (const FundingSource s : kAllFundingSources) {
    if (ToCode(s) == upper) return s;
  }
  return std::nullopt;
}

Status CheckFunding(const std::vector<FundingShare>& shares) {
  if (shares.empty()) {
    return Fail(
        Error::InvalidArgument("Sumber dana wajib diisi (mis. DBHCHT atau DBHCHT=60,APBD=40)"));
  }
  std::set<FundingSource> seen;
  int total = 0;
  for (const FundingShare& share : shares) {
    if (!seen.insert(share.source).second) {
      return Fail(Error::InvalidArgument("Sumber dana " + std::string(ToCode(share.source)) +
                                         " disebut dua kali"));
    }
    if (share.share_bp <= 0 || share.share_bp > 10000) {
      return Fail(Error::InvalidArgument("Bagian sumber dana " + std::string(ToCode(share.source)) +
                                         " harus lebih dari 0 % dan paling banyak 100 %"));
    }
    total += share.share_bp;
  }
  if (total != 10000) {
    return Fail(
        Error::InvalidArgument("Jumlah bagian sumber dana harus 100 %, bukan " + Percent(total)));
  }
  return {};
}

std::optional<int> ParsePercentShare(std::string_view text) {
  text = Trim(text);
  if (text.ends_with('%')) text = Trim(text.substr(0, text.size() - 1));
  const std::size_t point = text.find_first_of(".,");
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  const auto digits = [](std::string_view s) {
    return std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 3 || !digits(whole) || fraction.size() > 2 ||
      !digits(fraction) || (point != std::string_view::npos && fraction.empty())) {
    return std::nullopt;
  }
  int bp = std::stoi(std::string(whole)) * 100;
  if (!fraction.empty()) bp += std::stoi(std::string(fraction)) * (fraction.size() == 1 ? 10 : 1);
  return bp;
}

Result<std::vector<FundingShare>> ParseFundingSpec(std::string_view spec) {
  std::vector<FundingShare> shares;
  // Items are separated by ','; a decimal comma inside a share ("APBD=12,5") is told apart by
  // what follows it: one or two digits only, after an item with '=' and no fraction yet.
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= spec.size(); ++i) {
    if (i < spec.size() && spec[i] != ',') continue;
    const std::string_view piece = Trim(spec.substr(start, i - start));
    start = i + 1;
    const bool fraction = !parts.empty() && !piece.empty() && piece.size() <= 2 &&
                          std::ranges::all_of(piece, [](char c) { return c >= '0' && c <= '9'; });
    if (fraction && parts.back().find('=') != std::string::npos &&
        parts.back().find_first_of(".,", parts.back().find('=')) == std::string::npos) {
      parts.back() += "," + std::string(piece);
    } else {
      parts.emplace_back(piece);
    }
  }
  for (const std::string& raw : parts) {
    const std::string_view item = Trim(raw);
    const std::size_t eq = item.find('=');
    const std::string_view code = Trim(item.substr(0, eq));
    const auto source = FundingSourceFromCode(code);
    if (!source) {
      return Fail(Error::InvalidArgument("Sumber dana \"" + std::string(code) +
                                         "\" tidak dikenal; pilih salah satu: " + KnownCodes()));
    }
    int share = 0;
    if (eq == std::string_view::npos) {
      share = 10000;  // alone it pays everything; with others CheckFunding refuses the sum
    } else {
      const auto parsed = ParsePercentShare(item.substr(eq + 1));
      if (!parsed) {
        return Fail(Error::InvalidArgument("Bagian sumber dana " + std::string(ToCode(*source)) +
                                           " harus persen, mis. 60 atau 62,5"));
      }
      share = *parsed;
    }
    shares.push_back({*source, share});
  }
  if (shares.size() > 1 && std::ranges::any_of(parts, [](const std::string& p) {
        return p.find('=') == std::string::npos;
      })) {
    return Fail(Error::InvalidArgument(
        "Dengan beberapa sumber dana, tulis bagian masing-masing: mis. DBHCHT=60,APBD=40"));
  }
  if (auto ok = CheckFunding(shares); !ok) return Fail(ok.error());
  return shares;
}

}  // namespace jaring::domain
