#include "papers/fixed_point_fashion_mnist/fashion_data.h"

#include <algorithm>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include "data/mnist.h"
#include "data/tensor_conversion.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

torch::Tensor first(const torch::Tensor& tensor, std::int64_t count) {
  if (count <= 0 || count >= tensor.size(0)) return tensor;
  return tensor.slice(0, 0, count).clone();
}

}  // namespace

FashionData load_fashion_mnist(const std::filesystem::path& directory, std::int64_t train_images,
                               std::int64_t test_images) {
  FashionData data;
  const auto train = data::load_mnist_split(directory, data::Split::train);
  const auto test = data::load_mnist_split(directory, data::Split::test);
  data.train_images = first(data::idx_images_to_tensor(train.images).to(torch::kFloat) / 255.0,
                            train_images);
  data.train_labels = first(data::labels_to_tensor(train.labels), train_images);
  data.test_images =
      first(data::idx_images_to_tensor(test.images).to(torch::kFloat) / 255.0, test_images);
  data.test_labels = first(data::labels_to_tensor(test.labels), test_images);
  data.source = "FashionMNIST from " + directory.string();
  for (data::Split split : {data::Split::train, data::Split::test}) {
    for (bool labels : {false, true}) data.files.push_back(data::find_mnist_file(directory, split, labels));
  }
  return data;
}

FashionData synthetic_fashion_data(std::int64_t train_images, std::int64_t test_images,
                                   std::uint64_t seed) {
  torch::Generator generator = at::detail::createCPUGenerator(seed);
  const torch::Tensor templates = torch::rand({10, 1, 28, 28}, generator);
  const auto make = [&](std::int64_t count, torch::Tensor& images, torch::Tensor& labels) {
    labels = torch::randint(0, 10, {count}, generator, torch::kLong);
    const torch::Tensor noise = 0.35 * torch::randn({count, 1, 28, 28}, generator);
    images = (templates.index_select(0, labels) + noise).clamp(0.0, 1.0);
  };
  FashionData data;
  make(train_images, data.train_images, data.train_labels);
  make(test_images, data.test_images, data.test_labels);
  data.source = "synthetic: 10 random templates plus Gaussian noise (sd 0.35)";
  return data;
}

}  // namespace repro::fixed_point_fashion_mnist
