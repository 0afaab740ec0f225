// The thesis's classifier: a feature extractor ("base") without its ImageNet head, then global
// average pooling, dense 1024 + ReLU, dense 1 (one logit; the thesis applies a sigmoid and
// binary cross-entropy, we fold the sigmoid into the loss: binary_logit_loss).
//
//   auto model = std::make_shared<BinaryImageClassifier>(make_feature_extractor("vgg16"));
//   model->freeze_base();                       // base parameters requires_grad = false, base in eval()
//   repro::training::load_state_dict(path, *model->base());   // user-supplied ImageNet weights
//   auto history = repro::training::train_classifier(two_class_view(model), ...,
//       TrainingOptions().loss_function(binary_logit_loss) ...);
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <torch/nn/modules/linear.h>

#include "common/models/feature_extractor.h"
#include "common/training/classifier_training.h"

namespace repro::models {

struct ClassifierHeadOptions {
  TORCH_ARG(std::int64_t, hidden_units) = 1024;
};

class BinaryImageClassifier : public torch::nn::Module {
 public:
  // REQUIRES: base not null, hidden_units > 0 (else repro::InputError).
  explicit BinaryImageClassifier(std::shared_ptr<FeatureExtractor> base,
                                 const ClassifierHeadOptions& options = ClassifierHeadOptions());

  // images [N, 3, H, W] -> one logit per image [N] (sigmoid(logit) = probability of "dog").
  torch::Tensor forward(torch::Tensor images);

  // Frozen (Keras base.trainable = False): the base's parameters get requires_grad false and
  // the base stays in inference mode (batch norm uses its moving statistics) even when the
  // classifier is put in training mode. unfreeze_base() undoes both.
  void freeze_base();
  void unfreeze_base();
  bool base_frozen() const { return base_frozen_; }
  // Keeps a frozen base in eval() mode.
  void train(bool on = true) override;

  const std::shared_ptr<FeatureExtractor>& base() const { return base_; }
  torch::nn::Linear hidden() const { return hidden_; }
  torch::nn::Linear output() const { return output_; }

 private:
  std::shared_ptr<FeatureExtractor> base_;
  torch::nn::Linear hidden_{nullptr};
  torch::nn::Linear output_{nullptr};
  bool base_frozen_ = false;
};

// The classifier as the training harness sees it: logits [N, 2] = [0, logit], so that argmax
// over the two columns is the thesis's rule sigmoid(logit) > 0.5 (a tie, logit 0, is "cat"), and
// cross entropy over them equals binary cross-entropy on the logit.
training::Classifier two_class_view(const std::shared_ptr<BinaryImageClassifier>& model);

// Binary cross-entropy with logits for the harness's [N, 2] logits and int64 labels 0/1,
// computed in float32 (also under autocast): mean over the batch of
// BCE(sigmoid(logits[:, 1] - logits[:, 0]), label).
torch::Tensor binary_logit_loss(const torch::Tensor& two_column_logits, const torch::Tensor& labels);

}  // namespace repro::models
