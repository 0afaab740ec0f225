#include "papers/fp16_amp_ssd_resnet/voc07_hand_cases.h"

namespace repro::fp16_amp_ssd_resnet {

std::vector<AveragePrecisionHandCase> voc07_hand_cases() {
  std::vector<AveragePrecisionHandCase> cases;
  const auto continuous = AveragePrecisionOptions().inclusive_pixel_boxes(false);
  // A: one image; two boxes and a difficult one; continuous coordinates; 2 positives.
  //   0.9 on g1 exactly            TP  precision 1/1 recall 1/2
  //   0.8 on the difficult box     ignored (not counted at all)
  //   0.7 on empty space           FP  precision 1/2 recall 1/2
  //   0.6 on g1 again (duplicate)  FP  precision 1/3 recall 1/2
  //   0.5 on g2                    TP  precision 2/4 recall 2/2
  // t = 0, .1, .2, .3, .4, .5: max precision with recall >= t is 1 (6 points);
  // t = .6, .7, .8, .9, 1: only recall 1 qualifies, precision 1/2 (5 points).
  // AP = (6 · 1 + 5 · 0.5) / 11 = 8.5 / 11.
  cases.push_back({"duplicate, difficult and false positive",
                   {{0, 0.9f, 0, 0, 10, 10}, {0, 0.8f, 40, 40, 50, 50}, {0, 0.7f, 60, 60, 70, 70},
                    {0, 0.6f, 0, 0, 10, 10}, {0, 0.5f, 20, 20, 30, 30}},
                   {{0, 0, 0, 10, 10, false}, {0, 20, 20, 30, 30, false}, {0, 40, 40, 50, 50, true}},
                   continuous,
                   8.5 / 11.0});
  // B: two images, 4 positives; VOC pixel convention (a box spans max − min + 1 pixels).
  //   0.95 image 1 on [0,0,10,10]            TP  P 1/1 R 1/4
  //   0.90 image 0 [5,0,15,10]: IoU 66/176 = 0.375 with [0,0,10,10]  FP  P 1/2 R 1/4
  //   0.85 image 0 on [0,0,10,10]            TP  P 2/3 R 2/4
  //   0.80 image 1 [100,100,110,111]: IoU 121/132 = 0.917            TP  P 3/4 R 3/4
  // t = 0, .1, .2: max precision 1 (3 points); t = .3, .4, .5: recall >= t at R 2/4 and 3/4,
  // max precision 3/4 (3 points); t = .6, .7: R 3/4, precision 3/4 (2 points); t = .8, .9, 1:
  // no recall that high, 0 (3 points). AP = (3 · 1 + 5 · 0.75) / 11 = 6.75 / 11.
  cases.push_back({"two images, partial recall",
                   {{1, 0.95f, 0, 0, 10, 10}, {0, 0.9f, 5, 0, 15, 10}, {0, 0.85f, 0, 0, 10, 10},
                    {1, 0.8f, 100, 100, 110, 111}},
                   {{0, 0, 0, 10, 10, false}, {1, 0, 0, 10, 10, false}, {1, 100, 100, 110, 110, false},
                    {1, 200, 200, 210, 210, false}},
                   AveragePrecisionOptions(),
                   6.75 / 11.0});
  // C: IoU exactly 0.5 is not a match (the devkit needs ov > 0.5): [0,0,10,20] against
  // [0,0,10,10] in continuous coordinates has IoU 100/200. One positive, no true positive: 0.
  cases.push_back({"IoU exactly 0.5 is a miss", {{0, 0.9f, 0, 0, 10, 20}}, {{0, 0, 0, 10, 10, false}},
                   continuous, 0.0});
  return cases;
}

}  // namespace repro::fp16_amp_ssd_resnet
