#!/usr/bin/env bash
# shards_equal_one_process.sh <repro> <scratch dir> <study>
# `repro run --shard K/N` without a cluster: the study's smoke tier as 3 shards run one after the
# other into one OUT, then a plain run over it, gives the results.json of a one-process run
# (same_results.py), and
#   - every shard exits 0, computes at least one unit and prints its progress (done/total,
#     elapsed, ETA), and none writes results.json;
#   - together the shards write exactly the one-process run's units (file names equal);
#   - the deciding run computes none of them (every unit file keeps its modification time).
set -euo pipefail
repro=$1
scratch=$2
study=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch"
mkdir -p "$scratch"
fail() { echo "shards_equal_one_process: $*"; exit 1; }

"$repro" run "$study" --tier smoke --allow-skipped --out "$scratch/whole" > "$scratch/whole.log" 2>&1 \
  || { tail -n 20 "$scratch/whole.log"; fail "the one-process run failed"; }
out=$scratch/sharded
for shard in 1 2 3; do
  "$repro" run "$study" --tier smoke --allow-skipped --shard "$shard/3" --out "$out" > "$scratch/shard$shard.log" 2>&1 \
    || { tail -n 20 "$scratch/shard$shard.log"; fail "shard $shard/3 exited non-zero"; }
  grep -q "computed [1-9][0-9]* unit(s)" "$scratch/shard$shard.log" \
    || { tail -n 5 "$scratch/shard$shard.log"; fail "shard $shard/3 computed no unit"; }
  grep -q "^  unit 1/[0-9]* .* in .* s; elapsed .*, ETA " "$scratch/shard$shard.log" \
    || fail "shard $shard/3 printed no progress line (done/total, elapsed, ETA)"
  [[ ! -e $out/$study/results.json ]] || fail "shard $shard/3 wrote results.json"
done
diff <(ls "$scratch/whole/$study/units") <(ls "$out/$study/units") > /dev/null \
  || fail "the shards' units differ from the one-process run's: $(diff <(ls "$scratch/whole/$study/units") <(ls "$out/$study/units") | head -5)"
echo "3 shards: $(ls "$out/$study/units" | wc -l) units, the one-process run's"
stamps() { stat -c '%n %Y.%y' "$out/$study/units"/*; }
before=$(stamps)
sleep 0.01
"$repro" run "$study" --tier smoke --allow-skipped --out "$out" > "$scratch/decide.log" 2>&1 \
  || { tail -n 20 "$scratch/decide.log"; fail "the deciding run failed"; }
[[ $(stamps) == "$before" ]] || fail "the deciding run recomputed units the shards had finished"
python3 "$here/same_results.py" "$scratch/whole/$study/results.json" "$out/$study/results.json"
echo "shards_equal_one_process: 3 shards and the deciding run give the one-process results"
