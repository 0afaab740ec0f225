#include "common/published_numbers.h"

#include "base/atomic_file.h"
#include "base/errors.h"
#include "common/printed_precision.h"

namespace repro {

PublishedNumbers PublishedNumbers::load(const std::filesystem::path& path,
                                        const std::string& study_id) {
  PublishedNumbers published;
  published.path_ = path;
  const std::string where = path.string();
  if (!std::filesystem::exists(path)) throw InputError(where + ": file not found");
  try {
    published.document_ = nlohmann::json::parse(read_whole_file(path));
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(where + ": malformed JSON: " + error.what());
  }
  const nlohmann::json& document = published.document_;
  if (!document.is_object()) throw InputError(where + ": the top level must be an object");
  if (!document.contains("study") || !document["study"].is_string()) {
    throw InputError(where + ": missing string field 'study'");
  }
  if (document["study"].get<std::string>() != study_id) {
    throw InputError(where + ": field 'study' is '" + document["study"].get<std::string>() +
                     "' but the file belongs to study '" + study_id + "'");
  }
  if (!document.contains("paper") || !document["paper"].is_object() ||
      !document["paper"].contains("title")) {
    throw InputError(where + ": missing object 'paper' with a 'title'");
  }
  if (!document.contains("numbers") || !document["numbers"].is_object()) {
    throw InputError(where + ": missing object 'numbers'");
  }
  for (const auto& [key, entry] : document["numbers"].items()) {
    const std::string element = where + ": numbers." + key;
    if (!entry.is_object()) throw InputError(element + " must be an object");
    if (!entry.contains("value")) throw InputError(element + " has no 'value'");
    if (!entry.contains("provenance") || !entry["provenance"].is_string() ||
        entry["provenance"].get<std::string>().empty()) {
      throw InputError(element + " has no 'provenance' (table, figure, slide or page)");
    }
  }
  return published;
}

bool PublishedNumbers::contains(const std::string& key) const {
  return numbers().contains(key);
}

const nlohmann::json& PublishedNumbers::entry(const std::string& key) const {
  if (!contains(key)) {
    throw InputError(path_.string() + ": no published number '" + key + "'");
  }
  return numbers().at(key);
}

const nlohmann::json& PublishedNumbers::value(const std::string& key) const {
  return entry(key).at("value");
}

double PublishedNumbers::number(const std::string& key) const {
  const nlohmann::json& found = value(key);
  if (!found.is_number()) {
    throw InputError(path_.string() + ": numbers." + key + ".value is not a number");
  }
  return found.get<double>();
}

double PublishedNumbers::half_unit(const std::string& key) const {
  number(key);  // a number, or InputError naming the file and key
  const nlohmann::json& found = entry(key);
  if (found.contains("printed")) {
    if (!found["printed"].is_string()) {
      throw InputError(path_.string() + ": numbers." + key + ".printed is not a string");
    }
    try {
      return half_unit_of_printed(found["printed"].get<std::string>());
    } catch (const InputError& error) {
      throw InputError(path_.string() + ": numbers." + key + ".printed: " + error.what());
    }
  }
  return half_unit_of_printed(found.at("value").dump());
}

}  // namespace repro
