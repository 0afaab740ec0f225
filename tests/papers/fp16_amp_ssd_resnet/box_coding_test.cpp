// Box encoding and decoding, IoU, SSD's matching, and the MultiBox loss on hand-made cases.
#include <cmath>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "papers/fp16_amp_ssd_resnet/box_coding.h"
#include "papers/fp16_amp_ssd_resnet/multibox_loss.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

TEST(BoxCoding, EncodeThenDecodeGivesTheBoxesBack) {
  torch::manual_seed(3);
  const torch::Tensor corners = torch::rand({50, 2, 2});
  const torch::Tensor boxes =
      torch::cat({std::get<0>(corners.min(1)), std::get<0>(corners.max(1)) + 0.01f}, 1);  // [50, 4]
  const torch::Tensor priors = torch::cat({torch::rand({50, 2}), torch::rand({50, 2}) * 0.5 + 0.05}, 1);
  const torch::Tensor decoded = decode_boxes(encode_boxes(boxes, priors), priors);
  EXPECT_TRUE(torch::allclose(decoded, boxes, 1e-5, 1e-5));
}

TEST(BoxCoding, EncodingDividesByTheVariances) {
  // Prior centre (0.5, 0.5), size 0.2 × 0.4; box centre (0.52, 0.46), size 0.4 × 0.4:
  // (0.02 / (0.1·0.2), −0.04 / (0.1·0.4), log(2) / 0.2, log(1) / 0.2) = (1, −1, 3.4657, 0).
  const torch::Tensor prior = torch::tensor({{0.5f, 0.5f, 0.2f, 0.4f}});
  const torch::Tensor box = torch::tensor({{0.32f, 0.26f, 0.72f, 0.66f}});
  const torch::Tensor offsets = encode_boxes(box, prior);
  const torch::Tensor expected = torch::tensor({{1.0f, -1.0f, static_cast<float>(std::log(2.0) / 0.2), 0.0f}});
  EXPECT_TRUE(torch::allclose(offsets, expected, 1e-5, 1e-4)) << offsets;
}

TEST(BoxCoding, IntersectionOverUnionByHand) {
  const torch::Tensor a = torch::tensor({{0.0f, 0.0f, 2.0f, 2.0f}});
  const torch::Tensor b = torch::tensor({{1.0f, 1.0f, 3.0f, 3.0f}, {5.0f, 5.0f, 6.0f, 6.0f}, {0.0f, 0.0f, 2.0f, 2.0f}});
  // Overlap 1 of union 4 + 4 − 1 = 7; disjoint; identical.
  const torch::Tensor iou = intersection_over_union(a, b);
  EXPECT_NEAR(iou[0][0].item<float>(), 1.0f / 7.0f, 1e-6);
  EXPECT_EQ(iou[0][1].item<float>(), 0.0f);
  EXPECT_EQ(iou[0][2].item<float>(), 1.0f);
}

TEST(Matching, ThresholdAndEachTruthsBestPrior) {
  // Priors (centre form) whose corners are p0 [0,0,.5,.5], p1 [.5,.5,1,1], p2 [0,0,1,1], p3 [0,.5,.5,1].
  const torch::Tensor priors = torch::tensor(
      {{0.25f, 0.25f, 0.5f, 0.5f}, {0.75f, 0.75f, 0.5f, 0.5f}, {0.5f, 0.5f, 1.0f, 1.0f}, {0.25f, 0.75f, 0.5f, 0.5f}});
  // t0 = p0 exactly (IoU 1, with p2 0.25); t1 [.5,.5,1,.9]: IoU 0.2/0.25 = 0.8 with p1, 0.2 with
  // p2; t2 [0,.5,.3,.7]: its best prior is p3 with IoU 0.06/0.25 = 0.24 < 0.5, matched anyway.
  const torch::Tensor truths = torch::tensor({{0.0f, 0.0f, 0.5f, 0.5f}, {0.5f, 0.5f, 1.0f, 0.9f}, {0.0f, 0.5f, 0.3f, 0.7f}});
  const torch::Tensor labels = torch::tensor({3, 7, 0}, torch::kLong);
  const PriorTargets targets = match_priors(truths, labels, priors);
  // p0 → class 3 + 1, p1 → 7 + 1, p2's best overlap 0.25 < 0.5 → background, p3 forced → 0 + 1.
  EXPECT_TRUE(torch::equal(targets.classes, torch::tensor({4, 8, 0, 1}, torch::kLong))) << targets.classes;
  // p1 regresses to t1: centre (0.75, 0.7), size 0.5 × 0.4 → (0, −0.05/0.05, 0, log(0.8)/0.2).
  const torch::Tensor expected_p1 = torch::tensor({0.0f, -1.0f, 0.0f, static_cast<float>(std::log(0.8) / 0.2)});
  EXPECT_TRUE(torch::allclose(targets.offsets[1], expected_p1, 1e-5, 1e-4)) << targets.offsets[1];
  EXPECT_TRUE(torch::allclose(targets.offsets[0], torch::zeros({4}), 1e-6, 1e-6));
}

