#include "services/match_service.hpp"

#include <fstream>
#include <sstream>

#include "formats/csv.hpp"

namespace jaring::services {
namespace {

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(Error::NotFound("berkas tidak ditemukan: " + path.string(), path.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

matching::MatchOptions EngineOptions(const MatchRunOptions& run, bool link,
                                     const MatchProgress& progress) {
  matching::MatchOptions options;
  options.threshold = run.threshold;
  options.threads = run.threads;
  options.explain = run.explain;
  options.one_to_one = link && run.one_to_one;
  options.model = run.model;
  options.labels = run.labels;
  if (progress) options.progress = progress;
  return options;
}

}  // namespace

Result<std::vector<std::string>> MatchService::ReadCsvHeader(const std::filesystem::path& file) {
  auto reader = formats::CsvReader::Open(file.string());
  if (!reader) return Fail(reader.error());
  return reader->header();
}

Result<matching::RecordTable> MatchService::LoadCsv(const std::filesystem::path& file,
                                                    const matching::Spec& spec,
                                                    const MatchProgress& progress) {
  auto reader = formats::CsvReader::Open(file.string());
  if (!reader) return Fail(reader.error());
  const auto& header = reader->header();
  auto column_of = [&](const std::string& name) {
    int index = -1;
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (header[c] == name) index = static_cast<int>(c);  // the last of equal names, as always
    }
    return index;
  };
  const int id_col = column_of(spec.id_column);
  if (id_col < 0) return Fail(Error::InvalidArgument("kolom id tidak ada di " + file.string()));
  matching::RecordTable table;
  std::vector<int> source;
  for (const auto& name : spec.RequiredColumns()) {
    if (name == spec.id_column) continue;
    const int index = column_of(name);
    if (index < 0) {
      return Fail(Error::InvalidArgument("kolom " + name + " tidak ada di " + file.string()));
    }
    table.AddColumn(name);
    source.push_back(index);
  }
  formats::CsvRow row;
  std::uint64_t rows = 0, reported = 0;
  const std::uint64_t total = reader->total_bytes();
  while (reader->Next(row)) {
    auto cell = [&](int c) {
      return c < static_cast<int>(row.size()) ? row[static_cast<std::size_t>(c)]
                                              : std::string_view();
    };
    table.ids.Append(cell(id_col));
    for (std::size_t k = 0; k < source.size(); ++k) table.columns[k].Append(cell(source[k]));
    if (progress && (++rows & 0xffff) == 0) {
      progress("read", reader->bytes_read() - reported, total);
      reported = reader->bytes_read();
    }
  }
  if (!reader->status()) return Fail(reader->status().error());
  if (progress) progress("read", total - reported, total);
  return table;
}

Result<matching::Spec> MatchService::ResolveSpec(
    std::string_view spec_json, const std::vector<std::vector<std::string>>& headers) {
  matching::Spec spec = matching::RosterSpec();
  if (!spec_json.empty()) {
    auto parsed = matching::ParseSpec(spec_json);
    if (!parsed) return Fail(parsed.error());
    spec = std::move(*parsed);
  }
  return matching::RestrictToColumns(spec, headers);
}

Result<std::vector<matching::LabelledPair>> MatchService::LoadLabels(
    const std::filesystem::path& file) {
  auto table = formats::ReadCsvTable(file.string());
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

Result<matching::Model> MatchService::LoadModel(const std::filesystem::path& file) {
  auto text = ReadWholeFile(file);
  if (!text) return Fail(text.error());
  return matching::Model::FromJson(*text);
}

Status MatchService::SaveModel(const matching::Model& model, const std::filesystem::path& file) {
  std::ofstream out(file);
  out << model.ToJson() << "\n";
  if (!out) return Fail(Error::Unavailable("gagal menyimpan model " + file.string()));
  return {};
}

Result<MatchOutcome> MatchService::MatchFiles(const MatchFilesRequest& request,
                                              const MatchProgress& progress) const {
  if (request.files.empty() || request.files.size() > 2) {
    return Fail(Error::InvalidArgument("satu berkas (dedupe) atau dua berkas (link)"));
  }
  std::vector<std::vector<std::string>> headers;
  for (const auto& file : request.files) {
    auto header = ReadCsvHeader(file);
    if (!header) return Fail(header.error());
    headers.push_back(std::move(*header));
  }
  auto spec = ResolveSpec(request.spec_json, headers);
  if (!spec) return Fail(spec.error());
  auto left = LoadCsv(request.files[0], *spec, progress);
  if (!left) return Fail(left.error());
  if (request.files.size() == 1) return Dedupe(std::move(*left), *spec, request.run, progress);
  auto right = LoadCsv(request.files[1], *spec, progress);
  if (!right) return Fail(right.error());
  return Link(std::move(*left), std::move(*right), *spec, request.run, progress);
}

Result<MatchOutcome> MatchService::Dedupe(matching::RecordTable table, const matching::Spec& spec,
                                          const MatchRunOptions& run,
                                          const MatchProgress& progress) const {
  MatchOutcome outcome;
  outcome.spec = spec;
  outcome.left = std::move(table);
  auto result = matching::Dedupe(outcome.left, spec, EngineOptions(run, false, progress));
  if (!result) return Fail(result.error());
  outcome.result = std::move(*result);
  if (run.clusters) {
    outcome.cluster_of = matching::ClusterPairs(outcome.left.rows(), outcome.result.pairs,
                                                spec.chain_threshold, spec.max_cluster_size);
  }
  return outcome;
}

Result<MatchOutcome> MatchService::Link(matching::RecordTable left, matching::RecordTable right,
                                        const matching::Spec& spec, const MatchRunOptions& run,
                                        const MatchProgress& progress) const {
  MatchOutcome outcome;
  outcome.spec = spec;
  outcome.link = true;
  outcome.left = std::move(left);
  outcome.right = std::move(right);
  auto result =
      matching::Link(outcome.left, outcome.right, spec, EngineOptions(run, true, progress));
  if (!result) return Fail(result.error());
  outcome.result = std::move(*result);
  return outcome;
}

}  // namespace jaring::services
