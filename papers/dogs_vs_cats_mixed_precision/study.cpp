// Study `dogs_vs_cats_mixed_precision`: Steendam (2020), "Testing Mixed-Precision for VGG,
// Inception and ResNet on the Dogs vs. Cats Dataset". See README.md for the protocol.
#include <string>
#include <vector>

#include "common/study_context.h"
#include "common/study_definition.h"
#include "papers/dogs_vs_cats_mixed_precision/claim_ids.h"
#include "papers/dogs_vs_cats_mixed_precision/published_audit.h"
#include "papers/dogs_vs_cats_mixed_precision/tiers.h"
#include "papers/dogs_vs_cats_mixed_precision/verdict_rules.h"

namespace repro::dogs_vs_cats {
namespace {

void run(StudyContext& context) {
  audit_published_numbers(context);
  switch (context.tier()) {
    case Tier::smoke: run_smoke_tier(context); break;
    case Tier::reduced: run_reduced_tier(context); break;
    case Tier::full: run_full_tier(context); break;
  }
}

const char* display_name(const std::string& model) {
  if (model == "vgg16") return "VGG16";
  if (model == "inceptionv3") return "InceptionV3";
  return "ResNet152V2";
}

std::vector<ClaimSpec> audit_claims() {
  std::vector<ClaimSpec> claims;
  for (const ModelIds& ids : kModelIds) {
    const std::string model = ids.model;
    const std::string name = display_name(model);
    claims.push_back(
        ClaimSpec(ids.table3_discordant_total)
            .text("Table 3's McNemar statistic and p for " + name +
                  " come from an exact test whose discordant total b+c the released logs confirm")
            .published({"table3_" + model + "_mcnemar_statistic", "table3_" + model + "_mcnemar_p",
                        "released_logs_" + model + "_contingency", "validation_images"})
            .rule(kDiscordantTotalRule));
    claims.push_back(
        ClaimSpec(ids.table3_matches_released_logs)
            .text("McNemar on the released logs' 2×2 table for " + name + " gives Table 3")
            .published({"released_logs_" + model + "_contingency",
                        "table3_" + model + "_mcnemar_statistic", "table3_" + model + "_mcnemar_p"})
            .rule(kTable3FromLogsRule));
    // VGG's 0.96 points need far more than Table 3's 7 net discordant images; Inception's
    // 0.08 points need 4 images where Table 3 allows 3.
    const bool fits = model == "resnet152v2";
    claims.push_back(
        ClaimSpec(ids.table2_difference_fits_table3)
            .text("Table 2's single/mixed accuracy difference for " + name +
                  " is possible on 5,000 images with Table 3's discordant counts")
            .published({"table2_" + model + "_accuracy_single", "table2_" + model + "_accuracy_mixed",
                        "table3_" + model + "_mcnemar_statistic", "table3_" + model + "_mcnemar_p"})
            .rule(kDifferenceFitsRule)
            .predict(fits ? Verdict::reproduced : Verdict::not_reproduced,
                     "deterministic audit of the printed numbers: the same computation at every tier "
                     "(VGG16 needs 48 net images where Table 3 allows at most 7; InceptionV3 4 where it "
                     "allows 3; ResNet152V2 1 where it allows 2)"));
    // The released logs come from a different run than Table 2: none of the accuracies match.
    claims.push_back(
        ClaimSpec(ids.table2_matches_released_logs)
            .text("Table 2's accuracies for " + name + " equal those of the released logs' 2×2 table")
            .published({"table2_" + model + "_accuracy_single", "table2_" + model + "_accuracy_mixed",
                        "released_logs_" + model + "_contingency"})
            .rule(kTable2FromLogsRule)
            .predict(Verdict::not_reproduced,
                     "deterministic audit of the printed numbers: the same computation at every tier "
                     "(the released logs' accuracies differ from Table 2's by 0.06 to 0.88 points)"));
    claims.push_back(
        ClaimSpec(ids.table4_percent_follows)
            .text("Table 4's training speed-up percentage for " + name + " follows from its ms/step")
            .published({"table4_" + model + "_training_ms_per_step_single",
                        "table4_" + model + "_training_ms_per_step_mixed",
                        "table4_" + model + "_training_speedup_percent"})
            .rule(kSpeedupPercentRule));
    claims.push_back(
        ClaimSpec(ids.table5_percent_follows)
            .text("Table 5's inference speed-up percentage for " + name + " follows from its ms/step")
            .published({"table5_" + model + "_inference_ms_per_step_single",
                        "table5_" + model + "_inference_ms_per_step_mixed",
                        "table5_" + model + "_inference_speedup_percent"})
            .rule(kSpeedupPercentRule));
    claims.push_back(
        ClaimSpec(ids.text_inference_saving_follows)
            .text("The text's saving of inference over training time for " + name +
                  " follows from Tables 4 and 5")
            .published({"table4_" + model + "_training_ms_per_step_single",
                        "table5_" + model + "_inference_ms_per_step_single",
                        "text_" + model + "_inference_saving_vs_training_percent"})
            .rule(kInferenceSavingRule));
  }
  // The thesis's answer to its research question (Conclusion) against the tables it summarizes.
  std::vector<std::string> training_percents, inference_percents;
  for (const char* model : kModels) {
    training_percents.push_back(std::string("table4_") + model + "_training_speedup_percent");
    inference_percents.push_back(std::string("table5_") + model + "_inference_speedup_percent");
  }
  const auto with = [](std::vector<std::string> keys, std::vector<std::string> more) {
    keys.insert(keys.end(), more.begin(), more.end());
    return keys;
  };
  claims.push_back(ClaimSpec(kConclusionTrainingRangeFollowsTable4)
                       .text("The Conclusion's 'training 32-45 % faster' spans Table 4's percentages")
                       .published(with({"conclusion_training_speedup_range_percent"}, training_percents))
                       .rule(kConclusionFollowsRule));
  claims.push_back(ClaimSpec(kConclusionInferenceRangeFollowsTable5)
                       .text("The Conclusion's 'inference 10-40 % faster' spans Table 5's percentages")
                       .published(with({"conclusion_inference_speedup_range_percent"}, inference_percents))
                       .rule(kConclusionFollowsRule));
  claims.push_back(ClaimSpec(kConclusionLargestGainFollowsTables)
                       .text("The Conclusion's 'ResNet152V2 gains most' is the largest percentage of Tables 4 and 5")
                       .published(with(with({"conclusion_largest_gain_model"}, training_percents), inference_percents))
                       .rule(kConclusionFollowsRule));
  return claims;
}

// Claims our own measurements decide, per tier (README.md "Tiers").
std::vector<ClaimSpec> measured_claims() {
  std::vector<ClaimSpec> claims;
  for (const ModelIds& ids : kModelIds) {
    const std::string model = ids.model;
    const std::string name = display_name(model);
    const std::vector<std::string> accuracy_keys = {
        "table2_" + model + "_accuracy_single", "table2_" + model + "_accuracy_mixed",
        "table3_" + model + "_mcnemar_statistic", "table3_" + model + "_mcnemar_p"};
    claims.push_back(
        ClaimSpec(ids.reduced_no_significant_difference)
            .text("Reduced (a shrunk " + name + " from scratch at 80x80 on 1,602 of the 2,002 shared "
                  "images, 400 validated): the fp32 and mixed-precision classifiers' accuracies on the "
                  "same images differ by less than 1 point (Table 3's conclusion as an equivalence claim)")
            .published(accuracy_keys)
            .rule(kPairedEquivalenceRule)
            .decided_at({Tier::reduced})
            .requires_datasets({"dogs-vs-cats"}));
    claims.push_back(
        ClaimSpec(ids.full_training_faster_mixed)
            .text("A training step of " + name + " (whole network trainable, batch 64, 224x224) is "
                  "faster in mixed precision (Table 4)")
            .published({"table4_" + model + "_training_ms_per_step_single",
                        "table4_" + model + "_training_ms_per_step_mixed"})
            .rule(kMixedFasterRule)
            .decided_at({Tier::full})
            .requires_gpu());
    claims.push_back(
        ClaimSpec(ids.full_inference_faster_mixed)
            .text("An inference step of " + name + " (batch 64, 224x224) is faster in mixed precision "
                  "(Table 5)")
            .published({"table5_" + model + "_inference_ms_per_step_single",
                        "table5_" + model + "_inference_ms_per_step_mixed"})
            .rule(kMixedFasterRule)
            .decided_at({Tier::full})
            .requires_gpu());
    // Not yet run on a GPU: the expected verdicts of the two ratio claims are the thesis's.
    claims.push_back(
        ClaimSpec(ids.full_training_ratio_matches_table4)
            .text("Our mixed/single training-step time ratio for " + name + " agrees with Table 4's "
                  "within ±0.10 (a stated practical margin, common/time_ratio_rule.h)")
            .published({"table4_" + model + "_training_ms_per_step_single",
                        "table4_" + model + "_training_ms_per_step_mixed"})
            .rule(kRatioMatchesRule)
            .decided_at({Tier::full})
            .requires_gpu());
    claims.push_back(
        ClaimSpec(ids.full_inference_ratio_matches_table5)
            .text("Our mixed/single inference-step time ratio for " + name + " agrees with Table 5's "
                  "within ±0.10 (a stated practical margin, common/time_ratio_rule.h)")
            .published({"table5_" + model + "_inference_ms_per_step_single",
                        "table5_" + model + "_inference_ms_per_step_mixed"})
            .rule(kRatioMatchesRule)
            .decided_at({Tier::full})
            .requires_gpu());
    claims.push_back(
        ClaimSpec(ids.full_no_significant_difference)
            .text("Fine-tuned from ImageNet weights with a frozen base (the thesis's protocol), the "
                  "fp32 and amp-fp16 " + name + " classifiers' accuracies on the same 5,000 images differ "
                  "by less than 1 point (Table 3's conclusion as an equivalence claim)")
            .published(accuracy_keys)
            .rule(kPairedEquivalenceRule)
            .decided_at({Tier::full})
            .requires_gpu()
            .requires_datasets({"dogs-vs-cats"}));
    claims.push_back(
        ClaimSpec(ids.full_accuracy_matches_table2)
            .text("Our validation accuracies for " + name + " equal Table 2's within 1 point")
            .published({"table2_" + model + "_accuracy_single", "table2_" + model + "_accuracy_mixed",
                        "validation_images"})
            .rule(kTable2AgreementRule)
            .decided_at({Tier::full})
            .requires_gpu()
            .requires_datasets({"dogs-vs-cats"}));
  }
  // The Conclusion's answer to the research question, on our own GPU measurements.
  // (The Conclusion's statement in published.json, under the same name as the claim.)
  std::vector<std::string> speedup_keys = {"conclusion_speedup_depends_on_model"};
  for (const char* model : kModels) {
    speedup_keys.push_back(std::string("table4_") + model + "_training_speedup_percent");
    speedup_keys.push_back(std::string("table5_") + model + "_inference_speedup_percent");
  }
  claims.push_back(ClaimSpec(kConclusionSpeedupDependsOnModel)
                       .text("The speed-up depends on the model (Conclusion): the models Tables 4 and 5 show "
                             "gaining most and least have mixed/single ratios 0.10 or more apart on our GPU")
                       .published(speedup_keys)
                       .rule(kSpeedupDependsRule)
                       .decided_at({Tier::full})
                       .requires_gpu());
  return claims;
}

// Mechanics checks (not claims of the thesis): listed apart in results.json.
std::vector<CheckSpec> mechanics_checks() {
  std::vector<CheckSpec> checks;
  for (const ModelIds& ids : kModelIds) {
    const std::string model = ids.model;
    const std::string name = display_name(model);
    checks.push_back(
        CheckSpec(ids.smoke_mechanics)
            .text("A shrunk " + name + " with the thesis's head trains with a frozen base in fp32 and "
                  "mixed precision, is evaluated image by image, compared by McNemar, and its training "
                  "and inference steps are timed")
            .decided_at({Tier::smoke}));
    checks.push_back(
        CheckSpec(ids.reduced_both_learn)
            .text("Reduced: both the fp32 and the mixed-precision shrunk " + name + " beat chance")
            .decided_at({Tier::reduced})
            .requires_datasets({"dogs-vs-cats"}));
  }
  return checks;
}

}  // namespace
}  // namespace repro::dogs_vs_cats

REPRO_STUDY(dogs_vs_cats_mixed_precision, ::repro::dogs_vs_cats::run)
    ->title("Testing Mixed-Precision for VGG, Inception and ResNet on the Dogs vs. Cats Dataset")
    ->tiers({::repro::Tier::smoke, ::repro::Tier::reduced, ::repro::Tier::full})
    ->test_minutes(::repro::Tier::reduced, 18.7)  // under ctest -j2 on the 2-core AVX2 machine, 2026-12-07
    ->gpu_tiers({::repro::Tier::full})
    ->declares_run_units(true)
    ->claims(::repro::dogs_vs_cats::audit_claims())
    ->claims(::repro::dogs_vs_cats::measured_claims())
    ->checks(::repro::dogs_vs_cats::mechanics_checks());
