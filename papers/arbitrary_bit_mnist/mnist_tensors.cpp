#include "papers/arbitrary_bit_mnist/mnist_tensors.h"

#include <string>

#include <torch/torch.h>

#include "base/errors.h"
#include "common/study_context.h"
#include "data/mnist.h"
#include "data/tensor_conversion.h"

namespace repro::arbitrary_bit_mnist {
namespace {

void split_to_tensors(const data::MnistSplit& split, std::int64_t count, torch::Tensor& images,
                      torch::Tensor& labels) {
  const auto available = static_cast<std::int64_t>(split.labels.size());
  if (count <= 0 || count > available) {
    throw InputError("arbitrary_bit_mnist: asked for " + std::to_string(count) +
                     " MNIST images, the split has " + std::to_string(available));
  }
  images = data::idx_images_to_tensor(split.images).slice(0, 0, count).to(torch::kFloat32) / 255.0;
  labels = data::labels_to_tensor(split.labels).slice(0, 0, count).clone();
}

}  // namespace

MnistTensors load_mnist_tensors(StudyContext& context, std::int64_t train_count,
                                std::int64_t test_count) {
  const auto directory = context.data_dir() / "mnist";
  MnistTensors tensors;
  for (const data::Split split : {data::Split::train, data::Split::test}) {
    for (const bool labels : {false, true}) {
      context.record_data_file(data::find_mnist_file(directory, split, labels));
    }
  }
  split_to_tensors(data::load_mnist_split(directory, data::Split::train), train_count,
                   tensors.train_images, tensors.train_labels);
  split_to_tensors(data::load_mnist_split(directory, data::Split::test), test_count,
                   tensors.test_images, tensors.test_labels);
  return tensors;
}

MnistTensors synthetic_mnist_tensors(std::int64_t train_count, std::int64_t test_count,
                                     std::uint64_t seed) {
  torch::manual_seed(seed);
  const auto projection = torch::randn({28 * 28, 10});
  const auto make = [&](std::int64_t count, torch::Tensor& images, torch::Tensor& labels) {
    images = torch::rand({count, 1, 28, 28});
    labels = images.flatten(1).matmul(projection).argmax(1);
  };
  MnistTensors tensors;
  make(train_count, tensors.train_images, tensors.train_labels);
  make(test_count, tensors.test_images, tensors.test_labels);
  return tensors;
}

}  // namespace repro::arbitrary_bit_mnist
