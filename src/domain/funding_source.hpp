// Funding sources of a program (issue 13, item 2): who pays the contributions, and in which
// shares when several co-fund one program. Shares are basis points (10000 = 100 %) and must sum
// to exactly 100 %.
//
// Plain values, no I/O; the codes are the ones the API, the command line and the database use.
// Failures are InvalidArgument with an Indonesian message naming the culprit.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::domain {

enum class FundingSource { kDbhcht, kApbd, kApbdes, kProvince, kCsr };
inline constexpr std::array<FundingSource, 5> kAllFundingSources = {
    FundingSource::kDbhcht, FundingSource::kApbd, FundingSource::kApbdes, FundingSource::kProvince,
    FundingSource::kCsr};

// "DBHCHT", "APBD", "APBDES", "PROVINSI", "CSR".
std::string_view ToCode(FundingSource source);
// "DBHCHT (bagi hasil cukai hasil tembakau)", ...
std::string_view FundingSourceLabel(FundingSource source);
// A code in any letter case; nullopt otherwise.
std::optional<FundingSource> FundingSourceFromCode(std::string_view code);

struct FundingShare {
  FundingSource source = FundingSource::kDbhcht;
  int share_bp = 0;  // 1..10000
  friend bool operator==(const FundingShare&, const FundingShare&) = default;
};

// Every source known (no repeats) and the shares summing to exactly 10000.
Status CheckFunding(const std::vector<FundingShare>& shares);

// The command line's `--funding` value: "DBHCHT" (one source, 100 %) or
// "DBHCHT=60,APBD=40" (percent, up to two decimals with '.' or ','). Checked with CheckFunding.
Result<std::vector<FundingShare>> ParseFundingSpec(std::string_view spec);

// A share in percent as written ("60", "62.5", "12,25") -> basis points; nullopt otherwise.
std::optional<int> ParsePercentShare(std::string_view text);

}  // namespace jaring::domain
