// A data set held whole on the device (MNIST, FashionMNIST, CIFAR fit easily), with
// augmentation done there by tensor ops, as the fastest CIFAR trainers do: per epoch a seeded
// shuffle, per batch a random crop of the zero-padded images and a horizontal flip, then
// per-channel normalisation. All random draws come from DeterministicRandom on the host, so a
// seed gives the same batches on CPU and GPU.
#pragma once

#include <torch/types.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace repro::data {

struct DeviceAugmentOptions {
  std::int64_t crop_padding = 0;  // 0: no random crop
  bool flip = false;
  std::vector<float> mean = {0.0f};  // per channel, [0, 1] scale (one value broadcasts)
  std::vector<float> std = {1.0f};

  DeviceAugmentOptions& padding(std::int64_t value) { crop_padding = value; return *this; }
  DeviceAugmentOptions& horizontal_flip(bool value) { flip = value; return *this; }
  DeviceAugmentOptions& normalise(std::vector<float> mean_values, std::vector<float> std_values) {
    mean = std::move(mean_values);
    std = std::move(std_values);
    return *this;
  }
};

// CIFAR-10 training: crop 32 with 4 padding, flip, CIFAR-10 channel statistics.
DeviceAugmentOptions cifar10_train_augmentation();
// CIFAR-10 evaluation: normalisation only.
DeviceAugmentOptions cifar10_eval_augmentation();

// Random crop (after zero padding by `padding`) and horizontal flip of a uint8 or float
// [B, C, H, W] batch on its device. Offsets: for each image, top then left in [0, 2 * padding]
// and a flip coin with probability 1/2, drawn from DeterministicRandom(seed) in image order.
torch::Tensor random_crop_flip(const torch::Tensor& images, std::int64_t padding, bool flip, std::uint64_t seed);

struct DeviceBatch {
  torch::Tensor inputs;   // float [B, C, H, W], normalised, on the device
  torch::Tensor targets;  // int64 [B], on the device
};

class DeviceResidentDataset {
 public:
  // images: uint8 [N, C, H, W]; labels: int64 [N]. Both are copied to `device` once.
  DeviceResidentDataset(const torch::Tensor& images, const torch::Tensor& labels, torch::Device device,
                        DeviceAugmentOptions augmentation);

  std::int64_t size() const { return images_.size(0); }
  const torch::Tensor& images() const { return images_; }

  // Starts an epoch: a seeded permutation (mix_seed(seed, epoch)) when shuffle, else in order.
  void start_epoch(std::int64_t epoch, std::uint64_t seed, bool shuffle = true);

  // The next batch of at most batch_size images, or nothing at the epoch's end.
  std::optional<DeviceBatch> next_batch(std::int64_t batch_size);

 private:
  torch::Tensor images_;
  torch::Tensor labels_;
  torch::Tensor mean_;
  torch::Tensor std_;
  DeviceAugmentOptions augmentation_;
  torch::Tensor order_;  // int64 on the device
  std::int64_t position_ = 0;
  std::uint64_t epoch_seed_ = 0;
  std::int64_t batch_index_ = 0;
};

}  // namespace repro::data
