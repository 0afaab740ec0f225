// MNIST as float tensors for this study: the first `count` images of each split (the files are
// already in random order), pixels scaled to [0, 1].
#pragma once

#include <cstdint>

#include <torch/types.h>

namespace repro {
class StudyContext;
}

namespace repro::arbitrary_bit_mnist {

struct MnistTensors {
  torch::Tensor train_images;  // float32 [n, 1, 28, 28] in [0, 1]
  torch::Tensor train_labels;  // int64 [n]
  torch::Tensor test_images;
  torch::Tensor test_labels;
};

// Reads <data_dir>/mnist and records its files in the run manifest.
// REQUIRES: 0 < train_count <= 60000, 0 < test_count <= 10000 (else repro::InputError).
MnistTensors load_mnist_tensors(StudyContext& context, std::int64_t train_count,
                                std::int64_t test_count);

// Machinery fixtures when MNIST is absent (smoke tier): uniform random images whose label is
// the argmax of a fixed random linear map of the pixels, so the task is learnable.
MnistTensors synthetic_mnist_tensors(std::int64_t train_count, std::int64_t test_count,
                                     std::uint64_t seed);

}  // namespace repro::arbitrary_bit_mnist
