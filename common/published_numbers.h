// A study's published numbers, loaded from papers/<study>/published.json.
//
// Format:
//   {"study": "<id>",
//    "paper": {"title": "...", "authors": "...", "year": 2020, "url": "..."},
//    "numbers": {"<key>": {"value": <number, string, array or object>,
//                          "unit": "%", "provenance": "Table 3, p. 21", "note": "...",
//                          "printed": "1.0e6" (optional: the text as printed, for its precision)}}}
// Every number carries its provenance (table, figure, slide or page).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace repro {

class PublishedNumbers {
 public:
  // Throws InputError naming the file and the element at fault when the file is missing,
  // not JSON, names another study, or has a number without a value or provenance.
  static PublishedNumbers load(const std::filesystem::path& path, const std::string& study_id);

  bool contains(const std::string& key) const;
  // The whole entry {value, unit, provenance, ...}. Throws InputError naming the file and key.
  const nlohmann::json& entry(const std::string& key) const;
  // The entry's value as a number. Throws InputError when absent or not a number.
  double number(const std::string& key) const;
  const nlohmann::json& value(const std::string& key) const;
  // Half a unit of the last digit the source printed (common/printed_precision.h): of the
  // entry's "printed" text when it has one (as printed, e.g. "1.0e6", where the value 1000000
  // would lose the precision), else of the value as written in the file (84.4 -> 0.05).
  // Throws InputError when absent or not a number.
  double half_unit(const std::string& key) const;
  const nlohmann::json& paper() const { return document_.at("paper"); }
  const nlohmann::json& numbers() const { return document_.at("numbers"); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  nlohmann::json document_;
};

}  // namespace repro
