#include "papers/cyclic_precision_training/training_experiments.h"

#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "common/tier_budget.h"
#include "papers/cyclic_precision_training/claim_ids.h"
#include "papers/cyclic_precision_training/cpt_versus_static.h"
#include "papers/cyclic_precision_training/experiment_scale.h"
#include "papers/cyclic_precision_training/experiment_units.h"
#include "papers/cyclic_precision_training/image_data.h"
#include "papers/cyclic_precision_training/learning_rate_precision.h"
#include "papers/cyclic_precision_training/precision_range_test.h"
#include "papers/cyclic_precision_training/run_device.h"

namespace repro::cyclic_precision_training {
namespace {

bool any_scheduled(const StudyContext& context, const TrainingClaims& claims) {
  std::vector<ClaimId> ids;
  for (const std::optional<ClaimId>& claim :
       {claims.cpt_not_worse, claims.cpt_better, claims.table2_cpt_accuracy, claims.table2_sbm_accuracy,
        claims.table1_helps_at_low_lr, claims.table1_larger_at_low_lr}) {
    if (claim) ids.push_back(*claim);
  }
  return context.should_decide_any(ids) || context.should_check(claims.fewer_bitops);
}

// The scale's data set as trained on: loaded (or synthetic), downsampled, its content hashed for
// the run units' keys.
ImageDataset training_dataset(StudyContext& context, const ExperimentScale& scale) {
  ImageDataset dataset =
      scale.dataset == "synthetic"
          ? synthetic_image_dataset(scale.train_limit, scale.test_limit, scale.synthetic_side, context.seed())
          : load_image_dataset(scale.dataset, context.data_dir(), scale.train_limit, scale.test_limit, &context);
  dataset.train = downsample_images(dataset.train, scale.image_downsample);
  dataset.test = downsample_images(dataset.test, scale.image_downsample);
  dataset.content_sha256 = image_dataset_sha256(dataset);
  return dataset;
}

void add_range_test(StudyContext& context, const ImageDataset& dataset, const ExperimentScale& scale,
                    const ModelOperations& operations, const std::string& prefix) {
  PrecisionRangeTestOptions options = scale.range_test;
  options.seed = context.seed();
  options.device = torch_device(context);
  const PrecisionRangeTestResult result =
      obtain_range_test(context.units(), context.tier(), scale.model, operations, dataset, options);
  nlohmann::json rows = nlohmann::json::array();
  std::vector<double> x, y;
  for (std::size_t i = 0; i < result.bits.size(); ++i) {
    rows.push_back({result.bits[i], fmt::format("{:.1f}", result.mean_training_accuracy[i]),
                    i == 0 ? std::string("") : fmt::format("{:+.1f}", result.mean_training_accuracy[i] -
                                                                       result.mean_training_accuracy[i - 1])});
    x.push_back(result.bits[i]);
    y.push_back(result.mean_training_accuracy[i]);
  }
  context.add_table({{"id", prefix + "precision_range_test"},
                     {"title", fmt::format("Precision range test on {}: {} iterations per precision, "
                                           "threshold {} points → B_min = {}",
                                           scale.dataset, options.iterations_per_precision,
                                           options.threshold_points, result.lower_bound_bits)},
                     {"columns", {"forward bits", "training accuracy % (2nd half of segment)", "rise"}},
                     {"rows", rows}});
  context.log() << fmt::format("  precision range test: B_min = {}\n", result.lower_bound_bits);
}

// The paper's budget: ResNet-74 trained for training_iterations × batch_size image-passes
// (64,000 × 128, 160 epochs of CIFAR). A tier training a smaller model or fewer image-passes
// is below it, and every training claim of the study is inconclusive there (TierBudget).
TierBudget training_budget(const StudyContext& context, const ExperimentScale& scale) {
  const auto& published = context.published();
  const double paper_passes = published.number("training_iterations") * published.number("batch_size");
  const double passes = static_cast<double>(scale.iterations * scale.batch_size);
  const std::string description = fmt::format(
      "ResNet-{} on {}, {} iterations × batch {} = {:.0f} image-passes: {:.2g}% of the paper's ResNet-74 "
      "on CIFAR ({:.0f} image-passes)",
      scale.model.depth, scale.dataset, scale.iterations, scale.batch_size, passes,
      100.0 * passes / paper_passes, paper_passes);
  return passes >= paper_passes && scale.model.depth >= 74 ? TierBudget::sufficient(description)
                                                           : TierBudget::below(description);
}

}  // namespace

void run_training_experiments(StudyContext& context) {
  std::string prefix;  // of the tables' and plots' ids
  const TrainingClaims* claims = nullptr;
  ExperimentScale scale;
  if (context.tier() == Tier::smoke) {
    prefix = "smoke_";
    claims = &kSmokeTrainingClaims;
    scale = smoke_scale();
  } else if (context.tier() == Tier::reduced) {
    prefix = "reduced_";
    claims = &kReducedTrainingClaims;
    scale = reduced_scale();
  } else if (context.tier() == Tier::full) {
    prefix = "full_";
    claims = &kFullTrainingClaims;
    scale = full_scale();
  } else {
    return;
  }
  if (!any_scheduled(context, *claims)) return;
  const ImageDataset dataset = training_dataset(context, scale);
  context.log() << fmt::format("  {}: {} training and {} test images of {}×{}\n", scale.dataset,
                               dataset.train.images.size(0), dataset.test.images.size(0),
                               dataset.train.images.size(2), dataset.train.images.size(3));
  const TierBudget budget = training_budget(context, scale);
  // The model's MACs per image, for the units' cost estimates.
  const ModelOperations operations = model_operations(scale.model, dataset.image_shape());
  add_range_test(context, dataset, scale, operations, prefix);
  run_cpt_versus_static(context, dataset, scale, operations, prefix, *claims, budget);
  run_learning_rate_precision(context, dataset, scale, operations, prefix, *claims, budget);
}

}  // namespace repro::cyclic_precision_training
