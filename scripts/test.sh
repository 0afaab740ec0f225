#!/usr/bin/env bash
# The test command: build (preset cpu), then run every test a CPU machine runs in CI:
# unit tests, integration tests and each study's smoke and reduced tiers, against the real data
# in $REPRO_DATA_DIR (default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
export REPRO_DATA_DIR="${REPRO_DATA_DIR:-$(cd .. && pwd)/shared/data}"
bash scripts/build.sh cpu >/dev/null
ctest --preset cpu "$@"
