// `repro stats` through CLI11, with the error mapping of app/cli/main.cpp (ParseError and
// repro::InputError -> exit 2). The printed numbers must equal the library's (the library is
// checked against statsmodels in the other tests).
#include <iostream>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "base/errors.h"
#include "stats/binomial_interval.h"
#include "stats/mcnemar.h"

namespace repro::cli {
namespace {

struct CommandOutcome {
  int exit_code = -1;
  std::string output;
  std::string error;
};

CommandOutcome run_repro(const std::string& arguments) {
  CLI::App app{"repro (test)"};
  app.require_subcommand(1);
  CommandOutcome outcome;
  int exit_code = 0;
  add_stats_command(app, exit_code);
  std::ostringstream captured;
  std::streambuf* original = std::cout.rdbuf(captured.rdbuf());
  try {
    app.parse(arguments);
    outcome.exit_code = exit_code;
  } catch (const CLI::ParseError& error) {
    outcome.exit_code = error.get_exit_code() == 0 ? 0 : 2;
    outcome.error = error.what();
  } catch (const InputError& error) {
    outcome.exit_code = 2;
    outcome.error = error.what();
  }
  std::cout.rdbuf(original);
  outcome.output = captured.str();
  return outcome;
}

TEST(StatsCommandTest, McNemarDefaultsToExact) {
  const CommandOutcome outcome = run_repro("stats mcnemar 19 26");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.error;
  ASSERT_EQ(outcome.output.back(), '\n');
  EXPECT_EQ(outcome.output.find('\n'), outcome.output.size() - 1) << "one line";
  const nlohmann::json printed = nlohmann::json::parse(outcome.output);
  EXPECT_EQ(printed.at("method"), "exact");
  EXPECT_TRUE(printed.at("statistic").is_number_integer());
  EXPECT_EQ(printed.at("statistic"), 19);
  // Full precision: the printed double is the library's double, bit for bit.
  EXPECT_EQ(printed.at("p_value").get<double>(),
            stats::mcnemar_test(19, 26, stats::McNemarMethod::exact).p_value);
  EXPECT_NEAR(printed.at("p_value").get<double>(), 0.3712980344710104, 1e-12);
  EXPECT_EQ(outcome.output.rfind("{\"method\":\"exact\",\"statistic\":19,\"p_value\":0.37", 0), 0u)
      << outcome.output;
}

TEST(StatsCommandTest, McNemarOtherMethods) {
  const nlohmann::json chi2 = nlohmann::json::parse(run_repro("stats mcnemar 19 26 --method chi2").output);
  EXPECT_EQ(chi2.at("method"), "chi2");
  EXPECT_EQ(chi2.at("statistic").get<double>(),
            stats::mcnemar_test(19, 26, stats::McNemarMethod::chi_square).statistic);
  const nlohmann::json corrected =
      nlohmann::json::parse(run_repro("stats mcnemar 19 26 --method chi2-cc").output);
  EXPECT_EQ(corrected.at("method"), "chi2-cc");
  EXPECT_EQ(corrected.at("p_value").get<double>(),
            stats::mcnemar_test(19, 26, stats::McNemarMethod::chi_square_corrected).p_value);
  const nlohmann::json mid_p = nlohmann::json::parse(run_repro("stats mcnemar 19 26 --method mid-p").output);
  EXPECT_EQ(mid_p.at("method"), "mid-p");
  EXPECT_EQ(mid_p.at("statistic"), 19);
  const nlohmann::json none = nlohmann::json::parse(run_repro("stats mcnemar 0 0").output);
  EXPECT_EQ(none.at("p_value").get<double>(), 1.0);
}

TEST(StatsCommandTest, McNemarBadCountsExitTwoNamingTheArgument) {
  for (const char* arguments :
       {"stats mcnemar 1.5 3", "stats mcnemar abc 3", "stats mcnemar +3 3", "stats mcnemar -3 4"}) {
    const CommandOutcome outcome = run_repro(arguments);
    EXPECT_EQ(outcome.exit_code, 2) << arguments;
    EXPECT_NE(outcome.error.find("argument b"), std::string::npos) << outcome.error;
    EXPECT_TRUE(outcome.output.empty());
  }
  const CommandOutcome second = run_repro("stats mcnemar 3 2e1");
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.error.find("argument c"), std::string::npos) << second.error;
  const CommandOutcome negative = run_repro("stats mcnemar 3 -- -4");
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_NE(negative.error.find("argument c"), std::string::npos) << negative.error;
  const CommandOutcome method = run_repro("stats mcnemar 3 4 --method fisher");
  EXPECT_EQ(method.exit_code, 2);
  EXPECT_NE(method.error.find("fisher"), std::string::npos) << method.error;
  EXPECT_EQ(run_repro("stats mcnemar 3").exit_code, 2);
}

TEST(StatsCommandTest, IntervalDefaultsToWilson95) {
  const CommandOutcome outcome = run_repro("stats interval 30 32");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.error;
  const nlohmann::json printed = nlohmann::json::parse(outcome.output);
  EXPECT_EQ(printed.at("method"), "wilson");
  const stats::Interval expected = stats::binomial_interval(30, 32, stats::IntervalMethod::wilson);
  EXPECT_EQ(printed.at("lower").get<double>(), expected.lower);
  EXPECT_EQ(printed.at("upper").get<double>(), expected.upper);
  EXPECT_NEAR(printed.at("lower").get<double>(), 0.7985287685584541, 1e-12);
  EXPECT_EQ(outcome.output.rfind("{\"method\":\"wilson\",\"lower\":", 0), 0u) << outcome.output;
}

TEST(StatsCommandTest, IntervalMethodAndLevel) {
  const nlohmann::json printed = nlohmann::json::parse(
      run_repro("stats interval 7 20 --method clopper-pearson --level 0.9").output);
  EXPECT_EQ(printed.at("method"), "clopper-pearson");
  EXPECT_NEAR(printed.at("lower").get<double>(), 0.1773109175744491, 1e-12);
  EXPECT_NEAR(printed.at("upper").get<double>(), 0.5580345113154888, 1e-12);
  const nlohmann::json jeffreys =
      nlohmann::json::parse(run_repro("stats interval 0 10 --method jeffreys").output);
  EXPECT_NEAR(jeffreys.at("upper").get<double>(), 0.21719626750921053, 1e-12);
}

TEST(StatsCommandTest, IntervalBadInputExitTwoNamingTheArgument) {
  const CommandOutcome too_many = run_repro("stats interval 33 32");
  EXPECT_EQ(too_many.exit_code, 2);
  EXPECT_NE(too_many.error.find("successes"), std::string::npos) << too_many.error;
  for (const char* level : {"1", "0", "1.5", "x", "nan"}) {
    const CommandOutcome outcome = run_repro(std::string("stats interval 3 10 --level ") + level);
    EXPECT_EQ(outcome.exit_code, 2) << level;
    EXPECT_NE(outcome.error.find("--level"), std::string::npos) << outcome.error;
  }
  const CommandOutcome trials = run_repro("stats interval 0 0");
  EXPECT_EQ(trials.exit_code, 2);
  EXPECT_NE(trials.error.find("trials"), std::string::npos) << trials.error;
  const CommandOutcome fraction = run_repro("stats interval 3 10.5");
  EXPECT_EQ(fraction.exit_code, 2);
  EXPECT_NE(fraction.error.find("argument trials"), std::string::npos) << fraction.error;
  EXPECT_EQ(run_repro("stats interval 3 10 --method wald").exit_code, 2);
}

}  // namespace
}  // namespace repro::cli
