#include "papers/dogs_vs_cats_mixed_precision/image_data.h"

#include <ATen/Parallel.h>

#include "base/errors.h"
#include "common/training/unit_identity.h"
#include "data/dogs_vs_cats.h"

namespace repro::dogs_vs_cats {
namespace {

// The thesis's split: 20% validation, seed 42.
constexpr std::uint64_t kSplitSeed = 42;
constexpr double kValidationFraction = 0.2;

void decode_into(const std::vector<data::LabeledImageFile>& files, std::int64_t side,
                 torch::Tensor& images, torch::Tensor& labels) {
  const auto count = static_cast<std::int64_t>(files.size());
  images = torch::empty({count, 3, side, side}, torch::kUInt8);
  labels = torch::empty({count}, torch::kLong);
  const std::int64_t pixels = 3 * side * side;
  std::uint8_t* image_data = images.data_ptr<std::uint8_t>();
  std::int64_t* label_data = labels.data_ptr<std::int64_t>();
  at::parallel_for(0, count, 16, [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t i = begin; i < end; ++i) {
      const auto& file = files[static_cast<std::size_t>(i)];
      const std::vector<float> values = data::load_dogs_vs_cats_image(file.path, static_cast<int>(side));
      // The loader's values are k / 255 for whole k (8-bit resize), so this is exact.
      std::uint8_t* target = image_data + i * pixels;
      for (std::int64_t p = 0; p < pixels; ++p) {
        target[p] = static_cast<std::uint8_t>(std::lround(values[static_cast<std::size_t>(p)] * 255.0f));
      }
      label_data[i] = file.label;
    }
  });
}

}  // namespace

ImageSet load_dogs_vs_cats(const std::filesystem::path& train_folder, std::int64_t side) {
  const auto files = data::list_dogs_vs_cats(train_folder);
  const data::DogsVsCatsSplit split = data::split_dogs_vs_cats(files, kSplitSeed, kValidationFraction);
  ImageSet set;
  decode_into(split.train, side, set.train_images, set.train_labels);
  decode_into(split.validation, side, set.validation_images, set.validation_labels);
  set.content_sha256 = image_set_sha256(set);
  return set;
}

std::string image_set_sha256(const ImageSet& set) {
  return training::tensors_sha256({set.train_images, set.train_labels, set.validation_images, set.validation_labels});
}

std::int64_t count_dogs_vs_cats(const std::filesystem::path& train_folder) {
  if (!std::filesystem::is_directory(train_folder)) return 0;
  try {
    return static_cast<std::int64_t>(data::list_dogs_vs_cats(train_folder).size());
  } catch (const InputError&) {
    return 0;
  }
}

ImageSet synthetic_image_set(std::int64_t train_images, std::int64_t validation_images,
                             std::int64_t side, std::uint64_t seed) {
  auto generator = at::detail::createCPUGenerator(seed);
  const auto make = [&](std::int64_t count, torch::Tensor& images, torch::Tensor& labels) {
    labels = torch::arange(count, torch::kLong).remainder(2);
    const torch::Tensor noise = torch::rand({count, 3, side, side}, generator);
    const torch::Tensor brightness = labels.to(torch::kFloat).mul(0.3).add(0.2).view({count, 1, 1, 1});
    images = (noise * 0.5 + brightness).mul(255.0).round().clamp(0, 255).to(torch::kUInt8);
  };
  ImageSet set;
  make(train_images, set.train_images, set.train_labels);
  make(validation_images, set.validation_images, set.validation_labels);
  set.content_sha256 = image_set_sha256(set);
  return set;
}

}  // namespace repro::dogs_vs_cats
