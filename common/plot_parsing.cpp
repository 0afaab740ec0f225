// Parsing of results.json "plots": series (ours or published), reference lines and the caption.
#include <cmath>

#include "common/json_field_reader.h"
#include "common/study_results.h"

namespace repro {
namespace {

using nlohmann::json;

PlotSeries parse_series(const FieldReader& reader, const json& series, const std::string& field,
                        const std::string& kind) {
  reader.require_object(series, field);
  PlotSeries result;
  result.name = reader.optional_string(series, field, "name");
  result.published = reader.optional_bool(series, field, "published");
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

ReferenceLine parse_reference_line(const FieldReader& reader, const json& line, const std::string& field) {
  reader.require_object(line, field);
  const bool has_x = line.contains("x"), has_y = line.contains("y");
  if (has_x == has_y) reader.fail(field, "must have exactly one of 'x' (a vertical line) and 'y' (a horizontal one)");
  ReferenceLine result;
  result.axis = has_x ? 'x' : 'y';
  result.value = reader.optional_number(line, field, has_x ? "x" : "y");
  if (std::isnan(result.value)) reader.fail(FieldReader::join(field, has_x ? "x" : "y"), "must be a number");
  result.label = reader.optional_string(line, field, "label");
  return result;
}

}  // namespace

PlotSpec parse_plot(const FieldReader& reader, const nlohmann::json& plot, const std::string& field) {
  reader.require_object(plot, field);
  PlotSpec result;
  result.id = reader.required_string(plot, field, "id");
  result.title = reader.optional_string(plot, field, "title");
  result.x_label = reader.optional_string(plot, field, "x_label");
  result.y_label = reader.optional_string(plot, field, "y_label");
  result.caption = reader.optional_string(plot, field, "caption");
  const std::string kind = reader.optional_string(plot, field, "kind");
  if (!kind.empty()) result.kind = kind;
  if (result.kind != "line" && result.kind != "bar" && result.kind != "points") {
    reader.fail(field + ".kind", "must be line, bar or points, not '" + result.kind + "'");
  }
  result.log_x = reader.optional_bool(plot, field, "log_x");
  result.log_y = reader.optional_bool(plot, field, "log_y");
  result.x_tick_labels = reader.optional_strings(plot, field, "x_tick_labels");
  const json series = reader.optional_array(plot, field, "series");
  for (std::size_t i = 0; i < series.size(); ++i) {
    result.series.push_back(parse_series(reader, series[i], FieldReader::index(field + ".series", i), result.kind));
  }
  const json lines = reader.optional_array(plot, field, "reference_lines");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    result.reference_lines.push_back(
        parse_reference_line(reader, lines[i], FieldReader::index(field + ".reference_lines", i)));
  }
  return result;
}

}  // namespace repro