// One image, 6 priors, 2 classes. Prior 0 is the positive (class 1); logits (background, class):
// p0 (0, 0), p1 (0, 2), p2 (0, −1), p3 (0, 1), p4 (0, 3), p5 (0, 0). A background prior's cross
// entropy is log(1 + e^x), so the 3 mined negatives (3 × 1 positive) are p4, p1, p3.
struct HandCase {
  torch::Tensor locations = torch::tensor({{0.5f, -2.0f, 0.0f, 0.1f}, {9.0f, 9.0f, 9.0f, 9.0f}, {9.0f, 9.0f, 9.0f, 9.0f},
                                           {9.0f, 9.0f, 9.0f, 9.0f}, {9.0f, 9.0f, 9.0f, 9.0f}, {9.0f, 9.0f, 9.0f, 9.0f}})
                              .unsqueeze(0);
  torch::Tensor confidences =
      torch::tensor({{0.0f, 0.0f}, {0.0f, 2.0f}, {0.0f, -1.0f}, {0.0f, 1.0f}, {0.0f, 3.0f}, {0.0f, 0.0f}}).unsqueeze(0);
  torch::Tensor offsets = torch::zeros({1, 6, 4});
  torch::Tensor classes = torch::tensor({1, 0, 0, 0, 0, 0}, torch::kLong).unsqueeze(0);
};

double expected_confidence() {
  // Positive: −log softmax = log 2; mined negatives: log(1 + e^3) + log(1 + e^2) + log(1 + e).
  return std::log(2.0) + std::log1p(std::exp(3.0)) + std::log1p(std::exp(2.0)) + std::log1p(std::exp(1.0));
}

TEST(MultiBoxLoss, L1LocalisationAndThreeToOneHardNegatives) {
  const HandCase hand;
  const MultiBoxLoss loss = multibox_loss(hand.locations, hand.confidences, hand.offsets, hand.classes);
  // L1 over the one positive: |0.5| + |−2| + 0 + |0.1| = 2.6; negatives' 9s do not count; N = 1.
  EXPECT_NEAR(loss.localisation.item<double>(), 2.6, 1e-6);
  EXPECT_NEAR(loss.confidence.item<double>(), expected_confidence(), 1e-5);
  EXPECT_NEAR(loss.total.item<double>(), 2.6 + expected_confidence(), 1e-5);
  EXPECT_EQ(loss.positives.item<std::int64_t>(), 1);
}

TEST(MultiBoxLoss, SmoothL1Option) {
  const HandCase hand;
  const MultiBoxLoss loss = multibox_loss(hand.locations, hand.confidences, hand.offsets, hand.classes,
                                          MultiBoxLossOptions().localisation(LocalisationLoss::smooth_l1));
  // 0.5·0.5² + (2 − 0.5) + 0 + 0.5·0.1² = 0.125 + 1.5 + 0.005 = 1.63.
  EXPECT_NEAR(loss.localisation.item<double>(), 1.63, 1e-6);
}

TEST(MultiBoxLoss, DividesByThePositivesOfTheWholeBatch) {
  const HandCase hand;
  // Two copies of the image: sums double and N doubles, so the loss is unchanged.
  const MultiBoxLoss loss = multibox_loss(torch::cat({hand.locations, hand.locations}), torch::cat({hand.confidences, hand.confidences}),
                                          torch::cat({hand.offsets, hand.offsets}), torch::cat({hand.classes, hand.classes}));
  EXPECT_NEAR(loss.total.item<double>(), 2.6 + expected_confidence(), 1e-5);
  EXPECT_EQ(loss.positives.item<std::int64_t>(), 2);
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet
