#include "common/quantization/quantize_tensor.h"

#include <stdexcept>

#include <ATen/ATen.h>
// CUDA-only LibTorch headers: only a LibTorch built with CUDA has them (cmake/ReproCuda.cmake defines
// REPRO_TORCH_WITH_CUDA). c10::cuda::CUDAGuard and getCurrentCUDAStream exist in LibTorch 1.13 and 2.x.
#if REPRO_TORCH_WITH_CUDA
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

#include "base/errors.h"

namespace repro::quantization {
namespace {

static_assert(sizeof(kernels::AffineRange) == 2 * sizeof(float),
              "AffineRange must be two packed floats to be read from a [n, 2] tensor");

kernels::RoundingOptions rounding_options(const QuantizationSpec& spec, StochasticKey key) {
  kernels::RoundingOptions options;
  options.mode = spec.rounding();
  options.random_bits = spec.random_bits();
  options.seed = key.seed;
  options.stream = key.stream;
  return options;
}

}  // namespace

torch::Tensor affine_ranges(const torch::Tensor& input, const QuantizationSpec& spec) {
  const auto float_options = input.options().dtype(torch::kFloat32);
  if (spec.range()) {
    return torch::tensor({spec.range()->minimum, spec.range()->maximum}, float_options)
        .view({1, 2});
  }
  if (spec.granularity() == AffineGranularity::per_output_channel && input.dim() > 0) {
    const torch::Tensor rows = input.reshape({input.size(0), -1});
    if (rows.size(1) == 0) return torch::zeros({input.size(0), 2}, float_options);
    auto [minimum, maximum] = at::aminmax(rows, /*dim=*/1);
    return torch::stack({minimum, maximum}, /*dim=*/1).contiguous();
  }
  auto [minimum, maximum] = at::aminmax(input.reshape({-1}));
  return torch::stack({minimum, maximum}).view({1, 2});
}

namespace {

void check_floating(const torch::Tensor& tensor, const QuantizationSpec& spec) {
  if (!torch::isFloatingType(tensor.scalar_type())) {
    throw InputError(std::string("quantize: tensor of dtype ") +
                     std::string(c10::toString(tensor.scalar_type())) +
                     " is not floating point (spec '" + spec.to_string() + "')");
  }
}

// The CUDA kernel on the tensor's device (a device guard: the kernel launches on the current device)
// and LibTorch's current stream there, so it is ordered after the ops that produced `values` and
// before those that read the result, as any LibTorch op (never the legacy default stream).
void run_cuda_kernel(const torch::Tensor& values, const kernels::QuantizeCall& call, const QuantizationSpec& spec,
                     const kernels::RoundingOptions& options) {
#if REPRO_TORCH_WITH_CUDA
  if (!kernels::cuda_kernels_compiled()) {
    throw std::runtime_error("quantize: a CUDA tensor, but the CUDA kernels were not compiled (no nvcc at configure)");
  }
  const c10::cuda::CUDAGuard device_guard(values.device());
  const cudaStream_t stream = c10::cuda::getCurrentCUDAStream(values.device().index()).stream();
  kernels::quantize_cuda(call, spec.format(), options, static_cast<void*>(stream));
#else
  (void)values;
  (void)call;
  (void)spec;
  (void)options;
  throw std::runtime_error("quantize: a CUDA tensor, but this LibTorch was built without CUDA");
#endif
}

// Runs the kernel from `values` into `output` (the same tensor for in place).
// REQUIRES: both float32, contiguous, same size and device, numel > 0.
void run_kernel(const torch::Tensor& values, torch::Tensor& output, const QuantizationSpec& spec,
                StochasticKey key, kernels::QuantizeCounters* counters) {
  kernels::QuantizeCall call;
  call.input = values.data_ptr<float>();
  call.output = output.data_ptr<float>();
  call.count = values.numel();
  call.first_element_index = 0;
  call.counters = counters;
  torch::Tensor ranges;
  if (spec.is_affine()) {
    ranges = affine_ranges(values, spec);
    call.affine_ranges = reinterpret_cast<const kernels::AffineRange*>(ranges.data_ptr<float>());
    call.elements_per_range = values.numel() / ranges.size(0);
  }
  const kernels::RoundingOptions options = rounding_options(spec, key);
  if (values.is_cuda()) {
    run_cuda_kernel(values, call, spec, options);
  } else {
    kernels::quantize_cpu(call, spec.format(), options);
  }
}

}  // namespace

torch::Tensor quantize(const torch::Tensor& input, const QuantizationSpec& spec, StochasticKey key,
                       kernels::QuantizeCounters* counters) {
  if (!input.defined() || spec.is_identity()) return input;
  check_floating(input, spec);
  torch::NoGradGuard no_grad;
  const torch::Tensor values = input.to(torch::kFloat32).contiguous();
  torch::Tensor output = torch::empty_like(values, torch::MemoryFormat::Contiguous);
  if (values.numel() > 0) run_kernel(values, output, spec, key, counters);
  return input.scalar_type() == torch::kFloat32 ? output : output.to(input.scalar_type());
}

void quantize_in_place(torch::Tensor& tensor, const QuantizationSpec& spec, StochasticKey key,
                       kernels::QuantizeCounters* counters) {
  if (spec.is_identity()) return;
  check_floating(tensor, spec);
  torch::NoGradGuard no_grad;
  if (tensor.scalar_type() == torch::kFloat32 && tensor.is_contiguous()) {
    if (tensor.numel() > 0) run_kernel(tensor, tensor, spec, key, counters);
  } else {
    tensor.copy_(quantize(tensor, spec, key, counters));
  }
}

}  // namespace repro::quantization
