// The speed tier (full tier, CUDA): time per training iteration of every mode and both networks
// at the study's batch sizes; ratios to fp32 and tf32 against the published ratios; model FLOPs
// utilisation against the GPU's peak. Timings go into results.json for `repro compare`.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::fp16_amp_ssd_resnet {

// The claims' rule and margin: speed_ratio_rule.h.

void run_speed_claims(StudyContext& context);

}  // namespace repro::fp16_amp_ssd_resnet
