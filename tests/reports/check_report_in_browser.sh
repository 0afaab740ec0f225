#!/usr/bin/env bash
# Loads report.html in headless Chromium: runs tests/reports/dom_checks.js on a copy of the page
# (no main-table cell holds a JSON object, every <svg> text lies inside its viewBox, every figure
# has a caption naming its source) and takes screenshots of the front page and of each study's
# section (a copy of the page showing only that section).
# Usage: check_report_in_browser.sh <report.html> <screenshot dir>
# Prints the checks' lines; exit 0 when no problem, 1 on problems, 2 when chromium is missing.
set -euo pipefail
html=$(realpath "$1") shots=$2
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[[ -n $chromium ]] || { echo "chromium is not installed" >&2; exit 2; }
mkdir -p "$shots"
work=$(mktemp -d "$(dirname "$html")/.browser-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
run_chromium() {  # <window height> <chromium action flags...>
  local height=$1; shift
  local profile; profile=$(mktemp -d)
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
    --user-data-dir="$profile" --hide-scrollbars --window-size=1280,"$height" "$@" 2>/dev/null
  local status=$?
  rm -rf "$profile"
  return $status
}
# The page without its closing tags, then the check script (copies live next to report.html so
# that relative paths still resolve).
body=$(sed -e 's#</body>##' -e 's#</html>##' "$html")
{ printf '%s\n<script>\n' "$body"; cat "$here/dom_checks.js"; printf '</script>\n</body></html>\n'; } > "$work/check.html"
run_chromium 1000 --dump-dom "file://$work/check.html" > "$shots/report.dom.html"
python3 - "$shots/report.dom.html" > "$shots/dom-checks.txt" <<'PY'
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
found = re.findall(r'<pre id="dom-checks">(.*?)</pre>', dom, re.S)  # the last: the script's comment names it too
print(html.unescape(found[-1]) if found else "no-results: the check script did not run")
PY
cat "$shots/dom-checks.txt"

run_chromium 1700 --screenshot="$shots/front.png" "file://$html" >/dev/null
for study in $(grep -o 'class="study" id="study-[A-Za-z0-9_.-]*"' "$html" | sed 's/.*id="study-//; s/"$//'); do
  sed "s#</head>#<style>body > *:not(\#study-$study) { display: none; }</style></head>#" "$html" > "$work/$study.html"
  run_chromium 3600 --screenshot="$shots/study-$study.png" "file://$work/$study.html" >/dev/null
done
! grep -qv '^checked ' "$shots/dom-checks.txt"
