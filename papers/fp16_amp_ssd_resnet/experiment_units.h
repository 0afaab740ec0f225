// The study's trainings as run units (common/run_units.h): every ResNet-18 run on CIFAR-10 and
// every SSD300 run on VOC07+12 (one mode, one seed each) is one unit, keyed by everything that
// fixes its result, so a full-tier `repro run` resumes them, `repro plan` lists and costs them and
// `repro run --shard K/N` or scripts/slurm/submit.sh shares them out over GPUs. Results are stored
// losslessly (common/training/result_codec.h). A unit still checkpoints inside itself (the
// authors resumed after session limits): a kill loses at most one checkpoint interval of a unit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/run_units.h"
#include "common/training/classifier_training.h"
#include "data/voc_dataset.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_cifar.h"
#include "papers/fp16_amp_ssd_resnet/resnet18_training.h"
#include "papers/fp16_amp_ssd_resnet/ssd300_training.h"

namespace repro::fp16_amp_ssd_resnet {

// What a decision needs of an SSD300 run: the VOC07 test evaluation and whether it diverged.
struct SsdRunResult {
  SsdEvaluation evaluation;
  bool diverged = false;
  std::string divergence_reason;
};

// SHA-256 of the four tensors: the CIFAR data's identity in a key.
std::string cifar_tensors_sha256(const CifarTensors& data);
// SHA-256 of the samples' ids, file names and annotations (class, box, difficult, truncated),
// in order: the VOC split's identity in a key (the images are fixed by the registry's checksummed
// archives and named by id).
std::string voc_samples_sha256(const std::vector<data::VocSample>& samples);

// Experiment "resnet18", configuration `mode_name`, seed options.seed(); the key holds the model
// options, every training option that changes the result (not the checkpoint paths or run name),
// the data's sizes and SHA-256, and the device (its GPU model on CUDA).
// REQUIRES: options.loss_scaler() and options.on_iteration_end() unset.
UnitKey resnet18_unit_key(Tier tier, const std::string& mode_name, const ResNet18CifarOptions& model,
                          const CifarTensors& data, const std::string& data_sha256,
                          const ResNetTrainingOptions& options);
// What identifies the SSD300 runs' data in their keys: the VGG16 weights' SHA-256 and each VOC
// split's size and voc_samples_sha256. Computed once per study run (hashing the splits' samples
// is not free), shared by every run's key.
struct SsdDataIdentity {
  std::string weights_sha256;
  std::size_t train_samples = 0;
  std::string train_sha256;
  std::size_t test_samples = 0;
  std::string test_sha256;
};
SsdDataIdentity ssd_data_identity(const std::filesystem::path& weights, const std::vector<data::VocSample>& train,
                                  const std::vector<data::VocSample>& test);

// Experiment "ssd300"; the key holds the model options, the training options, the data's identity
// and the device.
UnitKey ssd300_unit_key(Tier tier, const std::string& mode_name, const Ssd300Options& model,
                        const SsdDataIdentity& data, const SsdTrainingOptions& options);

nlohmann::json ssd_run_result_to_json(const SsdRunResult& result);
SsdRunResult ssd_run_result_from_json(const nlohmann::json& value);  // InputError naming the field

// Estimated wall seconds (`repro plan`): image passes × MACs per image × seconds per MAC
// (experiment_units.cpp: a written prediction for CUDA, a rough one for this CPU).
double estimated_resnet18_seconds(const ResNet18CifarOptions& model, const CifarTensors& data,
                                  const ResNetTrainingOptions& options);
double estimated_ssd300_seconds(const Ssd300Options& model, std::int64_t test_images, const SsdTrainingOptions& options);

// The run's history: reused from OUT when finished, else trained from torch::manual_seed(seed) on
// a fresh ResNet18Cifar(model) (or stood in for by a plan or shard pass).
training::TrainingHistory obtain_resnet18_run(const UnitStore& units, Tier tier, const std::string& mode_name,
                                              const ResNet18CifarOptions& model, const CifarTensors& data,
                                              const std::string& data_sha256, const ResNetTrainingOptions& options);
// Deletes the checkpoint of a unit whose training finished (its result is about to be the unit's):
// a later computation of the unit (`repro run --fresh`) then trains from the start instead of
// resuming at the end. Nothing when `path` is empty or absent.
void remove_finished_checkpoint(const std::string& path);

// The run's result: reused, else `train` (which builds, loads, trains and evaluates the model,
// then calls remove_finished_checkpoint).
SsdRunResult obtain_ssd300_run(const UnitStore& units, const UnitKey& key, double estimated_seconds,
                               const std::function<SsdRunResult()>& train);

}  // namespace repro::fp16_amp_ssd_resnet
