// Synthetic batches of the exact shapes and types each study feeds its network, for speed
// benchmarks that must not depend on data being present.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <string>

#include "data/pipeline_batches.h"

namespace repro::data {

enum class StudyInput {
  mnist,          // float [B, 1, 28, 28], targets int64 in 0..9
  fashion_mnist,  // float [B, 1, 28, 28], targets int64 in 0..9
  cifar10,        // float [B, 3, 32, 32], targets int64 in 0..9
  cifar100,       // float [B, 3, 32, 32], targets int64 in 0..99
  ssd300,         // float [B, 3, 300, 300]; per image 1..8 boxes float [n, 4] (fractions) + labels 0..19
  dogs_vs_cats,   // float [B, 3, 224, 224] in [0, 1], targets int64 in 0..1
};

// Parses "mnist", "fashion-mnist", "cifar-10", "cifar-100", "ssd300", "dogs-vs-cats";
// throws InputError naming the value otherwise.
StudyInput parse_study_input(const std::string& name);

// A batch of `batch_size` seeded random inputs of the study's shape, on `device`.
TensorBatch synthetic_batch(StudyInput input, std::int64_t batch_size, std::uint64_t seed,
                            torch::Device device = torch::kCPU);

}  // namespace repro::data
