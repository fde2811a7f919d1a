// The audit chain's head anchored outside the database (issue 17, item 6): a small JSON file
// that `jaring audit anchor` writes and `jaring audit verify --anchor` checks.
//
// Why: every entry's hash covers the one before it, so an edited, deleted or inserted entry
// breaks the chain, but someone with write access to the database can rewrite an entry and
// recompute every hash after it, head row included, and the chain verifies again. An anchor
// kept elsewhere (printed, mailed, on another machine) records that entry N had hash H; a
// history rewritten at or before N cannot keep H at N. The log may grow after N.
//
// The file (format "jaring.audit-anchor.v1"; only sequence and hash are checked):
//   {"format": "jaring.audit-anchor.v1", "sequence": 1234, "hash": "<64 hex>",
//    "entry_at": "2025-10-01T03:04:05Z", "anchored_at": "2025-10-01T03:05:00Z",
//    "engine": "sqlite", "database": "sqlite:var/jaring.db"}
// `database` names where the anchor was taken (a PostgreSQL URL without its password); a
// restored copy of the database verifies against the same anchor.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "auth/audit_chain.hpp"
#include "common/error.hpp"

namespace jaring::services {

inline constexpr std::string_view kAuditAnchorFormat = "jaring.audit-anchor.v1";

struct AuditAnchor {
  std::int64_t sequence = 0;  // the anchored entry (0: an empty log, anchored at the genesis)
  std::string hash;           // its hash, 64 lower-case hex characters
  std::string entry_at;       // when that entry was written (UTC, ISO 8601)
  std::string anchored_at;    // when the anchor was taken
  std::string engine;         // "sqlite" | "postgresql"
  std::string database;       // where, without a password

  auth::ChainAnchor chain_anchor() const { return {sequence, hash}; }
};

// The file's text (one JSON object and a newline).
std::string AnchorToJson(const AuditAnchor& anchor);
// InvalidArgument naming what is wrong: not JSON, another format, a sequence below 0, a hash
// that is not 64 hex characters (or not the genesis at sequence 0).
Result<AuditAnchor> AnchorFromJson(std::string_view text);

// Writes the file beside `path` and renames it into place (mode 0644: it holds no personal
// data). NotFound / PermissionDenied / Unavailable as the file system answers.
Status WriteAnchorFile(const std::string& path, const AuditAnchor& anchor);
// NotFound when there is no such file; otherwise as AnchorFromJson.
Result<AuditAnchor> ReadAnchorFile(const std::string& path);

// `database` for an anchor: a database URL with any password removed
// ("postgresql://u:secret@h/db" -> "postgresql://u@h/db").
std::string DatabaseLabel(std::string_view url);

}  // namespace jaring::services
