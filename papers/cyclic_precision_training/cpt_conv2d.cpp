#include "papers/cyclic_precision_training/cpt_conv2d.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <torch/nn/modules/conv.h>
#include <torch/torch.h>

#include "common/quantization/quantize_function.h"
#include "common/quantization/stochastic_stream.h"

namespace repro::cyclic_precision_training {
namespace {

quantization::QuantizationSpec affine_spec(int bits) {
  return quantization::QuantizationSpec(kernels::affine_format(bits));
}

}  // namespace

CptConv2dOptions same_padding_conv(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride,
                                   std::int64_t groups) {
  CptConv2dOptions options;
  options.in_channels = in;
  options.out_channels = out;
  options.kernel_size = kernel;
  options.stride = stride;
  options.padding = kernel / 2;
  options.groups = groups;
  return options;
}

CptConv2dImpl::CptConv2dImpl(const CptConv2dOptions& options,
                             std::shared_ptr<CptPrecision> precision)
    : options_(options), precision_(std::move(precision)) {
  if (!precision_) throw std::invalid_argument("CptConv2d: null CptPrecision");
  if (options_.in_channels % options_.groups != 0 || options_.out_channels % options_.groups != 0) {
    throw std::invalid_argument("CptConv2d: channels not divisible by groups");
  }
  layer_index_ = precision_->layer_count++;
  torch::nn::Conv2d initialized(torch::nn::Conv2dOptions(options_.in_channels,
                                                         options_.out_channels,
                                                         options_.kernel_size)
                                    .groups(options_.groups)
                                    .bias(false));
  weight = register_parameter("weight", initialized->weight.detach().clone());
  running_min = register_buffer("running_min", torch::zeros({}));
  running_max = register_buffer("running_max", torch::zeros({}));
}

torch::Tensor CptConv2dImpl::forward(const torch::Tensor& input) {
  const CptPrecision& precision = *precision_;
  torch::Tensor x = input;
  torch::Tensor w = weight;
  if (precision.forward_bits > 0) {
    quantization::QuantizeDirections input_directions;
    quantization::QuantizationSpec input_spec = affine_spec(precision.forward_bits);
    if (is_training()) {
      torch::NoGradGuard no_grad;
      const auto extremes = torch::aminmax(input.detach());
      const torch::Tensor batch_min = std::get<0>(extremes).to(torch::kFloat32);
      const torch::Tensor batch_max = std::get<1>(extremes).to(torch::kFloat32);
      if (!running_initialized_) {
        running_min.copy_(batch_min);
        running_max.copy_(batch_max);
        running_initialized_ = true;
      } else {
        const double m = precision.running_momentum;
        running_min.mul_(m).add_(batch_min * (1.0 - m));
        running_max.mul_(m).add_(batch_max * (1.0 - m));
      }
      // The batch's own extremes: the default of an affine spec without a range.
    } else {
      const float low = running_min.item<float>();
      const float high = running_max.item<float>();
      input_spec.range(std::min(low, high), std::max(low, high));
    }
    input_directions.forward = input_spec;
    input_directions.telemetry = precision.telemetry;
    input_directions.forward_role = quantization::Role::activations;
    x = quantization::quantize_with_gradient(input, input_directions);

    quantization::QuantizeDirections weight_directions;
    weight_directions.forward = affine_spec(precision.forward_bits)
                                    .granularity(quantization::AffineGranularity::per_output_channel);
    weight_directions.telemetry = precision.telemetry;
    weight_directions.forward_role = quantization::Role::weights;
    w = quantization::quantize_with_gradient(weight, weight_directions);
  }
  torch::Tensor y = torch::conv2d(x, w, {}, options_.stride, options_.padding, 1, options_.groups);
  macs_per_image_ = y.size(1) * y.size(2) * y.size(3) * (options_.in_channels / options_.groups) *
                    options_.kernel_size * options_.kernel_size;
  if (precision.gradient_bits > 0 && y.requires_grad()) {
    quantization::QuantizeDirections error_directions;
    error_directions.backward =
        affine_spec(precision.gradient_bits).rounding(kernels::Rounding::stochastic);
    error_directions.backward_key = {
        precision.seed, quantization::stochastic_stream_id(quantization::Role::errors,
                                                           layer_index_, precision.iteration, 0)};
    error_directions.telemetry = precision.telemetry;
    error_directions.backward_role = quantization::Role::errors;
    y = quantization::quantize_with_gradient(y, error_directions);
  }
  return y;
}

}  // namespace repro::cyclic_precision_training
