#include "common/run_units.h"

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "base/errors.h"
#include "base/splitmix64.h"

namespace repro {
namespace {

// A 64-bit hash of a text, stable across platforms (splitmix64 over its bytes).
std::uint64_t text_hash(const std::string& text) {
  std::uint64_t hash = 0;
  for (unsigned char c : text) hash = splitmix64(hash ^ c);
  return hash;
}

std::string readable(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
    out.push_back(keep ? c : '_');
  }
  return out;
}

}  // namespace

nlohmann::json UnitKey::to_json() const {
  return {{"study", study}, {"tier", repro::to_string(tier)}, {"experiment", experiment},
          {"configuration", configuration}, {"seed", seed}, {"options", options}};
}

std::string UnitKey::file_stem() const {
  return readable(fmt::format("{}.{}.seed{}", experiment, configuration, seed)) +
         fmt::format(".{:016x}", text_hash(to_json().dump()));
}

UnitStore::UnitStore(std::filesystem::path directory, bool fresh) : directory_(std::move(directory)), fresh_(fresh) {}

std::filesystem::path UnitStore::path_of(const UnitKey& key) const {
  return directory_ / (key.file_stem() + ".json");
}

std::optional<nlohmann::json> UnitStore::find(const UnitKey& key) const {
  if (fresh_) return std::nullopt;
  const std::filesystem::path path = path_of(key);
  if (!std::filesystem::exists(path)) return std::nullopt;
  nlohmann::json unit;
  try {
    unit = nlohmann::json::parse(read_whole_file(path));
  } catch (const nlohmann::json::exception& error) {
    throw InputError(fmt::format("run unit {}: not JSON ({}); delete it or run with --fresh", path.string(),
                                 error.what()));
  }
  if (!unit.is_object() || !unit.contains("key") || !unit.contains("result")) {
    throw InputError("run unit " + path.string() + ": needs \"key\" and \"result\"; delete it or run with --fresh");
  }
  if (unit["key"] != key.to_json()) return std::nullopt;  // a hash collision or another options set
  return unit["result"];
}

void UnitStore::write(const UnitKey& key, const nlohmann::json& result) const {
  write_file_atomically(path_of(key), nlohmann::json{{"key", key.to_json()}, {"result", result}}.dump(1) + "\n");
}

}  // namespace repro
