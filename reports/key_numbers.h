// The "paper vs ours" view of a claim, in plain words and formatted numbers, shared by the
// Markdown and HTML writers: the quantity, the published value (with its interval and unit), ours
// (with its 95% interval), the rule and its margin in words. Built from the schema-2 `comparison`
// and `margin` fields; results without them fall back to the published values and a summary of
// `measured` (never a JSON object: the raw values go to the report's collapsible details).
#pragma once

#include <string>
#include <vector>

#include "common/study_results.h"

namespace repro::reports {

struct KeyNumbers {
  std::string quantity;    // "FP32 test accuracy"; the first published value's name when no comparison
  std::string published;   // "93.75 %", "0.371", "93.75 % [91.2, 96.3]"; "—" when none
  std::string source;      // the published values' provenance ("results slide (FP32 baseline)")
  std::string ours;        // "80.61 % [79.1, 82.0]"; a summary of `measured` when no comparison
  std::string rule;        // "agreement: ours within ±2.5 points of the published value ..."
  std::string detectable;  // "smallest detectable difference 1.1 points (basis)"; "" when absent
};

KeyNumbers key_numbers(const ClaimResult& claim);

// The same for one line of the front page: without a comparison, the first published value and,
// for ours, the decision's reason (at most 120 characters), so that a line stays short.
KeyNumbers headline_numbers(const ClaimResult& claim);

// A number for readers: integers whole (64000), others with four significant digits (80.61,
// 0.371, 2.67e+08); "∞"/"−∞" for infinities, "—" for NaN.
std::string readable_number(double value);

// "80.61 %", "80.61 % [79.1, 82]" (the interval when the estimate has one), "0.371".
std::string estimate_text(const EstimateValue& estimate, const std::string& unit);

// A value with its unit: "%" and "points" joined as "80.6 %", "2.5 points"; "" unit: the number.
std::string with_unit(const std::string& number, const std::string& unit);

// A JSON value in plain words: numbers readable, strings as they are, arrays of up to six scalars
// "a, b, c", objects "key: value, ..." of their scalar members (at most four); larger or nested
// values are summarised ("12 values") — never a JSON object.
std::string plain_value_text(const nlohmann::json& value);

// The region of agreement: "[91.2, 96.3]", "at least 0", "at most 5", "any value".
std::string region_text(const ClaimComparison& comparison);

// Up to `count` claims worth a line on the front page: those that compare a published number
// with ours, in the study's order; when none has a comparison (older results), those with a
// numeric published value.
std::vector<const ClaimResult*> headline_claims(const StudyResults& study, std::size_t count = 3);

// "expected reproduced (paper)", "expected reproduced or inconclusive (measured)"; "" when none.
std::string expected_text(const ClaimResult& claim);

}  // namespace repro::reports
