#!/usr/bin/env python3
"""same_results.py A B [--except ID]...: two results.json agree on what a run decided and measured.

Compared: the claims (id, verdict, measured, comparison, reason), the checks (id, status,
measured), and the runs' tables, plots and numerics; not the timings. Exit 0 when they agree,
1 (naming both files and the first difference) when they differ, 2 for bad usage. Used by
kill_and_resume.sh, shards_equal_one_process.sh and slurm_shards.sh.

--except ID (repeatable; also the space-separated ids in $REPRO_SAME_RESULTS_EXCEPT) leaves out
the tables and plots with that id and the measured values under that key: for values measured
in time (a timing unit computed again gives other samples, so a resumed or sharded run that
computed it in another process differs there by nature, while everything trained must agree).
"""
import json
import os
import sys


def without(value, excepted):
    if isinstance(value, dict):
        return {k: without(v, excepted) for k, v in value.items() if k not in excepted}
    if isinstance(value, list):
        return [without(v, excepted) for v in value]
    return value


def essence(r, excepted):
    kept = lambda items: [i for i in (items or []) if i.get("id") not in excepted]
    return {"claims": [{k: without(c.get(k), excepted) for k in ("id", "verdict", "measured", "comparison", "reason")}
                       for c in r["claims"]],
            "checks": [{k: without(c.get(k), excepted) for k in ("id", "status", "measured")}
                       for c in r.get("checks", [])],
            "tables": kept(r.get("tables")), "plots": kept(r.get("plots")), "numerics": r.get("numerics")}


def first_difference(a, b, path=""):
    if type(a) != type(b):
        return path or "/"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            found = first_difference(a.get(k), b.get(k), f"{path}/{k}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path} (length {len(a)} vs {len(b)})"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {str(a)[:60]} vs {str(b)[:60]}"


args = sys.argv[1:]
excepted = set(os.environ.get("REPRO_SAME_RESULTS_EXCEPT", "").split())
files = []
while args:
    arg = args.pop(0)
    if arg == "--except" and args:
        excepted.add(args.pop(0))
    elif not arg.startswith("--"):
        files.append(arg)
    else:
        files = []
        break
if len(files) != 2:
    print("usage: same_results.py A/results.json B/results.json [--except ID]...", file=sys.stderr)
    sys.exit(2)
a, b = (essence(json.load(open(p)), excepted) for p in files)
difference = first_difference(a, b)
if difference:
    print(f"same_results: {files[1]} differs from {files[0]} at {difference}")
    sys.exit(1)
