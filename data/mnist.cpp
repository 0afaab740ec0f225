#include "data/mnist.h"

#include "base/errors.h"
#include "data/file_bytes.h"

namespace repro::data {

IdxImages read_idx_images(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_maybe_gzip_file(path);
  return parse_idx_images(bytes.data(), bytes.size(), path.string());
}

std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& path, int max_label) {
  const std::vector<std::uint8_t> bytes = read_maybe_gzip_file(path);
  return parse_idx_labels(bytes.data(), bytes.size(), path.string(), max_label);
}

std::filesystem::path find_mnist_file(const std::filesystem::path& directory, Split split, bool labels) {
  const std::string stem = std::string(split == Split::train ? "train" : "t10k") +
                           (labels ? "-labels-idx1-ubyte" : "-images-idx3-ubyte");
  const std::filesystem::path gz = directory / (stem + ".gz");
  const std::filesystem::path raw = directory / stem;
  if (std::filesystem::is_regular_file(gz)) return gz;
  if (std::filesystem::is_regular_file(raw)) return raw;
  throw InputError(gz.string() + ": missing file (neither it nor " + raw.string() + " exists)");
}

MnistSplit load_mnist_split(const std::filesystem::path& directory, Split split) {
  MnistSplit result;
  const std::filesystem::path images_path = find_mnist_file(directory, split, false);
  const std::filesystem::path labels_path = find_mnist_file(directory, split, true);
  result.images = read_idx_images(images_path);
  result.labels = read_idx_labels(labels_path, 9);
  if (static_cast<std::int64_t>(result.labels.size()) != result.images.count) {
    throw InputError(labels_path.string() + ": has " + std::to_string(result.labels.size()) + " labels but " +
                     images_path.string() + " has " + std::to_string(result.images.count) + " images");
  }
  return result;
}

}  // namespace repro::data
