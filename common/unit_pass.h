// How a run treats its run units (common/run_units.h): computes them and decides (run), only
// lists them (plan: nothing is trained, nothing is decided), or computes one shard's share and
// decides nothing (shard: `repro run --shard K/N`).
#pragma once

#include <string>

namespace repro {

enum class UnitPass { run, plan, shard };

// Shard K of N (`--shard K/N`), 1 <= index <= count.
struct ShardSpec {
  int index = 1;
  int count = 1;

  // "K/N" with 1 <= K <= N. Throws InputError naming `option_name` otherwise.
  static ShardSpec parse(const std::string& text, const std::string& option_name = "--shard");
  std::string to_string() const { return std::to_string(index) + "/" + std::to_string(count); }
};

}  // namespace repro
