#include "data/cifar_transforms.h"

namespace repro::data {

CifarTransformOptions cifar100_transform_options() {
  return CifarTransformOptions().channel_mean({0.5071f, 0.4865f, 0.4409f}).channel_std({0.2673f, 0.2564f, 0.2762f});
}

void cifar_train_transform(const std::uint8_t* image, float* out, DeterministicRandom& random,
                           const CifarTransformOptions& options) {
  constexpr int side = 32;
  const int top = static_cast<int>(random.uniform_int(0, 2 * options.padding)) - options.padding;
  const int left = static_cast<int>(random.uniform_int(0, 2 * options.padding)) - options.padding;
  const bool flip = options.flip && random.bernoulli(0.5);
  for (int c = 0; c < 3; ++c) {
    const float scale = 1.0f / (255.0f * options.std[c]);
    const float zero_value = -options.mean[c] / options.std[c];
    const std::uint8_t* plane = image + c * side * side;
    float* out_plane = out + c * side * side;
    for (int y = 0; y < side; ++y) {
      const int source_y = y + top;
      for (int x = 0; x < side; ++x) {
        const int source_x = (flip ? side - 1 - x : x) + left;
        const bool inside = source_y >= 0 && source_y < side && source_x >= 0 && source_x < side;
        out_plane[y * side + x] = inside ? plane[source_y * side + source_x] * scale + zero_value : zero_value;
      }
    }
  }
}

void cifar_test_transform(const std::uint8_t* image, float* out, const CifarTransformOptions& options) {
  for (int c = 0; c < 3; ++c) {
    const float scale = 1.0f / (255.0f * options.std[c]);
    const float zero_value = -options.mean[c] / options.std[c];
    for (int i = 0; i < 1024; ++i) out[c * 1024 + i] = image[c * 1024 + i] * scale + zero_value;
  }
}

}  // namespace repro::data
