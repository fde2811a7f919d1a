// Design notes
//
// Order of work in Validate, chosen so each step has what it needs:
//   birth place/date (incl. the combined TTL column) -> sex -> NIK (needs the entered birth
//   date for its century) -> agreement and filling from the NIK -> age -> name -> village ->
//   address -> occupation -> phone -> KK.
// The outcome object is reused across rows: strings are assigned, vectors cleared, so after
// the first rows the hot path allocates only for what the domain's ParseNik returns and for
// issues. Quarantine copies the cells only for rows that have an error.
#include "intake/row_validator.hpp"

#include <algorithm>

#include "domain/date_format.hpp"
#include "domain/nik.hpp"

namespace jaring::intake {
namespace {

using domain::NikIssue;
using domain::Sex;

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string Pad3(std::string_view digits) {
  std::string out(digits);
  while (out.size() < 3) out.insert(out.begin(), '0');
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

bool ContainsWordIgnoreCase(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) return false;
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i) {
    bool same = true;
    for (std::size_t k = 0; k < word.size() && same; ++k) {
      char c = text[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == word[k];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

bool RowOutcome::HasErrors() const {
  return std::ranges::any_of(issues,
                             [](const RowIssue& i) { return i.severity == Severity::kError; });
}

Status CheckOptions(const ValidationOptions& options, const domain::RegionIndex& regions) {
  const domain::Region* regency = regions.Find(options.regency_code);
  if (regency == nullptr || regency->level != domain::RegionLevel::kRegency) {
    return Fail(Error::InvalidArgument("Kode kabupaten/kota tidak dikenal",
                                       "regency_code '" + options.regency_code + "'"));
  }
  if (!options.reference_date.ok()) {
    return Fail(Error::InvalidArgument("Tanggal acuan tidak valid", "reference_date not ok()"));
  }
  if (options.min_age < 0 || options.max_age <= options.min_age) {
    return Fail(
        Error::InvalidArgument("Rentang umur program tidak valid", "need 0 <= min_age < max_age"));
  }
  if (!options.default_village_code.empty()) {
    const domain::Region* village = regions.Find(options.default_village_code);
    if (village == nullptr || village->level != domain::RegionLevel::kVillage ||
        !village->code.starts_with(options.regency_code + ".")) {
      return Fail(
          Error::InvalidArgument("Desa bawaan tidak ada di kabupaten/kota ini",
                                 "default_village_code '" + options.default_village_code + "'"));
    }
  }
  return {};
}

RowValidator::RowValidator(ColumnMapping mapping, const domain::RegionIndex& regions,
                           ValidationOptions options)
    : mapping_(std::move(mapping)),
      regions_(regions),
      options_(std::move(options)),
      resolver_(regions, options_.regency_code) {
  JARING_ASSERT(CheckOptions(options_, regions_).has_value(),
                "RowValidator needs checked options (see CheckOptions)");
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    column_[f] = mapping_.ColumnOf(static_cast<Field>(f)).value_or(-1);
  }
  int width = mapping_.column_count;
  for (const auto& u : mapping_.unmapped) width = std::max(width, u.column + 1);
  extra_headers_.assign(static_cast<std::size_t>(width), std::string());
  for (const auto& u : mapping_.unmapped) {
    extra_headers_[static_cast<std::size_t>(u.column)] =
        u.header.empty() ? "kolom " + std::to_string(u.column + 1) : u.header;
  }
}

Severity RowValidator::SeverityOf(std::string_view code, Severity fallback) const {
  for (const auto& [c, severity] : options_.severity_overrides) {
    if (c == code) return severity;
  }
  return fallback;
}

void RowValidator::AddIssue(RowOutcome& out, const SourceRow& row, std::string_view code,
                            Severity severity, int column, std::string_view field,
                            std::string message, std::string_view value) const {
  RowIssue issue;
  issue.row = row.line;
  issue.column = column;
  issue.field = field;
  issue.code = code;
  issue.severity = SeverityOf(code, severity);
  issue.message = std::move(message);
  issue.value = value;
  const bool error = issue.severity == Severity::kError;
  out.issues.push_back(std::move(issue));
  if (error && out.accepted) Quarantine(out, row);
}

void RowValidator::Quarantine(RowOutcome& out, const SourceRow& row) const {
  out.accepted = false;
  out.original_cells.clear();
  for (const auto& cell : row.cells) out.original_cells.emplace_back(cell.text);
  out.extras.clear();
}

void RowValidator::Validate(const SourceRow& row, RowOutcome& out) {
  out.line = row.line;
  out.accepted = true;  // until an error says otherwise
  out.issues.clear();
  out.original_cells.clear();
  out.extras.clear();
  out.source_id.clear();
  out.same_as_line = out.conflicts_with_line = 0;
  domain::Worker& w = out.worker;
  w.id = 0;
  w.regency_code = options_.regency_code;
  w.source = options_.source;
  w.status = options_.status;

  const auto col = [&](Field f) { return column_[static_cast<std::size_t>(f)]; };
  const auto cell = [&](Field f) { return row.At(col(f)); };
  const auto text = [&](Field f) { return TrimCell(row.At(col(f)).text); };
  const auto issue = [&](std::string_view code, Severity severity, Field f, std::string message,
                         std::string_view value) {
    AddIssue(out, row, code, severity, col(f), FieldName(f), std::move(message), value);
  };
  const auto required = [&](Field f) {
    issue(codes::kRequiredMissing, Severity::kError, f, std::string(FieldLabel(f)) + " wajib diisi",
          {});
  };

  if (row.encoding_guessed) {
    AddIssue(out, row, codes::kEncodingGuessed, Severity::kError, -1, "",
             "Baris ini bukan UTF-8 seperti baris lain di berkas; dibaca sebagai Windows-1252. "
             "Periksa ejaannya lalu simpan berkas sebagai CSV UTF-8",
             "");
  }
  if (col(Field::kSourceId) >= 0) out.source_id.assign(text(Field::kSourceId));
  w.source_id = out.source_id;

  // ---- Birth place and date (separate columns, or "Tempat, Tanggal Lahir").
  std::string_view place_text = text(Field::kBirthPlace);
  SourceCell date_cell = cell(Field::kBirthDate);
  Field date_field = Field::kBirthDate;
  if (col(Field::kBirthPlaceDate) >= 0) {
    const PlaceAndDate ttl = SplitPlaceAndDate(text(Field::kBirthPlaceDate));
    if (place_text.empty()) place_text = ttl.place;
    if (TrimCell(date_cell.text).empty() && !ttl.date.empty()) {
      date_cell = {ttl.date, CellKind::kText};
      date_field = Field::kBirthPlaceDate;
    } else if (col(Field::kBirthDate) < 0) {
      date_field = Field::kBirthPlaceDate;
    }
  }
  w.birth_place = DisplayCaseName(place_text);
  const DateOptions date_options{options_.reference_date, options_.two_digit_years,
                                 options_.date1904};
  const DateValue birth = ParseDate(date_cell, date_options);
  std::optional<std::chrono::year_month_day> birth_date = birth.date;
  if (birth.problem != DateProblem::kNone && birth.problem != DateProblem::kEmpty) {
    issue(codes::kDateInvalid, Severity::kError, date_field,
          "Tanggal lahir " + Quote(TrimCell(date_cell.text)) + ": " +
              std::string(DateProblemMessage(birth.problem)),
          TrimCell(date_cell.text));
  } else if (birth.two_digit_year) {
    issue(codes::kDateTwoDigitYear, Severity::kWarning, date_field,
          "Tahun lahir ditulis 2 digit, dibaca sebagai " + domain::FormatIsoDate(*birth.date),
          TrimCell(date_cell.text));
  }
  const bool birth_blank = birth.problem == DateProblem::kEmpty;

  // ---- Sex.
  const std::string_view sex_text = text(Field::kSex);
  std::optional<Sex> sex;
  if (!sex_text.empty()) {
    sex = ParseSex(sex_text);
    if (!sex) {
      issue(codes::kSexInvalid, Severity::kError, Field::kSex,
            "Jenis kelamin " + Quote(sex_text) + " tidak dikenali (gunakan L atau P)", sex_text);
    }
  }

  // ---- NIK.
  const SourceCell nik_cell = cell(Field::kNik);
  const std::string_view nik_text = TrimCell(nik_cell.text);
  if (nik_text.empty()) {
    required(Field::kNik);
    w.nik.clear();
  } else {
    domain::NikParseOptions nik_options;
    nik_options.regions = &regions_;
    nik_options.entered_birth_date = birth_date;
    nik_options.reference_date = options_.reference_date;
    nik_options.from_numeric_cell = nik_cell.kind == CellKind::kNumber;
    domain::NikCheck nik = domain::ParseNik(nik_text, nik_options);
    for (NikIssue problem : nik.issues) {
      issue(domain::NikIssueCode(problem), Severity::kError, Field::kNik,
            std::string(domain::NikIssueMessage(problem)), nik_text);
    }
    w.nik = std::move(nik.cleaned);
    const bool sound = nik.info && nik.info->birth_date && !nik.Has(NikIssue::kBadDate) &&
                       !nik.Has(NikIssue::kExcelRounded) && !nik.Has(NikIssue::kScientificNotation);
    if (sound) {
      const domain::NikInfo& info = *nik.info;
      if (sex && *sex != info.sex) {
        issue(codes::kNikSexMismatch, Severity::kError, Field::kSex,
              "Jenis kelamin " + std::string(domain::ToCode(*sex)) +
                  " tidak sesuai NIK (NIK: " + std::string(domain::ToCode(info.sex)) + ")",
              sex_text);
      }
      if (birth_date) {
        const auto agreement = domain::NikAgreesWith(info, sex.value_or(info.sex), *birth_date);
        if (!agreement.birth_date_agrees) {
          issue(codes::kNikBirthdateMismatch, Severity::kError, date_field,
                "Tanggal lahir " + domain::FormatIsoDate(*birth_date) +
                    " tidak sesuai NIK (NIK: " + domain::FormatIsoDate(*info.birth_date) + ")" +
                    (agreement.day_month_swapped ? "; tanggal dan bulan tertukar?" : ""),
                TrimCell(date_cell.text));
        }
      } else if (birth_blank && options_.fill_from_nik) {
        birth_date = info.birth_date;
        issue(codes::kNikFilledBirthdate, Severity::kWarning, date_field,
              "Tanggal lahir kosong, diisi dari NIK: " + domain::FormatIsoDate(*birth_date), {});
      }
      if (!sex && sex_text.empty() && options_.fill_from_nik) {
        sex = info.sex;
        issue(codes::kNikFilledSex, Severity::kWarning, Field::kSex,
              "Jenis kelamin kosong, diisi dari NIK: " + std::string(domain::ToCode(info.sex)), {});
      }
    }
  }
  if (!birth_date && birth_blank) required(date_field);
  if (!sex && sex_text.empty()) required(Field::kSex);
  w.sex = sex.value_or(Sex::kMale);
  w.birth_date = birth_date.value_or(std::chrono::year_month_day{});

  // ---- Age.
  if (birth_date) {
    const int age = domain::AgeInYears(*birth_date, options_.reference_date);
    if (age < 0) {
      // Impossible: the row cannot be stored reliably.
      issue(codes::kDateInvalid, Severity::kError, date_field,
            "Tanggal lahir " + domain::FormatIsoDate(*birth_date) + " ada di masa depan",
            TrimCell(date_cell.text));
    } else if (age < options_.min_age || age >= options_.max_age) {
      // Eligibility belongs to programs, not to the list: the person is recorded as sent and
      // the village learns why they are not covered.
      issue(codes::kAgeOutOfRange, Severity::kWarning, date_field,
            "Umur " + std::to_string(age) + " tahun di luar rentang program " +
                std::to_string(options_.min_age) + "-" + std::to_string(options_.max_age - 1) +
                " tahun: tetap dicatat, tidak memenuhi syarat program",
            TrimCell(date_cell.text));
    }
  }

  // ---- Name.
  const std::string_view raw_name = row.At(col(Field::kName)).text;
  w.name_original.assign(raw_name);
  if (TrimCell(raw_name).empty()) {
    required(Field::kName);
    w.name.clear();
  } else {
    w.name = DisplayCaseName(raw_name);
  }

  // ---- Village.
  w.village_code.clear();
  const std::string_view code_text = text(Field::kVillageCode);
  const std::string_view village_text = text(Field::kVillage);
  const VillageResolution* where = nullptr;
  Field village_field = Field::kVillage;
  if (!code_text.empty()) {
    where = &resolver_.ResolveCode(code_text);
    village_field = Field::kVillageCode;
  } else if (!village_text.empty()) {
    where = &resolver_.ResolveNames(village_text, text(Field::kDistrict));
  } else if (!options_.default_village_code.empty()) {
    where = &resolver_.ResolveCode(options_.default_village_code);
  } else {
    required(Field::kVillage);
  }
  if (where != nullptr) {
    for (const RegionFinding& finding : where->findings) {
      const Field f = finding.about_district ? Field::kDistrict : village_field;
      issue(finding.code, finding.severity, f, finding.message, text(f));
    }
    if (where->village) w.village_code = where->village->code;
  }

  // ---- Address: alamat, dusun, RT/RW joined as the roster writes them.
  w.address = CollapseSpaces(text(Field::kAddress));
  if (const std::string_view dusun = text(Field::kDusun); !dusun.empty()) {
    if (!ContainsWordIgnoreCase(w.address, "dusun") && !ContainsWordIgnoreCase(w.address, "dsn")) {
      if (!w.address.empty()) w.address += ", ";
      const bool prefixed =
          ContainsWordIgnoreCase(dusun, "dusun") || ContainsWordIgnoreCase(dusun, "dsn");
      if (!prefixed) w.address += "Dusun ";
      w.address += CollapseSpaces(dusun);
    }
  }
  std::string_view rt = text(Field::kRt), rw = text(Field::kRw);
  if (const std::string_view rt_rw = text(Field::kRtRw); !rt_rw.empty() && rt.empty()) {
    const auto split = rt_rw.find_first_of("/-");
    if (split != std::string_view::npos) {
      rt = TrimCell(rt_rw.substr(0, split));
      rw = TrimCell(rt_rw.substr(split + 1));
    }
  }
  if ((!rt.empty() || !rw.empty()) && !ContainsWordIgnoreCase(w.address, "rt")) {
    if (!rt.empty()) {
      if (!w.address.empty()) w.address += ' ';
      w.address += "RT ";
      w.address += AllDigits(rt) ? Pad3(rt) : std::string(rt);
    }
    if (!rw.empty()) {
      if (!w.address.empty()) w.address += ' ';
      w.address += "RW ";
      w.address += AllDigits(rw) ? Pad3(rw) : std::string(rw);
    }
  }

  // ---- Occupation.
  const std::string_view occupation_text = text(Field::kOccupation);
  if (const domain::Occupation* occupation = MatchOccupationLoose(occupation_text)) {
    w.occupation.assign(occupation->code);
  } else {
    w.occupation.assign("lainnya");
    if (occupation_text.empty()) {
      issue(codes::kOccupationMissing, Severity::kWarning, Field::kOccupation,
            "Pekerjaan kosong, dicatat sebagai pekerja informal lainnya", {});
    } else {
      issue(codes::kOccupationUnknown, Severity::kWarning, Field::kOccupation,
            "Pekerjaan " + Quote(occupation_text) +
                " tidak dikenali, dicatat sebagai pekerja informal lainnya",
            occupation_text);
    }
  }

  // ---- Phone.
  w.phone.clear();
  if (const std::string_view phone_text = text(Field::kPhone); !phone_text.empty()) {
    PhoneValue phone = ParsePhone(phone_text);
    if (phone.problem == PhoneProblem::kNone) {
      w.phone = std::move(phone.e164);
    } else {
      issue(codes::kPhoneInvalid, Severity::kWarning, Field::kPhone,
            std::string(PhoneProblemMessage(phone.problem)) + ": " + Quote(phone_text) +
                " (tidak disimpan)",
            phone_text);
    }
  }

  // ---- KK.
  w.kk.clear();
  if (const SourceCell kk_cell = cell(Field::kKk); !TrimCell(kk_cell.text).empty()) {
    domain::KkCheck kk =
        domain::ParseKk(kk_cell.text, &regions_, kk_cell.kind == CellKind::kNumber);
    if (kk.ok()) {
      w.kk = std::move(kk.cleaned);
    } else {
      for (domain::KkIssue problem : kk.issues) {
        issue(domain::KkIssueCode(problem), Severity::kWarning, Field::kKk,
              std::string(domain::KkIssueMessage(problem)) + " (No. KK tidak disimpan)",
              TrimCell(kk_cell.text));
      }
    }
  }

  // ---- Unmapped cells travel with an accepted row.
  if (out.accepted) {
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const bool beyond = c >= extra_headers_.size();
      if (!beyond && extra_headers_[c].empty()) continue;
      const std::string_view value = TrimCell(row.cells[c].text);
      if (value.empty()) continue;
      out.extras.emplace_back(beyond ? "kolom " + std::to_string(c + 1) : extra_headers_[c],
                              std::string(value));
    }
  }
}

}  // namespace jaring::intake
