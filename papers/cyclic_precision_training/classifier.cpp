#include "papers/cyclic_precision_training/classifier.h"

#include "papers/cyclic_precision_training/mobilenet_v2_cifar.h"

namespace repro::cyclic_precision_training {

ClassifierFactory cifar_resnet_factory(const CifarResNetOptions& options) {
  return [options](std::shared_ptr<CptPrecision> precision) {
    CifarResNet model(options, std::move(precision));
    return Classifier{model.ptr(), [model](const torch::Tensor& x) mutable { return model->forward(x); }};
  };
}

ClassifierFactory mobilenet_v2_cifar_factory(std::int64_t num_classes,
                                             std::int64_t input_channels) {
  return [num_classes, input_channels](std::shared_ptr<CptPrecision> precision) {
    MobileNetV2Cifar model(num_classes, std::move(precision), input_channels);
    return Classifier{model.ptr(), [model](const torch::Tensor& x) mutable { return model->forward(x); }};
  };
}

}  // namespace repro::cyclic_precision_training
