// StaticFiles: serves the built front end (web/dist) safely.
//
// Paths are resolved inside the root only ("..", symlinks out of the root and NUL bytes are
// refused). A path without a file extension that is not found falls back to index.html so the
// single-page app can own its client-side routes. Thread-safe (reads the file system only).
#pragma once

#include <filesystem>
#include <optional>

#include "http/message.hpp"

namespace jaring::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // The response for a GET/HEAD of `path`, or nullopt when nothing is there.
  std::optional<Response> Serve(const std::string& path) const;

  bool available() const { return available_; }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::optional<Response> ReadFile(const std::filesystem::path& file) const;

  std::filesystem::path root_;
  bool available_ = false;
};

std::string_view ContentTypeFor(const std::filesystem::path& file);

}  // namespace jaring::http
