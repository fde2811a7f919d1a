#include "intake/extract_validator.hpp"

#include <algorithm>

#include "domain/date_format.hpp"
#include "domain/nik.hpp"
#include "intake/values.hpp"

namespace jaring::intake {
namespace {

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) out += static_cast<char>(c | 0x20);
  }
  return out;
}

}  // namespace

std::string_view ExtractKindCode(ExtractKind kind) {
  return kind == ExtractKind::kDeaths ? "deaths" : "members";
}

std::optional<ExtractKind> ExtractKindFromCode(std::string_view code) {
  if (code == "deaths") return ExtractKind::kDeaths;
  if (code == "members") return ExtractKind::kMembers;
  return std::nullopt;
}

std::string ParseSegment(std::string_view text) {
  const std::string key = Lower(text);
  if (key == "pu" || key == "ppu" || key == "penerimaupah" || key == "pekerjapenerimaupah" ||
      key == "wageearner") {
    return "PU";
  }
  if (key == "bpu" || key == "bukanpenerimaupah" || key == "pekerjabukanpenerimaupah" ||
      key == "informal" || key == "nonwageearner") {
    return "BPU";
  }
  return "";
}

Result<ExtractValidator> ExtractValidator::Create(ExtractKind kind, ColumnMapping mapping,
                                                  const domain::RegionIndex& regions,
                                                  std::chrono::year_month_day today,
                                                  bool date1904) {
  std::vector<Field> missing;
  if (!mapping.Has(Field::kNik) && !mapping.Has(Field::kName)) missing.push_back(Field::kNik);
  if (kind == ExtractKind::kDeaths && !mapping.Has(Field::kDeathDate)) {
    missing.push_back(Field::kDeathDate);
  }
  if (kind == ExtractKind::kMembers) {
    if (!mapping.Has(Field::kKpj)) missing.push_back(Field::kKpj);
    if (!mapping.Has(Field::kSegment)) missing.push_back(Field::kSegment);
  }
  if (!missing.empty()) {
    std::string names;
    for (Field f : missing) {
      if (!names.empty()) names += ", ";
      names += FieldLabel(f);
    }
    return Fail(Error::InvalidArgument("Kolom wajib tidak ditemukan: " + names));
  }
  return ExtractValidator(kind, std::move(mapping), regions, today, date1904);
}

ExtractValidator::ExtractValidator(ExtractKind kind, ColumnMapping mapping,
                                   const domain::RegionIndex& regions,
                                   std::chrono::year_month_day today, bool date1904)
    : kind_(kind),
      mapping_(std::move(mapping)),
      regions_(regions),
      today_(today),
      date1904_(date1904) {}

void ExtractValidator::Issue(std::string_view code, Severity severity, Field field,
                             std::string message, std::string_view value) {
  RowIssue issue;
  issue.row = row_->line;
  issue.column = mapping_.ColumnOf(field).value_or(-1);
  issue.field = FieldName(field);
  issue.code = code;
  issue.severity = severity;
  issue.message = std::move(message);
  issue.value = value;
  out_.issues.push_back(std::move(issue));
  if (severity == Severity::kError) out_.accepted = false;
}

