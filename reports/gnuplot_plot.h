// Draws a results plot (line, points or bar; optional error bars and log axes; published series
// and reference lines drawn apart from ours) as an SVG file by running gnuplot (`set terminal
// svg`) on a generated script, in one style for every plot (wrapped title and labels, legend
// below, padded axes, Okabe–Ito colours). The SVG is written to a temporary
// file and renamed into place, so a failed run never leaves a partial plot.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/study_results.h"

namespace repro::reports {

class PlotRenderOptions {
 public:
  // The gnuplot program: a name looked up on PATH, or a path. Default "gnuplot".
  PlotRenderOptions& gnuplot_executable(std::string value) { gnuplot_executable_ = std::move(value); return *this; }
  const std::string& gnuplot_executable() const { return gnuplot_executable_; }
  PlotRenderOptions& width_px(int value) { width_px_ = value; return *this; }
  int width_px() const { return width_px_; }
  PlotRenderOptions& height_px(int value) { height_px_ = value; return *this; }
  int height_px() const { return height_px_; }
  // gnuplot is killed after this long. REQUIRES: > 0.
  PlotRenderOptions& timeout_seconds(double value) { timeout_seconds_ = value; return *this; }
  double timeout_seconds() const { return timeout_seconds_; }

 private:
  std::string gnuplot_executable_ = "gnuplot";
  int width_px_ = 800;
  int height_px_ = 520;
  double timeout_seconds_ = 30.0;
};

// Whether the SVG was drawn; when not, `why` says why (gnuplot missing, gnuplot's error, no data).
struct PlotRenderResult {
  bool drawn = false;
  std::string why;
  explicit operator bool() const { return drawn; }
};

// Draws `plot` into `svg_path` (its directory is created). Never throws for gnuplot trouble;
// throws repro::InputError only when the directory cannot be written.
PlotRenderResult render_plot_svg(const PlotSpec& plot, const std::filesystem::path& svg_path,
                                 const PlotRenderOptions& options = PlotRenderOptions());

// Same, from a plot object of results.json ("plots"[i]); throws repro::InputError naming the
// field when it is malformed.
PlotRenderResult render_plot_svg(const nlohmann::json& plot_json, const std::filesystem::path& svg_path,
                                 const PlotRenderOptions& options = PlotRenderOptions());

// The gnuplot script that draws `plot` into `output_path` (exposed for tests and debugging).
std::string gnuplot_script(const PlotSpec& plot, const std::filesystem::path& output_path,
                           const PlotRenderOptions& options = PlotRenderOptions());

// `name` when it holds a '/', else the first executable `name` on PATH; nullopt when none.
std::optional<std::filesystem::path> find_executable(const std::string& name);

// A file-name-safe form of `text`: characters other than [A-Za-z0-9._-] become '_'.
std::string safe_file_stem(const std::string& text);

}  // namespace repro::reports
