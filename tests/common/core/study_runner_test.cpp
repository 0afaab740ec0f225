#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "common/comparison_decision.h"
#include "base/errors.h"
#include "app/run_manifest.h"
#include "common/run_units.h"
#include "common/study_context.h"
#include "common/study_definition.h"
#include "common/study_registry.h"
#include "app/study_runner.h"

namespace repro {
namespace {

// Set by each test: what the test study does when run.
enum class Behaviour { decide_all, throw_midway, decide_none, fail_check, malformed_plot };
Behaviour behaviour = Behaviour::decide_all;
constexpr const char* kRule = "runner_test.answer";
// The test studies' claims and check.
constexpr ClaimId kHolds{"holds"};
constexpr ClaimId kFails{"fails"};
constexpr ClaimId kOnlyReduced{"only_reduced"};
constexpr ClaimId kNeedsGpu{"needs_gpu"};
constexpr ClaimId kNeedsMnist{"needs_mnist"};
constexpr ClaimId kNeedsMnistOnly{"needs_mnist_only"};
constexpr ClaimId kNotAClaim{"not_a_claim"};
constexpr ClaimId kMeanIsTheAnswer{"mean_is_the_answer"};
constexpr ClaimId kFirstIsTheAnswer{"first_is_the_answer"};
constexpr ClaimId kSecondIsTheAnswer{"second_is_the_answer"};
constexpr CheckId kMachineryWorks{"machinery_works"};

Decision answer_decision(double ours) {
  return decide_comparison(kRule, agreement_with("the answer", "", 42.0, Estimate::exact(ours), {0.5, "", "printed as a whole number"}),
                           {0.5, "", "printed as a whole number"}, {0.0, "", "exact"});
}

// What should_decide_any answered during the last run, in the order asked (see its test).
std::vector<bool> any_answers;

void run_test_study(StudyContext& context) {
  if (behaviour == Behaviour::decide_none) return;
  any_answers = {context.should_decide_any({kOnlyReduced}), context.should_decide_any({kOnlyReduced, kHolds}),
                 context.should_decide_any({kNotAClaim}), context.should_decide_any(std::vector<ClaimId>{})};
  if (context.should_decide(kHolds)) {
    context.decide(kHolds, answer_decision(context.published().number("answer")).measured({{"answer", 42}}));
  }
  any_answers.push_back(context.should_decide_any({kHolds}));
  if (behaviour == Behaviour::throw_midway) throw std::runtime_error("loss became NaN at iteration 7");
  if (context.should_decide(kFails)) context.decide(kFails, answer_decision(41.0));
  if (context.should_decide(kOnlyReduced)) context.decide(kOnlyReduced, answer_decision(42.0));
  if (context.should_check(kMachineryWorks)) {
    context.record_check(kMachineryWorks, check_that(behaviour != Behaviour::fail_check).reason("it ran"));
  }
  context.add_timing("step", "ms", {1.0, 2.0});
  context.add_table({{"id", "runs"}, {"title", "runs"}, {"columns", {"seed", "loss"}}, {"rows", {{0, 0.25}, {1, nullptr}}}});
  context.add_plot({{"id", "loss"},
                    {"title", "loss by seed"},
                    {"kind", behaviour == Behaviour::malformed_plot ? "pie" : "points"},
                    {"series", {{{"name", "ours"}, {"x", {0, 1}}, {"y", {0.25, std::nan("")}}, {"y_lower", {0.2, 0.1}},
                                 {"y_upper", {0.3, 0.4}}},
                                {{"name", "paper"}, {"x", {0}}, {"y", {0.3}}, {"published", true}}}},
                    {"reference_lines", {{{"y", 0.3}, {"label", "paper"}}}}});
}

std::vector<ClaimSpec> test_claims() {
  return {
      ClaimSpec(kHolds).text("the answer is 42").published({"answer"}).rule(kRule),
      ClaimSpec(kFails).text("expected to fail").rule(kRule).predict(Verdict::not_reproduced, "41 is not 42"),
      ClaimSpec(kOnlyReduced).decided_at({Tier::reduced}).rule(kRule),
      ClaimSpec(kNeedsGpu).requires_gpu().rule(kRule),
      ClaimSpec(kNeedsMnist).requires_datasets({"mnist"}).rule(kRule),
  };
}

void run_nothing(StudyContext&) {}
REPRO_STUDY(runner_test_data_study, run_nothing)
    ->title("A study whose only claim needs MNIST")
    ->claim(ClaimSpec(kNeedsMnistOnly).requires_datasets({"mnist"}).rule(kRule));

REPRO_STUDY(runner_test_study, run_test_study)
    ->title("A study for the runner's tests")
    ->claims(test_claims())
    ->check(CheckSpec(kMachineryWorks).text("the study's machinery runs"));

class StudyRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("repro_runner_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    write_answer_published("runner_test_study");
    options_.with_papers_dir(root_ / "papers").with_output_dir(root_ / "out").with_tier(Tier::smoke);
    behaviour = Behaviour::decide_all;
  }

