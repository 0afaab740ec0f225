// The subcommands of `repro`. Each lives in its own file, app/cli/command_<name>.cpp.
// add_<name>_command registers the subcommand on `app`; when it runs it sets `exit_code`:
// 0 success, 1 a check failed (a verdict differs from the expected one), 2 bad usage or input.
#pragma once

namespace CLI {
class App;
}

namespace repro::cli {

void add_list_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_plan_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);
void add_stats_command(CLI::App& app, int& exit_code);
void add_data_command(CLI::App& app, int& exit_code);
void add_quantize_command(CLI::App& app, int& exit_code);
void add_expectations_command(CLI::App& app, int& exit_code);

}  // namespace repro::cli
