// The speed tier (full tier, CUDA): time per training iteration of every mode and both networks
// at the study's batch sizes; ratios to fp32 and tf32 against the published ratios; model FLOPs
// utilisation against the GPU's peak. Timings go into results.json for `repro compare`.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::fp16_amp_ssd_resnet {

// A published ratio is "reproduced" when our interval for the ratio lies below 1 (same direction)
// and the published ratio lies within this factor of the interval (lower / factor … upper ×
// factor) for fp32 or for tf32 as the "single precision" baseline. README.md justifies 2.
inline constexpr double kSpeedRatioBandFactor = 2.0;

void run_speed_claims(StudyContext& context);

}  // namespace repro::fp16_amp_ssd_resnet