  // papers/<study>/published.json with the one number the test studies use: answer = 42.
  void write_answer_published(const std::string& study) {
    write_file_atomically(root_ / "papers" / study / "published.json",
                          R"({"study": ")" + study + R"(", "paper": {"title": "T"},
                              "numbers": {"answer": {"value": 42, "provenance": "p. 1"}}})");
  }

  nlohmann::json claim(const StudyRunOutcome& outcome, const std::string& id) {
    for (const ClaimResult& entry : outcome.results.claims) {
      if (entry.id == id) return to_json(entry);
    }
    ADD_FAILURE() << "no claim " << id;
    return {};
  }

  std::filesystem::path root_;
  RunOptions options_;
  std::ostringstream log_;
};

TEST_F(StudyRunnerTest, DecidesSkipsAndWritesResults) {
  options_.with_allow_skipped(true);
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(outcome.mismatched_claims, 0);
  EXPECT_EQ(outcome.skipped_for_requirements, 2);
  EXPECT_EQ(outcome.exit_code(), 0);
  EXPECT_EQ(claim(outcome, "holds")["verdict"], "reproduced");
  EXPECT_EQ(claim(outcome, "holds")["expected_basis"], "paper");
  EXPECT_EQ(claim(outcome, "holds")["rule_id"], kRule);
  EXPECT_EQ(claim(outcome, "holds")["margin"]["value"], 0.5);
  EXPECT_EQ(claim(outcome, "holds")["comparison"]["published"], 42.0);
  EXPECT_TRUE(claim(outcome, "holds")["minimum_detectable_effect"].is_object());
  EXPECT_EQ(claim(outcome, "fails")["expected_basis"], "prediction");
  EXPECT_EQ(claim(outcome, "fails")["expected_detail"], "41 is not 42");
  EXPECT_EQ(claim(outcome, "holds")["published"]["answer"]["provenance"], "p. 1");
  EXPECT_EQ(claim(outcome, "fails")["verdict"], "not_reproduced");
  EXPECT_EQ(claim(outcome, "fails")["expected_verdict"], "not_reproduced");
  auto tier_skip = claim(outcome, "only_reduced");
  EXPECT_EQ(tier_skip["verdict"], "skipped");
  EXPECT_NE(tier_skip["reason"].get<std::string>().find("reduced"), std::string::npos);
  EXPECT_EQ(claim(outcome, "needs_gpu")["verdict"], "skipped");
  EXPECT_NE(claim(outcome, "needs_gpu")["reason"].get<std::string>().find("GPU"), std::string::npos);
  EXPECT_EQ(claim(outcome, "needs_mnist")["verdict"], "skipped");
  EXPECT_NE(claim(outcome, "needs_mnist")["reason"].get<std::string>().find("mnist"), std::string::npos);

  auto written = nlohmann::json::parse(read_whole_file(root_ / "out" / "runner_test_study" / "results.json"));
  EXPECT_EQ(written["study"], "runner_test_study");
  EXPECT_EQ(written["tier"], "smoke");
  EXPECT_EQ(written["claims"].size(), 5u);
  ASSERT_EQ(written["checks"].size(), 1u);
  EXPECT_EQ(written["checks"][0]["status"], "passed");
  EXPECT_TRUE(written["manifest"].contains("libtorch_version"));
  EXPECT_TRUE(written["manifest"].contains("git_commit"));
  // LibTorch's dense layers call a BLAS (Debian's libtorch links libblas.so.3): it is named, with
  // its alternative resolved, because CPU results depend on which one it is.
  ASSERT_TRUE(written["manifest"]["blas_libraries"].is_array());
  EXPECT_FALSE(written["manifest"]["blas_libraries"].empty());
  for (const auto& path : written["manifest"]["blas_libraries"]) {
    EXPECT_NE(path.get<std::string>().find_first_of("/"), std::string::npos) << path;
  }
  // Taken before the study runs; the manifest's date after it (same ISO-8601 UTC format).
  EXPECT_LE(written["started_at"].get<std::string>(), written["manifest"]["date"].get<std::string>());
  EXPECT_EQ(written["timings"][0]["samples"].size(), 2u);
  EXPECT_EQ(written["plots"][0]["series"][0]["y"][1], nullptr);  // NaN is written as null
  // One results type: what the runner wrote reads back to the same document, and to the results
  // the run returned.
  const StudyResults loaded = load_study_results(root_ / "out" / "runner_test_study" / "results.json");
  EXPECT_EQ(to_json(loaded), written);
  EXPECT_EQ(to_json(outcome.results), written);
  ASSERT_EQ(loaded.plots.size(), 1u);
  EXPECT_TRUE(loaded.plots[0].series[0].has_error_bars());
  EXPECT_EQ(loaded.paper_citation(), "T");
}

