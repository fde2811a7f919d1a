// XLSX reader.
//
// One job in one file (about 1,000 lines): reading a workbook's sheets as rows. Its parts
// (relationships, shared strings, styles, the sheet) are small expat state machines that share
// the streaming and the limits below; each is only meaningful inside this reader.
//
// Design notes
// - Layout of a workbook (ECMA-376 part 1): _rels/.rels names the workbook part (usually
//   xl/workbook.xml); its relationships (xl/_rels/workbook.xml.rels) name the sheets, the
//   shared strings and the styles. Relationship targets are relative to the source part's
//   folder; we resolve and normalise them, with the usual paths as fallbacks.
// - Every XML part is streamed: PartStream decompresses 64 KiB at a time with libzip and feeds
//   expat. Handlers are small state machines over element local names (namespaces are parsed
//   and prefixes ignored, so "x:row" and "row" are the same). A handler reports an error by
//   setting `error` and stopping the parser.
// - Limits are checked where memory would grow: the declared size of each part before it is
//   opened, the bytes actually inflated while reading (a zip entry can lie about its size),
//   the text gathered for one cell, the count of cells yielded, column letters (at most XFD)
//   and row numbers (at most 1,048,576). A DOCTYPE stops the parse: OOXML has none, and
//   refusing it rules out entity expansion attacks whatever expat's own defences.
// - The sheet reader keeps the workbook (zip handle, shared strings, styles) alive through a
//   shared_ptr, so it may outlive the XlsxReader it came from.
#include "formats/xlsx_reader.hpp"

#include <expat.h>
#include <sys/stat.h>
#include <zip.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <utility>

namespace jaring::formats {
namespace {

constexpr std::uint32_t kMaxRows = 1'048'576;  // Excel's grid
constexpr std::uint32_t kMaxColumns = 16'384;  // A..XFD
constexpr std::size_t kChunkBytes = 64 * 1024;
// Text the rows of one chunk of sheet XML may hold. Without shared strings a chunk yields less
// text than its own size; a chunk of cells that each reference one long shared string (a 1 MB
// string referenced by the 16,384 cells of a row is 16 GB from 400 KB of XML, which
// max_part_bytes never sees) is refused here instead of exhausting memory.
constexpr std::uint64_t kMaxChunkTextBytes = std::uint64_t{64} << 20;
// Text one row may hold (its cells together; one cell is limited by max_cell_bytes): a list's
// row is a few hundred bytes, and the header search keeps 20 rows in memory.
constexpr std::uint64_t kMaxRowTextBytes = std::uint64_t{8} << 20;

Error Damaged(std::string details) {
  return Error::InvalidArgument("Berkas XLSX rusak atau bukan buku kerja Excel",
                                std::move(details));
}

Error TooLarge(std::string details) {
  return Error::InvalidArgument("Berkas XLSX melebihi batas ukuran yang diizinkan",
                                std::move(details));
}

// "uri\x01local" -> "local" (expat's namespace-qualified names).
constexpr char kNsSep = '\x01';
std::string_view LocalName(const XML_Char* name) {
  std::string_view n(name);
  auto pos = n.rfind(kNsSep);
  return pos == std::string_view::npos ? n : n.substr(pos + 1);
}
bool HasNamespace(const XML_Char* name) { return std::strchr(name, kNsSep) != nullptr; }

// Attribute lookup by local name; `namespaced` selects r:id-style attributes.
const char* Attr(const XML_Char** attrs, std::string_view local, bool namespaced = false) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == local && HasNamespace(attrs[i]) == namespaced) return attrs[i + 1];
  }
  return nullptr;
}

bool ParseUint(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Receives expat's events. Derived handlers override what they need.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(const char* /*s*/, int /*len*/) {}

  XML_Parser parser = nullptr;
  std::optional<Error> error;
  int depth = 0;  // elements open

  void Stop(Error e) {
    if (!error) error = std::move(e);
    XML_StopParser(parser, XML_FALSE);
  }
};

// Open elements a part may nest: a worksheet needs 6 (worksheet, sheetData, row, c, is, r, t).
// expat keeps every open element on its heap, so 200 MB of "<a><a><a>..." would hold some
// 30 million of them (gigabytes): refused at this depth instead.
constexpr int kMaxXmlDepth = 256;

