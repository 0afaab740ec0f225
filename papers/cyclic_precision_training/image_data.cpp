#include "papers/cyclic_precision_training/image_data.h"

#include <torch/torch.h>

#include "base/errors.h"
#include "common/study_context.h"
#include "common/training/unit_identity.h"
#include "data/cifar_format.h"
#include "data/dataset_registry.h"
#include "data/mnist.h"
#include "data/tensor_conversion.h"

namespace repro::cyclic_precision_training {
namespace {

ImageSplit first(const ImageSplit& split, std::int64_t limit) {
  if (limit <= 0 || limit >= split.images.size(0)) return split;
  return {split.images.slice(0, 0, limit).clone(), split.labels.slice(0, 0, limit).clone()};
}

ImageSplit from_cifar(const data::CifarImages& images) {
  return {data::cifar_images_to_tensor(images), data::labels_to_tensor(images.labels)};
}

}  // namespace

ImageSplit downsample_images(const ImageSplit& split, std::int64_t factor) {
  if (factor <= 1) return split;
  torch::NoGradGuard no_grad;
  const torch::Tensor pooled = torch::avg_pool2d(split.images.to(torch::kFloat32), factor, factor);
  return {pooled.round().clamp(0, 255).to(torch::kUInt8), split.labels};
}

std::string image_dataset_sha256(const ImageDataset& dataset) {
  return training::tensors_sha256({dataset.train.images, dataset.train.labels, dataset.test.images, dataset.test.labels});
}

ImageDataset synthetic_image_dataset(std::int64_t train_images, std::int64_t test_images, std::int64_t side,
                                     std::uint64_t seed) {
  if (train_images < 1 || test_images < 1) throw InputError("synthetic_image_dataset: image counts must be >= 1");
  auto generator = at::detail::createCPUGenerator(seed);
  const torch::Tensor templates = torch::rand({10, 1, side, side}, generator);
  const auto split = [&](std::int64_t count) {
    const torch::Tensor labels = torch::arange(count, torch::kLong).remainder(10);
    const torch::Tensor noise = torch::rand({count, 1, side, side}, generator);
    const torch::Tensor images = (templates.index_select(0, labels) * 0.7 + noise * 0.3).mul(255.0).round();
    return ImageSplit{images.clamp(0, 255).to(torch::kUInt8), labels};
  };
  ImageDataset dataset;
  dataset.name = "synthetic";
  dataset.train = split(train_images);
  dataset.test = split(test_images);
  dataset.train_augmentation = data::DeviceAugmentOptions().normalise({0.5f}, {0.25f});
  dataset.test_augmentation = dataset.train_augmentation;
  return dataset;
}

std::vector<std::int64_t> ImageDataset::image_shape() const {
  return {train.images.size(1), train.images.size(2), train.images.size(3)};
}

ImageDataset load_image_dataset(const std::string& name, const std::filesystem::path& data_dir,
                                std::int64_t train_limit, std::int64_t test_limit,
                                StudyContext* context) {
  const data::DatasetLocation location = data::locate_dataset(name, data_dir);
  if (!location.found) {
    throw InputError("data set " + name + " not found under " + data_dir.string());
  }
  ImageDataset dataset;
  dataset.name = name;
  if (name == "fashion-mnist" || name == "mnist") {
    for (const bool train : {true, false}) {
      const auto split = train ? data::Split::train : data::Split::test;
      const data::MnistSplit loaded = data::load_mnist_split(location.directory, split);
      ImageSplit tensors{data::idx_images_to_tensor(loaded.images),
                         data::labels_to_tensor(loaded.labels)};
      (train ? dataset.train : dataset.test) = tensors;
      if (context) {
        context->record_data_file(data::find_mnist_file(location.directory, split, false));
        context->record_data_file(data::find_mnist_file(location.directory, split, true));
      }
    }
    // FashionMNIST training-set statistics on the [0, 1] scale (MNIST: 0.1307 / 0.3081).
    const float mean = name == "mnist" ? 0.1307f : 0.2860f;
    const float deviation = name == "mnist" ? 0.3081f : 0.3530f;
    dataset.train_augmentation = data::DeviceAugmentOptions().normalise({mean}, {deviation});
    dataset.test_augmentation = dataset.train_augmentation;
  } else if (name == "cifar-10") {
    const auto folder = location.directory / "cifar-10-batches-bin";
    dataset.train = from_cifar(data::load_cifar10(folder, true));
    dataset.test = from_cifar(data::load_cifar10(folder, false));
    dataset.train_augmentation = data::cifar10_train_augmentation();
    dataset.test_augmentation = data::cifar10_eval_augmentation();
  } else if (name == "cifar-100") {
    const auto folder = location.directory / "cifar-100-binary";
    dataset.train = from_cifar(data::load_cifar100(folder, true));
    dataset.test = from_cifar(data::load_cifar100(folder, false));
    dataset.num_classes = 100;
    const std::vector<float> mean = {0.5071f, 0.4865f, 0.4409f};
    const std::vector<float> deviation = {0.2673f, 0.2564f, 0.2762f};
    dataset.train_augmentation =
        data::DeviceAugmentOptions().padding(4).horizontal_flip(true).normalise(mean, deviation);
    dataset.test_augmentation = data::DeviceAugmentOptions().normalise(mean, deviation);
  } else {
    throw InputError("cyclic_precision_training: no loader for data set " + name);
  }
  dataset.train = first(dataset.train, train_limit);
  dataset.test = first(dataset.test, test_limit);
  return dataset;
}

}  // namespace repro::cyclic_precision_training