TEST_F(StudyRunnerTest, AMalformedPlotIsTheStudysErrorNamingThePlot) {
  behaviour = Behaviour::malformed_plot;
  auto outcome = run_study(find_study("runner_test_study"), options_.with_allow_skipped(true), log_);
  EXPECT_NE(outcome.failure.find("plot 'loss'"), std::string::npos) << outcome.failure;
  EXPECT_NE(outcome.failure.find("pie"), std::string::npos) << outcome.failure;
  EXPECT_EQ(outcome.exit_code(), 1);
  EXPECT_TRUE(std::filesystem::exists(root_ / "out" / "runner_test_study" / "results.json"));
}

TEST_F(StudyRunnerTest, AbsentDataSetUnderADataDirIsSkippedWithTheFetchCommand) {
  options_.with_data_dir(root_ / "empty-data");
  std::filesystem::create_directories(root_ / "empty-data");
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  auto reason = claim(outcome, "needs_mnist")["reason"].get<std::string>();
  EXPECT_NE(reason.find("repro data fetch mnist"), std::string::npos) << reason;
}

// Not scheduled at smoke, scheduled, unknown, none; and a claim once decided.
TEST_F(StudyRunnerTest, ShouldDecideAnyIsTrueWhenOneClaimIsScheduledAndUndecided) {
  run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(any_answers, (std::vector<bool>{false, true, false, false, false}));
}

TEST_F(StudyRunnerTest, ReducedTierSchedulesItsClaim) {
  options_.with_tier(Tier::reduced);
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(claim(outcome, "only_reduced")["verdict"], "reproduced");
}

TEST_F(StudyRunnerTest, AFailingStudyLeavesUndecidedClaimsInconclusiveAndStillWrites) {
  behaviour = Behaviour::throw_midway;
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(claim(outcome, "holds")["verdict"], "reproduced");
  auto failed = claim(outcome, "fails");
  EXPECT_EQ(failed["verdict"], "inconclusive");
  EXPECT_NE(failed["reason"].get<std::string>().find("NaN at iteration 7"), std::string::npos);
  EXPECT_EQ(outcome.mismatched_claims, 1);
  EXPECT_EQ(outcome.exit_code(), 1);
  EXPECT_TRUE(std::filesystem::exists(root_ / "out" / "runner_test_study" / "results.json"));
}

TEST_F(StudyRunnerTest, AnUndecidedClaimIsAMismatch) {
  behaviour = Behaviour::decide_none;
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(claim(outcome, "holds")["verdict"], "inconclusive");
  EXPECT_NE(claim(outcome, "holds")["reason"].get<std::string>().find("did not decide"), std::string::npos);
  EXPECT_GE(outcome.mismatched_claims, 2);
}

