// Files through the API, the same for every route that takes or gives one: which requests are
// uploads (the server admits them from their headers before reading the body, then lets them
// be as large as kUploadLimit; see server.hpp), the uploaded file's name, a temporary file
// holding an upload or a file a service writes, and a download as an attachment.
//
// Failures are values (InvalidArgument names what was wrong, Unavailable when the disk refuses).
// TempFile removes its file when it goes; a moved-from TempFile owns nothing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "http/message.hpp"

namespace jaring::http {

// Uploads may be this large (the server answers 413 beyond); other requests keep the
// server's default body limit.
inline constexpr std::size_t kUploadLimit = 100u << 20;

// True for POST /api/v1/regencies/NN.NN/<collection>, any query: the upload into `collection`
// ("imports", "extracts"). `target` is the raw request target.
bool IsRegencyUpload(Method method, std::string_view target, std::string_view collection);

// The uploaded file's name: the X-File-Name header (URL-encoded, so any name fits in a header),
// else the `file_name` query parameter, else "", made safe by formats::SafeFileName (no folders,
// no control bytes, UTF-8, at most 200 bytes: "../../etc/passwd" is "passwd"). InvalidArgument
// for a malformed X-File-Name.
Result<std::string> UploadFileName(const Request& request);

// A file in the system's temporary directory, unique to this process and call, named
// "jaring-<pid>-<n>-<name>" (name made safe as above); removed (if it exists) when the object goes.
class TempFile {
 public:
  explicit TempFile(std::string_view name);
  ~TempFile();
  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The request's body in a new TempFile named after `name`. InvalidArgument ("Berkas kosong")
// for an empty body; Unavailable when it cannot be written.
Result<TempFile> SaveUpload(const Request& request, std::string_view name);

// The whole of a file (a service wrote it into a TempFile); Unavailable when it cannot be read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

// A download: `bytes` as an attachment named `file_name` (Content-Disposition), never cached.
Response Attachment(std::string_view content_type, std::string bytes, std::string_view file_name);

}  // namespace jaring::http
