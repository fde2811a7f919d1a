// CSV reader.
//
// Design notes
// - Input is one contiguous UTF-8 buffer: the file memory-mapped in place when it is valid
//   UTF-8 (with the BOM skipped), otherwise a Windows-1252 -> UTF-8 transcoded copy (of the
//   lines that are not UTF-8 only, when other lines are UTF-8 with non-ASCII text: a mixed file
//   whose guessed rows are flagged, see Encoding::kMixed). Deciding
//   the encoding needs the whole input (a CP1252 byte may sit on the last line), and one
//   validation pass over ASCII-heavy data runs at memory speed, so this costs little and keeps
//   the parser a single loop over bytes with no refills or carried-over partial fields.
// - Cells are views: unquoted fields and quoted fields without "" point into the buffer; only
//   fields that need unescaping (doubled quotes, text after a closing quote) are copied into
//   `scratch`. Because scratch may reallocate while a row is parsed, cells are first recorded
//   as Spans (offset, length, which buffer) and turned into string_views when the row is done.
// - Line counting: `line` is the 1-based physical line at `pos`. "\r\n", "\n" and a lone "\r"
//   each end one physical line, inside quotes too, so a row's number is the line an editor
//   shows for its first character.
// - Invariants between calls: pos <= size; pos is at the start of a row (or at size).
// - Nothing in the input can make the parser read out of bounds or allocate more than the
//   input's size (scratch holds at most one row's unescaped cells, each <= max_field_bytes
//   checked when the field ends, and the row is bounded by the input).
#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "formats/csv.hpp"
#include "formats/encoding.hpp"
#include "formats/file_io.hpp"

namespace jaring::formats {

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf8Bom:
      return "UTF-8 (BOM)";
    case Encoding::kWindows1252:
      return "Windows-1252";
    case Encoding::kMixed:
      return "UTF-8 + Windows-1252";
  }
  return "UTF-8";
}

std::vector<std::string> CsvRow::ToStrings() const {
  return std::vector<std::string>(cells.begin(), cells.end());
}

struct CsvReader::Impl {
  struct Span {
    std::size_t offset;
    std::size_t length;
    bool in_scratch;
  };
  enum class Parse { kRow, kEnd, kError };

  CsvOptions options;
  internal::FileBytes file;  // the mapped file when it is parsed in place
  std::string owned;         // FromString input, or the transcoded copy
  const char* data = nullptr;
  std::size_t size = 0;
  std::size_t pos = 0;
  std::uint64_t line = 1;
  char sep = ',';
  Encoding encoding = Encoding::kUtf8;
  std::vector<std::string> header;
  std::uint64_t header_line = 0;
  Status status;
  std::string scratch;
  std::vector<Span> spans;
  std::array<bool, 256> stop_unquoted{};  // separator, CR, LF
  std::array<bool, 256> stop_quoted{};    // quote, CR, LF
  // Encoding::kMixed: the [begin, end) byte ranges of `owned` read as Windows-1252, in order,
  // and the first that may still touch a row at or after `pos`.
  std::vector<std::pair<std::size_t, std::size_t>> guessed;
  std::size_t next_guessed = 0;
  std::size_t row_start = 0;  // offset of the last row parsed

  // Chooses the buffer and the encoding. `bytes` is either `owned` or the file's view.
  void SetInput(std::string_view bytes);
  char DetectSeparator() const;
  Parse ParseRow(CsvRowIssue& issue, std::uint64_t& row_line);
  Status Start();
};

void CsvReader::Impl::SetInput(std::string_view bytes) {
  bool bom = HasUtf8Bom(bytes);
  std::string_view body = bytes.substr(bom ? 3 : 0);
  if (IsValidUtf8(body)) {
    encoding = bom ? Encoding::kUtf8Bom : Encoding::kUtf8;
    data = body.data();
    size = body.size();
    return;
  }
  // Line by line: which lines are UTF-8 with more than ASCII, which are not UTF-8 at all.
  bool utf8_text = false;
  for (std::size_t start = 0; start < body.size() && !utf8_text;) {
    const std::size_t end = std::min(body.find('\n', start), body.size());
    const std::string_view text = body.substr(start, end - start);
    utf8_text = IsValidUtf8(text) &&
                std::ranges::any_of(text, [](char c) { return (c & 0x80) != 0; });
    start = end + 1;
  }
  if (utf8_text) {
    encoding = Encoding::kMixed;
    std::string mixed;
    mixed.reserve(body.size() + body.size() / 8);
    for (std::size_t start = 0; start < body.size();) {
      const std::size_t newline = body.find('\n', start);
      const std::size_t end = newline == std::string_view::npos ? body.size() : newline + 1;
      const std::string_view text = body.substr(start, end - start);
      if (IsValidUtf8(text)) {
        mixed.append(text);
      } else {
        const std::size_t from = mixed.size();
        AppendWindows1252AsUtf8(text, mixed);
        guessed.emplace_back(from, mixed.size());
      }
      start = end;
    }
    owned = std::move(mixed);
    file = internal::FileBytes();
    data = owned.data();
    size = owned.size();
    return;
  }
  // A BOM followed by invalid UTF-8 is a file edited by two tools; the invalid bytes decide.
  encoding = Encoding::kWindows1252;
  std::string transcoded = Windows1252ToUtf8(body);
  owned = std::move(transcoded);  // `body` may view `owned`: transcode first, assign after
  file = internal::FileBytes();   // the mapping is no longer needed
  data = owned.data();
  size = owned.size();
}

