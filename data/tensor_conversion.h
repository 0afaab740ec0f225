// Reader outputs as LibTorch tensors (CPU; move them with .to(device)).
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "data/cifar_format.h"
#include "data/idx_format.h"

namespace repro::data {

// uint8 [count, 1, rows, cols].
torch::Tensor idx_images_to_tensor(const IdxImages& images);

// int64 [count].
torch::Tensor labels_to_tensor(const std::vector<std::uint8_t>& labels);

// uint8 [count, 3, 32, 32].
torch::Tensor cifar_images_to_tensor(const CifarImages& images);

// float [channels, height, width] from channel-planar floats. REQUIRES: sizes agree.
torch::Tensor chw_to_tensor(const std::vector<float>& chw, std::int64_t channels, std::int64_t height, std::int64_t width);

}  // namespace repro::data
