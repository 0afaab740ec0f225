// EXPECT_RELATIVE(actual, expected, tolerance): |actual - expected| <= tolerance * |expected|,
// or <= tolerance when expected == 0.
#pragma once

#include <cmath>
#include <iomanip>

#include <gtest/gtest.h>

namespace repro::stats::test_support {

inline ::testing::AssertionResult is_relatively_near(const char* actual_text, const char*,
                                                     const char*, double actual, double expected,
                                                     double tolerance) {
  const double allowed = expected == 0.0 ? tolerance : tolerance * std::fabs(expected);
  if (std::fabs(actual - expected) <= allowed) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << std::setprecision(17) << actual_text << " = " << actual << " differs from "
         << expected << " by " << std::fabs(actual - expected) << ", more than " << tolerance
         << (expected == 0.0 ? " (absolute)" : " (relative)");
}

}  // namespace repro::stats::test_support

#define EXPECT_RELATIVE(actual, expected, tolerance) \
  EXPECT_PRED_FORMAT3(::repro::stats::test_support::is_relatively_near, actual, expected, tolerance)

// Tolerance of computations that are exact up to floating-point rounding.
inline constexpr double kExactTolerance = 1e-10;
