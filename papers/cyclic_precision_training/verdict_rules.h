// The statistical rules that turn per-seed accuracies into verdicts. Each returns the Decision
// with its measured values, the rule in words, and the reason.
#pragma once

#include <string>
#include <vector>

#include "common/claim.h"

namespace repro::cyclic_precision_training {

// "A is not worse than B" (CPT ≥ static): paired t-test over seeds of a[i] − b[i] (percentage
// points) with a two-sided 95% interval. Reproduced when the interval's lower end is above
// −margin_points; not reproduced when its upper end is below −margin_points (A is worse by more
// than the margin); inconclusive otherwise. REQUIRES: a.size() == b.size() >= 2.
Decision paired_non_inferiority(const std::vector<double>& a, const std::vector<double>& b,
                                double margin_points, const std::string& a_name,
                                const std::string& b_name);

// "A is better than B": paired t-test over seeds of a[i] − b[i] with a two-sided 95% interval.
// Reproduced when the interval's lower end is above 0; not reproduced when its upper end is at
// or below 0; inconclusive when it contains 0. REQUIRES: a.size() == b.size() >= 2.
Decision paired_superiority(const std::vector<double>& a, const std::vector<double>& b,
                            const std::string& a_name, const std::string& b_name);

// Our value against a published one: reproduced when |ours − published| <= tolerance.
Decision within_tolerance(double ours, double published, double tolerance,
                          const std::string& what, const std::string& unit);

}  // namespace repro::cyclic_precision_training
