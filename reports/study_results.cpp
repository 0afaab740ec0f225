#include "reports/study_results.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "base/errors.h"
#include "reports/field_reader.h"

namespace repro::reports {
namespace {

ResultTable parse_table(const FieldReader& reader, const json& table, const std::string& field) {
  reader.require_object(table, field);
  ResultTable result;
  result.id = reader.required_string(table, field, "id");
  result.title = reader.optional_string(table, field, "title");
  const json columns = reader.optional_array(table, field, "columns");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].is_string()) reader.fail(FieldReader::index(field + ".columns", i), "must be a string");
    result.columns.push_back(columns[i].get<std::string>());
  }
  const json rows = reader.optional_array(table, field, "rows");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string row_field = FieldReader::index(field + ".rows", i);
    if (!rows[i].is_array()) reader.fail(row_field, "must be an array");
    if (!result.columns.empty() && rows[i].size() != result.columns.size()) {
      reader.fail(row_field, "has " + std::to_string(rows[i].size()) + " cells but there are " +
                                 std::to_string(result.columns.size()) + " columns");
    }
    result.rows.emplace_back(rows[i].begin(), rows[i].end());
  }
  return result;
}

TimingSamples parse_timing(const FieldReader& reader, const json& timing, const std::string& field) {
  reader.require_object(timing, field);
  TimingSamples result;
  result.id = reader.required_string(timing, field, "id");
  result.unit = reader.optional_string(timing, field, "unit");
  const json samples = reader.optional_array(timing, field, "samples");
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (!samples[i].is_number()) reader.fail(FieldReader::index(field + ".samples", i), "must be a number");
    result.samples.push_back(samples[i].get<double>());
  }
  return result;
}

// Every element of the optional top-level array `key`, parsed by `parse(reader, element, "key[i]")`.
template <typename Parse>
auto parse_each(const FieldReader& reader, const json& document, const std::string& key, Parse parse) {
  std::vector<decltype(parse(reader, json(), std::string()))> parsed;
  const json elements = reader.optional_array(document, "", key);
  for (std::size_t i = 0; i < elements.size(); ++i) parsed.push_back(parse(reader, elements[i], FieldReader::index(key, i)));
  return parsed;
}

}  // namespace

bool is_known_verdict(const std::string& verdict) {
  return std::any_of(std::begin(kVerdicts), std::end(kVerdicts),
                     [&](const char* known) { return verdict == known; });
}

bool is_known_expected_verdict(const std::string& verdict) {
  return verdict == "unstable" || is_known_verdict(verdict);
}

// "title, authors, venue year (kind)" from the paper object of published.json when it has no
// "citation".
std::string paper_text(const FieldReader& reader, const json& paper) {
  const std::string citation = reader.optional_string(paper, "paper", "citation");
  if (!citation.empty()) return citation;
  const auto field = [&](const char* key) { return reader.optional_string(paper, "paper", key); };
  std::string published_in = field("venue");
  if (!field("year").empty() && published_in.find(field("year")) == std::string::npos) {
    published_in += (published_in.empty() ? "" : " ") + field("year");
  }
  std::string text;
  for (const std::string& part : {field("title"), field("authors"), published_in}) {
    if (!part.empty()) text += (text.empty() ? "" : ", ") + part;
  }
  if (!field("kind").empty()) text += " (" + field("kind") + ")";
  return text;
}

StudyResults parse_study_results(const json& document, const std::string& source_name) {
  const FieldReader reader(source_name);
  if (!document.is_object()) throw InputError(source_name + ": results must be a JSON object");
  StudyResults results;
  results.source_path = source_name;
  results.study = reader.required_string(document, "", "study");
  results.tier = reader.required_string(document, "", "tier");
  results.title = reader.optional_string(document, "", "title");
  results.device = reader.optional_string(document, "", "device");
  results.started_at = reader.optional_string(document, "", "started_at");
  if (const auto seed = document.find("seed"); seed != document.end() && !seed->is_null()) {
    if (!seed->is_number_integer()) reader.fail("seed", "must be an integer");
    results.seed = seed->get<std::int64_t>();
  }
  if (const auto wall = document.find("wall_seconds"); wall != document.end() && !wall->is_null()) {
    if (!wall->is_number()) reader.fail("wall_seconds", "must be a number");
    results.wall_seconds = wall->get<double>();
  }
  if (const auto paper = document.find("paper"); paper != document.end() && !paper->is_null()) {
    reader.require_object(*paper, "paper");
    results.paper_citation = paper_text(reader, *paper);
    results.paper_url = reader.optional_string(*paper, "paper", "url");
  }
  if (const auto manifest = document.find("manifest"); manifest != document.end() && !manifest->is_null()) {
    reader.require_object(*manifest, "manifest");
    results.manifest = *manifest;
  }
  if (const auto outcome = document.find("outcome"); outcome != document.end() && !outcome->is_null()) {
    reader.require_object(*outcome, "outcome");
    results.outcome = *outcome;
  }

  const json& claims = reader.required(document, "", "claims");
  if (!claims.is_array()) reader.fail("claims", "must be an array, not " + std::string(claims.type_name()));
  for (std::size_t i = 0; i < claims.size(); ++i) {
    results.claims.push_back(parse_claim(reader, claims[i], FieldReader::index("claims", i)));
    for (std::size_t j = 0; j + 1 < results.claims.size(); ++j) {
      if (results.claims[j].id == results.claims.back().id) {
        reader.fail(FieldReader::index("claims", i) + ".id", "repeats the id '" + results.claims.back().id + "'");
      }
    }
  }
  results.checks = parse_each(reader, document, "checks", parse_check);
  results.numerics = reader.optional_array(document, "", "numerics");
  results.plots = parse_each(reader, document, "plots", parse_plot);
  results.tables = parse_each(reader, document, "tables", parse_table);
  results.timings = parse_each(reader, document, "timings", parse_timing);
  return results;
}

PlotSpec parse_plot_spec(const json& plot, const std::string& field) {
  const FieldReader reader("plot");
  return parse_plot(reader, plot, field);
}

StudyResults load_study_results(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw InputError(path.string() + ": cannot open results file");
  std::ostringstream contents;
  contents << stream.rdbuf();
  json document;
  try {
    document = json::parse(contents.str());
  } catch (const json::parse_error& error) {
    throw InputError(path.string() + ": not valid JSON at byte " + std::to_string(error.byte) + ": " + error.what());
  }
  StudyResults results = parse_study_results(document, path.string());
  results.source_path = path;
  return results;
}

std::vector<StudyResults> load_results_directory(const std::filesystem::path& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw InputError(directory.string() + ": not a directory");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::filesystem::path candidate = entry.path() / "results.json";
    if (entry.is_directory() && std::filesystem::is_regular_file(candidate)) files.push_back(candidate);
  }
  if (error) throw InputError(directory.string() + ": cannot list directory: " + error.message());
  if (files.empty()) throw InputError(directory.string() + ": holds no <study>/results.json");
  std::sort(files.begin(), files.end());
  std::vector<StudyResults> all;
  for (const auto& file : files) all.push_back(load_study_results(file));
  return all;
}

std::vector<StudyResults> load_results_from(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) return {load_study_results(path)};
  if (std::filesystem::is_regular_file(path / "results.json", error)) return {load_study_results(path / "results.json")};
  if (std::filesystem::is_directory(path, error)) return load_results_directory(path);
  throw InputError(path.string() + ": no such results file or directory");
}

}  // namespace repro::reports
