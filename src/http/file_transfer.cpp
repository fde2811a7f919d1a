#include "http/file_transfer.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <system_error>

#include "formats/file_name.hpp"

namespace jaring::http {

bool IsRegencyUpload(Method method, std::string_view target, std::string_view collection) {
  constexpr std::string_view kPrefix = "/api/v1/regencies/";
  if (method != Method::kPost) return false;
  target = target.substr(0, target.find('?'));
  if (!target.starts_with(kPrefix)) return false;
  target.remove_prefix(kPrefix.size());
  // "NN.NN/<collection>"
  return target.size() == 6 + collection.size() && target[5] == '/' &&
         target.substr(6) == collection;
}

Result<std::string> UploadFileName(const Request& request) {
  if (const auto header = request.Header("x-file-name")) {
    auto decoded = PercentDecode(*header);
    if (!decoded) return Fail(Error::InvalidArgument("X-File-Name tidak valid"));
    return formats::SafeFileName(*decoded, "");
  }
  return formats::SafeFileName(request.Query("file_name"), "");
}

TempFile::TempFile(std::string_view name) {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("jaring-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           formats::SafeFileName(name));
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TempFile::~TempFile() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

Result<TempFile> SaveUpload(const Request& request, std::string_view name) {
  if (request.body.empty()) return Fail(Error::InvalidArgument("Berkas kosong"));
  TempFile file(name);
  std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
  out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
  out.close();
  if (!out) return Fail(Error::Unavailable("Berkas unggahan tidak dapat disimpan"));
  return file;
}

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || !in.is_open()) {
    return Fail(Error::Unavailable("Berkas tidak dapat dibaca", path.string()));
  }
  return bytes;
}

Response Attachment(std::string_view content_type, std::string bytes, std::string_view file_name) {
  Response response;
  response.content_type = std::string(content_type);
  response.body = std::move(bytes);
  // A quote or backslash in a name would end the quoted filename early.
  std::string quoted = formats::SafeFileName(file_name, "unduhan");
  for (char& c : quoted) {
    if (c == '"' || c == '\\') c = '_';
  }
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + quoted + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace jaring::http
