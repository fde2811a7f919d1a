// Error -> HTTP status and RFC 9457 problem+json, in one place.
//
// The body carries a stable machine code ("NOT_FOUND") and the Error's message (Indonesian,
// for people). Error::details never reaches the client: it may name tables or SQL states.
#pragma once

#include <string_view>

#include "common/error.hpp"
#include "http/message.hpp"

namespace jaring::http {

int HttpStatusFor(ErrorCode code);

Response ProblemResponse(const Error& error);
Response ProblemResponse(int status, std::string_view code, std::string_view detail);

}  // namespace jaring::http
