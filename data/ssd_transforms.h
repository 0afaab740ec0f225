// The SSD training augmentation (Liu et al. 2016; ssd.pytorch's SSDAugmentation), on the host:
// photometric distortions, expand (zoom out), IoU-constrained random crop, horizontal flip,
// resize to 300x300 and ImageNet normalisation; boxes are transformed with the image.
#pragma once

#include <array>
#include <vector>

#include "data/deterministic_random.h"
#include "data/image.h"

namespace repro::data {

// A box in pixel coordinates (x to the right, y down), continuous: [xmin, xmax) x [ymin, ymax).
struct Box {
  float xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  float area() const { return (xmax - xmin) * (ymax - ymin); }
};

// Intersection over union; 0 when either box is empty.
float box_iou(const Box& a, const Box& b);

struct DetectionSample {
  FloatImage image;          // RGB, values 0..255
  std::vector<Box> boxes;    // pixel coordinates in `image`
  std::vector<int> labels;   // one per box
};

struct SsdTransformOptions {
  int output_size = 300;
  float max_expand_ratio = 4.0f;
  bool photometric = true;
  bool expand = true;
  bool crop = true;
  bool flip = true;
  std::array<float, 3> mean = {0.485f, 0.456f, 0.406f};  // ImageNet, on the [0, 1] scale
  std::array<float, 3> std = {0.229f, 0.224f, 0.225f};

  SsdTransformOptions& size(int value) { output_size = value; return *this; }
  SsdTransformOptions& expand_ratio(float value) { max_expand_ratio = value; return *this; }
  SsdTransformOptions& photometric_distortion(bool value) { photometric = value; return *this; }
  SsdTransformOptions& zoom_out(bool value) { expand = value; return *this; }
  SsdTransformOptions& random_crop(bool value) { crop = value; return *this; }
  SsdTransformOptions& horizontal_flip(bool value) { flip = value; return *this; }
};

// The network's input: 3 x size x size normalised floats (channel-planar), boxes as
// [xmin, ymin, xmax, ymax] fractions of the image (4 floats per box), labels.
struct SsdInput {
  std::vector<float> image_chw;
  std::vector<float> boxes;
  std::vector<int> labels;
};

// Photometric distortion: brightness (add U[-32, 32]), contrast (multiply by U[0.5, 1.5]),
// saturation (HSV S times U[0.5, 1.5]) and hue (HSV H plus U[-18, 18] degrees), each applied
// with probability 1/2, in an order drawn by fisher_yates_shuffle; values clamped to [0, 255]
// at the end.
void photometric_distort(FloatImage& image, DeterministicRandom& random);

// Expand with probability 1/2: place the image at a random offset on a canvas ratio ~ U[1,
// max_ratio] times larger on each side, filled with the mean colour; boxes shifted.
void random_expand(DetectionSample& sample, DeterministicRandom& random, float max_ratio,
                   const std::array<float, 3>& fill_0_255);

// IoU-constrained crop (Caffe SSD's batch samplers): draw a mode from {whole image, min IoU 0.1,
// 0.3, 0.5, 0.7, 0.9, any}; for up to 50 trials draw a crop of width and height U[0.3, 1] of
// the image with aspect ratio in [0.5, 2]; accept it when some box has IoU >= the minimum with
// it and at least one box centre lies inside. Boxes whose centres lie outside are dropped, the
// rest clipped. Up to 50 mode draws, then the sample is left unchanged.
void random_iou_crop(DetectionSample& sample, DeterministicRandom& random);

// Horizontal flip with probability 1/2.
void random_horizontal_flip(DetectionSample& sample, DeterministicRandom& random);

// The full training transform, in the order: photometric, expand, crop, flip, resize
// (bilinear), normalise ((value / 255 - mean) / std).
SsdInput ssd_train_transform(DetectionSample sample, DeterministicRandom& random,
                             const SsdTransformOptions& options = SsdTransformOptions());

// Evaluation: resize and normalise only.
SsdInput ssd_test_transform(const DetectionSample& sample, const SsdTransformOptions& options = SsdTransformOptions());

// An 8-bit image as a FloatImage on the 0..255 scale.
FloatImage to_float_image(const Image& image);

}  // namespace repro::data
