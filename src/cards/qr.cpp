#include "cards/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace jaring::cards {

Result<formats::PdfCodeMatrix> EncodeQr(std::string_view text) {
  if (text.empty()) return Fail(Error::InvalidArgument("Kode QR tanpa isi"));
  const std::string data(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(data.size()),
                        reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) {
    if (errno == ERANGE) return Fail(Error::InvalidArgument("Isi terlalu panjang untuk kode QR"));
    return Fail(Error::Internal("Kode QR tidak dapat dibuat", "QRcode_encodeData"));
  }
  formats::PdfCodeMatrix matrix;
  matrix.size = code->width;
  matrix.modules.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < matrix.modules.size(); ++i) {
    matrix.modules[i] = (code->data[i] & 1) != 0 ? 1 : 0;  // bit 0: dark; the rest says why
  }
  return matrix;
}

}  // namespace jaring::cards
