// Confidence interval of a difference of two independent estimates from their own intervals:
// the MOVER method (Zou & Donner 2008, "Construction of confidence limits about effect measures:
// a general approach", Statistics in Medicine 27:1693). With Wilson intervals of two proportions it
// is exactly Newcombe's hybrid score interval (stats/proportion_difference.h):
//   lower = a - b - sqrt((a - l_a)^2 + (u_b - b)^2)
//   upper = a - b + sqrt((u_a - a)^2 + (b - l_b)^2)
#pragma once

#include "stats/interval.h"

namespace repro::stats {

// REQUIRES: each interval contains its estimate (lower <= value <= upper), all finite
// (else InputError).
Interval mover_difference_interval(double a, const Interval& a_interval, double b,
                                   const Interval& b_interval);

}  // namespace repro::stats
