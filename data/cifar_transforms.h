// CIFAR training augmentation on the host: random 32x32 crop of the image zero-padded by 4,
// horizontal flip with probability 1/2, per-channel normalisation. (The device-resident version
// is data/device_dataset.h.)
#pragma once

#include <array>
#include <cstdint>

#include "data/deterministic_random.h"

namespace repro::data {

struct CifarTransformOptions {
  int padding = 4;
  bool flip = true;
  // CIFAR-10 training-set channel statistics (on the [0, 1] scale).
  std::array<float, 3> mean = {0.4914f, 0.4822f, 0.4465f};
  std::array<float, 3> std = {0.2470f, 0.2435f, 0.2616f};

  CifarTransformOptions& padding_pixels(int value) { padding = value; return *this; }
  CifarTransformOptions& horizontal_flip(bool value) { flip = value; return *this; }
  CifarTransformOptions& channel_mean(const std::array<float, 3>& value) { mean = value; return *this; }
  CifarTransformOptions& channel_std(const std::array<float, 3>& value) { std = value; return *this; }
};

// CIFAR-100 training-set channel statistics.
CifarTransformOptions cifar100_transform_options();

// Augments one 3x32x32 channel-planar image into `out` (3x32x32 floats, normalised). Draws, in
// order: crop top in [0, 2*padding], crop left in [0, 2*padding], then the flip coin.
void cifar_train_transform(const std::uint8_t* image_chw, float* out, DeterministicRandom& random,
                           const CifarTransformOptions& options = CifarTransformOptions());

// Normalisation only (evaluation).
void cifar_test_transform(const std::uint8_t* image_chw, float* out,
                          const CifarTransformOptions& options = CifarTransformOptions());

}  // namespace repro::data
