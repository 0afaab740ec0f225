// Where an interval of ours lies against a claim's region of agreement: the one decision model
// of every claim (reproduced / not reproduced / inconclusive), TOST-style. A claim that "x equals
// the published p" has the region [p - margin, p + margin]; "A is better than B" has the region
// [0, +inf) for A - B; "A is not worse than B by more than m" has [-m, +inf).
#pragma once

#include <limits>
#include <string>

#include "stats/interval.h"

namespace repro::stats {

// A closed region [lower, upper] of the real line; an end may be -inf / +inf (unbounded).
struct Region {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
};

// [center - margin, center + margin]. REQUIRES: margin >= 0, both finite (else InputError).
Region band_around(double center, double margin);
// [lower, +inf) and (-inf, upper].
Region at_least(double lower);
Region at_most(double upper);

enum class Placement {
  inside,       // the whole interval lies in the region
  outside,      // no point of the interval lies in the region
  overlapping,  // part in, part out: the data cannot tell
};

// REQUIRES: interval.lower <= interval.upper, no NaN (else InputError). A point interval
// (lower == upper) is inside or outside, never overlapping.
Placement place(const Interval& interval, const Region& region);

// "[lo, hi]", "[lo, +inf)" with `digits` significant digits.
std::string describe(const Region& region, int digits = 4);

}  // namespace repro::stats
