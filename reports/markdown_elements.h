// Small Markdown building blocks shared by the parts of report.md (GitHub-flavoured tables,
// collapsible <details> blocks that GitHub renders).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace repro::reports {

// A table cell: '|' escaped, line breaks as spaces.
std::string markdown_cell(std::string_view text);

// "| a | b |\n" with every cell escaped.
std::string markdown_row(const std::vector<std::string>& cells);

// The header row and its "| --- |" separator.
std::string markdown_header(const std::vector<std::string>& cells);

// <details><summary>summary</summary> ```json ... ``` </details>, blank lines around.
std::string markdown_json_details(const std::string& summary, const nlohmann::json& value);

}  // namespace repro::reports
