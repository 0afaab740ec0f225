#include "data/device_dataset.h"

#include <torch/torch.h>

#include "data/deterministic_random.h"

namespace repro::data {

DeviceAugmentOptions cifar10_train_augmentation() {
  return DeviceAugmentOptions().padding(4).horizontal_flip(true).normalise({0.4914f, 0.4822f, 0.4465f},
                                                                            {0.2470f, 0.2435f, 0.2616f});
}

DeviceAugmentOptions cifar10_eval_augmentation() {
  return DeviceAugmentOptions().normalise({0.4914f, 0.4822f, 0.4465f}, {0.2470f, 0.2435f, 0.2616f});
}

torch::Tensor random_crop_flip(const torch::Tensor& images, std::int64_t padding, bool flip, std::uint64_t seed) {
  using torch::indexing::Slice;
  const std::int64_t batch = images.size(0), height = images.size(2), width = images.size(3);
  std::vector<std::int64_t> tops(batch), lefts(batch);
  std::vector<std::uint8_t> flips(batch);
  DeterministicRandom random(seed);
  for (std::int64_t i = 0; i < batch; ++i) {
    tops[i] = random.uniform_int(0, 2 * padding);
    lefts[i] = random.uniform_int(0, 2 * padding);
    flips[i] = flip && random.bernoulli(0.5);
  }
  const torch::Device device = images.device();
  const auto long_options = torch::TensorOptions().dtype(torch::kInt64);
  torch::Tensor top = torch::from_blob(tops.data(), {batch}, long_options).to(device);
  torch::Tensor left = torch::from_blob(lefts.data(), {batch}, long_options).to(device);
  torch::Tensor flip_mask = torch::from_blob(flips.data(), {batch}, torch::kUInt8).to(device).to(torch::kBool);
  torch::Tensor padded = padding > 0 ? torch::constant_pad_nd(images, {padding, padding, padding, padding}, 0) : images;
  torch::Tensor row_steps = torch::arange(height, long_options.device(device));
  torch::Tensor col_steps = torch::arange(width, long_options.device(device));
  torch::Tensor rows = top.unsqueeze(1) + row_steps.unsqueeze(0);                       // [B, H]
  torch::Tensor cols = torch::where(flip_mask.unsqueeze(1), (width - 1) - col_steps.unsqueeze(0),
                                    col_steps.unsqueeze(0)) + left.unsqueeze(1);          // [B, W]
  torch::Tensor batch_index = torch::arange(batch, long_options.device(device)).view({batch, 1, 1});
  // Advanced indices separated by a slice: the result is [B, H, W, C].
  torch::Tensor gathered = padded.index({batch_index, Slice(), rows.unsqueeze(2), cols.unsqueeze(1)});
  return gathered.permute({0, 3, 1, 2}).contiguous();
}

DeviceResidentDataset::DeviceResidentDataset(const torch::Tensor& images, const torch::Tensor& labels,
                                             torch::Device device, DeviceAugmentOptions augmentation)
    : images_(images.to(device).contiguous()),
      labels_(labels.to(device, torch::kInt64)),
      augmentation_(std::move(augmentation)) {
  TORCH_CHECK(images.dim() == 4 && labels.dim() == 1 && images.size(0) == labels.size(0),
              "DeviceResidentDataset: images [N, C, H, W] and labels [N] must agree");
  const auto float_options = torch::TensorOptions().dtype(torch::kFloat32);
  mean_ = torch::tensor(augmentation_.mean, float_options).view({1, -1, 1, 1}).to(device);
  std_ = torch::tensor(augmentation_.std, float_options).view({1, -1, 1, 1}).to(device);
  start_epoch(0, 0, false);
}

void DeviceResidentDataset::start_epoch(std::int64_t epoch, std::uint64_t seed, bool shuffle) {
  epoch_seed_ = mix_seed(seed, static_cast<std::uint64_t>(epoch));
  std::vector<std::int64_t> order(static_cast<std::size_t>(size()));
  if (shuffle) {
    order = seeded_permutation(size(), epoch_seed_);
  } else {
    for (std::int64_t i = 0; i < size(); ++i) order[static_cast<std::size_t>(i)] = i;
  }
  order_ = torch::tensor(order, torch::kInt64).to(images_.device());
  position_ = 0;
  batch_index_ = 0;
}

std::optional<DeviceBatch> DeviceResidentDataset::next_batch(std::int64_t batch_size) {
  if (position_ >= size()) return std::nullopt;
  const std::int64_t end = std::min(size(), position_ + batch_size);
  torch::Tensor indices = order_.slice(0, position_, end);
  position_ = end;
  torch::Tensor images = images_.index_select(0, indices);
  if (augmentation_.crop_padding > 0 || augmentation_.flip) {
    images = random_crop_flip(images, augmentation_.crop_padding, augmentation_.flip,
                              mix_seed(epoch_seed_, static_cast<std::uint64_t>(batch_index_)));
  }
  ++batch_index_;
  DeviceBatch batch;
  batch.inputs = (images.to(torch::kFloat32).div_(255.0f) - mean_) / std_;
  batch.targets = labels_.index_select(0, indices);
  return batch;
}

}  // namespace repro::data
