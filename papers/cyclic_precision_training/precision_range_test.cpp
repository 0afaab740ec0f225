#include "papers/cyclic_precision_training/precision_range_test.h"

#include "papers/cyclic_precision_training/trainer.h"

namespace repro::cyclic_precision_training {

int lower_bound_from_accuracies(const std::vector<int>& bits, const std::vector<double>& accuracy,
                                double threshold_points) {
  for (std::size_t i = 1; i < bits.size(); ++i) {
    if (accuracy[i] - accuracy[i - 1] > threshold_points) return bits[i];
  }
  return bits.back();
}

PrecisionRangeTestResult precision_range_test(const ClassifierFactory& factory,
                                              const ImageDataset& dataset,
                                              const PrecisionRangeTestOptions& options) {
  PrecisionRangeTestResult result;
  const int segments = options.max_bits - options.start_bits + 1;
  std::vector<double> sums(segments, 0.0);
  std::vector<std::int64_t> counts(segments, 0);
  TrainingConfig config;
  config.name = "precision range test";
  config.iterations = segments * options.iterations_per_precision;
  config.batch_size = options.batch_size;
  config.seed = options.seed;
  config.evaluate = false;
  config.device = options.device;
  const std::int64_t per = options.iterations_per_precision;
  const int start = options.start_bits;
  config.learning_rate = [&options](std::int64_t) { return options.learning_rate; };
  config.forward_bits = [start, per](std::int64_t t) { return start + static_cast<int>(t / per); };
  config.gradient_bits = [&options](std::int64_t) { return options.gradient_bits; };
  // The second half of each segment: the accuracy reached at that precision.
  config.observe = [&](std::int64_t t, double, double accuracy) {
    if (t % per >= per / 2) {
      sums[t / per] += accuracy;
      ++counts[t / per];
    }
  };
  train_classifier(factory, dataset, config);
  for (int i = 0; i < segments; ++i) {
    result.bits.push_back(start + i);
    result.mean_training_accuracy.push_back(counts[i] > 0 ? sums[i] / counts[i] : 0.0);
  }
  result.lower_bound_bits =
      lower_bound_from_accuracies(result.bits, result.mean_training_accuracy, options.threshold_points);
  return result;
}

}  // namespace repro::cyclic_precision_training
