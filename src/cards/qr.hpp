// QR codes for membership cards, made by libqrencode (Debian's libqrencode-dev): the token in
// byte mode at error-correction level M (15 % of the code may be soiled or creased and it still
// reads), the smallest version that holds it. Pure and thread-safe (libqrencode is reentrant
// when built with pthreads, as Debian's is).
#pragma once

#include <string_view>

#include "common/error.hpp"
#include "formats/pdf_card_sheet.hpp"

namespace jaring::cards {

// The modules of the code for `text`, row by row (1 dark), without the quiet zone.
// InvalidArgument for empty text or text too long for any QR version; Internal when the library
// fails otherwise (out of memory).
Result<formats::PdfCodeMatrix> EncodeQr(std::string_view text);

}  // namespace jaring::cards
