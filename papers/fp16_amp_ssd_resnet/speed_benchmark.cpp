#include "papers/fp16_amp_ssd_resnet/speed_benchmark.h"

#include <functional>

#include <ATen/Context.h>


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

namespace {

// NCHW input as channels-last when asked (the weights follow after the model is built).
torch::Tensor in_memory_format(const torch::Tensor& input, const SpeedBenchmarkOptions& options) {
  return options.channels_last() ? input.contiguous(torch::MemoryFormat::ChannelsLast) : input;
}

}  // namespace

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
    const torch::Tensor input = in_memory_format(batch.inputs.to(training::input_dtype(mode)), options);
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
    const torch::Tensor input = in_memory_format(batch.inputs.to(device, training::input_dtype(mode)), options);
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
  if (options.channels_last()) {
    for (torch::Tensor& parameter : module->parameters())
      if (parameter.dim() == 4) parameter.set_data(parameter.data().contiguous(torch::MemoryFormat::ChannelsLast));
  }
  module->train();
  torch::optim::SGD optimizer(module->parameters(),
                              torch::optim::SGDOptions(1e-4).momentum(0.9).weight_decay(5e-4));
  training::MixedPrecisionStep step(mode, device);
  std::vector<torch::Tensor> losses;
  const auto iteration = [&] {
    // Losses are read after the timing: no host synchronisation inside the timed steps.
    losses.push_back(step.run(optimizer, forward_loss));
  };
  at::globalContext().setBenchmarkCuDNN(options.cudnn_benchmark());
  if (!options.method()) {
    result.timing = training::time_step(iteration, training::StepTimerOptions()
                                                       .device(device)
                                                       .warmup_iterations(options.warmup_iterations())
                                                       .timed_iterations(options.timed_iterations()));
  } else {
    const training::BenchmarkMethodOptions& method = *options.method();
    result.windows = training::time_windows(iteration, method, device, method.timed_windows());
    const training::WindowStatistics statistics =
        training::window_statistics(result.windows.window_ms, method.steps_per_window(), result.batch_size);
    result.timing.samples_ms = statistics.ms_per_step;
    result.timing.summary_ms = statistics.summary_ms_per_step;
    result.timing.clock =
        result.windows.clock + ", windows of " + std::to_string(method.steps_per_window()) + " iterations";
  }
  for (const auto& loss : losses) result.losses.push_back(loss.item<double>());
  return result;
}

}  // namespace repro::fp16_amp_ssd_resnet
