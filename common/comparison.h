// The comparison behind a claim's verdict: a quantity, the published value, our estimate, the
// interval that is placed against the claim's region of agreement, the margin and its derivation,
// and the smallest effect the data could detect.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/study_results.h"
#include "stats/agreement.h"
#include "stats/interval.h"

namespace repro {

// A value with its confidence interval (level 0.95 unless stated) and how it was computed.
struct Estimate {
  double value = 0.0;
  stats::Interval interval;
  std::string method;  // e.g. "paired t over 5 seeds", "Wilson, 27 of 32", "exact (point)"
  // An exact value: the interval is the point itself.
  static Estimate exact(double value, std::string method = "exact computation");
};

// How far from the published value still counts as agreement, and why.
struct Margin {
  double value = 0.0;
  std::string unit;
  std::string derivation;  // e.g. "half a unit of the printed precision (0.01)"
};

// The smallest true difference this data could detect at alpha 0.05 with 80% power
// (stats/detectable_effect.h), in the claim's units.
struct DetectableEffect {
  double value = 0.0;
  std::string unit;
  std::string basis;  // e.g. "2.80 x SE of the paired mean difference (5 seeds)"
};

// agreement: ours against published ± margin.
// difference_agreement: ours − published (both uncertain) against ±margin.
// direction: a difference of two conditions against [threshold, +inf) ("A is better than B").
// equivalence: a difference of two conditions against ±margin ("A and B do not differ").
// non_inferiority: a difference against [−margin, +inf) ("A is not worse than B").
enum class RuleKind { agreement, difference_agreement, direction, equivalence, non_inferiority };
std::string to_string(RuleKind kind);

struct Comparison {
  RuleKind kind = RuleKind::agreement;
  std::string quantity;  // "FP32 test accuracy"
  std::string unit;      // "%"
  std::optional<double> published;
  std::optional<Estimate> published_estimate;  // when the paper's number has its own uncertainty
  std::optional<Estimate> ours;
  std::string tested;       // what the region applies to, e.g. "ours − published"
  Estimate tested_estimate;
  stats::Region region;
};

// Their rows in the results type (common/study_results.h), which writes results.json.
EstimateValue estimate_record(const Estimate& estimate);
StatedQuantity margin_record(const Margin& margin);
StatedQuantity detectable_record(const DetectableEffect& effect);
ClaimComparison comparison_record(const Comparison& comparison);

}  // namespace repro
