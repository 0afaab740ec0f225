#include "papers/fixed_point_fashion_mnist/fashion_cnn.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/options/conv.h>
#include <torch/nn/options/linear.h>

namespace repro::fixed_point_fashion_mnist {

FashionCnnImpl::FashionCnnImpl(std::shared_ptr<quantization::TrainingPrecision> precision) {
  first_convolution_ = register_module(
      "first_convolution",
      quantization::QuantizedConv2d(torch::nn::Conv2dOptions(1, 8, 5), precision));
  second_convolution_ = register_module(
      "second_convolution",
      quantization::QuantizedConv2d(torch::nn::Conv2dOptions(8, 16, 5), precision));
  hidden_layer_ = register_module(
      "hidden_layer", quantization::QuantizedLinear(torch::nn::LinearOptions(256, 64), precision));
  output_layer_ = register_module(
      "output_layer", quantization::QuantizedLinear(torch::nn::LinearOptions(64, 10), precision));
}

torch::Tensor FashionCnnImpl::forward(const torch::Tensor& images) {
  namespace F = torch::nn::functional;
  torch::Tensor x = F::max_pool2d(torch::relu(first_convolution_(images)),
                                  F::MaxPool2dFuncOptions(2));
  x = F::max_pool2d(torch::relu(second_convolution_(x)), F::MaxPool2dFuncOptions(2));
  x = torch::relu(hidden_layer_(x.flatten(1)));
  return output_layer_(x);
}

}  // namespace repro::fixed_point_fashion_mnist
