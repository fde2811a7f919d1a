#include "policy/book.hpp"

#include <algorithm>

#include "domain/date_format.hpp"
#include "policy/internal/fmt.hpp"

namespace jaring::policy {
namespace {

std::optional<Date> DayBefore(Date date) {
  return Date(std::chrono::sys_days(date) - std::chrono::days(1));
}

// The end of versions[i] in a family sorted by effective_from.
std::optional<Date> EndOf(const std::vector<RuleVersion>& versions, std::size_t i) {
  if (versions[i].effective_until) return versions[i].effective_until;
  if (i + 1 < versions.size()) return DayBefore(versions[i + 1].effective_from);
  return std::nullopt;
}

std::string DescribeRange(const RuleVersion& v) {
  std::string text = "versi yang berlaku mulai " + domain::FormatDateIndonesian(v.effective_from);
  if (v.effective_until) text += " s.d. " + domain::FormatDateIndonesian(*v.effective_until);
  return text;
}

}  // namespace

Result<PolicyBook> PolicyBook::Of(std::vector<RuleVersion> versions) {
  PolicyBook book;
  for (RuleVersion& version : versions) {
    if (auto added = book.Add(std::move(version)); !added) return Fail(std::move(added.error()));
  }
  return book;
}

Status PolicyBook::CheckAdd(const RuleVersion& version) const {
  if (auto valid = Validate(version); !valid) return valid;
  const auto& family = families_[static_cast<std::size_t>(version.family())];
  // The neighbours by start date: the new version must begin after its predecessor's own end
  // (an open predecessor is closed by it) and end before its successor begins (an open new
  // version is closed by the successor).
  const auto next = std::upper_bound(
      family.begin(), family.end(), version.effective_from,
      [](const Date& from, const RuleVersion& v) { return from < v.effective_from; });
  const RuleVersion* clash = nullptr;
  if (next != family.begin()) {
    const RuleVersion& previous = *std::prev(next);
    if (previous.effective_from == version.effective_from ||
        (previous.effective_until && *previous.effective_until >= version.effective_from)) {
      clash = &previous;
    }
  }
  if (clash == nullptr && next != family.end() && version.effective_until &&
      *version.effective_until >= next->effective_from) {
    clash = &*next;
  }
  if (clash != nullptr) {
    return Fail(Error::InvalidArgument(
        internal::Fmt("Versi baru ({}) bertumpang tindih dengan {} (dasar hukum: {}); versi "
                      "tidak pernah diubah, tambahkan versi yang mulai berlaku setelah versi "
                      "lama berakhir",
                      DescribeVersion(version), DescribeRange(*clash), clash->legal_reference),
        internal::Fmt("overlapping {} versions", RuleFamilyCode(version.family()))));
  }
  return {};
}

Status PolicyBook::Add(RuleVersion version) {
  if (auto addable = CheckAdd(version); !addable) return addable;
  auto& family = families_[static_cast<std::size_t>(version.family())];
  const auto at = std::upper_bound(
      family.begin(), family.end(), version.effective_from,
      [](const Date& from, const RuleVersion& v) { return from < v.effective_from; });
  family.insert(at, std::move(version));
  return {};
}

Result<VersionInForce> PolicyBook::InForce(RuleFamily family, Date date) const {
  const auto& versions = families_[static_cast<std::size_t>(family)];
  const auto next =
      std::upper_bound(versions.begin(), versions.end(), date,
                       [](const Date& d, const RuleVersion& v) { return d < v.effective_from; });
  if (next != versions.begin()) {
    const std::size_t i = static_cast<std::size_t>(next - versions.begin()) - 1;
    const std::optional<Date> until = EndOf(versions, i);
    if (!until || date <= *until) return VersionInForce{&versions[i], until};
  }
  return Fail(Error::NotFound(
      internal::Fmt("Tidak ada aturan {} yang berlaku pada {}; tambahkan versinya (jaring policy "
                    "add)",
                    RuleFamilyLabel(family), domain::FormatDateIndonesian(date)),
      internal::Fmt("no {} version in force", RuleFamilyCode(family))));
}

Result<VersionInForce> PolicyBook::InForceFor(RuleFamily family, domain::Period month) const {
  return InForce(family, month.FirstDay());
}

std::vector<VersionInForce> PolicyBook::AllInForce(Date date) const {
  std::vector<VersionInForce> in_force;
  for (RuleFamily family : kAllRuleFamilies) {
    if (auto found = InForce(family, date)) in_force.push_back(*found);
  }
  return in_force;
}

std::vector<VersionInForce> PolicyBook::History(RuleFamily family) const {
  const auto& versions = families_[static_cast<std::size_t>(family)];
  std::vector<VersionInForce> history;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    history.push_back({&versions[i], EndOf(versions, i)});
  }
  return history;
}

std::vector<RuleVersion> PolicyBook::AllVersions() const {
  std::vector<RuleVersion> all;
  for (const auto& family : families_) all.insert(all.end(), family.begin(), family.end());
  return all;
}

bool PolicyBook::empty() const {
  return std::ranges::all_of(families_, [](const auto& family) { return family.empty(); });
}

}  // namespace jaring::policy
