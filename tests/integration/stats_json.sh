#!/usr/bin/env bash
# A `repro` command (stats, list --json, plan --json) prints JSON that satisfies a condition.
# Usage: stats_json.sh <repro> '<python expression over j that must be True>' -- <repro args...>
set -euo pipefail
repro=$1 condition=$2
shift 2
[[ $1 == "--" ]] && shift
output=$("$repro" "$@")
echo "$output"
python3 -c '
import json, sys
j = json.loads(sys.argv[1])
ok = eval(sys.argv[2], {"abs": abs}, {"j": j})
print("condition", sys.argv[2], "->", ok)
sys.exit(0 if ok else 1)
' "$output" "$condition"
