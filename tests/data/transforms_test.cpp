// Host transforms: CIFAR crop/flip/normalise and the SSD augmentation (boxes follow the image).
#include <gtest/gtest.h>

#include <cmath>

#include "data/cifar_transforms.h"
#include "data/format_writers.h"
#include "data/ssd_transforms.h"

namespace repro::data {
namespace {

TEST(CifarTransforms, TestTransformNormalisesPerChannel) {
  std::vector<std::uint8_t> image(3072, 255);
  std::vector<float> out(3072);
  const CifarTransformOptions options;
  cifar_test_transform(image.data(), out.data(), options);
  EXPECT_NEAR(out[0], (1.0f - 0.4914f) / 0.2470f, 1e-5);
  EXPECT_NEAR(out[2048], (1.0f - 0.4465f) / 0.2616f, 1e-5);
}

TEST(CifarTransforms, TrainTransformIsACropOrFlipOfThePaddedImage) {
  std::vector<std::uint8_t> image(3072);
  for (int i = 0; i < 3072; ++i) image[i] = static_cast<std::uint8_t>((i * 37) % 256);
  const CifarTransformOptions options = CifarTransformOptions().channel_mean({0, 0, 0}).channel_std({1, 1, 1});
  int flips = 0, shifted = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    DeterministicRandom random(seed);
    std::vector<float> out(3072);
    cifar_train_transform(image.data(), out.data(), random, options);
    DeterministicRandom replay(seed);
    const int top = static_cast<int>(replay.uniform_int(0, 8)) - 4;
    const int left = static_cast<int>(replay.uniform_int(0, 8)) - 4;
    const bool flip = replay.bernoulli(0.5);
    flips += flip;
    shifted += (top != 0 || left != 0);
    for (int c = 0; c < 3; ++c)
      for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
          const int sy = y + top, sx = (flip ? 31 - x : x) + left;
          const float expected = (sy < 0 || sy > 31 || sx < 0 || sx > 31) ? 0.0f : image[c * 1024 + sy * 32 + sx] / 255.0f;
          ASSERT_NEAR(out[c * 1024 + y * 32 + x], expected, 1e-6);
        }
    DeterministicRandom again(seed);
    std::vector<float> out2(3072);
    cifar_train_transform(image.data(), out2.data(), again, options);
    EXPECT_EQ(out, out2);
  }
  EXPECT_GT(flips, 70);
  EXPECT_LT(flips, 130);
  EXPECT_GT(shifted, 150);
}

DetectionSample marked_sample() {
  // A grey image with one white box region; the box annotation covers it exactly.
  DetectionSample sample;
  sample.image = FloatImage(120, 160, 3, 100.0f);
  for (int y = 30; y < 70; ++y)
    for (int x = 40; x < 100; ++x)
      for (int c = 0; c < 3; ++c) sample.image.at(y, x, c) = 250.0f;
  sample.boxes = {{40, 30, 100, 70}};
  sample.labels = {7};
  return sample;
}

TEST(SsdTransforms, BoxIou) {
  EXPECT_FLOAT_EQ(box_iou({0, 0, 2, 2}, {1, 1, 3, 3}), 1.0f / 7.0f);
  EXPECT_FLOAT_EQ(box_iou({0, 0, 2, 2}, {0, 0, 2, 2}), 1.0f);
  EXPECT_FLOAT_EQ(box_iou({0, 0, 1, 1}, {2, 2, 3, 3}), 0.0f);
}

TEST(SsdTransforms, GeometricAugmentationKeepsBoxesOnTheirPixels) {
  const SsdTransformOptions options = SsdTransformOptions().photometric_distortion(false).size(300);
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    DeterministicRandom random(seed);
    const SsdInput input = ssd_train_transform(marked_sample(), random, options);
    ASSERT_EQ(input.image_chw.size(), 3u * 300 * 300);
    ASSERT_EQ(input.boxes.size(), 4u);
    ASSERT_EQ(input.labels, std::vector<int>{7});
    for (float v : input.boxes) {
      EXPECT_GE(v, 0.0f);
      EXPECT_LE(v, 1.0f);
    }
    // The pixel at the centre of the transformed box is the white region (channel 0).
    const int cx = static_cast<int>(0.5f * (input.boxes[0] + input.boxes[2]) * 300);
    const int cy = static_cast<int>(0.5f * (input.boxes[1] + input.boxes[3]) * 300);
    const float white = (250.0f / 255.0f - 0.485f) / 0.229f;
    EXPECT_NEAR(input.image_chw[cy * 300 + cx], white, 0.05f) << "seed " << seed;
  }
}

TEST(SsdTransforms, DeterministicForASeedAndVariedAcrossSeeds) {
  const DetectionSample sample{to_float_image(synthetic_photo(90, 120, 5)), {{10, 10, 60, 50}, {70, 20, 110, 80}}, {1, 2}};
  DeterministicRandom a(11), b(11), c(12);
  const SsdInput first = ssd_train_transform(sample, a);
  const SsdInput second = ssd_train_transform(sample, b);
  const SsdInput other = ssd_train_transform(sample, c);
  EXPECT_EQ(first.image_chw, second.image_chw);
  EXPECT_EQ(first.boxes, second.boxes);
  EXPECT_NE(first.image_chw, other.image_chw);
}

TEST(SsdTransforms, PhotometricDistortionStaysInRangeAndChangesColours) {
  FloatImage image = to_float_image(synthetic_photo(20, 20, 3));
  const FloatImage original = image;
  int changed = 0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    FloatImage copy = original;
    DeterministicRandom random(seed);
    photometric_distort(copy, random);
    for (float v : copy.pixels) {
      ASSERT_GE(v, 0.0f);
      ASSERT_LE(v, 255.0f);
    }
    changed += copy.pixels != original.pixels;
  }
  EXPECT_GT(changed, 15);  // all four skipped has probability 1/16 per seed
}

TEST(SsdTransforms, TestTransformOnlyResizesAndNormalises) {
  const DetectionSample sample = marked_sample();
  const SsdInput input = ssd_test_transform(sample);
  EXPECT_FLOAT_EQ(input.boxes[0], 40.0f / 160.0f);
  EXPECT_FLOAT_EQ(input.boxes[3], 70.0f / 120.0f);
  EXPECT_NEAR(input.image_chw[0], (100.0f / 255.0f - 0.485f) / 0.229f, 1e-5);
}

}  // namespace
}  // namespace repro::data
