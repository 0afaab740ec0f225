#!/usr/bin/env bash
# The main job: reproduce every study at the highest tier this machine can run, then write the
# report. Usage: scripts/reproduce.sh [--tier smoke|reduced|full] [--out DIR] [--data-dir DIR]
#   default tier: full with a CUDA GPU, else reduced when the data directory exists, else smoke.
#   default data directory: $REPRO_DATA_DIR, else ../shared/data.
# Exit status: that of `repro run` (0 every verdict as expected, 1 one differs, 2 bad input).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
tier="" out="repro-results" data_dir="${REPRO_DATA_DIR:-$(cd .. && pwd)/shared/data}"
while [[ $# -gt 0 ]]; do
  case $1 in
    --tier) tier=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    *) echo "reproduce.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
# A machine with an NVIDIA GPU builds the `cuda` preset (a CUDA LibTorch through python3's torch,
# see scripts/build.sh) and runs on the GPU; when that build fails the script stops with status 2
# rather than quietly running on the CPU (where every GPU claim would be "skipped").
preset=cpu device=cpu
if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
  preset=cuda device=cuda
fi
if ! build_dir=$(bash scripts/build.sh "$preset"); then
  echo "reproduce.sh: the $preset build failed (see above)" >&2
  exit 2
fi
if [[ -z $tier ]]; then
  if [[ $device == cuda ]]; then tier=full
  elif [[ -d $data_dir ]]; then tier=reduced
  else tier=smoke
  fi
fi
data_args=()
[[ -d $data_dir ]] && data_args=(--data-dir "$data_dir")
echo "reproduce.sh: tier $tier, device $device, data '${data_dir}', results in $out"
"$build_dir/repro" run all --tier "$tier" --device "$device" "${data_args[@]}" --out "$out"
status=$?
"$build_dir/repro" report "$out" || exit 2
echo "reproduce.sh: report in $out/report.html (and report.md, claims.csv)"
exit $status
