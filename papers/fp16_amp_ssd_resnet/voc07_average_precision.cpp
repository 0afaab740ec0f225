#include "papers/fp16_amp_ssd_resnet/voc07_average_precision.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "base/errors.h"

namespace repro::fp16_amp_ssd_resnet {

AveragePrecision voc07_average_precision(const std::vector<ScoredBox>& detections,
                                         const std::vector<GroundTruthBox>& ground_truths,
                                         const AveragePrecisionOptions& options) {
  AveragePrecision result;
  std::map<std::int64_t, std::vector<std::size_t>> truths_of_image;
  for (std::size_t index = 0; index < ground_truths.size(); ++index) {
    truths_of_image[ground_truths[index].image].push_back(index);
    if (!ground_truths[index].difficult) ++result.positives;
  }
  std::vector<std::size_t> order(detections.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return detections[a].score > detections[b].score;
  });
  const double extra = options.inclusive_pixels ? 1.0 : 0.0;
  const auto iou = [&](const ScoredBox& d, const GroundTruthBox& g) {
    const double width = std::min<double>(d.xmax, g.xmax) - std::max<double>(d.xmin, g.xmin) + extra;
    const double height = std::min<double>(d.ymax, g.ymax) - std::max<double>(d.ymin, g.ymin) + extra;
    if (width <= 0 || height <= 0) return 0.0;
    const double intersection = width * height;
    const double area_d = (d.xmax - d.xmin + extra) * (d.ymax - d.ymin + extra);
    const double area_g = (g.xmax - g.xmin + extra) * (g.ymax - g.ymin + extra);
    return intersection / (area_d + area_g - intersection);
  };
  std::vector<bool> matched(ground_truths.size(), false);
  std::vector<double> precision, recall;  // after each counted detection
  for (std::size_t index : order) {
    const ScoredBox& detection = detections[index];
    double best_overlap = -1;
    std::size_t best_truth = 0;
    const auto found = truths_of_image.find(detection.image);
    if (found != truths_of_image.end()) {
      for (std::size_t truth : found->second) {
        const double overlap = iou(detection, ground_truths[truth]);
        if (overlap > best_overlap) best_overlap = overlap, best_truth = truth;
      }
    }
    if (best_overlap > options.iou_threshold) {
      if (ground_truths[best_truth].difficult) {
        ++result.ignored;
        continue;  // neither true nor false positive (the devkit's "ignore")
      }
      if (!matched[best_truth]) {
        matched[best_truth] = true;
        ++result.true_positives;
      } else {
        ++result.false_positives;
      }
    } else {
      ++result.false_positives;
    }
    const double counted = static_cast<double>(result.true_positives + result.false_positives);
    precision.push_back(static_cast<double>(result.true_positives) / counted);
    recall.push_back(result.positives > 0
                         ? static_cast<double>(result.true_positives) / static_cast<double>(result.positives)
                         : 0.0);
  }
  if (result.positives == 0) return result;
  double sum = 0;
  for (int step = 0; step <= 10; ++step) {
    // step / 10.0 and tp / positives are both correctly rounded, so a recall of exactly 3/10
    // meets the threshold 0.3 (numpy.arange(0, 1.1, 0.1)'s 0.30000000000000004 would not).
    const double threshold = step / 10.0;
    double best = 0;
    for (std::size_t i = 0; i < recall.size(); ++i) {
      if (recall[i] >= threshold) best = std::max(best, precision[i]);
    }
    sum += best;
  }
  result.average_precision = sum / 11.0;
  return result;
}

double voc07_mean_average_precision(const std::vector<std::vector<ScoredBox>>& detections,
                                    const std::vector<std::vector<GroundTruthBox>>& ground_truths,
                                    const AveragePrecisionOptions& options) {
  if (detections.size() != ground_truths.size()) {
    throw InputError("voc07_mean_average_precision: detections and ground truths need one list per class");
  }
  double sum = 0;
  int classes = 0;
  for (std::size_t c = 0; c < detections.size(); ++c) {
    const AveragePrecision ap = voc07_average_precision(detections[c], ground_truths[c], options);
    if (ap.positives == 0) continue;
    sum += ap.average_precision;
    ++classes;
  }
  return classes > 0 ? sum / classes : 0.0;
}

}  // namespace repro::fp16_amp_ssd_resnet
