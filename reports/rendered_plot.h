// A plot of a study after the attempt to draw it: where its SVG is, or why it was not drawn.
#pragma once

#include <string>

namespace repro::reports {

struct RenderedPlot {
  std::string study;
  std::string plot_id;
  std::string title;
  std::string svg_relative_path;   // relative to the report's directory ("plots/x.svg")
  bool drawn = false;
  std::string why_not_drawn;       // "" when drawn
  std::string svg;                 // the SVG document when drawn (for inlining into HTML)
  std::string caption;             // the plot's caption: source figure/table, error bars ("" when none)
};

// The caption to print under a plot: its caption, or a note that results.json names no source.
std::string caption_or_note(const RenderedPlot& plot);

}  // namespace repro::reports
