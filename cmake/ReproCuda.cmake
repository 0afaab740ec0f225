# After find_package(Torch): restores the CUDA architectures and flags LibTorch's CMake may have
# changed (see ReproCudaLanguage.cmake), records whether the LibTorch found was built with CUDA
# (REPRO_TORCH_WITH_CUDA), and fails loudly when the `cuda` preset (REPRO_REQUIRE_CUDA) meets a
# CPU-only LibTorch or no nvcc: a GPU build that silently ran on the CPU would report every GPU
# claim "skipped" and exit 0.
if(REPRO_WITH_CUDA)
  set(CMAKE_CUDA_ARCHITECTURES ${REPRO_CUDA_ARCHITECTURES})
  set(CMAKE_CUDA_FLAGS "${REPRO_CUDA_FLAGS_BEFORE_TORCH}")
endif()

# A CUDA LibTorch defines the torch_cuda / c10_cuda targets (2.x) or finds c10_cuda (1.x) and
# sets CAFFE2_USE_CUDA; Debian's CPU LibTorch does none of these.
set(REPRO_TORCH_WITH_CUDA OFF)
if(TARGET torch_cuda OR TARGET c10_cuda OR C10_CUDA_LIBRARY OR CAFFE2_USE_CUDA)
  set(REPRO_TORCH_WITH_CUDA ON)
endif()
if(REPRO_TORCH_WITH_CUDA)
  target_compile_definitions(repro_torch INTERFACE REPRO_TORCH_WITH_CUDA=1)
endif()

string(CONCAT repro_cuda_libtorch_hint
  "Point CMake at a CUDA LibTorch, for example pip's torch:\n"
  "  cmake --preset cuda -DCMAKE_PREFIX_PATH=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')\n"
  "(scripts/build.sh cuda does this when python3 has a CUDA torch), or use the `cpu` preset.")
if(REPRO_REQUIRE_CUDA AND NOT REPRO_WITH_CUDA)
  message(FATAL_ERROR "REPRO_REQUIRE_CUDA is ON (the `cuda` preset) but no CUDA compiler was found: "
                      "install the CUDA toolkit or set CMAKE_CUDA_COMPILER.")
endif()
if(REPRO_REQUIRE_CUDA AND NOT REPRO_TORCH_WITH_CUDA)
  message(FATAL_ERROR "REPRO_REQUIRE_CUDA is ON (the `cuda` preset) but the LibTorch found "
                      "(${Torch_DIR}) was built without CUDA.\n${repro_cuda_libtorch_hint}")
endif()
message(STATUS "precision-repro: CUDA kernels ${REPRO_WITH_CUDA} (architectures ${REPRO_CUDA_ARCHITECTURES}); "
               "LibTorch with CUDA ${REPRO_TORCH_WITH_CUDA} (${Torch_DIR})")
