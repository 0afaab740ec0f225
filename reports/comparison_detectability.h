// What a timing comparison can detect, and whether two runs' timings may be compared at all.
//
// Noise model: the repeats of a timing are independent draws around its median with relative spread
// sigma = (IQR / 1.349) / median on each side (the normal's IQR; robust to an outlier), pooled as
// sqrt((sigma_old^2 + sigma_new^2) / 2). The two-sided Mann-Whitney test at level alpha and power
// 80 % then detects a relative shift of about (z_{1-alpha/2} + z_{0.8}) * sigma * sqrt(1/n + 1/m) *
// sqrt(pi / 3) (the normal approximation with the test's efficiency 3/pi relative to the t test).
// Independently of the noise, the exact test of n vs m distinct samples cannot give p below
// 2 / C(n + m, n): with 3 vs 3 samples that is 0.1, so at alpha 0.05 no slowdown can ever be flagged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/study_results.h"

namespace repro::reports {

// 2 / C(n + m, n), at most 1: the smallest two-sided exact Mann-Whitney p of samples of n and m.
// REQUIRES: n, m >= 1.
double mann_whitney_smallest_p(std::int64_t n, std::int64_t m);

// The pooled relative spread of the noise model; none when a side has fewer than 2 samples or a
// median <= 0.
std::optional<double> relative_noise(const std::vector<double>& old_samples, const std::vector<double>& new_samples);

// The smallest relative slowdown (0.05 = 5 %) the comparison detects with 80 % power; none when it
// cannot detect any (mann_whitney_smallest_p >= alpha, or no noise model).
std::optional<double> minimum_detectable_slowdown(const std::vector<double>& old_samples,
                                                  const std::vector<double>& new_samples, double alpha);

// Samples per side needed to detect a relative slowdown `slowdown` under relative noise `sigma` at
// level alpha with 80 % power (never fewer than the exact test needs to reach p < alpha).
// REQUIRES: slowdown > 0, sigma >= 0, 0 < alpha < 1.
std::int64_t samples_to_detect(double slowdown, double sigma, double alpha);

// The first manifest field (gpu.name, gpu.uuid is not compared: two cards of one model are one
// machine for timings; gpu.driver_version, cuda_version, libtorch_version, cpu) whose values differ
// between the two studies, as "gpu.name: 'A' vs 'B'"; none when the machines match.
std::optional<std::string> machine_difference(const StudyResults& old_study, const StudyResults& new_study);

}  // namespace repro::reports
