// Non-maximum suppression and detection output by hand, and VOC07 11-point AP against the
// hand-computed cases (derivations in papers/fp16_amp_ssd_resnet/voc07_hand_cases.cpp).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "base/errors.h"
#include "papers/fp16_amp_ssd_resnet/non_maximum_suppression.h"
#include "papers/fp16_amp_ssd_resnet/voc07_average_precision.h"
#include "papers/fp16_amp_ssd_resnet/voc07_hand_cases.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

TEST(NonMaximumSuppression, KeepsGreedilyByScore) {
  // b0 .9 [0,0,10,10]; b1 .8 [1,0,11,10]: IoU with b0 90/110 = 0.82 → dropped; b2 .7 [20,20,30,30]
  // kept; b3 .85 [0,5,10,15]: IoU with b0 50/150 = 0.33 → kept; b4 .6 [21,20,31,30]: IoU with b2
  // 0.82 → dropped; b5 .5 [0,0,10,5.5]: IoU with b0 55/100 = 0.55 > 0.45 → dropped.
  const torch::Tensor boxes = torch::tensor({{0.0f, 0.0f, 10.0f, 10.0f}, {1.0f, 0.0f, 11.0f, 10.0f}, {20.0f, 20.0f, 30.0f, 30.0f},
                                             {0.0f, 5.0f, 10.0f, 15.0f}, {21.0f, 20.0f, 31.0f, 30.0f}, {0.0f, 0.0f, 10.0f, 5.5f}});
  const torch::Tensor scores = torch::tensor({0.9f, 0.8f, 0.7f, 0.85f, 0.6f, 0.5f});
  EXPECT_EQ(non_maximum_suppression(boxes, scores, 0.45, 200), (std::vector<std::int64_t>{0, 3, 2}));
  // Only the 2 best candidates (b0, b3) enter.
  EXPECT_EQ(non_maximum_suppression(boxes, scores, 0.45, 2), (std::vector<std::int64_t>{0, 3}));
  // At threshold 0.6 b5 (0.55) survives.
  EXPECT_EQ(non_maximum_suppression(boxes, scores, 0.6, 200), (std::vector<std::int64_t>{0, 3, 2, 5}));
}

TEST(DetectObjects, DecodesThresholdsAndLabelsByObjectClass) {
  // Two priors, zero offsets (boxes = priors); 3 network classes. Softmax of prior 0's logits
  // (0, ln 8, 0) = (0.1, 0.8, 0.1); prior 1's (ln 1000, 0, 0): class scores 1/1002 < 0.01.
  const torch::Tensor priors = torch::tensor({{0.25f, 0.25f, 0.5f, 0.5f}, {0.75f, 0.75f, 0.5f, 0.5f}});
  const torch::Tensor logits =
      torch::tensor({{0.0f, static_cast<float>(std::log(8.0)), 0.0f}, {static_cast<float>(std::log(1000.0)), 0.0f, 0.0f}});
  const std::vector<Detection> detections = detect_objects(torch::zeros({2, 4}), logits, priors);
  ASSERT_EQ(detections.size(), 2u);  // prior 0 as object class 0 (0.8) and class 1 (0.1)
  EXPECT_EQ(detections[0].class_index, 0);
  EXPECT_NEAR(detections[0].score, 0.8f, 1e-6);
  EXPECT_NEAR(detections[0].xmax, 0.5f, 1e-6);
  EXPECT_EQ(detections[1].class_index, 1);
  EXPECT_NEAR(detections[1].score, 0.1f, 1e-6);
}

TEST(Voc07AveragePrecision, HandComputedCases) {
  for (const AveragePrecisionHandCase& hand : voc07_hand_cases()) {
    EXPECT_NEAR(voc07_average_precision(hand.detections, hand.ground_truths, hand.options).average_precision,
                hand.expected_average_precision, 1e-12)
        << hand.name;
  }
}

TEST(Voc07AveragePrecision, CountsOfTheFirstCase) {
  const AveragePrecisionHandCase hand = voc07_hand_cases().front();
  const AveragePrecision ap = voc07_average_precision(hand.detections, hand.ground_truths, hand.options);
  EXPECT_EQ(ap.positives, 2);
  EXPECT_EQ(ap.true_positives, 2);
  EXPECT_EQ(ap.false_positives, 2);
  EXPECT_EQ(ap.ignored, 1);
}

TEST(Voc07AveragePrecision, PerfectDetectionsScoreOneAndMeanSkipsEmptyClasses) {
  const std::vector<GroundTruthBox> truths{{0, 0, 0, 10, 10, false}};
  const std::vector<ScoredBox> detections{{0, 0.5f, 0, 0, 10, 10}};
  EXPECT_DOUBLE_EQ(voc07_average_precision(detections, truths).average_precision, 1.0);
  // Class 0 AP 1, class 1 has only a difficult box (left out), class 2 the first hand case.
  const AveragePrecisionHandCase hand = voc07_hand_cases().front();
  const double mean = voc07_mean_average_precision(
      {detections, {}, hand.detections}, {truths, {{0, 0, 0, 5, 5, true}}, hand.ground_truths}, hand.options);
  EXPECT_NEAR(mean, (1.0 + 8.5 / 11.0) / 2.0, 1e-12);
  EXPECT_THROW(voc07_mean_average_precision({detections}, {}), InputError);
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet
