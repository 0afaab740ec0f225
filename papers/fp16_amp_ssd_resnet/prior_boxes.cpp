#include "papers/fp16_amp_ssd_resnet/prior_boxes.h"

#include <algorithm>
#include <cmath>

#include <torch/torch.h>

#include "base/errors.h"

namespace repro::fp16_amp_ssd_resnet {

torch::Tensor make_prior_boxes(const PriorBoxOptions& options) {
  const std::size_t maps = options.feature_maps().size();
  if (options.steps().size() != maps || options.min_sizes().size() != maps ||
      options.max_sizes().size() != maps || options.aspect_ratios().size() != maps) {
    throw InputError("prior box options: feature_maps, steps, min_sizes, max_sizes and "
                     "aspect_ratios must have one entry per feature map");
  }
  const double image = static_cast<double>(options.image_size());
  std::vector<float> values;
  for (std::size_t k = 0; k < maps; ++k) {
    const double cells = image / options.steps()[k];
    const double scale = options.min_sizes()[k] / image;
    const double scale_prime = std::sqrt(scale * (options.max_sizes()[k] / image));
    for (std::int64_t i = 0; i < options.feature_maps()[k]; ++i) {
      for (std::int64_t j = 0; j < options.feature_maps()[k]; ++j) {
        const double cx = (static_cast<double>(j) + 0.5) / cells;
        const double cy = (static_cast<double>(i) + 0.5) / cells;
        const auto add = [&](double width, double height) {
          for (double value : {cx, cy, width, height}) {
            values.push_back(static_cast<float>(options.clip() ? std::clamp(value, 0.0, 1.0) : value));
          }
        };
        add(scale, scale);
        add(scale_prime, scale_prime);
        for (double ratio : options.aspect_ratios()[k]) {
          add(scale * std::sqrt(ratio), scale / std::sqrt(ratio));
          add(scale / std::sqrt(ratio), scale * std::sqrt(ratio));
        }
      }
    }
  }
  const auto count = static_cast<std::int64_t>(values.size() / 4);
  return torch::from_blob(values.data(), {count, 4}, torch::kFloat).clone();
}

}  // namespace repro::fp16_amp_ssd_resnet