TEST_F(StudyRunnerTest, ASkipForAMissingRequirementFailsUnlessAllowed) {
  options_.with_data_dir(root_ / "empty-data");
  std::filesystem::create_directories(root_ / "empty-data");
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(outcome.mismatched_claims, 0);
  EXPECT_EQ(outcome.skipped_for_requirements, 2);  // needs_gpu, needs_mnist
  EXPECT_EQ(outcome.exit_code(), 1);
  ASSERT_TRUE(outcome.results.outcome.has_value());
  EXPECT_EQ(outcome.results.outcome->skipped_for_requirements.size(), 2u);
  options_.with_allow_skipped(true);
  EXPECT_EQ(run_study(find_study("runner_test_study"), options_, log_).exit_code(), 0);
}

TEST_F(StudyRunnerTest, AFailedCheckFailsTheRun) {
  behaviour = Behaviour::fail_check;
  options_.with_allow_skipped(true);
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(outcome.mismatched_claims, 0);
  EXPECT_EQ(outcome.failed_checks, 1);
  EXPECT_EQ(outcome.exit_code(), 1);
  ASSERT_EQ(outcome.results.checks.size(), 1u);
  EXPECT_EQ(outcome.results.checks[0].status, "failed");
}

TEST_F(StudyRunnerTest, ATierThatDecidesNothingFailsUnlessAllowed) {
  write_file_atomically(root_ / "papers" / "runner_test_data_study" / "published.json",
                        R"({"study": "runner_test_data_study", "paper": {"title": "T"}, "numbers": {}})");
  options_.with_data_dir(root_ / "empty-data");
  std::filesystem::create_directories(root_ / "empty-data");
  auto outcome = run_study(find_study("runner_test_data_study"), options_, log_);
  EXPECT_EQ(outcome.decided_claims, 0);
  EXPECT_EQ(outcome.exit_code(), 1);
  EXPECT_NE(log_.str().find("decided no claim"), std::string::npos) << log_.str();
  options_.with_allow_skipped(true);
  EXPECT_EQ(run_study(find_study("runner_test_data_study"), options_, log_).exit_code(), 0);
}

TEST_F(StudyRunnerTest, MeasuredExpectationsComeFromTheFileAndDisagreementIsUnstable) {
  write_file_atomically(root_ / "papers" / "runner_test_study" / "expectations.json", R"({
      "study": "runner_test_study",
      "entries": [
        {"claim": "fails", "tier": "smoke", "commit": "abc", "date": "2026-12-02", "machine": "test",
         "runs": [{"seed": 0, "verdict": "not_reproduced"}, {"seed": 1000, "verdict": "inconclusive"}]},
        {"claim": "holds", "tier": "smoke", "commit": "abc", "date": "2026-12-02", "machine": "test",
         "runs": [{"seed": 0, "verdict": "not_reproduced"}, {"seed": 1000, "verdict": "not_reproduced"}]}]})");
  options_.with_allow_skipped(true);
  auto outcome = run_study(find_study("runner_test_study"), options_, log_);
  EXPECT_EQ(claim(outcome, "fails")["expected_verdict"], "unstable");
  EXPECT_EQ(claim(outcome, "fails")["expected_basis"], "measured");
  EXPECT_EQ(claim(outcome, "fails")["accepted_verdicts"].size(), 2u);
  EXPECT_TRUE(claim(outcome, "fails")["matches_expected"].get<bool>());
  // The measured expectation overrides the paper's: "holds" is reproduced, measured not.
  EXPECT_EQ(claim(outcome, "holds")["expected_verdict"], "not_reproduced");
  EXPECT_EQ(outcome.mismatched_claims, 1);
}

TEST_F(StudyRunnerTest, AnExpectationsFileWithOneRunIsBadInput) {
  write_file_atomically(root_ / "papers" / "runner_test_study" / "expectations.json", R"({
      "study": "runner_test_study",
      "entries": [{"claim": "fails", "tier": "smoke", "commit": "abc", "date": "d", "machine": "m",
                   "runs": [{"seed": 0, "verdict": "not_reproduced"}]}]})");
  try {
    run_study(find_study("runner_test_study"), options_, log_);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("two disjoint seed sets"), std::string::npos) << error.what();
  }
}

TEST_F(StudyRunnerTest, CudaWithoutADeviceIsBadInput) {
  if (cuda_device_available()) GTEST_SKIP() << "a CUDA device is present";
  options_.with_device(DeviceKind::cuda);
  try {
    run_study(find_study("runner_test_study"), options_, log_);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--device cuda"), std::string::npos) << error.what();
  }
}

