// A closed interval [lower, upper], the result of every confidence-interval function in stats/.
#pragma once

namespace repro::stats {

struct Interval {
  double lower = 0.0;
  double upper = 0.0;
};

}  // namespace repro::stats