void XMLCALL OnStart(void* user, const XML_Char* name, const XML_Char** attrs) {
  auto* h = static_cast<XmlHandler*>(user);
  if (++h->depth > kMaxXmlDepth) {
    return h->Stop(Damaged("XML nested deeper than " + std::to_string(kMaxXmlDepth)));
  }
  h->Start(LocalName(name), attrs);
}
void XMLCALL OnEnd(void* user, const XML_Char* name) {
  auto* h = static_cast<XmlHandler*>(user);
  --h->depth;
  h->End(LocalName(name));
}
void XMLCALL OnText(void* user, const XML_Char* s, int len) {
  static_cast<XmlHandler*>(user)->Text(s, len);
}
void XMLCALL OnDoctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<XmlHandler*>(user)->Stop(Damaged("XML part declares a DOCTYPE"));
}

// Appends text to `out` unless that would exceed `limit`; stops the handler otherwise.
bool AppendLimited(XmlHandler& h, std::string& out, const char* s, int len, std::size_t limit) {
  if (out.size() + static_cast<std::size_t>(len) > limit) {
    h.Stop(TooLarge("cell text longer than max_cell_bytes " + std::to_string(limit)));
    return false;
  }
  out.append(s, static_cast<std::size_t>(len));
  return true;
}

// OOXML escapes characters XML cannot carry as _xHHHH_ (ST_Xstring), e.g. _x000D_ for CR;
// _x005F_ escapes a literal underscore.
void DecodeXstring(std::string& s) {
  if (s.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = 0;
    if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      auto [p, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      if (ec == std::errc() && p == s.data() + i + 6 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        if (cp < 0x80) {
          out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
        i += 7;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  s = std::move(out);
}

// One zip entry decompressed chunk by chunk into an expat parser.
class PartStream {
 public:
  PartStream() = default;
  PartStream(const PartStream&) = delete;
  PartStream& operator=(const PartStream&) = delete;
  ~PartStream() {
    if (file_ != nullptr) zip_fclose(file_);
    if (parser_ != nullptr) XML_ParserFree(parser_);
  }

  Status Open(zip_t* zip, const std::string& name, const XlsxOptions& options,
              XmlHandler& handler) {
    name_ = name;
    limit_ = options.max_part_bytes;
    zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
    if (index < 0) index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Fail(Damaged("missing part " + name));
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
      return Fail(Damaged("cannot stat part " + name + ": " + zip_strerror(zip)));
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limit_) {
      return Fail(TooLarge("part " + name + " declares " + std::to_string(st.size) +
                           " bytes uncompressed, over max_part_bytes " + std::to_string(limit_)));
    }
    declared_ = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    file_ = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
    if (file_ == nullptr)
      return Fail(Damaged("cannot open part " + name + ": " + zip_strerror(zip)));
    parser_ = XML_ParserCreateNS(nullptr, kNsSep);
    if (parser_ == nullptr) return Fail(Error::Internal("expat: out of memory"));
    handler_ = &handler;
    handler.parser = parser_;
    XML_SetUserData(parser_, &handler);
    XML_SetElementHandler(parser_, OnStart, OnEnd);
    XML_SetCharacterDataHandler(parser_, OnText);
    XML_SetStartDoctypeDeclHandler(parser_, OnDoctype);
    return {};
  }

  // Feeds one chunk. Returns true while more input remains.
  Result<bool> Feed() {
    if (done_) return false;
    char buf[kChunkBytes];
    zip_int64_t n = zip_fread(file_, buf, sizeof buf);
    if (n < 0) return Fail(Damaged("cannot inflate " + name_ + ": " + zip_file_strerror(file_)));
    read_ += static_cast<std::uint64_t>(n);
    if (read_ > limit_) {
      return Fail(
          TooLarge("part " + name_ + " inflates past max_part_bytes " + std::to_string(limit_)));
    }
    bool final = n == 0;
    if (XML_Parse(parser_, buf, static_cast<int>(n), final) != XML_STATUS_OK) {
      if (handler_->error) return Fail(*handler_->error);
      return Fail(Damaged(name_ + " line " + std::to_string(XML_GetCurrentLineNumber(parser_)) +
                          ": " + XML_ErrorString(XML_GetErrorCode(parser_))));
    }
    if (handler_->error) return Fail(*handler_->error);
    done_ = final;
    return !done_;
  }

  Status ReadAll() {
    while (true) {
      auto more = Feed();
      if (!more) return Fail(more.error());
      if (!*more) return {};
    }
  }

  std::uint64_t read() const { return read_; }
  std::uint64_t declared() const { return declared_; }

 private:
  std::string name_;
  std::uint64_t limit_ = 0;
  std::uint64_t read_ = 0;
  std::uint64_t declared_ = 0;
  zip_file_t* file_ = nullptr;
  XML_Parser parser_ = nullptr;
  XmlHandler* handler_ = nullptr;
  bool done_ = false;
};

bool PartExists(zip_t* zip, const std::string& name) {
  return zip_name_locate(zip, name.c_str(), 0) >= 0 ||
         zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

struct Relationship {
  std::string id, type, target;
  bool external = false;
};

class RelsHandler : public XmlHandler {
 public:
  std::vector<Relationship> rels;
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    Relationship r;
    if (const char* v = Attr(attrs, "Id")) r.id = v;
    if (const char* v = Attr(attrs, "Type")) r.type = v;
    if (const char* v = Attr(attrs, "Target")) r.target = v;
    if (const char* v = Attr(attrs, "TargetMode")) r.external = std::string_view(v) == "External";
    if (rels.size() < 100'000) rels.push_back(std::move(r));
  }
  void End(std::string_view) override {}
};

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"
std::string RelsPathFor(const std::string& part) {
  auto slash = part.rfind('/');
  if (slash == std::string::npos) return "_rels/" + part + ".rels";
  return part.substr(0, slash + 1) + "_rels/" + part.substr(slash + 1) + ".rels";
}

// Resolves a relationship target against the source part's folder and normalises "." / "..".
std::string ResolveTarget(const std::string& source_part, std::string target) {
  std::string base;
  if (!target.empty() && target.front() == '/') {
    target.erase(0, 1);
  } else {
    auto slash = source_part.rfind('/');
    if (slash != std::string::npos) base = source_part.substr(0, slash + 1);
  }
  std::vector<std::string> parts;
  std::string joined = base + target;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string seg = joined.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

class WorkbookHandler : public XmlHandler {
 public:
  struct Sheet {
    std::string name, rel_id;
    bool hidden = false;
  };
  std::vector<Sheet> sheets;
  bool date1904 = false;
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "workbookPr") {
      if (const char* v = Attr(attrs, "date1904")) {
        date1904 = std::string_view(v) == "1" || std::string_view(v) == "true";
      }
    } else if (name == "sheet") {
      Sheet s;
      if (const char* v = Attr(attrs, "name")) s.name = v;
      if (const char* v = Attr(attrs, "id", true)) s.rel_id = v;
      if (const char* v = Attr(attrs, "state")) s.hidden = std::string_view(v) != "visible";
      if (sheets.size() < 10'000) sheets.push_back(std::move(s));
    }
  }
  void End(std::string_view) override {}
};

struct Style {
  std::uint32_t num_fmt_id = 0;
  std::string_view code;
  bool date = false;
};

std::string_view BuiltinFormatCode(std::uint32_t id) {
  switch (id) {
    case 0:
      return "General";
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
      return "#,##0";
    case 4:
      return "#,##0.00";
    case 9:
      return "0%";
    case 10:
      return "0.00%";
    case 11:
      return "0.00E+00";
    case 12:
      return "# ?/?";
    case 13:
      return "# ?"
             "?/?"
             "?";  // split: "??/" would be a trigraph
    case 14:
      return "mm-dd-yy";
    case 15:
      return "d-mmm-yy";
    case 16:
      return "d-mmm";
    case 17:
      return "mmm-yy";
    case 18:
      return "h:mm AM/PM";
    case 19:
      return "h:mm:ss AM/PM";
    case 20:
      return "h:mm";
    case 21:
      return "h:mm:ss";
    case 22:
      return "m/d/yy h:mm";
    case 37:
      return "#,##0 ;(#,##0)";
    case 38:
      return "#,##0 ;[Red](#,##0)";
    case 39:
      return "#,##0.00;(#,##0.00)";
    case 40:
      return "#,##0.00;[Red](#,##0.00)";
    case 45:
      return "mm:ss";
    case 46:
      return "[h]:mm:ss";
    case 47:
      return "mmss.0";
    case 48:
      return "##0.0E+0";
    case 49:
      return "@";
    default:
      return "General";
  }
}

class StylesHandler : public XmlHandler {
 public:
  std::map<std::uint32_t, std::string> custom;  // numFmtId -> formatCode (stable storage)
  std::vector<std::uint32_t> xf_formats;        // cellXfs order
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmt") {
      std::uint64_t id = 0;
      const char* v = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      if (v != nullptr && code != nullptr && ParseUint(v, id) && id < (1u << 31) &&
          custom.size() < 100'000) {
        custom[static_cast<std::uint32_t>(id)] = code;
      }
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      std::uint64_t id = 0;
      const char* v = Attr(attrs, "numFmtId");
      if (v == nullptr || !ParseUint(v, id) || id >= (1u << 31)) id = 0;
      if (xf_formats.size() < 1'000'000) xf_formats.push_back(static_cast<std::uint32_t>(id));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
};

// Shared strings: kept in one pool with offsets (a million names cost ~one allocation).
class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(std::size_t max_cell_bytes) : max_cell_bytes_(max_cell_bytes) {}
  std::string pool;
  std::vector<std::uint64_t> offsets{0};
  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_si_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;  // phonetic guides (Japanese ruby) are not part of the value
    } else if (name == "t" && in_si_ && phonetic_depth_ == 0) {
      in_t_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "si" && in_si_) {
      in_si_ = false;
      DecodeXstring(current_);
      pool += current_;
      offsets.push_back(pool.size());
    }
  }
  void Text(const char* s, int len) override {
    if (in_t_) AppendLimited(*this, current_, s, len, max_cell_bytes_);
  }

 private:
  std::size_t max_cell_bytes_;
  std::string current_;
  bool in_si_ = false;
  bool in_t_ = false;
  int phonetic_depth_ = 0;
};

// "AB12" -> column 27 (0-based), row 12. False when out of Excel's grid or malformed.
bool ParseCellRef(std::string_view ref, std::uint32_t& col, std::uint32_t& row) {
  std::size_t i = 0;
  std::uint32_t c = 0;
  while (i < ref.size() && i < 4) {
    char ch = ref[i];
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (ch < 'A' || ch > 'Z') break;
    c = c * 26 + static_cast<std::uint32_t>(ch - 'A' + 1);
    ++i;
  }
  if (i == 0 || c > kMaxColumns) return false;
  std::uint64_t r = 0;
  if (i == ref.size()) {
    row = 0;  // column only: keep the row from <row r>
  } else {
    if (!ParseUint(ref.substr(i), r) || r == 0 || r > kMaxRows) return false;
    row = static_cast<std::uint32_t>(r);
  }
  col = c - 1;
  return true;
}

}  // namespace

