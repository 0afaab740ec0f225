#include "reports/study_results.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "common/errors.h"

namespace repro::reports {
namespace {

using nlohmann::json;

// Validation context: the source's name, for messages "<source>: field 'a.b[2]' ...".
class FieldReader {
 public:
  explicit FieldReader(std::string source_name) : source_name_(std::move(source_name)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw InputError(source_name_ + ": field '" + field + "' " + problem);
  }

  const json& required(const json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) fail(join(parent, key), "is missing");
    return *found;
  }

  std::string required_string(const json& object, const std::string& parent, const std::string& key) const {
    const json& value = required(object, parent, key);
    if (!value.is_string()) fail(join(parent, key), "must be a string, not " + std::string(value.type_name()));
    if (value.get_ref<const std::string&>().empty()) fail(join(parent, key), "must not be empty");
    return value.get<std::string>();
  }

  // "" when absent or null; numbers and booleans are written out; objects/arrays are errors.
  std::string optional_string(const json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return "";
    if (found->is_string()) return found->get<std::string>();
    if (found->is_number() || found->is_boolean()) return found->dump();
    fail(join(parent, key), "must be a string, not " + std::string(found->type_name()));
  }

  bool optional_bool(const json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return false;
    if (!found->is_boolean()) fail(join(parent, key), "must be true or false");
    return found->get<bool>();
  }

  // The array at `key`, or an empty array when absent.
  json optional_array(const json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return json::array();
    if (!found->is_array()) fail(join(parent, key), "must be an array, not " + std::string(found->type_name()));
    return *found;
  }

  void require_object(const json& value, const std::string& field) const {
    if (!value.is_object()) fail(field, "must be an object, not " + std::string(value.type_name()));
  }

  double number_or_nan(const json& value, const std::string& field) const {
    if (value.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!value.is_number()) fail(field, "must be a number or null, not " + std::string(value.type_name()));
    return value.get<double>();
  }

  std::vector<double> numbers(const json& array, const std::string& field) const {
    std::vector<double> result;
    result.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) result.push_back(number_or_nan(array[i], index(field, i)));
    return result;
  }

  static std::string join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  }
  static std::string index(const std::string& field, std::size_t i) {
    return field + "[" + std::to_string(i) + "]";
  }

 private:
  std::string source_name_;
};

std::string checked_verdict(const FieldReader& reader, const std::string& verdict, const std::string& field) {
  if (!is_known_verdict(verdict)) {
    reader.fail(field, "has unknown verdict '" + verdict +
                           "' (expected reproduced, not_reproduced, inconclusive or skipped)");
  }
  return verdict;
}

ClaimResult parse_claim(const FieldReader& reader, const json& claim, const std::string& field) {
  reader.require_object(claim, field);
  ClaimResult result;
  result.id = reader.required_string(claim, field, "id");
  result.text = reader.optional_string(claim, field, "text");
  result.verdict = checked_verdict(reader, reader.required_string(claim, field, "verdict"), field + ".verdict");
  const std::string expected = reader.optional_string(claim, field, "expected_verdict");
  if (!expected.empty()) result.expected_verdict = checked_verdict(reader, expected, field + ".expected_verdict");
  result.rule = reader.optional_string(claim, field, "rule");
  result.reason = reader.optional_string(claim, field, "reason");
  const auto measured = claim.find("measured");
  if (measured != claim.end()) result.measured = *measured;

  const auto published = claim.find("published");
  if (published != claim.end() && !published->is_null()) {
    const std::string published_field = field + ".published";
    reader.require_object(*published, published_field);
    for (const auto& [name, entry] : published->items()) {
      PublishedValue value;
      value.name = name;
      if (entry.is_object()) {
        const std::string entry_field = published_field + "." + name;
        value.unit = reader.optional_string(entry, entry_field, "unit");
        value.provenance = reader.optional_string(entry, entry_field, "provenance");
        if (entry.contains("value")) {
          value.value = entry.at("value");
        } else {  // no single value: keep the other members ({"statistic": 19, "p": 0.371})
          value.value = entry;
          for (const char* described : {"unit", "provenance", "note"}) value.value.erase(described);
        }
      } else {
        value.value = entry;  // a bare number: tolerated, without unit or provenance
      }
      result.published.push_back(std::move(value));
    }
  }
  const json tiers = reader.optional_array(claim, field, "decided_at_tiers");
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    if (!tiers[i].is_string()) reader.fail(FieldReader::index(field + ".decided_at_tiers", i), "must be a string");
    result.decided_at_tiers.push_back(tiers[i].get<std::string>());
  }
  return result;
}

