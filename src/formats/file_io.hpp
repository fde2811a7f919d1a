// Internal to formats: whole-file input (memory-mapped when possible), whole-file output and
// errno -> Error.
//
// Not part of the module's API; readers use it to get one contiguous, read-only view of a file,
// writers that assemble a file in memory (PDF) to put it in place whole.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace jaring::formats::internal {

// Maps errno of a failed open/read/write to the closest ErrorCode (ENOENT -> NotFound,
// EACCES/EPERM -> PermissionDenied, else Unavailable). `what` says what failed, for people.
Error ErrorFromErrno(int err, std::string message, std::string_view path);

// The bytes of a file: memory-mapped (regular files) or read into memory (pipes, devices).
// Movable, not copyable; the view stays valid for the object's life.
class FileBytes {
 public:
  // Errors: NotFound, PermissionDenied, Unavailable; InvalidArgument when the file is larger
  // than max_bytes (checked before mapping, and while reading a stream).
  static Result<FileBytes> Open(const std::string& path, std::uint64_t max_bytes);

  FileBytes() = default;
  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  std::string_view view() const;
  // Releases the bytes into a string (copies when mapped). Used when the input must change.
  std::string TakeString() &&;

 private:
  void Release();
  void* map_ = nullptr;  // mmap'ed region, or nullptr when the bytes live in owned_
  std::size_t map_size_ = 0;
  std::string owned_;
};

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`: readers see the old file or the whole new one, never a part. The file is created
// 0600 (mkstemp's mode; these files hold personal data). Errors: those of ErrorFromErrno; the
// temporary file is removed.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace jaring::formats::internal
