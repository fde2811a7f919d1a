// A strict reader of one JSON object of the policy file: typed fields, unknown keys refused,
// the first problem kept with the path of the field it concerns.
//
// Reads never throw: after the first problem every read returns a default value and the
// caller checks problem() once at the end (docs/policy.md: one error, naming the field).
// Holds references to the JSON and the shared problem; use it while both live.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.hpp"

namespace jaring::policy::internal {

struct FieldProblem {
  std::string path;     // "rules.brackets[1].basis"; empty for the whole document
  std::string message;  // Indonesian: "harus bilangan bulat"
};

class ObjectReader {
 public:
  // `path` names `value` in messages ("" at the top level). A non-object records a problem.
  ObjectReader(const nlohmann::json& value, std::string path, std::optional<FieldProblem>& problem);

  bool ok() const { return !problem_.has_value(); }
  const std::string& path() const { return path_; }

  std::int64_t Integer(std::string_view key);
  int SmallInteger(std::string_view key);  // within int
  domain::Money Rupiah(std::string_view key);
  std::optional<domain::Money> OptionalRupiah(std::string_view key);  // absent or null
  bool Boolean(std::string_view key);
  std::string Text(std::string_view key);
  std::optional<std::string> OptionalText(std::string_view key);  // absent or null
  ObjectReader Object(std::string_view key);
  // A reader of one element of an array read with Array(), sharing this reader's problem.
  ObjectReader Element(const nlohmann::json& element, std::string path) const;
  // The elements of an array (absent: a problem; `optional` makes absent or null an empty list).
  std::vector<const nlohmann::json*> Array(std::string_view key, bool optional = false);
  std::vector<std::string> TextArray(std::string_view key, bool optional = false);

  // Records "unknown field" for the first key no read asked for. Call after all reads.
  void Finish();

  // The path of `key` (or of element `index` of it) under this object.
  std::string PathOf(std::string_view key) const;
  static std::string ElementPath(std::string_view array_path, std::size_t index);

  void Fail(std::string path, std::string message);

 private:
  const nlohmann::json* Field(std::string_view key, bool optional);

  const nlohmann::json& value_;
  std::string path_;
  std::optional<FieldProblem>& problem_;
  std::set<std::string, std::less<>> read_;
};

// Parses text as JSON refusing duplicate keys in an object (nlohmann would keep the last one
// silently). nullopt and a problem when the text is not JSON or repeats a key.
std::optional<nlohmann::json> ParseStrictJson(std::string_view text,
                                              std::optional<FieldProblem>& problem);

}  // namespace jaring::policy::internal
