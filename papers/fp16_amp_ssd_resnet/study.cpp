// Study `fp16_amp_ssd_resnet`: "Performance of Deep Learning Models with Different Precision"
// (FP32, FP16 and AMP on ResNet-18/CIFAR-10 and SSD300/VOC07+12). See README.md.
#include <vector>

#include "common/study_context.h"
#include "common/study_definition.h"
#include "papers/fp16_amp_ssd_resnet/published_audit.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

void run(StudyContext& context) { audit_published_numbers(context); }

std::vector<ClaimSpec> audit_claims() {
  return {
      ClaimSpec("resnet18_ratios_follow_from_times")
          .text("ResNet-18's half and AMP epochs take 0.50 and 0.53 of single precision's")
          .published({"resnet18_seconds_per_epoch_half", "resnet18_seconds_per_epoch_amp",
                      "resnet18_seconds_per_epoch_single", "resnet18_ratio_half_to_single",
                      "resnet18_ratio_amp_to_single"}),
      // The values are mean seconds per iteration: the label is flagged as not reproduced.
      ClaimSpec("ssd300_times_are_hours_per_epoch")
          .text("SSD300's times 0.23 / 0.30 / 0.33 are hours per epoch, as labelled")
          .published({"ssd300_time_half", "ssd300_time_amp", "ssd300_time_single",
                      "voc0712_trainval_images", "ssd300_batch_size",
                      "resnet18_seconds_per_epoch_single", "cifar10_training_images"})
          .expect(Verdict::not_reproduced),
      ClaimSpec("abstract_single_most_accurate")
          .text("Abstract: single precision (FP32) has the higher accuracy")
          .published({"abstract_single_precision_most_accurate",
                      "released_logs_resnet18_test_accuracy", "released_logs_ssd300_map"})
          .expect(Verdict::not_reproduced),
      ClaimSpec("conclusion_half_more_accurate_than_single")
          .text("Conclusion: half precision's accuracy is even higher than single precision's")
          .published({"conclusion_half_more_accurate_than_single",
                      "released_logs_resnet18_test_accuracy", "released_logs_ssd300_map"}),
      // ResNet-18's logs have AMP (92.91) below half (93.09).
      ClaimSpec("conclusion_amp_more_accurate_than_half")
          .text("Conclusion: AMP is more accurate than half precision")
          .published({"released_logs_resnet18_test_accuracy", "released_logs_ssd300_map"})
          .expect(Verdict::not_reproduced),
      ClaimSpec("conclusion_amp_slower_than_half")
          .text("Conclusion: AMP is slightly slower than half precision")
          .published({"resnet18_seconds_per_epoch_half", "resnet18_seconds_per_epoch_amp",
                      "ssd300_time_half", "ssd300_time_amp"}),
  };
}

}  // namespace
}  // namespace repro::fp16_amp_ssd_resnet

REPRO_STUDY(fp16_amp_ssd_resnet, ::repro::fp16_amp_ssd_resnet::run)
    ->title("Performance of Deep Learning Models with Different Precision (ResNet-18, SSD300)")
    ->tiers({::repro::Tier::smoke})
    ->claims(::repro::fp16_amp_ssd_resnet::audit_claims());
