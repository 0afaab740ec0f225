# CUDA language, before find_package(Torch) (included by ReproDependencies.cmake).
# With nvcc present the CUDA code compiles even on a machine without a GPU.
# Sets REPRO_WITH_CUDA. The architectures are kept in REPRO_CUDA_ARCHITECTURES: a CUDA LibTorch's
# Caffe2 cuda.cmake sets CMAKE_CUDA_ARCHITECTURES to OFF and appends its own -gencode flags (from
# TORCH_CUDA_ARCH_LIST or the GPU it detects) to CMAKE_CUDA_FLAGS; ReproCuda.cmake restores both
# after find_package(Torch), so what we build for is what this file says.
set(REPRO_WITH_CUDA OFF)
if(REPRO_ENABLE_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED REPRO_CUDA_ARCHITECTURES)
      if(DEFINED CMAKE_CUDA_ARCHITECTURES)
        set(default_architectures ${CMAKE_CUDA_ARCHITECTURES})
      else()
        # Hopper (H100/H200) first; 80 for A100; PTX for newer parts.
        set(default_architectures 80-real 90-real 90-virtual)
      endif()
      set(REPRO_CUDA_ARCHITECTURES "${default_architectures}" CACHE STRING
          "CUDA architectures of the kernels (kept whatever find_package(Torch) sets)")
    endif()
    set(CMAKE_CUDA_ARCHITECTURES ${REPRO_CUDA_ARCHITECTURES})
    enable_language(CUDA)
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    find_package(CUDAToolkit REQUIRED)
    set(REPRO_WITH_CUDA ON)
  endif()
endif()
set(REPRO_CUDA_FLAGS_BEFORE_TORCH "${CMAKE_CUDA_FLAGS}")
