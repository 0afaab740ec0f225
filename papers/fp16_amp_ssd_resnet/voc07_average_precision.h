// PASCAL VOC 2007's average precision (the devkit's VOCevaldet / py-faster-rcnn's voc_eval with
// use_07_metric): detections of one class, best score first, are matched to the not yet
// matched ground truth of the same image with the highest IoU; IoU > 0.5 with a non-difficult
// box is a true positive, with a difficult box neither true nor false positive; a second
// detection of the same box, or IoU <= 0.5, is a false positive. Recall counts non-difficult
// boxes only. AP = (1/11) Σ_{t ∈ {0, 0.1, …, 1}} max{precision at recall >= t} (0 when none).
#pragma once

#include <cstdint>
#include <vector>

namespace repro::fp16_amp_ssd_resnet {

struct GroundTruthBox {
  std::int64_t image = 0;  // any image identifier
  float xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  bool difficult = false;
};

struct ScoredBox {
  std::int64_t image = 0;
  float score = 0;
  float xmin = 0, ymin = 0, xmax = 0, ymax = 0;
};

struct AveragePrecisionOptions {
  double iou_threshold = 0.5;  // a match needs IoU strictly above this
  // The devkit's pixel convention: a box spans xmax − xmin + 1 pixels (true for VOC pixel
  // coordinates; false for continuous coordinates such as fractions).
  bool inclusive_pixels = true;
  AveragePrecisionOptions& iou(double value) { iou_threshold = value; return *this; }
  AveragePrecisionOptions& inclusive_pixel_boxes(bool value) { inclusive_pixels = value; return *this; }
};

struct AveragePrecision {
  double average_precision = 0;   // 0 when the class has no non-difficult box
  std::int64_t positives = 0;     // non-difficult ground-truth boxes
  std::int64_t true_positives = 0;
  std::int64_t false_positives = 0;
  std::int64_t ignored = 0;       // detections matched to difficult boxes
};

// One class. Detections of equal score keep their given order.
AveragePrecision voc07_average_precision(const std::vector<ScoredBox>& detections,
                                         const std::vector<GroundTruthBox>& ground_truths,
                                         const AveragePrecisionOptions& options = AveragePrecisionOptions());

// The mean over classes of voc07_average_precision, classes without a non-difficult ground
// truth left out of the mean. detections[c] and ground_truths[c] are class c's.
// REQUIRES: equal sizes (else repro::InputError).
double voc07_mean_average_precision(const std::vector<std::vector<ScoredBox>>& detections,
                                    const std::vector<std::vector<GroundTruthBox>>& ground_truths,
                                    const AveragePrecisionOptions& options = AveragePrecisionOptions());

}  // namespace repro::fp16_amp_ssd_resnet
