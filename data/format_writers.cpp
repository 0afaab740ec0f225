#include "data/format_writers.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "base/errors.h"
#include "data/deterministic_random.h"
#include "data/file_bytes.h"
#include "data/jpeg_codec.h"

namespace repro::data {

void write_idx_images(const std::filesystem::path& path, const IdxImages& images, bool gzip) {
  write_file_bytes(path, encode_idx_images(images), gzip);
}

void write_idx_labels(const std::filesystem::path& path, const std::vector<std::uint8_t>& labels, bool gzip) {
  write_file_bytes(path, encode_idx_labels(labels), gzip);
}

void write_cifar_batch(const std::filesystem::path& path, const CifarImages& images, CifarKind kind) {
  write_file_bytes(path, encode_cifar_batch(images, kind));
}

void write_voc_folder(const std::filesystem::path& voc_root, const std::vector<VocSampleToWrite>& samples,
                      const std::string& image_set) {
  std::filesystem::create_directories(voc_root / "ImageSets" / "Main");
  std::filesystem::create_directories(voc_root / "Annotations");
  std::filesystem::create_directories(voc_root / "JPEGImages");
  std::ofstream list(voc_root / "ImageSets" / "Main" / (image_set + ".txt"));
  if (!list) throw InputError((voc_root / "ImageSets" / "Main").string() + ": cannot write image-set list");
  for (const VocSampleToWrite& sample : samples) {
    write_jpeg(voc_root / "JPEGImages" / (sample.id + ".jpg"), sample.image, 92);
    const std::string xml = encode_voc_annotation(sample.annotation);
    write_file_bytes(voc_root / "Annotations" / (sample.id + ".xml"), std::vector<std::uint8_t>(xml.begin(), xml.end()));
    list << sample.id << "\n";
  }
}

void write_dogs_vs_cats_folder(const std::filesystem::path& folder, const std::vector<Image>& cats,
                               const std::vector<Image>& dogs) {
  for (std::size_t i = 0; i < cats.size(); ++i) write_jpeg(folder / ("cat." + std::to_string(i) + ".jpg"), cats[i]);
  for (std::size_t i = 0; i < dogs.size(); ++i) write_jpeg(folder / ("dog." + std::to_string(i) + ".jpg"), dogs[i]);
}

IdxImages synthetic_idx_images(std::int64_t count, std::int64_t rows, std::int64_t cols, std::uint64_t seed) {
  DeterministicRandom random(seed);
  IdxImages images;
  images.count = count;
  images.rows = rows;
  images.cols = cols;
  images.pixels.resize(static_cast<std::size_t>(count * rows * cols));
  for (std::uint8_t& pixel : images.pixels) pixel = static_cast<std::uint8_t>(random.next_u32() >> 24);
  return images;
}

std::vector<std::uint8_t> synthetic_labels(std::int64_t count, int classes, std::uint64_t seed) {
  DeterministicRandom random(seed);
  std::vector<std::uint8_t> labels(static_cast<std::size_t>(count));
  for (std::uint8_t& label : labels) label = static_cast<std::uint8_t>(random.uniform_below(static_cast<std::uint64_t>(classes)));
  return labels;
}

CifarImages synthetic_cifar(std::int64_t count, CifarKind kind, std::uint64_t seed) {
  DeterministicRandom random(seed);
  CifarImages images;
  images.count = count;
  images.pixels.resize(static_cast<std::size_t>(count * kCifarImageBytes));
  for (std::uint8_t& pixel : images.pixels) pixel = static_cast<std::uint8_t>(random.next_u32() >> 24);
  const int classes = kind == CifarKind::cifar10 ? 10 : 100;
  images.labels = synthetic_labels(count, classes, seed + 1);
  if (kind == CifarKind::cifar100) {
    // Any fixed fine -> coarse map will do for tests: fine / 5.
    for (std::uint8_t fine : images.labels) images.coarse_labels.push_back(static_cast<std::uint8_t>(fine / 5));
  }
  return images;
}

Image synthetic_photo(int height, int width, std::uint64_t seed) {
  DeterministicRandom random(seed);
  Image image(height, width, 3);
  const double fx = random.uniform(0.01, 0.05), fy = random.uniform(0.01, 0.05);
  const double phase[3] = {random.uniform(0, 6.28), random.uniform(0, 6.28), random.uniform(0, 6.28)};
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < 3; ++c) {
        const double base = 128 + 90 * std::sin(fx * x + phase[c]) * std::cos(fy * y + phase[(c + 1) % 3]);
        const double noise = random.uniform(-12, 12);
        image.at(y, x, c) = static_cast<std::uint8_t>(std::min(255.0, std::max(0.0, base + noise)));
      }
    }
  }
  return image;
}

VocSampleToWrite synthetic_voc_sample(const std::string& id, int height, int width, std::uint64_t seed) {
  DeterministicRandom random(seed);
  VocSampleToWrite sample;
  sample.id = id;
  sample.image = synthetic_photo(height, width, seed);
  sample.annotation.filename = id + ".jpg";
  sample.annotation.width = width;
  sample.annotation.height = height;
  sample.annotation.depth = 3;
  const int objects = static_cast<int>(random.uniform_int(1, 4));
  for (int i = 0; i < objects; ++i) {
    VocObject object;
    object.class_index = static_cast<int>(random.uniform_below(20));
    object.class_name = voc_class_names()[object.class_index];
    const int box_width = static_cast<int>(random.uniform_int(8, width / 2));
    const int box_height = static_cast<int>(random.uniform_int(8, height / 2));
    object.xmin = static_cast<float>(random.uniform_int(0, width - box_width - 1));
    object.ymin = static_cast<float>(random.uniform_int(0, height - box_height - 1));
    object.xmax = object.xmin + box_width;
    object.ymax = object.ymin + box_height;
    object.difficult = random.bernoulli(0.2);
    sample.annotation.objects.push_back(object);
  }
  return sample;
}

}  // namespace repro::data
