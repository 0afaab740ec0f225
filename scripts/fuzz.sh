#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for the given seconds (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DREPRO_BUILD_FUZZERS=ON -DREPRO_BUILD_TESTS=OFF \
  -DREPRO_BUILD_BENCHMARKS=OFF -DREPRO_ENABLE_CUDA=OFF >/dev/null
cmake --build build/fuzz --target data_idx_fuzzer data_cifar_fuzzer data_voc_xml_fuzzer
for fuzzer in idx cifar voc_xml; do
  corpus=build/fuzz/corpus-$fuzzer
  mkdir -p "$corpus"
  cp data/fuzz/corpus/$fuzzer/* "$corpus/"
  echo "fuzz.sh: data_${fuzzer}_fuzzer for ${seconds} s"
  build/fuzz/data/data_${fuzzer}_fuzzer -max_total_time="$seconds" -max_len=8192 "$corpus" 2>&1 | tail -3
done
