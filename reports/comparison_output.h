// The comparison of two runs as the Markdown summary `repro compare` prints and as JSON.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "reports/comparison.h"

namespace repro::reports {

// The Markdown summary printed on stdout.
std::string comparison_markdown(const Comparison& comparison, const CompareOptions& options = CompareOptions());

// The same content as JSON (for --json FILE). Non-finite numbers are written as null.
nlohmann::json comparison_json(const Comparison& comparison, const CompareOptions& options = CompareOptions());

}  // namespace repro::reports
