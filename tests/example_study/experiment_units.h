// The study's measurements as run units (common/run_units.h): flipping one seed's coins is one
// unit, keyed by the tier, the seed and the number of flips, so a run resumes, plans and shards.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "common/run_units.h"

namespace repro::example_study {

struct CoinFlips {
  std::int64_t flips = 0;
  std::int64_t heads = 0;
};

UnitKey flips_unit_key(Tier tier, std::uint64_t seed, std::int64_t flips);
nlohmann::json coin_flips_to_json(const CoinFlips& result);
CoinFlips coin_flips_from_json(const nlohmann::json& value);  // InputError naming the field

// `flips` fair coins from data::DeterministicRandom(seed): the same on every platform.
CoinFlips flip_coins(std::uint64_t seed, std::int64_t flips);

// The unit's result: reused when finished, else flipped (or stood in for by a plan or shard pass).
// Estimated cost: 1e-8 s a flip (this machine, 2026-12-04; it is far below a second anyway).
CoinFlips obtain_flips(const UnitStore& units, Tier tier, std::uint64_t seed, std::int64_t flips);

}  // namespace repro::example_study
