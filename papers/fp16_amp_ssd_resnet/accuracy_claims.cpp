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
#include "papers/fp16_amp_ssd_resnet/claim_ids.h"
#include "papers/fp16_amp_ssd_resnet/experiment_units.h"
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

// `decision` with every run's figures added to its measured values under "runs".
Decision with_runs(Decision decision, const nlohmann::json& runs) {
  nlohmann::json measured = decision.measured().is_object() ? decision.measured() : nlohmann::json::object();
  measured["runs"] = runs;
  decision.measured(measured);
  return decision;
}

// Where a run unit checkpoints inside itself (save_checkpoint creates the folder when it writes:
// a plan pass, which trains nothing, writes nothing).
std::string checkpoint_for(const StudyContext& context, const std::string& run) {
  return (context.study_output_dir() / (run + ".checkpoint")).string();
}

void run_resnet_claims(StudyContext& context) {
  const bool accuracy = context.should_decide(kResnet18AllModesAbout90Percent);
  const bool loss = context.should_decide(kResnet18HalfTestLossLowest);
  if (!accuracy && !loss) return;
  const CifarTensors cifar = load_cifar10_tensors(context.data_dir(), &context);
  const std::string cifar_sha256 = cifar_tensors_sha256(cifar);
  // kSeedsPerMode runs per mode, seeds base + 0, 1, ...: paired across modes (verdict_rules.h).
  std::map<std::string, std::vector<training::EvaluationResult>> final;
  for (int s = 0; s < kSeedsPerMode; ++s) {
    const std::uint64_t seed = context.seed() + static_cast<std::uint64_t>(s);
    for (const auto& [name, mode] : paper_modes()) {
      const std::string checkpoint = checkpoint_for(context, fmt::format("resnet18-{}-seed{}", name, seed));
      // A run unit; inside it, resumes from its checkpoint after an interruption (the authors
      // resumed after session limits).
      const training::TrainingHistory history = obtain_resnet18_run(
          context.units(), context.tier(), name, ResNet18CifarOptions(), cifar, cifar_sha256,
          ResNetTrainingOptions().mode(mode).device(run_device(context)).seed(seed)
              .epochs(static_cast<std::int64_t>(context.published().number("resnet18_epochs")))
              .checkpoint_path(checkpoint).checkpoint_every_iterations(391).resume_from(checkpoint)
              .run_name(fmt::format("resnet18 {} seed {}", name, seed)));
      final[name].push_back(*history.final_evaluation);
    }
  }
  nlohmann::json measured = {{"test_accuracy", nlohmann::json::object()}, {"test_loss", nlohmann::json::object()}};
  for (const auto& [name, runs] : final) {
    for (const auto& run : runs) {
      measured["test_accuracy"][name].push_back(run.accuracy);
      measured["test_loss"][name].push_back(run.mean_loss);
    }
  }
  if (accuracy) {
    // "About 90 %" on the first seed's run (its Wilson interval); the other seeds are in measured.
    std::vector<ModeAccuracy> modes;
    for (const auto& [name, runs] : final) modes.push_back({name, runs.front().correct, runs.front().total});
    context.decide(kResnet18AllModesAbout90Percent, with_runs(about_ninety_rule(modes), measured));
  }
  if (loss) {
    const auto losses = [&final](const std::string& name) {
      ModeLosses result{name, {}};
      for (const auto& run : final.at(name)) result.loss_by_seed.push_back(run.mean_loss);
      return result;
    };
    context.decide(kResnet18HalfTestLossLowest, lower_loss_rule(losses("half"), {losses("single"), losses("amp")}));
  }
  context.log() << "  resnet18 final: " << measured.dump() << "\n";
}

std::filesystem::path vgg16_weights_path(const StudyContext& context) {
  if (const char* path = std::getenv("REPRO_VGG16_WEIGHTS"); path != nullptr && *path != '\0') return path;
  return context.data_dir() / "vgg16" / "vgg16_features.pt";
}

