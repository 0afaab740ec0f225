// MNIST and FashionMNIST from their four IDX files, gzip-compressed or raw.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "data/idx_format.h"

namespace repro::data {

enum class Split { train, test };

// Reads an IDX3 image file (raw or .gz). Errors name the file and offset.
IdxImages read_idx_images(const std::filesystem::path& path);

// Reads an IDX1 label file (raw or .gz); labels above max_label are an error.
std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& path, int max_label = 255);

struct MnistSplit {
  IdxImages images;                  // count x 28 x 28
  std::vector<std::uint8_t> labels;  // count labels in 0..9
};

// The file `directory` holds for one split and kind: e.g. train-images-idx3-ubyte.gz, or the raw
// train-images-idx3-ubyte when no .gz exists. Throws InputError naming both candidates if neither exists.
std::filesystem::path find_mnist_file(const std::filesystem::path& directory, Split split, bool labels);

// Loads one split of MNIST or FashionMNIST (same file names) from `directory`
// (e.g. data_dir / "mnist"). Checks that image and label counts agree and labels are 0..9.
MnistSplit load_mnist_split(const std::filesystem::path& directory, Split split);

}  // namespace repro::data
