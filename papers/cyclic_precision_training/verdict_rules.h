// CPT's verdict rules: pure functions of measured numbers, each returning the Decision built by
// decide_comparison (common/comparison_decision.h) with its margin and detectable effect.
// Unit-tested in tests/papers/cyclic_precision_training/verdict_rules_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "common/claim.h"
#include "common/comparison_decision.h"

namespace repro::cyclic_precision_training {

// Audits of Table 2's printed numbers against our recomputation from the paper's own inputs.
inline constexpr const char* kSavingRule = "cyclic_precision_training.bitops_saving";
// Table 5's "Improv." GBitOPs percentages against the table's own cells.
inline constexpr const char* kImprovementFollowsRule = "cyclic_precision_training.improvement_follows_from_cells";
inline constexpr const char* kGbitopsRule = "cyclic_precision_training.architecture_gbitops";
// CPT against static precision, paired over our seeds.
inline constexpr const char* kNonInferiorityRule = "cyclic_precision_training.not_worse_than_static";
inline constexpr const char* kDirectionRule = "cyclic_precision_training.paired_direction";
// Our mean accuracy over seeds against Table 2's single published run.
inline constexpr const char* kPublishedAccuracyRule = "cyclic_precision_training.published_accuracy";

// "A is not worse than B": Decision of kNonInferiorityRule — the paired t interval (95%) over
// seeds of a[i] − b[i] (points) against [−margin_points, +inf). REQUIRES: a.size() == b.size()
// >= 2 (else InputError); margin_points >= 0.
Decision paired_non_inferiority(const std::vector<double>& a, const std::vector<double>& b,
                                double margin_points, const std::string& a_name,
                                const std::string& b_name);

// "A is better than B": Decision of kDirectionRule — the paired t interval of a[i] − b[i]
// against [0, +inf). REQUIRES: a.size() == b.size() >= 2 (else InputError).
Decision paired_superiority(const std::vector<double>& a, const std::vector<double>& b,
                            const std::string& a_name, const std::string& b_name);

// printed_value_audit (common/comparison_decision.h) decides the printed-value audits
// (kSavingRule, kImprovementFollowsRule).

// Our mean test accuracy over seeds (t interval) against a published single run ± margin_points:
// Decision of kPublishedAccuracyRule. REQUIRES: ours.size() >= 2 (else InputError).
Decision published_accuracy(double published_percent, const std::vector<double>& ours,
                            double margin_points, const std::string& margin_words);

}  // namespace repro::cyclic_precision_training
