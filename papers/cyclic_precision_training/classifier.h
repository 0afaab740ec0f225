// A model to train or count: the module (parameters, train/eval) and its forward function, and
// factories for CPT's architectures built on CptConv2d.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <torch/nn/module.h>
#include <torch/types.h>

#include "papers/cyclic_precision_training/cifar_resnet.h"
#include "papers/cyclic_precision_training/cpt_precision.h"

namespace repro::cyclic_precision_training {

struct Classifier {
  std::shared_ptr<torch::nn::Module> module;
  std::function<torch::Tensor(const torch::Tensor&)> forward;
};

// Builds a fresh model sharing `precision` (called after the run's torch seed is set).
using ClassifierFactory = std::function<Classifier(std::shared_ptr<CptPrecision> precision)>;

ClassifierFactory cifar_resnet_factory(const CifarResNetOptions& options);
ClassifierFactory mobilenet_v2_cifar_factory(std::int64_t num_classes,
                                             std::int64_t input_channels = 3);

}  // namespace repro::cyclic_precision_training
