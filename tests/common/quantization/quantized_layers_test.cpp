#include <memory>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/quantize_tensor.h"
#include "common/quantization/quantized_conv2d.h"
#include "common/quantization/quantized_linear.h"
#include "test_support.h"

namespace repro::quantization {
namespace {

using testing::bitwise_equal;

std::shared_ptr<TrainingPrecision> precision_for(const std::string& policy) {
  return std::make_shared<TrainingPrecision>(parse_precision_policy(policy));
}

// Roles in formats that differ from one another, all deterministic.
const char* kMixedPolicy =
    "weights=mask:12,biases=fixed:12:6,activations=fixed:16:8,errors=fixed:16:10,"
    "weight_gradients=fixed:16:12";

torch::Tensor q(const torch::Tensor& tensor, const char* spec) {
  return quantize(tensor, parse_quantization_spec(spec));
}

TEST(QuantizedLinear, AllFp32EqualsTorchLinear) {
  torch::manual_seed(11);
  QuantizedLinear layer(torch::nn::LinearOptions(7, 5), precision_for("all=fp32"));
  torch::manual_seed(11);
  torch::nn::Linear reference(torch::nn::LinearOptions(7, 5));
  ASSERT_TRUE(bitwise_equal(layer->weight, reference->weight));
  ASSERT_TRUE(bitwise_equal(layer->bias, reference->bias));

  const torch::Tensor input = torch::randn({4, 7});
  const torch::Tensor x1 = input.clone().requires_grad_(), x2 = input.clone().requires_grad_();
  const torch::Tensor y1 = layer->forward(x1), y2 = reference->forward(x2);
  EXPECT_TRUE(bitwise_equal(y1, y2));
  const torch::Tensor upstream = torch::randn({4, 5});
  y1.backward(upstream);
  y2.backward(upstream);
  layer->quantize_gradients();
  EXPECT_TRUE(bitwise_equal(x1.grad(), x2.grad()));
  EXPECT_TRUE(bitwise_equal(layer->weight.grad(), reference->weight.grad()));
  EXPECT_TRUE(bitwise_equal(layer->bias.grad(), reference->bias.grad()));
}

TEST(QuantizedLinear, ForwardAndBackwardEqualManualQuantization) {
  torch::manual_seed(12);
  QuantizedLinear layer(torch::nn::LinearOptions(6, 3), precision_for(kMixedPolicy));
  const torch::Tensor input = torch::randn({5, 6}) * 3;
  const torch::Tensor x = input.clone().requires_grad_();
  const torch::Tensor y = layer->forward(x);

  const torch::Tensor x_q = q(input, "fixed:16:8");
  const torch::Tensor w_q = q(layer->weight.detach(), "mask:12");
  const torch::Tensor b_q = q(layer->bias.detach(), "fixed:12:6");
  EXPECT_FALSE(bitwise_equal(w_q, layer->weight.detach()));  // the test means something
  EXPECT_TRUE(bitwise_equal(y, q(torch::linear(x_q, w_q, b_q), "fixed:16:8")));

  const torch::Tensor upstream = torch::randn({5, 3});
  y.backward(upstream);
  const torch::Tensor error = q(upstream, "fixed:16:10");
  EXPECT_TRUE(bitwise_equal(x.grad(), q(error.mm(w_q), "fixed:16:10")));
  // Weight gradients pass straight through until quantize_gradients().
  EXPECT_TRUE(torch::allclose(layer->weight.grad(), error.t().mm(x_q), 1e-6, 1e-6));
  layer->quantize_gradients();
  EXPECT_TRUE(bitwise_equal(layer->weight.grad(), q(error.t().mm(x_q), "fixed:16:12")));
  EXPECT_TRUE(bitwise_equal(layer->bias.grad(), q(error.sum(0), "fixed:16:12")));
}

TEST(QuantizedLinear, FollowsTheScheduleIteration) {
  const PrecisionPolicy base = parse_precision_policy("weights=affine:8/per-channel");
  auto precision = std::make_shared<TrainingPrecision>(std::make_shared<CyclicPrecisionSchedule>(
      BitWidthScheduleOptions().roles({Role::weights}).base(base).bits(2, 8).iterations(10), 1));
  QuantizedLinear layer(torch::nn::LinearOptions(16, 4).bias(false), precision);
  const torch::Tensor input = torch::eye(16);  // y = Q(W)^T: the quantized weights themselves
  torch::NoGradGuard no_grad;
  for (std::int64_t iteration : {0, 5, 9}) {
    precision->set_iteration(iteration);
    const int bits = cyclic_precision_bits(2, 8, 10, 1, iteration);
    const torch::Tensor expected =
        quantize(layer->weight, parse_quantization_spec("affine:" + std::to_string(bits) +
                                                        "/per-channel"));
    EXPECT_TRUE(bitwise_equal(layer->forward(input), expected.t())) << "iteration " << iteration;
    // At most 2^bits distinct values per output channel.
    EXPECT_LE(std::get<0>(torch::_unique(expected[0])).numel(), 1 << bits);
  }
}

TEST(QuantizedConv2d, AllFp32EqualsTorchConv2d) {
  const auto options = torch::nn::Conv2dOptions(3, 4, 3).stride(2).padding(1);
  torch::manual_seed(21);
  QuantizedConv2d layer(options, precision_for("all=fp32"));
  torch::manual_seed(21);
  torch::nn::Conv2d reference(options);
  const torch::Tensor input = torch::randn({2, 3, 9, 9});
  const torch::Tensor x1 = input.clone().requires_grad_(), x2 = input.clone().requires_grad_();
  const torch::Tensor y1 = layer->forward(x1), y2 = reference->forward(x2);
  EXPECT_TRUE(bitwise_equal(y1, y2));
  const torch::Tensor upstream = torch::randn(y1.sizes());
  y1.backward(upstream);
  y2.backward(upstream);
  EXPECT_TRUE(bitwise_equal(x1.grad(), x2.grad()));
  EXPECT_TRUE(bitwise_equal(layer->weight.grad(), reference->weight.grad()));
  EXPECT_TRUE(bitwise_equal(layer->bias.grad(), reference->bias.grad()));
}

TEST(QuantizedConv2d, ForwardEqualsManualQuantization) {
  torch::manual_seed(22);
  QuantizedConv2d layer(torch::nn::Conv2dOptions(2, 3, 3).padding(1), precision_for(kMixedPolicy));
  const torch::Tensor input = torch::randn({2, 2, 6, 6});
  const torch::Tensor y = layer->forward(input);
  const torch::Tensor expected =
      q(torch::conv2d(q(input, "fixed:16:8"), q(layer->weight.detach(), "mask:12"),
                      q(layer->bias.detach(), "fixed:12:6"), 1, 1),
        "fixed:16:8");
  EXPECT_TRUE(bitwise_equal(y, expected));
}

TEST(QuantizedConv2d, PaddingSameAndValid) {
  auto precision = precision_for("activations=bf16");
  QuantizedConv2d same(torch::nn::Conv2dOptions(1, 2, 3).padding(torch::kSame), precision);
  QuantizedConv2d valid(torch::nn::Conv2dOptions(1, 2, 3).padding(torch::kValid), precision);
  const torch::Tensor input = torch::randn({1, 1, 8, 8});
  EXPECT_EQ(same->forward(input).sizes(), torch::IntArrayRef({1, 2, 8, 8}));
  EXPECT_EQ(valid->forward(input).sizes(), torch::IntArrayRef({1, 2, 6, 6}));
}

TEST(QuantizeLoss, QuantizesTheValueAndPassesTheGradient) {
  auto precision = precision_for("loss=fixed:8:2");
  const torch::Tensor x = torch::tensor({1.1f}, torch::requires_grad());
  const torch::Tensor loss = quantize_loss((x * 3).sum(), *precision);
  EXPECT_FLOAT_EQ(loss.item<float>(), 3.25f);  // 3.3 on a grid of 0.25
  loss.backward();
  EXPECT_FLOAT_EQ(x.grad().item<float>(), 3.0f);
}

}  // namespace
}  // namespace repro::quantization