// The workbook state shared by XlsxReader and its sheet readers.
struct Workbook {
  XlsxOptions options;
  std::string buffer;  // the archive's bytes for FromBuffer
  zip_t* zip = nullptr;
  std::vector<XlsxSheetInfo> sheets;
  bool date1904 = false;
  std::string sst_pool;
  std::vector<std::uint64_t> sst_offsets{0};
  std::map<std::uint32_t, std::string> custom_formats;
  std::vector<Style> styles;

  Workbook() = default;
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (zip != nullptr) zip_discard(zip);
  }

  Status Load();
  std::size_t shared_string_count() const { return sst_offsets.size() - 1; }
  std::string_view SharedString(std::size_t i) const {
    return std::string_view(sst_pool).substr(sst_offsets[i], sst_offsets[i + 1] - sst_offsets[i]);
  }
};

struct XlsxReader::Impl : Workbook {};

Status Workbook::Load() {
  // Workbook part from the package relationships, else the usual place.
  std::string workbook_part = "xl/workbook.xml";
  if (PartExists(zip, "_rels/.rels")) {
    RelsHandler root;
    PartStream s;
    if (auto st = s.Open(zip, "_rels/.rels", options, root); !st) return st;
    if (auto st = s.ReadAll(); !st) return st;
    for (const auto& r : root.rels) {
      if (EndsWith(r.type, "/officeDocument") && !r.external) {
        workbook_part = ResolveTarget("", r.target);
        break;
      }
    }
  }
  WorkbookHandler wb;
  {
    PartStream s;
    if (auto st = s.Open(zip, workbook_part, options, wb); !st) return st;
    if (auto st = s.ReadAll(); !st) return st;
  }
  date1904 = wb.date1904;

  std::map<std::string, std::string> targets;  // rel id -> part
  std::string shared_strings_part, styles_part;
  std::string rels_part = RelsPathFor(workbook_part);
  if (PartExists(zip, rels_part)) {
    RelsHandler rels;
    PartStream s;
    if (auto st = s.Open(zip, rels_part, options, rels); !st) return st;
    if (auto st = s.ReadAll(); !st) return st;
    for (const auto& r : rels.rels) {
      if (r.external) continue;
      std::string part = ResolveTarget(workbook_part, r.target);
      if (EndsWith(r.type, "/sharedStrings")) shared_strings_part = part;
      if (EndsWith(r.type, "/styles")) styles_part = part;
      targets[r.id] = std::move(part);
    }
  }
  std::string folder = workbook_part.substr(0, workbook_part.rfind('/') + 1);
  if (shared_strings_part.empty() && PartExists(zip, folder + "sharedStrings.xml")) {
    shared_strings_part = folder + "sharedStrings.xml";
  }
  if (styles_part.empty() && PartExists(zip, folder + "styles.xml")) {
    styles_part = folder + "styles.xml";
  }

  for (std::size_t i = 0; i < wb.sheets.size(); ++i) {
    auto& s = wb.sheets[i];
    XlsxSheetInfo info{s.name, {}, s.hidden};
    if (auto it = targets.find(s.rel_id); it != targets.end()) {
      info.part = it->second;
    } else {
      info.part = folder + "worksheets/sheet" + std::to_string(i + 1) + ".xml";
    }
    sheets.push_back(std::move(info));
  }

  if (!styles_part.empty() && PartExists(zip, styles_part)) {
    StylesHandler h;
    PartStream s;
    if (auto st = s.Open(zip, styles_part, options, h); !st) return st;
    if (auto st = s.ReadAll(); !st) return st;
    custom_formats = std::move(h.custom);
    styles.reserve(h.xf_formats.size());
    for (std::uint32_t id : h.xf_formats) {
      Style style{id, BuiltinFormatCode(id), false};
      if (auto it = custom_formats.find(id); it != custom_formats.end()) style.code = it->second;
      style.date = IsDateFormat(id, style.code);
      styles.push_back(style);
    }
  }
  if (!shared_strings_part.empty() && PartExists(zip, shared_strings_part)) {
    SharedStringsHandler h(options.max_cell_bytes);
    PartStream s;
    if (auto st = s.Open(zip, shared_strings_part, options, h); !st) return st;
    if (auto st = s.ReadAll(); !st) return st;
    sst_pool = std::move(h.pool);
    sst_offsets = std::move(h.offsets);
  }
  return {};
}

