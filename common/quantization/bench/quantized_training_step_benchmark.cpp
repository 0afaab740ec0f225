// One training step (forward, loss, backward, optimizer step) of a LeNet-5-sized CNN on a batch of
// 64 28x28 images, in FP32 (plain LibTorch layers) and with every role quantized through
// common/quantization. Target (issue 3): quantized step <= 1.5x the FP32 step on CPU.
//
//   quantized_training_step_benchmark [--benchmark_repetitions=5 ...]
// Threads: REPRO_BENCH_THREADS (default 1) for LibTorch and the OpenMP quantizers alike.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include "common/quantization/layer_quantization.h"
#include "common/quantization/quantized_conv2d.h"
#include "common/quantization/quantized_linear.h"
#include "common/quantization/quantized_optimizer.h"

namespace {

using namespace repro::quantization;

constexpr std::int64_t kBatch = 64;

struct Batch {
  torch::Tensor images = torch::randn({kBatch, 1, 28, 28});
  torch::Tensor labels = torch::randint(0, 10, {kBatch}, torch::kLong);
};

// LeNet-5 (padding 2 on the first convolution, as for 28x28 MNIST), ReLU and max pooling.
template <typename Conv, typename Linear>
struct LeNet : torch::nn::Module {
  template <typename MakeConv, typename MakeLinear>
  LeNet(MakeConv make_conv, MakeLinear make_linear)
      : conv1(register_module("conv1", make_conv(torch::nn::Conv2dOptions(1, 6, 5).padding(2)))),
        conv2(register_module("conv2", make_conv(torch::nn::Conv2dOptions(6, 16, 5)))),
        fc1(register_module("fc1", make_linear(torch::nn::LinearOptions(400, 120)))),
        fc2(register_module("fc2", make_linear(torch::nn::LinearOptions(120, 84)))),
        fc3(register_module("fc3", make_linear(torch::nn::LinearOptions(84, 10)))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = torch::max_pool2d(torch::relu(conv1(x)), 2);
    x = torch::max_pool2d(torch::relu(conv2(x)), 2);
    x = torch::relu(fc1(x.flatten(1)));
    x = torch::relu(fc2(x));
    return fc3(x);
  }

  Conv conv1, conv2;
  Linear fc1, fc2, fc3;
};

void set_threads() {
  const char* threads = std::getenv("REPRO_BENCH_THREADS");
  torch::set_num_threads(threads ? std::atoi(threads) : 1);
}

void BM_TrainingStepFp32(benchmark::State& state) {
  set_threads();
  torch::manual_seed(1);
  LeNet<torch::nn::Conv2d, torch::nn::Linear> model(
      [](const torch::nn::Conv2dOptions& o) { return torch::nn::Conv2d(o); },
      [](const torch::nn::LinearOptions& o) { return torch::nn::Linear(o); });
  torch::optim::SGD optimizer(model.parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
  const Batch batch;
  for (auto _ : state) {
    optimizer.zero_grad();
    const torch::Tensor loss = torch::cross_entropy_loss(model.forward(batch.images), batch.labels);
    loss.backward();
    optimizer.step();
    benchmark::DoNotOptimize(loss.data_ptr<float>());
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// telemetry: numerical-health counting on (numerics_telemetry.h), with the stagnant-update count
// of QuantizedOptimizer::step, and one period closed per 100 steps.
void BM_TrainingStepQuantized(benchmark::State& state, const std::string& policy, bool telemetry) {
  set_threads();
  torch::manual_seed(1);
  auto precision = std::make_shared<TrainingPrecision>(parse_precision_policy(policy), 7);
  if (telemetry) precision->enable_telemetry();
  LeNet<QuantizedConv2d, QuantizedLinear> model(
      [&](const torch::nn::Conv2dOptions& o) { return QuantizedConv2d(o, precision); },
      [&](const torch::nn::LinearOptions& o) { return QuantizedLinear(o, precision); });
  auto sgd = std::make_shared<torch::optim::SGD>(model.parameters(),
                                                 torch::optim::SGDOptions(0.01).momentum(0.9));
  QuantizedOptimizer optimizer(sgd, precision, model);
  const Batch batch;
  std::int64_t iteration = 0;
  for (auto _ : state) {
    precision->set_iteration(iteration++);
    optimizer.zero_grad();
    const torch::Tensor loss = quantize_loss(
        torch::cross_entropy_loss(model.forward(batch.images), batch.labels), *precision);
    loss.backward();
    optimizer.step();
    if (telemetry && iteration % 100 == 0) precision->telemetry()->close_period(iteration, 0.0);
    benchmark::DoNotOptimize(loss.data_ptr<float>());
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.SetLabel(telemetry ? policy + " +telemetry" : policy);
}

BENCHMARK(BM_TrainingStepFp32)->Unit(benchmark::kMillisecond);

struct NamedPolicy {
  const char* name;
  const char* policy;
};

const NamedPolicy kPolicies[] = {
    {"all_fp32", "all=fp32"},
    {"all_fixed16_8", "all=fixed:16:8"},
    {"all_fixed16_8_stochastic", "all=fixed:16:8/stochastic"},
    {"all_bf16", "all=bf16"},
    {"cpt_8bit",
     "weights=affine:8/per-channel,biases=affine:8,activations=affine:8,"
     "errors=affine:8/stochastic,weight_gradients=affine:8/stochastic,loss=bf16,"
     "optimizer_state=bf16"},
};

const bool kRegistered = [] {
  for (const bool telemetry : {false, true}) {
    for (const NamedPolicy& named : kPolicies) {
      benchmark::RegisterBenchmark(
          (std::string("BM_TrainingStepQuantized/") + named.name + (telemetry ? "_telemetry" : ""))
              .c_str(),
          [policy = std::string(named.policy), telemetry](benchmark::State& state) {
            BM_TrainingStepQuantized(state, policy, telemetry);
          })
          ->Unit(benchmark::kMillisecond);
    }
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
