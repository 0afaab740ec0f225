#include "reports/gnuplot_plot.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "base/atomic_file.h"

extern char** environ;

namespace repro::reports {
namespace {

// A gnuplot single-quoted string: no escapes inside except '' for a quote. Newlines become spaces.
std::string quoted(const std::string& text) {
  std::string result = "'";
  for (const char character : text) {
    if (character == '\'') {
      result += "''";
    } else if (character == '\n' || character == '\r') {
      result += ' ';
    } else {
      result += character;
    }
  }
  result += "'";
  return result;
}

std::string number_text(double value) {
  if (!std::isfinite(value)) return "NaN";
  return fmt::format("{:.15g}", value);  // 15 digits: what a plot can show, and 1 + 0.12 prints as 1.12
}

// A category label in a data block: double-quoted, without inner double quotes.
std::string label_text(const nlohmann::json& x) {
  std::string text = x.is_string() ? x.get<std::string>() : x.dump();
  for (char& character : text) {
    if (character == '"') character = '\'';
    if (character == '\n' || character == '\r') character = ' ';
  }
  return "\"" + text + "\"";
}

std::size_t point_count(const PlotSpec& plot) {
  std::size_t count = 0;
  for (const PlotSeries& series : plot.series) count += series.y.size();
  return count;
}

std::string series_title(const PlotSeries& series, std::size_t index) {
  return series.name.empty() ? fmt::format("series {}", index + 1) : series.name;
}

// A gnuplot double-quoted string broken into lines of at most `width` characters at spaces
// ("\n" inside double quotes is a line break; backslashes and double quotes are escaped).
std::string wrapped(const std::string& text, std::size_t width) {
  std::string result = "\"";
  std::size_t line_length = 0;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (line_length > 0 && line_length + 1 + word.size() > width) {
      result += "\\n";
      line_length = 0;
    } else if (line_length > 0) {
      result += ' ';
      ++line_length;
    }
    for (const char character : word) {
      if (character == '"' || character == '\\') result += '\\';
      result += character;
    }
    line_length += word.size();
  }
  return result + "\"";
}

// One style for every plot: the Okabe–Ito colour-blind-safe palette for our series (black is kept
// for the paper's), open black diamonds for published points, dashed black reference lines.
constexpr const char* kOurColours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};
// Filled markers for ours (seven, against six colours: 42 distinct styles), open ones for the
// paper's (diamond, square, triangle, circle, inverted triangle); hatch patterns for its bars.
constexpr int kOurPointTypes[] = {7, 5, 9, 11, 13, 15, 6};
constexpr int kPublishedPointTypes[] = {12, 4, 8, 6, 10};
constexpr int kPublishedPatterns[] = {4, 5, 2, 6};

void append_styles(const PlotSpec& plot, std::string& script) {
  std::size_t ours = 0, published = 0;
  for (std::size_t s = 0; s < plot.series.size(); ++s) {
    if (plot.series[s].published) {
      script += fmt::format("set style line {} linecolor rgb '#000000' linewidth 2 pointtype {} pointsize 1.8\n", s + 1,
                            kPublishedPointTypes[published++ % std::size(kPublishedPointTypes)]);
    } else {
      script += fmt::format("set style line {} linecolor rgb '{}' linewidth 2 pointtype {} pointsize 1.0\n", s + 1,
                            kOurColours[ours % std::size(kOurColours)],
                            kOurPointTypes[ours % std::size(kOurPointTypes)]);
      ++ours;
    }
  }
}

// The extent of the data (points, their error bars, reference lines); infinite when empty.
struct DataExtent {
  double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;
  bool empty() const { return !std::isfinite(x_min) || !std::isfinite(y_min); }
};

DataExtent data_extent(const PlotSpec& plot) {
  DataExtent extent;
  for (const PlotSeries& series : plot.series) {
    for (std::size_t i = 0; i < series.y.size(); ++i) {
      if (!series.x[i].is_number()) continue;
      const double x = series.x[i].get<double>();
      for (const double y : {series.y[i], series.has_error_bars() ? series.y_lower[i] : series.y[i],
                             series.has_error_bars() ? series.y_upper[i] : series.y[i]}) {
        if (!std::isfinite(y)) continue;
        extent.y_min = std::min(extent.y_min, y);
        extent.y_max = std::max(extent.y_max, y);
      }
      extent.x_min = std::min(extent.x_min, x);
      extent.x_max = std::max(extent.x_max, x);
    }
  }
  for (const ReferenceLine& line : plot.reference_lines) {
    double& low = line.axis == 'x' ? extent.x_min : extent.y_min;
    double& high = line.axis == 'x' ? extent.x_max : extent.y_max;
    low = std::min(low, line.value);
    high = std::max(high, line.value);
  }
  return extent;
}

