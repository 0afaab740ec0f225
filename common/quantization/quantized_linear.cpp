#include "common/quantization/quantized_linear.h"

#include <stdexcept>

#include <torch/nn/modules/linear.h>

namespace repro::quantization {

QuantizedLinearImpl::QuantizedLinearImpl(const torch::nn::LinearOptions& options,
                                         std::shared_ptr<TrainingPrecision> precision,
                                         QuantizedLayerOptions layer_options)
    : options_(options), precision_(std::move(precision)), layer_options_(layer_options) {
  if (!precision_) throw std::invalid_argument("QuantizedLinear: null TrainingPrecision");
  layer_index_ = precision_->register_layer();
  torch::nn::Linear initialized(options_);  // the same initialization as torch::nn::Linear
  weight = register_parameter("weight", initialized->weight.detach());
  if (options_.bias()) bias = register_parameter("bias", initialized->bias.detach());
}

torch::Tensor QuantizedLinearImpl::forward(const torch::Tensor& input) {
  TrainingPrecision& precision = *precision_;
  const torch::Tensor x =
      layer_options_.quantize_input ? quantize_activation(input, precision, layer_index_) : input;
  const torch::Tensor w = quantize_parameter(weight, Role::weights, precision, layer_index_);
  const torch::Tensor b = quantize_parameter(bias, Role::biases, precision, layer_index_);
  const torch::Tensor y = torch::linear(x, w, b);
  return layer_options_.quantize_output ? quantize_activation(y, precision, layer_index_) : y;
}

void QuantizedLinearImpl::quantize_gradients() {
  std::vector<torch::Tensor> parameters = {weight};
  if (bias.defined()) parameters.push_back(bias);
  repro::quantization::quantize_gradients(parameters, *precision_, layer_index_);
}

}  // namespace repro::quantization
