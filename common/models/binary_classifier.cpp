#include "common/models/binary_classifier.h"

#include <torch/nn/functional/loss.h>

#include "base/errors.h"

namespace repro::models {

BinaryImageClassifier::BinaryImageClassifier(std::shared_ptr<FeatureExtractor> base,
                                             const ClassifierHeadOptions& options)
    : base_(std::move(base)) {
  if (!base_) throw InputError("BinaryImageClassifier: the base (feature extractor) is null");
  if (options.hidden_units() <= 0) throw InputError("ClassifierHeadOptions: hidden_units must be > 0");
  register_module("base", base_);
  hidden_ = register_module("hidden", torch::nn::Linear(base_->output_channels(), options.hidden_units()));
  output_ = register_module("output", torch::nn::Linear(options.hidden_units(), 1));
}

torch::Tensor BinaryImageClassifier::forward(torch::Tensor images) {
  torch::Tensor features = base_->forward(images);
  features = features.mean({2, 3});  // global average pooling
  return output_->forward(torch::relu(hidden_->forward(features))).squeeze(1);
}

void BinaryImageClassifier::freeze_base() {
  set_trainable(*base_, false);
  base_frozen_ = true;
  base_->eval();
}

void BinaryImageClassifier::unfreeze_base() {
  set_trainable(*base_, true);
  base_frozen_ = false;
  base_->train(is_training());
}

void BinaryImageClassifier::train(bool on) {
  torch::nn::Module::train(on);
  if (base_frozen_) base_->eval();
}

training::Classifier two_class_view(const std::shared_ptr<BinaryImageClassifier>& model) {
  return training::Classifier{model, [model](const torch::Tensor& images) {
                                const torch::Tensor logit = model->forward(images).unsqueeze(1);
                                return torch::cat({torch::zeros_like(logit), logit}, 1);
                              }};
}

torch::Tensor binary_logit_loss(const torch::Tensor& two_column_logits, const torch::Tensor& labels) {
  if (two_column_logits.dim() != 2 || two_column_logits.size(1) != 2) {
    throw InputError("binary_logit_loss: logits must be [N, 2] (two_class_view)");
  }
  const torch::Tensor logit =
      (two_column_logits.select(1, 1) - two_column_logits.select(1, 0)).to(torch::kFloat);
  return torch::nn::functional::binary_cross_entropy_with_logits(logit, labels.to(torch::kFloat));
}

}  // namespace repro::models
