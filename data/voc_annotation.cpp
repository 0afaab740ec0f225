#include "data/voc_annotation.h"

#include <pugixml.hpp>

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "base/errors.h"
#include "data/file_bytes.h"

namespace repro::data {

const std::array<std::string, 20>& voc_class_names() {
  static const std::array<std::string, 20> names = {
      "aeroplane", "bicycle", "bird",  "boat",        "bottle", "bus",         "car",   "cat",   "chair", "cow",
      "diningtable", "dog",   "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor"};
  return names;
}

int voc_class_index(const std::string& name) {
  const auto& names = voc_class_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

pugi::xml_node required_child(const pugi::xml_node& parent, const char* child, const std::string& name,
                              const std::string& where) {
  pugi::xml_node node = parent.child(child);
  if (!node) throw InputError(name + ": missing element <" + child + "> in " + where);
  return node;
}

double parse_number(const pugi::xml_node& node, const std::string& name, const std::string& where) {
  const std::string text = trim(node.child_value());
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value)) {
    throw InputError(name + ": element <" + node.name() + "> in " + where + " is not a number: '" + text + "'");
  }
  if (std::fabs(value) > 1e7) {
    throw InputError(name + ": element <" + node.name() + "> in " + where + " is out of range: " + text);
  }
  return value;
}

int parse_size(const pugi::xml_node& node, const std::string& name, const std::string& where) {
  const double value = parse_number(node, name, where);
  if (value < 0) throw InputError(name + ": element <" + node.name() + "> in " + where + " is negative");
  return static_cast<int>(value);
}

int parse_flag(const pugi::xml_node& parent, const char* child) {
  const pugi::xml_node node = parent.child(child);
  if (!node) return 0;
  return trim(node.child_value()) == "0" ? 0 : (trim(node.child_value()).empty() ? 0 : 1);
}

}  // namespace

VocAnnotation parse_voc_annotation(const char* text, std::size_t size, const std::string& name) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_buffer(text, size);
  if (!parsed) {
    throw InputError(name + ": malformed XML at offset " + std::to_string(parsed.offset) + ": " + parsed.description());
  }
  const pugi::xml_node root = document.child("annotation");
  if (!root) throw InputError(name + ": missing root element <annotation>");
  VocAnnotation annotation;
  annotation.filename = trim(root.child_value("filename"));
  const pugi::xml_node size_node = required_child(root, "size", name, "<annotation>");
  annotation.width = parse_size(required_child(size_node, "width", name, "<size>"), name, "<size>");
  annotation.height = parse_size(required_child(size_node, "height", name, "<size>"), name, "<size>");
  const pugi::xml_node depth = size_node.child("depth");
  annotation.depth = depth ? parse_size(depth, name, "<size>") : 3;
  int index = 0;
  for (const pugi::xml_node object_node : root.children("object")) {
    const std::string where = "<object> #" + std::to_string(index++);
    VocObject object;
    object.class_name = trim(required_child(object_node, "name", name, where).child_value());
    object.class_index = voc_class_index(object.class_name);
    if (object.class_index < 0) {
      throw InputError(name + ": unknown class '" + object.class_name + "' in <name> of " + where);
    }
    object.difficult = parse_flag(object_node, "difficult") != 0;
    object.truncated = parse_flag(object_node, "truncated") != 0;
    const pugi::xml_node box = required_child(object_node, "bndbox", name, where);
    const std::string box_where = "<bndbox> of " + where;
    object.xmin = static_cast<float>(parse_number(required_child(box, "xmin", name, box_where), name, box_where) - 1);
    object.ymin = static_cast<float>(parse_number(required_child(box, "ymin", name, box_where), name, box_where) - 1);
    object.xmax = static_cast<float>(parse_number(required_child(box, "xmax", name, box_where), name, box_where) - 1);
    object.ymax = static_cast<float>(parse_number(required_child(box, "ymax", name, box_where), name, box_where) - 1);
    if (object.xmax < object.xmin || object.ymax < object.ymin) {
      throw InputError(name + ": inverted box in " + box_where + " (xmin > xmax or ymin > ymax)");
    }
    annotation.objects.push_back(object);
  }
  return annotation;
}

VocAnnotation read_voc_annotation(const std::filesystem::path& path) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path);
  return parse_voc_annotation(reinterpret_cast<const char*>(bytes.data()), bytes.size(), path.string());
}

std::string encode_voc_annotation(const VocAnnotation& annotation) {
  std::ostringstream out;
  out << "<annotation>\n\t<folder>VOC</folder>\n\t<filename>" << annotation.filename << "</filename>\n"
      << "\t<size>\n\t\t<width>" << annotation.width << "</width>\n\t\t<height>" << annotation.height
      << "</height>\n\t\t<depth>" << annotation.depth << "</depth>\n\t</size>\n\t<segmented>0</segmented>\n";
  for (const VocObject& object : annotation.objects) {
    out << "\t<object>\n\t\t<name>" << object.class_name << "</name>\n\t\t<pose>Unspecified</pose>\n"
        << "\t\t<truncated>" << (object.truncated ? 1 : 0) << "</truncated>\n\t\t<difficult>"
        << (object.difficult ? 1 : 0) << "</difficult>\n\t\t<bndbox>\n"
        << "\t\t\t<xmin>" << object.xmin + 1 << "</xmin>\n\t\t\t<ymin>" << object.ymin + 1 << "</ymin>\n"
        << "\t\t\t<xmax>" << object.xmax + 1 << "</xmax>\n\t\t\t<ymax>" << object.ymax + 1 << "</ymax>\n"
        << "\t\t</bndbox>\n\t</object>\n";
  }
  out << "</annotation>\n";
  return out.str();
}

}  // namespace repro::data
