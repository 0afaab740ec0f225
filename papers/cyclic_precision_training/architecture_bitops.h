// Absolute training BitOPs of CPT's CIFAR architectures from their real layer shapes
// (ResNet-38/74/110/152, ResNet-164, MobileNetV2), against Table 2's ResNet-74 GBitOPs.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::cyclic_precision_training {

// Decides `table2_resnet74_gbitops_static8` and `table2_resnet74_gbitops_cpt3_8` when scheduled;
// always adds the per-architecture cost table.
void decide_architecture_bitops(StudyContext& context);

}  // namespace repro::cyclic_precision_training
