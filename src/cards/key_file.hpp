// The installation's card-signing key on disk, outside the database (issue 14, item 4): a copy
// of the database alone can neither forge nor re-sign a card.
//
//   <dir>/card-signing.key   the 32-byte Ed25519 seed, base64; mode 0600
//   <dir>/card-signing.pub   the public key, base64 (what `jaring card verify --key` reads)
//
// LoadOrCreate makes the pair on first use; two processes starting at once agree on one key
// (the secret file is published with link(), which refuses to replace an existing file).
// `dir` defaults to KeyDirectory(): $JARING_DATA_DIR, else "var" (where the default SQLite
// database lives). Failures are values: Unavailable / PermissionDenied from the file system,
// Internal for a key file that does not hold a key. Thread-safe.
#pragma once

#include <filesystem>

#include "cards/token.hpp"
#include "common/error.hpp"

namespace jaring::cards {

inline constexpr const char* kSecretKeyFile = "card-signing.key";
inline constexpr const char* kPublicKeyFile = "card-signing.pub";

// $JARING_DATA_DIR when set and not empty, else "var".
std::filesystem::path KeyDirectory();

// The key pair in `dir`, created (with `dir`) when there is none.
Result<SigningKey> LoadOrCreateSigningKey(const std::filesystem::path& dir);

// A public key file: base64 (standard or URL-safe) of the 32 bytes, surrounding whitespace
// ignored. NotFound when absent, InvalidArgument when it holds no key.
Result<PublicKey> LoadPublicKey(const std::filesystem::path& file);

// Standard base64 of the key (as the .pub file and GET /api/v1/card-key write it).
std::string PublicKeyBase64(const PublicKey& key);

}  // namespace jaring::cards
