#include "cards/key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace jaring::cards {
namespace {

namespace fs = std::filesystem;

Error FileError(std::string message, const fs::path& path, int err) {
  std::string details = path.string() + ": " + std::strerror(err);
  if (err == EACCES || err == EPERM) return Error::PermissionDenied(message, details);
  if (err == ENOENT) return Error::NotFound(message, details);
  return Error::Unavailable(message, details);
}

std::optional<std::string> ReadSmallFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

template <std::size_t N>
bool Decode(std::string_view text, std::array<unsigned char, N>& out) {
  for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_URLSAFE,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, &end,
                          variant) == 0 &&
        end == text.data() + text.size() && length == N) {
      return true;
    }
  }
  return false;
}

std::string Base64(const unsigned char* data, std::size_t size) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kVariant);
  out.resize(out.size() - 1);
  return out;
}

// Writes `text` to a new file `path` with `mode`; fails with EEXIST when it exists.
int WriteNew(const fs::path& path, const std::string& text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return errno;
  const std::string line = text + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                  ::fsync(fd) == 0;
  const int err = ok ? 0 : errno;
  ::close(fd);
  return err;
}

Result<SigningKey> ReadSecret(const fs::path& file) {
  auto text = ReadSmallFile(file);
  if (!text) return Fail(FileError("Kunci penanda tangan kartu tidak terbaca", file, errno));
  std::array<unsigned char, 32> seed{};
  if (sodium_init() < 0 || !Decode(*text, seed)) {
    return Fail(Error::Internal("Berkas kunci penanda tangan kartu rusak", file.string()));
  }
  SigningKey key = SigningKeyFromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

}  // namespace

fs::path KeyDirectory() {
  const char* dir = std::getenv("JARING_DATA_DIR");
  return (dir != nullptr && *dir != '\0') ? fs::path(dir) : fs::path("var");
}

Result<SigningKey> LoadOrCreateSigningKey(const fs::path& dir) {
  const fs::path secret = dir / kSecretKeyFile;
  const fs::path pub = dir / kPublicKeyFile;
  std::error_code ec;
  if (!fs::exists(secret, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Fail(FileError("Folder kunci kartu tidak dapat dibuat", dir, ec.value()));
    // Written in full under a private name, then published with link(): a reader never sees a
    // half-written key, and of two processes creating at once the second finds the first's.
    SigningKey fresh = NewSigningKey();
    const std::string seed = Base64(fresh.secret_key.data(), 32);
    const fs::path temporary =
        dir / (std::string(kSecretKeyFile) + ".tmp." + std::to_string(::getpid()));
    if (int err = WriteNew(temporary, seed, 0600); err != 0) {
      return Fail(FileError("Kunci penanda tangan kartu tidak dapat ditulis", temporary, err));
    }
    const int linked = ::link(temporary.c_str(), secret.c_str()) == 0 ? 0 : errno;
    ::unlink(temporary.c_str());
    if (linked != 0 && linked != EEXIST) {
      return Fail(FileError("Kunci penanda tangan kartu tidak dapat ditulis", secret, linked));
    }
  }
  auto key = ReadSecret(secret);
  if (!key) return key;
  // The public half beside it, rewritten whenever it is missing or says something else.
  const std::string expected = PublicKeyBase64(key->public_key);
  if (ReadSmallFile(pub) != expected) {
    const fs::path temporary =
        dir / (std::string(kPublicKeyFile) + ".tmp." + std::to_string(::getpid()));
    ::unlink(temporary.c_str());
    if (int err = WriteNew(temporary, expected, 0644); err != 0) {
      return Fail(FileError("Kunci publik kartu tidak dapat ditulis", temporary, err));
    }
    fs::rename(temporary, pub, ec);
    if (ec) return Fail(FileError("Kunci publik kartu tidak dapat ditulis", pub, ec.value()));
  }
  return key;
}

Result<PublicKey> LoadPublicKey(const fs::path& file) {
  auto text = ReadSmallFile(file);
  if (!text) return Fail(FileError("Berkas kunci publik kartu tidak terbaca", file, errno));
  PublicKey key{};
  if (sodium_init() < 0 || !Decode(*text, key)) {
    return Fail(
        Error::InvalidArgument("Berkas itu tidak memuat kunci publik kartu", file.string()));
  }
  return key;
}

std::string PublicKeyBase64(const PublicKey& key) { return Base64(key.data(), key.size()); }

}  // namespace jaring::cards
