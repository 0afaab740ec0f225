// One CPT training run on the suite's harness (common/training train_classifier, which owns
// the loop, batching, shuffling, divergence checks and evaluation). What this file adds is the
// study's part: the per-iteration bit widths of the shared CptPrecision (hook
// on_iteration_start), the run's training BitOPs under CPT's cost model (on_iteration_end),
// the data set's augmentation and normalisation as the harness's batch / evaluation
// transforms, and the final evaluation at a chosen forward precision.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
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
  // Called after each completed iteration with its loss and the batch's training accuracy
  // (percent); the diverging iteration, if any, is not observed.
  std::function<void(std::int64_t, double, double)> observe;
  // Forward bits for the final evaluation; -1: those of the last iteration.
  int evaluation_forward_bits = -1;
  std::int64_t evaluation_batch_size = 1000;
  bool evaluate = true;  // evaluate on dataset.test at the end
  bool record_numerics = true;  // the convolutions' quantization counted (TrainingResult::numerics)
  torch::Device device = torch::kCPU;
};

struct TrainingResult {
  std::string name;
  std::uint64_t seed = 0;
  bool diverged = false;
  std::int64_t iterations_run = 0;   // including a diverging one
  double final_training_loss = 0.0;  // mean over the last 50 completed iterations
  std::int64_t test_correct = 0;
  std::int64_t test_count = 0;
  double test_accuracy_percent = 0.0;
  // Σ_t batch · (quantized MACs · (b_t² + 2 b_t g_t) + linear MACs · 3 · 32²); full-precision
  // iterations (bits 0) count 32 bits.
  double training_bitops = 0.0;
  double seconds = 0.0;
  ModelOperations operations;
  // Numerical-health telemetry (sampled every 32nd iteration), one period per epoch; empty when
  // config.record_numerics is false.
  std::vector<quantization::NumericsPeriod> numerics;
};

// Seeds the global generator with config.seed, builds a model from `factory`, trains it on
// dataset.train with repro::training::train_classifier (SGD, batches of config.batch_size with
// the last partial batch of an epoch dropped, shuffled per epoch from config.seed, for
// config.iterations iterations) and evaluates it on dataset.test.
// REQUIRES: config.iterations > 0, config.batch_size <= dataset.train size (else
// repro::InputError from the harness).
TrainingResult train_classifier(const ClassifierFactory& factory, const ImageDataset& dataset,
                                const TrainingConfig& config);

// The harness's batch transform for `augmentation`: random crop / flip (when configured) seeded
// from (seed, iteration), then uint8 -> float /255, per-channel normalisation. Deterministic in
// (seed, iteration).
std::function<torch::Tensor(const torch::Tensor&, std::int64_t)> training_batch_transform(
    const data::DeviceAugmentOptions& augmentation, std::uint64_t seed);

// Normalisation only (no crop / flip): the harness's evaluation transform.
std::function<torch::Tensor(const torch::Tensor&)> evaluation_input_transform(
    const data::DeviceAugmentOptions& augmentation);

}  // namespace repro::cyclic_precision_training
