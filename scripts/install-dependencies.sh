#!/usr/bin/env bash
# Installs every Debian package precision-repro needs to build, test and report.
# Usage: sudo scripts/install-dependencies.sh   (or as root; CI runs it as root)
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ ccache git pkg-config
  # LibTorch (CPU) and the libraries the suite links
  libtorch-dev
  libboost-math-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev
  zlib1g-dev libjpeg62-turbo-dev libpugixml-dev libssl-dev libcurl4-openssl-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3
  # fuzzing (libFuzzer is clang's)
  clang libclang-rt-14-dev libomp-14-dev
  # reports: plots and the headless-browser check of the HTML report
  gnuplot-nox chromium
  # cluster runs: a single-node Slurm for the shard test
  slurmctld slurmd slurm-client munge
)

if [[ $(id -u) -ne 0 ]]; then
  echo "install-dependencies.sh: run as root (sudo $0)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-dependencies.sh: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-dependencies.sh: installing ${missing[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
