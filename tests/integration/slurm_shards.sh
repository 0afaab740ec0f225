#!/usr/bin/env bash
# slurm_shards.sh <repro> <scratch dir> <study>
# A study's smoke tier run as 3 Slurm shards (scripts/slurm/submit.sh) gives the results.json of a
# one-process run (compared by same_results.py). On a real single-node Slurm started for the test
# (scripts/slurm/single_node.sh, its state under <scratch>; stopped at exit, whatever happens):
#   1. the reference: repro run <study> --tier smoke --allow-skipped, in one process;
#   2. submit.sh --shards 3, both jobs held (sbatch --hold, through submit.sh's `--`);
#   3. release the shard array: each of its 3 tasks completes with exit 0, and together they
#      wrote every run unit of the one-process run to OUT/<study>/units but no results.json;
#   4. release the final job: it completes with exit 0, writes results.json (equal to the
#      reference) and the report.
# Exit 0 on success; 1 on a failure (with the Slurm logs) or after 15 minutes of waiting; 77 (a
# skip) when Slurm cannot start here (single_node.sh tells why).
set -euo pipefail
repro=$1
scratch=$2
study=$3
here=$(cd "$(dirname "$0")" && pwd)
slurm_scripts=$here/../../scripts/slurm
state=$scratch/slurm-state
out=$scratch/sharded
deadline=$((SECONDS + 900))

bash "$slurm_scripts/single_node.sh" stop "$state" > /dev/null 2>&1 || true  # after a killed earlier run
rm -rf "$scratch"
mkdir -p "$scratch"
trap 'bash "$slurm_scripts/single_node.sh" stop "$state" > /dev/null 2>&1 || true' EXIT
export SLURM_CONF=$state/slurm.conf

fail() {
  echo "slurm_shards: $*"
  for log in "$out"/slurm/*.out "$state"/log/slurmctld.log "$state"/log/slurmd.log; do
    [[ -f $log ]] && { echo "--- tail of $log:"; tail -n 30 "$log"; }
  done
  exit 1
}
wait_for() {  # wait_for JOB_ID: until Slurm no longer lists it as pending or running
  local queued
  while queued=$(squeue -h -j "$1" -o '%i %T %r' 2>/dev/null) && [[ -n $queued ]]; do
    # A launch that failed (the job is requeued and held) or a dependency that failed never ends.
    if grep -qi 'held\|NeverSatisfied' <<< "$queued"; then fail "job $1 cannot run: $queued"; fi
    [[ $SECONDS -lt $deadline ]] || fail "timed out after 15 minutes waiting for job $1"
    sleep 2
  done
}
check_completed() {  # check_completed JOB_ID: each job (array task) of it COMPLETED with exit 0; sets jobs
  jobs=$(scontrol -o show job "$1") || fail "scontrol knows no job $1"
  if grep -v 'JobState=COMPLETED .*ExitCode=0:0' <<< "$jobs" | grep -q .; then
    fail "job $1 did not complete with exit 0: $(grep -o 'ArrayTaskId=[0-9]*\|JobState=[A-Z_]*\|ExitCode=[0-9:]*' <<< "$jobs" | tr '\n' ' ')"
  fi
}

status=0
bash "$slurm_scripts/single_node.sh" start "$state" || status=$?
if [[ $status -eq 77 ]]; then exit 77; fi
[[ $status -eq 0 ]] || fail "single_node.sh start exited $status"

"$repro" run "$study" --tier smoke --allow-skipped --out "$scratch/whole" > "$scratch/whole.log" 2>&1 \
  || { tail -n 30 "$scratch/whole.log"; fail "the one-process reference run failed"; }
whole_units=$(ls "$scratch/whole/$study/units" | wc -l)
echo "one process: $whole_units units"

submitted=$(bash "$slurm_scripts/submit.sh" "$study" --tier smoke --shards 3 --out "$out" --repro "$repro" \
  --repro-option --allow-skipped -- --hold) || fail "submit.sh failed: $submitted"
echo "$submitted"
array=$(sed -n 's/^submit.sh: shard array job \([0-9]*\) .*/\1/p' <<< "$submitted")
final=$(sed -n 's/^submit.sh: final job \([0-9]*\) .*/\1/p' <<< "$submitted")
[[ -n $array && -n $final ]] || fail "submit.sh printed no job ids"

scontrol release "$array"
wait_for "$array"
check_completed "$array"
tasks=$(grep -o 'ArrayTaskId=[0-9]*' <<< "$jobs" | sort | tr '\n' ' ')
[[ $tasks == "ArrayTaskId=1 ArrayTaskId=2 ArrayTaskId=3 " ]] || fail "the shard array ran tasks '$tasks', not 1, 2 and 3"
units=$(ls "$out/$study/units" 2>/dev/null | wc -l)
[[ $units -eq $whole_units ]] || fail "the 3 shards wrote $units run units to $out/$study/units, the one process $whole_units"
[[ ! -e $out/$study/results.json ]] || fail "a shard wrote $out/$study/results.json"
echo "3 shard tasks completed: $units units, no results.json"

scontrol release "$final"
wait_for "$final"
check_completed "$final"
[[ -f $out/$study/results.json ]] || fail "the final job wrote no $out/$study/results.json"
[[ -f $out/report.md ]] || fail "the final job wrote no report ($out/report.md)"
python3 "$here/same_results.py" "$scratch/whole/$study/results.json" "$out/$study/results.json" || fail "the sharded results differ"
echo "slurm_shards: 3 shards and the final job give the one-process results"
