#include "matching/spec.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

namespace jaring::matching {
namespace {

constexpr std::array<std::pair<Comparator, std::string_view>, 10> kComparatorNames = {{
    {Comparator::kNik, "nik"},
    {Comparator::kName, "name"},
    {Comparator::kDate, "date"},
    {Comparator::kSex, "sex"},
    {Comparator::kRegion, "region"},
    {Comparator::kDigits, "digits"},
    {Comparator::kPhone, "phone"},
    {Comparator::kAddress, "address"},
    {Comparator::kString, "string"},
    {Comparator::kExact, "exact"},
}};

BlockingRule Rule(std::initializer_list<std::string_view> keys) {
  BlockingRule rule;
  for (std::string_view k : keys) {
    BlockingKey key;
    auto colon = k.find(':');
    key.field = std::string(k.substr(0, colon));
    if (colon != std::string_view::npos) key.transform = std::string(k.substr(colon + 1));
    if (!rule.name.empty()) rule.name += '+';
    rule.name += std::string(k);
    rule.keys.push_back(std::move(key));
  }
  return rule;
}

Result<BlockingRule> ParseRule(const nlohmann::json& j, const Spec& spec) {
  if (!j.is_array() || j.empty()) {
    return Fail(Error::InvalidArgument("aturan blocking harus berupa daftar kunci",
                                       "blocking rule must be a non-empty array of strings"));
  }
  BlockingRule rule;
  for (const auto& k : j) {
    if (!k.is_string()) return Fail(Error::InvalidArgument("kunci blocking harus teks"));
    std::string text = k.get<std::string>();
    BlockingKey key;
    auto colon = text.find(':');
    key.field = text.substr(0, colon);
    if (colon != std::string::npos) key.transform = text.substr(colon + 1);
    if (spec.FindField(key.field) == nullptr) {
      return Fail(Error::InvalidArgument("kunci blocking menyebut kolom yang tidak ada",
                                         "blocking key names unknown field " + key.field));
    }
    if (!rule.name.empty()) rule.name += '+';
    rule.name += text;
    rule.keys.push_back(std::move(key));
  }
  return rule;
}

}  // namespace

std::string_view ComparatorName(Comparator c) {
  for (auto [k, name] : kComparatorNames) {
    if (k == c) return name;
  }
  return "?";
}

Result<Comparator> ParseComparator(std::string_view name) {
  for (auto [k, n] : kComparatorNames) {
    if (n == name) return k;
  }
  return Fail(Error::InvalidArgument("jenis pembanding tidak dikenal",
                                     "unknown comparator type " + std::string(name)));
}

const FieldSpec* Spec::FindField(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> Spec::RequiredColumns() const {
  std::vector<std::string> out{id_column};
  for (const auto& f : fields) {
    for (const auto& c : f.columns) {
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
  }
  return out;
}

Result<Spec> ParseSpec(std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Fail(
        Error::InvalidArgument("spesifikasi bukan JSON yang sah", "spec is not a JSON object"));
  }
  Spec spec;
  spec.blocking.clear();
  try {
    if (j.contains("id")) spec.id_column = j.at("id").get<std::string>();
    if (!j.contains("fields") || !j.at("fields").is_array() || j.at("fields").empty()) {
      return Fail(Error::InvalidArgument("spesifikasi harus punya daftar fields",
                                         "spec needs a non-empty \"fields\" array"));
    }
    std::set<std::string> names;
    for (const auto& jf : j.at("fields")) {
      FieldSpec f;
      f.name = jf.at("name").get<std::string>();
      if (jf.contains("columns")) {
        f.columns = jf.at("columns").get<std::vector<std::string>>();
      } else if (jf.contains("column")) {
        f.columns = {jf.at("column").get<std::string>()};
      } else {
        f.columns = {f.name};
      }
      auto type = ParseComparator(jf.value("type", std::string("string")));
      if (!type) return Fail(type.error());
      f.comparator = *type;
      f.tf = jf.value("tf", false);
      f.group = jf.value("group", std::string());
      f.required = jf.value("required", false);
      f.key = jf.value("key", false);
      f.nicknames = jf.value("nicknames", false);
      if (f.nicknames && f.comparator != Comparator::kName) {
        return Fail(Error::InvalidArgument("nicknames hanya untuk field nama",
                                           "nicknames applies to name fields only"));
      }
      if (f.columns.empty()) {
        return Fail(
            Error::InvalidArgument("field tanpa kolom", "field " + f.name + " has no columns"));
      }
      names.insert(f.name);
      spec.fields.push_back(std::move(f));
    }
    if (names.size() != spec.fields.size()) {
      return Fail(Error::InvalidArgument("nama field ganda", "duplicate field name"));
    }
    if (spec.fields.size() > 16) {
      return Fail(Error::InvalidArgument("paling banyak 16 field", "at most 16 fields"));
    }
    if (j.contains("blocking")) {
      for (const auto& jr : j.at("blocking")) {
        auto rule = ParseRule(jr, spec);
        if (!rule) return Fail(rule.error());
        spec.blocking.push_back(std::move(*rule));
      }
    }
    spec.threshold = j.value("threshold", spec.threshold);
    spec.max_block_size = j.value("max_block_size", spec.max_block_size);
    spec.window = j.value("window", spec.window);
    spec.chain_threshold = j.value("chain_threshold", spec.chain_threshold);
    spec.max_cluster_size = j.value("max_cluster_size", spec.max_cluster_size);
    spec.seed = j.value("seed", spec.seed);
    spec.u_sample_pairs = j.value("u_sample_pairs", spec.u_sample_pairs);
    if (j.contains("em_estimates_u")) {
      spec.estimator = j.at("em_estimates_u").get<bool>() ? "winkler" : "per_rule";
    }
    spec.estimator = j.value("estimator", spec.estimator);
    spec.max_em_iterations = j.value("max_em_iterations", spec.max_em_iterations);
  } catch (const nlohmann::json::exception& e) {
    return Fail(Error::InvalidArgument("spesifikasi tidak sah", e.what()));
  }
  if (spec.estimator != "random_u" && spec.estimator != "winkler" && spec.estimator != "per_rule") {
    return Fail(Error::InvalidArgument("estimator tidak dikenal",
                                       "estimator must be random_u, winkler or per_rule"));
  }
  if (!(spec.threshold >= 0.0 && spec.threshold <= 1.0) || spec.window < 1 ||
      spec.max_block_size < 2) {
    return Fail(Error::InvalidArgument("nilai spesifikasi di luar batas",
                                       "threshold in [0,1], window >= 1, max_block_size >= 2"));
  }
  return spec;
}

std::string SpecToJson(const Spec& spec) {
  nlohmann::json j;
  j["id"] = spec.id_column;
  j["fields"] = nlohmann::json::array();
  for (const auto& f : spec.fields) {
    j["fields"].push_back({{"name", f.name},
                           {"columns", f.columns},
                           {"type", std::string(ComparatorName(f.comparator))},
                           {"tf", f.tf},
                           {"group", f.group},
                           {"required", f.required},
                           {"key", f.key},
                           {"nicknames", f.nicknames}});
  }
  j["blocking"] = nlohmann::json::array();
  for (const auto& r : spec.blocking) {
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& k : r.keys)
      keys.push_back(k.transform.empty() ? k.field : k.field + ":" + k.transform);
    j["blocking"].push_back(keys);
  }
  j["threshold"] = spec.threshold;
  j["max_block_size"] = spec.max_block_size;
  j["window"] = spec.window;
  j["chain_threshold"] = spec.chain_threshold;
  j["max_cluster_size"] = spec.max_cluster_size;
  j["seed"] = spec.seed;
  j["u_sample_pairs"] = spec.u_sample_pairs;
  j["estimator"] = spec.estimator;
  j["max_em_iterations"] = spec.max_em_iterations;
  return j.dump(2);
}

Spec RosterSpec() {
  Spec spec;
  auto field = [&](std::string name, std::string column, Comparator c, bool tf = false,
                   std::string group = "") {
    spec.fields.push_back({std::move(name), {std::move(column)}, c, tf, std::move(group)});
  };
  field("nik", "nik", Comparator::kNik);
  // The NIK is the primary evidence: two well-formed NIKs in conflict (more than a typo apart,
  // the next serial or the other sex under two names, each agreeing with its own row's birth
  // date; features.hpp) are two people, whatever else agrees (twins, a namesake son).
  spec.fields.back().key = true;
  spec.fields.back().required = true;
  field("name", "name", Comparator::kName, /*tf=*/true);
  spec.fields.back().required = true;
  field("sex", "sex", Comparator::kSex);
  // Listings of one person agree on the sex unless one was mistyped, which an exact NIK shows:
  // most twins that do not look alike by NIK (one NIK missing) are a brother and a sister.
  spec.fields.back().required = true;
  field("birth_date", "birth_date", Comparator::kDate);
  field("village", "village_code", Comparator::kRegion, false, "household");
  field("kk", "kk", Comparator::kDigits, false, "household");
  field("phone", "phone", Comparator::kPhone, false, "household");
  field("address", "address", Comparator::kAddress, false, "household");
  field("birth_place", "birth_place", Comparator::kString);
  spec.blocking = {
      // The exact NIK, not its first 12 digits: those are district and birth date, shared by
      // everyone of a district born that day (52M of 202M candidates at 10M).
      Rule({"nik"}),
      // For damaged NIKs (Excel, a dropped or changed digit): same birth date and sex and the
      // phonetic key of the first or of the last name word (a swapped or abbreviated word
      // keeps the other). Keyed by the initial instead, this rule alone gave 2.2M of the 3.4M
      // candidates of a 1M roster, for no more found duplicates.
      Rule({"birth_date", "sex", "name:phonetic_first"}),
      Rule({"birth_date", "sex", "name:phonetic_last"}),
      Rule({"name:phonetic", "birth_date:year", "village:district"}),
      // The birth year off by one with the NIK missing or damaged (domain.md, "The same person
      // listed twice"): the same name, day and month, in one district (keyed by sex instead,
      // this rule alone gave 1.3M of 2.9M candidates of a 1M roster).
      Rule({"name:phonetic", "birth_date:md", "village:district"}),
      Rule({"kk", "name:initial"}),
      // One village and birth date: the NIK missing and the name changed beyond its phonetic
      // keys (first word only, another Muhammad form, run together).
      Rule({"birth_date", "village"}),
  };
  return spec;
}

std::string_view RecogniseHeader(const std::vector<std::string>& header) {
  std::set<std::string> h(header.begin(), header.end());
  auto has = [&](std::initializer_list<const char*> cols) {
    return std::all_of(cols.begin(), cols.end(), [&](const char* c) { return h.contains(c); });
  };
  if (has({"id", "nik", "name", "sex", "birth_date", "death_date"})) return "deaths";
  if (has({"id", "nik", "name", "birth_date", "kpj"})) return "members";
  if (has({"id", "nik", "kk", "name", "sex", "birth_date", "village_code"})) return "roster";
  return "";
}

Result<Spec> RestrictToColumns(const Spec& spec,
                               const std::vector<std::vector<std::string>>& headers) {
  auto in_all = [&](const std::string& column) {
    return std::all_of(headers.begin(), headers.end(), [&](const auto& header) {
      return std::find(header.begin(), header.end(), column) != header.end();
    });
  };
  if (!in_all(spec.id_column)) {
    return Fail(Error::InvalidArgument("kolom id tidak ditemukan",
                                       "id column '" + spec.id_column + "' missing"));
  }
  Spec out = spec;
  out.fields.clear();
  out.blocking.clear();
  for (const auto& f : spec.fields) {
    if (std::all_of(f.columns.begin(), f.columns.end(), in_all)) out.fields.push_back(f);
  }
  if (out.fields.empty()) {
    return Fail(Error::InvalidArgument("tidak ada kolom yang bisa dibandingkan",
                                       "no field of the spec is present in the input"));
  }
  for (const auto& r : spec.blocking) {
    // A sex key only halves a block: without a sex column the rule keeps its other keys (the
    // membership extract has no sex, and its NIK-less rows must still meet their roster rows).
    BlockingRule kept;
    bool ok = true;
    for (const auto& k : r.keys) {
      if (out.FindField(k.field) != nullptr) {
        if (!kept.name.empty()) kept.name += '+';
        kept.name += k.transform.empty() ? k.field : k.field + ":" + k.transform;
        kept.keys.push_back(k);
      } else {
        const FieldSpec* f = spec.FindField(k.field);
        ok = ok && f != nullptr && f->comparator == Comparator::kSex;
      }
    }
    if (ok && !kept.keys.empty())
      out.blocking.push_back(kept.keys.size() == r.keys.size() ? r : kept);
  }
  if (out.blocking.empty()) {
    // Nothing left to block on: fall back to one rule per remaining field's exact value.
    for (const auto& f : out.fields) {
      out.blocking.push_back(Rule({f.name}));
    }
  }
  return out;
}

}  // namespace jaring::matching
