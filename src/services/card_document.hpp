// The face of a membership card: what CardService prints for one worker (name, masked NIK, KPJ,
// program, the period in Indonesian, the regency and the QR code of the signed token), as the
// PDF formats/pdf_card_sheet.hpp draws. Internal to services; pure apart from the fonts.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "formats/pdf_card_sheet.hpp"

namespace jaring::services {

struct CardFace {
  std::int64_t card_id = 0;
  std::string regency_code;
  std::string name, nik, kpj;  // the NIK is masked here, never printed whole
  std::string program;
  std::string start_date, end_date;  // "YYYY-MM-DD"
  std::string token;
};

// "September 2025 – Desember 2025" for "2025-09-01" .. "2025-12-31" (the dates as given when
// they do not parse).
std::string CardPeriod(std::string_view start_date, std::string_view end_date);

// The PDF of the faces, in order. Errors: those of formats::RenderCardsPdf and cards::EncodeQr.
Result<std::string> RenderCardFaces(const std::vector<CardFace>& faces,
                                    formats::PdfCardLayout layout,
                                    std::chrono::sys_seconds created);

}  // namespace jaring::services
