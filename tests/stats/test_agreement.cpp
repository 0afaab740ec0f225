// The decision model's pieces: placing an interval against a region, the detectable effect, and
// the MOVER difference interval (which with Wilson intervals is Newcombe's).
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "base/errors.h"
#include "stats/agreement.h"
#include "stats/binomial_interval.h"
#include "stats/detectable_effect.h"
#include "stats/difference_interval.h"
#include "stats/proportion_difference.h"

namespace repro::stats {
namespace {

TEST(Agreement, PlacesIntervalsInsideOutsideOrOverlapping) {
  const Region band = band_around(10.0, 2.0);  // [8, 12]
  EXPECT_EQ(place({9.0, 11.0}, band), Placement::inside);
  EXPECT_EQ(place({8.0, 12.0}, band), Placement::inside);  // closed ends
  EXPECT_EQ(place({12.5, 13.0}, band), Placement::outside);
  EXPECT_EQ(place({1.0, 7.9}, band), Placement::outside);
  EXPECT_EQ(place({7.0, 9.0}, band), Placement::overlapping);
  EXPECT_EQ(place({7.0, 13.0}, band), Placement::overlapping);  // wider than the band
  EXPECT_EQ(place({0.5, 3.0}, at_least(0.0)), Placement::inside);
  EXPECT_EQ(place({-3.0, -0.5}, at_least(0.0)), Placement::outside);
  EXPECT_EQ(place({-0.5, 3.0}, at_least(0.0)), Placement::overlapping);
  EXPECT_EQ(place({-3.0, -1.0}, at_most(0.0)), Placement::inside);
}

TEST(Agreement, APointIsNeverOverlapping) {
  EXPECT_EQ(place({12.0, 12.0}, band_around(10.0, 2.0)), Placement::inside);
  EXPECT_EQ(place({12.000001, 12.000001}, band_around(10.0, 2.0)), Placement::outside);
}

TEST(Agreement, RejectsDisorderedOrNaNInput) {
  EXPECT_THROW(place({2.0, 1.0}, band_around(0.0, 1.0)), InputError);
  EXPECT_THROW(place({std::nan(""), 1.0}, band_around(0.0, 1.0)), InputError);
  EXPECT_THROW(band_around(0.0, -1.0), InputError);
  EXPECT_EQ(describe(at_least(0.0)), "[0, +inf)");
  EXPECT_EQ(describe(band_around(1.0, 0.5)), "[0.5, 1.5]");
}

TEST(DetectableEffect, NormalAndStudentT) {
  // scipy: norm.ppf(0.975) + norm.ppf(0.8) = 2.8015852181129683.
  EXPECT_NEAR(minimum_detectable_effect(1.0), 2.8015852181129683, 1e-12);
  EXPECT_NEAR(minimum_detectable_effect(0.5), 0.5 * 2.8015852181129683, 1e-12);
  // t(0.975, 4) = 2.776445, t(0.80, 4) = 0.940965 (statistical tables, six decimals).
  EXPECT_NEAR(minimum_detectable_effect(1.0, 4.0), 2.776445 + 0.940965, 2e-6);
  EXPECT_EQ(minimum_detectable_effect(0.0), 0.0);
  EXPECT_THROW(minimum_detectable_effect(-1.0), InputError);
  EXPECT_THROW(minimum_detectable_effect(1.0, 0.0), InputError);
  EXPECT_THROW(minimum_detectable_effect(1.0, 4.0, 0.05, 1.0), InputError);
}

TEST(DetectableEffect, StandardErrorBehindAnInterval) {
  EXPECT_NEAR(standard_error_of_interval({-1.959963984540054, 1.959963984540054}), 1.0, 1e-12);
  EXPECT_NEAR(standard_error_of_interval({0.0, 2.0 * 2.776445}, 4.0), 1.0, 1e-6);
  EXPECT_NEAR(proportion_standard_error(50, 100), std::sqrt(0.25 / 100.0), 1e-12);
  EXPECT_GT(proportion_standard_error(0, 32), 0.0);
  EXPECT_THROW(proportion_standard_error(33, 32), InputError);
}

TEST(DifferenceInterval, MoverWithWilsonIntervalsIsNewcombe) {
  const auto wilson30 = binomial_interval(30, 32, IntervalMethod::wilson);
  const auto wilson27 = binomial_interval(27, 32, IntervalMethod::wilson);
  const Interval mover = mover_difference_interval(30.0 / 32, wilson30, 27.0 / 32, wilson27);
  const Interval newcombe = newcombe_difference_interval(30, 32, 27, 32);
  EXPECT_NEAR(mover.lower, newcombe.lower, 1e-12);
  EXPECT_NEAR(mover.upper, newcombe.upper, 1e-12);
  EXPECT_NEAR(mover.lower, -0.0705, 1e-3);  // the fixed-point audit's -7.1 to +26.1 points
  EXPECT_NEAR(mover.upper, 0.2613, 1e-3);
}

TEST(DifferenceInterval, RejectsAnEstimateOutsideItsInterval) {
  EXPECT_THROW(mover_difference_interval(2.0, {0.0, 1.0}, 0.0, {0.0, 1.0}), InputError);
}

}  // namespace
}  // namespace repro::stats
