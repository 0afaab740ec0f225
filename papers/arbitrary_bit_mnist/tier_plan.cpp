#include "papers/arbitrary_bit_mnist/tier_plan.h"

#include <fmt/format.h>

namespace repro::arbitrary_bit_mnist {

TierPlan plan_for(Tier tier, bool mnist_available) {
  TierPlan plan;
  plan.cnn.shape = NetworkShape();  // 2 × (5×5 conv, pool), 8 and 16 channels, dense 100
  switch (tier) {
    case Tier::smoke:
      // Seconds: checks the machinery on a few hundred images; decides no training claim.
      plan.synthetic_data = !mnist_available;
      plan.logistic.bits = {8, 12, 32};
      plan.logistic.trials = 2;
      plan.logistic.train_images = 500;
      plan.logistic.test_images = 200;
      plan.logistic.iterations = 40;
      plan.cnn.bits = {12, 32};
      plan.cnn.stochastic_bits = {12};
      plan.cnn.activation_bits = {12};
      plan.cnn.seeds = 1;
      plan.cnn.train_images = 256;
      plan.cnn.test_images = 200;
      plan.cnn.evaluation_images = 200;
      plan.cnn.epochs = 1;
      plan.cnn.evaluations_per_epoch = 2;
      plan.cnn.batch_size = 32;
      break;
    case Tier::reduced:
      // Sized to about 6 minutes on 2 loaded cores (README.md): 6 trials per logistic bit size,
      // 3 paired seeds per CNN point, a half-width CNN (4 and 8 channels) on 6,000 images.
      plan.logistic.bits = {6, 8, 9, 10, 11, 12, 13, 14, 16, 20, 32};
      plan.logistic.trials = 6;
      plan.cnn.bits = {10, 11, 12, 13, 14, 16, 20, 32};
      plan.cnn.stochastic_bits = {10, 11, 12, 13};
      plan.cnn.activation_bits = {12, 13, 14, 16};
      plan.cnn.seeds = 3;
      plan.cnn.shape.first_channels = 4;
      plan.cnn.learning_rate = 0.1;
      plan.cnn.train_images = 6000;
      plan.cnn.test_images = 5000;
      plan.cnn.evaluation_images = 1000;
      plan.cnn.epochs = 3;
      plan.cnn.evaluations_per_epoch = 4;
      // float32 reaches ~89% in this budget, so "converged" (for the rounding comparison) is
      // 85% here; the full tier uses the slides' 95%.
      plan.cnn.target_accuracy = 0.85;
      break;
    case Tier::full:
      for (int bits = 4; bits <= 32; ++bits) plan.logistic.bits.push_back(bits);
      plan.logistic.trials = 30;
      for (int bits = 9; bits <= 24; ++bits) plan.cnn.bits.push_back(bits);
      plan.cnn.bits.push_back(32);
      for (int bits = 9; bits <= 20; ++bits) plan.cnn.stochastic_bits.push_back(bits);
      plan.cnn.activation_bits = plan.cnn.stochastic_bits;
      plan.cnn.seeds = 5;
      plan.cnn.epochs = 50;
      plan.cnn.shape.first_channels = 32;  // the TensorFlow MNIST tutorial's 32 and 64
      plan.architecture.run = true;
      break;
  }
  return plan;
}

TierBudget cnn_budget(const CnnPlan& plan, std::int64_t slides_epochs, std::int64_t slides_images) {
  const double passes = static_cast<double>(plan.epochs * plan.train_images);
  const double slides = static_cast<double>(slides_epochs * slides_images);
  const std::string description =
      fmt::format("CNN ({} and {} channels): {} images × {} epochs = {:.0f} image-passes, {:.2g}% of the slides' "
                  "{} × {}", plan.shape.first_channels, 2 * plan.shape.first_channels, plan.train_images, plan.epochs,
                  passes, 100.0 * passes / slides, slides_images, slides_epochs);
  return passes >= slides ? TierBudget::sufficient(description) : TierBudget::below(description);
}

TierBudget logistic_budget(const LogisticPlan& plan, std::int64_t slides_iterations) {
  const std::string description = fmt::format("logistic regression: {} SGD steps of batch {} per trial on {} "
                                              "images (the slides: {} iterations), {} trials per bit size",
                                              plan.iterations, plan.batch_size, plan.train_images,
                                              slides_iterations, plan.trials);
  return plan.iterations >= slides_iterations ? TierBudget::sufficient(description) : TierBudget::below(description);
}

}  // namespace repro::arbitrary_bit_mnist
