// SourceFile: what an incoming list file is, found once; and its rows, streamed after the header.
//
//   auto file = intake::SourceFile::Open("daftar.xlsx");        // type, header, checksum
//   if (!file) return Fail(file.error());
//   auto rows = file->OpenRows();                                 // positioned after the header
//   intake::SourceRow row;
//   while ((*rows)->Next(row)) { ... }
//
// Every list jaring reads (worker lists from villages and line offices, the civil registry's
// death extract, the BPJS membership extract, invoices and branch answers) comes through here,
// so a file is sniffed in one place: its type by its first bytes (an .xlsx is a zip archive;
// anything else is read as CSV, whatever the name says), for CSV the separator, for XLSX the
// first visible sheet and its date system, the header row (the most header-like of the first
// 20 rows: title lines above it are skipped), the size and the BLAKE2b-256 checksum that batches
// and extracts are stored with.
//
// A SourceFile is a small copyable value describing the file; it does not hold it open.
// OpenRows opens it again for each pass (a preview and a commit are two passes), so the file
// must not change in between (import jobs keep their upload in a folder of their own).
// Thread safety: a SourceFile may be read from several threads; a RowStream is one thread's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "intake/source_row.hpp"

namespace jaring::intake {

enum class FileType : std::uint8_t { kCsv, kXlsx };
std::string_view FileTypeName(FileType type);  // "csv" | "xlsx"

// The rows below a file's header, in file order. Views in the row stay valid until the next
// Next(). Lines of separators only (";;;;" between blocks of a CSV export) are skipped like
// empty lines; an XLSX sheet has no such rows.
class RowStream {
 public:
  virtual ~RowStream() = default;
  // False at the end or on a read error (then status() says why).
  virtual bool Next(SourceRow& row) = 0;
  virtual Status status() const = 0;
  // Progress: bytes parsed so far and in all (for XLSX, of the sheet's uncompressed XML).
  virtual std::uint64_t bytes_read() const = 0;
  virtual std::uint64_t total_bytes() const = 0;
};

class SourceFile {
 public:
  // Sniffs `path`. `display_name` is the name people know the file by (an upload's original
  // name); empty: the path's file name. Errors: InvalidArgument when the file is missing, not
  // a regular file, unreadable or damaged (the message names the file), or an XLSX workbook
  // has no visible sheet or no rows.
  static Result<SourceFile> Open(const std::filesystem::path& path, std::string display_name = {});

  const std::filesystem::path& path() const { return path_; }
  const std::string& name() const { return name_; }
  FileType type() const { return type_; }
  // CSV: the separator chosen (',' ';' '\t'); XLSX: 0.
  char separator() const { return separator_; }
  // Rows above the header (title lines), as counted by the reader (blank lines not counted).
  std::size_t header_index() const { return header_index_; }
  // The header cells as written. When no row of the first 20 looks like a header, the first
  // row (the column mapping will then name what is missing).
  const std::vector<std::string>& header() const { return header_; }
  // XLSX: the workbook counts dates from 1904 (old Mac Excel). CSV: false.
  bool date1904() const { return date1904_; }
  // BLAKE2b-256 of the file's bytes, lower-case hex.
  const std::string& checksum() const { return checksum_; }
  std::uint64_t size_bytes() const { return size_bytes_; }

  // A fresh pass over the rows below the header. InvalidArgument when the file can no longer
  // be read the way Open found it.
  Result<std::unique_ptr<RowStream>> OpenRows() const;

 private:
  std::filesystem::path path_;
  std::string name_;
  FileType type_ = FileType::kCsv;
  char separator_ = 0;
  std::size_t header_index_ = 0;
  std::size_t sheet_index_ = 0;
  std::vector<std::string> header_;
  bool date1904_ = false;
  std::string checksum_;
  std::uint64_t size_bytes_ = 0;
};

// BLAKE2b-256 of a file's bytes, lower-case hex. InvalidArgument when it cannot be read.
Result<std::string> FileChecksum(const std::filesystem::path& file);

}  // namespace jaring::intake
