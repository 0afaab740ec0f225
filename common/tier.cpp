#include "common/tier.h"

#include "base/errors.h"

namespace repro {

std::string to_string(Tier tier) {
  switch (tier) {
    case Tier::smoke: return "smoke";
    case Tier::reduced: return "reduced";
    case Tier::full: return "full";
  }
  return "unknown";
}

Tier parse_tier(const std::string& name, const std::string& option_name) {
  for (Tier tier : all_tiers()) {
    if (to_string(tier) == name) return tier;
  }
  throw InputError(option_name + ": unknown tier '" + name + "' (expected smoke, reduced or full)");
}

const std::vector<Tier>& all_tiers() {
  static const std::vector<Tier> tiers{Tier::smoke, Tier::reduced, Tier::full};
  return tiers;
}

std::string join_tiers(const std::vector<Tier>& tiers) {
  std::string joined;
  for (const std::string& name : tier_names(tiers)) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

std::vector<std::string> tier_names(const std::vector<Tier>& tiers) {
  std::vector<std::string> names;
  for (Tier tier : tiers) names.push_back(to_string(tier));
  return names;
}

}  // namespace repro
