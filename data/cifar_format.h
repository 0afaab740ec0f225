// CIFAR-10 and CIFAR-100 binary batches (https://www.cs.toronto.edu/~kriz/cifar.html).
// CIFAR-10 record: 1 label byte (0..9) + 3072 pixel bytes; CIFAR-100 record: coarse label
// (0..19) + fine label (0..99) + 3072 pixel bytes. Pixels are channel-planar: 1024 red, 1024
// green, 1024 blue, each 32 rows of 32.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace repro::data {

enum class CifarKind { cifar10, cifar100 };

constexpr std::int64_t kCifarImageBytes = 3 * 32 * 32;

struct CifarImages {
  std::int64_t count = 0;
  std::vector<std::uint8_t> pixels;         // count x 3 x 32 x 32 (CHW per image)
  std::vector<std::uint8_t> labels;         // CIFAR-10 label, or CIFAR-100 fine label
  std::vector<std::uint8_t> coarse_labels;  // CIFAR-100 only (empty for CIFAR-10)

  const std::uint8_t* image(std::int64_t index) const { return pixels.data() + index * kCifarImageBytes; }
};

// Bytes per record: 3073 (CIFAR-10) or 3074 (CIFAR-100).
std::int64_t cifar_record_bytes(CifarKind kind);

// Parses one binary batch. Throws InputError naming `source_name` when the size is not a
// positive multiple of the record size (truncated), or a label is out of range (naming the
// record and its byte offset).
CifarImages parse_cifar_batch(const std::uint8_t* bytes, std::size_t size, CifarKind kind,
                              const std::string& source_name);

// The inverse of parse_cifar_batch.
std::vector<std::uint8_t> encode_cifar_batch(const CifarImages& images, CifarKind kind);

// Reads one batch file.
CifarImages read_cifar_batch(const std::filesystem::path& path, CifarKind kind);

// Appends `more` to `images`.
void append_cifar_images(CifarImages& images, const CifarImages& more);

// CIFAR-10 train (data_batch_1.bin .. data_batch_5.bin) or test (test_batch.bin) from the
// folder holding them (cifar-10-batches-bin).
CifarImages load_cifar10(const std::filesystem::path& batches_folder, bool train);

// CIFAR-100 train.bin or test.bin from the folder holding them (cifar-100-binary).
CifarImages load_cifar100(const std::filesystem::path& binary_folder, bool train);

}  // namespace repro::data
