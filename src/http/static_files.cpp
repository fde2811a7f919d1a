#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace jaring::http {
namespace fs = std::filesystem;

std::string_view ContentTypeFor(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".map") return "application/json";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  available_ = !ec && fs::is_regular_file(root_ / "index.html", ec);
}

std::optional<Response> StaticFiles::ReadFile(const fs::path& file) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  Response response;
  response.status = 200;
  response.content_type = std::string(ContentTypeFor(file));
  response.body = std::move(content).str();
  // Vite puts content-hashed bundles under assets/: they never change, cache them for a year.
  const std::string relative = file.lexically_relative(root_).generic_string();
  if (relative.starts_with("assets/")) {
    response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    response.headers.emplace_back("Cache-Control", "no-cache");
  }
  return response;
}

std::optional<Response> StaticFiles::Serve(const std::string& path) const {
  if (!available_) return std::nullopt;
  if (path.find('\0') != std::string::npos) return std::nullopt;
  fs::path relative = fs::path(path).relative_path().lexically_normal();
  if (!relative.empty() && *relative.begin() == "..") return std::nullopt;
  if (relative.empty() || path.back() == '/') relative /= "index.html";

  std::error_code ec;
  const fs::path candidate = fs::weakly_canonical(root_ / relative, ec);
  const auto [root_end, _] =
      std::mismatch(root_.begin(), root_.end(), candidate.begin(), candidate.end());
  const bool inside = !ec && root_end == root_.end();
  if (inside && fs::is_regular_file(candidate, ec)) return ReadFile(candidate);
  // Client-side routes (no extension) get the app shell; missing assets stay 404.
  if (!relative.has_extension()) return ReadFile(root_ / "index.html");
  return std::nullopt;
}

}  // namespace jaring::http
