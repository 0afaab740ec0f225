#include "common/run_units.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "base/atomic_file.h"
#include "base/errors.h"
#include "base/utc_timestamp.h"
#include "base/splitmix64.h"
#include "common/unit_schedule.h"

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

struct UnitStore::State {
  std::filesystem::path directory;
  bool fresh = false;
  UnitPass pass = UnitPass::run;
  std::ostream* progress = nullptr;

  mutable std::mutex mutex;
  nlohmann::json provenance = nlohmann::json::object();  // set_provenance
  std::vector<PlannedUnit> planned;  // plan pass
  std::set<std::string> planned_stems;
  bool plan_known = false;           // set_plan was called
  std::set<std::string> owned;       // shard pass: this shard's units
  std::optional<std::set<std::string>> experiments;  // compute_only_experiments; nullopt: all
  int to_compute = 0;                // units of the plan this pass computes
  double to_compute_seconds = 0.0;   // their estimates
  int computed = 0;
  double computed_estimate = 0.0;    // the estimates of the units computed so far
  int reused = 0;
  int stood_in = 0;
  std::map<std::string, StoodIn> stood_in_by_experiment;  // each unit once
  std::set<std::string> stood_in_stems;
  // When the first unit this pass computes started: progress lines' elapsed time and ETA (work
  // before it, e.g. a study's measurements that are not units, is not the units' pace).
  std::optional<std::chrono::steady_clock::time_point> started;
};

namespace {

std::string duration_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  if (total < 60) return fmt::format("{} s", total);
  if (total < 3600) return fmt::format("{} min {:02} s", total / 60, total % 60);
  return fmt::format("{} h {:02} min", total / 3600, (total % 3600) / 60);
}

}  // namespace

double stand_in_fraction(const UnitKey& key) {
  const std::uint64_t hash = text_hash(key.to_json().dump());
  return 0.25 + 0.5 * static_cast<double>(hash >> 11) / 9007199254740992.0;  // 2^53
}

UnitStore::UnitStore(std::filesystem::path directory, bool fresh, UnitPass pass, std::ostream* progress)
    : state_(std::make_shared<State>()) {
  state_->directory = std::move(directory);
  state_->fresh = fresh;
  state_->pass = pass;
  state_->progress = progress;
}

const std::filesystem::path& UnitStore::directory() const { return state_->directory; }
std::filesystem::path UnitStore::path_of(const UnitKey& key) const {
  return state_->directory / (key.file_stem() + ".json");
}

namespace {

// The finished unit at `path` ({"key", "result", optional "seconds"}), or nullopt when absent.
std::optional<nlohmann::json> read_unit(const std::filesystem::path& path) {
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
  return unit;
}


// The finished unit of exactly `key` at `path` (whole: key, result, seconds), or nullopt: none,
// --fresh, or a file whose key differs (a hash collision or another options set).
std::optional<nlohmann::json> finished_unit(const std::filesystem::path& path, const UnitKey& key, bool fresh) {
  if (fresh) return std::nullopt;
  auto unit = read_unit(path);
  if (!unit || (*unit)["key"] != key.to_json()) return std::nullopt;
  return unit;
}

}  // namespace

std::optional<nlohmann::json> UnitStore::find(const UnitKey& key) const {
  const auto unit = finished_unit(path_of(key), key, state_->fresh);
  if (!unit) return std::nullopt;
  return (*unit)["result"];
}

void UnitStore::set_provenance(nlohmann::json provenance) const {
  if (!provenance.is_object()) throw std::logic_error("UnitStore::set_provenance: not a JSON object");
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->provenance = std::move(provenance);
}

void UnitStore::write(const UnitKey& key, const nlohmann::json& result, std::optional<double> seconds) const {
  nlohmann::json unit{{"key", key.to_json()}, {"result", result}};
  if (seconds) unit["seconds"] = *seconds;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    unit["computed_by"] = state_->provenance;
  }
  unit["computed_by"]["finished_at"] = utc_timestamp_now();
  write_file_atomically(path_of(key), unit.dump(1) + "\n");
}

