// Kaggle's Dogs vs. Cats: a folder of cat.N.jpg / dog.N.jpg, and the studies' deterministic
// 80/20 train/validation split.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace repro::data {

struct LabeledImageFile {
  std::filesystem::path path;
  int label = 0;            // 0 cat, 1 dog
  std::int64_t number = 0;  // N of cat.N.jpg
};

// The labelled images of `folder`, ordered cats first then dogs, each by N ascending.
// Files not named cat.N.jpg / dog.N.jpg are ignored. Throws InputError naming the folder when it
// is missing or holds no such file.
std::vector<LabeledImageFile> list_dogs_vs_cats(const std::filesystem::path& folder);

struct DogsVsCatsSplit {
  std::vector<LabeledImageFile> train;
  std::vector<LabeledImageFile> validation;
};

// The deterministic split: the listing above (cats then dogs, N ascending) is permuted by
// fisher_yates_shuffle (data/deterministic_random.h: std::mt19937 seeded with `seed`, for i =
// n-1 down to 1 swap i with a rejection-sampled uniform j in [0, i]); the first
// floor(n * validation_fraction) files of the permutation are the validation set, the rest
// (in permuted order) the training set. With n = 2,002 and 0.2: 400 validation, 1,602 train.
DogsVsCatsSplit split_dogs_vs_cats(const std::vector<LabeledImageFile>& files, std::uint64_t seed = 42,
                                   double validation_fraction = 0.2);

// The study's input: decode, resize to side x side (bilinear, half-pixel centres, 8-bit
// rounding; data/image_resize.h), scale to [0, 1]; 3 x side x side floats, channel-planar RGB.
std::vector<float> load_dogs_vs_cats_image(const std::filesystem::path& path, int side = 224);

}  // namespace repro::data
