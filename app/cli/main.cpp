// `repro`: reproduce published studies of reduced-precision training, check their numbers,
// write reports. Each subcommand lives in command_<name>.cpp.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli/commands.h"
#include "base/errors.h"

int main(int argc, char** argv) {
  CLI::App app{"precision-repro: reproduce published studies of reduced-precision training"};
  app.require_subcommand(1);
  int exit_code = 0;
  repro::cli::add_list_command(app, exit_code);
  repro::cli::add_run_command(app, exit_code);
  repro::cli::add_plan_command(app, exit_code);
  repro::cli::add_report_command(app, exit_code);
  repro::cli::add_compare_command(app, exit_code);
  repro::cli::add_stats_command(app, exit_code);
  repro::cli::add_data_command(app, exit_code);
  repro::cli::add_quantize_command(app, exit_code);
  repro::cli::add_expectations_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  } catch (const repro::InputError& error) {
    std::cerr << "repro: " << error.what() << "\n";
    return 2;
  }
  return exit_code;
}
