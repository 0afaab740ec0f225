#!/usr/bin/env bash
# Installs the Debian packages (when run as root and some are missing), then configures and
# builds with the given preset (default: cpu). Prints the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-cpu}
if [[ $(id -u) -eq 0 ]]; then
  bash scripts/install-dependencies.sh >&2
fi
export CCACHE_BASEDIR="$PWD"   # cache hits across clones at other paths
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset "$preset" "${launcher[@]}" >&2
cmake --build --preset "$preset" >&2
echo "build/$preset"