nlohmann::json UnitStore::obtain(const UnitKey& key, const UnitWork& work) const {
  if (work.estimated_seconds < 0.0) throw InputError("run unit " + key.file_stem() + ": negative cost estimate");
  State& state = *state_;
  const std::string stem = key.file_stem();
  std::optional<nlohmann::json> finished;
  std::optional<double> measured;
  if (const auto unit = finished_unit(path_of(key), key, state.fresh)) {
    finished = (*unit)["result"];
    if (unit->contains("seconds")) measured = (*unit)["seconds"].get<double>();
  }
  bool compute = false;
  {
    std::lock_guard<std::mutex> lock(state.mutex);
    if (state.pass == UnitPass::plan && state.planned_stems.insert(stem).second) {
      state.planned.push_back(PlannedUnit{key, stem, work.estimated_seconds, finished.has_value(), measured});
    }
    if (finished) {
      ++state.reused;
      return *finished;
    }
    const bool selected = !state.experiments || state.experiments->count(key.experiment) != 0;
    compute = selected && (state.pass == UnitPass::run || (state.pass == UnitPass::shard && state.owned.count(stem) != 0));
    if (!compute) {
      ++state.stood_in;
      if (state.stood_in_stems.insert(stem).second) {
        if (state.pass == UnitPass::run && state.stood_in_stems.size() == 1 && state.progress != nullptr) {
          *state.progress << "  partial run: unit " << stem << " and every unit of an experiment this run does not "
                          << "compute are stand-ins from here on; numbers printed for them mean nothing, and "
                          << "claims decided after them are skipped\n" << std::flush;
        }
        StoodIn& tally = state.stood_in_by_experiment[key.experiment];
        ++tally.units;
        tally.estimated_seconds += work.estimated_seconds;
      }
    }
  }
  if (!compute) return work.stand_in();
  const auto started = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(state.mutex);
    if (!state.started) state.started = started;
  }
  nlohmann::json result = work.compute();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  write(key, result, seconds);
  std::lock_guard<std::mutex> lock(state.mutex);
  ++state.computed;
  state.computed_estimate += work.estimated_seconds;
  if (state.plan_known && state.progress != nullptr && state.to_compute > 0) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - *state.started).count();
    // The plan's estimates scaled by how fast this pass has gone so far.
    const double remaining = std::max(0.0, state.to_compute_seconds - state.computed_estimate);
    const double eta = state.computed_estimate > 0.0 ? elapsed * remaining / state.computed_estimate : 0.0;
    *state.progress << fmt::format("  unit {}/{} {} in {:.1f} s; elapsed {}, ETA {}\n", state.computed,
                                   state.to_compute, stem, seconds, duration_text(elapsed), duration_text(eta))
                    << std::flush;
  }
  return result;
}

std::vector<PlannedUnit> UnitStore::planned() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->planned;
}

void UnitStore::compute_only_experiments(std::set<std::string> experiments) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->experiments = std::move(experiments);
}

UnitStore::PlanShare UnitStore::set_plan(const std::vector<PlannedUnit>& whole_plan,
                                         std::optional<ShardSpec> shard) const {
  std::vector<PlannedUnit> plan;  // the units of the experiments this pass computes
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    for (const PlannedUnit& unit : whole_plan) {
      if (!state_->experiments || state_->experiments->count(unit.key.experiment) != 0) plan.push_back(unit);
    }
  }
  const std::vector<int> shard_of = shard ? assign_to_shards(plan, shard->count) : std::vector<int>(plan.size(), 1);
  std::lock_guard<std::mutex> lock(state_->mutex);
  state_->plan_known = true;
  state_->owned.clear();
  PlanShare share;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (shard && shard_of[i] != shard->index) continue;
    state_->owned.insert(plan[i].file_stem);
    ++share.units;
    if (plan[i].finished) ++share.finished;
    if (!plan[i].finished || state_->fresh) {
      ++share.to_compute;
      share.seconds_to_compute += plan[i].estimated_seconds;
    }
  }
  state_->to_compute = share.to_compute;
  state_->to_compute_seconds = share.seconds_to_compute;
  state_->started.reset();
  return share;
}

int UnitStore::computed() const { std::lock_guard<std::mutex> lock(state_->mutex); return state_->computed; }
int UnitStore::reused() const { std::lock_guard<std::mutex> lock(state_->mutex); return state_->reused; }
int UnitStore::stood_in() const { std::lock_guard<std::mutex> lock(state_->mutex); return state_->stood_in; }
std::map<std::string, UnitStore::StoodIn> UnitStore::stood_in_by_experiment() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->stood_in_by_experiment;
}

}  // namespace repro
