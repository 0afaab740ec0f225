#include "reports/gnuplot_plot.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "base/errors.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

using nlohmann::json;

// Starts with an XML declaration or <svg>, is well-formed XML, and its root element is <svg>.
bool is_svg_document(const std::string& text) {
  if (text.rfind("<?xml", 0) != 0 && text.rfind("<svg", 0) != 0) return false;
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(text.data(), text.size());
  return parsed && std::string(document.document_element().name()) == "svg";
}

class GnuplotPlotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!find_executable("gnuplot")) GTEST_SKIP() << "gnuplot is not installed (Debian package gnuplot-nox)";
  }
  testing::ScratchDirectory scratch_{"plots"};
};

TEST_F(GnuplotPlotTest, LinePlotWithErrorBarsAndLogAxisIsSvgWithSeriesTitles) {
  const json plot = json::parse(R"({
    "id": "schedule", "title": "Loss & scale <schedule>", "x_label": "iteration", "y_label": "loss scale",
    "kind": "line", "log_y": true,
    "series": [{"name": "ours_fp16", "x": [1, 2, 3, 4], "y": [1024, 2048, 1024, 4096],
                "y_lower": [900, 1900, 950, 3900], "y_upper": [1100, 2100, 1100, 4300]},
               {"name": "paper's curve", "x": [1, 2, 3, 4], "y": [1000, 2000, 1000, 4000], "published": true}],
    "reference_lines": [{"y": 3000, "label": "published threshold"}, {"x": 2.5, "label": "published step"}]})");
  const std::filesystem::path svg_path = scratch_.path() / "out" / "schedule.svg";
  const PlotRenderResult result = render_plot_svg(plot, svg_path);
  ASSERT_TRUE(result.drawn) << result.why;
  const std::string svg = testing::read_text(svg_path);
  EXPECT_TRUE(is_svg_document(svg)) << svg.substr(0, 200);
  EXPECT_NE(svg.find("ours_fp16"), std::string::npos);   // noenhanced: '_' is not a subscript
  EXPECT_NE(svg.find("paper's curve"), std::string::npos);
  EXPECT_NE(svg.find("Loss &amp; scale &lt;schedule"), std::string::npos);
  EXPECT_NE(svg.find("published threshold"), std::string::npos);  // the reference lines' legend entries
  EXPECT_NE(svg.find("published step"), std::string::npos);
  // Only the SVG is left: no script, log or temporary file.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(svg_path.parent_path())) {
    ++files;
    EXPECT_EQ(entry.path(), svg_path);
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(GnuplotPlotTest, BarPlotWithCategoryLabelsAndPointsPlot) {
  const json bars = json::parse(R"({
    "id": "speed", "title": "Speed", "kind": "bar",
    "series": [{"name": "published", "x": ["VGG16", "ResNet50"], "y": [303, 492], "published": true},
               {"name": "measured", "x": ["VGG16", "ResNet50", "InceptionV3"], "y": [301, 480, 190],
                "y_lower": [295, 470, 185], "y_upper": [310, 490, 195]}]})");
  const std::filesystem::path bar_path = scratch_.path() / "speed.svg";
  const PlotRenderResult bar_result = render_plot_svg(bars, bar_path);
  ASSERT_TRUE(bar_result.drawn) << bar_result.why;
  const std::string bar_svg = testing::read_text(bar_path);
  EXPECT_TRUE(is_svg_document(bar_svg));
  EXPECT_NE(bar_svg.find("measured"), std::string::npos);
  EXPECT_NE(bar_svg.find("InceptionV3"), std::string::npos);

  const json points = json::parse(R"({"id": "scatter", "kind": "points",
    "series": [{"name": "seeds", "x": [0, 1, 2], "y": [0.91, null, 0.93]}]})");
  const std::filesystem::path points_path = scratch_.path() / "scatter.svg";
  const PlotRenderResult points_result = render_plot_svg(points, points_path);
  ASSERT_TRUE(points_result.drawn) << points_result.why;
  EXPECT_NE(testing::read_text(points_path).find("seeds"), std::string::npos);
}

