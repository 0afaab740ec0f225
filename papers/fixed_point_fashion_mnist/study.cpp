// Study `fixed_point_fashion_mnist`: "PyTorch Low-Precision Fixed-Point Training Flow" (2022).
// See README.md for the protocol, this suite's choices and the measured verdicts.
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "common/study_definition.h"
#include "papers/fixed_point_fashion_mnist/published_audit.h"
#include "papers/fixed_point_fashion_mnist/study_experiment.h"

namespace repro::fixed_point_fashion_mnist {
namespace {

void run(StudyContext& context) {
  audit_published_numbers(context);
  run_experiment(context);
}

std::vector<ClaimSpec> audit_claims() {
  return {
      ClaimSpec("published_accuracies_are_k_of_32")
          .text("The published accuracies (93.75, 87.5, 84.4 %) are k/32: one batch of 32 test images")
          .published({"fp32_accuracy", "fixed_point_baseline_accuracy",
                      "fixed_point_optimized_accuracy", "evaluation_images_inferred"}),
      ClaimSpec("claimed_drop_is_fp32_minus_optimized")
          .text("The claimed 9.35-point drop is FP32's accuracy minus the optimized configuration's")
          .published({"claimed_drop_points", "fp32_accuracy", "fixed_point_optimized_accuracy"}),
      // 30/32 against 27/32 cannot be told apart: the published drop is not established.
      ClaimSpec("published_drop_is_significant")
          .text("The published figures establish a drop in accuracy from FP32 to fixed point")
          .published({"fp32_accuracy", "fixed_point_optimized_accuracy",
                      "fixed_point_baseline_accuracy", "evaluation_images_inferred"})
          .expect(Verdict::inconclusive),
  };
}

// Decided from training on real FashionMNIST (reduced: 12,000 images, 3 epochs; full: the
// slides' 60,000 images, 5 epochs), 5 seeds, the full 10,000-image test set.
std::vector<ClaimSpec> training_claims() {
  const std::vector<Tier> trained = {Tier::reduced, Tier::full};
  const std::vector<std::string> data = {"fashion-mnist"};
  const std::vector<std::string> setup = {"epochs", "learning_rate", "batch_size", "optimizer"};
  const auto with_setup = [&](std::vector<std::string> keys) {
    keys.insert(keys.end(), setup.begin(), setup.end());
    return keys;
  };
  return {
      // Reduced tier (measured): ours 80.6 % over 5 seeds, binomial p = 0.071 for 30/32; marginal
      // because the reduced tier under-trains (12,000 images x 3 epochs), see README.md.
      ClaimSpec("fp32_accuracy_consistent")
          .text("FP32 reaches 93.75 % (30/32) on FashionMNIST")
          .published(with_setup({"fp32_accuracy", "evaluation_images_inferred"}))
          .decided_at(trained)
          .requires_datasets(data),
      ClaimSpec("baseline_accuracy_consistent")
          .text("The baseline fixed-point formats reach 87.5 % (28/32)")
          .published(with_setup({"fixed_point_baseline_accuracy", "baseline_formats",
                                 "evaluation_images_inferred"}))
          .decided_at(trained)
          .requires_datasets(data),
      // Reduced tier (measured): ours 67.2 % (63.4-70.9 over seeds); 27/32 gives p = 0.039.
      ClaimSpec("optimized_accuracy_consistent")
          .text("The optimized fixed-point formats reach 84.4 % (27/32)")
          .published(with_setup({"fixed_point_optimized_accuracy", "optimized_formats",
                                 "evaluation_images_inferred"}))
          .decided_at(trained)
          .requires_datasets(data)
          .expect(Verdict::not_reproduced),
      // Reduced tier (measured): baseline > optimized holds (+12.7 points, 95% +8.4 to +17.0);
      // FP32 > baseline is undetermined (+0.77, 95% -0.58 to +2.12).
      ClaimSpec("accuracy_ordering")
          .text("Accuracy orders FP32 > fixed-point baseline > optimized")
          .published({"fp32_accuracy", "fixed_point_baseline_accuracy", "fixed_point_optimized_accuracy"})
          .decided_at(trained)
          .requires_datasets(data)
          .expect(Verdict::inconclusive),
      // Reduced tier (measured): our drop is 13.45 points (95% 9.86 to 17.03): larger than 9.35,
      // which lies just outside the interval.
      ClaimSpec("drop_of_9_35_points")
          .text("The optimized formats drop 9.35 points of accuracy against FP32")
          .published({"claimed_drop_points", "fp32_accuracy", "fixed_point_optimized_accuracy"})
          .decided_at(trained)
          .requires_datasets(data)
          .expect(Verdict::not_reproduced),
      // Full-tier sweep claims: not run in this suite's CI (hours of CPU time); the expected
      // verdicts are predictions, see README.md.
      ClaimSpec("weights_matter_most")
          .text("The weights' format affects accuracy most (sensitivity to fractional bits)")
          .published({"finding_weights_matter_most", "baseline_formats"})
          .decided_at({Tier::full})
          .requires_datasets(data)
          .expect(Verdict::not_reproduced),
      ClaimSpec("sixteen_bit_weights_rival_32")
          .text("With enough fractional bits, 16-bit weights rival 32-bit ones")
          .published({"finding_16_bit_weights_rival_32"})
          .decided_at({Tier::full})
          .requires_datasets(data),
      ClaimSpec("other_roles_quantize_deeply")
          .text("The roles other than the weights can be quantized deeply with little loss")
          .published({"finding_other_roles_quantize_deeply", "optimized_formats"})
          .decided_at({Tier::full})
          .requires_datasets(data)
          .expect(Verdict::not_reproduced),
      ClaimSpec("sweep_variation_is_noise")
          .text("Much of the variation in the other sweeps is noise")
          .published({"finding_sweep_variation_is_noise"})
          .decided_at({Tier::full})
          .requires_datasets(data),
  };
}

std::vector<ClaimSpec> all_claims() {
  std::vector<ClaimSpec> claims = audit_claims();
  for (auto& claim : training_claims()) claims.push_back(std::move(claim));
  return claims;
}

}  // namespace
}  // namespace repro::fixed_point_fashion_mnist

REPRO_STUDY(fixed_point_fashion_mnist, ::repro::fixed_point_fashion_mnist::run)
    ->title("PyTorch Low-Precision Fixed-Point Training Flow (FashionMNIST)")
    ->tiers({::repro::Tier::smoke, ::repro::Tier::reduced, ::repro::Tier::full})
    ->claims(::repro::fixed_point_fashion_mnist::all_claims());
