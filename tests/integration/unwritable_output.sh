#!/usr/bin/env bash
# An output directory that cannot be written makes `repro run` exit 2 naming --out, before any
# study runs. A path below a regular file is unwritable even for root.
set -euo pipefail
repro=$1 scratch=$2
rm -rf "$scratch" && mkdir -p "$scratch"
touch "$scratch/plain-file"
"$(dirname "$0")/expect_exit.sh" 2 "--out: output directory .*plain-file/out.* is not writable" -- \
  "$repro" run arbitrary_bit_mnist --out "$scratch/plain-file/out"
