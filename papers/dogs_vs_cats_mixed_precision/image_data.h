// Dogs vs. Cats images as tensors, split as the thesis split them (80/20, seed 42), and tiny
// synthetic image sets for the smoke tier.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "papers/dogs_vs_cats_mixed_precision/experiments.h"

namespace repro::dogs_vs_cats {

// Decodes every cat.N.jpg / dog.N.jpg of `train_folder`, resized to side x side (data/
// dogs_vs_cats.h: bilinear, 8-bit), as uint8 tensors, split 80/20 with seed 42. Throws InputError
// naming the folder when it holds no such image.
ImageSet load_dogs_vs_cats(const std::filesystem::path& train_folder, std::int64_t side);

// SHA-256 over the bytes of train_images, train_labels, validation_images and validation_labels,
// in order (each made contiguous on the CPU).
std::string image_set_sha256(const ImageSet& set);

// Number of labelled images in `train_folder` (0 when it does not exist).
std::int64_t count_dogs_vs_cats(const std::filesystem::path& train_folder);

// Seeded synthetic images: "dogs" are brighter than "cats" on average, so a classifier can learn.
ImageSet synthetic_image_set(std::int64_t train_images, std::int64_t validation_images,
                             std::int64_t side, std::uint64_t seed);

}  // namespace repro::dogs_vs_cats
