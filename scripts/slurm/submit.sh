#!/usr/bin/env bash
# submit.sh <study>|all --tier T --shards N [--out OUT] [--repro PATH] [--data-dir DIR]
#           [--repro-option OPT]... [-- SBATCH_OPTION...]
# Runs a study (or all) on a Slurm cluster as shards. Submits, with sbatch --parsable:
#   1. a job array of N tasks (--array=1-N), task K running
#        repro run STUDY --tier T --shard K/N --out OUT
#      which writes that shard's run units to OUT/<study>/units/ (and no results.json);
#   2. a job that starts when every task has succeeded (--dependency=afterok:<array job id>) and
#      runs the plain `repro run STUDY --tier T --out OUT`, which reuses the shards' units, computes
#      any missing ones and writes OUT/<study>/results.json, then `repro report OUT` (the report is
#      written even when a verdict differs; the job's exit status is that of `repro run`).
# When T is one of the study's gpu_tiers (`repro list --json`; for all: any study's), both jobs
# request --gres=gpu:1 and run repro with --device cuda. --data-dir and each --repro-option (a
# repro run option such as --allow-skipped; repeatable) go to every `repro run`; the options after
# `--` go to both sbatch calls (e.g. --partition, --time, --cpus-per-task).
# OUT (default ./repro-results) and the repro binary (default: the checkout's build/cuda/repro when
# built, else build/cpu/repro) are made absolute: they must be on a file system every node shares.
# Logs: OUT/slurm/*.out. Prints the job ids and how to follow them. Exit 0 when both jobs were
# submitted, 2 for bad usage (the message names the option), 1 when sbatch fails.
set -euo pipefail
me=submit.sh
usage() { sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//' | sed "1s/^/usage: /"; }
die() { echo "$me: $*" >&2; exit 2; }
need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }
checkout=$(cd "$(dirname "$0")/../.." && pwd)

study="" tier="" shards="" out=repro-results repro="" data_dir="" repro_options=() sbatch_options=()
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    --tier) need_value "$@"; tier=$2; shift 2 ;;
    --shards) need_value "$@"; shards=$2; shift 2 ;;
    --out) need_value "$@"; out=$2; shift 2 ;;
    --repro) need_value "$@"; repro=$2; shift 2 ;;
    --data-dir) need_value "$@"; data_dir=$2; shift 2 ;;
    --repro-option) need_value "$@"; repro_options+=("$2"); shift 2 ;;
    --) shift; sbatch_options=("$@"); break ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) [[ -z $study ]] || die "one study (or all), not '$study' and '$1'"; study=$1; shift ;;
  esac
done
[[ -n $study ]] || { usage >&2; die "a study id (or all) is required"; }
[[ -n $tier ]] || die "--tier is required"
[[ $shards =~ ^[1-9][0-9]*$ ]] || die "--shards: '${shards}' is not a positive integer"
if [[ -z $repro ]]; then
  repro=$checkout/build/cpu/repro
  [[ -x $checkout/build/cuda/repro ]] && repro=$checkout/build/cuda/repro
fi
[[ -f $repro && -x $repro ]] || die "--repro: '$repro' is not an executable file"
repro=$(cd "$(dirname "$repro")" && pwd)/$(basename "$repro")
if [[ -n $data_dir ]]; then
  [[ -d $data_dir ]] || die "--data-dir: '$data_dir' is not a directory"
  data_dir=$(cd "$data_dir" && pwd)
fi
command -v sbatch > /dev/null || { echo "$me: sbatch not found: is this a Slurm submit host?" >&2; exit 1; }

# The study and tier exist; does the tier need a GPU?
gpu=$("$repro" list --json | python3 -c '
import json, sys
study, tier = sys.argv[1:3]
studies = [s for s in json.load(sys.stdin) if study in ("all", s["id"])]
if not studies:
    sys.exit(f"submit.sh: unknown study {study!r} (see repro list)")
if not any(tier in s["tiers"] for s in studies):
    sys.exit(f"submit.sh: --tier: {study} has no tier {tier!r}")
print("yes" if any(tier in s.get("gpu_tiers", []) for s in studies) else "no")
' "$study" "$tier") || exit 2

mkdir -p "$out/slurm" || die "--out: cannot create '$out/slurm'"
out=$(cd "$out" && pwd)
run_args=(--tier "$tier" --out "$out")
[[ -n $data_dir ]] && run_args+=(--data-dir "$data_dir")
job_options=() gpu_note=""
if [[ $gpu == yes ]]; then
  run_args+=(--device cuda)
  job_options+=(--gres=gpu:1)
  gpu_note=", a GPU each"
fi
run_args+=("${repro_options[@]}")

job_script() {  # job_script COMMAND...: a bash batch script running the (quoted) command lines
  printf '#!/bin/bash\nset -euo pipefail\n'
  printf '%s\n' "$@"
}
quote() { printf '%q ' "$@"; }

shard_line="$(quote "$repro" run "$study") --shard \"\${SLURM_ARRAY_TASK_ID}/$shards\" $(quote "${run_args[@]}")"
array_id=$(job_script "$shard_line" | sbatch --parsable --job-name="repro-$study-shard" --array="1-$shards" \
  --output="$out/slurm/%x-%A_%a.out" "${job_options[@]}" "${sbatch_options[@]}") \
  || { echo "$me: sbatch of the shard array failed" >&2; exit 1; }
array_id=${array_id%%;*}

final_lines=("status=0" "$(quote "$repro" run "$study" "${run_args[@]}") || status=\$?"
  "$(quote "$repro" report "$out") || exit 2" "exit \$status")
final_id=$(job_script "${final_lines[@]}" | sbatch --parsable --job-name="repro-$study-final" \
  --dependency="afterok:$array_id" --output="$out/slurm/%x-%j.out" "${job_options[@]}" "${sbatch_options[@]}") \
  || { echo "$me: sbatch of the final job failed; the shard array $array_id is queued (scancel $array_id)" >&2; exit 1; }
final_id=${final_id%%;*}

echo "$me: shard array job $array_id ($shards tasks: repro run $study --tier $tier --shard K/$shards$gpu_note)"
echo "$me: final job $final_id (after every shard: repro run $study --tier $tier, then repro report $out)"
echo "$me: follow with: squeue -j $array_id,$final_id; tail -f $out/slurm/*.out"
