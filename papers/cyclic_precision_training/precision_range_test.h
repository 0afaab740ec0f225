// CPT's precision range test (Section 3.3): train from scratch with the forward precision
// rising one bit every `iterations_per_precision` iterations from `start_bits`, average the
// training accuracy of each precision's segment, and take as B_min the first precision whose
// average exceeds the previous precision's by more than `threshold_points`. The upper bound is
// the static precision counterpart (not searched).
#pragma once

#include <cstdint>
#include <vector>

#include <torch/types.h>

#include "papers/cyclic_precision_training/classifier.h"
#include "papers/cyclic_precision_training/image_data.h"

namespace repro::cyclic_precision_training {

struct PrecisionRangeTestOptions {
  int start_bits = 2;
  int max_bits = 8;
  int gradient_bits = 8;
  std::int64_t iterations_per_precision = 50;
  std::int64_t batch_size = 128;
  double learning_rate = 0.1;
  double threshold_points = 2.0;  // training-accuracy rise (percentage points)
  std::uint64_t seed = 0;
  torch::Device device = torch::kCPU;  // where it trains (the study's run device)
};

struct PrecisionRangeTestResult {
  std::vector<int> bits;                      // start_bits .. max_bits
  std::vector<double> mean_training_accuracy; // percent, per precision segment
  int lower_bound_bits = 0;                   // max_bits when no rise exceeds the threshold
};

// REQUIRES: 1 <= start_bits < max_bits, iterations_per_precision >= 1.
PrecisionRangeTestResult precision_range_test(const ClassifierFactory& factory,
                                              const ImageDataset& dataset,
                                              const PrecisionRangeTestOptions& options);

// The rule alone: the first bits[i] (i >= 1) with accuracy[i] − accuracy[i − 1] > threshold,
// else bits.back(). REQUIRES: bits.size() == accuracy.size() >= 1.
int lower_bound_from_accuracies(const std::vector<int>& bits, const std::vector<double>& accuracy,
                                double threshold_points);

}  // namespace repro::cyclic_precision_training
