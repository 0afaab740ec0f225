#include "papers/fp16_amp_ssd_resnet/published_audit.h"

#include <cmath>
#include <cstdint>
#include <vector>
#include <string>

#include <fmt/format.h>

#include "common/study_context.h"
#include "papers/fp16_amp_ssd_resnet/architecture_flops.h"
#include "papers/fp16_amp_ssd_resnet/claim_ids.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_cifar.h"
#include "papers/fp16_amp_ssd_resnet/verdict_rules.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

// Printed precisions: ResNet-18's seconds per epoch have one decimal (35.1), its ratios two
// (0.50, 0.53), SSD300's times two (0.23, 0.30, 0.33); half a unit of each last printed digit.
constexpr double kHalfUnitOfOneDecimal = 0.05;
constexpr double kHalfUnitOfTwoDecimals = 0.005;
// ResNet-18's logged accuracies are on CIFAR-10's 10,000 test images.
constexpr std::int64_t kCifarTestImages = 10000;

Printed printed(double value, double half_unit) { return {value, half_unit}; }

// Half a unit of the last digit of a logged mAP as printed in published.json (0.65, 0.7115, 0.736):
// the shortest decimal that round-trips the value.
double half_unit_of(double value) {
  for (int decimals = 0; decimals < 10; ++decimals) {
    const double scale = std::pow(10.0, decimals);
    if (std::abs(std::round(value * scale) - value * scale) < 1e-9) return 0.5 / scale;
  }
  return 0.5e-10;
}

void decide_resnet_ratios(StudyContext& context) {
  if (!context.should_decide(kResnet18RatiosFollowFromTimes)) return;
  const auto& published = context.published();
  const Printed single = printed(published.number("resnet18_seconds_per_epoch_single"), kHalfUnitOfOneDecimal);
  context.decide(kResnet18RatiosFollowFromTimes,
                 ratio_follows_rule(
                     {{"half", printed(published.number("resnet18_seconds_per_epoch_half"), kHalfUnitOfOneDecimal),
                       single, printed(published.number("resnet18_ratio_half_to_single"), kHalfUnitOfTwoDecimals)},
                      {"AMP", printed(published.number("resnet18_seconds_per_epoch_amp"), kHalfUnitOfOneDecimal),
                       single, printed(published.number("resnet18_ratio_amp_to_single"), kHalfUnitOfTwoDecimals)}}));
}

// Which unit explains SSD300's 0.23 / 0.30 / 0.33? Scale ResNet-18's published single-precision
// seconds per image by the two networks' multiply–accumulates (same paper, same GPU) to predict
// SSD300's seconds per iteration, then compare both readings of the published value with it.
void decide_ssd_time_unit(StudyContext& context) {
  if (!context.should_decide(kSsd300TimesAreHoursPerEpoch)) return;
  const auto& published = context.published();
  TimeUnitInputs inputs;
  inputs.ssd_time = printed(published.number("ssd300_time_single"), kHalfUnitOfTwoDecimals);
  inputs.resnet_seconds_per_epoch = printed(published.number("resnet18_seconds_per_epoch_single"), kHalfUnitOfOneDecimal);
  inputs.resnet_images_per_epoch = published.number("cifar10_training_images");
  inputs.multiply_accumulate_ratio = static_cast<double>(total_multiply_accumulates(ssd300_vgg16_layers())) /
                                     static_cast<double>(total_multiply_accumulates(resnet18_cifar_layers()));
  inputs.batch = published.number("ssd300_batch_size");
  inputs.iterations_per_epoch = std::ceil(published.number("voc0712_trainval_images") / inputs.batch);
  context.decide(kSsd300TimesAreHoursPerEpoch, time_unit_rule(inputs));
}

