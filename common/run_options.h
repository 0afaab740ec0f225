// The parameters of one `repro run`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/tier.h"
#include "common/unit_pass.h"

namespace repro {

enum class DeviceKind { cpu, cuda };
std::string to_string(DeviceKind device);
// "cpu" or "cuda"; "auto" is cuda when `cuda_available`, cpu otherwise. Throws InputError
// naming `option_name` for anything else.
DeviceKind parse_device(const std::string& name, const std::string& option_name = "--device",
                        bool cuda_available = false);

struct RunOptions {
  Tier tier = Tier::smoke;
  DeviceKind device = DeviceKind::cpu;
  std::filesystem::path data_dir;      // real data sets; empty: none available
  std::filesystem::path output_dir = "repro-results";
  std::filesystem::path papers_dir;    // folder holding papers/<study>/published.json
  std::uint64_t seed = 0;
  // Claims or checks skipped for a missing GPU or data set, and a tier that decides nothing,
  // do not fail the run (CI machines that lack them by design).
  bool allow_skipped = false;
  // Ignore finished run units in the output folder (common/run_units.h) and redo them.
  bool fresh = false;
  // run: compute and decide; plan: list the units only; shard: compute `shard`'s share of the
  // units and decide nothing (common/run_units.h).
  UnitPass unit_pass = UnitPass::run;
  ShardSpec shard;
  // A partial run (`--units-of`): the experiments (run units' UnitKey::experiment) whose unfinished
  // units this run or shard computes; empty: none, finished units only. nullopt: every experiment.
  // The other experiments' finished units are reused and their unfinished ones stood in, and a claim
  // or check decided after a stand-in is skipped with the count and estimated hours of what is
  // missing (StudyContext::decide), never decided on stand-ins.
  std::optional<std::vector<std::string>> units_of;

  RunOptions& with_tier(Tier value) { tier = value; return *this; }
  RunOptions& with_device(DeviceKind value) { device = value; return *this; }
  RunOptions& with_data_dir(std::filesystem::path value) { data_dir = std::move(value); return *this; }
  RunOptions& with_output_dir(std::filesystem::path value) { output_dir = std::move(value); return *this; }
  RunOptions& with_papers_dir(std::filesystem::path value) { papers_dir = std::move(value); return *this; }
  RunOptions& with_seed(std::uint64_t value) { seed = value; return *this; }
  RunOptions& with_allow_skipped(bool value) { allow_skipped = value; return *this; }
  RunOptions& with_fresh(bool value) { fresh = value; return *this; }
  RunOptions& with_unit_pass(UnitPass value) { unit_pass = value; return *this; }
  RunOptions& with_shard(ShardSpec value) { unit_pass = UnitPass::shard; shard = value; return *this; }
  RunOptions& with_units_of(std::vector<std::string> experiments) { units_of = std::move(experiments); return *this; }
};

// The papers/ folder of the source tree this binary was built from, or $REPRO_PAPERS_DIR.
std::filesystem::path default_papers_dir();
// $REPRO_DATA_DIR, or empty.
std::filesystem::path default_data_dir();

}  // namespace repro
