#include "common/quantization/quantized_conv2d.h"

#include <stdexcept>
#include <vector>

#include <torch/nn/modules/conv.h>

#include "base/errors.h"

namespace repro::quantization {

QuantizedConv2dImpl::QuantizedConv2dImpl(const torch::nn::Conv2dOptions& options,
                                         std::shared_ptr<TrainingPrecision> precision,
                                         QuantizedLayerOptions layer_options)
    : options_(options), precision_(std::move(precision)), layer_options_(layer_options) {
  if (!precision_) throw std::invalid_argument("QuantizedConv2d: null TrainingPrecision");
  if (!c10::get_if<torch::enumtype::kZeros>(&options_.padding_mode())) {
    throw InputError("QuantizedConv2d: only padding mode zeros is supported");
  }
  layer_index_ = precision_->register_layer();
  torch::nn::Conv2d initialized(options_);  // the same initialization as torch::nn::Conv2d
  weight = register_parameter("weight", initialized->weight.detach());
  if (options_.bias()) bias = register_parameter("bias", initialized->bias.detach());
}

torch::Tensor QuantizedConv2dImpl::forward(const torch::Tensor& input) {
  TrainingPrecision& precision = *precision_;
  const torch::Tensor x =
      layer_options_.quantize_input ? quantize_activation(input, precision, layer_index_) : input;
  const torch::Tensor w = quantize_parameter(weight, Role::weights, precision, layer_index_);
  const torch::Tensor b = quantize_parameter(bias, Role::biases, precision, layer_index_);
  torch::Tensor y;
  if (const auto* padding = c10::get_if<torch::ExpandingArray<2>>(&options_.padding())) {
    y = torch::conv2d(x, w, b, options_.stride(), *padding, options_.dilation(), options_.groups());
  } else if (c10::get_if<torch::enumtype::kValid>(&options_.padding())) {
    const std::vector<std::int64_t> no_padding = {0, 0};
    y = torch::conv2d(x, w, b, options_.stride(), no_padding, options_.dilation(),
                      options_.groups());
  } else {
    y = torch::conv2d(x, w, b, options_.stride(), "same", options_.dilation(), options_.groups());
  }
  return layer_options_.quantize_output ? quantize_activation(y, precision, layer_index_) : y;
}

void QuantizedConv2dImpl::quantize_gradients() {
  std::vector<torch::Tensor> parameters = {weight};
  if (bias.defined()) parameters.push_back(bias);
  repro::quantization::quantize_gradients(parameters, *precision_, layer_index_);
}

}  // namespace repro::quantization