// The abstract and the conclusion contradict each other; the released logs decide: ResNet-18's
// final test accuracies (k of 10,000, Wilson/MOVER) and SSD300's mAP (printed values, rounding
// only), each stated order a direction claim.
void decide_accuracy_statements(StudyContext& context) {
  const auto& published = context.published();
  const auto& resnet = published.value("released_logs_resnet18_test_accuracy");
  const auto& ssd = published.value("released_logs_ssd300_map");
  const auto pairs = [&](const std::string& first, const std::string& second) {
    const double a = ssd[first].get<double>(), b = ssd[second].get<double>();
    return std::vector<OrderedPair>{
        accuracy_pair("ResNet-18 logged test accuracy, " + first + " − " + second, resnet[first].get<double>(),
                      resnet[second].get<double>(), kCifarTestImages),
        printed_pair("SSD300 logged mAP, " + first + " − " + second, "", printed(a, half_unit_of(a)),
                     printed(b, half_unit_of(b)))};
  };
  if (context.should_decide(kAbstractSingleMostAccurate)) {
    std::vector<OrderedPair> all = pairs("single", "half");
    for (const OrderedPair& pair : pairs("single", "amp")) all.push_back(pair);
    context.decide(kAbstractSingleMostAccurate, ordering_rule(kLogsOrderRule, all));
  }
  if (context.should_decide(kConclusionHalfMoreAccurateThanSingle)) {
    context.decide(kConclusionHalfMoreAccurateThanSingle, ordering_rule(kLogsOrderRule, pairs("half", "single")));
  }
  if (context.should_decide(kConclusionAmpMoreAccurateThanHalf)) {
    context.decide(kConclusionAmpMoreAccurateThanHalf, ordering_rule(kLogsOrderRule, pairs("amp", "half")));
  }
}

void decide_amp_slower_than_half(StudyContext& context) {
  if (!context.should_decide(kConclusionAmpSlowerThanHalf)) return;
  const auto& published = context.published();
  context.decide(
      kConclusionAmpSlowerThanHalf,
      ordering_rule(kAmpSlowerRule,
                    {printed_pair("ResNet-18 seconds per epoch, AMP − half", "s",
                                  printed(published.number("resnet18_seconds_per_epoch_amp"), kHalfUnitOfOneDecimal),
                                  printed(published.number("resnet18_seconds_per_epoch_half"), kHalfUnitOfOneDecimal)),
                     printed_pair("SSD300 printed time, AMP − half", "",
                                  printed(published.number("ssd300_time_amp"), kHalfUnitOfTwoDecimals),
                                  printed(published.number("ssd300_time_half"), kHalfUnitOfTwoDecimals))}));
}

// "The half-precision ResNet-18 model takes 21 MB": the authors' CIFAR ResNet-18 in half precision,
// counted as its state dict's tensors (parameters and batch-norm buffers at 2 bytes per element,
// the int64 batch counters at 8), which is what a saved model holds apart from the file format's
// few kilobytes.
void decide_model_size(StudyContext& context) {
  if (!context.should_decide(kResnet18HalfModelSize)) return;
  ResNet18Cifar model;
  std::vector<torch::Tensor> tensors = model->parameters();
  for (const auto& buffer : model->buffers()) tensors.push_back(buffer);
  std::int64_t bytes = 0;
  for (const auto& tensor : tensors) {
    const std::int64_t element_bytes =
        tensor.is_floating_point() ? 2 : static_cast<std::int64_t>(tensor.element_size());
    bytes += tensor.numel() * element_bytes;
  }
  const auto& published = context.published();
  context.decide(kResnet18HalfModelSize,
                 model_size_rule(published.number("resnet18_model_size_half_mb"),
                                 published.half_unit("resnet18_model_size_half_mb"), bytes));
}

}  // namespace

void audit_published_numbers(StudyContext& context) {
  decide_model_size(context);
  decide_resnet_ratios(context);
  decide_ssd_time_unit(context);
  decide_accuracy_statements(context);
  decide_amp_slower_than_half(context);
}

}  // namespace repro::fp16_amp_ssd_resnet
