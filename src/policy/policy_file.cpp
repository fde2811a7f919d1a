#include "policy/policy_file.hpp"

#include <nlohmann/json.hpp>

#include "domain/date_format.hpp"
#include "policy/internal/fmt.hpp"
#include "policy/internal/json_reader.hpp"
#include "policy/internal/rules_json.hpp"

namespace jaring::policy {
namespace {

using internal::FieldProblem;
using internal::ObjectReader;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view kFilePrefix = "Berkas kebijakan";

ordered_json ToJsonObject(const RuleVersion& v) {
  ordered_json object = ordered_json::object();
  object["family"] = RuleFamilyCode(v.family());
  object["effective_from"] = domain::FormatIsoDate(v.effective_from);
  if (v.effective_until) object["effective_until"] = domain::FormatIsoDate(*v.effective_until);
  object["legal_reference"] = v.legal_reference;
  object["certainty"] = CertaintyCode(v.certainty);
  object["uncertain_fields"] = v.uncertain_fields;
  object["rules"] = internal::RulesToJson(v.rules);
  return object;
}

std::string WriteFile(std::span<const RuleVersion> versions) {
  ordered_json versions_json = ordered_json::array();
  for (const RuleVersion& v : versions) versions_json.push_back(ToJsonObject(v));
  const ordered_json file = {{"jaring_policy", kPolicyFileFormat},
                             {"versions", std::move(versions_json)}};
  return file.dump(2) + "\n";
}

// `label` names the version in messages: "versi ke-2" in a file, "versi" alone.
// `known` names the version once its family and start date are read.
struct KnownVersion {
  RuleFamily family;
  Date effective_from;
};

Error FieldError(std::string_view label, const std::optional<KnownVersion>& known,
                 const FieldProblem& problem) {
  std::string where = internal::Fmt("{}, {}", kFilePrefix, label);
  if (known) where += internal::Fmt(" ({})", DescribeVersion(known->family, known->effective_from));
  const std::string field =
      problem.path.empty() ? std::string() : internal::Fmt(": kolom \"{}\"", problem.path);
  return Error::InvalidArgument(internal::Fmt("{}{} {}", where, field, problem.message),
                                internal::Fmt("policy file field {}", problem.path));
}

// Reads one version object. Dates and codes are read first so that later messages can name
// the version by family and start date.
Result<RuleVersion> ReadVersion(const json& value, std::string_view label) {
  std::optional<FieldProblem> problem;
  ObjectReader in(value, "", problem);
  RuleVersion version;
  std::optional<KnownVersion> known;

  const std::string family_code = in.Text("family");
  std::optional<RuleFamily> family;
  if (in.ok()) {
    if (auto parsed = ParseRuleFamily(family_code)) {
      family = *parsed;
    } else {
      in.Fail("family", parsed.error().message);
    }
  }
  auto read_date = [&](std::string_view key, const std::string& text) -> std::optional<Date> {
    auto date = domain::ParseIsoDate(text);
    if (date) return *date;
    in.Fail(std::string(key), "harus tanggal TTTT-BB-HH yang ada, misalnya 2025-01-01");
    return std::nullopt;
  };
  const std::string from_text = in.Text("effective_from");
  if (in.ok()) {
    if (auto from = read_date("effective_from", from_text)) version.effective_from = *from;
  }
  if (in.ok()) known = KnownVersion{*family, version.effective_from};
  if (auto until = in.OptionalText("effective_until"); until && in.ok()) {
    version.effective_until = read_date("effective_until", *until);
  }
  version.legal_reference = in.Text("legal_reference");
  const std::string certainty = in.Text("certainty");
  if (in.ok()) {
    if (auto parsed = ParseCertainty(certainty)) {
      version.certainty = *parsed;
    } else {
      in.Fail("certainty", parsed.error().message);
    }
  }
  version.uncertain_fields = in.TextArray("uncertain_fields", /*optional=*/true);
  if (in.ok()) {
    ObjectReader rules = in.Object("rules");
    version.rules = internal::RulesFromJson(*family, rules);
  }
  in.Finish();
  if (problem) return Fail(FieldError(label, known, *problem));
  if (auto valid = Validate(version); !valid) {
    // Validate names the version as "Iuran, berlaku mulai ...: kolom ..."; say it as the
    // reader's problems do, after the version's number in the file.
    std::string message = valid.error().message;
    const std::string described = DescribeVersion(version) + ": ";
    if (message.starts_with(described)) {
      message =
          internal::Fmt(" ({}): {}", DescribeVersion(version), message.substr(described.size()));
    } else {
      message = ": " + message;
    }
    return Fail(Error::InvalidArgument(internal::Fmt("{}, {}{}", kFilePrefix, label, message),
                                       valid.error().details));
  }
  return version;
}

}  // namespace

Result<std::vector<RuleVersion>> ParsePolicyFile(std::string_view text) {
  std::optional<FieldProblem> problem;
  const std::optional<json> document = internal::ParseStrictJson(text, problem);
  if (!document) return Fail(FieldError("isi berkas", std::nullopt, *problem));
  ObjectReader top(*document, "", problem);
  const std::int64_t format = top.Integer("jaring_policy");
  if (top.ok() && format != kPolicyFileFormat) {
    top.Fail("jaring_policy",
             internal::Fmt("harus {} (format berkas yang dikenal)", kPolicyFileFormat));
  }
  const auto elements = top.Array("versions");
  if (top.ok() && elements.empty()) top.Fail("versions", "harus berisi paling sedikit satu versi");
  top.Finish();
  if (problem) return Fail(FieldError("isi berkas", std::nullopt, *problem));

  std::vector<RuleVersion> versions;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    auto version = ReadVersion(*elements[i], internal::Fmt("versi ke-{}", i + 1));
    if (!version) return Fail(std::move(version.error()));
    versions.push_back(std::move(*version));
  }
  return versions;
}

