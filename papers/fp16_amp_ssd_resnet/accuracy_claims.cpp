#include "papers/fp16_amp_ssd_resnet/accuracy_claims.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <torch/torch.h>

#include "common/study_context.h"
#include "data/dataset_registry.h"
#include "data/deterministic_random.h"
#include "papers/fp16_amp_ssd_resnet/precision_setup.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_training.h"
#include "papers/fp16_amp_ssd_resnet/ssd300_training.h"
#include "papers/fp16_amp_ssd_resnet/verdict_rules.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

using training::PrecisionMode;

// The paper's three modes: single, half, AMP.
const std::map<std::string, PrecisionMode>& paper_modes() {
  static const std::map<std::string, PrecisionMode> modes{
      {"single", PrecisionMode::fp32}, {"half", PrecisionMode::fp16}, {"amp", PrecisionMode::amp_fp16}};
  return modes;
}


torch::Device run_device(const StudyContext& context) {
  return context.device() == DeviceKind::cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
}

std::string checkpoint_for(const StudyContext& context, const std::string& run) {
  std::filesystem::create_directories(context.study_output_dir());
  return (context.study_output_dir() / (run + ".checkpoint")).string();
}

void run_resnet_claims(StudyContext& context) {
  const bool accuracy = context.should_decide("resnet18_all_modes_about_90_percent");
  const bool loss = context.should_decide("resnet18_half_test_loss_lowest");
  if (!accuracy && !loss) return;
  const CifarTensors cifar = load_cifar10_tensors(context.data_dir(), &context);
  std::map<std::string, training::EvaluationResult> final;
  for (const auto& [name, mode] : paper_modes()) {
    torch::manual_seed(context.seed());
    const std::string checkpoint = checkpoint_for(context, "resnet18-" + name);
    // Resumes after an interruption (the authors resumed after session limits).
    const training::TrainingHistory history = train_resnet18(
        ResNet18Cifar(), cifar,
        ResNetTrainingOptions().mode(mode).device(run_device(context)).seed(context.seed())
            .epochs(static_cast<std::int64_t>(context.published().number("resnet18_epochs")))
            .checkpoint_path(checkpoint).checkpoint_every_iterations(391).resume_from(checkpoint)
            .run_name("resnet18 " + name));
    final[name] = *history.final_evaluation;
  }
  const nlohmann::json measured = {
      {"test_accuracy", {{"single", final["single"].accuracy}, {"half", final["half"].accuracy}, {"amp", final["amp"].accuracy}}},
      {"test_loss", {{"single", final["single"].mean_loss}, {"half", final["half"].mean_loss}, {"amp", final["amp"].mean_loss}}}};
  if (accuracy) {
    std::vector<ModeAccuracy> modes;
    for (const auto& [name, result] : final) modes.push_back({name, result.correct, result.total});
    context.decide("resnet18_all_modes_about_90_percent", about_ninety_rule(modes));
  }
  if (loss) {
    context.decide("resnet18_half_test_loss_lowest",
                   lower_loss_rule({"half", final["half"].mean_loss},
                                   {{"single", final["single"].mean_loss}, {"amp", final["amp"].mean_loss}}));
  }
  context.log() << "  resnet18 final: " << measured.dump() << "\n";
}

std::filesystem::path vgg16_weights_path(const StudyContext& context) {
  if (const char* path = std::getenv("REPRO_VGG16_WEIGHTS"); path != nullptr && *path != '\0') return path;
  return context.data_dir() / "vgg16" / "vgg16_features.pt";
}

void run_ssd_claims(StudyContext& context) {
  const std::vector<std::string> claims{"ssd300_amp_map", "ssd300_amp_lowest_test_loss", "ssd300_half_loss_below_single"};
  bool any = false;
  for (const auto& claim : claims) any = any || context.should_decide(claim);
  if (!any) return;
  const std::filesystem::path weights = vgg16_weights_path(context);
  if (!std::filesystem::exists(weights)) {
    for (const auto& claim : claims) {
      if (context.should_decide(claim)) {
        context.skip(claim, "needs ImageNet VGG16 weights at " + weights.string() +
                                " (or $REPRO_VGG16_WEIGHTS); see papers/fp16_amp_ssd_resnet/README.md");
      }
    }
    return;
  }
  const auto devkit = data::locate_dataset("voc2007", context.data_dir()).directory / "VOCdevkit";
  const std::vector<data::VocSample> train = data::load_voc07_12_trainval(devkit, /*keep_difficult=*/true);
  const std::vector<data::VocSample> test = data::load_voc07_test(devkit);
  context.record_data_file(weights);
  std::map<std::string, SsdEvaluation> results;
  for (const auto& [name, mode] : paper_modes()) {
    torch::manual_seed(context.seed());
    Ssd300 model;
    load_vgg16_imagenet_weights(weights, *model);
    const std::uint64_t seed = context.seed();
    const SsdBatchSource source = [&train, seed](const std::vector<std::int64_t>& indices, std::int64_t iteration) {
      return data::make_ssd_batch(train, indices, data::mix_seed(seed, static_cast<std::uint64_t>(iteration)), true);
    };
    const std::string checkpoint = checkpoint_for(context, "ssd300-" + name);
    const training::TrainingHistory history = train_ssd300(
        model, source, static_cast<std::int64_t>(train.size()),
        SsdTrainingOptions().mode(mode).device(run_device(context)).seed(seed).checkpoint_path(checkpoint)
            .checkpoint_every_iterations(2000).resume_from(checkpoint).run_name("ssd300 " + name));
    if (history.diverged) context.log() << "  ssd300 " << name << " diverged: " << history.divergence_reason << "\n";
    results[name] = evaluate_ssd300(model, test, mode);
  }
  const nlohmann::json measured = {
      {"map", {{"single", results["single"].mean_average_precision}, {"half", results["half"].mean_average_precision},
               {"amp", results["amp"].mean_average_precision}}},
      {"test_loss", {{"single", results["single"].test_loss}, {"half", results["half"].test_loss},
                     {"amp", results["amp"].test_loss}}}};
  context.log() << "  ssd300 final: " << measured.dump() << "\n";
  const auto loss = [&results](const std::string& mode) { return ModeLoss{mode, results[mode].test_loss}; };
  if (context.should_decide("ssd300_amp_map")) {
    context.decide("ssd300_amp_map", map_rule(100 * results["amp"].mean_average_precision,
                                              context.published().number("ssd300_map_amp")));
  }
  if (context.should_decide("ssd300_amp_lowest_test_loss")) {
    context.decide("ssd300_amp_lowest_test_loss", lower_loss_rule(loss("amp"), {loss("single"), loss("half")}));
  }
  if (context.should_decide("ssd300_half_loss_below_single")) {
    context.decide("ssd300_half_loss_below_single", lower_loss_rule(loss("half"), {loss("single")}));
  }
}

}  // namespace

void run_accuracy_claims(StudyContext& context) {
  run_resnet_claims(context);
  run_ssd_claims(context);
}

}  // namespace repro::fp16_amp_ssd_resnet
