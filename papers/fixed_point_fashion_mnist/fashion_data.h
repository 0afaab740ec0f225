// The study's data: real FashionMNIST as float tensors, or a synthetic stand-in for the smoke tier
// when the data set is absent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <torch/types.h>

namespace repro::fixed_point_fashion_mnist {

struct FashionData {
  torch::Tensor train_images;  // float [N, 1, 28, 28], pixel / 255 in [0, 1]
  torch::Tensor train_labels;  // int64 [N]
  torch::Tensor test_images;   // float [M, 1, 28, 28]
  torch::Tensor test_labels;   // int64 [M]
  std::string source;          // "FashionMNIST from <dir>" or "synthetic ..."
  std::vector<std::filesystem::path> files;  // the files read (for the manifest)
};

// The first `train_images` training images and the first `test_images` test images of the
// FashionMNIST copy in `directory` (0 = all). Throws repro::InputError naming a missing file.
FashionData load_fashion_mnist(const std::filesystem::path& directory, std::int64_t train_images,
                               std::int64_t test_images);

// Ten classes of 28x28 images, each class a fixed random template plus noise, deterministic for
// `seed`: learnable in a few hundred steps. Used by the smoke tier without real data.
FashionData synthetic_fashion_data(std::int64_t train_images, std::int64_t test_images,
                                   std::uint64_t seed);

}  // namespace repro::fixed_point_fashion_mnist
