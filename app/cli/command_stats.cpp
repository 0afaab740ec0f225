// `repro stats`: the statistics of the audits, one JSON object on one line.
//   repro stats mcnemar <b> <c> [--method exact|mid-p|chi2|chi2-cc]
//     -> {"method":"exact","statistic":19,"p_value":0.37...}
//   repro stats interval <successes> <trials> [--method wilson|clopper-pearson|jeffreys] [--level 0.95]
//     -> {"method":"wilson","lower":...,"upper":...}
// Bad input (a negative or non-integer count, successes > trials, a level outside (0, 1), an
// unknown method) throws repro::InputError naming the argument; `repro` exits 2 on it.
// The math lives in stats/ (repro::stats); this file only parses and prints.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/cli/commands.h"
#include "base/errors.h"
#include "stats/binomial_interval.h"
#include "stats/mcnemar.h"

namespace repro::cli {
namespace {

// A count: decimal digits only (no sign, no fraction, no exponent), fitting in int64.
std::int64_t parse_count(const std::string& text, const std::string& argument) {
  const std::string problem = "argument " + argument + " must be a non-negative integer, got '" +
                              text + "'";
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    throw InputError(problem);
  }
  try {
    std::size_t used = 0;
    const long long value = std::stoll(text, &used);
    if (used != text.size()) throw InputError(problem);
    return static_cast<std::int64_t>(value);
  } catch (const std::out_of_range&) {
    throw InputError(problem + " (too large)");
  }
}

double parse_level(const std::string& text) {
  const std::string problem = "option --level must be a number in (0, 1), got '" + text + "'";
  double level = 0.0;
  try {
    std::size_t used = 0;
    level = std::stod(text, &used);
    if (used != text.size()) throw InputError(problem);
  } catch (const std::logic_error&) {  // invalid_argument, out_of_range
    throw InputError(problem);
  }
  if (!(level > 0.0 && level < 1.0)) throw InputError(problem);
  return level;
}

struct McNemarArguments {
  std::string only_first_correct;
  std::string only_second_correct;
  std::string method = "exact";
};

struct IntervalArguments {
  std::string successes;
  std::string trials;
  std::string method = "wilson";
  std::string level = "0.95";
};

void add_mcnemar_subcommand(CLI::App& stats, int& exit_code) {
  auto arguments = std::make_shared<McNemarArguments>();
  auto* command = stats.add_subcommand(
      "mcnemar", "McNemar's test from the discordant counts b and c of two paired classifiers");
  command->add_option("b", arguments->only_first_correct,
                      "Items only the first classifier got right")
      ->required()
      ->type_name("COUNT");
  command->add_option("c", arguments->only_second_correct,
                      "Items only the second classifier got right")
      ->required()
      ->type_name("COUNT");
  command->add_option("--method", arguments->method, "exact (default), mid-p, chi2 or chi2-cc")
      ->type_name("METHOD");
  command->callback([arguments, &exit_code]() {
    const std::int64_t b = parse_count(arguments->only_first_correct, "b");
    const std::int64_t c = parse_count(arguments->only_second_correct, "c");
    const stats::McNemarMethod method = stats::parse_mcnemar_method(arguments->method);
    const stats::McNemarResult result = stats::mcnemar_test(b, c, method);
    nlohmann::ordered_json output;
    output["method"] = stats::to_string(result.method);
    const bool integer_statistic =
        method == stats::McNemarMethod::exact || method == stats::McNemarMethod::mid_p;
    if (integer_statistic) {
      output["statistic"] = static_cast<std::int64_t>(result.statistic);
    } else {
      output["statistic"] = result.statistic;
    }
    output["p_value"] = result.p_value;
    std::cout << output.dump() << "\n";
    exit_code = 0;
  });
}

void add_interval_subcommand(CLI::App& stats, int& exit_code) {
  auto arguments = std::make_shared<IntervalArguments>();
  auto* command = stats.add_subcommand(
      "interval", "Confidence interval of a binomial proportion successes / trials");
  command->add_option("successes", arguments->successes, "Number of successes")
      ->required()
      ->type_name("COUNT");
  command->add_option("trials", arguments->trials, "Number of trials")->required()->type_name("COUNT");
  command->add_option("--method", arguments->method, "wilson (default), clopper-pearson or jeffreys")
      ->type_name("METHOD");
  command->add_option("--level", arguments->level, "Confidence level in (0, 1), default 0.95")
      ->type_name("LEVEL");
  command->callback([arguments, &exit_code]() {
    const std::int64_t successes = parse_count(arguments->successes, "successes");
    const std::int64_t trials = parse_count(arguments->trials, "trials");
    if (trials == 0) throw InputError("argument trials must be > 0, got 0");
    if (successes > trials) {
      throw InputError("argument successes (" + std::to_string(successes) +
                       ") must not exceed trials (" + std::to_string(trials) + ")");
    }
    const double level = parse_level(arguments->level);
    const stats::IntervalMethod method = stats::parse_interval_method(arguments->method);
    const stats::Interval interval = stats::binomial_interval(successes, trials, method, level);
    nlohmann::ordered_json output;
    output["method"] = stats::to_string(method);
    output["lower"] = interval.lower;
    output["upper"] = interval.upper;
    std::cout << output.dump() << "\n";
    exit_code = 0;
  });
}

}  // namespace

void add_stats_command(CLI::App& app, int& exit_code) {
  auto* stats = app.add_subcommand("stats", "Statistical tests and intervals used by the audits");
  stats->require_subcommand(1);
  add_mcnemar_subcommand(*stats, exit_code);
  add_interval_subcommand(*stats, exit_code);
}

}  // namespace repro::cli