std::string WritePolicyFile(std::span<const RuleVersion> versions) { return WriteFile(versions); }

std::string WriteInForce(const PolicyBook& book, Date date) {
  std::vector<RuleVersion> in_force;
  for (const VersionInForce& entry : book.AllInForce(date)) {
    RuleVersion version = *entry.version;
    version.effective_until = entry.until;
    in_force.push_back(std::move(version));
  }
  return WriteFile(in_force);
}

std::string VersionToJson(const RuleVersion& version) { return ToJsonObject(version).dump(); }

Result<RuleVersion> VersionFromJson(std::string_view text) {
  std::optional<FieldProblem> problem;
  const std::optional<json> document = internal::ParseStrictJson(text, problem);
  if (!document) return Fail(FieldError("versi", std::nullopt, *problem));
  return ReadVersion(*document, "versi");
}

PolicyRow ToRow(const RuleVersion& version) {
  PolicyRow row;
  row.family = RuleFamilyCode(version.family());
  row.effective_from = domain::FormatIsoDate(version.effective_from);
  if (version.effective_until)
    row.effective_until = domain::FormatIsoDate(*version.effective_until);
  row.legal_reference = version.legal_reference;
  row.certainty = CertaintyCode(version.certainty);
  row.document = VersionToJson(version);
  return row;
}

Result<RuleVersion> FromRow(const PolicyRow& row) {
  auto version = VersionFromJson(row.document);
  if (!version) return version;
  if (const PolicyRow expected = ToRow(*version);
      expected.family != row.family || expected.effective_from != row.effective_from ||
      expected.effective_until != row.effective_until ||
      expected.legal_reference != row.legal_reference || expected.certainty != row.certainty) {
    return Fail(Error::Internal("Data versi aturan yang tersimpan tidak konsisten",
                                internal::Fmt("policy row {} {}: columns disagree with document",
                                              row.family, row.effective_from)));
  }
  return version;
}

}  // namespace jaring::policy
