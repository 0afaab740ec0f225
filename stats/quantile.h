// Sample quantiles.
#pragma once

#include <vector>

namespace repro::stats {

// The quantile of sorted values by linear interpolation between order statistics, numpy's
// default (numpy.quantile(values, probability), method "linear", Hyndman & Fan type 7):
// h = (n - 1) * probability, result = x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]).
// REQUIRES: sorted_values non-empty and ascending, 0 <= probability <= 1 (else InputError).
double quantile_of_sorted(const std::vector<double>& sorted_values, double probability);

}  // namespace repro::stats
