#include "papers/arbitrary_bit_mnist/error_analysis.h"

#include <gtest/gtest.h>

#include "papers/arbitrary_bit_mnist/verdict_rules.h"

namespace repro::arbitrary_bit_mnist {
namespace {

TEST(ForwardError, SequentialTruncationGrowsLinearlyAndNearThePrediction) {
  ForwardErrorOptions options;
  options.trials = 60;
  options.widths = {8, 32, 128, 512};
  const auto measurement = measure_forward_error(options);
  ASSERT_EQ(measurement.mean_relative_error.size(), 4u);
  for (std::size_t i = 0; i < measurement.widths.size(); ++i) {
    const double ratio = measurement.mean_relative_error[i] / measurement.predicted_relative_error[i];
    EXPECT_GT(ratio, 0.5) << "width " << measurement.widths[i];
    EXPECT_LT(ratio, 2.0) << "width " << measurement.widths[i];
    if (i > 0) EXPECT_GT(measurement.mean_relative_error[i], measurement.mean_relative_error[i - 1]);
  }
  std::vector<double> widths(options.widths.begin(), options.widths.end());
  EXPECT_GT(fit_line(widths, measurement.mean_relative_error).r_squared, 0.99);
}

TEST(ForwardError, PairwiseSummationLosesFarLess) {
  ForwardErrorOptions options;
  options.trials = 30;
  options.widths = {512};
  const double sequential = measure_forward_error(options).mean_relative_error[0];
  options.summation = Summation::pairwise;
  const double pairwise = measure_forward_error(options).mean_relative_error[0];
  EXPECT_LT(pairwise, sequential / 5);
  EXPECT_GT(pairwise, 0.0);
}

TEST(ForwardError, PredictionIsLinearInWidth) {
  const double step = predict_relative_error(20, 300) - predict_relative_error(20, 200);
  EXPECT_NEAR(predict_relative_error(20, 400) - predict_relative_error(20, 300), step, step * 1e-3);
  EXPECT_NEAR(predict_relative_error(21, 300), predict_relative_error(20, 300) / 2, 1e-15);
}

}  // namespace
}  // namespace repro::arbitrary_bit_mnist