void run_ssd_claims(StudyContext& context) {
  const std::vector<ClaimId> claims{kSsd300AmpMap, kSsd300AmpLowestTestLoss, kSsd300HalfLossBelowSingle};
  if (!context.should_decide_any(claims)) return;
  const std::filesystem::path weights = vgg16_weights_path(context);
  if (!std::filesystem::exists(weights)) {
    for (const ClaimId claim : claims) {
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
  const SsdDataIdentity data_identity = ssd_data_identity(weights, train, test);
  // kSeedsPerMode runs per mode, seeds base + 0, 1, ...: paired across modes (verdict_rules.h).
  std::map<std::string, std::vector<SsdEvaluation>> results;
  for (int s = 0; s < kSeedsPerMode; ++s) {
    const std::uint64_t seed = context.seed() + static_cast<std::uint64_t>(s);
    for (const auto& [name, mode] : paper_modes()) {
      const std::string checkpoint = checkpoint_for(context, fmt::format("ssd300-{}-seed{}", name, seed));
      const SsdTrainingOptions options =
          SsdTrainingOptions().mode(mode).device(run_device(context)).seed(seed).checkpoint_path(checkpoint)
              .checkpoint_every_iterations(2000).resume_from(checkpoint)
              .run_name(fmt::format("ssd300 {} seed {}", name, seed));
      const UnitKey key = ssd300_unit_key(context.tier(), name, Ssd300Options(), data_identity, options);
      const SsdRunResult run = obtain_ssd300_run(
          context.units(), key, estimated_ssd300_seconds(Ssd300Options(), static_cast<std::int64_t>(test.size()), options),
          [&, seed = seed, mode = mode] {
            torch::manual_seed(seed);
            Ssd300 model;
            load_vgg16_imagenet_weights(weights, *model);
            const SsdBatchSource source = [&train, seed](const std::vector<std::int64_t>& indices,
                                                         std::int64_t iteration) {
              return data::make_ssd_batch(train, indices, data::mix_seed(seed, static_cast<std::uint64_t>(iteration)),
                                          true);
            };
            const training::TrainingHistory history =
                train_ssd300(model, source, static_cast<std::int64_t>(train.size()), options);
            SsdRunResult result{evaluate_ssd300(model, test, mode), history.diverged, history.divergence_reason};
            remove_finished_checkpoint(options.checkpoint_path());
            return result;
          });
      if (run.diverged) {
        context.log() << "  ssd300 " << name << " seed " << seed << " diverged: " << run.divergence_reason << "\n";
      }
      results[name].push_back(run.evaluation);
    }
  }
  nlohmann::json measured = {{"map", nlohmann::json::object()}, {"test_loss", nlohmann::json::object()}};
  for (const auto& [name, runs] : results) {
    for (const auto& run : runs) {
      measured["map"][name].push_back(run.mean_average_precision);
      measured["test_loss"][name].push_back(run.test_loss);
    }
  }
  context.log() << "  ssd300 final: " << measured.dump() << "\n";
  const auto loss = [&results](const std::string& name) {
    ModeLosses result{name, {}};
    for (const auto& run : results.at(name)) result.loss_by_seed.push_back(run.test_loss);
    return result;
  };
  if (context.should_decide(kSsd300AmpMap)) {
    std::vector<double> map_points;
    for (const auto& run : results.at("amp")) map_points.push_back(100 * run.mean_average_precision);
    context.decide(kSsd300AmpMap, with_runs(map_rule(map_points, context.published().number("ssd300_map_amp")), measured));
  }
  if (context.should_decide(kSsd300AmpLowestTestLoss)) {
    context.decide(kSsd300AmpLowestTestLoss, lower_loss_rule(loss("amp"), {loss("single"), loss("half")}));
  }
  if (context.should_decide(kSsd300HalfLossBelowSingle)) {
    context.decide(kSsd300HalfLossBelowSingle, lower_loss_rule(loss("half"), {loss("single")}));
  }
}

}  // namespace

void run_accuracy_claims(StudyContext& context) {
  run_resnet_claims(context);
  run_ssd_claims(context);
}

}  // namespace repro::fp16_amp_ssd_resnet
