// Text encodings met in regency files: UTF-8 validation and Windows-1252 to UTF-8 transcoding.
//
// Excel on Indonesian Windows saves "CSV" in Windows-1252 and "CSV UTF-8" with a BOM; both
// arrive. These helpers are pure functions over bytes, thread-safe, and never throw on input.
#pragma once

#include <string>
#include <string_view>

namespace jaring::formats {

// True when `bytes` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF). Fast path for ASCII runs.
bool IsValidUtf8(std::string_view bytes);

// True when `bytes` starts with the UTF-8 byte-order mark EF BB BF.
bool HasUtf8Bom(std::string_view bytes);

// Transcodes Windows-1252 to UTF-8 (the WHATWG mapping: the five bytes Windows-1252 leaves
// undefined, 81 8D 8F 90 9D, become the C1 controls U+0081 ... U+009D). Every byte maps, so
// this cannot fail. Appends to `out`.
void AppendWindows1252AsUtf8(std::string_view bytes, std::string& out);
std::string Windows1252ToUtf8(std::string_view bytes);

}  // namespace jaring::formats
