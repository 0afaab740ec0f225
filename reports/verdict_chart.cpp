#include "reports/verdict_chart.h"

#include <iterator>

#include <fmt/format.h>

#include "reports/claim_formatting.h"
#include "reports/html_elements.h"

namespace repro::reports {
namespace {

constexpr int kWidth = 640;
constexpr int kLabelWidth = 230;
constexpr int kBarWidth = 340;
constexpr int kRowHeight = 26;
constexpr int kLegendHeight = 30;

}  // namespace

std::string verdict_colour(const std::string& verdict) {
  if (verdict == "reproduced") return "#009E73";
  if (verdict == "not_reproduced") return "#D55E00";
  if (verdict == "inconclusive") return "#E69F00";
  return "#999999";
}

std::string verdict_chart_svg(const ReportSummary& summary) {
  const int height = kLegendHeight + kRowHeight * static_cast<int>(summary.studies.size()) + 8;
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"verdict-chart\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<title>Claims by verdict, per study</title>\n",
      kWidth, height);
  int legend_x = 4;
  for (const char* verdict : kVerdicts) {
    svg += fmt::format("<rect x=\"{}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                       "<text x=\"{}\" y=\"18\">{}</text>\n",
                       legend_x, verdict_colour(verdict), legend_x + 16, verdict_label(verdict));
    legend_x += 120;
  }
  int y = kLegendHeight;
  for (const StudySummary& study : summary.studies) {
    svg += fmt::format("<text x=\"4\" y=\"{}\">{}</text>\n", y + 17, html_escape(study.study));
    const int total = study.counts.total();
    double x = kLabelWidth;
    for (std::size_t i = 0; i < std::size(kVerdicts); ++i) {
      const int count = study.counts.by_verdict[i];
      if (count == 0 || total == 0) continue;
      const double width = kBarWidth * static_cast<double>(count) / total;
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\">"
                         "<title>{}: {} {}</title></rect>\n",
                         x, y + 3, width, kRowHeight - 6, verdict_colour(kVerdicts[i]), html_escape(study.study),
                         count, verdict_label(kVerdicts[i]));
      if (width >= 18) {  // dark text on the light colours, white on the dark ones
        const bool dark_colour = i < 2;
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
                           "font-weight=\"bold\">{}</text>\n",
                           x + width / 2, y + 17, dark_colour ? "#ffffff" : "#1d1d1f", count);
      }
      x += width;
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{} claims</text>\n", kLabelWidth + kBarWidth + 8, y + 17, total);
    y += kRowHeight;
  }
  return svg + "</svg>\n";
}

}  // namespace repro::reports
