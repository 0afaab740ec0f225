#include "data/pipeline_batches.h"

#include <torch/torch.h>

#include "data/jpeg_codec.h"

namespace repro::data {

bool cuda_available() { return torch::cuda::is_available(); }

namespace {

torch::Tensor host_buffer(std::vector<std::int64_t> shape, torch::ScalarType type, bool pin_memory) {
  return torch::empty(shape, torch::TensorOptions().dtype(type).pinned_memory(pin_memory && cuda_available()));
}

}  // namespace

TensorBatch make_cifar_batch(const CifarImages& images, const std::vector<std::int64_t>& indices,
                             std::uint64_t batch_seed, bool train, const CifarTransformOptions& options,
                             bool pin_memory) {
  const auto count = static_cast<std::int64_t>(indices.size());
  TensorBatch batch;
  batch.inputs = host_buffer({count, 3, 32, 32}, torch::kFloat32, pin_memory);
  batch.targets = host_buffer({count}, torch::kInt64, pin_memory);
  float* inputs = batch.inputs.data_ptr<float>();
  std::int64_t* targets = batch.targets.data_ptr<std::int64_t>();
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int64_t index = indices[static_cast<std::size_t>(i)];
    if (train) {
      DeterministicRandom random(mix_seed(batch_seed, static_cast<std::uint64_t>(i)));
      cifar_train_transform(images.image(index), inputs + i * kCifarImageBytes, random, options);
    } else {
      cifar_test_transform(images.image(index), inputs + i * kCifarImageBytes, options);
    }
    targets[i] = images.labels[static_cast<std::size_t>(index)];
  }
  return batch;
}

TensorBatch make_ssd_batch(const std::vector<VocSample>& samples, const std::vector<std::int64_t>& indices,
                           std::uint64_t batch_seed, bool train, const SsdTransformOptions& options, bool pin_memory) {
  const auto count = static_cast<std::int64_t>(indices.size());
  const std::int64_t size = options.output_size;
  TensorBatch batch;
  batch.inputs = host_buffer({count, 3, size, size}, torch::kFloat32, pin_memory);
  float* inputs = batch.inputs.data_ptr<float>();
  for (std::int64_t i = 0; i < count; ++i) {
    const VocSample& sample = samples[static_cast<std::size_t>(indices[static_cast<std::size_t>(i)])];
    DetectionSample detection;
    detection.image = to_float_image(read_jpeg(sample.image_path));
    for (const VocObject& object : sample.annotation.objects) {
      // 0-based inclusive pixel indices -> continuous coordinates covering those pixels.
      detection.boxes.push_back({object.xmin, object.ymin, object.xmax + 1, object.ymax + 1});
      detection.labels.push_back(object.class_index);
    }
    SsdInput input;
    if (train) {
      DeterministicRandom random(mix_seed(batch_seed, static_cast<std::uint64_t>(i)));
      input = ssd_train_transform(std::move(detection), random, options);
    } else {
      input = ssd_test_transform(detection, options);
    }
    std::copy(input.image_chw.begin(), input.image_chw.end(), inputs + i * 3 * size * size);
    const auto boxes = static_cast<std::int64_t>(input.labels.size());
    batch.boxes.push_back(torch::from_blob(input.boxes.data(), {boxes, 4}, torch::kFloat32).clone());
    std::vector<std::int64_t> labels(input.labels.begin(), input.labels.end());
    batch.box_labels.push_back(torch::tensor(labels, torch::kInt64));
  }
  return batch;
}

TensorBatch make_dogs_vs_cats_batch(const std::vector<LabeledImageFile>& files, const std::vector<std::int64_t>& indices,
                                    int side, bool pin_memory) {
  const auto count = static_cast<std::int64_t>(indices.size());
  TensorBatch batch;
  batch.inputs = host_buffer({count, 3, side, side}, torch::kFloat32, pin_memory);
  batch.targets = host_buffer({count}, torch::kInt64, pin_memory);
  float* inputs = batch.inputs.data_ptr<float>();
  std::int64_t* targets = batch.targets.data_ptr<std::int64_t>();
  for (std::int64_t i = 0; i < count; ++i) {
    const LabeledImageFile& file = files[static_cast<std::size_t>(indices[static_cast<std::size_t>(i)])];
    const std::vector<float> image = load_dogs_vs_cats_image(file.path, side);
    std::copy(image.begin(), image.end(), inputs + i * 3 * side * side);
    targets[i] = file.label;
  }
  return batch;
}

}  // namespace repro::data
