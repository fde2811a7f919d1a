#include "cli/match_commands.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/progress.hpp"
#include "formats/csv.hpp"
#include "matching/engine.hpp"

namespace jaring::cli {
namespace {

using matching::MatchOptions;
using matching::MatchResult;
using matching::RecordTable;
using matching::Spec;

struct MatchArgs {
  std::vector<std::string> inputs;
  std::string out;
  std::string spec_path;
  std::string clusters;
  std::string model_path;
  std::string labels_path;
  std::string report_path;
  double threshold = -1;
  int threads = 0;
  bool explain = false;
  bool one_to_one = false;
};

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::NotFound("berkas tidak ditemukan: " + path, path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<std::vector<std::string>> ReadHeader(const std::string& path) {
  auto reader = formats::CsvReader::Open(path);
  if (!reader) return Fail(reader.error());
  return reader->header();
}

// Reads the columns the spec needs; cells past a short row's end are missing (empty).
Result<RecordTable> ReadTable(const std::string& path, const Spec& spec) {
  auto reader = formats::CsvReader::Open(path);
  if (!reader) return Fail(reader.error());
  const auto& header = reader->header();
  RecordTable table;
  std::vector<int> source;
  int id_col = -1;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == spec.id_column) id_col = static_cast<int>(c);
  }
  if (id_col < 0) return Fail(Error::InvalidArgument("kolom id tidak ada di " + path));
  for (const auto& name : spec.RequiredColumns()) {
    if (name == spec.id_column) continue;
    int index = -1;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c] == name) index = static_cast<int>(c);
    }
    if (index < 0) return Fail(Error::InvalidArgument("kolom " + name + " tidak ada di " + path));
    table.AddColumn(name);
    source.push_back(index);
  }
  Progress progress("membaca " + std::filesystem::path(path).filename().string(),
                    reader->total_bytes());
  formats::CsvRow row;
  std::uint64_t rows = 0;
  while (reader->Next(row)) {
    auto cell = [&](int c) {
      return c < static_cast<int>(row.size()) ? row[static_cast<std::size_t>(c)]
                                              : std::string_view();
    };
    table.ids.Append(cell(id_col));
    for (std::size_t k = 0; k < source.size(); ++k) table.columns[k].Append(cell(source[k]));
    if ((++rows & 0xffff) == 0) progress.Set(reader->bytes_read());
  }
  if (!reader->status()) return Fail(reader->status().error());
  progress.Set(reader->total_bytes());
  progress.Finish();
  return table;
}

Result<Spec> ResolveSpec(const MatchArgs& args,
                         const std::vector<std::vector<std::string>>& headers) {
  Spec spec = matching::RosterSpec();
  if (!args.spec_path.empty()) {
    auto text = ReadWholeFile(args.spec_path);
    if (!text) return Fail(text.error());
    auto parsed = matching::ParseSpec(*text);
    if (!parsed) return Fail(parsed.error());
    spec = std::move(*parsed);
  }
  // The roster, death and membership extracts share the roster spec's field names; a file with
  // another header simply loses the fields it lacks.
  return matching::RestrictToColumns(spec, headers);
}

Result<std::vector<matching::LabelledPair>> ReadLabels(const std::string& path) {
  auto table = formats::ReadCsvTable(path);
  if (!table) return Fail(table.error());
  if (table->header.size() < 3) {
    return Fail(Error::InvalidArgument("berkas label perlu kolom left_id,right_id,match"));
  }
  std::vector<matching::LabelledPair> out;
  for (const auto& r : table->rows) {
    if (r.cells.size() < 3) continue;
    const std::string& v = r.cells[2];
    out.push_back({r.cells[0], r.cells[1], v == "1" || v == "1.0" || v == "true" || v == "yes"});
  }
  return out;
}

