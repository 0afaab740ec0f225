#include "reports/csv_writer.h"

#include "reports/claim_formatting.h"

namespace repro::reports {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (const char character : value) {
    if (character == '"') quoted += '"';
    quoted += character;
  }
  quoted += '"';
  return quoted;
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string record;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) record += ',';
    record += csv_field(fields[i]);
  }
  record += "\r\n";
  return record;
}

std::string claims_csv(const std::vector<StudyResults>& studies) {
  std::string csv = csv_record({"study", "tier", "id", "text", "published", "measured", "verdict",
                                "expected_verdict", "matches_expected", "reason"});
  for (const StudyResults& study : studies) {
    for (const ClaimResult& claim : study.claims) {
      csv += csv_record({study.study, study.tier, claim.id, claim.text, published_text(claim),
                         claim.measured.is_null() ? "" : claim.measured.dump(), claim.verdict,
                         claim.expected_verdict, matches_expected_text(claim), claim.reason});
    }
  }
  return csv;
}

}  // namespace repro::reports
