#!/usr/bin/env bash
# expectations_record.sh <repro> <papers dir> <scratch dir>
# `repro expectations record` on a copy of one study's folder: two base seeds give one measured
# entry per claim of the tier (both runs recorded), the next `repro run` uses them as its
# expectations (basis measured), --reuse-units records again from the units the first record
# left (and says so in each entry's commit), a partial record (--units-of) keeps the entries of the
# claims its runs skip, and one seed alone is refused.
set -euo pipefail
repro=$1 papers=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch/papers"
cp -r "$papers/fixed_point_fashion_mnist" "$scratch/papers/"
rm -f "$scratch/papers/fixed_point_fashion_mnist/expectations.json"
"$repro" expectations record fixed_point_fashion_mnist --tier smoke --seeds 0,1000 \
  --papers-dir "$scratch/papers" --out "$scratch/runs"
python3 - "$scratch/papers/fixed_point_fashion_mnist/expectations.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
assert document["study"] == "fixed_point_fashion_mnist", document
entries = document["entries"]
assert len(entries) >= 3, entries
for entry in entries:
    assert entry["tier"] == "smoke", entry
    assert [run["seed"] for run in entry["runs"]] == [0, 1000], entry
    assert entry["commit"] and entry["date"] and entry["machine"], entry
print(f"{len(entries)} measured entries, both seeds each")
PY
"$repro" run fixed_point_fashion_mnist --tier smoke --papers-dir "$scratch/papers" --out "$scratch/check"
python3 - "$scratch/check/fixed_point_fashion_mnist/results.json" <<'PY'
import json, sys
claims = [c for c in json.load(open(sys.argv[1]))["claims"] if c["expected_basis"] != "schedule"]
assert claims and all(c["expected_basis"] == "measured" for c in claims), [(c["id"], c["expected_basis"]) for c in claims]
print("every smoke claim's expectation is measured")
PY
"$repro" expectations record fixed_point_fashion_mnist --tier smoke --seeds 0,1000 --reuse-units \
  --papers-dir "$scratch/papers" --out "$scratch/runs" > "$scratch/reuse.log"
grep -q "finished unit reused" "$scratch/reuse.log"
python3 - "$scratch/papers/fixed_point_fashion_mnist/expectations.json" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))["entries"]
assert entries and all("run units reused" in entry["commit"] for entry in entries), entries
print(f"{len(entries)} entries recorded again from the finished units")
PY
# A partial record (--units-of none, no units finished) over the committed expectations: the reduced
# tier's trained claims are skipped by both runs, not recorded, and keep their entries; the claims on
# printed numbers are recorded again.
[[ -n ${REPRO_DATA_DIR:-} ]] || { echo "expectations_record: REPRO_DATA_DIR is unset (FashionMNIST needed)" >&2; exit 1; }
cp "$papers/fixed_point_fashion_mnist/expectations.json" "$scratch/papers/fixed_point_fashion_mnist/"
"$repro" expectations record fixed_point_fashion_mnist --tier reduced --seeds 0,1000 --units-of none \
  --papers-dir "$scratch/papers" --out "$scratch/partial" --data-dir "$REPRO_DATA_DIR" > "$scratch/partial.log"
grep -q "not recorded: fixed_point_fashion_mnist/fp32_accuracy_consistent" "$scratch/partial.log"
python3 - "$papers/fixed_point_fashion_mnist/expectations.json" \
  "$scratch/papers/fixed_point_fashion_mnist/expectations.json" <<'PY'
import json, sys
committed, after = (json.load(open(path))["entries"] for path in sys.argv[1:])
reduced = lambda entries: {e["claim"]: e for e in entries if e["tier"] == "reduced"}
assert set(reduced(committed)) <= set(reduced(after)), (sorted(reduced(after)), sorted(reduced(committed)))
assert reduced(after)["fp32_accuracy_consistent"] == reduced(committed)["fp32_accuracy_consistent"]
assert reduced(after)["published_drop_is_significant"]["date"] != reduced(committed)["published_drop_is_significant"]["date"]
assert [e for e in after if e["tier"] != "reduced"] == [e for e in committed if e["tier"] != "reduced"]
print(f"{len(reduced(after))} reduced entries: the skipped claims' kept, the printed-number claims' recorded again")
PY
if "$repro" expectations record fixed_point_fashion_mnist --tier smoke --seeds 0 \
     --papers-dir "$scratch/papers" --out "$scratch/runs" 2> "$scratch/one-seed.err"; then
  echo "one seed was accepted" >&2; exit 1
fi
grep -q "two disjoint seed sets" "$scratch/one-seed.err"
echo "expectations_record: ok"
