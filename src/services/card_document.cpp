#include "services/card_document.hpp"

#include <cstdio>

#include "auth/nik_mask.hpp"
#include "cards/qr.hpp"
#include "domain/period.hpp"
#include "domain/region.hpp"

namespace jaring::services {
namespace {

std::string Month(std::string_view date) {
  auto period = domain::Period::Parse(date.substr(0, 7));
  return period ? period->ToIndonesian() : std::string(date);
}

std::string RegencyName(std::string_view code) {
  const domain::Region* region = domain::RegionIndex::Embedded().Find(code);
  return region != nullptr ? region->name : std::string(code);
}

}  // namespace

std::string CardPeriod(std::string_view start_date, std::string_view end_date) {
  return Month(start_date) + " \u2013 " + Month(end_date);
}

Result<std::string> RenderCardFaces(const std::vector<CardFace>& faces,
                                    formats::PdfCardLayout layout,
                                    std::chrono::sys_seconds created) {
  std::vector<formats::PdfCard> cards;
  cards.reserve(faces.size());
  for (const CardFace& face : faces) {
    auto code = cards::EncodeQr(face.token);
    if (!code) return Fail(std::move(code.error()));
    char number[32];
    std::snprintf(number, sizeof number, "%s-%06lld", face.regency_code.c_str(),
                  static_cast<long long>(face.card_id));
    formats::PdfCard card;
    card.title = "KARTU PESERTA BPJS KETENAGAKERJAAN";
    card.subtitle = "Pemerintah " + RegencyName(face.regency_code);
    card.rows = {{"Nama", face.name},
                 {"NIK", auth::MaskNik(face.nik)},
                 {"KPJ", face.kpj},
                 {"Program", face.program},
                 {"Periode", CardPeriod(face.start_date, face.end_date)}};
    card.code = std::move(*code);
    card.code_caption = "Pindai untuk memeriksa";
    card.footer = std::string("No. kartu ") + number;
    cards.push_back(std::move(card));
  }
  formats::PdfMetadata metadata;
  metadata.title = "Kartu peserta BPJS Ketenagakerjaan";
  metadata.subject = "Kartu peserta";
  metadata.created = created;
  return formats::RenderCardsPdf(cards, layout, metadata);
}

}  // namespace jaring::services
