// Host pipelines that build tensor batches for PrefetchingLoader (data/prefetching_loader.h):
// CIFAR (crop/flip/normalise), SSD on VOC (decode + SSD augmentation) and Dogs vs. Cats
// (decode, resize 224, [0, 1]). Per-sample random streams are mix_seed(batch_seed, position),
// so batches do not depend on the number of worker threads. Batches are built in pinned
// (page-locked) memory when CUDA is available and `pin_memory` is set, so copies to the GPU
// can be asynchronous.
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "data/cifar_format.h"
#include "data/cifar_transforms.h"
#include "data/dogs_vs_cats.h"
#include "data/prefetching_loader.h"
#include "data/ssd_transforms.h"
#include "data/voc_dataset.h"

namespace repro::data {

struct TensorBatch {
  torch::Tensor inputs;                  // float [B, C, H, W]
  torch::Tensor targets;                 // int64 [B] (classification); empty for detection
  std::vector<torch::Tensor> boxes;      // detection: float [n_i, 4] fractions per image
  std::vector<torch::Tensor> box_labels; // detection: int64 [n_i] per image
};

using TensorBatchLoader = PrefetchingLoader<TensorBatch>;

// True when CUDA is available (then pinned host memory helps).
bool cuda_available();

TensorBatch make_cifar_batch(const CifarImages& images, const std::vector<std::int64_t>& indices,
                             std::uint64_t batch_seed, bool train,
                             const CifarTransformOptions& options = CifarTransformOptions(), bool pin_memory = true);

// VOC class indices 0..19 in box_labels; training uses ssd_train_transform, else ssd_test_transform.
TensorBatch make_ssd_batch(const std::vector<VocSample>& samples, const std::vector<std::int64_t>& indices,
                           std::uint64_t batch_seed, bool train,
                           const SsdTransformOptions& options = SsdTransformOptions(), bool pin_memory = true);

TensorBatch make_dogs_vs_cats_batch(const std::vector<LabeledImageFile>& files, const std::vector<std::int64_t>& indices,
                                    int side = 224, bool pin_memory = true);

}  // namespace repro::data
