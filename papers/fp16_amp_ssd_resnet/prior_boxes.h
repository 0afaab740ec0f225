// SSD300's default (prior) boxes, as the SSD paper defines them and Caffe SSD / ssd.pytorch
// compute them for VOC at 300×300.
//
// On source map k (sizes 38, 19, 10, 5, 3, 1; strides 8, 16, 32, 64, 100, 300 pixels) each
// location (i, j) has centre ((j + 0.5)·step_k / 300, (i + 0.5)·step_k / 300). Scales: the
// paper's s_k = s_min + (s_max − s_min)(k − 1)/(m − 1) with s_min 0.2, s_max 0.9 over maps 2..6,
// in Caffe SSD's integer percent steps (floor((90 − 20)/4) = 17): 20, 37, 54, 71, 88 %, and
// 10 % for conv4_3; as pixels min sizes 30, 60, 111, 162, 213, 264 and max sizes 60, 111, 162,
// 213, 264, 315. Per location: a square of side s_k, a square of side sqrt(s_k · s_{k+1}), and
// for each aspect ratio a (2 on every map, 3 on maps 2–4) boxes s_k·sqrt(a) × s_k/sqrt(a) and
// s_k/sqrt(a) × s_k·sqrt(a). Coordinates are clipped to [0, 1].
#pragma once

#include <cstdint>
#include <vector>

#include <torch/types.h>

namespace repro::fp16_amp_ssd_resnet {

struct PriorBoxOptions {
  TORCH_ARG(std::int64_t, image_size) = 300;
  TORCH_ARG(std::vector<std::int64_t>, feature_maps) = std::vector<std::int64_t>{38, 19, 10, 5, 3, 1};
  TORCH_ARG(std::vector<double>, steps) = std::vector<double>{8, 16, 32, 64, 100, 300};
  TORCH_ARG(std::vector<double>, min_sizes) = std::vector<double>{30, 60, 111, 162, 213, 264};
  TORCH_ARG(std::vector<double>, max_sizes) = std::vector<double>{60, 111, 162, 213, 264, 315};
  // Aspect ratios besides 1 on each map (each also used as its reciprocal).
  TORCH_ARG(std::vector<std::vector<double>>, aspect_ratios) =
      std::vector<std::vector<double>>{{2}, {2, 3}, {2, 3}, {2, 3}, {2}, {2}};
  TORCH_ARG(bool, clip) = true;
};

// float [P, 4] in centre form (cx, cy, w, h), fractions of the image, in the order of the
// network's heads: map by map, row by row, column by column, box by box. P = 8,732 by default.
// REQUIRES: the option vectors have one entry per feature map (else repro::InputError).
torch::Tensor make_prior_boxes(const PriorBoxOptions& options = PriorBoxOptions());

}  // namespace repro::fp16_amp_ssd_resnet