PlotSeries parse_series(const FieldReader& reader, const json& series, const std::string& field,
                        const std::string& kind) {
  reader.require_object(series, field);
  PlotSeries result;
  result.name = reader.optional_string(series, field, "name");
  const json x = reader.optional_array(series, field, "x");
  const json y = reader.optional_array(series, field, "y");
  if (x.size() != y.size()) {
    reader.fail(field + ".y", "has " + std::to_string(y.size()) + " values but x has " + std::to_string(x.size()));
  }
  for (std::size_t i = 0; i < x.size(); ++i) {
    const bool allowed = x[i].is_number() || (kind == "bar" && x[i].is_string());
    if (!allowed) {
      reader.fail(FieldReader::index(field + ".x", i),
                  kind == "bar" ? "must be a number or a string" : "must be a number");
    }
    result.x.push_back(x[i]);
  }
  result.y = reader.numbers(y, field + ".y");
  const json lower = reader.optional_array(series, field, "y_lower");
  const json upper = reader.optional_array(series, field, "y_upper");
  if (lower.empty() != upper.empty()) {
    reader.fail(field + (lower.empty() ? ".y_lower" : ".y_upper"), "is missing (error bars need both bounds)");
  }
  if (!lower.empty()) {
    if (lower.size() != y.size()) reader.fail(field + ".y_lower", "must have one value per point");
    if (upper.size() != y.size()) reader.fail(field + ".y_upper", "must have one value per point");
    result.y_lower = reader.numbers(lower, field + ".y_lower");
    result.y_upper = reader.numbers(upper, field + ".y_upper");
  }
  return result;
}

PlotSpec parse_plot(const FieldReader& reader, const json& plot, const std::string& field) {
  reader.require_object(plot, field);
  PlotSpec result;
  result.id = reader.required_string(plot, field, "id");
  result.title = reader.optional_string(plot, field, "title");
  result.x_label = reader.optional_string(plot, field, "x_label");
  result.y_label = reader.optional_string(plot, field, "y_label");
  const std::string kind = reader.optional_string(plot, field, "kind");
  if (!kind.empty()) result.kind = kind;
  if (result.kind != "line" && result.kind != "bar" && result.kind != "points") {
    reader.fail(field + ".kind", "must be line, bar or points, not '" + result.kind + "'");
  }
  result.log_x = reader.optional_bool(plot, field, "log_x");
  result.log_y = reader.optional_bool(plot, field, "log_y");
  const json tick_labels = reader.optional_array(plot, field, "x_tick_labels");
  for (std::size_t i = 0; i < tick_labels.size(); ++i) {
    if (!tick_labels[i].is_string()) reader.fail(FieldReader::index(field + ".x_tick_labels", i), "must be a string");
    result.x_tick_labels.push_back(tick_labels[i].get<std::string>());
  }
  const json series = reader.optional_array(plot, field, "series");
  for (std::size_t i = 0; i < series.size(); ++i) {
    result.series.push_back(parse_series(reader, series[i], FieldReader::index(field + ".series", i), result.kind));
  }
  return result;
}

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

}  // namespace

bool is_known_verdict(const std::string& verdict) {
  return std::any_of(std::begin(kVerdicts), std::end(kVerdicts),
                     [&](const char* known) { return verdict == known; });
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
    results.paper_citation = reader.optional_string(*paper, "paper", "citation");
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
  const json plots = reader.optional_array(document, "", "plots");
  for (std::size_t i = 0; i < plots.size(); ++i) {
    results.plots.push_back(parse_plot(reader, plots[i], FieldReader::index("plots", i)));
  }
  const json tables = reader.optional_array(document, "", "tables");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    results.tables.push_back(parse_table(reader, tables[i], FieldReader::index("tables", i)));
  }
  const json timings = reader.optional_array(document, "", "timings");
  for (std::size_t i = 0; i < timings.size(); ++i) {
    results.timings.push_back(parse_timing(reader, timings[i], FieldReader::index("timings", i)));
  }
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
