#include "data/synthetic_batches.h"

#include <torch/torch.h>

#include "base/errors.h"

namespace repro::data {

StudyInput parse_study_input(const std::string& name) {
  if (name == "mnist") return StudyInput::mnist;
  if (name == "fashion-mnist") return StudyInput::fashion_mnist;
  if (name == "cifar-10") return StudyInput::cifar10;
  if (name == "cifar-100") return StudyInput::cifar100;
  if (name == "ssd300") return StudyInput::ssd300;
  if (name == "dogs-vs-cats") return StudyInput::dogs_vs_cats;
  throw InputError("unknown study input '" + name +
                   "' (known: mnist, fashion-mnist, cifar-10, cifar-100, ssd300, dogs-vs-cats)");
}

TensorBatch synthetic_batch(StudyInput input, std::int64_t batch_size, std::uint64_t seed, torch::Device device) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const auto floats = torch::TensorOptions().dtype(torch::kFloat32);
  const auto longs = torch::TensorOptions().dtype(torch::kInt64);
  TensorBatch batch;
  switch (input) {
    case StudyInput::mnist:
    case StudyInput::fashion_mnist:
      batch.inputs = torch::randn({batch_size, 1, 28, 28}, generator, floats);
      batch.targets = torch::randint(0, 10, {batch_size}, generator, longs);
      break;
    case StudyInput::cifar10:
    case StudyInput::cifar100:
      batch.inputs = torch::randn({batch_size, 3, 32, 32}, generator, floats);
      batch.targets = torch::randint(0, input == StudyInput::cifar10 ? 10 : 100, {batch_size}, generator, longs);
      break;
    case StudyInput::dogs_vs_cats:
      batch.inputs = torch::rand({batch_size, 3, 224, 224}, generator, floats);
      batch.targets = torch::randint(0, 2, {batch_size}, generator, longs);
      break;
    case StudyInput::ssd300:
      batch.inputs = torch::randn({batch_size, 3, 300, 300}, generator, floats);
      for (std::int64_t i = 0; i < batch_size; ++i) {
        const std::int64_t boxes = torch::randint(1, 9, {1}, generator, longs).item<std::int64_t>();
        torch::Tensor corners = torch::rand({boxes, 2, 2}, generator, floats);  // two random points per box
        torch::Tensor low = std::get<0>(corners.min(1)), high = std::get<0>(corners.max(1));
        batch.boxes.push_back(torch::cat({low, high + 0.01f}, 1).clamp_max(1.0f).to(device));
        batch.box_labels.push_back(torch::randint(0, 20, {boxes}, generator, longs).to(device));
      }
      break;
  }
  batch.inputs = batch.inputs.to(device);
  if (batch.targets.defined()) batch.targets = batch.targets.to(device);
  return batch;
}

}  // namespace repro::data
