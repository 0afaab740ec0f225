#include "common/training/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>
#include <unistd.h>

#include <cstring>
#include <mutex>
#include <sstream>

#include "base/atomic_file.h"
#include "base/errors.h"

namespace repro::training {
namespace {

constexpr std::int64_t kCheckpointFormatVersion = 1;

std::string shape_string(const torch::Tensor& tensor) {
  std::ostringstream out;
  out << tensor.sizes();
  return out.str();
}

// Every parameter and buffer of the module, by its dotted name.
std::vector<std::pair<std::string, torch::Tensor>> named_state(const torch::nn::Module& module) {
  std::vector<std::pair<std::string, torch::Tensor>> state;
  for (const auto& item : module.named_parameters(/*recurse=*/true)) {
    state.emplace_back(item.key(), item.value());
  }
  for (const auto& item : module.named_buffers(/*recurse=*/true)) {
    state.emplace_back(item.key(), item.value());
  }
  return state;
}

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
  return path.parent_path() /
         (path.filename().string() + ".tmp-" + std::to_string(::getpid()));
}

torch::Tensor read_tensor(torch::serialize::InputArchive& archive, const std::string& key) {
  torch::Tensor tensor;
  archive.read(key, tensor);
  return tensor;
}

}  // namespace

void save_checkpoint(const std::filesystem::path& path, const torch::nn::Module& module,
                     const torch::optim::Optimizer* optimizer, const CheckpointState& state) {
  torch::serialize::OutputArchive archive;
  archive.write("format_version", torch::tensor({kCheckpointFormatVersion}, torch::kLong));
  std::int64_t seed_bits = 0;
  static_assert(sizeof(seed_bits) == sizeof(state.shuffle_seed), "seed is 64 bits");
  std::memcpy(&seed_bits, &state.shuffle_seed, sizeof(seed_bits));
  archive.write("progress", torch::tensor(std::vector<std::int64_t>{state.iteration, state.epoch,
                                                                    state.batch_in_epoch,
                                                                    seed_bits},
                                          torch::kLong));
  if (state.loss_scaler) {
    archive.write("loss_scaler",
                  torch::tensor(std::vector<double>{
                                    state.loss_scaler->scale,
                                    static_cast<double>(state.loss_scaler->growth_tracker)},
                                torch::kDouble));
  }
  archive.write("cpu_generator_state", at::detail::getDefaultCPUGenerator().get_state());

  torch::serialize::OutputArchive model_archive;
  module.save(model_archive);
  archive.write("model", model_archive);
  if (optimizer) {
    torch::serialize::OutputArchive optimizer_archive;
    optimizer->save(optimizer_archive);
    archive.write("optimizer", optimizer_archive);
  }
  torch::serialize::OutputArchive extra_archive;
  std::vector<std::string> extra_names;
  for (const auto& [name, tensor] : state.extra_tensors) {
    extra_archive.write(name, tensor.detach().to(torch::kCPU));
  }
  archive.write("extra", extra_archive);
  archive.write("extra_count",
                torch::tensor({static_cast<std::int64_t>(state.extra_tensors.size())}));

  std::error_code error;
  if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    throw InputError("cannot create the directory of checkpoint " + path.string() + ": " +
                     error.message());
  }
  const std::filesystem::path temporary = temporary_path_for(path);
  try {
    archive.save_to(temporary.string());
  } catch (const c10::Error& failure) {
    std::filesystem::remove(temporary, error);
    throw InputError("cannot write checkpoint " + path.string() + ": " +
                     failure.what_without_backtrace());
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw InputError("cannot rename the temporary file over checkpoint " + path.string());
  }
}

