// Small HTML building blocks shared by the parts of report.html: escaping, table cells and rows,
// anchors, verdict cells, collapsible JSON blocks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace repro::reports {

// Text escaped for HTML element content and attribute values (& < > " ').
std::string html_escape(std::string_view text);

// An SVG document without its XML declaration, DOCTYPE and comments before <svg>, for inlining.
std::string svg_for_inlining(std::string_view svg_document);

// <td> with escaped text and an optional class.
std::string html_cell(std::string_view text, std::string_view css_class = "");

// <tr> of <th> cells.
std::string html_header_row(const std::vector<std::string>& names);

// <td class="verdict verdict-..."> holding the verdict's label; "—" when empty.
std::string html_verdict_cell(const std::string& verdict, std::string_view note = "");

// "prefix-study[-id]", escaped for an attribute.
std::string html_anchor_id(const std::string& prefix, const std::string& study, const std::string& id = "");

// <details><summary>summary</summary><pre>JSON, indented</pre></details>.
std::string html_json_details(const std::string& summary, const nlohmann::json& value);

}  // namespace repro::reports
