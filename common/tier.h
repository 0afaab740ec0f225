// Tiers of a reproduction: how much of a paper's protocol a run carries out.
#pragma once

#include <string>
#include <vector>

namespace repro {

// smoke: seconds, synthetic or tiny data, every CI run.
// reduced: at most 15 minutes per study on 2 CPU cores with real data.
// full: the paper's protocol, usually on a GPU.
enum class Tier { smoke, reduced, full };

std::string to_string(Tier tier);
// Throws InputError naming `option_name` when `name` is not a tier.
Tier parse_tier(const std::string& name, const std::string& option_name = "--tier");
const std::vector<Tier>& all_tiers();
std::string join_tiers(const std::vector<Tier>& tiers);
// Each tier's name, in order ("smoke", "reduced", ...).
std::vector<std::string> tier_names(const std::vector<Tier>& tiers);

}  // namespace repro