Status WritePairs(const std::string& path, const MatchResult& result, const RecordTable& left,
                  const RecordTable& right, bool explain,
                  const std::vector<matching::ScoredPair>& pairs,
                  const std::vector<std::size_t>& source_index) {
  auto writer = formats::CsvWriter::Create(path);
  if (!writer) return Fail(writer.error());
  const auto& fields = result.model.fields;
  std::vector<std::string> header = {"left_id", "right_id", "probability"};
  if (explain) {
    header.push_back("match_weight");
    for (const auto& f : fields) {
      header.push_back(f.name + "_level");
      header.push_back(f.name + "_weight");
    }
  }
  writer->WriteRow(header);
  char buf[32];
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto& p = pairs[k];
    writer->Cell(left.ids[p.a]).Cell(right.ids[p.b]);
    std::snprintf(buf, sizeof buf, "%.6f", p.probability);
    writer->Cell(std::string_view(buf));
    if (explain) {
      std::snprintf(buf, sizeof buf, "%.3f", p.weight);
      writer->Cell(std::string_view(buf));
      const std::size_t src = source_index[k];
      for (std::size_t f = 0; f < fields.size(); ++f) {
        int level = result.levels[src * fields.size() + f];
        writer->Cell(fields[f].labels[static_cast<std::size_t>(level)]);
        std::snprintf(buf, sizeof buf, "%.3f", result.weights[src * fields.size() + f]);
        writer->Cell(std::string_view(buf));
      }
    }
    writer->EndRow();
  }
  return writer->Close();
}

Status WriteReport(const std::string& path, const MatchResult& r, std::size_t rows) {
  nlohmann::json j;
  j["rows"] = rows;
  j["candidate_pairs"] = r.candidate_pairs;
  j["output_pairs"] = r.pairs.size();
  j["threshold"] = r.threshold;
  j["seconds"] = {{"prepare", r.seconds.prepare},
                  {"blocking", r.seconds.blocking},
                  {"compare", r.seconds.compare},
                  {"estimate", r.seconds.estimate},
                  {"score", r.seconds.score}};
  j["cpu_seconds"] = {{"prepare", r.cpu_seconds.prepare},
                      {"blocking", r.cpu_seconds.blocking},
                      {"compare", r.cpu_seconds.compare},
                      {"estimate", r.cpu_seconds.estimate},
                      {"score", r.cpu_seconds.score}};
  j["em"] = {{"iterations", r.em.iterations},
             {"converged", r.em.converged},
             {"distinct_patterns", r.em.distinct_patterns},
             {"pairs", r.em.pairs}};
  j["lambda"] = r.model.lambda;
  j["blocking"] = nlohmann::json::array();
  for (const auto& s : r.blocking) {
    j["blocking"].push_back({{"rule", s.rule},
                             {"keyed_records", s.keyed_records},
                             {"blocks", s.blocks},
                             {"largest_block", s.largest_block},
                             {"oversized_blocks", s.oversized_blocks},
                             {"new_pairs", s.new_pairs}});
  }
  std::ofstream out(path);
  out << j.dump(2) << "\n";
  if (!out) return Fail(Error::Unavailable("gagal menulis laporan " + path));
  return {};
}

Status Run(const MatchArgs& args, bool link) {
  std::vector<std::vector<std::string>> headers;
  for (const auto& in : args.inputs) {
    auto header = ReadHeader(in);
    if (!header) return Fail(header.error());
    headers.push_back(std::move(*header));
  }
  auto spec = ResolveSpec(args, headers);
  if (!spec) return Fail(spec.error());

  auto left = ReadTable(args.inputs[0], *spec);
  if (!left) return Fail(left.error());
  std::optional<RecordTable> right;
  if (link) {
    auto r = ReadTable(args.inputs[1], *spec);
    if (!r) return Fail(r.error());
    right = std::move(*r);
  }

  MatchOptions options;
  if (args.threshold >= 0) options.threshold = args.threshold;
  options.threads = args.threads;
  options.explain = args.explain;
  options.one_to_one = link && args.one_to_one;
  bool save_model = false;
  if (!args.model_path.empty()) {
    if (std::filesystem::exists(args.model_path)) {
      auto text = ReadWholeFile(args.model_path);
      if (!text) return Fail(text.error());
      auto model = matching::Model::FromJson(*text);
      if (!model) return Fail(model.error());
      options.model = std::move(*model);
    } else {
      save_model = true;
    }
  }
  if (!args.labels_path.empty()) {
    auto labels = ReadLabels(args.labels_path);
    if (!labels) return Fail(labels.error());
    options.labels = std::move(*labels);
  }
  std::unique_ptr<Progress> compare, score;
  options.progress = [&](std::string_view stage, std::uint64_t advance, std::uint64_t total) {
    auto& bar = stage == "compare" ? compare : score;
    // Created on first use by whichever worker gets there; creation is rare, so a static
    // mutex is enough.
    static std::mutex mutex;
    {
      std::lock_guard lock(mutex);
      if (!bar)
        bar = std::make_unique<Progress>(stage == "compare" ? "membandingkan" : "menilai", total);
    }
    bar->Advance(advance);
  };

  auto result = link ? matching::Link(*left, *right, *spec, options)
                     : matching::Dedupe(*left, *spec, options);
  if (compare) compare->Finish();
  if (score) score->Finish();
  if (!result) return Fail(result.error());

  std::vector<matching::ScoredPair> pairs = result->pairs;
  std::vector<std::size_t> source_index(pairs.size());
  for (std::size_t k = 0; k < pairs.size(); ++k) source_index[k] = k;
  if (auto ok = WritePairs(args.out, *result, *left, link ? *right : *left, args.explain, pairs,
                           source_index);
      !ok) {
    return ok;
  }
  if (!link && !args.clusters.empty()) {
    auto clusters = matching::ClusterPairs(left->rows(), result->pairs, spec->chain_threshold,
                                           spec->max_cluster_size);
    auto writer = formats::CsvWriter::Create(args.clusters);
    if (!writer) return Fail(writer.error());
    writer->WriteRow({"id", "cluster_id"});
    for (std::size_t i = 0; i < clusters.size(); ++i) {
      writer->Cell(left->ids[i]).Cell(left->ids[clusters[i]]).EndRow();
    }
    if (auto ok = writer->Close(); !ok) return ok;
  }
  if (save_model) {
    std::ofstream out(args.model_path);
    out << result->model.ToJson() << "\n";
    if (!out) return Fail(Error::Unavailable("gagal menyimpan model " + args.model_path));
  }
  if (!args.report_path.empty()) {
    auto ok = WriteReport(args.report_path, *result, left->rows() + (right ? right->rows() : 0));
    if (!ok) return ok;
  }
  return {};
}

