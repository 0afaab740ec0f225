// Small synthetic classification problems and models for the training tests.
#pragma once

#include <cstdint>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

namespace repro::training::testing {

struct Examples {
  torch::Tensor images;  // [n, 2] float
  torch::Tensor labels;  // [n] int64
};

// Three well-separated Gaussian blobs in the plane, drawn from a private generator.
inline Examples gaussian_blobs(std::int64_t count, std::uint64_t seed) {
  auto generator = at::detail::createCPUGenerator(seed);
  const torch::Tensor labels = torch::randint(0, 3, {count}, generator, torch::kLong);
  const torch::Tensor centres = torch::tensor({{2.0F, 0.0F}, {-1.0F, 1.7F}, {-1.0F, -1.7F}});
  const torch::Tensor noise = torch::randn({count, 2}, generator) * 0.5;
  return Examples{centres.index_select(0, labels) + noise, labels};
}

// A small MLP with dropout (so the global torch generator matters).
struct SmallNetImpl : torch::nn::Module {
  explicit SmallNetImpl(double dropout = 0.0)
      : hidden(register_module("hidden", torch::nn::Linear(2, 16))),
        drop(register_module("drop", torch::nn::Dropout(dropout))),
        output(register_module("output", torch::nn::Linear(16, 3))) {}
  torch::Tensor forward(const torch::Tensor& x) {
    return output(drop(torch::relu(hidden(x))));
  }
  torch::nn::Linear hidden;
  torch::nn::Dropout drop;
  torch::nn::Linear output;
};
TORCH_MODULE(SmallNet);

// A new SmallNet initialised from a fixed seed (same seed -> same weights).
inline SmallNet make_small_net(std::uint64_t seed, double dropout = 0.0) {
  torch::manual_seed(seed);
  return SmallNet(dropout);
}

}  // namespace repro::training::testing
