#include "services/claim_documents.hpp"

#include <sodium.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>

#include "auth/sodium.hpp"
#include "cards/key_file.hpp"

namespace jaring::services::claims {
namespace fs = std::filesystem;
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ExtensionOf(std::string_view content_type) {
  if (content_type == "application/pdf") return "pdf";
  if (content_type == "image/jpeg") return "jpg";
  return "png";
}

std::string Sha256Hex(std::string_view bytes) {
  auth::internal::EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  return auth::internal::Hex(hash);
}

fs::path FileOf(const fs::path& root, std::string_view regency, std::int64_t claim_id,
                std::string_view sha256, std::string_view content_type) {
  return root / std::string(regency) / std::to_string(claim_id) /
         (std::string(sha256) + "." + ExtensionOf(content_type));
}

}  // namespace

std::optional<std::string> SniffDocumentType(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return "image/jpeg";
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return "image/png";
  return std::nullopt;
}

Result<CheckedDocument> CheckDocument(std::string_view file_name, std::string_view bytes) {
  if (bytes.empty()) return Fail(Error::InvalidArgument("Berkas kosong", "file"));
  if (bytes.size() > kMaxDocumentBytes) {
    return Fail(Error::InvalidArgument(
        "Berkas terlalu besar (" + std::to_string(bytes.size() >> 20) + " MB); paling besar " +
            std::to_string(kMaxDocumentBytes >> 20) + " MB",
        "file"));
  }
  const auto type = SniffDocumentType(bytes);
  if (!type) {
    return Fail(Error::InvalidArgument(
        "Isi berkas " + std::string(file_name) + " bukan PDF, JPEG, atau PNG", "file"));
  }
  const std::string ext = Lower(fs::path(std::string(file_name)).extension().string());
  const bool agrees = ext.empty() || (ext == ".pdf" && *type == "application/pdf") ||
                      ((ext == ".jpg" || ext == ".jpeg") && *type == "image/jpeg") ||
                      (ext == ".png" && *type == "image/png");
  if (!agrees) {
    return Fail(Error::InvalidArgument(
        "Nama berkas " + std::string(file_name) + " tidak sesuai isinya (" + *type + ")", "file"));
  }
  return CheckedDocument{*type, ExtensionOf(*type)};
}

fs::path DocumentDirectory() { return cards::KeyDirectory() / "claim-documents"; }

Result<std::string> StoreDocument(const fs::path& root, std::string_view regency,
                                  std::int64_t claim_id, const CheckedDocument& type,
                                  std::string_view bytes) {
  const std::string sha = Sha256Hex(bytes);
  const fs::path file = FileOf(root, regency, claim_id, sha, type.content_type);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) {
    return Fail(Error::Unavailable("Folder berkas klaim tidak dapat dibuat: " +
                                   file.parent_path().string()));
  }
  if (fs::exists(file, ec)) return sha;  // the same content, stored before
  const fs::path temp = file.string() + ".part-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(temp, ec);
      return Fail(Error::Unavailable("Berkas klaim tidak dapat ditulis: " + file.string()));
    }
  }
  fs::rename(temp, file, ec);
  if (ec) {
    fs::remove(temp, ec);
    return Fail(Error::Unavailable("Berkas klaim tidak dapat disimpan: " + file.string()));
  }
  return sha;
}

Result<std::string> ReadDocument(const fs::path& root, std::string_view regency,
                                 std::int64_t claim_id, std::string_view sha256,
                                 std::string_view content_type) {
  const fs::path file = FileOf(root, regency, claim_id, sha256, content_type);
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::NotFound("Berkas klaim tidak ada: " + file.filename().string()));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string data = std::move(bytes).str();
  if (Sha256Hex(data) != sha256) {
    return Fail(
        Error::Internal("Berkas klaim berubah sejak diunggah: " + file.filename().string()));
  }
  return data;
}

}  // namespace jaring::services::claims
