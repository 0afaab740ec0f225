// One training step of the study's CNN (BitNetwork: 2 × (5×5 "same" conv, ReLU, 2×2 max pool),
// dense 100, softmax cross entropy, plain SGD) on a batch of 128 MNIST-shaped images, at the
// reduced tier's width (4 and 8 channels) and the full tier's (32 and 64), one intra-op thread
// (as the study runs). It calibrates estimated_bit_run_seconds (bit_run_unit.cpp): the N-bit store
// of the parameters after each step adds little beside these convolutions.
//
//   bit_cnn_step_benchmark [--benchmark_repetitions=3 ...]
#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include "papers/arbitrary_bit_mnist/bit_network.h"

namespace {

using repro::arbitrary_bit_mnist::BitNetwork;
using repro::arbitrary_bit_mnist::NetworkShape;

void BM_BitCnnTrainingStep(benchmark::State& state) {
  torch::set_num_threads(1);
  torch::manual_seed(1);
  NetworkShape shape;
  shape.first_channels = static_cast<int>(state.range(0));
  BitNetwork network(shape);
  torch::optim::SGD optimizer(network->parameters(), torch::optim::SGDOptions(0.05));
  const torch::Tensor images = torch::rand({128, 1, 28, 28});
  const torch::Tensor labels = torch::randint(0, 10, {128}, torch::kLong);
  for (auto _ : state) {
    optimizer.zero_grad();
    const torch::Tensor loss = torch::nn::functional::cross_entropy(network->forward(images), labels);
    loss.backward();
    optimizer.step();
    benchmark::DoNotOptimize(loss.data_ptr<float>());
  }
  state.SetItemsProcessed(state.iterations() * 128);
}

BENCHMARK(BM_BitCnnTrainingStep)->Arg(4)->Arg(32)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
