// Multiply–accumulate counts of the study's two networks, from their layer shapes.
// Convolutions and linear layers only: batch norm, activations and pooling are below 1% of
// either network and are left out (a documented approximation).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace repro::fp16_amp_ssd_resnet {

struct ConvolutionShape {
  std::string name;
  std::int64_t input_channels;
  std::int64_t output_channels;
  std::int64_t kernel_size;     // square kernels
  std::int64_t output_height;   // square outputs
  std::int64_t multiply_accumulates() const {
    return input_channels * output_channels * kernel_size * kernel_size * output_height *
           output_height;
  }
};

// The authors' CIFAR ResNet-18: 3×3 stem 3→32, stages [2,2,2,2] of widths 64..512 with 1×1
// projection shortcuts where shape changes, 32×32 input, linear 512→10.
std::vector<ConvolutionShape> resnet18_cifar_layers();
// SSD300 with the VGG16 base (conv6 dilated, conv7 1×1), the auxiliary layers, and the
// localisation and confidence heads for 21 classes on the six source maps (8,732 priors).
std::vector<ConvolutionShape> ssd300_vgg16_layers();
std::int64_t total_multiply_accumulates(const std::vector<ConvolutionShape>& layers);

}  // namespace repro::fp16_amp_ssd_resnet
