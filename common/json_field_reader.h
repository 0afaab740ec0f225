// Reads fields of a results.json document with messages naming the source and the field
// ("out/x/results.json: field 'claims[2].verdict' is missing"); shared by the parsers of
// study_results.cpp, claim_result_parsing.cpp and plot_parsing.cpp.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/errors.h"

namespace repro {

// Validation context: the source's name, for messages "<source>: field 'a.b[2]' ...".
class FieldReader {
 public:
  explicit FieldReader(std::string source_name) : source_name_(std::move(source_name)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw InputError(source_name_ + ": field '" + field + "' " + problem);
  }

  const nlohmann::json& required(const nlohmann::json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) fail(join(parent, key), "is missing");
    return *found;
  }

  std::string required_string(const nlohmann::json& object, const std::string& parent, const std::string& key) const {
    const nlohmann::json& value = required(object, parent, key);
    if (!value.is_string()) fail(join(parent, key), "must be a string, not " + std::string(value.type_name()));
    if (value.get_ref<const std::string&>().empty()) fail(join(parent, key), "must not be empty");
    return value.get<std::string>();
  }

  // "" when absent or null; numbers and booleans are written out; objects/arrays are errors.
  std::string optional_string(const nlohmann::json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return "";
    if (found->is_string()) return found->get<std::string>();
    if (found->is_number() || found->is_boolean()) return found->dump();
    fail(join(parent, key), "must be a string, not " + std::string(found->type_name()));
  }

  bool optional_bool(const nlohmann::json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return false;
    if (!found->is_boolean()) fail(join(parent, key), "must be true or false");
    return found->get<bool>();
  }

  // The number at `key`, or NaN when absent or null.
  double optional_number(const nlohmann::json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end()) return std::numeric_limits<double>::quiet_NaN();
    return number_or_nan(*found, join(parent, key));
  }

  // The object at `key`, or null when absent or null.
  nlohmann::json optional_object(const nlohmann::json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    require_object(*found, join(parent, key));
    return *found;
  }

  // The array of strings at `key` (empty when absent).
  std::vector<std::string> optional_strings(const nlohmann::json& object, const std::string& parent,
                                            const std::string& key) const {
    const nlohmann::json array = optional_array(object, parent, key);
    std::vector<std::string> result;
    for (std::size_t i = 0; i < array.size(); ++i) {
      if (!array[i].is_string()) fail(index(join(parent, key), i), "must be a string");
      result.push_back(array[i].get<std::string>());
    }
    return result;
  }

  // The array at `key`, or an empty array when absent.
  nlohmann::json optional_array(const nlohmann::json& object, const std::string& parent, const std::string& key) const {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nlohmann::json::array();
    if (!found->is_array()) fail(join(parent, key), "must be an array, not " + std::string(found->type_name()));
    return *found;
  }

  void require_object(const nlohmann::json& value, const std::string& field) const {
    if (!value.is_object()) fail(field, "must be an object, not " + std::string(value.type_name()));
  }

  double number_or_nan(const nlohmann::json& value, const std::string& field) const {
    if (value.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!value.is_number()) fail(field, "must be a number or null, not " + std::string(value.type_name()));
    return value.get<double>();
  }

  std::vector<double> numbers(const nlohmann::json& array, const std::string& field) const {
    std::vector<double> result;
    result.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) result.push_back(number_or_nan(array[i], index(field, i)));
    return result;
  }

  const std::string& source_name() const { return source_name_; }

  static std::string join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  }
  static std::string index(const std::string& field, std::size_t i) {
    return field + "[" + std::to_string(i) + "]";
  }

 private:
  std::string source_name_;
};


}  // namespace repro
