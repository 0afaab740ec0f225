#include "papers/fp16_amp_ssd_resnet/speed_benchmark.h"

#include <functional>

#include "common/training/mixed_precision_step.h"
#include "data/synthetic_batches.h"
#include "papers/fp16_amp_ssd_resnet/architecture_flops.h"
#include "papers/fp16_amp_ssd_resnet/multibox_loss.h"
#include "papers/fp16_amp_ssd_resnet/prior_boxes.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_cifar.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_training.h"
#include "papers/fp16_amp_ssd_resnet/ssd300.h"
#include "papers/fp16_amp_ssd_resnet/ssd300_training.h"

namespace repro::fp16_amp_ssd_resnet {

std::string to_string(BenchmarkModel model) { return model == BenchmarkModel::resnet18 ? "resnet18" : "ssd300"; }

IterationTiming time_training_iteration(BenchmarkModel model, training::PrecisionMode mode,
                                        const SpeedBenchmarkOptions& options) {
  const torch::Device device = options.device();
  torch::manual_seed(options.seed());
  IterationTiming result;
  result.model = model;
  result.mode = mode;
  std::shared_ptr<torch::nn::Module> module;
  std::function<torch::Tensor()> forward_loss;
  if (model == BenchmarkModel::resnet18) {
    ResNet18Cifar network(ResNet18CifarOptions().base_width(options.resnet18_base_width()));
    training::prepare_model_for_precision(*network, mode, device);
    result.batch_size = options.resnet18_batch_size();
    const data::TensorBatch batch =
        data::synthetic_batch(data::StudyInput::cifar10, result.batch_size, options.seed(), device);
    const torch::Tensor input = batch.inputs.to(training::input_dtype(mode));
    const torch::Tensor labels = batch.targets;
    forward_loss = [network, input, labels]() mutable { return resnet18_cross_entropy(network->forward(input), labels); };
    module = network.ptr();
    // Exact at base width 64; scaled by (width / 64)² for the reduced smoke networks.
    const double width_ratio = static_cast<double>(options.resnet18_base_width()) / 64.0;
    result.flops_per_iteration =
        6.0 * static_cast<double>(total_multiply_accumulates(resnet18_cifar_layers())) * width_ratio * width_ratio;
  } else {
    Ssd300 network(Ssd300Options().width_divisor(options.ssd300_width_divisor()));
    training::prepare_model_for_precision(*network, mode, device);
    result.batch_size = options.ssd300_batch_size();
    const data::TensorBatch batch =
        data::synthetic_batch(data::StudyInput::ssd300, result.batch_size, options.seed(), torch::kCPU);
    const PriorTargetBatch targets = match_batch(batch.boxes, batch.box_labels, make_prior_boxes());
    const torch::Tensor input = batch.inputs.to(device, training::input_dtype(mode));
    const torch::Tensor offsets = targets.offsets.to(device);
    const torch::Tensor classes = targets.classes.to(device);
    forward_loss = [network, input, offsets, classes]() mutable {
      const SsdOutput output = network->forward(input);
      return multibox_loss(output.locations, output.confidences, offsets, classes).total;
    };
    module = network.ptr();
    const double divisor = static_cast<double>(options.ssd300_width_divisor());
    result.flops_per_iteration =
        6.0 * static_cast<double>(total_multiply_accumulates(ssd300_vgg16_layers())) / (divisor * divisor);
  }
  result.flops_per_iteration *= static_cast<double>(result.batch_size);
  module->train();
  torch::optim::SGD optimizer(module->parameters(),
                              torch::optim::SGDOptions(1e-4).momentum(0.9).weight_decay(5e-4));
  training::MixedPrecisionStep step(mode, device);
  std::vector<torch::Tensor> losses;
  const auto iteration = [&] {
    // Losses are read after the timing: no host synchronisation inside the timed steps.
    losses.push_back(step.run(optimizer, forward_loss));
  };
  result.timing = training::time_step(iteration, training::StepTimerOptions()
                                                     .device(device)
                                                     .warmup_iterations(options.warmup_iterations())
                                                     .timed_iterations(options.timed_iterations()));
  for (const auto& loss : losses) result.losses.push_back(loss.item<double>());
  return result;
}

}  // namespace repro::fp16_amp_ssd_resnet
