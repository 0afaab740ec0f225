// Audit of what "Performance of Deep Learning Models with Different Precision" publishes:
// its speed ratios, the unit of its SSD300 times, and its two contradicting accuracy statements
// against the authors' released logs.
#pragma once

namespace repro {
class StudyContext;
}

namespace repro::fp16_amp_ssd_resnet {

// Decides every audit claim that is scheduled in `context`.
void audit_published_numbers(StudyContext& context);

}  // namespace repro::fp16_amp_ssd_resnet
