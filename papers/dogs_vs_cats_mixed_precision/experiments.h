// The study's measurements with LibTorch: a single- vs mixed-precision accuracy pair (the same
// initial weights trained twice, per-image correctness of the best epoch, McNemar) and the
// ms-per-step timing of training and inference steps.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "common/training/classifier_training.h"
#include "common/training/precision_mode.h"
#include "common/training/step_timer.h"
#include "papers/dogs_vs_cats_mixed_precision/verdict_rules.h"

namespace repro::dogs_vs_cats {

// Images as uint8 [N, 3, side, side] (pixel values 0..255; the model sees value / 255) and
// labels int64 [N] (0 cat, 1 dog).
struct ImageSet {
  torch::Tensor train_images, train_labels;
  torch::Tensor validation_images, validation_labels;
  // SHA-256 of the four tensors' bytes (image_set_sha256), set by the loaders (image_data.h) so a
  // run's units need not hash the same images once per unit; "" when not computed.
  std::string content_sha256;
  std::int64_t side() const { return train_images.size(3); }
};

// Which network, at which size, and how it is trained.
struct NetworkSpec {
  // e.g. "vgg16 width/8 shallow".
  std::string describe() const;

  TORCH_ARG(std::string, architecture) = "vgg16";
  TORCH_ARG(std::int64_t, width_divisor) = 1;  // 1 = the published network
  TORCH_ARG(bool, shallow) = false;            // fewer blocks (common/models/model_factory.h)
  TORCH_ARG(std::int64_t, hidden_units) = 1024;
  // A weight file for the base (common/training load_state_dict format); empty = random init.
  TORCH_ARG(std::filesystem::path, base_weights) = "";
  // The thesis's accuracy runs freeze the base; its speed runs train everything.
  TORCH_ARG(bool, freeze_base) = true;
};

struct PairOptions {
  TORCH_ARG(std::int64_t, epochs) = 8;  // the best validation epoch is kept
  TORCH_ARG(std::int64_t, batch_size) = 64;
  TORCH_ARG(double, learning_rate) = 1e-4;  // Adam
  TORCH_ARG(std::uint64_t, seed) = 0;
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
  // The mixed precision of the run: amp-fp16 on CUDA (Keras mixed_float16), amp-bf16 on CPU.
  TORCH_ARG(training::PrecisionMode, mixed_mode) = training::PrecisionMode::amp_bf16;
};

struct PrecisionRun {
  std::string precision;                 // "fp32", "amp-bf16", "amp-fp16"
  std::vector<double> epoch_accuracy;    // validation accuracy after each epoch (0..1)
  std::vector<double> losses;            // per iteration
  std::int64_t best_epoch = 0;           // 1-based epoch with the best validation accuracy
  training::EvaluationResult best;       // its evaluation, with per-image correctness
  std::int64_t skipped_steps = 0;        // loss-scaler skips (amp-fp16)
  bool diverged = false;
  std::string divergence_reason;
  double wall_ms = 0.0;
  bool frozen_base_unchanged = true;     // base parameters and buffers bit-identical after training
  bool trainable_parameters_changed = false;
};

struct PairResult {
  NetworkSpec network;
  PrecisionRun single, mixed;
  ContingencyTable table;  // single vs mixed at their best epochs
};

// Builds the network with the seed (same initial weights for both runs), loads base_weights,
// freezes the base when asked, trains with Adam and the binary logit loss in fp32 and in
// options.mixed_mode, and compares the best epochs image by image.
// REQUIRES: data non-empty with side >= the network's minimum input side.
PairResult train_single_and_mixed(const NetworkSpec& network, const ImageSet& data,
                                  const PairOptions& options);

struct SpeedOptions {
  TORCH_ARG(std::int64_t, batch_size) = 64;
  TORCH_ARG(std::int64_t, side) = 224;
  TORCH_ARG(std::int64_t, warmup_iterations) = 5;
  TORCH_ARG(std::int64_t, timed_iterations) = 30;
  TORCH_ARG(std::uint64_t, seed) = 0;
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
  TORCH_ARG(training::PrecisionMode, mixed_mode) = training::PrecisionMode::amp_bf16;
};

struct SpeedResult {
  NetworkSpec network;
  std::string mixed_precision;
  training::StepTiming training_single, training_mixed;    // ms per training step
  training::StepTiming inference_single, inference_mixed;  // ms per inference step
};

// Times training steps (whole network trainable, Adam, batch of synthetic images of the real
// shape; amp-fp16 with dynamic loss scaling) and inference steps (eval, no grad) in fp32 and in
// the mixed mode. Timing on CUDA uses CUDA events (common/training/step_timer.h).
SpeedResult measure_speed(const NetworkSpec& network, const SpeedOptions& options);

}  // namespace repro::dogs_vs_cats
