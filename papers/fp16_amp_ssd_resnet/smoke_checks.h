// The smoke tier (CPU, seconds): every precision mode the device supports trains both networks
// (at reduced widths, synthetic data of the real shapes) through the study's training and speed
// code; a killed and resumed ResNet-18 run equals the uninterrupted one bit for bit; the loss
// scaler skips overflowing steps and backs off inside the trainer; VOC07 AP on hand cases.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::fp16_amp_ssd_resnet {

// Records each smoke mechanics check that is scheduled in `context` (checks, not claims).
void run_smoke_checks(StudyContext& context);

}  // namespace repro::fp16_amp_ssd_resnet