// Reference lines as short data blocks spanning the data (so autoscaling keeps them inside the
// axes) with a dashed black line and a legend entry.
std::vector<std::string> reference_line_clauses(const PlotSpec& plot, std::string& script) {
  const DataExtent extent = data_extent(plot);
  const double x_min = extent.x_min, x_max = extent.x_max, y_min = extent.y_min, y_max = extent.y_max;
  std::vector<std::string> clauses;
  for (std::size_t r = 0; r < plot.reference_lines.size(); ++r) {
    const ReferenceLine& line = plot.reference_lines[r];
    if (extent.empty()) break;
    script += fmt::format("$reference{} << EOD\n", r);
    if (line.axis == 'x') {
      script += number_text(line.value) + " " + number_text(y_min) + "\n" + number_text(line.value) + " " +
                number_text(y_max) + "\n";
    } else {
      script += number_text(x_min) + " " + number_text(line.value) + "\n" + number_text(x_max) + " " +
                number_text(line.value) + "\n";
    }
    script += "EOD\n";
    clauses.push_back(fmt::format("$reference{} using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#000000' "
                                  "title {}",
                                  r, quoted(line.label.empty() ? "published" : line.label)));
  }
  return clauses;
}

// Line and points plots: one data block per series, "x y [y_lower y_upper]". Published series are
// drawn as points (with their intervals when they have them), never joined.
void append_xy_plot(const PlotSpec& plot, std::string& script) {
  std::vector<std::string> clauses;
  // On category axes, published and our points at one category stand side by side.
  bool any_published = false, any_ours = false;
  for (const PlotSeries& series : plot.series) (series.published ? any_published : any_ours) = true;
  const bool dodge = !plot.x_tick_labels.empty() && any_published && any_ours;
  for (std::size_t s = 0; s < plot.series.size(); ++s) {
    const PlotSeries& series = plot.series[s];
    if (series.y.empty()) continue;
    const double shift = dodge ? (series.published ? 0.12 : -0.12) : 0.0;
    script += fmt::format("$series{} << EOD\n", s);
    for (std::size_t i = 0; i < series.y.size(); ++i) {
      script += number_text(series.x[i].get<double>() + shift) + " " + number_text(series.y[i]);
      if (series.has_error_bars()) {
        script += " " + number_text(series.y_lower[i]) + " " + number_text(series.y_upper[i]);
      }
      script += "\n";
    }
    script += "EOD\n";
    std::string style;
    if (plot.kind == "line" && !series.published) {
      // Markers on a few points; a dense curve (a schedule per iteration) is drawn as a line.
      const char* joined = series.y.size() > 60 ? "using 1:2 with lines" : "using 1:2 with linespoints";
      style = series.has_error_bars() ? "using 1:2:3:4 with yerrorlines" : joined;
    } else {
      style = series.has_error_bars() ? "using 1:2:3:4 with yerrorbars" : "using 1:2 with points";
    }
    clauses.push_back(fmt::format("$series{} {} linestyle {} title {}", s, style, s + 1,
                                  quoted(series_title(series, s))));
  }
  for (std::string& clause : reference_line_clauses(plot, script)) clauses.push_back(std::move(clause));
  script += "plot ";
  for (std::size_t i = 0; i < clauses.size(); ++i) script += (i > 0 ? ", \\\n     " : "") + clauses[i];
  script += "\n";
}

