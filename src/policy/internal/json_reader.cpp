#include "policy/internal/json_reader.hpp"

#include <limits>

namespace jaring::policy::internal {

using nlohmann::json;

ObjectReader::ObjectReader(const json& value, std::string path,
                           std::optional<FieldProblem>& problem)
    : value_(value), path_(std::move(path)), problem_(problem) {
  if (!value_.is_object()) Fail(path_, "harus berupa objek JSON ({ ... })");
}

std::string ObjectReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string ObjectReader::ElementPath(std::string_view array_path, std::size_t index) {
  return std::string(array_path) + "[" + std::to_string(index) + "]";
}

void ObjectReader::Fail(std::string path, std::string message) {
  if (!problem_) problem_ = FieldProblem{std::move(path), std::move(message)};
}

const json* ObjectReader::Field(std::string_view key, bool optional) {
  read_.emplace(key);
  if (!ok() || !value_.is_object()) return nullptr;
  const auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) {
    if (!optional) Fail(PathOf(key), "wajib diisi");
    return nullptr;
  }
  return &*it;
}

std::int64_t ObjectReader::Integer(std::string_view key) {
  const json* field = Field(key, false);
  if (field == nullptr) return 0;
  // Floats ("16800.0", "1e4") are refused: every figure is a whole number.
  if (field->is_number_integer() &&
      (!field->is_number_unsigned() ||
       field->get<std::uint64_t>() <=
           static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
    return field->get<std::int64_t>();
  }
  Fail(PathOf(key), "harus bilangan bulat (tanpa titik, koma, atau tanda kutip)");
  return 0;
}

int ObjectReader::SmallInteger(std::string_view key) {
  const std::int64_t value = Integer(key);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    Fail(PathOf(key), "terlalu besar");
    return 0;
  }
  return static_cast<int>(value);
}

domain::Money ObjectReader::Rupiah(std::string_view key) {
  return domain::Money::Rupiah(Integer(key));
}

std::optional<domain::Money> ObjectReader::OptionalRupiah(std::string_view key) {
  if (Field(key, true) == nullptr) return std::nullopt;
  return Rupiah(key);
}

bool ObjectReader::Boolean(std::string_view key) {
  const json* field = Field(key, false);
  if (field == nullptr) return false;
  if (field->is_boolean()) return field->get<bool>();
  Fail(PathOf(key), "harus true atau false");
  return false;
}

std::string ObjectReader::Text(std::string_view key) {
  const json* field = Field(key, false);
  if (field == nullptr) return {};
  if (field->is_string()) return field->get<std::string>();
  Fail(PathOf(key), "harus teks (dalam tanda kutip)");
  return {};
}

std::optional<std::string> ObjectReader::OptionalText(std::string_view key) {
  if (Field(key, true) == nullptr) return std::nullopt;
  return Text(key);
}

ObjectReader ObjectReader::Object(std::string_view key) {
  static const json kEmpty = json::object();
  const json* field = Field(key, false);
  return ObjectReader(field == nullptr ? kEmpty : *field, PathOf(key), problem_);
}

ObjectReader ObjectReader::Element(const json& element, std::string path) const {
  return ObjectReader(element, std::move(path), problem_);
}

std::vector<const json*> ObjectReader::Array(std::string_view key, bool optional) {
  const json* field = Field(key, optional);
  std::vector<const json*> elements;
  if (field == nullptr) return elements;
  if (!field->is_array()) {
    Fail(PathOf(key), "harus berupa daftar ([ ... ])");
    return elements;
  }
  for (const json& element : *field) elements.push_back(&element);
  return elements;
}

std::vector<std::string> ObjectReader::TextArray(std::string_view key, bool optional) {
  std::vector<std::string> texts;
  const auto elements = Array(key, optional);
  for (std::size_t i = 0; i < elements.size() && ok(); ++i) {
    if (!elements[i]->is_string()) {
      Fail(ElementPath(PathOf(key), i), "harus teks (dalam tanda kutip)");
      break;
    }
    texts.push_back(elements[i]->get<std::string>());
  }
  return texts;
}

void ObjectReader::Finish() {
  if (!ok() || !value_.is_object()) return;
  for (const auto& [key, unused] : value_.items()) {
    if (!read_.contains(key)) {
      Fail(PathOf(key), "kolom tidak dikenal (periksa ejaan; lihat docs/policy.md)");
      return;
    }
  }
}

std::optional<json> ParseStrictJson(std::string_view text, std::optional<FieldProblem>& problem) {
  // One set of keys per open object; arrays push an empty set so that depths line up.
  std::vector<std::set<std::string>> open;
  std::string duplicate;
  auto callback = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        open.emplace_back();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!open.empty()) open.pop_back();
        break;
      case json::parse_event_t::key:
        if (!open.empty() && !open.back().insert(parsed.get<std::string>()).second &&
            duplicate.empty()) {
          duplicate = parsed.get<std::string>();
        }
        break;
      case json::parse_event_t::value:
        break;
    }
    return true;
  };
  json parsed = json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    if (!problem) problem = FieldProblem{"", "bukan JSON yang sah (periksa koma dan tanda kurung)"};
    return std::nullopt;
  }
  if (!duplicate.empty()) {
    if (!problem) problem = FieldProblem{duplicate, "kolom ditulis dua kali dalam satu objek"};
    return std::nullopt;
  }
  return parsed;
}

}  // namespace jaring::policy::internal
