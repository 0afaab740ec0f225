// The training loop of CPT's experiments (a minimal one in this study's folder: the suite's
// common/training harness was not available when this study was written). SGD with momentum
// and weight decay, per-iteration learning rate and bit widths, evaluation on a test split,
// divergence detection, and the run's training BitOPs under CPT's cost model.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/nn/module.h>
#include <torch/types.h>

#include "papers/cyclic_precision_training/classifier.h"
#include "papers/cyclic_precision_training/cpt_precision.h"
#include "papers/cyclic_precision_training/image_data.h"
#include "papers/cyclic_precision_training/operation_count.h"

namespace repro::cyclic_precision_training {

struct TrainingConfig {
  std::string name = "run";
  std::int64_t iterations = 1000;
  std::int64_t batch_size = 128;
  double momentum = 0.9;
  double weight_decay = 1e-4;
  std::uint64_t seed = 0;
  // Per iteration: learning rate, forward bits and gradient bits (0 = full precision).
  std::function<double(std::int64_t)> learning_rate = [](std::int64_t) { return 0.1; };
  std::function<int(std::int64_t)> forward_bits = [](std::int64_t) { return 8; };
  std::function<int(std::int64_t)> gradient_bits = [](std::int64_t) { return 8; };
  // Called after each iteration with its loss and the batch's training accuracy (percent).
  std::function<void(std::int64_t, double, double)> observe;
  // Forward bits for the final evaluation; -1: those of the last iteration.
  int evaluation_forward_bits = -1;
  std::int64_t evaluation_batch_size = 1000;
  bool evaluate = true;  // evaluate on dataset.test at the end
  torch::Device device = torch::kCPU;
};

struct TrainingResult {
  std::string name;
  std::uint64_t seed = 0;
  bool diverged = false;
  std::int64_t iterations_run = 0;
  double final_training_loss = 0.0;  // mean over the last 50 iterations
  std::int64_t test_correct = 0;
  std::int64_t test_count = 0;
  double test_accuracy_percent = 0.0;
  // Σ_t batch · (quantized MACs · (b_t² + 2 b_t g_t) + linear MACs · 3 · 32²); full-precision
  // iterations (bits 0) count 32 bits.
  double training_bitops = 0.0;
  double seconds = 0.0;
  ModelOperations operations;
};

// Trains a model from `factory` on dataset.train and evaluates it on dataset.test.
TrainingResult train_classifier(const ClassifierFactory& factory, const ImageDataset& dataset,
                                const TrainingConfig& config);

// Accuracy (percent) and correct count of `classifier` on a split, in evaluation mode.
std::pair<std::int64_t, double> evaluate_classifier(Classifier& classifier, const ImageSplit& split,
                                                    const data::DeviceAugmentOptions& augmentation,
                                                    std::int64_t batch_size, torch::Device device);

}  // namespace repro::cyclic_precision_training
