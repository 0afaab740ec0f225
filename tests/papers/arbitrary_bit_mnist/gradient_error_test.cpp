#include "papers/arbitrary_bit_mnist/gradient_error.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "papers/arbitrary_bit_mnist/verdict_rules.h"

namespace repro::arbitrary_bit_mnist {
namespace {

GradientErrorOptions small_network() {
  GradientErrorOptions options;
  options.inputs = 64;
  options.hidden = 16;
  options.trials = 12;
  return options;
}

TEST(GradientError, BothErrorsShrinkWithBitsAndArePositive) {
  const GradientErrorMeasurement m = measure_gradient_error(small_network());
  ASSERT_EQ(m.forward_error.size(), 6u);
  for (std::size_t b = 0; b < m.bits.size(); ++b) {
    ASSERT_EQ(m.forward_error[b].size(), 12u);
    EXPECT_GT(mean_of(m.backward_error[b]), 0.0) << m.bits[b] << " bits";
    if (b > 0) {
      EXPECT_LT(mean_of(m.backward_error[b]), mean_of(m.backward_error[b - 1])) << m.bits[b] << " bits";
      EXPECT_LT(mean_of(m.forward_error[b]), mean_of(m.forward_error[b - 1])) << m.bits[b] << " bits";
    }
  }
}

// Truncation loses about κε of each product and partial sum: in the backward pass's short dot
// products (10 classes) and single products that is an error of first order in ε.
TEST(GradientError, TheBackwardOnlyErrorIsFirstOrderInEpsilon) {
  const GradientErrorMeasurement m = measure_gradient_error(small_network());
  const ErrorOrder order = error_order(m.epsilon, m.backward_error, 7, 300);
  EXPECT_NEAR(order.slope, 1.0, 0.2);
  EXPECT_LE(order.lower, order.slope);
  EXPECT_GE(order.upper, order.slope);
}

// The forward pass's 64-term dot products accumulate more truncation than the backward pass's
// 10-term ones, so the forward-only error is the larger at every bit size.
TEST(GradientError, TheForwardOnlyErrorIsTheLarger) {
  const GradientErrorMeasurement m = measure_gradient_error(small_network());
  for (std::size_t b = 0; b < m.bits.size(); ++b) {
    EXPECT_GT(paired_ratio(m.forward_error[b], m.backward_error[b]).interval.lower, 1.0) << m.bits[b] << " bits";
  }
}

TEST(GradientError, TheSameSeedGivesTheSameMeasurement) {
  const auto first = measure_gradient_error(small_network());
  const auto second = measure_gradient_error(small_network());
  EXPECT_EQ(first.forward_error, second.forward_error);
  EXPECT_EQ(first.backward_error, second.backward_error);
  GradientErrorOptions other = small_network();
  other.seed = 5;
  EXPECT_NE(measure_gradient_error(other).backward_error, first.backward_error);
}

TEST(GradientError, BadOptionsAreInputErrors) {
  GradientErrorOptions options = small_network();
  options.bits = {16, 20};
  EXPECT_THROW(measure_gradient_error(options), InputError);
  options = small_network();
  options.bits = {8, 16, 20};
  EXPECT_THROW(measure_gradient_error(options), InputError);
  options = small_network();
  options.trials = 1;
  EXPECT_THROW(measure_gradient_error(options), InputError);
}

}  // namespace
}  // namespace repro::arbitrary_bit_mnist