// Bar plots: clustered histogram over the union of the categories (x values), in order of
// first appearance; a series without a category gets NaN there.
void append_bar_plot(const PlotSpec& plot, std::string& script) {
  std::vector<std::string> categories;
  for (const PlotSeries& series : plot.series) {
    for (const nlohmann::json& x : series.x) {
      const std::string label = label_text(x);
      if (std::find(categories.begin(), categories.end(), label) == categories.end()) categories.push_back(label);
    }
  }
  bool any_error_bars = false;
  for (const PlotSeries& series : plot.series) any_error_bars = any_error_bars || series.has_error_bars();
  const std::size_t columns_per_series = any_error_bars ? 3 : 1;

  script += "set style data histograms\n";
  script += "set offsets 0, 0, graph 0.08, 0\n";
  if (!plot.log_y) script += "set yrange [0:*]\n";  // bars start at zero
  script += any_error_bars ? "set style histogram errorbars gap 1 linewidth 1\n" : "set style histogram clustered gap 1\n";
  script += "set style fill solid 0.75 border -1\n";
  script += "set xtics rotate by -30\n";
  script += "$bars << EOD\n";
  for (const std::string& category : categories) {
    script += category;
    for (const PlotSeries& series : plot.series) {
      double y = std::nan(""), lower = std::nan(""), upper = std::nan("");
      for (std::size_t i = 0; i < series.x.size(); ++i) {
        if (label_text(series.x[i]) != category) continue;
        y = series.y[i];
        lower = series.has_error_bars() ? series.y_lower[i] : y;
        upper = series.has_error_bars() ? series.y_upper[i] : y;
        break;
      }
      script += " " + number_text(y);
      if (any_error_bars) script += " " + number_text(lower) + " " + number_text(upper);
    }
    script += "\n";
  }
  script += "EOD\n";
  script += "plot ";
  std::size_t published_bars = 0;
  for (std::size_t s = 0; s < plot.series.size(); ++s) {
    const std::size_t first = 2 + s * columns_per_series;
    const std::string columns = any_error_bars ? fmt::format("{}:{}:{}", first, first + 1, first + 2)
                                               : fmt::format("{}", first);
    script += fmt::format("{}$bars using {}{} linestyle {}{} title {}", s > 0 ? ", \\\n     " : "", columns,
                          s == 0 ? ":xtic(1)" : "", s + 1,
                          plot.series[s].published
                              ? fmt::format(" fillstyle pattern {} border -1",
                                            kPublishedPatterns[published_bars++ % std::size(kPublishedPatterns)])
                              : "",
                          quoted(series_title(plot.series[s], s)));
  }
  script += "\n";
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream contents;
  contents << stream.rdbuf();
  return contents.str();
}

// The last non-empty lines of gnuplot's output, for the failure message.
std::string tail_of(const std::string& text, std::size_t max_chars = 400) {
  std::string trimmed = text;
  while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' ')) trimmed.pop_back();
  if (trimmed.size() > max_chars) trimmed = "..." + trimmed.substr(trimmed.size() - max_chars);
  for (char& character : trimmed) {
    if (character == '\n') character = ' ';
  }
  return trimmed;
}

// A fresh temporary file name next to `path`: "<dir>/.<name>.tmp.<pid>.<counter>".
std::filesystem::path temporary_path_next_to(const std::filesystem::path& path) {
  static std::atomic<unsigned long> counter{0};
  return path.parent_path() / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                               std::to_string(counter.fetch_add(1)));
}

struct ProcessOutcome {
  bool started = false;
  bool timed_out = false;
  int exit_status = -1;   // exit code, or -1 when killed by a signal
  std::string start_error;
};

ProcessOutcome run_process(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                           const std::filesystem::path& output_log, double timeout_seconds) {
  ProcessOutcome outcome;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> argv;
  std::string program_text = program.string();
  argv.push_back(program_text.data());
  std::vector<std::string> argument_copies = arguments;
  for (std::string& argument : argument_copies) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  const int spawn_error = posix_spawn(&child, program_text.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) {
    outcome.start_error = std::strerror(spawn_error);
    return outcome;
  }
  outcome.started = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  int status = 0;
  while (true) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) break;
    if (done < 0 && errno != EINTR) {
      outcome.start_error = std::strerror(errno);
      return outcome;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      outcome.timed_out = true;
      return outcome;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  outcome.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

}  // namespace

std::string safe_file_stem(const std::string& text) {
  std::string stem = text;
  for (char& character : stem) {
    const bool safe = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
                      (character >= '0' && character <= '9') || character == '.' || character == '_' ||
                      character == '-';
    if (!safe) character = '_';
  }
  if (stem.empty() || stem[0] == '.') stem = "_" + stem;
  return stem;
}

std::optional<std::filesystem::path> find_executable(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return std::filesystem::path(name);
    return std::nullopt;
  }
  const char* path_variable = std::getenv("PATH");
  std::stringstream directories(path_variable ? path_variable : "/usr/local/bin:/usr/bin:/bin");
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    if (directory.empty()) directory = ".";
    const std::filesystem::path candidate = std::filesystem::path(directory) / name;
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

