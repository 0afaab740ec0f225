// SSD's detection output: per-class greedy non-maximum suppression and the test-time
// post-processing the study evaluates with (score >= 0.01, NMS IoU 0.45, top 200).
#pragma once

#include <cstdint>
#include <vector>

#include <torch/types.h>

namespace repro::fp16_amp_ssd_resnet {

// Greedy NMS: take the `top_k` highest-scoring boxes (all when top_k <= 0), then repeatedly
// keep the best remaining box and drop every remaining box whose IoU with it is > iou_threshold.
// Returns the kept indices into `boxes`, best first. Ties in score keep the lower index first.
// REQUIRES: boxes float [N, 4] corner form, scores float [N] (CPU or any device; computed on CPU).
std::vector<std::int64_t> non_maximum_suppression(const torch::Tensor& boxes, const torch::Tensor& scores,
                                                  double iou_threshold, std::int64_t top_k = 200);

struct DetectionOptions {
  TORCH_ARG(double, score_threshold) = 0.01;  // candidates: softmax score >= this
  TORCH_ARG(double, nms_threshold) = 0.45;
  TORCH_ARG(std::int64_t, top_k_per_class) = 200;  // candidates per class entering NMS, and kept
  TORCH_ARG(std::int64_t, top_k_per_image) = 200;  // kept over all classes (Caffe's keep_top_k)
};

struct Detection {
  int class_index = 0;  // 0-based object class (the network's class − 1)
  float score = 0;
  float xmin = 0, ymin = 0, xmax = 0, ymax = 0;  // fractions of the image
};

// One image: decodes the offsets against the priors, softmaxes the logits, and for each object
// class 1..C-1 keeps candidates >= score_threshold, the top_k_per_class best, NMS, at most
// top_k_per_class; then the top_k_per_image best over all classes, best first.
// REQUIRES: locations [P, 4], confidence logits [P, C], priors [P, 4] centre form.
std::vector<Detection> detect_objects(const torch::Tensor& locations, const torch::Tensor& confidences,
                                      const torch::Tensor& priors,
                                      const DetectionOptions& options = DetectionOptions());

}  // namespace repro::fp16_amp_ssd_resnet
