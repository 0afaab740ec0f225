// An 8-bit image in memory: height x width x channels, interleaved (HWC), row-major.
#pragma once

#include <cstdint>
#include <vector>

namespace repro::data {

struct Image {
  int height = 0;
  int width = 0;
  int channels = 0;                  // 1 (grey) or 3 (RGB)
  std::vector<std::uint8_t> pixels;  // height * width * channels

  Image() = default;
  Image(int height_, int width_, int channels_)
      : height(height_), width(width_), channels(channels_),
        pixels(static_cast<std::size_t>(height_) * width_ * channels_, 0) {}

  std::uint8_t& at(int y, int x, int c) { return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c]; }
  std::uint8_t at(int y, int x, int c) const { return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c]; }
};

// A float image, HWC, values on whatever scale its producer states (0..255 for the SSD pipeline).
struct FloatImage {
  int height = 0;
  int width = 0;
  int channels = 0;
  std::vector<float> pixels;

  FloatImage() = default;
  FloatImage(int height_, int width_, int channels_, float fill = 0.0f)
      : height(height_), width(width_), channels(channels_),
        pixels(static_cast<std::size_t>(height_) * width_ * channels_, fill) {}

  float& at(int y, int x, int c) { return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c]; }
  float at(int y, int x, int c) const { return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c]; }
};

}  // namespace repro::data
