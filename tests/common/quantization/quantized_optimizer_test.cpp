#include "common/quantization/quantized_optimizer.h"

#include <memory>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/quantization/quantize_tensor.h"
#include "common/quantization/quantized_linear.h"
#include "test_support.h"

namespace repro::quantization {
namespace {

using testing::bitwise_equal;

bool representable(const torch::Tensor& tensor, const char* spec) {
  return bitwise_equal(tensor.detach(), quantize(tensor.detach(), parse_quantization_spec(spec)));
}

struct TwoLayers : torch::nn::Module {
  explicit TwoLayers(std::shared_ptr<TrainingPrecision> precision)
      : first(register_module("first", QuantizedLinear(torch::nn::LinearOptions(8, 6), precision))),
        second(register_module("second",
                               QuantizedLinear(torch::nn::LinearOptions(6, 2), precision))) {}
  torch::Tensor forward(const torch::Tensor& x) { return second(torch::relu(first(x))); }
  QuantizedLinear first, second;
};

TEST(QuantizedOptimizer, AfterStepParametersAndStateAreRepresentable) {
  torch::manual_seed(31);
  auto precision = std::make_shared<TrainingPrecision>(parse_precision_policy(
      "weights=fixed:16:10,biases=fixed:12:4,weight_gradients=fixed:16:8,"
      "optimizer_state=bf16"));
  TwoLayers model(precision);
  auto sgd = std::make_shared<torch::optim::SGD>(model.parameters(),
                                                 torch::optim::SGDOptions(0.1).momentum(0.9));
  QuantizedOptimizer optimizer(sgd, precision, model);
  for (int iteration = 0; iteration < 2; ++iteration) {
    precision->set_iteration(iteration);
    optimizer.zero_grad();
    model.forward(torch::randn({16, 8})).pow(2).mean().backward();
    optimizer.step();
  }
  for (const auto& item : model.named_parameters()) {
    const bool is_bias = item.key().find("bias") != std::string::npos;
    EXPECT_TRUE(representable(item.value(), is_bias ? "fixed:12:4" : "fixed:16:10")) << item.key();
    EXPECT_TRUE(representable(item.value().grad(), "fixed:16:8")) << item.key();
    // The momentum buffer lives in the optimizer state, in bf16.
    const auto& state = sgd->state().at(c10::guts::to_string(item.value().unsafeGetTensorImpl()));
    const auto& momentum = static_cast<torch::optim::SGDParamState&>(*state).momentum_buffer();
    ASSERT_TRUE(momentum.defined());
    EXPECT_TRUE(representable(momentum, "bf16")) << item.key();
  }
  // Biases in fixed:12:4 are multiples of 1/16 (and not all zero).
  EXPECT_TRUE(torch::equal(model.first->bias * 16, torch::round(model.first->bias * 16)));
  EXPECT_GT(model.first->bias.abs().sum().item<float>(), 0.0f);
}

TEST(QuantizedOptimizer, StepEqualsManualQuantizedSgd) {
  torch::manual_seed(32);
  auto precision = std::make_shared<TrainingPrecision>(
      parse_precision_policy("weights=fixed:16:8,biases=fixed:16:8,weight_gradients=fixed:16:6"));
  QuantizedLinear layer(torch::nn::LinearOptions(4, 3), precision);
  auto sgd = std::make_shared<torch::optim::SGD>(layer->parameters(), torch::optim::SGDOptions(0.5));
  QuantizedOptimizer optimizer(sgd, precision, *layer);
  optimizer.quantize_parameters_and_state();  // store the initial weights in the weight format
  const torch::Tensor weight_before = layer->weight.detach().clone();
  EXPECT_TRUE(representable(weight_before, "fixed:16:8"));

  optimizer.zero_grad();
  layer->forward(torch::randn({5, 4})).sum().backward();
  const torch::Tensor gradient = layer->weight.grad().clone();
  optimizer.step();
  const torch::Tensor expected = quantize(
      weight_before - 0.5 * quantize(gradient, parse_quantization_spec("fixed:16:6")),
      parse_quantization_spec("fixed:16:8"));
  EXPECT_TRUE(bitwise_equal(layer->weight.detach(), expected));
}

TEST(QuantizedOptimizer, AdamStateIsQuantized) {
  torch::manual_seed(33);
  auto precision = std::make_shared<TrainingPrecision>(
      parse_precision_policy("weights=fp16,optimizer_state=fixed:24:20"));
  QuantizedLinear layer(torch::nn::LinearOptions(4, 2), precision);
  auto adam = std::make_shared<torch::optim::Adam>(layer->parameters(),
                                                   torch::optim::AdamOptions(1e-2));
  QuantizedOptimizer optimizer(adam, precision, *layer);
  optimizer.zero_grad();
  layer->forward(torch::randn({3, 4})).sum().backward();
  optimizer.step();
  const auto& state = static_cast<torch::optim::AdamParamState&>(
      *adam->state().at(c10::guts::to_string(layer->weight.unsafeGetTensorImpl())));
  EXPECT_TRUE(representable(state.exp_avg(), "fixed:24:20"));
  EXPECT_TRUE(representable(state.exp_avg_sq(), "fixed:24:20"));
  EXPECT_TRUE(representable(layer->weight, "fp16"));
}

}  // namespace
}  // namespace repro::quantization
