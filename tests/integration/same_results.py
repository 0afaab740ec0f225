#!/usr/bin/env python3
"""same_results.py A B: two results.json agree on what a run decided and measured.

Compared: the claims (id, verdict, measured, comparison, reason), the checks (id, status,
measured), and the runs' tables, plots and numerics; not the timings. Exit 0 when they agree,
1 (naming both files) when they differ, 2 for bad usage. Used by kill_and_resume.sh and slurm_shards.sh.
"""
import json
import sys


def essence(r):
    return ([{k: c.get(k) for k in ("id", "verdict", "measured", "comparison", "reason")} for c in r["claims"]],
            [{k: c.get(k) for k in ("id", "status", "measured")} for c in r.get("checks", [])],
            r.get("tables"), r.get("plots"), r.get("numerics"))


if len(sys.argv) != 3:
    print("usage: same_results.py A/results.json B/results.json", file=sys.stderr)
    sys.exit(2)
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if essence(a) != essence(b):
    print(f"same_results: {sys.argv[2]} differs from {sys.argv[1]}")
    sys.exit(1)
