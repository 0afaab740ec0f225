// The images CPT's experiments train on: FashionMNIST (reduced tier), CIFAR-10/100 (full tier),
// as uint8 [N, C, H, W] tensors with int64 labels, plus the augmentation each uses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <torch/types.h>

#include "data/device_dataset.h"

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

struct ImageSplit {
  torch::Tensor images;  // uint8 [N, C, H, W]
  torch::Tensor labels;  // int64 [N]
};

struct ImageDataset {
  std::string name;
  ImageSplit train;
  ImageSplit test;
  std::int64_t num_classes = 10;
  data::DeviceAugmentOptions train_augmentation;
  data::DeviceAugmentOptions test_augmentation;
  // image_dataset_sha256 of the splits as trained on (after any downsampling), for run-unit keys;
  // empty until set.
  std::string content_sha256;
  std::vector<std::int64_t> image_shape() const;  // [C, H, W]
};

// SHA-256 of the four tensors (training images and labels, test images and labels).
std::string image_dataset_sha256(const ImageDataset& dataset);

// Loads data set `name` ("fashion-mnist", "cifar-10", "cifar-100") located under data_dir
// (data::locate_dataset), keeping the first train_limit / test_limit images (0 = all), and
// records the files read in `context` when given. Throws repro::InputError when absent.
ImageDataset load_image_dataset(const std::string& name, const std::filesystem::path& data_dir,
                                std::int64_t train_limit, std::int64_t test_limit,
                                StudyContext* context = nullptr);

// Ten classes of 1×side×side uint8 images, each class a fixed random template plus noise,
// deterministic for `seed`; name "synthetic", normalised to mean 0.5 / deviation 0.25. The smoke
// tier trains on it (seconds, no data set needed). REQUIRES: train_images, test_images >= 1.
ImageDataset synthetic_image_dataset(std::int64_t train_images, std::int64_t test_images, std::int64_t side,
                                     std::uint64_t seed);

// The split with every image average-pooled by `factor` (uint8, rounded to nearest):
// 28×28 → 14×14 for factor 2. factor 1 returns the split as is. REQUIRES: factor >= 1.
ImageSplit downsample_images(const ImageSplit& split, std::int64_t factor);

}  // namespace repro::cyclic_precision_training
