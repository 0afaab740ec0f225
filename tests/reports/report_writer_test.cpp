#include "reports/report_writer.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/reports/test_support.h"

namespace repro::reports {
namespace {

std::vector<std::string> file_names_in(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WriteReport, WritesDocumentsAndPlotsIntoTheOutputDirectory) {
  if (!find_executable("gnuplot")) GTEST_SKIP() << "gnuplot is not installed (Debian package gnuplot-nox)";
  testing::ScratchDirectory out("report");
  testing::copy_old_run(out.path());
  const ReportFiles files = write_report(out.path());

  EXPECT_EQ(file_names_in(out.path()),
            (std::vector<std::string>{"claims.csv", "dogs_vs_cats_mixed_precision", "fixed_point_fashion_mnist", "plots",
                                      "report.html", "report.md"}));
  EXPECT_EQ(file_names_in(out.path() / "plots"),
            (std::vector<std::string>{"dogs_vs_cats_mixed_precision-p_value_by_total.svg",
                                      "dogs_vs_cats_mixed_precision-training_time.svg", "verdict_chart.svg"}));
  ASSERT_EQ(files.plots.size(), 2u);
  EXPECT_EQ(files.plots_drawn(), 2u);

  const std::string html = testing::read_text(files.html);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("ours_mixed"), std::string::npos);       // series title inside the inlined SVG
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  const std::string markdown = testing::read_text(files.markdown);
  EXPECT_NE(markdown.find("](plots/dogs_vs_cats_mixed_precision-training_time.svg)"), std::string::npos);
  EXPECT_NE(markdown.find("](plots/verdict_chart.svg)"), std::string::npos);
  EXPECT_EQ(testing::read_text(out.path() / "plots" / "verdict_chart.svg").rfind("<?xml", 0), 0u);
  EXPECT_EQ(markdown.find("Plot not drawn"), std::string::npos);
  EXPECT_EQ(testing::read_text(files.csv).substr(0, 15), "study,tier,id,t");
}

TEST(WriteReport, WithoutGnuplotTheReportSaysWhy) {
  testing::ScratchDirectory out("report-no-gnuplot");
  testing::copy_old_run(out.path());
  const ReportFiles files =
      write_report(out.path(), ReportOptions().plot_options(PlotRenderOptions().gnuplot_executable("no-such-gnuplot")));
  EXPECT_EQ(files.plots_drawn(), 0u);
  EXPECT_FALSE(std::filesystem::exists(out.path() / "plots" / "dogs_vs_cats_mixed_precision-training_time.svg"));
  const std::string markdown = testing::read_text(files.markdown);
  EXPECT_NE(markdown.find("Plot not drawn: gnuplot ('no-such-gnuplot') is not installed or not on PATH"),
            std::string::npos);
  const std::string html = testing::read_text(files.html);
  EXPECT_NE(html.find("Plot not drawn: gnuplot (&#39;no-such-gnuplot&#39;) is not installed"), std::string::npos);
  EXPECT_NE(html.find("table4_training_speedup"), std::string::npos);
}

TEST(WriteReport, MalformedResultsThrowInputErrorAndWriteNothing) {
  testing::ScratchDirectory out("report-malformed");
  testing::copy_old_run(out.path());
  testing::write_text(out.path() / "broken" / "results.json", R"({"study": "broken", "claims": []})");
  try {
    write_report(out.path());
    FAIL() << "no InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("broken/results.json"), std::string::npos) << message;
    EXPECT_NE(message.find("'tier'"), std::string::npos) << message;
  }
  EXPECT_FALSE(std::filesystem::exists(out.path() / "report.md"));
  EXPECT_FALSE(std::filesystem::exists(out.path() / "report.html"));
}

}  // namespace
}  // namespace repro::reports
