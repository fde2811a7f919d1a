#include "formats/json_bounded.hpp"

namespace jaring::formats {

BoundedJson ParseJsonBounded(std::string_view text, int max_depth) {
  using nlohmann::json;
  bool too_deep = false;
  // The callback sees each container open at its depth (0: the top level); refusing one keeps
  // it out of the tree, so a too-deep input costs no memory beyond the text.
  const json::parser_callback_t limit = [&](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start ||
         event == json::parse_event_t::array_start) &&
        depth >= max_depth) {
      too_deep = true;
      return false;
    }
    return !too_deep;
  };
  BoundedJson out;
  json value = json::parse(text.begin(), text.end(), limit, /*allow_exceptions=*/false);
  if (too_deep) {
    out.outcome = BoundedJson::Outcome::kTooDeep;
  } else if (!value.is_discarded()) {
    out.outcome = BoundedJson::Outcome::kOk;
    out.value = std::move(value);
  }
  return out;
}

}  // namespace jaring::formats
