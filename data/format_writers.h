// Writers of small files in every real format, for tests and benchmarks (CIFAR, VOC and the
// full Dogs vs. Cats are not available here), and seeded synthetic contents for them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/cifar_format.h"
#include "data/idx_format.h"
#include "data/image.h"
#include "data/voc_annotation.h"

namespace repro::data {

void write_idx_images(const std::filesystem::path& path, const IdxImages& images, bool gzip);
void write_idx_labels(const std::filesystem::path& path, const std::vector<std::uint8_t>& labels, bool gzip);
void write_cifar_batch(const std::filesystem::path& path, const CifarImages& images, CifarKind kind);

struct VocSampleToWrite {
  std::string id;
  Image image;               // written as JPEGImages/<id>.jpg
  VocAnnotation annotation;  // written as Annotations/<id>.xml
};

// Writes a VOC year folder (voc_root = .../VOCdevkit/VOC2007): JPEGImages, Annotations and
// ImageSets/Main/<image_set>.txt listing the ids.
void write_voc_folder(const std::filesystem::path& voc_root, const std::vector<VocSampleToWrite>& samples,
                      const std::string& image_set);

// Writes cat.0.jpg .. and dog.0.jpg .. into `folder`.
void write_dogs_vs_cats_folder(const std::filesystem::path& folder, const std::vector<Image>& cats,
                               const std::vector<Image>& dogs);

// Seeded synthetic contents.
IdxImages synthetic_idx_images(std::int64_t count, std::int64_t rows, std::int64_t cols, std::uint64_t seed);
std::vector<std::uint8_t> synthetic_labels(std::int64_t count, int classes, std::uint64_t seed);
CifarImages synthetic_cifar(std::int64_t count, CifarKind kind, std::uint64_t seed);
// A photograph-like RGB image (smooth gradients plus noise), so JPEG sizes are realistic.
Image synthetic_photo(int height, int width, std::uint64_t seed);
// An image with 1..4 random boxes of random VOC classes, some marked difficult.
VocSampleToWrite synthetic_voc_sample(const std::string& id, int height, int width, std::uint64_t seed);

}  // namespace repro::data
