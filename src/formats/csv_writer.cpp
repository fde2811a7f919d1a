// CSV writer: cells are appended to a 1 MiB buffer that goes to the fd (or stream) when full.
// A cell is scanned once for the characters that force quoting; most cells (digits, names)
// are copied as they are. Formula neutralisation looks at the first characters only.
#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <ostream>
#include <utility>

#include "formats/csv.hpp"
#include "formats/file_io.hpp"

namespace jaring::formats {

namespace {
constexpr std::size_t kBufferBytes = std::size_t{1} << 20;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Sign, digits, at most one '.' or ',' followed by digits, nothing else.
bool IsSignedNumber(std::string_view text) {
  std::size_t i = 1;  // text[0] is the sign
  const std::size_t integer_start = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  if (i == integer_start) return false;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    const std::size_t fraction_start = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i == fraction_start) return false;
  }
  return i == text.size();
}

}  // namespace

bool LooksLikeFormula(std::string_view cell) {
  const std::size_t first = cell.find_first_not_of(' ');
  if (first == std::string_view::npos) return false;
  const std::string_view text = cell.substr(first);
  switch (text.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      if (text.find_first_not_of('-') == std::string_view::npos) return false;
      return !IsSignedNumber(text);
    default:
      return false;
  }
}

struct CsvWriter::Impl {
  CsvWriterOptions options;
  int fd = -1;                     // owned file, or -1
  std::ostream* stream = nullptr;  // caller's stream, or nullptr
  std::string path;
  std::string buffer;
  std::vector<bool> forced;
  std::array<bool, 256> needs_quote{};
  std::size_t column = 0;
  std::uint64_t rows = 0;
  bool closed = false;
  Status status;

  void Init(const CsvWriterOptions& opts) {
    options = opts;
    buffer.reserve(kBufferBytes + 4096);
    for (std::size_t c : options.force_quote_columns) {
      if (c >= forced.size()) forced.resize(c + 1, false);
      forced[c] = true;
    }
    needs_quote[static_cast<unsigned char>(options.separator)] = true;
    needs_quote['"'] = needs_quote['\r'] = needs_quote['\n'] = true;
    if (options.write_bom) buffer.append("\xEF\xBB\xBF");
  }

  void Drain() {
    if (buffer.empty() || !status) {
      buffer.clear();
      return;
    }
    if (fd >= 0) {
      const char* p = buffer.data();
      std::size_t left = buffer.size();
      while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
          if (errno == EINTR) continue;
          status = Fail(internal::ErrorFromErrno(errno, "Gagal menulis berkas CSV", path));
          break;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
      }
    } else if (stream != nullptr) {
      stream->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      if (!*stream) {
        status = Fail(Error::Unavailable("Gagal menulis data CSV", "ostream write failed"));
      }
    }
    buffer.clear();
  }

  void Separator() {
    if (column > 0) buffer.push_back(options.separator);
  }

  void Append(std::string_view value) {
    if (closed) return;
    // The apostrophe is written in front of the cell, so the cell no longer starts with a space.
    const bool apostrophe = LooksLikeFormula(value);
    Separator();
    bool quote = column < forced.size() && forced[column];
    if (!quote && !value.empty()) {
      quote = (value.front() == ' ' && !apostrophe) || value.back() == ' ';
      for (std::size_t i = 0; !quote && i < value.size(); ++i) {
        quote = needs_quote[static_cast<unsigned char>(value[i])];
      }
    }
    if (!quote) {
      if (apostrophe) buffer.push_back('\'');
      buffer.append(value);
    } else {
      buffer.push_back('"');
      if (apostrophe) buffer.push_back('\'');
      std::size_t start = 0;
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '"') {
          buffer.append(value.substr(start, i + 1 - start));
          buffer.push_back('"');
          start = i + 1;
        }
      }
      buffer.append(value.substr(start));
      buffer.push_back('"');
    }
    ++column;
    if (buffer.size() >= kBufferBytes) Drain();
  }

  void EndRow() {
    if (closed) return;
    buffer.push_back('\n');
    column = 0;
    ++rows;
    if (buffer.size() >= kBufferBytes) Drain();
  }
};

CsvWriter::CsvWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CsvWriter::CsvWriter(std::ostream& out, const CsvWriterOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->stream = &out;
  impl_->Init(options);
}

Result<CsvWriter> CsvWriter::Create(const std::string& path, const CsvWriterOptions& options) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Fail(internal::ErrorFromErrno(errno, "Berkas CSV tidak dapat dibuat", path));
  auto impl = std::make_unique<Impl>();
  impl->fd = fd;
  impl->path = path;
  impl->Init(options);
  return CsvWriter(std::move(impl));
}

CsvWriter::CsvWriter(CsvWriter&&) noexcept = default;
CsvWriter& CsvWriter::operator=(CsvWriter&& other) noexcept {
  if (this != &other) {
    if (impl_) (void)Close();
    impl_ = std::move(other.impl_);
  }
  return *this;
}

CsvWriter::~CsvWriter() {
  if (impl_) (void)Close();
}

CsvWriter& CsvWriter::Cell(std::string_view value) {
  impl_->Append(value);
  return *this;
}

CsvWriter& CsvWriter::Cell(std::int64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;  // 24 bytes always hold an int64
  impl_->Append(std::string_view(buf, static_cast<std::size_t>(end - buf)));
  return *this;
}

void CsvWriter::EndRow() { impl_->EndRow(); }

void CsvWriter::WriteRow(std::span<const std::string_view> cells) {
  for (std::string_view c : cells) impl_->Append(c);
  impl_->EndRow();
}

void CsvWriter::WriteRow(std::span<const std::string> cells) {
  for (const std::string& c : cells) impl_->Append(c);
  impl_->EndRow();
}

void CsvWriter::WriteRow(std::initializer_list<std::string_view> cells) {
  for (std::string_view c : cells) impl_->Append(c);
  impl_->EndRow();
}

std::uint64_t CsvWriter::rows_written() const { return impl_->rows; }

Status CsvWriter::Flush() {
  impl_->Drain();
  if (impl_->stream != nullptr && impl_->status) {
    impl_->stream->flush();
    if (!*impl_->stream) {
      impl_->status = Fail(Error::Unavailable("Gagal menulis data CSV", "ostream flush failed"));
    }
  }
  return impl_->status;
}

Status CsvWriter::Close() {
  Impl& m = *impl_;
  if (m.closed) return m.status;
  (void)Flush();
  m.closed = true;
  if (m.fd >= 0) {
    if (::close(m.fd) != 0 && m.status) {
      m.status = Fail(internal::ErrorFromErrno(errno, "Gagal menutup berkas CSV", m.path));
    }
    m.fd = -1;
  }
  m.stream = nullptr;
  return m.status;
}

const Status& CsvWriter::status() const { return impl_->status; }

}  // namespace jaring::formats