std::string gnuplot_script(const PlotSpec& plot, const std::filesystem::path& output_path,
                           const PlotRenderOptions& options) {
  std::string script;
  script += fmt::format("set terminal svg size {},{} noenhanced font 'sans,13' background rgb 'white'\n",
                        options.width_px(), options.height_px());
  script += "set encoding utf8\n";
  script += "set output " + quoted(output_path.string()) + "\n";
  // Title and labels wrapped to fit the canvas; legend below the plot area; light grid; the
  // data padded away from the borders.
  const auto characters = static_cast<std::size_t>(std::max(30, options.width_px() / 9));
  if (!plot.title.empty()) script += "set title " + wrapped(plot.title, characters) + "\n";
  if (!plot.x_label.empty()) script += "set xlabel " + wrapped(plot.x_label, characters) + "\n";
  if (!plot.y_label.empty()) {
    script += "set ylabel " + wrapped(plot.y_label, static_cast<std::size_t>(std::max(24, options.height_px() / 13))) +
              "\n";
  }
  script += "set grid linecolor rgb '#d9d9d9' linewidth 1\n";
  script += "set border linecolor rgb '#555555'\n";
  script += "set key below center horizontal maxrows 4 noopaque samplen 2.5 spacing 1.1\n";
  if (plot.kind != "bar") {
    script += "set offsets graph 0.06, graph 0.06, graph 0.1, graph 0.1\n";
    // Data that cannot be negative (accuracies, bits, times) gets no negative axis from the padding.
    const DataExtent extent = data_extent(plot);
    if (!plot.log_y && !extent.empty() && extent.y_min > 0) script += "set yrange [0<*:*]\n";
  }
  if (plot.log_x) script += "set format x '%g'\n";
  if (plot.log_y) script += "set format y '%g'\n";
  if (plot.log_x && plot.kind != "bar") script += "set logscale x\n";
  if (!plot.x_tick_labels.empty() && plot.kind != "bar") {  // categories at x = 0, 1, 2, ...
    std::string tics;
    for (std::size_t i = 0; i < plot.x_tick_labels.size(); ++i) {
      tics += fmt::format("{}{} {}", i == 0 ? "" : ", ", quoted(plot.x_tick_labels[i]), i);
    }
    script += "set xtics (" + tics + ") rotate by -30\n";
    script += fmt::format("set xrange [-0.5:{}]\n", static_cast<double>(plot.x_tick_labels.size()) - 0.5);
  }
  if (plot.log_y) script += "set logscale y\n";
  append_styles(plot, script);
  if (plot.kind == "bar") {
    append_bar_plot(plot, script);
  } else {
    append_xy_plot(plot, script);
  }
  script += "unset output\n";
  return script;
}

PlotRenderResult render_plot_svg(const PlotSpec& plot, const std::filesystem::path& svg_path,
                                 const PlotRenderOptions& options) {
  PlotRenderResult result;
  if (point_count(plot) == 0) {
    result.why = "plot '" + plot.id + "' has no data points";
    return result;
  }
  const std::optional<std::filesystem::path> gnuplot = find_executable(options.gnuplot_executable());
  if (!gnuplot) {
    result.why = "gnuplot ('" + options.gnuplot_executable() + "') is not installed or not on PATH";
    return result;
  }
  if (!svg_path.parent_path().empty()) std::filesystem::create_directories(svg_path.parent_path());
  const std::filesystem::path temporary_svg = temporary_path_next_to(svg_path);
  const std::filesystem::path script_path = temporary_path_next_to(svg_path.string() + ".gp");
  const std::filesystem::path log_path = temporary_path_next_to(svg_path.string() + ".log");
  repro::write_file_atomically(script_path, gnuplot_script(plot, temporary_svg, options));
  const ProcessOutcome outcome = run_process(*gnuplot, {script_path.string()}, log_path, options.timeout_seconds());
  const std::string log = read_text_file(log_path);
  std::error_code ignored;
  std::filesystem::remove(script_path, ignored);
  std::filesystem::remove(log_path, ignored);

  if (!outcome.started) {
    result.why = "cannot run " + gnuplot->string() + ": " + outcome.start_error;
  } else if (outcome.timed_out) {
    result.why = fmt::format("gnuplot did not finish within {} s", options.timeout_seconds());
  } else if (outcome.exit_status != 0) {
    result.why = fmt::format("gnuplot failed (exit status {}): {}", outcome.exit_status, tail_of(log));
  } else if (!std::filesystem::is_regular_file(temporary_svg, ignored) ||
             std::filesystem::file_size(temporary_svg, ignored) == 0) {
    result.why = "gnuplot wrote no SVG: " + tail_of(log);
  } else {
    if (std::rename(temporary_svg.c_str(), svg_path.c_str()) == 0) {
      result.drawn = true;
      return result;
    }
    result.why = "cannot rename the SVG into " + svg_path.string() + ": " + std::strerror(errno);
  }
  std::filesystem::remove(temporary_svg, ignored);
  return result;
}

PlotRenderResult render_plot_svg(const nlohmann::json& plot_json, const std::filesystem::path& svg_path,
                                 const PlotRenderOptions& options) {
  return render_plot_svg(parse_plot_spec(plot_json, "plot"), svg_path, options);
}

}  // namespace repro::reports
