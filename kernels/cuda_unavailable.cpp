// Built when the CUDA kernels are not compiled in (REPRO_WITH_CUDA off).
#include <stdexcept>

#include "kernels/quantize.h"

namespace repro::kernels {

bool cuda_kernels_compiled() { return false; }
bool cuda_device_available() { return false; }

void quantize_cuda(const QuantizeCall& call, const NumberFormat& format, const RoundingOptions& rounding, void*) {
  check_quantize_call(call, format, rounding);  // a bad call is InputError here too, as with CUDA
  throw std::runtime_error("quantize_cuda: this build has no CUDA kernels (configure with nvcc and REPRO_ENABLE_CUDA=ON)");
}

}  // namespace repro::kernels
