// The sizes of CPT's training experiments at each tier: the data set, model, iterations, seeds
// and learning-rate schedule. Full is the paper's CIFAR protocol; reduced is a small CIFAR-style
// ResNet on FashionMNIST sized for 2 CPU cores.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "papers/cyclic_precision_training/cifar_resnet.h"
#include "papers/cyclic_precision_training/precision_range_test.h"

namespace repro::cyclic_precision_training {

struct ExperimentScale {
  std::string dataset = "fashion-mnist";  // or "synthetic" (synthetic_image_dataset)
  std::int64_t synthetic_side = 14;      // "synthetic" only
  std::int64_t train_limit = 0;  // 0: the whole split
  std::int64_t test_limit = 0;
  std::int64_t image_downsample = 1;  // average-pool the images by this factor (2: 28 → 14)
  CifarResNetOptions model;
  std::int64_t batch_size = 128;
  int seeds = 5;         // CPT against static precision
  int table1_seeds = 5;  // each Table 1 configuration

  // CPT against static precision (Table 2 / Figure 5).
  std::int64_t iterations = 64000;
  std::int64_t cycles = 32;
  double learning_rate = 0.1;
  std::vector<double> decay_at_fraction = {0.5, 0.75};  // ×0.1 at each
  bool include_progressive = true;

  // Table 1: phase 1 at a learning rate and precision, then full precision at 0.01 and 0.001.
  std::int64_t phase1_iterations = 32000;  // 80 of 160 epochs
  std::int64_t phase2_iterations = 32000;
  double low_learning_rate = 0.01;
  double high_learning_rate = 0.1;
  int low_precision_bits = 4;
  bool include_high_learning_rate = true;

  PrecisionRangeTestOptions range_test;

  // Learning rate at iteration t of the CPT-versus-static runs.
  double learning_rate_at(std::int64_t iteration) const;
};

// Synthetic 14×14 images (synthetic_image_dataset: train_limit and test_limit images), ResNet-8 at
// widths 4/8/16, a few dozen iterations per run: the experiments' mechanics in seconds.
ExperimentScale smoke_scale();
// FashionMNIST, ResNet-8 (widths 8/16/32), sized to finish in minutes on 2 cores.
ExperimentScale reduced_scale();
// The paper's protocol: ResNet-74 on CIFAR-100, 64,000 iterations of batch 128, 32 cycles.
ExperimentScale full_scale();

}  // namespace repro::cyclic_precision_training
