// Bilinear resizing.
#pragma once

#include "data/image.h"

namespace repro::data {

// Bilinear interpolation with half-pixel centres (OpenCV INTER_LINEAR, PyTorch
// interpolate(mode="bilinear", align_corners=False) without antialiasing): output pixel (y, x)
// samples the input at ((y + 0.5) * in_h / out_h - 0.5, (x + 0.5) * in_w / out_w - 0.5),
// clamped to the image, weighting its four neighbours. 8-bit results round half up.
// REQUIRES: out_height > 0, out_width > 0, a non-empty input.
Image resize_bilinear(const Image& image, int out_height, int out_width);
FloatImage resize_bilinear(const FloatImage& image, int out_height, int out_width);

// Channel-planar (CHW) floats scaled to [0, 1] (value / 255).
std::vector<float> to_unit_chw(const Image& image);

}  // namespace repro::data
