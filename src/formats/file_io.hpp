// Internal to formats: whole-file input (memory-mapped when possible) and errno -> Error.
//
// Not part of the module's API; readers use it to get one contiguous, read-only view of a file.
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

}  // namespace jaring::formats::internal