TEST_F(StudyRunnerTest, AMissingPublishedKeyIsBadInput) {
  write_file_atomically(root_ / "papers" / "runner_test_study" / "published.json",
                        R"({"study": "runner_test_study", "paper": {"title": "T"}, "numbers": {}})");
  try {
    run_study(find_study("runner_test_study"), options_, log_);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("answer"), std::string::npos) << error.what();
  }
}

// CTest's study tests: GPU tiers on CUDA, smoke and reduced on the CPU, a CPU full tier none.
TEST(StudyDefinition, TierTestsFollowTheTiersAndTheGpuTiers) {
  StudyDefinition study("example", [](StudyContext&) {});
  study.tiers({Tier::smoke, Tier::reduced, Tier::full});
  std::vector<std::string> names;
  for (const auto& test : study.tier_tests()) names.push_back(test.name + (test.cuda ? " cuda" : " cpu"));
  EXPECT_EQ(names, (std::vector<std::string>{"study.example.smoke cpu", "study.example.reduced cpu"}));
  study.gpu_tiers({Tier::full});
  const auto tests = study.tier_tests();
  ASSERT_EQ(tests.size(), 3u);
  EXPECT_EQ(tests.back().name, "study.example.full.cuda");
  EXPECT_TRUE(tests.back().cuda);
  EXPECT_EQ(tests.back().tier, Tier::full);
  StudyDefinition bad("bad", [](StudyContext&) {});
  bad.tiers({Tier::smoke})->gpu_tiers({Tier::full});
  EXPECT_THROW(bad.tier_tests(), std::logic_error);
}

// A tier's declared minutes reach its test (CTest's COST); undeclared tiers cost 0; minutes for a
// tier the study lacks, or negative minutes, are the study's mistake.
TEST(StudyDefinition, TestMinutesReachTheTierTest) {
  StudyDefinition study("example", [](StudyContext&) {});
  study.tiers({Tier::smoke, Tier::reduced})->test_minutes(Tier::reduced, 12.5);
  const auto tests = study.tier_tests();
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_EQ(tests[0].minutes, 0.0);
  EXPECT_EQ(tests[1].minutes, 12.5);
  EXPECT_THROW(study.test_minutes(Tier::smoke, -1.0), std::logic_error);
  study.test_minutes(Tier::full, 3.0);
  EXPECT_THROW(study.tier_tests(), std::logic_error);
}

TEST(StudyRegistry, UnknownStudyNamesItAndTheKnownOnes) {
  try {
    find_study("no_such_study");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("no_such_study"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("runner_test_study"), std::string::npos);
  }
}


// A study whose "trainings" are run units: unit i's result is 40 + i / 2 for i = 0..5, and the claim
// compares the ceiling of their mean (42) with the published 42; a stand-in is 0, so a decision on
// stand-ins would be wrong. `unit_computations` counts the units actually computed.
int unit_computations = 0;
constexpr int kUnits = 6;

void run_unit_study(StudyContext& context) {
  double sum = 0.0;
  for (int i = 0; i < kUnits; ++i) {
    UnitKey key;
    key.study = "runner_test_unit_study";
    key.tier = context.tier();
    key.experiment = "training";
    key.configuration = "unit";
    key.seed = static_cast<std::uint64_t>(i);
    UnitWork work;
    work.estimated_seconds = 1.0 + i;
    work.compute = [i] {
      ++unit_computations;
      return nlohmann::json{{"value", 40.0 + i / 2.0}};
    };
    work.stand_in = [] { return nlohmann::json{{"value", 0.0}}; };
    sum += context.units().obtain(key, work)["value"].get<double>();
  }
  // sum = 6 * 40 + 7.5 = 247.5; 247.5 / 6 = 41.25 -> ceil 42: the answer.
  if (context.should_decide(kMeanIsTheAnswer)) {
    context.decide(kMeanIsTheAnswer, answer_decision(std::ceil(sum / kUnits)));
  }
}

REPRO_STUDY(runner_test_unit_study, run_unit_study)
    ->title("A study whose trainings are run units")
    ->declares_run_units(true)
    ->claim(ClaimSpec(kMeanIsTheAnswer).published({"answer"}).rule(kRule));