TEST(GnuplotPlot, MissingGnuplotIsReportedNotThrown) {
  testing::ScratchDirectory scratch("no-gnuplot");
  const json plot = json::parse(R"({"id": "p", "series": [{"name": "a", "x": [1, 2], "y": [3, 4]}]})");
  const PlotRenderResult result = render_plot_svg(plot, scratch.path() / "p.svg",
                                                  PlotRenderOptions().gnuplot_executable("gnuplot-that-is-not-there"));
  EXPECT_FALSE(result.drawn);
  EXPECT_NE(result.why.find("gnuplot-that-is-not-there"), std::string::npos) << result.why;
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "p.svg"));
}

TEST(GnuplotPlot, FailingGnuplotIsReportedWithItsStatus) {
  testing::ScratchDirectory scratch("false-gnuplot");
  const json plot = json::parse(R"({"id": "p", "series": [{"name": "a", "x": [1, 2], "y": [3, 4]}]})");
  const auto false_program = find_executable("false");
  if (!false_program) GTEST_SKIP() << "no `false` program on PATH";
  const PlotRenderResult result =
      render_plot_svg(plot, scratch.path() / "p.svg", PlotRenderOptions().gnuplot_executable(false_program->string()));
  EXPECT_FALSE(result.drawn);
  EXPECT_NE(result.why.find("exit status 1"), std::string::npos) << result.why;
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "p.svg"));
}

TEST(GnuplotPlot, EmptyPlotIsNotDrawnAndMalformedPlotThrows) {
  testing::ScratchDirectory scratch("empty-plot");
  const PlotRenderResult result = render_plot_svg(json::parse(R"({"id": "empty", "series": []})"),
                                                  scratch.path() / "empty.svg");
  EXPECT_FALSE(result.drawn);
  EXPECT_NE(result.why.find("no data points"), std::string::npos);
  EXPECT_THROW(render_plot_svg(json::parse(R"({"series": []})"), scratch.path() / "x.svg"), InputError);
}

TEST(GnuplotScript, QuotesTitlesAndUsesTheSvgTerminal) {
  PlotSpec plot;
  plot.id = "p";
  plot.title = "it's";
  plot.kind = "line";
  plot.log_x = true;
  plot.series.push_back({"s", {1, 2}, {3, 4}, {}, {}});
  const std::string script = gnuplot_script(plot, "/tmp/out.svg");
  EXPECT_EQ(script.rfind("set terminal svg", 0), 0u);
  EXPECT_NE(script.find("noenhanced"), std::string::npos);
  EXPECT_NE(script.find("set title \"it's\""), std::string::npos);
  EXPECT_NE(script.find("set logscale x"), std::string::npos);
  EXPECT_NE(script.find("set output '/tmp/out.svg'"), std::string::npos);
  EXPECT_EQ(script.find("set xtics"), std::string::npos);
  EXPECT_EQ(safe_file_stem("a/b c.svg"), "a_b_c.svg");
  EXPECT_EQ(safe_file_stem(".."), "_..");
}

