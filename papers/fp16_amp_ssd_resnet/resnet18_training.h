// ResNet-18 on CIFAR-10 with the authors' protocol, through the suite's classifier harness:
// SGD lr 1e-4 on a summed (not averaged) cross entropy, momentum 0.9, weight decay 5e-4, no
// schedule, batch 128, 58 epochs (the paper's; published.json resnet18_epochs); random crop 32 with padding 4 and horizontal flip, then
// normalisation by (0.4914, 0.4822, 0.4465) / (0.2023, 0.1994, 0.2010).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <torch/torch.h>

#include "common/training/classifier_training.h"
#include "common/training/loss_scaler.h"
#include "common/training/precision_mode.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_cifar.h"

namespace repro {
class StudyContext;
}

namespace repro::fp16_amp_ssd_resnet {

struct CifarTensors {
  torch::Tensor train_images;  // float [N, 3, 32, 32] on the [0, 1] scale, not normalised
  torch::Tensor train_labels;  // int64 [N]
  torch::Tensor test_images;
  torch::Tensor test_labels;
};

// CIFAR-10 from data_dir (data set "cifar-10"); files recorded in `context` when given. Throws
// repro::InputError when absent.
CifarTensors load_cifar10_tensors(const std::filesystem::path& data_dir, StudyContext* context = nullptr);

struct ResNetTrainingOptions {
  TORCH_ARG(training::PrecisionMode, mode) = training::PrecisionMode::fp32;
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
  TORCH_ARG(std::int64_t, epochs) = 58;  // the paper's ResNet-18 protocol
  TORCH_ARG(std::int64_t, batch_size) = 128;
  TORCH_ARG(double, learning_rate) = 1e-4;
  TORCH_ARG(double, momentum) = 0.9;
  TORCH_ARG(double, weight_decay) = 5e-4;
  TORCH_ARG(std::uint64_t, seed) = 0;
  TORCH_ARG(std::optional<std::int64_t>, max_iterations) = std::nullopt;
  TORCH_ARG(bool, evaluate_every_epoch) = true;
  TORCH_ARG(bool, evaluate_at_end) = true;
  TORCH_ARG(std::string, checkpoint_path) = "";
  TORCH_ARG(std::int64_t, checkpoint_every_iterations) = 0;
  TORCH_ARG(std::string, resume_from) = "";
  TORCH_ARG(training::IterationHook, on_iteration_end) = nullptr;
  // When set, used instead of the mode's loss scaler (amp-fp16's fresh DynamicLossScaler).
  TORCH_ARG(std::shared_ptr<training::DynamicLossScaler>, loss_scaler) = nullptr;
  TORCH_ARG(std::string, run_name) = "resnet18";
};

// The normalised, augmented batch the model sees at `iteration` (crop/flip drawn from
// (seed, iteration)), in the mode's input dtype.
torch::Tensor resnet18_training_batch(const torch::Tensor& images, std::int64_t iteration, std::uint64_t seed,
                                      training::PrecisionMode mode);

// Summed cross entropy while gradients are recorded (training: the authors' criterion), mean
// cross entropy under NoGradGuard (evaluation: the harness's mean_loss is then per example).
torch::Tensor resnet18_cross_entropy(const torch::Tensor& logits, const torch::Tensor& labels);

// Prepares `model` for the mode (prepare_model_for_precision) and trains it with
// train_classifier. Checkpoints and resume as in TrainingOptions.
training::TrainingHistory train_resnet18(const ResNet18Cifar& model, const CifarTensors& data,
                                         const ResNetTrainingOptions& options);

}  // namespace repro::fp16_amp_ssd_resnet
