#include "papers/fp16_amp_ssd_resnet/resnet18_training.h"

#include "base/errors.h"
#include "common/study_context.h"
#include "data/cifar_format.h"
#include "data/dataset_registry.h"
#include "data/deterministic_random.h"
#include "data/device_dataset.h"
#include "common/training/precision_plugin.h"
#include "papers/fp16_amp_ssd_resnet/precision_setup.h"

namespace repro::fp16_amp_ssd_resnet {
namespace {

std::pair<torch::Tensor, torch::Tensor> to_tensors(const data::CifarImages& images) {
  torch::Tensor pixels = torch::from_blob(const_cast<std::uint8_t*>(images.pixels.data()),
                                          {images.count, 3, 32, 32}, torch::kUInt8)
                             .to(torch::kFloat)
                             .div_(255.0f);
  torch::Tensor labels = torch::from_blob(const_cast<std::uint8_t*>(images.labels.data()), {images.count},
                                          torch::kUInt8)
                             .to(torch::kLong);
  return {pixels, labels};
}

torch::Tensor normalise(const torch::Tensor& images) {
  const auto options = torch::TensorOptions().dtype(torch::kFloat).device(images.device());
  const torch::Tensor mean = torch::tensor({0.4914f, 0.4822f, 0.4465f}, options).view({1, 3, 1, 1});
  const torch::Tensor deviation = torch::tensor({0.2023f, 0.1994f, 0.2010f}, options).view({1, 3, 1, 1});
  return (images - mean) / deviation;
}

}  // namespace

CifarTensors load_cifar10_tensors(const std::filesystem::path& data_dir, StudyContext* context) {
  const data::DatasetLocation location = data::locate_dataset("cifar-10", data_dir);
  if (!location.found) throw InputError("data set cifar-10 not found under " + data_dir.string());
  const auto folder = location.directory / "cifar-10-batches-bin";
  CifarTensors tensors;
  std::tie(tensors.train_images, tensors.train_labels) = to_tensors(data::load_cifar10(folder, true));
  std::tie(tensors.test_images, tensors.test_labels) = to_tensors(data::load_cifar10(folder, false));
  if (context) {
    for (int batch = 1; batch <= 5; ++batch) {
      context->record_data_file(folder / ("data_batch_" + std::to_string(batch) + ".bin"));
    }
    context->record_data_file(folder / "test_batch.bin");
  }
  return tensors;
}

torch::Tensor resnet18_training_batch(const torch::Tensor& images, std::int64_t iteration, std::uint64_t seed,
                                      training::PrecisionMode mode) {
  const torch::Tensor augmented =
      data::random_crop_flip(images, 4, true, data::mix_seed(seed, static_cast<std::uint64_t>(iteration)));
  return normalise(augmented).to(training::input_dtype(mode));
}

torch::Tensor resnet18_cross_entropy(const torch::Tensor& logits, const torch::Tensor& labels) {
  namespace F = torch::nn::functional;
  F::CrossEntropyFuncOptions options;
  if (torch::GradMode::is_enabled()) {
    options.reduction(torch::kSum);
  } else {
    options.reduction(torch::kMean);
  }
  return F::cross_entropy(logits.to(torch::kFloat), labels, options);
}

training::TrainingHistory train_resnet18(const ResNet18Cifar& model, const CifarTensors& data,
                                         const ResNetTrainingOptions& options) {
  const training::PrecisionMode mode = options.mode();
  training::prepare_model_for_precision(*model.ptr(), mode, options.device());
  const std::uint64_t seed = options.seed();
  training::TrainingOptions settings =
      training::TrainingOptions()
          .epochs(options.epochs())
          .batch_size(options.batch_size())
          .optimizer(training::OptimizerOptions()
                         .learning_rate(options.learning_rate())
                         .momentum(options.momentum())
                         .weight_decay(options.weight_decay()))
          .seed(seed)
          .device(options.device())
          .max_iterations(options.max_iterations())
          .evaluation(training::EvaluationSchedule()
                          .every_epoch(options.evaluate_every_epoch())
                          .at_end(options.evaluate_at_end())
                          .batch_size(500)
                          .input_transform([mode](const torch::Tensor& images) {
                            return normalise(images).to(training::input_dtype(mode));
                          }))
          .loss_function(resnet18_cross_entropy)
          .batch_transform([seed, mode](const torch::Tensor& images, std::int64_t iteration) {
            return resnet18_training_batch(images, iteration, seed, mode);
          })
          .checkpointing(training::CheckpointOptions()
                             .path(options.checkpoint_path())
                             .every_iterations(options.checkpoint_every_iterations())
                             .resume_from(options.resume_from()))
          .hooks(training::IterationHooks().on_iteration_end(options.on_iteration_end()))
          .run_name(options.run_name() + " " + training::to_string(mode));
  settings.precision(std::make_shared<training::MixedPrecision>(mode, options.loss_scaler()));
  return training::train_classifier(model, data.train_images, data.train_labels, data.test_images,
                                    data.test_labels, settings);
}

}  // namespace repro::fp16_amp_ssd_resnet