CheckpointState load_checkpoint(const std::filesystem::path& path, torch::nn::Module& module,
                                torch::optim::Optimizer* optimizer, bool restore_random_state) {
  if (!std::filesystem::is_regular_file(path)) {
    throw InputError("checkpoint " + path.string() + " does not exist or is not a file");
  }
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(path.string());
  } catch (const c10::Error& failure) {
    throw InputError("checkpoint " + path.string() + " is corrupt or truncated: " +
                     failure.what_without_backtrace());
  }
  CheckpointState state;
  try {
    const torch::Tensor version = read_tensor(archive, "format_version");
    if (version.numel() != 1 || version.item<std::int64_t>() != kCheckpointFormatVersion) {
      throw InputError("checkpoint " + path.string() + " has an unknown format version");
    }
    const torch::Tensor progress = read_tensor(archive, "progress").to(torch::kLong);
    if (progress.numel() != 4) {
      throw InputError("checkpoint " + path.string() + " has a malformed progress record");
    }
    state.iteration = progress[0].item<std::int64_t>();
    state.epoch = progress[1].item<std::int64_t>();
    state.batch_in_epoch = progress[2].item<std::int64_t>();
    const std::int64_t seed_bits = progress[3].item<std::int64_t>();
    std::memcpy(&state.shuffle_seed, &seed_bits, sizeof(seed_bits));
    torch::Tensor scaler;
    if (archive.try_read("loss_scaler", scaler)) {
      state.loss_scaler = LossScalerState{scaler[0].item<double>(),
                                          static_cast<std::int64_t>(scaler[1].item<double>())};
    }

    // Shapes before loading: Module::load replaces storage without comparing shapes.
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> expected_shapes;
    for (const auto& [name, tensor] : named_state(module)) {
      expected_shapes.emplace_back(name, tensor.sizes().vec());
    }
    torch::serialize::InputArchive model_archive;
    archive.read("model", model_archive);
    module.load(model_archive);
    const auto loaded = named_state(module);
    for (std::size_t i = 0; i < loaded.size() && i < expected_shapes.size(); ++i) {
      if (loaded[i].second.sizes().vec() != expected_shapes[i].second) {
        std::ostringstream expected;
        expected << c10::IntArrayRef(expected_shapes[i].second);
        throw InputError("checkpoint " + path.string() + ": tensor " + loaded[i].first +
                         " has shape " + shape_string(loaded[i].second) +
                         " but the model expects " + expected.str());
      }
    }
    if (optimizer) {
      torch::serialize::InputArchive optimizer_archive;
      if (!archive.try_read("optimizer", optimizer_archive)) {
        throw InputError("checkpoint " + path.string() + " holds no optimizer state");
      }
      optimizer->load(optimizer_archive);
    }
    torch::serialize::InputArchive extra_archive;
    archive.read("extra", extra_archive);
    for (const std::string& key : extra_archive.keys()) {
      torch::Tensor tensor;
      if (extra_archive.try_read(key, tensor)) state.extra_tensors[key] = tensor;
    }
    if (restore_random_state) {
      const torch::Tensor generator_state = read_tensor(archive, "cpu_generator_state");
      auto generator = at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(generator.mutex());
      generator.set_state(generator_state);
    }
  } catch (const c10::Error& failure) {
    throw InputError("checkpoint " + path.string() + " does not match the model or is damaged: " +
                     failure.what_without_backtrace());
  }
  return state;
}

void save_state_dict(const std::filesystem::path& path, const torch::nn::Module& module) {
  c10::impl::GenericDict dictionary(c10::StringType::get(), c10::TensorType::get());
  for (const auto& [name, tensor] : named_state(module)) {
    dictionary.insert(name, tensor.detach().to(torch::kCPU));
  }
  const std::vector<char> bytes = torch::pickle_save(c10::IValue(dictionary));
  write_file_atomically(path, std::string_view(bytes.data(), bytes.size()));
}

StateDictLoadReport load_state_dict(const std::filesystem::path& path, torch::nn::Module& module,
                                    const StateDictLoadOptions& options) {
  const std::string contents = read_whole_file(path);
  c10::IValue value;
  try {
    value = torch::pickle_load(std::vector<char>(contents.begin(), contents.end()));
  } catch (const c10::Error& failure) {
    throw InputError("weights file " + path.string() + " cannot be read (corrupt, truncated, or " +
                     "not written by torch.save / torch::pickle_save): " +
                     failure.what_without_backtrace());
  }
  if (!value.isGenericDict()) {
    throw InputError("weights file " + path.string() +
                     " does not hold a dictionary of tensors (got " + value.tagKind() + ")");
  }
  std::map<std::string, torch::Tensor> file_tensors;
  for (const auto& entry : value.toGenericDict()) {
    if (!entry.key().isString() || !entry.value().isTensor()) {
      throw InputError("weights file " + path.string() +
                       " holds an entry that is not a (name, tensor) pair");
    }
    file_tensors[entry.key().toStringRef()] = entry.value().toTensor();
  }

  StateDictLoadReport report;
  const auto module_state = named_state(module);
  std::map<std::string, bool> in_module;
  for (const auto& [name, tensor] : module_state) {
    in_module[name] = true;
    if (file_tensors.find(name) == file_tensors.end()) report.missing_keys.push_back(name);
  }
  for (const auto& [name, tensor] : file_tensors) {
    if (in_module.find(name) == in_module.end()) report.unexpected_keys.push_back(name);
  }
  if (options.strict() && (!report.missing_keys.empty() || !report.unexpected_keys.empty())) {
    std::string message = "weights file " + path.string() + " does not match the model:";
    const auto list = [&](const char* what, const std::vector<std::string>& keys) {
      if (keys.empty()) return;
      message += std::string(" ") + what + " keys";
      for (std::size_t i = 0; i < keys.size(); ++i) message += (i ? ", " : " ") + keys[i];
      message += ";";
    };
    list("missing", report.missing_keys);
    list("unexpected", report.unexpected_keys);
    throw InputError(message);
  }
  for (const auto& [name, target] : module_state) {
    const auto found = file_tensors.find(name);
    if (found == file_tensors.end()) continue;
    if (found->second.sizes() != target.sizes()) {
      throw InputError("weights file " + path.string() + ": tensor " + name + " has shape " +
                       shape_string(found->second) + " but the model expects " +
                       shape_string(target));
    }
  }
  torch::NoGradGuard no_grad;
  for (const auto& [name, target] : module_state) {
    const auto found = file_tensors.find(name);
    if (found == file_tensors.end()) continue;
    torch::Tensor destination = target;
    destination.copy_(found->second.to(target.device(), target.scalar_type()));
    report.loaded_keys.push_back(name);
  }
  return report;
}

}  // namespace repro::training
