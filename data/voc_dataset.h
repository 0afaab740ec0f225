// Pascal VOC folders (VOCdevkit/VOC2007, VOCdevkit/VOC2012): image-set lists and samples, as
// the SSD study used them (train on VOC07+12 trainval, test on VOC07 test).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "data/voc_annotation.h"

namespace repro::data {

struct VocSample {
  std::string id;                   // e.g. 000005
  std::filesystem::path image_path; // JPEGImages/<id>.jpg
  VocAnnotation annotation;
};

// The ids listed in <voc_root>/ImageSets/Main/<image_set>.txt (one per line, blank lines
// skipped). Throws InputError naming the list when it is missing or empty.
std::vector<std::string> read_voc_image_set(const std::filesystem::path& voc_root, const std::string& image_set);

// Every sample of one image set, annotations parsed (errors name the XML file).
// `keep_difficult` false drops objects marked difficult (as SSD training does).
std::vector<VocSample> load_voc_samples(const std::filesystem::path& voc_root, const std::string& image_set,
                                        bool keep_difficult = true);

// SSD training set: VOC2007 trainval + VOC2012 trainval from a VOCdevkit folder.
std::vector<VocSample> load_voc07_12_trainval(const std::filesystem::path& devkit, bool keep_difficult = true);

// SSD test set: VOC2007 test (difficult objects kept, marked, for the evaluation to ignore).
std::vector<VocSample> load_voc07_test(const std::filesystem::path& devkit);

}  // namespace repro::data
