#include "data/dogs_vs_cats.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "base/errors.h"
#include "data/deterministic_random.h"
#include "data/image_resize.h"
#include "data/jpeg_codec.h"

namespace repro::data {

namespace {

// Parses "cat.123.jpg" / "dog.7.jpg"; false for anything else.
bool parse_file_name(const std::string& name, int& label, std::int64_t& number) {
  std::string rest;
  if (name.rfind("cat.", 0) == 0) {
    label = 0;
  } else if (name.rfind("dog.", 0) == 0) {
    label = 1;
  } else {
    return false;
  }
  rest = name.substr(4);
  const std::string suffix = ".jpg";
  if (rest.size() <= suffix.size() || rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  const std::string digits = rest.substr(0, rest.size() - suffix.size());
  if (digits.empty() || digits.size() > 12 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return false;
  number = std::stoll(digits);
  return true;
}

}  // namespace

std::vector<LabeledImageFile> list_dogs_vs_cats(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) throw InputError(folder.string() + ": missing folder (Dogs vs. Cats)");
  std::vector<LabeledImageFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    LabeledImageFile file;
    if (entry.is_regular_file() && parse_file_name(entry.path().filename().string(), file.label, file.number)) {
      file.path = entry.path();
      files.push_back(file);
    }
  }
  if (files.empty()) throw InputError(folder.string() + ": no cat.N.jpg or dog.N.jpg files");
  std::sort(files.begin(), files.end(), [](const LabeledImageFile& a, const LabeledImageFile& b) {
    return a.label != b.label ? a.label < b.label : a.number < b.number;
  });
  return files;
}

DogsVsCatsSplit split_dogs_vs_cats(const std::vector<LabeledImageFile>& files, std::uint64_t seed,
                                   double validation_fraction) {
  std::vector<LabeledImageFile> order = files;
  DeterministicRandom random(seed);
  fisher_yates_shuffle(order, random);
  const auto validation_count = static_cast<std::size_t>(std::floor(static_cast<double>(order.size()) * validation_fraction));
  DogsVsCatsSplit split;
  split.validation.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(validation_count));
  split.train.assign(order.begin() + static_cast<std::ptrdiff_t>(validation_count), order.end());
  return split;
}

std::vector<float> load_dogs_vs_cats_image(const std::filesystem::path& path, int side) {
  return to_unit_chw(resize_bilinear(read_jpeg(path), side, side));
}

}  // namespace repro::data
