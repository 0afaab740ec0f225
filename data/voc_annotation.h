// Pascal VOC XML annotations (Annotations/<id>.xml), parsed with pugixml.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace repro::data {

// The 20 VOC classes in the standard order (class index = position).
const std::array<std::string, 20>& voc_class_names();

// Index of `name` in voc_class_names(), or -1.
int voc_class_index(const std::string& name);

struct VocObject {
  std::string class_name;
  int class_index = 0;
  // Box in 0-based pixel coordinates: the XML's 1-based values minus one (as ssd.pytorch does).
  float xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  bool difficult = false;
  bool truncated = false;
};

struct VocAnnotation {
  std::string filename;  // <filename>, e.g. 000005.jpg
  int width = 0;
  int height = 0;
  int depth = 0;
  std::vector<VocObject> objects;
};

// Parses one annotation. Throws InputError naming `source_name` and the element at fault for
// malformed XML (with pugixml's byte offset), a missing <annotation>, <size>, <name> or
// <bndbox> element, a non-numeric or inverted coordinate, or a class outside the 20.
VocAnnotation parse_voc_annotation(const char* text, std::size_t size, const std::string& source_name);

VocAnnotation read_voc_annotation(const std::filesystem::path& path);

// Serialises an annotation (coordinates back to 1-based) in the VOC layout.
std::string encode_voc_annotation(const VocAnnotation& annotation);

}  // namespace repro::data
