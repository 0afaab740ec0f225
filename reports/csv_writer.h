// claims.csv: one row per claim, RFC 4180 (CRLF line ends; a field holding a comma, a double
// quote, CR or LF is enclosed in double quotes, with inner double quotes doubled).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/study_results.h"

namespace repro::reports {

// One field, quoted only when RFC 4180 requires it.
std::string csv_field(std::string_view value);

// One record: fields joined by commas, ending in CRLF.
std::string csv_record(const std::vector<std::string>& fields);

// The header and one row per claim of every study. Columns: study, tier, id, text, published,
// measured, verdict, expected_verdict, matches_expected, reason.
std::string claims_csv(const std::vector<StudyResults>& studies);

}  // namespace repro::reports
