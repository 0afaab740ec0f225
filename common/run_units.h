// Run units: one training or one measurement, identified by a stable key, whose result is written
// atomically to <out>/<study>/units/<key>.json when it finishes, so that a run killed at any moment
// and started again redoes only the units that had not finished (resume is the default;
// `repro run --fresh` ignores finished units and overwrites them).
//
// A study obtains each unit's result through UnitStore::obtain, giving the unit's estimated cost,
// how to compute it and a stand-in result. The same study code then serves three passes
// (common/unit_pass.h): a run computes what is not finished; a plan pass computes nothing and
// records every unit asked for (`repro plan`); a shard pass computes only its shard's share of the
// plan (`repro run --shard K/N`). Plan and shard passes hand stand-ins to the study for what they
// do not compute, so their decisions mean nothing and the runner discards them.
// ASSUMPTION: which units a study asks for does not depend on the results of earlier units (true
// of every study here); a unit that a plan missed is computed by the deciding run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/tier.h"
#include "common/unit_pass.h"

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

// How a study obtains one unit.
struct UnitWork {
  // This machine's estimate of the unit's wall time in seconds, from the study's calibration.
  // REQUIRES: >= 0.
  double estimated_seconds = 0.0;
  // The training or measurement; its result must round-trip through the study's reader.
  std::function<nlohmann::json()> compute;
  // A well-formed result of no meaning (the study's reader accepts it), for units that a plan or
  // shard pass does not compute. Cheap.
  std::function<nlohmann::json()> stand_in;
};

// One unit as a plan sees it.
struct PlannedUnit {
  UnitKey key;
  std::string file_stem;
  double estimated_seconds = 0.0;
  bool finished = false;                   // a finished unit of this key is in OUT
  std::optional<double> measured_seconds;  // how long the finished unit took, when it says
};

// The finished units of one study's run, and the pass the run is in. Copies share one state
// (the plan, this shard's units, the progress counts); obtain() may be called from several threads.
class UnitStore {
 public:
  // `directory`: <out>/<study>/units. `fresh`: find() never reuses a finished unit. `progress`
  // (may be null): where per-unit progress lines go once a plan is known (set_plan).
  UnitStore(std::filesystem::path directory, bool fresh, UnitPass pass = UnitPass::run,
            std::ostream* progress = nullptr);

  // The result of the finished unit with exactly this key, or nullopt (none, --fresh, or a file
  // whose key differs). Throws InputError naming the file for an unreadable or malformed one.
  std::optional<nlohmann::json> find(const UnitKey& key) const;
  // Writes {"key": key, "result": result, "seconds": seconds, "computed_by": provenance + finished_at}
  // atomically (base/atomic_file.h). The key excludes the commit and the machine (a unit is reused
  // across commits that do not change its options); computed_by says where and when it was computed.
  void write(const UnitKey& key, const nlohmann::json& result, std::optional<double> seconds = std::nullopt) const;
  // What every unit this store writes records of its making (the runner gives the commit, host, CPU,
  // LibTorch and compiler: app/run_manifest.h unit_provenance). REQUIRES: an object.
  void set_provenance(nlohmann::json provenance) const;
  std::filesystem::path path_of(const UnitKey& key) const;
  const std::filesystem::path& directory() const;

  // The unit's result: the finished unit's when there is one (reused), else
  //   run pass:   work.compute(), written when it finishes;
  //   plan pass:  work.stand_in(), the unit recorded in planned();
  //   shard pass: work.compute() and written when the unit is this shard's, else work.stand_in().
  nlohmann::json obtain(const UnitKey& key, const UnitWork& work) const;

  // Plan pass: every unit asked for, in the order first asked (a unit asked twice counts once).
  std::vector<PlannedUnit> planned() const;
  // What a pass owns of a plan: its units, how many of them OUT holds finished, and how many it
  // will compute (unfinished, or all with --fresh) with their estimated seconds.
  struct PlanShare {
    int units = 0;
    int finished = 0;
    int to_compute = 0;
    double seconds_to_compute = 0.0;
  };
  // Gives a run or shard pass the plan: progress lines (done/total, elapsed, ETA from the plan's
  // estimates) for the units this pass computes, and, with `shard`, the units this shard owns
  // (assign_to_shards, common/unit_schedule.h). Returns this pass's share.
  PlanShare set_plan(const std::vector<PlannedUnit>& plan, std::optional<ShardSpec> shard) const;
  // A partial run (RunOptions::units_of): run and shard passes compute only the unfinished units of
  // these experiments (UnitKey::experiment); the others' unfinished units are stood in. Without a
  // call, every experiment. set_plan's share and progress then count only these experiments' units.
  void compute_only_experiments(std::set<std::string> experiments) const;

  // Units this pass computed, reused, and stood in for (plan and shard passes, and a partial run's
  // unfinished units of the experiments it does not compute).
  int computed() const;
  int reused() const;
  int stood_in() const;
  // The stood-in units by experiment (each unit once, however often asked): how many, and their
  // estimated seconds.
  struct StoodIn {
    int units = 0;
    double estimated_seconds = 0.0;
  };
  std::map<std::string, StoodIn> stood_in_by_experiment() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// A number in [0.25, 0.75] fixed by the key, for stand-in results: they differ between units (so
// that statistics over stand-ins see some spread) and never between passes.
double stand_in_fraction(const UnitKey& key);

// UnitStore::obtain for a typed result with a lossless JSON codec: the result is always the one
// read back through `from_json`, computed or reused, so a resumed run sees what a fresh one sees.
template <typename Result, typename Compute, typename StandIn>
Result obtain_unit(const UnitStore& store, const UnitKey& key, double estimated_seconds, Compute&& compute,
                   StandIn&& stand_in, nlohmann::json (*to_json)(const Result&),
                   Result (*from_json)(const nlohmann::json&)) {
  UnitWork work;
  work.estimated_seconds = estimated_seconds;
  work.compute = [&] { return to_json(compute()); };
  work.stand_in = [&] { return to_json(stand_in()); };
  return from_json(store.obtain(key, work));
}

}  // namespace repro