TEST(GnuplotScript, OneStyleForEveryPlot) {
  PlotSpec plot;
  plot.id = "p";
  plot.title = "A title long enough that at 800 pixels it has to be wrapped onto a second line, not cut at the edge";
  plot.y_label = "test accuracy (%), mean and 95% interval over seeds";
  plot.kind = "line";
  plot.series.push_back({"ours", {8, 12, 16}, {10, 90, 98}, {}, {}});
  PlotSeries published{"slides", {12}, {95}, {}, {}};
  published.published = true;
  plot.series.push_back(published);
  plot.reference_lines.push_back({'x', 12, "slides: inflection at 12 bits"});
  const std::string script = gnuplot_script(plot, "/tmp/out.svg");
  EXPECT_NE(script.find("set terminal svg size 800,520"), std::string::npos);
  // Title and y label wrapped, legend below, data padded away from the borders.
  EXPECT_NE(script.find("set title \"A title long enough that at 800 pixels it has to be wrapped onto a second "
                        "line, not cut\\nat the edge\""),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("set ylabel \"test accuracy (%), mean and 95% interval\\nover seeds\""), std::string::npos)
      << script;
  EXPECT_NE(script.find("set key below"), std::string::npos);
  EXPECT_NE(script.find("set offsets graph 0.06, graph 0.06, graph 0.1, graph 0.1"), std::string::npos);
  // Ours in the first Okabe–Ito colour, joined; the paper's points black open markers, not joined.
  EXPECT_NE(script.find("set style line 1 linecolor rgb '#0072B2'"), std::string::npos);
  EXPECT_NE(script.find("set style line 2 linecolor rgb '#000000' linewidth 2 pointtype 12"), std::string::npos);
  EXPECT_NE(script.find("$series0 using 1:2 with linespoints linestyle 1"), std::string::npos);
  EXPECT_NE(script.find("$series1 using 1:2 with points linestyle 2 title 'slides'"), std::string::npos);
  // The reference line spans the data's y range at x = 12, dashed, with its legend entry.
  EXPECT_NE(script.find("$reference0 << EOD\n12 10\n12 98\nEOD"), std::string::npos) << script;
  EXPECT_NE(script.find("$reference0 using 1:2 with lines dashtype 2 linewidth 2 linecolor rgb '#000000' title "
                        "'slides: inflection at 12 bits'"),
            std::string::npos);
}

TEST(GnuplotScript, PublishedAndOurPointsStandSideBySideOnCategories) {
  PlotSpec plot;
  plot.id = "p";
  plot.kind = "points";
  plot.x_tick_labels = {"fp32", "baseline"};
  plot.series.push_back({"ours", {0, 1}, {90, 85}, {}, {}});
  PlotSeries published{"slides", {0, 1}, {93.75, 87.5}, {79.2, 71}, {99.2, 96.5}};
  published.published = true;
  plot.series.push_back(published);
  const std::string script = gnuplot_script(plot, "/tmp/out.svg");
  EXPECT_NE(script.find("$series0 << EOD\n-0.12 90\n0.88 85\nEOD"), std::string::npos) << script;
  EXPECT_NE(script.find("$series1 << EOD\n0.12 93.75 79.2 99.2\n1.12 87.5 71 96.5\nEOD"), std::string::npos) << script;
  EXPECT_NE(script.find("$series1 using 1:2:3:4 with yerrorbars linestyle 2"), std::string::npos);
}

TEST(GnuplotScript, BarsStartAtZeroAndPublishedBarsAreHatched) {
  PlotSpec plot;
  plot.id = "p";
  plot.kind = "bar";
  PlotSeries published{"Table 4", {"vgg16"}, {0.65}, {}, {}};
  published.published = true;
  plot.series.push_back(published);
  plot.series.push_back({"ours", {"vgg16"}, {0.8}, {}, {}});
  const std::string script = gnuplot_script(plot, "/tmp/out.svg");
  EXPECT_NE(script.find("set yrange [0:*]"), std::string::npos);
  EXPECT_NE(script.find("$bars using 2:xtic(1) linestyle 1 fillstyle pattern 4 border -1 title 'Table 4'"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("$bars using 3 linestyle 2 title 'ours'"), std::string::npos) << script;
}

TEST(GnuplotScript, NamesCategoryPositionsWithTickLabels) {
  PlotSpec plot;
  plot.id = "p";
  plot.kind = "points";
  plot.x_tick_labels = {"fp32", "fixed 'baseline'", "optimized"};
  plot.series.push_back({"s", {0, 2}, {90, 85}, {}, {}});
  const std::string script = gnuplot_script(plot, "/tmp/out.svg");
  EXPECT_NE(script.find("set xtics ('fp32' 0, 'fixed ''baseline''' 1, 'optimized' 2) rotate by -30"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("set xrange [-0.5:2.5]"), std::string::npos) << script;
}

}  // namespace
}  // namespace repro::reports
