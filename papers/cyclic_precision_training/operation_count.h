// Walks a model built from CptConv2d layers and counts the multiply-accumulates (MACs) of one
// image's forward pass: in quantized convolutions, and in full-precision linear layers.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/nn/module.h>

#include "papers/cyclic_precision_training/classifier.h"
#include "papers/cyclic_precision_training/cpt_precision.h"

namespace repro::cyclic_precision_training {

struct ModelOperations {
  std::int64_t quantized_macs_per_image = 0;       // Σ over CptConv2d layers
  std::int64_t full_precision_macs_per_image = 0;  // Σ over torch::nn::Linear layers
  std::int64_t quantized_layers = 0;
  std::int64_t full_precision_layers = 0;
  std::int64_t parameters = 0;
};

// Runs one zero image of shape input_shape ([C, H, W]) through the model in evaluation mode at
// full precision (precision's bit widths and the module's training flag are restored after),
// then walks its modules and sums each layer's MACs. Batch normalization, pooling and
// additions are not counted: CPT's cost model counts the products of convolutions and linear
// layers. REQUIRES: the model forwards a [1, C, H, W] tensor on the CPU.
ModelOperations count_operations(Classifier& classifier, CptPrecision& precision,
                                 const std::vector<std::int64_t>& input_shape);

// Sums over the modules of `root` after a forward pass.
ModelOperations sum_layer_operations(torch::nn::Module& root);

}  // namespace repro::cyclic_precision_training