namespace {

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const Workbook& book, std::deque<XlsxRow>& ready) : book_(book), ready_(ready) {}
  // The rows parsed so far have been handed out: the next chunk starts a new text budget.
  void NewChunk() { chunk_text_ = 0; }

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "row") {
      std::uint64_t r = 0;
      const char* v = Attr(attrs, "r");
      if (v != nullptr) {
        if (!ParseUint(v, r) || r == 0 || r > kMaxRows) {
          return Stop(Damaged(std::string("row number out of range: ") + v));
        }
      } else {
        r = last_row_ + 1;
        if (r > kMaxRows) return Stop(Damaged("more rows than Excel's grid"));
      }
      row_.number = static_cast<std::uint32_t>(r);
      row_.cells.clear();
      row_text_ = 0;
      next_col_ = 0;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      std::uint32_t col = next_col_;
      if (const char* ref = Attr(attrs, "r")) {
        std::uint32_t ref_row = 0;
        if (!ParseCellRef(ref, col, ref_row)) {
          return Stop(Damaged(std::string("cell reference out of range: ") + ref));
        }
      }
      if (col >= kMaxColumns) return Stop(Damaged("more columns than Excel's grid"));
      col_ = col;
      const char* t = Attr(attrs, "t");
      type_ = t == nullptr ? "n" : t;
      style_ = 0;
      if (const char* s = Attr(attrs, "s")) {
        std::uint64_t v = 0;
        if (ParseUint(s, v) && v < book_.styles.size()) style_ = static_cast<std::uint32_t>(v);
      }
      formula_ = false;
      has_value_ = false;
      value_.clear();
      in_cell_ = true;
    } else if (in_cell_) {
      if (name == "v") {
        in_v_ = true;
        has_value_ = true;
      } else if (name == "f") {
        formula_ = true;
      } else if (name == "is") {
        in_is_ = true;
        has_value_ = true;
      } else if (name == "rPh") {
        ++phonetic_depth_;
      } else if (name == "t" && in_is_ && phonetic_depth_ == 0) {
        in_t_ = true;
      }
    }
  }

  void End(std::string_view name) override {
    if (name == "v") {
      in_v_ = false;
    } else if (name == "t") {
      in_t_ = false;
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      FinishCell();
      next_col_ = col_ + 1;
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      last_row_ = row_.number;
      if (row_.cells.empty()) return;
      cells_ += row_.cells.size();
      if (cells_ > book_.options.max_cells) {
        return Stop(
            TooLarge("sheet has more than max_cells " + std::to_string(book_.options.max_cells)));
      }
      ready_.push_back(std::move(row_));
      row_ = XlsxRow();
    }
  }

  void Text(const char* s, int len) override {
    if (in_v_ || in_t_) AppendLimited(*this, value_, s, len, book_.options.max_cell_bytes);
  }

 private:
  void FinishCell() {
    if (!has_value_) return;  // a styled cell without a value reads as empty
    XlsxCell cell;
    cell.from_formula = formula_;
    if (!book_.styles.empty()) {
      const Style& st = book_.styles[style_];
      cell.style_index = style_;
      cell.num_fmt_id = st.num_fmt_id;
      cell.format_code = st.code;
      cell.date_format = st.date;
    } else {
      cell.format_code = BuiltinFormatCode(0);
    }
    if (type_ == "s") {
      std::uint64_t index = 0;
      if (!ParseUint(value_, index) || index >= book_.shared_string_count()) {
        return Stop(
            Damaged("shared string index out of range in row " + std::to_string(row_.number)));
      }
      cell.type = XlsxCellType::kString;
      const std::string_view shared = book_.SharedString(static_cast<std::size_t>(index));
      chunk_text_ += shared.size();
      if (chunk_text_ > kMaxChunkTextBytes) {
        return Stop(TooLarge("shared strings referenced in row " + std::to_string(row_.number) +
                             " expand past " + std::to_string(kMaxChunkTextBytes) + " bytes"));
      }
      cell.text = shared;
    } else if (type_ == "inlineStr" || type_ == "str") {
      cell.type = XlsxCellType::kString;
      DecodeXstring(value_);
      cell.text = std::move(value_);
    } else if (type_ == "b") {
      cell.type = XlsxCellType::kBoolean;
      cell.number = value_ == "1" || value_ == "true" ? 1 : 0;
      cell.text = cell.number != 0 ? "1" : "0";
    } else if (type_ == "e") {
      cell.type = XlsxCellType::kError;
      cell.text = std::move(value_);
    } else if (type_ == "d") {
      cell.type = XlsxCellType::kDate;
      cell.text = std::move(value_);
    } else {
      // t="n" (or unknown): a number. Text that is not one is kept as a string, not dropped.
      std::string_view v = value_;
      while (!v.empty() && (v.front() == ' ' || v.front() == '+')) v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      if (v.empty()) return;
      double d = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
      if (ec == std::errc() && p == v.data() + v.size()) {
        cell.type = XlsxCellType::kNumber;
        cell.number = d;
      } else {
        cell.type = XlsxCellType::kString;
      }
      cell.text = std::move(value_);
    }
    row_text_ += cell.text.size();
    if (row_text_ > kMaxRowTextBytes) {
      return Stop(TooLarge("row " + std::to_string(row_.number) + " holds more than " +
                           std::to_string(kMaxRowTextBytes) + " bytes of text"));
    }
    if (col_ >= row_.cells.size()) row_.cells.resize(col_ + 1);
    row_.cells[col_] = std::move(cell);
  }

  const Workbook& book_;
  std::deque<XlsxRow>& ready_;
  std::uint64_t chunk_text_ = 0;  // shared-string text of the rows parsed since NewChunk()
  std::uint64_t row_text_ = 0;    // text of the current row's cells
  XlsxRow row_;
  std::uint32_t last_row_ = 0;
  std::uint32_t next_col_ = 0;
  std::uint32_t col_ = 0;
  std::uint32_t style_ = 0;
  std::uint64_t cells_ = 0;
  std::string type_;
  std::string value_;
  bool in_row_ = false, in_cell_ = false, in_v_ = false, in_is_ = false, in_t_ = false;
  bool formula_ = false, has_value_ = false;
  int phonetic_depth_ = 0;
};

