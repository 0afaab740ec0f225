#include "tests/example_study/verdict_rules.h"

#include <string>

#include "common/comparison_decision.h"
#include "stats/binomial_interval.h"

namespace repro::example_study {

Decision heads_share_rule(std::int64_t heads, std::int64_t flips, double published_percent, double margin_points) {
  const stats::Interval interval = stats::binomial_interval(heads, flips, stats::IntervalMethod::wilson);
  Estimate ours;
  ours.value = 100.0 * static_cast<double>(heads) / static_cast<double>(flips);
  ours.interval = {100.0 * interval.lower, 100.0 * interval.upper};
  ours.method = "Wilson 95%, " + std::to_string(heads) + " of " + std::to_string(flips);
  return decide_agreement(kHeadsShareRule, "share of heads", "%", published_percent, ours,
                          {margin_points, "points",
                           "practical, fixed before any run: a coin within 5 points of even is fair for any use "
                           "here (the README's statement is printed as a whole number)"});
}

}  // namespace repro::example_study
