#include "data/image_resize.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace repro::data {

namespace {

struct Tap {
  int low;
  int high;
  float weight_high;
};

std::vector<Tap> make_taps(int in_size, int out_size) {
  std::vector<Tap> taps(static_cast<std::size_t>(out_size));
  const double scale = static_cast<double>(in_size) / out_size;
  for (int i = 0; i < out_size; ++i) {
    double source = (i + 0.5) * scale - 0.5;
    source = std::clamp(source, 0.0, static_cast<double>(in_size - 1));
    const int low = static_cast<int>(std::floor(source));
    taps[i] = {low, std::min(low + 1, in_size - 1), static_cast<float>(source - low)};
  }
  return taps;
}

template <typename Input, typename Output, typename Store>
void resize_into(const Input& image, Output& out, Store store) {
  const std::vector<Tap> rows = make_taps(image.height, out.height);
  const std::vector<Tap> cols = make_taps(image.width, out.width);
  const int channels = image.channels;
  for (int y = 0; y < out.height; ++y) {
    const Tap& row = rows[y];
    for (int x = 0; x < out.width; ++x) {
      const Tap& col = cols[x];
      for (int c = 0; c < channels; ++c) {
        const float top = image.at(row.low, col.low, c) * (1.0f - col.weight_high) + image.at(row.low, col.high, c) * col.weight_high;
        const float bottom = image.at(row.high, col.low, c) * (1.0f - col.weight_high) + image.at(row.high, col.high, c) * col.weight_high;
        store(out.at(y, x, c), top * (1.0f - row.weight_high) + bottom * row.weight_high);
      }
    }
  }
}

}  // namespace

Image resize_bilinear(const Image& image, int out_height, int out_width) {
  Image out(out_height, out_width, image.channels);
  resize_into(image, out, [](std::uint8_t& target, float value) {
    target = static_cast<std::uint8_t>(std::clamp(std::floor(value + 0.5f), 0.0f, 255.0f));
  });
  return out;
}

FloatImage resize_bilinear(const FloatImage& image, int out_height, int out_width) {
  FloatImage out(out_height, out_width, image.channels);
  resize_into(image, out, [](float& target, float value) { target = value; });
  return out;
}

std::vector<float> to_unit_chw(const Image& image) {
  const std::size_t plane = static_cast<std::size_t>(image.height) * image.width;
  std::vector<float> out(plane * image.channels);
  for (std::size_t i = 0; i < plane; ++i) {
    for (int c = 0; c < image.channels; ++c) out[c * plane + i] = image.pixels[i * image.channels + c] * (1.0f / 255.0f);
  }
  return out;
}

}  // namespace repro::data