Error ZipOpenError(int code, const std::string& what) {
  zip_error_t err;
  zip_error_init_with_code(&err, code);
  std::string details = what + ": " + zip_error_strerror(&err);
  zip_error_fini(&err);
  if (code == ZIP_ER_NOENT) return Error::NotFound("Berkas XLSX tidak ditemukan", details);
  if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_MEMORY) {
    return Error::Unavailable("Berkas XLSX tidak dapat dibaca", details);
  }
  return Damaged(details);
}

}  // namespace

struct XlsxSheetReader::Impl {
  std::shared_ptr<const Workbook> book;
  std::deque<XlsxRow> ready;
  SheetHandler handler;
  PartStream stream;
  Status status;
  bool more = true;

  explicit Impl(std::shared_ptr<const Workbook> b) : book(std::move(b)), handler(*book, ready) {}
};

XlsxSheetReader::XlsxSheetReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxSheetReader::XlsxSheetReader(XlsxSheetReader&&) noexcept = default;
XlsxSheetReader& XlsxSheetReader::operator=(XlsxSheetReader&&) noexcept = default;
XlsxSheetReader::~XlsxSheetReader() = default;

bool XlsxSheetReader::Next(XlsxRow& row) {
  Impl& m = *impl_;
  while (m.ready.empty()) {
    if (!m.status || !m.more) return false;
    m.handler.NewChunk();
    auto more = m.stream.Feed();
    if (!more) {
      m.status = Fail(more.error());
      m.ready.clear();  // rows of a part that failed are not trusted
      return false;
    }
    m.more = *more;
  }
  row = std::move(m.ready.front());
  m.ready.pop_front();
  return true;
}

