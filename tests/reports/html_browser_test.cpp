// Loads report.html in headless Chromium and checks the DOM it builds: the claims table and a
// row for every claim. Skipped when chromium is not installed (Debian package `chromium`).
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

// The DOM that headless Chromium builds from `html_path` (stdout of --dump-dom).
std::string dump_dom(const std::filesystem::path& chromium, const std::filesystem::path& html_path,
                     const std::filesystem::path& profile_dir) {
  const std::string command =
      shell_quoted(chromium.string()) +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking"
      " --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir=" +
      shell_quoted(profile_dir.string()) + " --dump-dom " + shell_quoted("file://" + html_path.string()) +
      " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return "";
  std::string dom;
  char buffer[8192];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) dom.append(buffer, read);
  return dom;
}

TEST(HtmlReportInChromium, ClaimsTableAndEveryClaimAreInTheDom) {
  std::optional<std::filesystem::path> chromium = find_executable("chromium");
  if (!chromium) chromium = find_executable("chromium-browser");
  if (!chromium) GTEST_SKIP() << "chromium is not installed (Debian package chromium)";

  testing::ScratchDirectory out("browser");
  testing::copy_old_run(out.path());
  const ReportFiles files = write_report(out.path());
  const std::string dom = dump_dom(*chromium, std::filesystem::absolute(files.html), out.path() / "profile");
  ASSERT_FALSE(dom.empty()) << "chromium printed no DOM";

  EXPECT_NE(dom.find("id=\"claims\""), std::string::npos);
  EXPECT_NE(dom.find("<tbody>"), std::string::npos);   // the parser built a real table
  for (const StudyResults& study : load_results_directory(testing::old_run_dir())) {
    for (const ClaimResult& claim : study.claims) {
      EXPECT_NE(dom.find("id=\"claim-" + study.study + "-" + claim.id + "\""), std::string::npos) << claim.id;
      EXPECT_NE(dom.find("<code>" + claim.id + "</code>"), std::string::npos) << claim.id;
    }
  }
  if (files.plots_drawn() > 0) EXPECT_NE(dom.find("<svg"), std::string::npos);
}

}  // namespace
}  // namespace repro::reports
