#include "tests/example_study/experiment_scale.h"

#include <stdexcept>

namespace repro::example_study {

ExperimentScale experiment_scale(Tier tier) {
  switch (tier) {
    case Tier::smoke:
      return {3, 1000};
    case Tier::reduced:
      return {5, 20000};
    default:
      throw std::logic_error("example_study declares the smoke and reduced tiers only");
  }
}

}  // namespace repro::example_study
