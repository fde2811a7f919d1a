#include "http/api_json.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace jaring::http {

using nlohmann::json;

std::string DumpJson(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json JsonOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  json value = json::parse(text, nullptr, false);
  return value.is_discarded() ? json(nullptr) : value;
}

bool HasJsonContentType(const Request& request) {
  const auto header = request.Header("content-type");
  if (!header) return false;
  std::string_view type = header->substr(0, header->find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
  constexpr std::string_view kJson = "application/json";
  return type.size() == kJson.size() &&
         std::equal(type.begin(), type.end(), kJson.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

Result<json> JsonObjectBody(const Request& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Fail(Error::InvalidArgument("Isi permintaan harus berupa objek JSON"));
  }
  return body;
}

Result<std::int64_t> IntegerQuery(const Request& request, std::string_view name,
                                  std::int64_t fallback) {
  const std::string_view text = request.Query(name);
  if (text.empty()) return fallback;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Fail(Error::InvalidArgument("parameter " + std::string(name) + " harus angka"));
  }
  return value;
}

Result<std::int64_t> PathId(const Request& request, const std::string& name, std::string message) {
  const auto it = request.path_params.find(name);
  std::int64_t id = 0;
  if (it != request.path_params.end()) {
    const std::string& text = it->second;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec == std::errc() && end == text.data() + text.size() && id > 0) return id;
  }
  return Fail(Error::NotFound(std::move(message)));
}

}  // namespace jaring::http
