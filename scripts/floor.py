#!/usr/bin/env python3
"""Fail when a scorer metric falls below its floor.

    floor.py eval/floor.txt score.txt

floor.txt holds `metric value` lines (metric names as on the scorer's last
line: tables_row_f1, targets_f1, dept_f1, docs_acc, overall). Floors only rise.
"""
import sys

floors = {}
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if line:
        k, v = line.split()
        floors[k] = float(v)
last = [l for l in open(sys.argv[2], encoding="utf-8") if l.startswith("score ")]
if not last:
    sys.exit("floor: no score line")
got = dict(kv.split("=") for kv in last[-1].split()[1:])
bad = [f"{k} {float(got.get(k, 0)):.3f} < floor {v:.3f}" for k, v in floors.items() if float(got.get(k, 0)) + 1e-9 < v]
for b in bad:
    print("floor: " + b, file=sys.stderr)
if bad:
    sys.exit(1)
print("floor: every metric at or above its floor")
