// PDF of identity-card-sized cards (ISO/IEC 7810 ID-1, 85.6 x 54 mm): one card per page, or A4
// sheets of ten (two columns of five) with cut marks in the margins. For the membership cards
// of issue 14; what a card says (and which data it may show) is its caller's.
//
// Each card has a title band, label : value rows, and a square 2D code drawn as vector modules
// (so it stays sharp at any print resolution). Text is shaped by Pango in Noto Sans like every
// other PDF jaring writes, and stays selectable. Deterministic: the same cards and creation date
// give the same bytes. Thread-safe (no shared state; each call owns its font map).
#pragma once

#include <string>
#include <vector>

#include "common/error.hpp"
#include "formats/pdf_document.hpp"

namespace jaring::formats {

inline constexpr double kCardWidthMm = 85.6;
inline constexpr double kCardHeightMm = 54.0;
inline constexpr int kCardsPerSheet = 10;

// A square matrix of modules, row by row: dark modules are non-zero. `size` x `size` entries.
struct PdfCodeMatrix {
  int size = 0;
  std::vector<unsigned char> modules;
};

struct PdfCard {
  std::string title;              // bold in the band: "KARTU PESERTA BPJS KETENAGAKERJAAN"
  std::string subtitle;           // under it: "Pemerintah Kabupaten Pasuruan"
  std::vector<PdfKeyValue> rows;  // "Nama" : "...", up to 6 fit; each value on one line
  PdfCodeMatrix code;             // the QR code, drawn at the bottom right
  std::string code_caption;       // small text under the code
  std::string footer;             // small text at the bottom left (the card's serial)
};

enum class PdfCardLayout {
  kSingle,   // one card per page, the page the card's size (for card printers)
  kA4Sheet,  // ten cards per A4 page, cut marks in the margins
};

// Errors: InvalidArgument for no cards, a missing creation date or a code matrix whose module
// count is not size * size; FailedPrecondition when Noto Sans is not installed; Internal when
// cairo fails.
Result<std::string> RenderCardsPdf(const std::vector<PdfCard>& cards, PdfCardLayout layout,
                                   const PdfMetadata& metadata);

}  // namespace jaring::formats
