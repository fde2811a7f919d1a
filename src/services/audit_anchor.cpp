#include "services/audit_anchor.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace jaring::services {
namespace {

bool IsHashHex(std::string_view hash) {
  if (hash.size() != 64) return false;
  for (char c : hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Error AnchorFileError(int err, std::string_view what, const std::string& path) {
  std::string message = std::string(what) + ": " + path;
  std::string details =
      "op=audit.anchor_file errno=" + std::to_string(err) + " " + std::strerror(err);
  if (err == ENOENT || err == ENOTDIR) return Error::NotFound(message, details);
  if (err == EACCES || err == EPERM || err == EROFS) {
    return Error::PermissionDenied(message, details);
  }
  return Error::Unavailable(message, details);
}

Error BadAnchor(std::string why) {
  return Error::InvalidArgument("Berkas jangkar audit tidak valid: " + why,
                                "op=audit.anchor_parse");
}

}  // namespace

std::string AnchorToJson(const AuditAnchor& anchor) {
  nlohmann::ordered_json json{{"format", kAuditAnchorFormat},
                              {"sequence", anchor.sequence},
                              {"hash", anchor.hash},
                              {"entry_at", anchor.entry_at},
                              {"anchored_at", anchor.anchored_at},
                              {"engine", anchor.engine},
                              {"database", anchor.database}};
  return json.dump(2) + "\n";
}

Result<AuditAnchor> AnchorFromJson(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return Fail(BadAnchor("bukan objek JSON"));
  const auto format = json.find("format");  // json::value would throw on a non-string
  if (format == json.end() || !format->is_string() ||
      format->get<std::string>() != kAuditAnchorFormat) {
    return Fail(BadAnchor("format bukan " + std::string(kAuditAnchorFormat)));
  }
  const auto sequence = json.find("sequence");
  const auto hash = json.find("hash");
  if (sequence == json.end() || !sequence->is_number_integer() || *sequence < 0) {
    return Fail(BadAnchor("\"sequence\" harus bilangan bulat >= 0"));
  }
  if (hash == json.end() || !hash->is_string() || !IsHashHex(hash->get<std::string>())) {
    return Fail(BadAnchor("\"hash\" harus 64 karakter heksadesimal huruf kecil"));
  }
  AuditAnchor anchor;
  anchor.sequence = sequence->get<std::int64_t>();
  anchor.hash = hash->get<std::string>();
  if (anchor.sequence == 0 && anchor.hash != auth::kGenesisHash) {
    return Fail(BadAnchor("jangkar #0 harus hash genesis"));
  }
  auto text_of = [&](const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  anchor.entry_at = text_of("entry_at");
  anchor.anchored_at = text_of("anchored_at");
  anchor.engine = text_of("engine");
  anchor.database = text_of("database");
  return anchor;
}

Status WriteAnchorFile(const std::string& path, const AuditAnchor& anchor) {
  const std::string text = AnchorToJson(anchor);
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Fail(AnchorFileError(errno, "Berkas jangkar tidak dapat dibuat", path));
  bool ok = ::fchmod(fd, 0644) == 0;
  for (std::size_t written = 0; ok && written < text.size();) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int failure = ok ? errno : err;
    ::unlink(temp.c_str());
    return Fail(AnchorFileError(failure, "Berkas jangkar tidak dapat ditulis", path));
  }
  return {};
}

Result<AuditAnchor> ReadAnchorFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(AnchorFileError(errno, "Berkas jangkar audit tidak dapat dibaca", path));
  std::ostringstream text;
  text << in.rdbuf();
  return AnchorFromJson(text.str());
}

std::string DatabaseLabel(std::string_view url) {
  std::string label(url);
  const std::size_t scheme = label.find("://");
  if (scheme != std::string::npos) {
    const std::size_t start = scheme + 3;
    const std::size_t end = label.find_first_of("/?", start);
    const std::size_t at = label.rfind('@', end == std::string::npos ? label.size() : end);
    if (at != std::string::npos && at >= start) {
      const std::size_t colon = label.find(':', start);
      if (colon != std::string::npos && colon < at) label.erase(colon, at - colon);
    }
  }
  // A password given as a query parameter (…?password=…&…).
  for (std::size_t at = label.find("password="); at != std::string::npos;
       at = label.find("password=", at)) {
    if (at == 0 || (label[at - 1] != '?' && label[at - 1] != '&')) {
      at += 9;
      continue;
    }
    const std::size_t end = label.find('&', at);
    label.erase(at, end == std::string::npos ? std::string::npos : end + 1 - at);
  }
  while (!label.empty() && (label.back() == '?' || label.back() == '&')) label.pop_back();
  return label;
}

}  // namespace jaring::services
