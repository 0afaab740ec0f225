// Spreading run units over shards and workers by their estimated cost.
#pragma once

#include <string>
#include <vector>

#include "common/run_units.h"

namespace repro {

// Longest processing time first: the units sorted by estimated seconds (largest first, ties by
// file stem), each given to the least loaded of `shards` shards (the lowest index on a tie).
// Deterministic: every shard process computes the same assignment from the same plan. Returns each
// unit's shard, 1..shards, in the order of `units`. REQUIRES: shards >= 1.
std::vector<int> assign_to_shards(const std::vector<PlannedUnit>& units, int shards);

// The projected wall time of the unfinished units on `workers` parallel workers, each computing
// one unit at a time: the largest load of the same assignment. REQUIRES: workers >= 1.
double projected_wall_seconds(const std::vector<PlannedUnit>& units, int workers);

// The sum of the unfinished units' estimates (one worker's CPU or GPU seconds).
double unfinished_seconds(const std::vector<PlannedUnit>& units);

// An amount of work or wall time as a plan prints it: "95 s" under 2 minutes, "45 min" under 2
// hours, else "2.5 h".
std::string work_time_text(double seconds);

}  // namespace repro
