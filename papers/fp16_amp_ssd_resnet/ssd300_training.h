// SSD300 training with the authors' protocol through the suite's classifier harness
// (train_classifier: the loop, autocast, loss scaling, divergence checks, checkpoints). The
// harness's "examples" are image indices: its on_iteration_start hook builds the iteration's
// batch of images and matched prior targets from those indices, and its loss function is the
// MultiBox loss of the packed network output.
//
// Protocol: SGD lr 1e-3 (biases 2×), momentum 0.9, weight decay 5e-4, batch 8, 120,000
// iterations, lr × 0.1 at epochs 38 and 48; VOC07+12 trainval with difficult objects, SSD
// augmentation; VOC07 test: score >= 0.01, NMS 0.45, top 200, VOC07 11-point mAP at IoU 0.5.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "common/training/classifier_training.h"
#include "common/training/precision_mode.h"
#include "data/pipeline_batches.h"
#include "data/voc_dataset.h"
#include "papers/fp16_amp_ssd_resnet/multibox_loss.h"
#include "papers/fp16_amp_ssd_resnet/ssd300.h"

namespace repro::fp16_amp_ssd_resnet {

// (example indices, iteration) -> the batch (inputs [B, 3, 300, 300], boxes as fractions,
// labels 0..19). Must be deterministic in its arguments for bit-identical resumes.
using SsdBatchSource =
    std::function<data::TensorBatch(const std::vector<std::int64_t>& indices, std::int64_t iteration)>;

struct PriorTargetBatch {
  torch::Tensor offsets;  // float [B, P, 4]
  torch::Tensor classes;  // int64 [B, P]
};
// match_priors for every image of the batch (an image without boxes: all background).
PriorTargetBatch match_batch(const std::vector<torch::Tensor>& boxes, const std::vector<torch::Tensor>& labels,
                             const torch::Tensor& priors);

struct SsdTrainingOptions {
  TORCH_ARG(training::PrecisionMode, mode) = training::PrecisionMode::fp32;
  TORCH_ARG(torch::Device, device) = torch::Device(torch::kCPU);
  TORCH_ARG(std::int64_t, batch_size) = 8;
  TORCH_ARG(std::int64_t, iterations) = 120000;
  TORCH_ARG(double, learning_rate) = 1e-3;
  TORCH_ARG(double, bias_learning_rate_factor) = 2.0;
  TORCH_ARG(double, momentum) = 0.9;
  TORCH_ARG(double, weight_decay) = 5e-4;
  TORCH_ARG(std::vector<std::int64_t>, decay_epochs) = std::vector<std::int64_t>{38, 48};
  TORCH_ARG(double, decay_factor) = 0.1;
  TORCH_ARG(MultiBoxLossOptions, loss) = MultiBoxLossOptions();
  // The authors' second optimizer call per iteration with zeroed gradients (faithful switch).
  TORCH_ARG(bool, repeat_optimizer_step) = false;
  TORCH_ARG(std::uint64_t, seed) = 0;
  TORCH_ARG(std::string, checkpoint_path) = "";
  TORCH_ARG(std::int64_t, checkpoint_every_iterations) = 0;
  TORCH_ARG(std::string, resume_from) = "";
  TORCH_ARG(std::string, run_name) = "ssd300";
};

// Prepares `model` for the mode and trains it on `example_count` examples served by `source`.
training::TrainingHistory train_ssd300(const Ssd300& model, const SsdBatchSource& source,
                                       std::int64_t example_count, const SsdTrainingOptions& options);

struct SsdEvaluation {
  double mean_average_precision = 0;      // VOC07 11-point, IoU 0.5, difficult ignored
  std::vector<double> average_precision;  // per VOC class
  double test_loss = 0;                   // mean MultiBox loss per batch image
  std::int64_t images = 0;
};

// Evaluates on `samples` (VOC07 test), batches of `batch_size`, under the mode's autocast.
SsdEvaluation evaluate_ssd300(const Ssd300& model, const std::vector<data::VocSample>& samples,
                              training::PrecisionMode mode, std::int64_t batch_size = 8,
                              const MultiBoxLossOptions& loss = MultiBoxLossOptions());

}  // namespace repro::fp16_amp_ssd_resnet
