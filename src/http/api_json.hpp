// Small pieces every API route file needs: reading a JSON body, integer query parameters and
// path ids, writing JSON. One place, so that every route answers malformed input alike.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "http/message.hpp"

namespace jaring::http {

// `value` as compact JSON; invalid UTF-8 in strings becomes U+FFFD instead of throwing.
std::string DumpJson(const nlohmann::json& value);

// The JSON value of `text`; null for "" or text that is not JSON.
nlohmann::json JsonOrNull(const std::string& text);

// True when the Content-Type header names application/json (any case, parameters allowed).
bool HasJsonContentType(const Request& request);

// The request body as a JSON object; InvalidArgument (Indonesian message) otherwise, also when
// any key or text value at any depth holds a control character (C0 but tab, CR and LF; DEL;
// U+0080..U+009F), naming where (`values.nik`, `columns[1].field`): no text field means one;
// and when it nests deeper than formats::kMaxJsonDepth (json_bounded.hpp: handlers copy and
// print bodies, which recurses per level).
Result<nlohmann::json> JsonObjectBody(const Request& request);

// `value` as a whole number in [min, max]; InvalidArgument naming `field` otherwise (not a
// number, a fraction, out of range: 4294967296 is not quietly taken as 0).
Result<std::int64_t> IntegerIn(const nlohmann::json& value, std::int64_t min, std::int64_t max,
                               std::string_view field);

// The text field `name` of a JSON object: "" when absent or null; InvalidArgument naming it when
// it holds anything but text (a number where a period was expected is a 400, not a 500).
Result<std::string> TextField(const nlohmann::json& body, std::string_view name);

// The true/false field `name` of a JSON object: false when absent or null; InvalidArgument
// naming it otherwise.
Result<bool> FlagField(const nlohmann::json& body, std::string_view name);

// The query parameter `name` as an integer, `fallback` when absent or empty; InvalidArgument
// naming the parameter when it is not a whole number.
Result<std::int64_t> IntegerQuery(const Request& request, std::string_view name,
                                  std::int64_t fallback);

// The path parameter `name` as a positive id. Anything else is NotFound with `message`: an id
// that cannot exist is simply not found.
Result<std::int64_t> PathId(const Request& request, const std::string& name, std::string message);

}  // namespace jaring::http
