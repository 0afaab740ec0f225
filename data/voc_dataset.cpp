#include "data/voc_dataset.h"

#include <algorithm>
#include <fstream>

#include "base/errors.h"

namespace repro::data {

std::vector<std::string> read_voc_image_set(const std::filesystem::path& voc_root, const std::string& image_set) {
  const std::filesystem::path list = voc_root / "ImageSets" / "Main" / (image_set + ".txt");
  std::ifstream in(list);
  if (!in) throw InputError(list.string() + ": missing VOC image-set list");
  std::vector<std::string> ids;
  std::string line;
  while (std::getline(in, line)) {
    const auto begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos) continue;
    const auto end = line.find_first_of(" \t\r", begin);
    ids.push_back(line.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
  }
  if (ids.empty()) throw InputError(list.string() + ": VOC image-set list is empty");
  return ids;
}

std::vector<VocSample> load_voc_samples(const std::filesystem::path& voc_root, const std::string& image_set,
                                        bool keep_difficult) {
  std::vector<VocSample> samples;
  for (const std::string& id : read_voc_image_set(voc_root, image_set)) {
    VocSample sample;
    sample.id = id;
    sample.image_path = voc_root / "JPEGImages" / (id + ".jpg");
    sample.annotation = read_voc_annotation(voc_root / "Annotations" / (id + ".xml"));
    if (!keep_difficult) {
      auto& objects = sample.annotation.objects;
      objects.erase(std::remove_if(objects.begin(), objects.end(), [](const VocObject& o) { return o.difficult; }),
                    objects.end());
    }
    samples.push_back(std::move(sample));
  }
  return samples;
}

std::vector<VocSample> load_voc07_12_trainval(const std::filesystem::path& devkit, bool keep_difficult) {
  std::vector<VocSample> samples = load_voc_samples(devkit / "VOC2007", "trainval", keep_difficult);
  std::vector<VocSample> more = load_voc_samples(devkit / "VOC2012", "trainval", keep_difficult);
  samples.insert(samples.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  return samples;
}

std::vector<VocSample> load_voc07_test(const std::filesystem::path& devkit) {
  return load_voc_samples(devkit / "VOC2007", "test", true);
}

}  // namespace repro::data
