#!/usr/bin/env bash
# A malformed published.json makes `repro run` exit 2 with a message naming the file.
# Usage: bad_published_json.sh <repro> <papers dir> <scratch dir>
set -euo pipefail
repro=$1 papers=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch"
cp -r "$papers" "$scratch/papers"
target="$scratch/papers/fixed_point_fashion_mnist/published.json"
head -c 200 "$papers/fixed_point_fashion_mnist/published.json" > "$target"   # truncated JSON
"$(dirname "$0")/expect_exit.sh" 2 "fixed_point_fashion_mnist/published.json.*malformed JSON" -- \
  "$repro" run fixed_point_fashion_mnist --papers-dir "$scratch/papers" --out "$scratch/out"