const ExtractOutcome& ExtractValidator::Add(const SourceRow& row) {
  row_ = &row;
  out_ = ExtractOutcome{};
  out_.line = row.line;
  ExtractRecord& r = out_.record;
  const auto cell = [&](Field f) {
    const auto column = mapping_.ColumnOf(f);
    return column ? row.At(*column) : SourceCell{};
  };
  const auto text = [&](Field f) { return TrimCell(cell(f).text); };
  const DateOptions date_options{today_, TwoDigitYears::kResolve, date1904_};

  // A date field: ISO text or "", with an error for what cannot be read.
  const auto date = [&](Field f, std::string_view what) -> std::optional<std::string> {
    const DateValue value = ParseDate(cell(f), date_options);
    if (value.problem == DateProblem::kEmpty) return std::string();
    if (value.problem != DateProblem::kNone) {
      Issue(codes::kDateInvalid, Severity::kError, f,
            std::string(what) + " " + Quote(text(f)) + ": " +
                std::string(DateProblemMessage(value.problem)),
            text(f));
      return std::nullopt;
    }
    if (*value.date > today_) {
      Issue(codes::kDateInFuture, Severity::kError, f,
            std::string(what) + " " + Quote(text(f)) + " ada di masa depan", text(f));
      return std::nullopt;
    }
    return domain::FormatIsoDate(*value.date);
  };

  r.name = CollapseSpaces(text(Field::kName));
  const auto birth = date(Field::kBirthDate, "Tanggal lahir");
  if (birth) r.birth_date = *birth;
  if (const std::string_view sex = text(Field::kSex); !sex.empty()) {
    if (const auto parsed = ParseSex(sex)) {
      r.sex = domain::ToCode(*parsed);
    } else {
      Issue(codes::kSexInvalid, Severity::kError, Field::kSex,
            "Jenis kelamin " + Quote(sex) + " tidak dikenali (gunakan L atau P)", sex);
    }
  }

  // NIK: kept as written when it fails its checks (a warning), never a reason to drop the row.
  const std::string_view nik_text = text(Field::kNik);
  bool nik_valid = false;
  if (!nik_text.empty()) {
    domain::NikParseOptions options;
    options.regions = &regions_;
    options.reference_date = today_;
    options.from_numeric_cell = cell(Field::kNik).kind == CellKind::kNumber;
    const domain::NikCheck check = domain::ParseNik(nik_text, options);
    nik_valid = check.ok();
    r.nik = check.info ? check.info->digits : std::string(nik_text);
    if (!check.ok()) {
      Issue(codes::kNikInvalidKept, Severity::kWarning, Field::kNik,
            "NIK " + Quote(nik_text) + " disimpan apa adanya: " +
                std::string(domain::NikIssueMessage(check.issues.front())),
            nik_text);
    }
  }
  if (!nik_valid && (r.name.empty() || r.birth_date.empty())) {
    Issue(codes::kNobodyToLink, Severity::kError, Field::kNik,
          "Baris perlu NIK yang sah, atau nama dan tanggal lahir, agar dapat dicocokkan", nik_text);
  }

  if (kind_ == ExtractKind::kDeaths) {
    const auto death = date(Field::kDeathDate, "Tanggal meninggal");
    if (death && death->empty()) {
      Issue(codes::kRequiredMissing, Severity::kError, Field::kDeathDate,
            "Tanggal meninggal wajib diisi", {});
    } else if (death) {
      r.death_date = *death;
      if (!r.birth_date.empty() && r.death_date < r.birth_date) {
        Issue(codes::kDeathBeforeBirth, Severity::kError, Field::kDeathDate,
              "Tanggal meninggal " + Quote(text(Field::kDeathDate)) + " sebelum tanggal lahir",
              text(Field::kDeathDate));
      }
    }
    if (const std::string_view village = text(Field::kVillageCode); !village.empty()) {
      std::string dotted(village);
      if (dotted.size() == 10 && dotted.find('.') == std::string::npos) {
        dotted = dotted.substr(0, 2) + "." + dotted.substr(2, 2) + "." + dotted.substr(4, 2) + "." +
                 dotted.substr(6);
      }
      const domain::Region* found = regions_.Find(dotted);
      if (found != nullptr && found->level == domain::RegionLevel::kVillage) {
        r.village_code = dotted;
      } else {
        Issue(codes::kVillageUnknown, Severity::kWarning, Field::kVillageCode,
              "Kode desa " + Quote(village) + " tidak dikenal; baris disimpan tanpa desa", village);
      }
    }
  } else {
    const std::string_view kpj = text(Field::kKpj);
    std::string digits;
    for (char c : kpj) {
      if (c >= '0' && c <= '9') digits += c;
    }
    const bool kpj_ok = !kpj.empty() && digits.size() >= 8 && digits.size() <= 13 &&
                        std::ranges::all_of(kpj, [](char c) {
                          return (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '.';
                        });
    if (kpj.empty()) {
      Issue(codes::kRequiredMissing, Severity::kError, Field::kKpj, "No. KPJ wajib diisi", {});
    } else if (!kpj_ok) {
      Issue(codes::kKpjInvalid, Severity::kError, Field::kKpj,
            "No. KPJ " + Quote(kpj) + " harus 8 sampai 13 digit", kpj);
    } else {
      r.kpj = digits;
    }
    const std::string_view segment = text(Field::kSegment);
    r.segment = ParseSegment(segment);
    if (r.segment.empty()) {
      Issue(segment.empty() ? codes::kRequiredMissing : codes::kSegmentInvalid, Severity::kError,
            Field::kSegment,
            segment.empty() ? std::string("Segmen wajib diisi (PU atau BPU)")
                            : "Segmen " + Quote(segment) + " tidak dikenali (gunakan PU atau BPU)",
            segment);
    }
  }

  // The row's identity across versions of this month's extract.
  if (const std::string_view id = text(Field::kSourceId); !id.empty()) {
    r.row_key = "id:" + std::string(id);
  } else if (!r.nik.empty()) {
    r.row_key = "nik:" + r.nik + (kind_ == ExtractKind::kMembers ? ":" + r.kpj : std::string());
  } else {
    r.row_key = "line:" + std::to_string(row.line);
  }
  if (out_.accepted && !keys_.insert(r.row_key).second) {
    Issue(codes::kDuplicateRowInFile, Severity::kError, Field::kSourceId,
          "Baris yang sama sudah ada di berkas ini (" + r.row_key + ")", text(Field::kSourceId));
  }

  ++summary_.read;
  for (const auto& issue : out_.issues) ++summary_.issues[issue.code];
  if (out_.accepted) {
    ++summary_.accepted;
  } else {
    ++summary_.quarantined;
    for (const auto& c : row.cells) out_.original_cells.emplace_back(c.text);
  }
  return out_;
}

}  // namespace jaring::intake
