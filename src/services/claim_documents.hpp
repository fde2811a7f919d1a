// Dossier files of a claim (issue 15, item 4): an uploaded document is checked by its content
// (PDF, JPEG or PNG, whatever its name says), limited in size, and stored outside the database
// under its SHA-256: <data dir>/claim-documents/<regency>/<claim>/<sha256>.<ext>. The database
// keeps the checksum, so a file changed on disk is noticed when it is read back.
//
// Writes are atomic (a private name, then rename): a crash leaves either no file or the whole
// file. Thread-safe: no state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace jaring::services::claims {

inline constexpr std::size_t kMaxDocumentBytes = 10u << 20;  // 10 MB: a phone photo or a scan

// "application/pdf", "image/jpeg", "image/png" by the file's first bytes; nullopt otherwise.
std::optional<std::string> SniffDocumentType(std::string_view bytes);

struct CheckedDocument {
  std::string content_type;
  std::string extension;  // "pdf", "jpg", "png"
};
// Refuses (InvalidArgument, Indonesian) an empty or oversized file, content that is none of the
// three types, and a name whose extension says another type than the content.
Result<CheckedDocument> CheckDocument(std::string_view file_name, std::string_view bytes);

// The folder of the dossier files: claim-documents in jaring's data folder (cards::KeyDirectory:
// $JARING_DATA_DIR, default var/).
std::filesystem::path DocumentDirectory();

// Stores the bytes; their SHA-256 in hex.
Result<std::string> StoreDocument(const std::filesystem::path& root, std::string_view regency,
                                  std::int64_t claim_id, const CheckedDocument& type,
                                  std::string_view bytes);
// Reads a stored file back, refusing it (Internal) when its checksum no longer matches.
Result<std::string> ReadDocument(const std::filesystem::path& root, std::string_view regency,
                                 std::int64_t claim_id, std::string_view sha256,
                                 std::string_view content_type);

}  // namespace jaring::services::claims
