// CrossRegencyIndex: finds the people of one regency whom another regency of the same
// installation also registers, without either regency seeing the other's record.
//
// Every person is reduced to a few keyed encodings (BLAKE2b with a key drawn at random for each
// check and never stored) of the fields that identify a person: the NIK with the birth date, the
// NIK with the name's phonetic key, the NIK's region-and-birth-date part with the name's key, and
// the name's key with birth date and sex. Only encodings are compared, and only the other
// regency's code comes out: the other regency's NIK, name or anything else never leaves this
// class, and no encoding outlives it. Rules (a match needs one):
//   1. same NIK and same birth date                                    (confidence 0.99)
//   2. same NIK and same name key                                      (0.99)
//   3. same first 12 NIK digits (region + birth date) and same name key (0.95)
//   4. same name key, birth date and sex, where one of the two has no valid NIK (0.90)
// Thread safety: Add* before Find*; Find may then be called from several threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jaring::services {

struct PersonFields {
  std::string_view nik, name, sex, birth_date;  // birth_date ISO or ""
};

struct CrossRegencyMatch {
  std::string regency_code;
  int rule = 0;  // 1..4 as above
  double confidence = 0;
};

class CrossRegencyIndex {
 public:
  CrossRegencyIndex();  // draws the key
  CrossRegencyIndex(const CrossRegencyIndex&) = delete;
  CrossRegencyIndex& operator=(const CrossRegencyIndex&) = delete;

  // A person registered by `regency_code` (not the regency being checked).
  void Add(std::string_view regency_code, const PersonFields& person);
  // The first rule (in order) under which another regency registers this person, or nullopt.
  std::optional<CrossRegencyMatch> Find(const PersonFields& person) const;
  std::size_t size() const { return people_; }

 private:
  struct Encodings {
    std::optional<std::uint64_t> nik_birth, nik_name, nik12_name, name_birth_sex;
    bool valid_nik = false;
  };
  Encodings Encode(const PersonFields& person) const;
  std::uint64_t Hash(std::string_view tag, std::string_view a, std::string_view b = {},
                     std::string_view c = {}) const;
  std::uint16_t RegencyIndex(std::string_view code);

  std::array<unsigned char, 32> key_{};
  std::vector<std::string> regencies_;
  // encoding -> regency index; rule 4 keeps two maps (with and without a valid NIK).
  std::unordered_map<std::uint64_t, std::uint16_t> nik_birth_, nik_name_, nik12_name_,
      name_birth_sex_with_nik_, name_birth_sex_without_nik_;
  std::size_t people_ = 0;
};

}  // namespace jaring::services