class StudyRunnerUnitsTest : public StudyRunnerTest {
 protected:
  void SetUp() override {
    StudyRunnerTest::SetUp();
    write_answer_published("runner_test_unit_study");
    unit_computations = 0;
  }
  const StudyDefinition& study() { return find_study("runner_test_unit_study"); }
};

TEST_F(StudyRunnerUnitsTest, APlanListsEveryUnitAndComputesAndWritesNothing) {
  const StudyPlan plan = plan_study(study(), options_);
  EXPECT_TRUE(plan.declares_units);
  EXPECT_EQ(plan.failure, "");
  ASSERT_EQ(plan.units.size(), static_cast<std::size_t>(kUnits));
  EXPECT_EQ(plan.units[2].estimated_seconds, 3.0);
  EXPECT_EQ(unit_computations, 0);
  EXPECT_FALSE(std::filesystem::exists(root_ / "out"));
  EXPECT_TRUE(plan_study(find_study("runner_test_study"), options_).units.empty());  // declares none
}

TEST_F(StudyRunnerUnitsTest, ShardsComputeEachUnitOnceAndTheDecidingRunNone) {
  const RunOptions one_process = RunOptions(options_).with_output_dir(root_ / "one");
  const StudyRunOutcome reference = run_study(study(), one_process, log_);
  EXPECT_EQ(unit_computations, kUnits);
  unit_computations = 0;
  for (int shard = 1; shard <= 2; ++shard) {
    const int before = unit_computations;
    const StudyRunOutcome outcome = run_study(study(), RunOptions(options_).with_shard({shard, 2}), log_);
    EXPECT_EQ(outcome.exit_code(), 0);
    EXPECT_GT(unit_computations, before) << "shard " << shard;
    EXPECT_FALSE(std::filesystem::exists(root_ / "out" / "runner_test_unit_study" / "results.json"));
  }
  EXPECT_EQ(unit_computations, kUnits);  // each unit in exactly one shard
  const StudyRunOutcome decided = run_study(study(), options_, log_);
  EXPECT_EQ(unit_computations, kUnits);  // the deciding run reused them all
  EXPECT_EQ(decided.exit_code(), 0);
  EXPECT_EQ(claim(decided, "mean_is_the_answer")["verdict"], "reproduced");
  EXPECT_EQ(claim(decided, "mean_is_the_answer")["comparison"], claim(reference, "mean_is_the_answer")["comparison"]);
  EXPECT_EQ(claim(decided, "mean_is_the_answer")["verdict"], claim(reference, "mean_is_the_answer")["verdict"]);
}

// A study of two experiments, each one unit worth 42 (a stand-in is 0): "first" decides
// first_is_the_answer, then "second" (estimated 7,200 s) decides second_is_the_answer.
int computed_first = 0;
int computed_second = 0;

double answer_unit(StudyContext& context, const std::string& experiment, double estimate, int& computations) {
  UnitKey key;
  key.study = "runner_test_two_experiments";
  key.tier = context.tier();
  key.experiment = experiment;
  key.configuration = "one";
  UnitWork work;
  work.estimated_seconds = estimate;
  work.compute = [&computations] {
    ++computations;
    return nlohmann::json{{"value", 42.0}};
  };
  work.stand_in = [] { return nlohmann::json{{"value", 0.0}}; };
  return context.units().obtain(key, work)["value"].get<double>();
}

void run_two_experiments(StudyContext& context) {
  const double first = answer_unit(context, "first", 1.0, computed_first);
  if (context.should_decide(kFirstIsTheAnswer)) context.decide(kFirstIsTheAnswer, answer_decision(first));
  const double second = answer_unit(context, "second", 7200.0, computed_second);
  if (context.should_decide(kSecondIsTheAnswer)) context.decide(kSecondIsTheAnswer, answer_decision(second));
  context.add_timing("second_value", "1", {second});  // a stand-in's number, were it kept
}

REPRO_STUDY(runner_test_two_experiments, run_two_experiments)
    ->title("A study of two experiments of run units")
    ->declares_run_units(true)
    ->claim(ClaimSpec(kFirstIsTheAnswer).published({"answer"}).rule(kRule))
    ->claim(ClaimSpec(kSecondIsTheAnswer).published({"answer"}).rule(kRule));

