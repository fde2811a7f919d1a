// Fuzz target for JSON request bodies: http::JsonObjectBody, the one parser every route with a
// body goes through, and the field readers the route decoders build on (TextField, FlagField,
// IntegerIn), used the way the routes use them: every field as text and as a flag, "ids" as
// SetStatus reads it, "columns" as PutMapping does, "heirs" through the claims route's own
// decoder (services::HeirsFromJson, after body.value("heirs", ...), the copy that crashed on a
// deep body), and the whole body copied and printed as handlers and the audit trail do (both
// recurse once per level of nesting).
//
// Beyond "does not crash": an accepted body is an object, nests no deeper than
// formats::kMaxJsonDepth and holds no control character in any key or text; printing it and
// parsing the print gives it back; a refusal is InvalidArgument with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "formats/json_bounded.hpp"
#include "http/api_json.hpp"
#include "services/claim_service.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool HasControl(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
    if (c == 0xc2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9f) return true;
    }
  }
  return false;
}

// Depth and control characters of every key and text, without recursion.
void CheckTree(const nlohmann::json& root) {
  struct Item {
    const nlohmann::json* value;
    int depth;
  };
  std::vector<Item> pending{{&root, 1}};
  while (!pending.empty()) {
    const Item item = pending.back();
    pending.pop_back();
    Check(item.depth <= jaring::formats::kMaxJsonDepth + 1);
    const nlohmann::json& v = *item.value;
    if (v.is_string()) Check(!HasControl(v.get_ref<const std::string&>()));
    if (v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        Check(!HasControl(it.key()));
        pending.push_back({&*it, item.depth + 1});
      }
    } else if (v.is_array()) {
      for (const auto& child : v) pending.push_back({&child, item.depth + 1});
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jaring::http;
  Request request;
  request.method = Method::kPost;
  request.headers.emplace_back("content-type", "application/json");
  request.body.assign(reinterpret_cast<const char*>(data), size);
  Check(HasJsonContentType(request));

  auto body = JsonObjectBody(request);
  if (!body) {
    Check(body.error().code == jaring::ErrorCode::kInvalidArgument);
    Check(!body.error().message.empty());
    return 0;
  }
  Check(body->is_object());
  CheckTree(*body);

  // What handlers do with a body: copy it, print it (audit "after" values, echoes).
  const nlohmann::json copy = *body;
  const std::string printed = DumpJson(copy);
  Check(nlohmann::json::parse(printed, nullptr, false) == *body);

  for (const auto& [key, value] : body->items()) {
    (void)TextField(*body, key);
    (void)FlagField(*body, key);
    (void)IntegerIn(value, 0, std::numeric_limits<std::int64_t>::max(), key);
    (void)IntegerIn(value, std::numeric_limits<std::int64_t>::min(), -1, key);
  }
  // SetStatus: {"ids": [1, 2], "status": "...", "reason": "..."}.
  if (const auto ids = body->find("ids"); ids != body->end() && ids->is_array()) {
    for (std::size_t i = 0; i < ids->size(); ++i) {
      auto id = IntegerIn((*ids)[i], 1, std::numeric_limits<std::int64_t>::max(), "ids");
      if (id) Check(*id >= 1);
    }
  }
  // SetHeirs: {"heirs": [{"name": ..., "share_bp": 5000, ...}]}: a list of objects or a refusal.
  if (auto heirs = jaring::services::HeirsFromJson(body->value("heirs", nlohmann::json())); heirs) {
    Check(heirs->size() == (*body)["heirs"].size());
  } else {
    Check(heirs.error().code == jaring::ErrorCode::kInvalidArgument);
  }
  // PutMapping: {"columns": [{"index": 0, "field": "nik"}, ...]}.
  if (const auto columns = body->find("columns"); columns != body->end() && columns->is_array()) {
    for (const auto& column : *columns) {
      if (!column.is_object() || !column.contains("index")) continue;
      auto index = IntegerIn(column["index"], 0, std::numeric_limits<int>::max(), "index");
      if (index) Check(*index >= 0 && *index <= std::numeric_limits<int>::max());
      (void)TextField(column, "field");
    }
  }
  return 0;
}
