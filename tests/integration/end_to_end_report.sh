#!/usr/bin/env bash
# The README's main job at the smoke tier: `repro run all`, then `repro report` (under 5 s), then
# checks that every claim of every results.json appears in report.md, claims.csv and in the HTML
# report's DOM as headless Chromium renders it, and tests/reports/check_report_in_browser.sh's
# page checks (no JSON object in a main-table cell, every SVG text inside its viewBox, every
# figure captioned with its source); screenshots of the front page and of each study section go
# to <scratch dir>/screenshots/.
# Usage: end_to_end_report.sh <repro> <scratch dir>
set -euo pipefail
repro=$1 out=$2
rm -rf "$out"
"$repro" run all --tier smoke --out "$out"
started=$(date +%s.%N)
"$repro" report "$out"
report_seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$started" "$(date +%s.%N)")
echo "repro report took $report_seconds s"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 5 else 1)" "$report_seconds" ||
  { echo "repro report took $report_seconds s (limit 5 s)" >&2; exit 1; }
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
checks=$(dirname "$0")/../reports/check_report_in_browser.sh
"$checks" "$out/report.html" "$out/screenshots" || { echo "the page checks in the browser failed (above)" >&2; exit 1; }
dom="$out/screenshots/report.dom.html"
grep -q 'class="main-table claims"' "$dom" || { echo "the rendered report has no claims table" >&2; exit 1; }
while read -r id; do
  grep -q -- "$id" "$dom" || { echo "the rendered report lacks claim $id" >&2; exit 1; }
done <<<"$claim_ids"
echo "report checked: $count claims in report.md, claims.csv and the rendered HTML; screenshots in $out/screenshots"
