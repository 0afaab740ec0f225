#include "data/cifar_format.h"

#include "base/errors.h"
#include "data/file_bytes.h"

namespace repro::data {

std::int64_t cifar_record_bytes(CifarKind kind) {
  return (kind == CifarKind::cifar10 ? 1 : 2) + kCifarImageBytes;
}

CifarImages parse_cifar_batch(const std::uint8_t* bytes, std::size_t size, CifarKind kind,
                              const std::string& name) {
  const std::int64_t record = cifar_record_bytes(kind);
  const auto total = static_cast<std::int64_t>(size);
  if (total == 0 || total % record != 0) {
    throw InputError(name + ": CIFAR batch size " + std::to_string(total) + " bytes is not a positive multiple of the " +
                     std::to_string(record) + "-byte record (truncated at offset " + std::to_string(total) +
                     ", record " + std::to_string(total / record) + ")");
  }
  CifarImages images;
  images.count = total / record;
  images.pixels.resize(static_cast<std::size_t>(images.count * kCifarImageBytes));
  images.labels.resize(static_cast<std::size_t>(images.count));
  if (kind == CifarKind::cifar100) images.coarse_labels.resize(static_cast<std::size_t>(images.count));
  const int label_limit = kind == CifarKind::cifar10 ? 10 : 100;
  for (std::int64_t i = 0; i < images.count; ++i) {
    const std::uint8_t* entry = bytes + i * record;
    if (kind == CifarKind::cifar100) {
      if (entry[0] >= 20) {
        throw InputError(name + ": coarse label " + std::to_string(entry[0]) + " of record " + std::to_string(i) +
                         " (offset " + std::to_string(i * record) + ") is out of range 0..19");
      }
      images.coarse_labels[i] = entry[0];
    }
    const std::int64_t label_offset = kind == CifarKind::cifar100 ? 1 : 0;
    const std::uint8_t label = entry[label_offset];
    if (label >= label_limit) {
      throw InputError(name + ": label " + std::to_string(label) + " of record " + std::to_string(i) + " (offset " +
                       std::to_string(i * record + label_offset) + ") is out of range 0.." +
                       std::to_string(label_limit - 1));
    }
    images.labels[i] = label;
    std::copy(entry + label_offset + 1, entry + record, images.pixels.begin() + i * kCifarImageBytes);
  }
  return images;
}

std::vector<std::uint8_t> encode_cifar_batch(const CifarImages& images, CifarKind kind) {
  std::vector<std::uint8_t> out;
  out.reserve(static_cast<std::size_t>(images.count * cifar_record_bytes(kind)));
  for (std::int64_t i = 0; i < images.count; ++i) {
    if (kind == CifarKind::cifar100) out.push_back(images.coarse_labels.at(i));
    out.push_back(images.labels.at(i));
    out.insert(out.end(), images.image(i), images.image(i) + kCifarImageBytes);
  }
  return out;
}

CifarImages read_cifar_batch(const std::filesystem::path& path, CifarKind kind) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path);
  return parse_cifar_batch(bytes.data(), bytes.size(), kind, path.string());
}

void append_cifar_images(CifarImages& images, const CifarImages& more) {
  images.count += more.count;
  images.pixels.insert(images.pixels.end(), more.pixels.begin(), more.pixels.end());
  images.labels.insert(images.labels.end(), more.labels.begin(), more.labels.end());
  images.coarse_labels.insert(images.coarse_labels.end(), more.coarse_labels.begin(), more.coarse_labels.end());
}

CifarImages load_cifar10(const std::filesystem::path& folder, bool train) {
  if (!train) return read_cifar_batch(folder / "test_batch.bin", CifarKind::cifar10);
  CifarImages images;
  for (int batch = 1; batch <= 5; ++batch) {
    append_cifar_images(images, read_cifar_batch(folder / ("data_batch_" + std::to_string(batch) + ".bin"), CifarKind::cifar10));
  }
  return images;
}

CifarImages load_cifar100(const std::filesystem::path& folder, bool train) {
  return read_cifar_batch(folder / (train ? "train.bin" : "test.bin"), CifarKind::cifar100);
}

}  // namespace repro::data