char CsvReader::Impl::DetectSeparator() const {
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  std::size_t i = pos;
  while (i < size && (data[i] == '\n' || data[i] == '\r')) ++i;  // blank lines
  for (; i < size; ++i) {
    char c = data[i];
    if (c == '"') {
      quoted = !quoted;  // "" inside quotes toggles twice: no net change
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
      if (c == '\t') ++tabs;
    }
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

Status CsvReader::Impl::Start() {
  if (options.separator == '"' || options.separator == '\r' || options.separator == '\n') {
    return Fail(Error::InvalidArgument("Pemisah kolom CSV tidak sah",
                                       "separator must not be a quote, CR or LF"));
  }
  if (options.max_columns == 0) {
    return Fail(Error::InvalidArgument("Batas kolom CSV tidak sah", "max_columns is 0"));
  }
  // Blank lines before the header do not count as the header.
  if (options.has_header) {
    while (pos < size && (data[pos] == '\n' || data[pos] == '\r')) {
      if (data[pos] == '\r' && pos + 1 < size && data[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
    }
  }
  sep = options.separator != 0 ? options.separator : DetectSeparator();
  stop_unquoted[static_cast<unsigned char>(sep)] = true;
  stop_unquoted['\r'] = stop_unquoted['\n'] = true;
  stop_quoted['"'] = stop_quoted['\r'] = stop_quoted['\n'] = true;
  if (!options.has_header) return {};
  CsvRowIssue issue;
  switch (ParseRow(issue, header_line)) {
    case Parse::kEnd:
      return Fail(Error::InvalidArgument("Berkas CSV kosong", "no header line"));
    case Parse::kError:
      return status;
    case Parse::kRow:
      break;
  }
  header.reserve(spans.size());
  for (const Span& s : spans) {
    header.emplace_back((s.in_scratch ? scratch.data() : data) + s.offset, s.length);
  }
  return {};
}

CsvReader::Impl::Parse CsvReader::Impl::ParseRow(CsvRowIssue& issue, std::uint64_t& row_line) {
  const char* p = data + pos;
  const char* const end = data + size;
  if (options.skip_blank_lines) {
    while (p < end && (*p == '\n' || *p == '\r')) {
      if (*p == '\r' && p + 1 < end && p[1] == '\n') ++p;
      ++p;
      ++line;
    }
  }
  if (p >= end) {
    pos = size;
    return Parse::kEnd;
  }
  row_line = line;
  row_start = static_cast<std::size_t>(p - data);
  issue = CsvRowIssue::kNone;
  spans.clear();
  scratch.clear();
  auto unquoted_stop = [this](const char* q) {
    return stop_unquoted[static_cast<unsigned char>(*q)];
  };
  while (true) {
    if (spans.size() >= options.max_columns) {
      status = Fail(Error::InvalidArgument("Baris CSV " + std::to_string(row_line) +
                                               " memiliki lebih dari " +
                                               std::to_string(options.max_columns) + " kolom",
                                           "max_columns exceeded"));
      return Parse::kError;
    }
    Span span{};
    bool quoted = p < end && *p == '"';
    if (quoted) {
      ++p;
      const char* seg = p;  // start of the part not yet copied to scratch
      std::size_t scratch_start = scratch.size();
      bool use_scratch = false;
      bool closed = false;
      while (true) {
        while (p < end && !stop_quoted[static_cast<unsigned char>(*p)]) ++p;
        if (p >= end) break;
        if (*p == '"') {
          if (p + 1 < end && p[1] == '"') {  // "" is one quote
            scratch.append(seg, static_cast<std::size_t>(p + 1 - seg));
            use_scratch = true;
            p += 2;
            seg = p;
            continue;
          }
          closed = true;
          break;
        }
        // A line end inside quotes belongs to the cell but still starts a physical line.
        if (*p == '\n' || !(p + 1 < end && p[1] == '\n')) ++line;
        ++p;
      }
      const char* content_end = p;
      if (closed) {
        ++p;
      } else {
        issue = CsvRowIssue::kUnterminatedQuote;
      }
      if (closed && p < end && !unquoted_stop(p)) {
        // `"ab"c`: keep the stray text rather than drop data; flag the row.
        if (issue == CsvRowIssue::kNone) issue = CsvRowIssue::kTextAfterClosingQuote;
        const char* tail = p;
        while (p < end && !unquoted_stop(p)) ++p;
        scratch.append(seg, static_cast<std::size_t>(content_end - seg));
        scratch.append(tail, static_cast<std::size_t>(p - tail));
        use_scratch = true;
      } else if (use_scratch) {
        scratch.append(seg, static_cast<std::size_t>(content_end - seg));
      }
      if (use_scratch) {
        span = {scratch_start, scratch.size() - scratch_start, true};
      } else {
        span = {static_cast<std::size_t>(seg - data), static_cast<std::size_t>(content_end - seg),
                false};
      }
    } else {
      const char* start = p;
      while (p < end && !unquoted_stop(p)) ++p;
      span = {static_cast<std::size_t>(start - data), static_cast<std::size_t>(p - start), false};
    }
    if (span.length > options.max_field_bytes) {
      status =
          Fail(Error::InvalidArgument("Sel CSV pada baris " + std::to_string(row_line) + " kolom " +
                                          std::to_string(spans.size() + 1) + " melebihi " +
                                          std::to_string(options.max_field_bytes) + " byte" +
                                          (quoted ? " (mungkin tanda kutip tidak ditutup)" : ""),
                                      "max_field_bytes exceeded"));
      return Parse::kError;
    }
    spans.push_back(span);
    if (p >= end) break;
    if (*p == sep) {
      ++p;
      continue;
    }
    if (*p == '\r') {
      ++p;
      if (p < end && *p == '\n') ++p;
    } else {
      ++p;  // '\n'
    }
    ++line;
    break;
  }
  pos = static_cast<std::size_t>(p - data);
  return Parse::kRow;
}

CsvReader::CsvReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

Result<CsvReader> CsvReader::Open(const std::string& path, const CsvOptions& options) {
  auto bytes = internal::FileBytes::Open(path, options.max_file_bytes);
  if (!bytes) return Fail(bytes.error());
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->file = std::move(*bytes);
  impl->SetInput(impl->file.view());
  if (auto started = impl->Start(); !started) return Fail(started.error());
  return CsvReader(std::move(impl));
}

Result<CsvReader> CsvReader::FromString(std::string data, const CsvOptions& options) {
  if (data.size() > options.max_file_bytes) {
    return Fail(Error::InvalidArgument("Data CSV terlalu besar (maksimum " +
                                           std::to_string(options.max_file_bytes >> 20) + " MiB)",
                                       "input larger than max_file_bytes"));
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->owned = std::move(data);
  impl->SetInput(impl->owned);
  if (auto started = impl->Start(); !started) return Fail(started.error());
  return CsvReader(std::move(impl));
}

const std::vector<std::string>& CsvReader::header() const { return impl_->header; }
std::uint64_t CsvReader::header_line() const { return impl_->header_line; }

bool CsvReader::Next(CsvRow& row) {
  Impl& m = *impl_;
  if (!m.status) return false;
  CsvRowIssue issue;
  std::uint64_t line = 0;
  if (m.ParseRow(issue, line) != Impl::Parse::kRow) return false;
  row.cells.clear();
  for (const Impl::Span& s : m.spans) {
    row.cells.emplace_back((s.in_scratch ? m.scratch.data() : m.data) + s.offset, s.length);
  }
  // A row that touches a line read as Windows-1252 (rows are met in order, as are the ranges).
  const std::size_t row_end = m.pos;
  while (m.next_guessed < m.guessed.size() && m.guessed[m.next_guessed].second <= m.row_start) {
    ++m.next_guessed;
  }
  if (issue == CsvRowIssue::kNone && m.next_guessed < m.guessed.size() &&
      m.guessed[m.next_guessed].first < row_end) {
    issue = CsvRowIssue::kGuessedEncoding;
  }
  row.line = line;
  row.issue = issue;
  row.malformed = issue != CsvRowIssue::kNone;
  return true;
}

const Status& CsvReader::status() const { return impl_->status; }
char CsvReader::separator() const { return impl_->sep; }
Encoding CsvReader::encoding() const { return impl_->encoding; }
std::uint64_t CsvReader::bytes_read() const { return impl_->pos; }
std::uint64_t CsvReader::total_bytes() const { return impl_->size; }

namespace {

Result<CsvTable> ReadAll(Result<CsvReader> reader) {
  if (!reader) return Fail(reader.error());
  CsvTable table;
  table.header = reader->header();
  table.separator = reader->separator();
  table.encoding = reader->encoding();
  CsvRow row;
  while (reader->Next(row)) {
    table.rows.push_back({row.ToStrings(), row.line, row.malformed, row.issue});
  }
  if (!reader->status()) return Fail(reader->status().error());
  return table;
}

}  // namespace

Result<CsvTable> ReadCsvTable(const std::string& path, const CsvOptions& options) {
  return ReadAll(CsvReader::Open(path, options));
}

Result<CsvTable> ReadCsvTableFromString(std::string data, const CsvOptions& options) {
  return ReadAll(CsvReader::FromString(std::move(data), options));
}

}  // namespace jaring::formats
