#include "common/models/parameter_count.h"

#include <torch/nn/modules/batchnorm.h>

namespace repro::models {

std::int64_t parameter_count(const torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& parameter : module.parameters()) count += parameter.numel();
  return count;
}

std::int64_t keras_parameter_count(const torch::nn::Module& module, bool batch_norm_has_scale) {
  std::int64_t count = parameter_count(module);
  std::vector<const torch::nn::Module*> all = {&module};
  for (const auto& child : module.modules(/*include_self=*/false)) all.push_back(child.get());
  for (const torch::nn::Module* child : all) {
    if (const auto* norm = child->as<torch::nn::BatchNorm2d>()) {
      count += norm->running_mean.numel() + norm->running_var.numel();
      if (!batch_norm_has_scale && norm->weight.defined()) count -= norm->weight.numel();
    }
  }
  return count;
}

}  // namespace repro::models
