// The example study run end to end through the runner, as `repro run` runs a study: its claim is
// decided with the expected verdict, its run units are written and then reused, a plan lists
// them with their cost, and results are the same with and without reuse.
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "app/study_runner.h"
#include "base/errors.h"
#include "common/study_registry.h"
#include "tests/example_study/claim_ids.h"
#include "tests/example_study/experiment_units.h"

namespace repro::example_study {
namespace {

class ExampleStudy : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = std::filesystem::temp_directory_path() /
           ("repro_example_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(out_);
    // <papers_dir>/example_study/published.json: this folder is the study's folder.
    options_.with_papers_dir(std::filesystem::path(EXAMPLE_STUDY_DIR).parent_path())
        .with_output_dir(out_)
        .with_tier(Tier::smoke);
  }
  void TearDown() override { std::filesystem::remove_all(out_); }

  static nlohmann::json claim(const StudyRunOutcome& outcome) { return to_json(outcome.results.claims.at(0)); }
  std::filesystem::path units_dir() const { return out_ / "example_study" / "units"; }

  std::filesystem::path out_;
  RunOptions options_;
  std::ostringstream log_;
};

TEST_F(ExampleStudy, RunsDecidesAndWritesItsUnits) {
  const StudyRunOutcome outcome = run_study(find_study("example_study"), options_, log_);
  EXPECT_EQ(outcome.exit_code(), 0) << log_.str();
  EXPECT_EQ(claim(outcome)["id"], kHeadsShareIsHalf.str());
  EXPECT_EQ(claim(outcome)["verdict"], "reproduced") << claim(outcome).dump(2);
  EXPECT_EQ(claim(outcome)["expected_basis"], "paper");
  EXPECT_EQ(claim(outcome)["margin"]["value"], 5.0);
  ASSERT_EQ(outcome.results.checks.size(), 1u);
  EXPECT_EQ(outcome.results.checks[0].status, "passed");
  int units = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(units_dir())) ++units;
  EXPECT_EQ(units, 3);
  EXPECT_TRUE(std::filesystem::exists(out_ / "example_study" / "results.json"));
}

TEST_F(ExampleStudy, ASecondRunReusesEveryUnitAndDecidesTheSame) {
  const StudyRunOutcome first = run_study(find_study("example_study"), options_, log_);
  const std::filesystem::path unit = std::filesystem::directory_iterator(units_dir())->path();
  const auto written = std::filesystem::last_write_time(unit);
  const StudyRunOutcome second = run_study(find_study("example_study"), options_, log_);
  EXPECT_EQ(std::filesystem::last_write_time(unit), written);
  EXPECT_EQ(claim(second)["measured"], claim(first)["measured"]);
  EXPECT_EQ(claim(second)["comparison"], claim(first)["comparison"]);
  EXPECT_EQ(to_json(second.results)["tables"], to_json(first.results)["tables"]);
}

TEST_F(ExampleStudy, APlanListsTheUnitsWithTheirCostAndComputesNothing) {
  const StudyPlan plan = plan_study(find_study("example_study"), options_.with_tier(Tier::reduced));
  EXPECT_TRUE(plan.declares_units);
  ASSERT_EQ(plan.units.size(), 5u);
  for (const PlannedUnit& unit : plan.units) {
    EXPECT_EQ(unit.key.experiment, "flips");
    EXPECT_FALSE(unit.finished);
    EXPECT_DOUBLE_EQ(unit.estimated_seconds, 1e-8 * 20000);
  }
  EXPECT_FALSE(std::filesystem::exists(units_dir()));
}

TEST(ExampleStudyUnits, FlipsAreDeterministicAndRoundTrip) {
  const CoinFlips flips = flip_coins(7, 1000);
  EXPECT_EQ(flips.heads, flip_coins(7, 1000).heads);
  EXPECT_NE(flips.heads, flip_coins(8, 1000).heads);
  const CoinFlips read = coin_flips_from_json(coin_flips_to_json(flips));
  EXPECT_EQ(read.flips, 1000);
  EXPECT_EQ(read.heads, flips.heads);
  EXPECT_THROW(coin_flips_from_json(nlohmann::json::object()), InputError);
}

}  // namespace
}  // namespace repro::example_study
