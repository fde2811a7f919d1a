// `jaring dedupe` and `jaring link`: presenters over services::MatchService. They parse the
// options, show progress on a terminal, and write what the run found: PAIRS.csv (and with
// --explain each field's level and weight), the clusters, the model, a JSON report.
#include "cli/match_commands.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/progress.hpp"
#include "formats/csv.hpp"
#include "services/match_service.hpp"

namespace jaring::cli {
namespace {

using matching::MatchResult;
using matching::RecordTable;

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

Status WritePairs(const std::string& path, const MatchResult& result, const RecordTable& left,
                  const RecordTable& right, bool explain) {
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
  const auto& pairs = result.pairs;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto& p = pairs[k];
    writer->Cell(left.ids[p.a]).Cell(right.ids[p.b]);
    std::snprintf(buf, sizeof buf, "%.6f", p.probability);
    writer->Cell(std::string_view(buf));
    if (explain) {
      std::snprintf(buf, sizeof buf, "%.3f", p.weight);
      writer->Cell(std::string_view(buf));
      for (std::size_t f = 0; f < fields.size(); ++f) {
        int level = result.levels[k * fields.size() + f];
        writer->Cell(fields[f].labels[static_cast<std::size_t>(level)]);
        std::snprintf(buf, sizeof buf, "%.3f", result.weights[k * fields.size() + f]);
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

Status WriteClusters(const std::string& path, const services::MatchOutcome& outcome) {
  auto writer = formats::CsvWriter::Create(path);
  if (!writer) return Fail(writer.error());
  writer->WriteRow({"id", "cluster_id"});
  for (std::size_t i = 0; i < outcome.cluster_of.size(); ++i) {
    writer->Cell(outcome.left.ids[i]).Cell(outcome.left.ids[outcome.cluster_of[i]]).EndRow();
  }
  return writer->Close();
}

// Progress bars per stage, created on first use by whichever worker thread gets there. Reading
// is one bar per file: a file's bar ends when its bytes are all read.
class StageBars {
 public:
  void Advance(std::string_view stage, std::uint64_t advance, std::uint64_t total) {
    if (stage == "read") {  // files are read on the caller's thread, one after the other
      if (!read_) read_ = std::make_unique<Progress>("membaca", total);
      read_->Advance(advance);
      if ((read_done_ += advance) >= total) {
        read_->Finish();
        read_.reset();
        read_done_ = 0;
      }
      return;
    }
    std::unique_ptr<Progress>& bar = stage == "compare" ? compare_ : score_;
    {
      std::lock_guard lock(mutex_);
      if (!bar)
        bar = std::make_unique<Progress>(stage == "compare" ? "membandingkan" : "menilai", total);
    }
    bar->Advance(advance);
  }
  void Finish() {
    for (auto* bar : {&read_, &compare_, &score_}) {
      if (*bar) (*bar)->Finish();
    }
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<Progress> read_, compare_, score_;
  std::uint64_t read_done_ = 0;
};

Status Run(const MatchArgs& args, bool link) {
  services::MatchFilesRequest request;
  for (const auto& in : args.inputs) request.files.emplace_back(in);
  if (!args.spec_path.empty()) {
    std::ifstream in(args.spec_path, std::ios::binary);
    if (!in) return Fail(Error::NotFound("berkas tidak ditemukan: " + args.spec_path));
    std::ostringstream text;
    text << in.rdbuf();
    request.spec_json = text.str();
  }
  if (args.threshold >= 0) request.run.threshold = args.threshold;
  request.run.threads = args.threads;
  request.run.explain = args.explain;
  request.run.one_to_one = link && args.one_to_one;
  request.run.clusters = !link && !args.clusters.empty();
  // --model: used when the file exists, otherwise estimated and saved there.
  const bool save_model = !args.model_path.empty() && !std::filesystem::exists(args.model_path);
  if (!args.model_path.empty() && !save_model) {
    auto model = services::MatchService::LoadModel(args.model_path);
    if (!model) return Fail(model.error());
    request.run.model = std::move(*model);
  }
  if (!args.labels_path.empty()) {
    auto labels = services::MatchService::LoadLabels(args.labels_path);
    if (!labels) return Fail(labels.error());
    request.run.labels = std::move(*labels);
  }

  StageBars bars;
  auto outcome = services::MatchService().MatchFiles(
      request, [&](std::string_view stage, std::uint64_t advance, std::uint64_t total) {
        bars.Advance(stage, advance, total);
      });
  bars.Finish();
  if (!outcome) return Fail(outcome.error());

  const RecordTable& right = link ? outcome->right : outcome->left;
  if (auto ok = WritePairs(args.out, outcome->result, outcome->left, right, args.explain); !ok) {
    return ok;
  }
  if (request.run.clusters) {
    if (auto ok = WriteClusters(args.clusters, *outcome); !ok) return ok;
  }
  if (save_model) {
    if (auto ok = services::MatchService::SaveModel(outcome->result.model, args.model_path); !ok) {
      return ok;
    }
  }
  if (!args.report_path.empty()) {
    const std::size_t rows = outcome->left.rows() + (link ? outcome->right.rows() : 0);
    if (auto ok = WriteReport(args.report_path, outcome->result, rows); !ok) return ok;
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
