// The IDX format of MNIST and FashionMNIST (http://yann.lecun.com/exdb/mnist/): a big-endian
// header (two zero bytes, type byte 0x08 = unsigned byte, number of dimensions, then one 32-bit
// size per dimension) followed by the data. Parsing works on bytes already in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace repro::data {

// count images of rows x cols unsigned bytes, image-major, row-major inside an image.
struct IdxImages {
  std::int64_t count = 0;
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::vector<std::uint8_t> pixels;  // count * rows * cols

  std::int64_t pixels_per_image() const { return rows * cols; }
  // REQUIRES: 0 <= index < count.
  const std::uint8_t* image(std::int64_t index) const { return pixels.data() + index * rows * cols; }
};

// Parses an IDX3 unsigned-byte file (magic 0x00000803). `source_name` (usually the path) is
// named in errors. Throws InputError on a wrong magic number, zero-sized image dimensions,
// a size that disagrees with the header's counts (truncated or trailing bytes), with offsets.
IdxImages parse_idx_images(const std::uint8_t* bytes, std::size_t size, const std::string& source_name);

// Parses an IDX1 unsigned-byte file (magic 0x00000801). Throws InputError as above, and when a
// label exceeds `max_label` (naming the element index and its byte offset).
std::vector<std::uint8_t> parse_idx_labels(const std::uint8_t* bytes, std::size_t size,
                                           const std::string& source_name, int max_label = 255);

// Serialises to IDX (the inverse of the parsers).
std::vector<std::uint8_t> encode_idx_images(const IdxImages& images);
std::vector<std::uint8_t> encode_idx_labels(const std::vector<std::uint8_t>& labels);

}  // namespace repro::data