const Status& XlsxSheetReader::status() const { return impl_->status; }
std::uint64_t XlsxSheetReader::bytes_read() const { return impl_->stream.read(); }
std::uint64_t XlsxSheetReader::total_bytes() const { return impl_->stream.declared(); }

XlsxReader::XlsxReader(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxReader::XlsxReader(XlsxReader&&) noexcept = default;
XlsxReader& XlsxReader::operator=(XlsxReader&&) noexcept = default;
XlsxReader::~XlsxReader() = default;

Result<XlsxReader> XlsxReader::Open(const std::string& path, const XlsxOptions& options) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 &&
      static_cast<std::uint64_t>(st.st_size) > options.max_file_bytes) {
    return Fail(TooLarge(path + ": archive larger than max_file_bytes"));
  }
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) return Fail(ZipOpenError(code, path));
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  impl->zip = zip;
  if (auto loaded = impl->Load(); !loaded) return Fail(loaded.error());
  return XlsxReader(std::move(impl));
}

Result<XlsxReader> XlsxReader::FromBuffer(std::string data, const XlsxOptions& options) {
  if (data.size() > options.max_file_bytes) {
    return Fail(TooLarge("archive larger than max_file_bytes"));
  }
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  impl->buffer = std::move(data);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(impl->buffer.data(), impl->buffer.size(), 0, &error);
  if (src == nullptr) {
    int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    return Fail(ZipOpenError(code, "buffer"));
  }
  zip_t* zip = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (zip == nullptr) {
    int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    zip_source_free(src);
    return Fail(ZipOpenError(code, "buffer"));
  }
  zip_error_fini(&error);
  impl->zip = zip;
  if (auto loaded = impl->Load(); !loaded) return Fail(loaded.error());
  return XlsxReader(std::move(impl));
}

