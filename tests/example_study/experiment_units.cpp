#include "tests/example_study/experiment_units.h"

#include <cmath>

#include "base/errors.h"
#include "data/deterministic_random.h"

namespace repro::example_study {

UnitKey flips_unit_key(Tier tier, std::uint64_t seed, std::int64_t flips) {
  return UnitKey{"example_study", tier, /*experiment=*/"flips",
                 /*configuration=*/"fair coin", /*seed=*/seed,
                 {{"flips", flips}}};
}

nlohmann::json coin_flips_to_json(const CoinFlips& result) {
  return {{"flips", result.flips}, {"heads", result.heads}};
}

CoinFlips coin_flips_from_json(const nlohmann::json& value) {
  try {
    return {value.at("flips").get<std::int64_t>(), value.at("heads").get<std::int64_t>()};
  } catch (const nlohmann::json::exception& error) {
    throw InputError(std::string("malformed example_study flips in a run unit: ") + error.what());
  }
}

CoinFlips flip_coins(std::uint64_t seed, std::int64_t flips) {
  data::DeterministicRandom random(seed);
  CoinFlips result{flips, 0};
  for (std::int64_t i = 0; i < flips; ++i) result.heads += static_cast<std::int64_t>(random.next_u32() & 1u);
  return result;
}

CoinFlips obtain_flips(const UnitStore& units, Tier tier, std::uint64_t seed, std::int64_t flips) {
  const UnitKey key = flips_unit_key(tier, seed, flips);
  return obtain_unit<CoinFlips>(
      units, key, 1e-8 * static_cast<double>(flips), [&] { return flip_coins(seed, flips); },
      [&] {
        return CoinFlips{flips, static_cast<std::int64_t>(std::llround(stand_in_fraction(key) * static_cast<double>(flips)))};
      },
      coin_flips_to_json, coin_flips_from_json);
}

}  // namespace repro::example_study
