#include "reports/rendered_plot.h"

namespace repro::reports {

std::string caption_or_note(const RenderedPlot& plot) {
  if (!plot.caption.empty()) return plot.caption;
  return "Source not recorded: this plot's results.json entry has no caption.";
}

}  // namespace repro::reports
