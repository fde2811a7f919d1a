#include "http/api_json.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

#include "formats/json_bounded.hpp"

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

namespace {

// The length of the control character at text[i] (C0 but tab, CR and LF; DEL; C1 as UTF-8,
// which the parser has already checked), 0 when there is none. No text field means one: they
// are a NUL saved into an address, terminal escapes in a name, or binary pasted by mistake.
std::size_t ControlCharacterAt(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return 1;
  if (c == 0xc2 && i + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (next >= 0x80 && next <= 0x9f) return 2;  // U+0080..U+009F
  }
  return 0;
}

bool HasControlCharacter(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ControlCharacterAt(text, i) != 0) return true;
  }
  return false;
}

// `text` with each control character shown as '?', to name a key in a message.
std::string Shown(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = ControlCharacterAt(text, i);
    out += length == 0 ? text[i] : '?';
    i += length == 0 ? 1 : length;
  }
  return out;
}

// The path (`values.nik`, `columns[1].field`) of the first key or text value in `root` that
// holds a control character. Walks with an explicit stack: a body nested a million deep
// must not exhaust the thread's stack.
std::optional<std::string> ControlCharacterPath(const json& root) {
  struct Level {
    const json* container;
    json::const_iterator it;
    std::size_t index = 0;
  };
  std::vector<Level> levels{{&root, root.cbegin()}};
  const auto path = [&levels] {
    std::string out;
    for (const Level& level : levels) {
      if (level.container->is_object()) {
        if (!out.empty()) out += '.';
        out += Shown(level.it.key());
      } else {
        out += '[' + std::to_string(level.index) + ']';
      }
    }
    return out;
  };
  while (!levels.empty()) {
    Level& level = levels.back();
    if (level.it == level.container->cend()) {
      levels.pop_back();
      if (!levels.empty()) {
        ++levels.back().it;
        ++levels.back().index;
      }
      continue;
    }
    const json& child = *level.it;
    if ((level.container->is_object() && HasControlCharacter(level.it.key())) ||
        (child.is_string() && HasControlCharacter(child.get_ref<const std::string&>()))) {
      return path();
    }
    if (child.is_structured()) {
      levels.push_back({&child, child.cbegin()});  // `level` is not used after this
      continue;
    }
    ++level.it;
    ++level.index;
  }
  return std::nullopt;
}

}  // namespace

Result<json> JsonObjectBody(const Request& request) {
  auto parsed = formats::ParseJsonBounded(request.body);
  if (parsed.outcome == formats::BoundedJson::Outcome::kTooDeep) {
    return Fail(Error::InvalidArgument("Isi permintaan bersarang lebih dari " +
                                       std::to_string(formats::kMaxJsonDepth) + " tingkat"));
  }
  json body = std::move(parsed.value);
  if (parsed.outcome != formats::BoundedJson::Outcome::kOk || !body.is_object()) {
    return Fail(Error::InvalidArgument("Isi permintaan harus berupa objek JSON"));
  }
  if (const auto field = ControlCharacterPath(body)) {
    return Fail(Error::InvalidArgument("Isian " + *field +
                                       " berisi karakter kendali (mis. NUL atau ESC) yang tidak "
                                       "boleh disimpan; hapus karakter itu lalu kirim lagi"));
  }
  return body;
}

Result<std::int64_t> IntegerIn(const json& value, std::int64_t min, std::int64_t max,
                               std::string_view field) {
  // A positive literal parses as unsigned; above INT64_MAX it must not wrap when read.
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    if (max >= 0 && number <= static_cast<std::uint64_t>(max) &&
        static_cast<std::int64_t>(number) >= min) {
      return static_cast<std::int64_t>(number);
    }
  } else if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    if (number >= min && number <= max) return number;
  }
  return Fail(Error::InvalidArgument(std::string(field) + " harus bilangan bulat dari " +
                                     std::to_string(min) + " sampai " + std::to_string(max)));
}

Result<std::string> TextField(const json& body, std::string_view name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Fail(Error::InvalidArgument(std::string(name) + " harus teks"));
  return it->get<std::string>();
}

Result<bool> FlagField(const json& body, std::string_view name) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    return Fail(Error::InvalidArgument(std::string(name) + " harus true atau false"));
  }
  return it->get<bool>();
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
