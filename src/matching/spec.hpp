// Spec: which columns the matcher compares, how, and how it finds candidate pairs.
//
// A spec is data (JSON), so a new list format needs no code. The built-in roster spec is the
// default; the civil-registry death extract and the BPJS membership extract are recognised by
// their headers. Fields whose columns are missing from the input are dropped (not compared),
// and blocking rules that need a dropped field are dropped with them.
//
// JSON form (every key but "fields" optional):
//   {"id": "id",
//    "fields": [{"name": "name", "columns": ["name"], "type": "name", "tf": true,
//                "group": "", "required": true, "key": false}, ...],
//    "blocking": [["nik:head12"], ["birth_date", "sex"], ...],
//    "threshold": 0.9, "max_block_size": 1000, "window": 20, "seed": 1, ...}
// Types: nik, name, date, sex, region, digits, phone, address, string, exact.
// Blocking keys are "field" or "field:transform"; see BlockingValue in features.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace jaring::matching {

enum class Comparator {
  kNik,
  kName,
  kDate,
  kSex,
  kRegion,
  kDigits,
  kPhone,
  kAddress,
  kString,
  kExact
};

std::string_view ComparatorName(Comparator c);
Result<Comparator> ParseComparator(std::string_view name);

struct FieldSpec {
  std::string name;                  // unique within the spec; used in model and --explain
  std::vector<std::string> columns;  // input columns, joined with a space when several
  Comparator comparator = Comparator::kString;
  bool tf = false;  // term-frequency adjustment: agreeing on a common value counts less
  // Fields of one group are evidence of the same fact (kk, address, phone and village all say
  // "same household"): of their positive weights only the largest counts, so a twin or a
  // namesake son is not carried by household agreement alone, and of their negative weights
  // only the most negative, so a person who moved (new village, KK, address and phone at once)
  // is not counted as four disagreements.
  std::string group;
  // required: a pair that disagrees outright on this field (level 1) is never judged the same
  // person, unless a key field agrees exactly. Twins share household, birth date and nearly the
  // NIK; only the name tells them apart, and the Fellegi–Sunter sum alone would not listen.
  bool required = false;
  bool key = false;  // exact agreement on a key field (NIK) lifts the `required` veto
  // Name fields: tokens listed as the same given name (Tom = Thomas, Bill = William, John =
  // Jean; domain/nicknames.hpp) count as equal in the token similarity, an initial ("J" = "John")
  // as 0.9. For sources in English and neighbouring languages; off for Indonesian names.
  bool nicknames = false;
};

struct BlockingKey {
  std::string field;      // a FieldSpec name
  std::string transform;  // "" = the field's normalised value
};

struct BlockingRule {
  std::string name;  // e.g. "nik:head12+sex", for the per-rule pair counts
  std::vector<BlockingKey> keys;
};

struct Spec {
  std::string id_column = "id";
  std::vector<FieldSpec> fields;
  std::vector<BlockingRule> blocking;

  double threshold = 0.9;             // pairs with match probability >= threshold are output
  std::size_t max_block_size = 400;   // larger blocks are searched with a sliding window
  std::size_t window = 40;            // sorted-neighbourhood window inside oversized blocks
  double chain_threshold = 0.98;      // clustering: weaker links may not join two clusters
  std::size_t max_cluster_size = 30;  // clustering: no weak link grows a cluster past this
  std::uint64_t seed = 1;             // random pairs for u
  std::size_t u_sample_pairs = 300000;
  // How m, u and λ are estimated without labels (docs/benchmarks.md shows how each fares):
  //   "random_u" (default): u fixed from random pairs, m and λ by EM over the candidates'
  //     pattern histogram with λ on the scale of all pairs (Model::RunEmRandomU).
  //   "winkler": one EM over the candidates that re-estimates u as well, started from u
  //     measured on random pairs, m kept monotone in the level.
  //   "per_rule": u from random pairs, m by EM per blocking rule with the rule's own fields
  //     masked, λ from those sessions (Splink's form).
  // The older JSON key "em_estimates_u" (true = winkler, false = per_rule) is still read.
  std::string estimator = "random_u";
  int max_em_iterations = 200;

  const FieldSpec* FindField(std::string_view name) const;
  // The input columns the spec reads (id first), without duplicates.
  std::vector<std::string> RequiredColumns() const;
};

// Parses the JSON form above. Unknown types, duplicate field names, blocking keys naming no
// field and out-of-range numbers are InvalidArgument.
Result<Spec> ParseSpec(std::string_view json_text);
std::string SpecToJson(const Spec& spec);

// Built-in specs for jaring's own files (issue 2): the canonical roster
// id,nik,kk,name,sex,birth_place,birth_date,address,village_code,occupation,phone; the death
// extract id,nik,name,sex,birth_date,death_date,village_code; the membership extract
// id,nik,name,birth_date,kpj,segment. All three share field names so they link to each other.
Spec RosterSpec();

// Which known file a header is: "roster", "deaths", "members", or "" (unknown).
std::string_view RecogniseHeader(const std::vector<std::string>& header);

// The spec without fields whose columns are not all in every one of `headers`, and without
// blocking rules that use such a field (a rule keyed also on a dropped sex field keeps its
// other keys). InvalidArgument if the id column is missing or no field remains.
Result<Spec> RestrictToColumns(const Spec& spec,
                               const std::vector<std::vector<std::string>>& headers);

}  // namespace jaring::matching