const std::vector<XlsxSheetInfo>& XlsxReader::sheets() const { return impl_->sheets; }
bool XlsxReader::date1904() const { return impl_->date1904; }

Result<XlsxSheetReader> XlsxReader::OpenSheet(std::size_t index) const {
  if (index >= impl_->sheets.size()) {
    return Fail(Error::NotFound(
        "Lembar kerja tidak ditemukan",
        "sheet index " + std::to_string(index) + " of " + std::to_string(impl_->sheets.size())));
  }
  auto sheet = std::make_unique<XlsxSheetReader::Impl>(impl_);
  if (auto opened =
          sheet->stream.Open(impl_->zip, impl_->sheets[index].part, impl_->options, sheet->handler);
      !opened) {
    return Fail(opened.error());
  }
  return XlsxSheetReader(std::move(sheet));
}

Result<XlsxSheetReader> XlsxReader::OpenSheet(std::string_view name) const {
  for (std::size_t i = 0; i < impl_->sheets.size(); ++i) {
    if (impl_->sheets[i].name == name) return OpenSheet(i);
  }
  return Fail(Error::NotFound("Lembar kerja tidak ditemukan", "no sheet with that name"));
}

Result<std::vector<XlsxRow>> ReadXlsxSheet(const std::string& path, std::size_t sheet_index,
                                           const XlsxOptions& options) {
  auto book = XlsxReader::Open(path, options);
  if (!book) return Fail(book.error());
  auto sheet = book->OpenSheet(sheet_index);
  if (!sheet) return Fail(sheet.error());
  std::vector<XlsxRow> rows;
  XlsxRow row;
  while (sheet->Next(row)) rows.push_back(std::move(row));
  if (!sheet->status()) return Fail(sheet->status().error());
  return rows;
}

