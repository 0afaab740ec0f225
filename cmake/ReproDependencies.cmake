# Every dependency comes from a Debian package through find_package.
# Another LibTorch (a CUDA build, say) is picked up through CMAKE_PREFIX_PATH.
find_package(Threads REQUIRED)
# The CUDA language first: a CUDA LibTorch's CMake needs it (ReproCuda.cmake checks the result).
include(ReproCudaLanguage)
find_package(Torch REQUIRED)
find_package(Boost 1.74 REQUIRED)            # Boost.Math is header-only
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(fmt 9 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(JPEG REQUIRED)
find_package(pugixml REQUIRED)
find_package(OpenSSL REQUIRED)              # SHA-256 and MD5 of data files
find_package(CURL REQUIRED)                 # `repro data fetch`
find_package(OpenMP REQUIRED COMPONENTS CXX)
if(REPRO_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(REPRO_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# LibTorch's exported flags carry -D_GLIBCXX_USE_CXX11_ABI and friends; wrap them in one target.
add_library(repro_torch INTERFACE)
target_link_libraries(repro_torch INTERFACE ${TORCH_LIBRARIES})
target_compile_options(repro_torch INTERFACE ${TORCH_CXX_FLAGS})
add_library(repro::torch ALIAS repro_torch)
