#include "reports/html_elements.h"

#include <fmt/format.h>

#include "reports/claim_formatting.h"

namespace repro::reports {

std::string html_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char character : text) {
    switch (character) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += character;
    }
  }
  return escaped;
}

std::string svg_for_inlining(std::string_view svg_document) {
  const std::size_t start = svg_document.find("<svg");
  if (start == std::string_view::npos) return std::string(svg_document);
  return std::string(svg_document.substr(start));
}

std::string html_cell(std::string_view text, std::string_view css_class) {
  if (css_class.empty()) return "<td>" + html_escape(text) + "</td>";
  return fmt::format("<td class=\"{}\">{}</td>", css_class, html_escape(text));
}

std::string html_header_row(const std::vector<std::string>& names) {
  std::string row = "<tr>";
  for (const std::string& name : names) row += "<th>" + html_escape(name) + "</th>";
  return row + "</tr>\n";
}

std::string html_verdict_cell(const std::string& verdict, std::string_view note) {
  if (verdict.empty()) return "<td>—</td>";
  std::string cell = fmt::format("<td class=\"verdict verdict-{}\">{}", html_escape(verdict),
                                 html_escape(verdict_label(verdict)));
  if (!note.empty()) cell += "<br><span class=\"note\">" + html_escape(note) + "</span>";
  return cell + "</td>";
}

std::string html_anchor_id(const std::string& prefix, const std::string& study, const std::string& id) {
  return html_escape(prefix + "-" + study + (id.empty() ? "" : "-" + id));
}

std::string html_json_details(const std::string& summary, const nlohmann::json& value) {
  return "<details><summary>" + html_escape(summary) + "</summary>\n<pre>" + html_escape(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) +
         "</pre></details>\n";
}

}  // namespace repro::reports