std::optional<std::chrono::year_month_day> ExcelSerialToDate(double serial, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(serial)) return std::nullopt;
  double day = std::floor(serial);
  if (date1904) {
    if (day < 0 || day > 2957003) return std::nullopt;  // 9999-12-31 in the 1904 system
    return year_month_day(sys_days(1904y / January / 1) + days(static_cast<int>(day)));
  }
  if (day < 1 || day > 2958465 || day == 60) return std::nullopt;
  // Serials 1..59 count from 1899-12-31; from 61 on, the phantom 1900-02-29 shifts them.
  sys_days base = day < 60 ? sys_days(1899y / December / 31) : sys_days(1899y / December / 30);
  return year_month_day(base + days(static_cast<int>(day)));
}

std::string RenderExcelGeneral(double value) {
  if (!std::isfinite(value)) return "#NUM!";
  if (value == 0) return "0";
  // 15 significant digits, as Excel keeps them.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.14e", value);
  std::string_view s(buf);
  bool negative = s.front() == '-';
  if (negative) s.remove_prefix(1);
  auto e = s.find('e');
  std::string digits;
  for (char c : s.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(s.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = negative ? "-" : "";
  if (exponent >= 21 || exponent < -9) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'E';
    out += exponent < 0 ? '-' : '+';
    int a = std::abs(exponent);
    if (a < 10) out += '0';
    out += std::to_string(a);
    return out;
  }
  if (exponent >= 0) {
    auto int_digits = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= int_digits) {
      out += digits;
      out.append(int_digits - digits.size(), '0');
    } else {
      out.append(digits, 0, int_digits);
      out += '.';
      out.append(digits, int_digits);
    }
  } else {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out += digits;
  }
  return out;
}

bool IsDateFormat(std::uint32_t num_fmt_id, std::string_view code) {
  if ((num_fmt_id >= 14 && num_fmt_id <= 22) || (num_fmt_id >= 45 && num_fmt_id <= 47)) {
    return true;
  }
  if (num_fmt_id < 164 && code == BuiltinFormatCode(num_fmt_id)) return false;
  // A custom code is a date/time when, outside "quoted text", [brackets] (colours, locales,
  // except elapsed [h]/[m]/[s]) and \-escapes, it uses d, m, y, h or s. Only the first section
  // (positive numbers) decides.
  bool in_quote = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_quote) {
      if (c == '"') in_quote = false;
      continue;
    }
    switch (c) {
      case '"':
        in_quote = true;
        break;
      case '\\':
      case '_':
      case '*':
        ++i;
        break;  // the next character is literal (or padding)
      case ';':
        return false;
      case '[': {
        auto close = code.find(']', i);
        if (close == std::string_view::npos) return false;
        std::string_view inside = code.substr(i + 1, close - i - 1);
        if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' ||
                                inside[0] == 'M' || inside[0] == 's' || inside[0] == 'S')) {
          return true;
        }
        i = close;
        break;
      }
      case 'd':
      case 'D':
      case 'm':
      case 'M':
      case 'y':
      case 'Y':
      case 'h':
      case 'H':
      case 's':
      case 'S':
        return true;
      default:
        break;
    }
  }
  return false;
}

}  // namespace jaring::formats
