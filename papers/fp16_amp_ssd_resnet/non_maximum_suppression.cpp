#include "papers/fp16_amp_ssd_resnet/non_maximum_suppression.h"

#include <algorithm>
#include <numeric>

#include <torch/torch.h>

#include "papers/fp16_amp_ssd_resnet/box_coding.h"

namespace repro::fp16_amp_ssd_resnet {

std::vector<std::int64_t> non_maximum_suppression(const torch::Tensor& boxes_any_device,
                                                  const torch::Tensor& scores_any_device,
                                                  double iou_threshold, std::int64_t top_k) {
  const torch::Tensor boxes = boxes_any_device.to(torch::kCPU, torch::kFloat).contiguous();
  const torch::Tensor scores = scores_any_device.to(torch::kCPU, torch::kFloat).contiguous();
  const std::int64_t count = scores.numel();
  const float* score = scores.data_ptr<float>();
  std::vector<std::int64_t> order(static_cast<std::size_t>(count));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::int64_t a, std::int64_t b) { return score[a] > score[b]; });
  if (top_k > 0 && static_cast<std::int64_t>(order.size()) > top_k) order.resize(static_cast<std::size_t>(top_k));
  const auto box = boxes.accessor<float, 2>();
  const auto iou = [&](std::int64_t a, std::int64_t b) {
    const float width = std::max(0.0f, std::min(box[a][2], box[b][2]) - std::max(box[a][0], box[b][0]));
    const float height = std::max(0.0f, std::min(box[a][3], box[b][3]) - std::max(box[a][1], box[b][1]));
    const float intersection = width * height;
    const float area_a = (box[a][2] - box[a][0]) * (box[a][3] - box[a][1]);
    const float area_b = (box[b][2] - box[b][0]) * (box[b][3] - box[b][1]);
    const float union_area = area_a + area_b - intersection;
    return union_area > 0 ? intersection / union_area : 0.0f;
  };
  std::vector<std::int64_t> kept;
  std::vector<bool> suppressed(order.size(), false);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (suppressed[i]) continue;
    kept.push_back(order[i]);
    for (std::size_t j = i + 1; j < order.size(); ++j) {
      if (!suppressed[j] && iou(order[i], order[j]) > iou_threshold) suppressed[j] = true;
    }
  }
  return kept;
}

std::vector<Detection> detect_objects(const torch::Tensor& locations, const torch::Tensor& confidences,
                                      const torch::Tensor& priors, const DetectionOptions& options) {
  const torch::Tensor boxes =
      decode_boxes(locations.to(torch::kCPU, torch::kFloat), priors.to(torch::kCPU, torch::kFloat));
  const torch::Tensor probabilities = torch::softmax(confidences.to(torch::kCPU, torch::kFloat), 1);
  std::vector<Detection> detections;
  for (std::int64_t network_class = 1; network_class < probabilities.size(1); ++network_class) {
    const torch::Tensor class_scores = probabilities.select(1, network_class);
    const torch::Tensor candidates = torch::nonzero(class_scores >= options.score_threshold()).flatten();
    if (candidates.numel() == 0) continue;
    const torch::Tensor candidate_boxes = boxes.index_select(0, candidates);
    const torch::Tensor candidate_scores = class_scores.index_select(0, candidates);
    std::vector<std::int64_t> kept = non_maximum_suppression(
        candidate_boxes, candidate_scores, options.nms_threshold(), options.top_k_per_class());
    const auto box = candidate_boxes.accessor<float, 2>();
    const auto score = candidate_scores.accessor<float, 1>();
    for (std::int64_t index : kept) {
      detections.push_back({static_cast<int>(network_class - 1), score[index], box[index][0],
                            box[index][1], box[index][2], box[index][3]});
    }
  }
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.score > b.score; });
  if (options.top_k_per_image() > 0 &&
      static_cast<std::int64_t>(detections.size()) > options.top_k_per_image()) {
    detections.resize(static_cast<std::size_t>(options.top_k_per_image()));
  }
  return detections;
}

}  // namespace repro::fp16_amp_ssd_resnet
