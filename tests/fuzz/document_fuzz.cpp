// Fuzz target for the check of a claim's uploaded document (services/claim_documents.hpp):
// CheckDocument sniffs PDF, JPEG or PNG from the first bytes, limits the size and compares the
// name's extension with the content; the name is first made safe as every upload name is
// (formats::SafeFileName, through http::UploadFileName).
//
// Input: the first byte is the name's length n, the next n bytes the name as sent, the rest
// the file. Beyond "does not crash": an accepted file is non-empty, within kMaxDocumentBytes,
// sniffs as the type accepted, its stored extension belongs to that type, and a name whose
// extension names another type is refused; a refusal is InvalidArgument naming the file field.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "formats/file_name.hpp"
#include "services/claim_documents.hpp"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

std::string LowerExtension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(name.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace claims = jaring::services::claims;
  if (size == 0) return 0;
  const std::size_t name_length = std::min<std::size_t>(data[0], size - 1);
  const std::string_view sent(reinterpret_cast<const char*>(data + 1), name_length);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1 + name_length),
                               size - 1 - name_length);
  const std::string name = jaring::formats::SafeFileName(sent, "");
  auto checked = claims::CheckDocument(name, bytes);
  if (!checked) {
    Check(checked.error().code == jaring::ErrorCode::kInvalidArgument);
    Check(!checked.error().message.empty());
    return 0;
  }
  Check(!bytes.empty() && bytes.size() <= claims::kMaxDocumentBytes);
  const auto sniffed = claims::SniffDocumentType(bytes);
  Check(sniffed && *sniffed == checked->content_type);
  const std::string& type = checked->content_type;
  Check((type == "application/pdf" && checked->extension == "pdf") ||
        (type == "image/jpeg" && checked->extension == "jpg") ||
        (type == "image/png" && checked->extension == "png"));
  const std::string ext = LowerExtension(name);
  if (ext == ".pdf") Check(type == "application/pdf");
  if (ext == ".png") Check(type == "image/png");
  if (ext == ".jpg" || ext == ".jpeg") Check(type == "image/jpeg");
  return 0;
}
