// Plain-text renderings of claim fields, shared by the Markdown, HTML and CSV writers.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/study_results.h"

namespace repro::reports {

// A JSON scalar as text: strings unquoted, numbers in the shortest form that reads back exactly,
// null as "", arrays and objects as compact JSON.
std::string json_value_text(const nlohmann::json& value);

// The published values: "table3_vgg_mcnemar_p = 0.371 (Table 3, p. 21)", units after the value,
// several joined by "; ". "" when there are none.
std::string published_text(const ClaimResult& claim);

// The measured JSON: an object as "key: value, key: value", anything else as json_value_text.
std::string measured_text(const nlohmann::json& measured);

// The verdict for display: "not_reproduced" -> "not reproduced"; "" -> "—".
std::string verdict_label(const std::string& verdict);

// "yes" or "no" for matches_expected.
std::string matches_expected_text(const ClaimResult& claim);

}  // namespace repro::reports
