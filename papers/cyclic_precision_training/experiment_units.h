// The study's trainings as run units (common/run_units.h): the precision range test, every CPT /
// static / progressive run and every Table 1 run is one unit, keyed by everything that fixes its
// result (model, data by content, schedules, optimizer, evaluation, device, seed), so `repro run`
// resumes them, `repro plan` lists and costs them and `repro run --shard K/N` shares them out.
// Results are stored losslessly: a reused run gives the same accuracies, BitOPs and numerics.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/run_units.h"
#include "papers/cyclic_precision_training/cifar_resnet.h"
#include "papers/cyclic_precision_training/image_data.h"
#include "papers/cyclic_precision_training/operation_count.h"
#include "papers/cyclic_precision_training/precision_range_test.h"
#include "papers/cyclic_precision_training/trainer.h"

namespace repro::cyclic_precision_training {

// A training run as declared: the config the trainer runs, and its per-iteration schedules
// (learning rate, forward and gradient bits: functions in the config) described in JSON by the
// code that builds both, for the unit's key. REQUIRES: `schedules` fixes the config's functions.
struct TrainingRecipe {
  TrainingConfig config;
  nlohmann::json schedules = nlohmann::json::object();
};

// The unit of a training run: experiment `experiment`, configuration recipe.config.name, seed
// recipe.config.seed; the key holds the model, the data (name, sizes, content SHA-256), the
// schedules, every scalar of the config and the device (with its GPU model on CUDA).
UnitKey training_unit_key(Tier tier, const std::string& experiment, const CifarResNetOptions& model,
                          const ImageDataset& data, const TrainingRecipe& recipe);
// The precision range test's unit: experiment "range_test", every option in the key.
UnitKey range_test_unit_key(Tier tier, const CifarResNetOptions& model, const ImageDataset& data,
                            const PrecisionRangeTestOptions& options);

nlohmann::json training_result_to_json(const TrainingResult& result);
TrainingResult training_result_from_json(const nlohmann::json& value);  // InputError naming the field
nlohmann::json range_test_result_to_json(const PrecisionRangeTestResult& result);
PrecisionRangeTestResult range_test_result_from_json(const nlohmann::json& value);

// Estimated wall seconds (`repro plan`): iterations × (per-iteration overhead + batch × 3 passes ×
// MACs per image × seconds per MAC) + the evaluation's forward passes; the constants are
// calibrated in experiment_units.cpp (this CPU) or a written prediction (CUDA).
double estimated_training_seconds(const ModelOperations& operations, const ImageDataset& data,
                                  const TrainingConfig& config);
double estimated_range_test_seconds(const ModelOperations& operations, const PrecisionRangeTestOptions& options);

// The unit's result: reused from OUT when finished, else trained (or stood in for by a plan or
// shard pass) through `units`. `operations`: the model's MACs per image, for the estimate.
TrainingResult obtain_training(const UnitStore& units, Tier tier, const std::string& experiment,
                               const CifarResNetOptions& model, const ModelOperations& operations,
                               const ImageDataset& data, const TrainingRecipe& recipe);
PrecisionRangeTestResult obtain_range_test(const UnitStore& units, Tier tier, const CifarResNetOptions& model,
                                           const ModelOperations& operations, const ImageDataset& data,
                                           const PrecisionRangeTestOptions& options);

// The MACs per image of the model `options` builds, counted on a model built and discarded here
// (the global torch generator is restored after).
ModelOperations model_operations(const CifarResNetOptions& options, const std::vector<std::int64_t>& image_shape);

}  // namespace repro::cyclic_precision_training
