#!/usr/bin/env bash
# The README's main job at the smoke tier: `repro run all`, then `repro report`, then checks that
# every claim of every results.json appears in report.md, claims.csv and in the HTML report's
# DOM as headless Chromium renders it.
# Usage: end_to_end_report.sh <repro> <scratch dir>
set -euo pipefail
repro=$1 out=$2
rm -rf "$out"
"$repro" run all --tier smoke --out "$out"
"$repro" report "$out"
for file in report.md report.html claims.csv; do
  [[ -s "$out/$file" ]] || { echo "missing $out/$file" >&2; exit 1; }
done
claim_ids=$(python3 -c '
import json, pathlib, sys
for path in sorted(pathlib.Path(sys.argv[1]).glob("*/results.json")):
    for claim in json.loads(path.read_text())["claims"]:
        print(claim["id"])
' "$out")
count=$(wc -l <<<"$claim_ids")
echo "checking $count claims"
[[ $count -ge 20 ]] || { echo "expected at least 20 audit claims, found $count" >&2; exit 1; }
csv_rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1]))))' "$out/claims.csv")
[[ $csv_rows -eq $count ]] || { echo "claims.csv has $csv_rows rows for $count claims" >&2; exit 1; }
while read -r id; do
  grep -q -- "$id" "$out/report.md" || { echo "report.md lacks claim $id" >&2; exit 1; }
done <<<"$claim_ids"

if ! command -v chromium >/dev/null; then
  echo "chromium is not installed: the browser check is skipped (scripts/install-dependencies.sh installs it)"
  exit 0
fi
profile=$(mktemp -d)
dom="$out/report.dom.html"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --dump-dom "file://$(realpath "$out/report.html")" > "$dom" 2>/dev/null
rm -rf "$profile"
grep -q 'id="claims"' "$dom" || { echo "the rendered report has no element with id=\"claims\"" >&2; exit 1; }
while read -r id; do
  grep -q -- "$id" "$dom" || { echo "the rendered report lacks claim $id" >&2; exit 1; }
done <<<"$claim_ids"
echo "report checked: $count claims in report.md, claims.csv and the rendered HTML"
