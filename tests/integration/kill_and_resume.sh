#!/usr/bin/env bash
# kill_and_resume.sh <repro> <scratch dir> <study>
# A run killed with SIGKILL and started again gives the results.json (claims: verdicts and
# measured values; checks; the runs' tables, plots and numerics; not the timings) of an
# uninterrupted run (common/run_units.h), at the study's smoke tier (its training runs are run
# units). Cut points:
#   - deterministic: after a complete run, delete all but the first finished unit, rerun;
#   - SIGKILL after 1 and after 3 finished units (a cut that the run outruns is reported, not failed:
#     the deterministic cut always exercises the resume).
# A --fresh rerun redoes every unit and still gives the same results.
set -euo pipefail
repro=$1
scratch=$2
study=$3
rm -rf "$scratch"
mkdir -p "$scratch"
run() { "$repro" run $study --tier smoke --allow-skipped --out "$1" "${@:2}" > "$1.log" 2>&1; }
same() {  # two results.json agree: claims, checks, and the tables, plots and numerics of the runs
  python3 "$(dirname "$0")/same_results.py" "$1" "$2"
}
units() { ls "$1/$study/units" 2>/dev/null | wc -l; }

run "$scratch/whole"
reference="$scratch/whole/$study/results.json"
total=$(units "$scratch/whole")
echo "uninterrupted: $total units"
[[ $total -ge 2 ]] || { echo "kill_and_resume: expected at least 2 run units, found $total"; exit 1; }

# Deterministic cut: as if killed after the first unit.
cp -r "$scratch/whole" "$scratch/cut"
ls "$scratch/cut/$study/units" | tail -n +2 | while read -r unit; do rm "$scratch/cut/$study/units/$unit"; done
kept="$scratch/cut/$study/units/$(ls "$scratch/cut/$study/units" | head -1)"
kept_written=$(stat -c %y "$kept")
rm "$scratch/cut/$study/results.json"
sleep 0.01
run "$scratch/cut"
[[ $(stat -c %y "$kept") == "$kept_written" ]] || { echo "kill_and_resume: the finished unit was redone, not reused"; exit 1; }
[[ $(units "$scratch/cut") -eq $total ]] || { echo "kill_and_resume: the resumed run did not write every unit"; exit 1; }
same "$reference" "$scratch/cut/$study/results.json"
echo "deterministic cut after 1 unit: resumed, results identical"

# SIGKILL cuts.
for cut in 1 3; do
  out="$scratch/kill$cut"
  "$repro" run $study --tier smoke --allow-skipped --out "$out" > "$out.first.log" 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null && [[ $(units "$out") -lt $cut ]]; do sleep 0.02; done
  if kill -9 $pid 2>/dev/null; then
    wait $pid 2>/dev/null || true
    echo "SIGKILL after $(units "$out") finished unit(s)"
  else
    wait $pid || true
    echo "the run finished before the cut at $cut units (not a cut)"
  fi
  run "$out"
  same "$reference" "$out/$study/results.json"
done

run "$scratch/cut" --fresh
[[ $(stat -c %y "$kept") != "$kept_written" ]] || { echo "kill_and_resume: --fresh reused a finished unit"; exit 1; }
same "$reference" "$scratch/cut/$study/results.json"
echo "kill_and_resume: every resumed run and the --fresh run equal the uninterrupted one"
