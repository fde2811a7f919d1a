// Worker and Household: the people a regency covers, as the registry keeps them.
//
// Plain values, no I/O. Every personal record carries the regency that owns it (tenancy).
// Codes are Kemendagri region codes with dots ("35.14.01.2001"); dates are calendar dates.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jaring::domain {

enum class Sex { kMale, kFemale };  // "L" / "P" on Indonesian forms

// Registry status of a worker in the program.
enum class WorkerStatus {
  kActive,     // aktif: covered and billed
  kCandidate,  // calon: registered, not yet enrolled with BPJS
  kSuspended,  // ditangguhkan: held back pending verification
  kDeceased,   // meninggal
  kRemoved,    // dikeluarkan: moved out, aged out, became a wage earner, duplicate
};

struct Worker {
  std::int64_t id = 0;           // registry id, assigned by storage; 0 before insert
  std::string regency_code;      // owner regency, e.g. "35.14" (tenancy key)
  std::string nik;               // 16 digits as entered (may be invalid; see Nik)
  std::string kk;                // family card number, 16 digits or empty
  std::string name;              // display name (trimmed, case-normalised)
  std::string name_original;     // the name exactly as the source wrote it
  Sex sex = Sex::kMale;
  std::string birth_place;
  std::chrono::year_month_day birth_date{};
  std::string address;
  std::string village_code;      // "35.14.01.2001"
  std::string occupation;        // occupation code, see domain/occupation.hpp
  std::string phone;             // normalised "+62…" or empty
  WorkerStatus status = WorkerStatus::kActive;
  std::string source;            // where the record came from ("demo", "Dinas Pertanian", …)
  std::string source_id;         // the record's id in the list it came from ("" when none)
};

// A household is the set of workers sharing a KK number. KK is a household key, never a
// person key: it changes on moves, divorce or the head's death.
struct Household {
  std::string kk;
  std::vector<std::int64_t> worker_ids;
};

// Stable codes as Indonesian forms and the registry write them.
// Sex: "L" (laki-laki) / "P" (perempuan).
std::string_view ToCode(Sex sex);
// Accepts "L"/"P", "Laki-laki"/"Perempuan", "Pria"/"Wanita" and "M"/"F", any case and
// surrounding whitespace; nullopt otherwise.
std::optional<Sex> SexFromCode(std::string_view code);

// WorkerStatus: "aktif", "calon", "ditangguhkan", "meninggal", "dikeluarkan".
std::string_view ToCode(WorkerStatus status);
// Exact codes above (any case, surrounding whitespace ignored); nullopt otherwise.
std::optional<WorkerStatus> WorkerStatusFromCode(std::string_view code);

// Whether a stored record carries something a person should look at: a NIK that is not sound
// (ParseNik, region existence not checked) or that disagrees with the recorded sex or birth date,
// a KK that is given but not sound, no birth date, no name. Storage keeps it in
// workers.has_issues on every insert and update, so it must stay cheap (no allocation-heavy work).
bool RecordHasIssues(const Worker& worker);

}  // namespace jaring::domain