class PartialRunTest : public StudyRunnerTest {
 protected:
  void SetUp() override {
    StudyRunnerTest::SetUp();
    write_answer_published("runner_test_two_experiments");
    computed_first = computed_second = 0;
  }
  const StudyDefinition& study() { return find_study("runner_test_two_experiments"); }
};

TEST_F(PartialRunTest, DecidesWhatItsUnitsFinishAndSkipsTheRestSayingWhatIsMissing) {
  const StudyRunOutcome partial = run_study(study(), RunOptions(options_).with_units_of({"first"}), log_);
  EXPECT_EQ(computed_first, 1);
  EXPECT_EQ(computed_second, 0);
  EXPECT_EQ(claim(partial, "first_is_the_answer")["verdict"], "reproduced");
  const nlohmann::json second = claim(partial, "second_is_the_answer");
  EXPECT_EQ(second["verdict"], "skipped");  // never decided on the stand-in (0, which is not 42)
  const std::string reason = second["reason"];
  EXPECT_NE(reason.find("--units-of first"), std::string::npos) << reason;
  EXPECT_NE(reason.find("1 run unit(s)"), std::string::npos) << reason;
  EXPECT_NE(reason.find("1 second"), std::string::npos) << reason;
  EXPECT_NE(reason.find("2.0 h"), std::string::npos) << reason;
  EXPECT_EQ(partial.mismatched_claims, 0);
  EXPECT_EQ(partial.skipped_for_requirements, 1);
  EXPECT_EQ(partial.exit_code(), 1);  // a skip fails the run unless allowed
  ASSERT_TRUE(partial.results.outcome.has_value());
  ASSERT_EQ(partial.results.outcome->skipped_for_requirements.size(), 1u);
  EXPECT_EQ(partial.results.outcome->skipped_for_requirements[0].id, "second_is_the_answer");
  EXPECT_EQ(partial.results.manifest["units_of"], nlohmann::json::array({"first"}));
  EXPECT_TRUE(partial.results.timings.empty());  // made after the stand-in: left out
  EXPECT_EQ(run_study(study(), RunOptions(options_).with_units_of({"first"}).with_allow_skipped(true), log_)
                .exit_code(),
            0);
  EXPECT_EQ(computed_first, 1);  // reused

  // Nothing left to compute: the same two claims from finished units only.
  const StudyRunOutcome none = run_study(study(), RunOptions(options_).with_units_of({}), log_);
  EXPECT_EQ(claim(none, "first_is_the_answer")["verdict"], "reproduced");
  EXPECT_EQ(claim(none, "second_is_the_answer")["verdict"], "skipped");
  EXPECT_NE(claim(none, "second_is_the_answer")["reason"].get<std::string>().find("--units-of none"),
            std::string::npos);

  // The whole run computes only what the partial one left, and decides everything.
  const StudyRunOutcome whole = run_study(study(), options_, log_);
  EXPECT_EQ(computed_first, 1);
  EXPECT_EQ(computed_second, 1);
  EXPECT_EQ(claim(whole, "second_is_the_answer")["verdict"], "reproduced");
  EXPECT_EQ(whole.exit_code(), 0);
  EXPECT_FALSE(whole.results.manifest.contains("units_of"));
  ASSERT_EQ(whole.results.timings.size(), 1u);
  EXPECT_EQ(whole.results.timings[0].samples, std::vector<double>{42.0});
}

TEST_F(PartialRunTest, AnExperimentTheStudyDoesNotHaveIsBadInputNamingItsExperiments) {
  try {
    run_study(study(), RunOptions(options_).with_units_of({"third"}), log_);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("--units-of"), std::string::npos) << message;
    EXPECT_NE(message.find("'third'"), std::string::npos) << message;
    EXPECT_NE(message.find("first, second"), std::string::npos) << message;
  }
  EXPECT_EQ(computed_first + computed_second, 0);
}

TEST_F(PartialRunTest, APartialShardComputesOnlyItsExperimentsUnits) {
  for (int shard = 1; shard <= 2; ++shard) {
    const StudyRunOutcome outcome =
        run_study(study(), RunOptions(options_).with_units_of({"second"}).with_shard({shard, 2}), log_);
    EXPECT_EQ(outcome.exit_code(), 0);
  }
  EXPECT_EQ(computed_first, 0);
  EXPECT_EQ(computed_second, 1);
}

}  // namespace
}  // namespace repro
