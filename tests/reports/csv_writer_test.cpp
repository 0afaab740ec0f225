#include "reports/csv_writer.h"

#include <gtest/gtest.h>

#include "common/study_results.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

// A minimal RFC 4180 reader, to check that what the writer quotes reads back unchanged.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char character = text[i];
    if (quoted) {
      if (character == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (character == '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character == '"') {
      quoted = true;
    } else if (character == ',') {
      record.push_back(field);
      field.clear();
    } else if (character == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
      ++i;
    } else {
      field += character;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  EXPECT_TRUE(field.empty() && record.empty()) << "last record does not end in CRLF";
  return records;
}

TEST(CsvField, LeavesPlainTextUnquoted) {
  EXPECT_EQ(csv_field("reproduced"), "reproduced");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("p = 0.371 (Table 3; p. 21)"), "p = 0.371 (Table 3; p. 21)");
}

TEST(CsvField, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("carriage\rreturn"), "\"carriage\rreturn\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
}

TEST(CsvRecord, JoinsWithCommasAndEndsWithCrLf) {
  EXPECT_EQ(csv_record({"a", "b,c", ""}), "a,\"b,c\",\r\n");
}

TEST(ClaimsCsv, OneRowPerClaimThatReadsBack) {
  const std::vector<StudyResults> studies = load_results_directory(testing::old_run_dir());
  const std::vector<std::vector<std::string>> records = parse_csv(claims_csv(studies));
  ASSERT_EQ(records.size(), 1u + 3u + 2u);  // header + 3 Dogs vs. Cats claims + 2 FashionMNIST claims
  const std::vector<std::string> header = {"study", "tier", "id", "text", "published", "measured", "verdict",
                                           "expected_verdict", "matches_expected", "reason"};
  EXPECT_EQ(records[0], header);
  for (const auto& record : records) EXPECT_EQ(record.size(), header.size());

  // Rows follow the studies (sorted by directory) and their claims in order.
  EXPECT_EQ(records[1][0], "dogs_vs_cats_mixed_precision");
  EXPECT_EQ(records[1][1], "smoke");
  EXPECT_EQ(records[1][2], "table3_vgg_discordant_total");
  EXPECT_EQ(records[1][4],
            "table3_vgg_mcnemar_p = 0.371 (Table 3, p. 21); table3_vgg_mcnemar_statistic = 19 (Table 3, p. 21)");
  EXPECT_EQ(nlohmann::json::parse(records[1][5]), nlohmann::json::parse(R"({"discordant_totals":[45],"p_value":0.3713})"));
  EXPECT_EQ(records[1][6], "reproduced");
  EXPECT_EQ(records[1][8], "yes");
  EXPECT_EQ(records[2][9], "45 discordant images allow at most 0.9 points, \"0.96\" published");
  EXPECT_EQ(records[3][6], "skipped");
  EXPECT_EQ(records[3][7], "reproduced");
  EXPECT_EQ(records[3][8], "no");
  // Commas, double quotes and a line break in the text survive the round trip.
  EXPECT_EQ(records[5][2], "drop_is_significant");
  EXPECT_EQ(records[5][3], "The 9.35-point drop from fixed point, with commas, \"quotes\"\nand a line break");
  EXPECT_EQ(records[5][5], "9.375");
}

}  // namespace
}  // namespace repro::reports