void AddCommonOptions(CLI::App& sub, MatchArgs& args) {
  sub.add_option("--out", args.out, "Berkas pasangan keluaran (PAIRS.csv)")->required();
  sub.add_option("--spec", args.spec_path, "Spesifikasi kolom dan pembanding (JSON)")
      ->check(CLI::ExistingFile);
  sub.add_option("--threshold", args.threshold, "Ambang probabilitas kecocokan")
      ->check(CLI::Range(0.0, 1.0));
  sub.add_option("--threads", args.threads, "Jumlah thread (0 = semua inti)")
      ->check(CLI::NonNegativeNumber);
  sub.add_flag("--explain", args.explain, "Tambahkan tingkat kecocokan dan bobot tiap kolom");
  sub.add_option("--model", args.model_path,
                 "Model JSON: dipakai bila ada, bila tidak diestimasi lalu disimpan di sini");
  sub.add_option("--report", args.report_path, "Laporan JSON (waktu, jumlah pasangan per aturan)");
}

}  // namespace

void AddDedupeCommand(CLI::App& root, const Environment& /*env*/, CommandAction& action) {
  auto args = std::make_shared<MatchArgs>();
  auto* sub =
      root.add_subcommand("dedupe", "Mencari data ganda dalam satu daftar (find duplicates)");
  auto input = std::make_shared<std::string>();
  sub->add_option("roster", *input, "Daftar CSV")->required()->check(CLI::ExistingFile);
  AddCommonOptions(*sub, *args);
  sub->add_option("--clusters", args->clusters, "Berkas klaster keluaran (id,cluster_id)");
  sub->add_option("--labels", args->labels_path,
                  "Pasangan berlabel left_id,right_id,match untuk melatih model")
      ->check(CLI::ExistingFile);
  sub->callback([args, input, &action] {
    args->inputs = {*input};
    action = [args] { return Run(*args, /*link=*/false); };
  });
}

void AddLinkCommand(CLI::App& root, const Environment& /*env*/, CommandAction& action) {
  auto args = std::make_shared<MatchArgs>();
  auto* sub = root.add_subcommand("link", "Menautkan dua daftar (link two lists)");
  auto left = std::make_shared<std::string>();
  auto right = std::make_shared<std::string>();
  sub->add_option("left", *left, "Daftar kiri (CSV)")->required()->check(CLI::ExistingFile);
  sub->add_option("right", *right, "Daftar kanan (CSV)")->required()->check(CLI::ExistingFile);
  AddCommonOptions(*sub, *args);
  sub->add_flag("--one-to-one", args->one_to_one, "Setiap catatan cocok dengan paling banyak satu");
  sub->callback([args, left, right, &action] {
    args->inputs = {*left, *right};
    action = [args] { return Run(*args, /*link=*/true); };
  });
}

}  // namespace jaring::cli
