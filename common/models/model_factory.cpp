#include "common/models/model_factory.h"

#include "base/errors.h"
#include "common/models/inception_v3.h"
#include "common/models/resnet152_v2.h"
#include "common/models/vgg16.h"

namespace repro::models {

std::shared_ptr<FeatureExtractor> make_feature_extractor(const std::string& architecture,
                                                         std::int64_t width_divisor, bool shallow) {
  if (architecture == "vgg16") {
    Vgg16Options options = Vgg16Options::narrowed(width_divisor);
    if (shallow) options.stage_convolutions({1, 1, 1, 1, 1});
    return std::make_shared<Vgg16>(options);
  }
  if (architecture == "inceptionv3") {
    return std::make_shared<InceptionV3>(InceptionV3Options().width_divisor(width_divisor));
  }
  if (architecture == "resnet152v2") {
    ResNet152V2Options options = ResNet152V2Options().width_divisor(width_divisor);
    if (shallow) options.stage_blocks({2, 2, 2, 2});
    return std::make_shared<ResNet152V2>(options);
  }
  throw InputError("unknown architecture '" + architecture +
                   "' (known: vgg16, inceptionv3, resnet152v2)");
}

}  // namespace repro::models
