// File names that come from outside (an upload's X-File-Name, a name inside a file): the one
// place that turns them into a name safe to create in a folder of ours, to store and to show.
//
// Path traversal ("../../etc/passwd", "C:\\Windows\\x", "/etc/passwd") keeps only its last
// part; control bytes (NUL, ESC, CR, LF) are dropped; bytes that are not UTF-8 are read as
// Windows-1252, as the CSV reader reads them (a name typed on Indonesian Windows); leading
// dots and spaces go (no hidden files, no "..") and the name is cut to kMaxFileNameBytes at a
// character boundary (file systems stop at 255 bytes). Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jaring::formats {

inline constexpr std::size_t kMaxFileNameBytes = 200;

// The safe form of `sent`; `fallback` when nothing of it is left.
std::string SafeFileName(std::string_view sent, std::string_view fallback = "unggahan");

}  // namespace jaring::formats
