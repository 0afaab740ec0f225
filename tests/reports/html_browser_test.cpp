// Loads report.html in headless Chromium. Checks the DOM it builds (a claims table per study and a
// row for every claim), and runs tests/reports/check_report_in_browser.sh: in the rendered page no
// main-table cell holds a JSON object, every <svg> text lies inside its viewBox, every figure has
// a caption naming its source; screenshots of the front page and of each study section are kept
// under the build folder (REPRO_REPORTS_SCREENSHOT_DIR). Skipped when chromium is not installed.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>

#include "reports/gnuplot_plot.h"
#include "reports/report_writer.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char character : text) {
    if (character == '\'') {
      quoted += "'\\''";
    } else {
      quoted += character;
    }
  }
  return quoted + "'";
}

struct CommandOutput {
  int status = -1;
  std::string output;
};

CommandOutput run(const std::string& command) {
  CommandOutput result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[8192];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, read);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// check_report_in_browser.sh on `html`, screenshots into `shots`.
CommandOutput check_in_browser(const std::filesystem::path& html, const std::filesystem::path& shots) {
  return run(shell_quoted(REPRO_REPORTS_BROWSER_CHECK) + " " + shell_quoted(html.string()) + " " +
             shell_quoted(shots.string()) + " 2>&1");
}

std::optional<std::filesystem::path> chromium_program() {
  std::optional<std::filesystem::path> chromium = find_executable("chromium");
  if (!chromium) chromium = find_executable("chromium-browser");
  return chromium;
}

TEST(HtmlReportInChromium, EveryClaimIsInTheDomAndThePageChecksPass) {
  if (!chromium_program()) GTEST_SKIP() << "chromium is not installed (Debian package chromium)";
  testing::ScratchDirectory out("browser");
  std::filesystem::copy(testing::schema2_run_dir(), out.path(), std::filesystem::copy_options::recursive);
  const ReportFiles files = write_report(out.path());
  const std::filesystem::path shots = std::filesystem::path(REPRO_REPORTS_SCREENSHOT_DIR) / "schema2";
  std::filesystem::remove_all(shots);
  const CommandOutput checked = check_in_browser(std::filesystem::absolute(files.html), shots);
  EXPECT_EQ(checked.status, 0) << checked.output;
  // The checks ran over the tables, the SVG texts and the figures (verdict chart and both plots).
  EXPECT_NE(checked.output.find("checked tables="), std::string::npos) << checked.output;
  EXPECT_NE(checked.output.find(files.plots_drawn() == 2 ? " figures=3" : " figures="), std::string::npos)
      << checked.output;
  if (files.plots_drawn() > 0) EXPECT_EQ(checked.output.find("svg-texts=0 "), std::string::npos) << checked.output;

  const std::string dom = testing::read_text(shots / "report.dom.html");
  ASSERT_FALSE(dom.empty()) << "chromium printed no DOM";
  EXPECT_NE(dom.find("<tbody>"), std::string::npos);   // the parser built real tables
  for (const StudyResults& study : load_results_directory(testing::schema2_run_dir())) {
    EXPECT_NE(dom.find("id=\"claims-" + study.study + "\""), std::string::npos);
    EXPECT_NE(dom.find("id=\"checks-" + study.study + "\""), std::string::npos);
    for (const ClaimResult& claim : study.claims) {
      EXPECT_NE(dom.find("id=\"claim-" + study.study + "-" + claim.id + "\""), std::string::npos) << claim.id;
      EXPECT_NE(dom.find("<code>" + claim.id + "</code>"), std::string::npos) << claim.id;
    }
  }
  // Screenshots of the front page and the study's section (a PNG starts with \x89PNG).
  for (const char* name : {"front.png", "study-fixed_point_fashion_mnist.png"}) {
    EXPECT_EQ(testing::read_text(shots / name).substr(0, 4), "\x89PNG") << name;
    EXPECT_GT(std::filesystem::file_size(shots / name), 20000u) << name;  // more than a blank page
  }
}

TEST(HtmlReportInChromium, ThePageChecksFindJsonCellsTextOutsideTheCanvasAndUncaptionedFigures) {
  if (!chromium_program()) GTEST_SKIP() << "chromium is not installed (Debian package chromium)";
  testing::ScratchDirectory out("browser-bad");
  const std::filesystem::path html = out.path() / "report.html";
  testing::write_text(html, R"(<!DOCTYPE html><html><head><title>bad</title></head><body>
<table class="main-table" id="claims-x"><tr><td>{"alternative_choices": {"a": 1}}</td><td>89.3 %</td></tr></table>
<figure id="plot-x-outside"><svg viewBox="0 0 100 50" width="200" height="100"><text x="90" y="20">runs off the edge</text>
<text x="10" y="20">inside</text></svg><figcaption><span class="source">Source: Table 2</span></figcaption></figure>
<figure id="plot-x-uncaptioned"><svg viewBox="0 0 100 50" width="200" height="100"><text x="10" y="20">ok</text></svg>
<figcaption>no source</figcaption></figure>
<section class="study" id="study-x"><h2>x</h2></section>
</body></html>
)");
  const CommandOutput checked = check_in_browser(html, out.path() / "shots");
  EXPECT_EQ(checked.status, 1) << checked.output;
  EXPECT_NE(checked.output.find("json-cell claims-x: {\"alternative_choices\""), std::string::npos) << checked.output;
  EXPECT_NE(checked.output.find("svg-text-outside plot-x-outside: runs off the edge"), std::string::npos)
      << checked.output;
  EXPECT_EQ(checked.output.find("svg-text-outside plot-x-outside: inside"), std::string::npos) << checked.output;
  EXPECT_NE(checked.output.find("figure-without-source plot-x-uncaptioned"), std::string::npos) << checked.output;
  EXPECT_EQ(checked.output.find("figure-without-source plot-x-outside"), std::string::npos) << checked.output;
  EXPECT_NE(checked.output.find("checked tables=1 cells=2 svg-texts=3 figures=2"), std::string::npos)
      << checked.output;
}

}  // namespace
}  // namespace repro::reports
