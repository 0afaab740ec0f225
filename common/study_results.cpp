#include "common/study_results.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "base/errors.h"
#include "common/json_field_reader.h"

namespace repro {
namespace {

using nlohmann::json;

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

std::optional<StudyOutcome> parse_outcome(const FieldReader& reader, const json& document) {
  const json object = reader.optional_object(document, "", "outcome");
  if (object.is_null()) return std::nullopt;
  const auto count = [&](const char* key) {
    const double value = reader.optional_number(object, "outcome", key);
    return std::isnan(value) ? 0 : static_cast<int>(value);
  };
  StudyOutcome outcome;
  outcome.exit_code = count("exit_code");
  outcome.mismatched_claims = reader.optional_strings(object, "outcome", "mismatched_claims");
  outcome.failed_checks = reader.optional_strings(object, "outcome", "failed_checks");
  const json skipped = reader.optional_array(object, "outcome", "skipped_for_requirements");
  for (std::size_t i = 0; i < skipped.size(); ++i) {
    const std::string field = FieldReader::index("outcome.skipped_for_requirements", i);
    reader.require_object(skipped[i], field);
    outcome.skipped_for_requirements.push_back(
        {reader.required_string(skipped[i], field, "id"), reader.optional_string(skipped[i], field, "reason")});
  }
  outcome.allow_skipped = reader.optional_bool(object, "outcome", "allow_skipped");
  outcome.decided_claims = count("decided_claims");
  outcome.failure = reader.optional_string(object, "outcome", "failure");
  return outcome;
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
// "citation". Throws InputError naming `reader`'s source for a member that is not text.
std::string paper_text(const FieldReader& reader, const json& paper) {
  if (!paper.is_object()) return "";
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

std::string StudyResults::paper_citation() const { return paper_text(FieldReader("paper of " + study), paper); }

std::string StudyResults::paper_url() const {
  return paper.is_object() ? FieldReader("paper of " + study).optional_string(paper, "paper", "url") : "";
}

StudyResults parse_study_results(const json& document, const std::string& source_name) {
  const FieldReader reader(source_name);
  if (!document.is_object()) throw InputError(source_name + ": results must be a JSON object");
  StudyResults results;
  results.source_path = source_name;
  if (const auto schema = document.find("schema_version"); schema != document.end() && !schema->is_null()) {
    if (!schema->is_number_integer()) reader.fail("schema_version", "must be an integer");
    results.schema_version = schema->get<int>();
  }
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
    paper_text(reader, *paper);
    reader.optional_string(*paper, "paper", "url");
    results.paper = *paper;
  }
  if (const auto manifest = document.find("manifest"); manifest != document.end() && !manifest->is_null()) {
    reader.require_object(*manifest, "manifest");
    results.manifest = *manifest;
  }
  results.outcome = parse_outcome(reader, document);

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

PlotSpec parse_plot_spec(const json& plot, const std::string& source_name) {
  return parse_plot(FieldReader(source_name), plot, "plot");
}

ResultTable parse_result_table(const json& table, const std::string& source_name) {
  return parse_table(FieldReader(source_name), table, "table");
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

}  // namespace repro
