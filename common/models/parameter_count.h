// Parameter counts as PyTorch and as Keras report them.
#pragma once

#include <cstdint>

#include <torch/nn/module.h>

namespace repro::models {

// Elements of every parameter (trainable or frozen), as sum(p.numel() for p in m.parameters()).
std::int64_t parameter_count(const torch::nn::Module& module);

// Keras's "Total params": weights and biases, plus for every BatchNorm its moving mean and
// variance (non-trainable in Keras but counted), and its scale (gamma) only when the Keras layer
// has one: Keras InceptionV3 builds its BN with scale=False, ResNet152V2 with scale=True.
std::int64_t keras_parameter_count(const torch::nn::Module& module, bool batch_norm_has_scale);

}  // namespace repro::models
