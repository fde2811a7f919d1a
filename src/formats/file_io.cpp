#include "formats/file_io.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace jaring::formats::internal {

Error ErrorFromErrno(int err, std::string message, std::string_view path) {
  std::string details = std::string(path) + ": " + std::strerror(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return Error::NotFound(std::move(message), std::move(details));
    case EACCES:
    case EPERM:
    case EROFS:
      return Error::PermissionDenied(std::move(message), std::move(details));
    default:
      return Error::Unavailable(std::move(message), std::move(details));
  }
}

namespace {

Error TooLarge(std::string_view path, std::uint64_t max_bytes) {
  return Error::InvalidArgument(
      "Berkas terlalu besar (maksimum " + std::to_string(max_bytes >> 20) + " MiB)",
      std::string(path) + ": larger than max_bytes " + std::to_string(max_bytes));
}

}  // namespace

Result<FileBytes> FileBytes::Open(const std::string& path, std::uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(ErrorFromErrno(errno, "Berkas tidak dapat dibuka", path));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Fail(ErrorFromErrno(err, "Berkas tidak dapat dibaca", path));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Fail(Error::InvalidArgument("Jalur ini sebuah direktori, bukan berkas", path));
  }
  FileBytes out;
  if (S_ISREG(st.st_mode)) {
    auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > max_bytes) {
      ::close(fd);
      return Fail(TooLarge(path, max_bytes));
    }
    if (size > 0) {
      void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        int err = errno;
        ::close(fd);
        return Fail(ErrorFromErrno(err, "Berkas tidak dapat dibaca", path));
      }
      ::madvise(p, size, MADV_SEQUENTIAL);
      out.map_ = p;
      out.map_size_ = size;
    }
    ::close(fd);
    return out;
  }
  // A pipe or device: read until EOF, refusing to grow past max_bytes.
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Fail(ErrorFromErrno(err, "Berkas tidak dapat dibaca", path));
    }
    if (n == 0) break;
    if (out.owned_.size() + static_cast<std::uint64_t>(n) > max_bytes) {
      ::close(fd);
      return Fail(TooLarge(path, max_bytes));
    }
    out.owned_.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : map_(std::exchange(other.map_, nullptr)),
      map_size_(std::exchange(other.map_size_, 0)),
      owned_(std::move(other.owned_)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    Release();
    map_ = std::exchange(other.map_, nullptr);
    map_size_ = std::exchange(other.map_size_, 0);
    owned_ = std::move(other.owned_);
  }
  return *this;
}

FileBytes::~FileBytes() { Release(); }

void FileBytes::Release() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
  map_ = nullptr;
  map_size_ = 0;
}

std::string_view FileBytes::view() const {
  if (map_ != nullptr) return {static_cast<const char*>(map_), map_size_};
  return owned_;
}

std::string FileBytes::TakeString() && {
  if (map_ != nullptr) {
    std::string copy(view());
    Release();
    return copy;
  }
  return std::move(owned_);
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  std::string temp = path + ".XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return Fail(ErrorFromErrno(errno, "Berkas tidak dapat ditulis", path));
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    return Fail(ErrorFromErrno(err, "Berkas tidak dapat ditulis", path));
  };
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return Fail(ErrorFromErrno(err, "Berkas tidak dapat ditulis", path));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return Fail(ErrorFromErrno(err, "Berkas tidak dapat ditulis", path));
  }
  return {};
}

}  // namespace jaring::formats::internal
