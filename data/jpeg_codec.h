// JPEG decoding and encoding with libjpeg(-turbo).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/image.h"

namespace repro::data {

// Decodes a JPEG to 3-channel RGB (grey and CMYK/YCCK inputs are converted), with libjpeg's
// accurate integer IDCT (JDCT_ISLOW) and fancy upsampling, so results are reproducible for a
// given libjpeg-turbo version. Throws InputError naming `source_name` and libjpeg's message on
// a corrupt or truncated stream.
Image decode_jpeg(const std::uint8_t* bytes, std::size_t size, const std::string& source_name);

// Reads and decodes a JPEG file.
Image read_jpeg(const std::filesystem::path& path);

// Encodes a 1- or 3-channel image as baseline JPEG. REQUIRES: 1 <= quality <= 100.
std::vector<std::uint8_t> encode_jpeg(const Image& image, int quality = 90);

// Encodes and writes a JPEG file.
void write_jpeg(const std::filesystem::path& path, const Image& image, int quality = 90);

}  // namespace repro::data
