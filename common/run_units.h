// Run units: one training or one measurement, identified by a stable key, whose result is written
// atomically to <out>/<study>/units/<key>.json when it finishes, so that a run killed at any moment
// and started again redoes only the units that had not finished (resume is the default;
// `repro run --fresh` ignores finished units and overwrites them).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/tier.h"

namespace repro {

// What identifies a unit: study, tier, experiment, configuration and seed, and every option that
// changes its result (data sizes, epochs, formats, ...) in `options`. Two units with equal keys
// give the same result.
struct UnitKey {
  std::string study;
  Tier tier = Tier::smoke;
  std::string experiment;
  std::string configuration;
  std::uint64_t seed = 0;
  nlohmann::json options = nlohmann::json::object();

  // "<experiment>.<configuration>.seed<seed>.<16 hex digits of a hash of the whole key>", with
  // every character outside [A-Za-z0-9._-] of the readable part replaced by '_'.
  std::string file_stem() const;
  nlohmann::json to_json() const;
};

// The finished units of one study's run.
class UnitStore {
 public:
  // `directory`: <out>/<study>/units. `fresh`: find() never reuses a finished unit.
  UnitStore(std::filesystem::path directory, bool fresh);

  // The result of the finished unit with exactly this key, or nullopt (none, --fresh, or a file
  // whose key differs). Throws InputError naming the file for an unreadable or malformed one.
  std::optional<nlohmann::json> find(const UnitKey& key) const;
  // Writes {"key": key, "result": result} atomically (base/atomic_file.h).
  void write(const UnitKey& key, const nlohmann::json& result) const;
  std::filesystem::path path_of(const UnitKey& key) const;
  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  bool fresh_ = false;
};

}  // namespace repro
