#include "reports/markdown_elements.h"

namespace repro::reports {

std::string markdown_cell(std::string_view text) {
  std::string cell;
  for (const char character : text) {
    if (character == '|') {
      cell += "\\|";
    } else if (character == '\n' || character == '\r') {
      cell += ' ';
    } else {
      cell += character;
    }
  }
  return cell;
}

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& cell : cells) line += " " + markdown_cell(cell) + " |";
  return line + "\n";
}

std::string markdown_header(const std::vector<std::string>& cells) {
  std::string line = markdown_row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i) line += " --- |";
  return line + "\n";
}

std::string markdown_json_details(const std::string& summary, const nlohmann::json& value) {
  return "<details><summary>" + summary + "</summary>\n\n```json\n" +
         value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n```\n\n</details>\n\n";
}

}  // namespace repro::reports
