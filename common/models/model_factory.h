// The three networks of the Dogs vs. Cats study by name, full size or shrunk.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/models/feature_extractor.h"

namespace repro::models {

// "vgg16", "inceptionv3", "resnet152v2". width_divisor 1 = the published network; larger values
// divide every channel count; shallow = true also cuts ResNet152V2 to 2 blocks per stage and VGG16
// to one convolution per stage (for tests and CPU runs). Unknown name: repro::InputError.
std::shared_ptr<FeatureExtractor> make_feature_extractor(const std::string& architecture,
                                                         std::int64_t width_divisor = 1,
                                                         bool shallow = false);

}  // namespace repro::models
