// The full protocol's accuracy, loss and mAP claims: ResNet-18 on CIFAR-10 (the paper's 58 epochs) and
// SSD300 on VOC07+12 → VOC07 test (120,000 iterations), each in single (fp32), half (fp16) and
// AMP (amp-fp16), on the run's device. Needs the data sets (the runner skips otherwise) and, for
// SSD300, ImageNet VGG16 weights: $REPRO_VGG16_WEIGHTS or <data-dir>/vgg16/vgg16_features.pt
// (README.md says how to make the file); without it the SSD300 claims are skipped.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::fp16_amp_ssd_resnet {

void run_accuracy_claims(StudyContext& context);

}  // namespace repro::fp16_amp_ssd_resnet
