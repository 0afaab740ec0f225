// Confidence interval of the difference of two proportions measured on the same subjects (two
// classifiers on the same images): Newcombe's hybrid score interval for paired data, method 10 of
// Newcombe (1998), "Improved confidence intervals for the difference between binomial proportions
// based on paired data", Statistics in Medicine 17:2635, in the form given by Fagerland, Lydersen
// & Laake (2013, Stat Methods Med Res 24:224), with phi the uncorrected phi coefficient:
//   p1 = (a + b)/n, p2 = (a + c)/n, Wilson limits [l1, u1], [l2, u2] at `level`,
//   phi = (a d − b c) / sqrt((a+b)(c+d)(a+c)(b+d))   (0 when a margin is empty),
//   lower = p1 − p2 − sqrt((p1 − l1)^2 − 2 phi (p1 − l1)(u2 − p2) + (u2 − p2)^2),
//   upper = p1 − p2 + sqrt((u1 − p1)^2 − 2 phi (u1 − p1)(p2 − l2) + (p2 − l2)^2).
#pragma once

#include <cstdint>

#include "stats/interval.h"

namespace repro::stats {

// The 2x2 table of two paired binary outcomes: a both 1, b only the first 1, c only the second 1,
// d both 0. Returns the interval of p1 − p2 = (b − c)/n (proportions, not percent).
// REQUIRES: every count >= 0, n = a + b + c + d > 0, 0 < level < 1 (else repro::InputError).
Interval paired_proportion_difference_interval(std::int64_t a, std::int64_t b, std::int64_t c,
                                               std::int64_t d, double level = 0.95);

}  // namespace repro::stats
