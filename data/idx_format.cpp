#include "data/idx_format.h"

#include "base/errors.h"

namespace repro::data {

namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;
constexpr std::int64_t kMaxDimension = std::int64_t{1} << 31;

std::uint32_t read_big_endian_u32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

void append_big_endian_u32(std::vector<std::uint8_t>& out, std::uint32_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 24));
  out.push_back(static_cast<std::uint8_t>(value >> 16));
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

std::string hex_magic(const std::uint8_t* p) {
  static const char* digits = "0123456789abcdef";
  std::string text = "0x";
  for (int i = 0; i < 4; ++i) {
    text += digits[p[i] >> 4];
    text += digits[p[i] & 15];
  }
  return text;
}

// Checks the header and returns the dimensions; the data start at 4 + 4 * dimensions.
std::vector<std::int64_t> parse_header(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                                       std::uint8_t expected_dimensions) {
  if (size < 4) {
    throw InputError(name + ": truncated IDX header: file has " + std::to_string(size) +
                     " bytes, the magic number needs 4 (offset 0)");
  }
  if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != kUnsignedByteType || bytes[3] != expected_dimensions) {
    throw InputError(name + ": wrong IDX magic number " + hex_magic(bytes) + " at offset 0, expected 0x0000080" +
                     std::to_string(expected_dimensions) + " (unsigned bytes, " +
                     std::to_string(expected_dimensions) + " dimension(s))");
  }
  const std::size_t header_size = 4 + 4 * std::size_t{expected_dimensions};
  if (size < header_size) {
    throw InputError(name + ": truncated IDX header: file has " + std::to_string(size) + " bytes, header needs " +
                     std::to_string(header_size) + " (offset " + std::to_string(size) + ")");
  }
  std::vector<std::int64_t> dims;
  for (std::size_t d = 0; d < expected_dimensions; ++d) {
    const std::int64_t value = read_big_endian_u32(bytes + 4 + 4 * d);
    if (value >= kMaxDimension) {
      throw InputError(name + ": IDX dimension " + std::to_string(d) + " = " + std::to_string(value) +
                       " at offset " + std::to_string(4 + 4 * d) + " is implausibly large");
    }
    dims.push_back(value);
  }
  return dims;
}

void check_data_size(std::size_t size, std::size_t header_size, std::int64_t expected_data, const std::string& name,
                     const std::string& what) {
  const std::int64_t available = static_cast<std::int64_t>(size) - static_cast<std::int64_t>(header_size);
  if (available < expected_data) {
    throw InputError(name + ": truncated IDX data: header promises " + what + " = " + std::to_string(expected_data) +
                     " bytes from offset " + std::to_string(header_size) + ", file ends at offset " +
                     std::to_string(size));
  }
  if (available > expected_data) {
    throw InputError(name + ": IDX size disagrees with header counts: " + std::to_string(available - expected_data) +
                     " unexpected trailing bytes from offset " + std::to_string(header_size + expected_data) +
                     " (" + what + ")");
  }
}

}  // namespace

IdxImages parse_idx_images(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const std::vector<std::int64_t> dims = parse_header(bytes, size, name, 3);
  IdxImages images;
  images.count = dims[0];
  images.rows = dims[1];
  images.cols = dims[2];
  if (images.rows == 0 || images.cols == 0) {
    throw InputError(name + ": IDX image dimensions " + std::to_string(images.rows) + "x" +
                     std::to_string(images.cols) + " (offsets 8 and 12) must be positive");
  }
  const std::size_t header_size = 16;
  // count, rows, cols < 2^31 each; check count * rows * cols against the file size without overflow.
  const std::int64_t per_image = images.rows * images.cols;  // < 2^62
  const std::int64_t available = static_cast<std::int64_t>(size) - static_cast<std::int64_t>(header_size);
  const std::string what = std::to_string(images.count) + " images of " + std::to_string(images.rows) + "x" +
                           std::to_string(images.cols);
  if (images.count > available / per_image + 1) {
    throw InputError(name + ": truncated IDX data: header promises " + what + " from offset 16, file ends at offset " +
                     std::to_string(size));
  }
  check_data_size(size, header_size, images.count * per_image, name, what);
  images.pixels.assign(bytes + header_size, bytes + size);
  return images;
}

std::vector<std::uint8_t> parse_idx_labels(const std::uint8_t* bytes, std::size_t size, const std::string& name,
                                           int max_label) {
  const std::vector<std::int64_t> dims = parse_header(bytes, size, name, 1);
  const std::size_t header_size = 8;
  check_data_size(size, header_size, dims[0], name, std::to_string(dims[0]) + " labels");
  std::vector<std::uint8_t> labels(bytes + header_size, bytes + size);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] > max_label) {
      throw InputError(name + ": label " + std::to_string(labels[i]) + " of element " + std::to_string(i) +
                       " (offset " + std::to_string(header_size + i) + ") is out of range 0.." +
                       std::to_string(max_label));
    }
  }
  return labels;
}

std::vector<std::uint8_t> encode_idx_images(const IdxImages& images) {
  std::vector<std::uint8_t> out = {0, 0, kUnsignedByteType, 3};
  append_big_endian_u32(out, static_cast<std::uint32_t>(images.count));
  append_big_endian_u32(out, static_cast<std::uint32_t>(images.rows));
  append_big_endian_u32(out, static_cast<std::uint32_t>(images.cols));
  out.insert(out.end(), images.pixels.begin(), images.pixels.end());
  return out;
}

std::vector<std::uint8_t> encode_idx_labels(const std::vector<std::uint8_t>& labels) {
  std::vector<std::uint8_t> out = {0, 0, kUnsignedByteType, 1};
  append_big_endian_u32(out, static_cast<std::uint32_t>(labels.size()));
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

}  // namespace repro::data
