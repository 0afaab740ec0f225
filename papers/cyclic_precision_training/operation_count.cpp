#include "papers/cyclic_precision_training/operation_count.h"

#include <torch/nn/modules/linear.h>
#include <torch/torch.h>

#include "papers/cyclic_precision_training/cpt_conv2d.h"

namespace repro::cyclic_precision_training {

ModelOperations count_operations(Classifier& classifier, CptPrecision& precision,
                                 const std::vector<std::int64_t>& input_shape) {
  const int forward_bits = precision.forward_bits;
  const int gradient_bits = precision.gradient_bits;
  const bool was_training = classifier.module->is_training();
  precision.forward_bits = 0;
  precision.gradient_bits = 0;
  classifier.module->eval();
  {
    torch::NoGradGuard no_grad;
    std::vector<std::int64_t> shape = {1};
    shape.insert(shape.end(), input_shape.begin(), input_shape.end());
    const auto device = classifier.module->parameters().front().device();
    classifier.forward(torch::zeros(shape, torch::TensorOptions().device(device)));
  }
  classifier.module->train(was_training);
  precision.forward_bits = forward_bits;
  precision.gradient_bits = gradient_bits;
  return sum_layer_operations(*classifier.module);
}

ModelOperations sum_layer_operations(torch::nn::Module& root) {
  ModelOperations operations;
  for (const auto& module : root.modules(/*include_self=*/true)) {
    if (const auto* conv = dynamic_cast<const CptConv2dImpl*>(module.get())) {
      operations.quantized_macs_per_image += conv->multiply_accumulates_per_image();
      ++operations.quantized_layers;
    } else if (const auto* linear = dynamic_cast<const torch::nn::LinearImpl*>(module.get())) {
      operations.full_precision_macs_per_image +=
          linear->options.in_features() * linear->options.out_features();
      ++operations.full_precision_layers;
    }
  }
  for (const auto& parameter : root.parameters()) operations.parameters += parameter.numel();
  return operations;
}

}  // namespace repro::cyclic_precision_training
