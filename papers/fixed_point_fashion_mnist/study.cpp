// Study `fixed_point_fashion_mnist`: "PyTorch Low-Precision Fixed-Point Training Flow" (2022).
// See README.md for the protocol, this suite's choices and the measured verdicts.
#include <vector>

#include <fmt/format.h>

#include "common/study_context.h"
#include "common/study_definition.h"
#include "papers/fixed_point_fashion_mnist/claim_ids.h"
#include "papers/fixed_point_fashion_mnist/verdict_rules.h"
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
      ClaimSpec(kPublishedAccuraciesAreKOf32)
          .text("The published accuracies (93.75, 87.5, 84.4 %) are k/32: one batch of 32 test images")
          .published({"fp32_accuracy", "fixed_point_baseline_accuracy",
                      "fixed_point_optimized_accuracy", "evaluation_images_inferred"})
          .rule(kKOf32Rule),
      ClaimSpec(kClaimedDropIsFp32MinusOptimized)
          .text("The claimed 9.35-point drop is FP32's accuracy minus the optimized configuration's")
          .published({"claimed_drop_points", "fp32_accuracy", "fixed_point_optimized_accuracy"})
          .rule(kDropArithmeticRule),
      ClaimSpec(kPublishedDropIsSignificant)
          .text("The published figures establish a drop in accuracy from FP32 to fixed point")
          .published({"fp32_accuracy", "fixed_point_optimized_accuracy",
                      "fixed_point_baseline_accuracy", "evaluation_images_inferred"})
          .rule(kPublishedDropRule)
          .predict(Verdict::inconclusive,
                   "30 of 32 against 27 of 32 images: two proportions of 32 cannot separate a "
                   "9-point drop from none (a property of the sample size, known before any run)"),
      ClaimSpec(kAllParametersAt16Bits)
          .text("The optimized configuration keeps all parameters at 16 bits, as the slides state")
          .published({"claim_all_parameters_16_bits", "optimized_formats"})
          .rule(kParameterBitsRule)
          .predict(Verdict::not_reproduced,
                   "deterministic audit of the slides' own formats, the same at every tier: the optimized "
                   "biases are [10, 8], 10 bits, not 16"),
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
  // Full-tier predictions, written before the full tier's expectations are measured. The slides'
  // accuracies rest on 32 images: their Wilson intervals (about ±10 points) are wider than the
  // 2-point margin, so ours − published can never lie inside ±2 (never reproduced). The one full
  // run on record (README "Numerical health") collapsed: baseline 10-17 %, optimized
  // 8-27 %, FP32 ~88 %.
  const std::string never_inside =
      "the slides' 32-image Wilson interval (about ±10 points) is wider than the 2-point margin, so the "
      "rule cannot reproduce it; ";
  return {
      // Below the slides' budget (reduced: 12% of their image-passes) every training claim is
      // inconclusive (experiment_plan.h training_budget); at full they are decided.
      ClaimSpec(kFp32AccuracyConsistent)
          .text("FP32 reaches 93.75 % (30/32) on FashionMNIST")
          .published(with_setup({"fp32_accuracy", "evaluation_images_inferred"}))
          .decided_at(trained)
          .rule(kPublishedAccuracyRule)
          .predict_at(Tier::full, Verdict::inconclusive,
                      never_inside + "FP32 at ~88 % (the full run on record) lies within its reach")
          .requires_datasets(data),
      ClaimSpec(kBaselineAccuracyConsistent)
          .text("The baseline fixed-point formats reach 87.5 % (28/32)")
          .published(with_setup({"fixed_point_baseline_accuracy", "baseline_formats",
                                 "evaluation_images_inferred"}))
          .decided_at(trained)
          .rule(kPublishedAccuracyRule)
          .predict_at(Tier::full, Verdict::not_reproduced,
                      never_inside + "the full run on record collapsed to 10-17 %, entirely below")
          .requires_datasets(data),
      ClaimSpec(kOptimizedAccuracyConsistent)
          .text("The optimized fixed-point formats reach 84.4 % (27/32)")
          .published(with_setup({"fixed_point_optimized_accuracy", "optimized_formats",
                                 "evaluation_images_inferred"}))
          .decided_at(trained)
          .rule(kPublishedAccuracyRule)
          .predict_at(Tier::full, Verdict::not_reproduced,
                      never_inside + "the full run on record collapsed to 8-27 %, entirely below")
          .requires_datasets(data),
      ClaimSpec(kAccuracyOrdering)
          .text("Accuracy orders FP32 > fixed-point baseline > optimized")
          .published({"fp32_accuracy", "fixed_point_baseline_accuracy", "fixed_point_optimized_accuracy"})
          .decided_at(trained)
          .rule(kOrderingRule)
          .predict_at(Tier::full, Verdict::inconclusive,
                      "FP32 (~88 %) above both, but the collapsed baseline (10-17 %) and optimized "
                      "(8-27 %) overlap across seeds (the full run on record)")
          .requires_datasets(data),
      ClaimSpec(kDropOf935Points)
          .text("The optimized formats drop 9.35 points of accuracy against FP32")
          .published({"claimed_drop_points", "fp32_accuracy", "fixed_point_optimized_accuracy"})
          .decided_at(trained)
          .rule(kDropRule)
          .predict_at(Tier::full, Verdict::not_reproduced,
                      "FP32 ~88 % minus a collapsed optimized 8-27 % is a drop of 60-80 points (the full "
                      "run on record), far beyond 9.35 ± 2 even with the slides' Newcombe interval")
          .requires_datasets(data),
      // Full-tier sweep claims (the slides' findings); expected as the slides state them.
      ClaimSpec(kWeightsMatterMost)
          .text("The weights' format affects accuracy most (sensitivity to fractional bits)")
          .published({"finding_weights_matter_most", "baseline_formats"})
          .decided_at({Tier::full})
          .rule(kWeightsMatterMostRule)
          .requires_datasets(data),
      ClaimSpec(kSixteenBitWeightsRival32)
          .text("With enough fractional bits, 16-bit weights rival 32-bit ones")
          .published({"finding_16_bit_weights_rival_32"})
          .decided_at({Tier::full})
          .rule(kSixteenBitWeightsRule)
          .requires_datasets(data),
      ClaimSpec(kOtherRolesQuantizeDeeply)
          .text("The roles other than the weights can be quantized deeply with little loss")
          .published({"finding_other_roles_quantize_deeply", "optimized_formats"})
          .decided_at({Tier::full})
          .rule(kOtherRolesRule)
          .requires_datasets(data),
      ClaimSpec(kFractionalBitsDominate)
          .text("Fractional bits must dominate the format: for every role, the formats with more fractional "
                "than integer bits are the more accurate")
          .published({"finding_fractional_bits_dominate"})
          .decided_at({Tier::full})
          .rule(kFractionalBitsDominateRule)
          .requires_datasets(data),
      ClaimSpec(kSweepVariationIsNoise)
          .text("Much of the variation in the other sweeps is noise")
          .published({"finding_sweep_variation_is_noise"})
          .decided_at({Tier::full})
          .rule(kVariationIsNoiseRule)
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
    ->test_minutes(::repro::Tier::reduced, 2.4)  // under ctest -j2 on the 2-core AVX2 machine, 2026-12-07
    ->declares_run_units(true)
    ->claims(::repro::fixed_point_fashion_mnist::all_claims());
