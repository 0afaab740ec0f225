#!/usr/bin/env bash
# Installs the Debian packages (when run as root and some are missing), then configures and
# builds with the given preset (default: cpu). Prints the build directory.
# The `cuda` preset needs a LibTorch built with CUDA: when python3 has a CUDA torch (pip's), its
# CMake prefix is passed as CMAKE_PREFIX_PATH (unless CMAKE_PREFIX_PATH is set in the environment);
# otherwise the configure step fails, saying how to point at one (cmake/ReproCuda.cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-cpu}
if [[ $(id -u) -eq 0 ]]; then
  bash scripts/install-dependencies.sh >&2
fi
export CCACHE_BASEDIR="$PWD"   # cache hits across clones at other paths
extra=()
command -v ccache >/dev/null && extra+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [[ $preset == cuda && -z ${CMAKE_PREFIX_PATH:-} ]]; then
  # Prints the prefix only for a torch built with CUDA (torch.version.cuda is None otherwise).
  torch_prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path if torch.version.cuda else "")' \
                 2>/dev/null || true)
  if [[ -n $torch_prefix ]]; then
    echo "build.sh: CUDA LibTorch of python3's torch: $torch_prefix" >&2
    extra+=("-DCMAKE_PREFIX_PATH=$torch_prefix")
  else
    echo "build.sh: python3 has no CUDA torch; CMake must find a CUDA LibTorch by itself" >&2
  fi
fi
cmake --preset "$preset" "${extra[@]}" >&2
cmake --build --preset "$preset" >&2
echo "build/$preset"
