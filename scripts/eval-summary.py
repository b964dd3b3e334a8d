#!/usr/bin/env python3
"""Attribution accuracy on the dev novels, pooled as the issues report it: per novel (plain and with a
cast, per quotation type), then micro-averaged over the first six novels of the dev set, the last eight,
and all of them. The groups follow the order of the dev set's README table (its first six rows are the
novels the rules were first tuned on).

usage: scripts/eval-summary.py SCORES_DIR [DEV_README]
SCORES_DIR holds the NOVEL.plain.score and NOVEL.cast.score files `run_pdnc.sh` writes with SCORES_DIR set."""
import collections, glob, json, os, re, sys

if len(sys.argv) < 2:
    sys.exit(__doc__)
scores_dir = sys.argv[1]
readme = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "pdnc-dev", "README.md")
order = re.findall(r"^\| (\w+) \| \d+ \|", open(readme, encoding="utf-8").read(), re.M)
scores = {}
for path in glob.glob(os.path.join(scores_dir, "*.score")):
    novel, mode = os.path.basename(path).rsplit(".", 2)[:2]
    scores[(novel, mode)] = json.load(open(path))
novels = [n for n in order if (n, "plain") in scores] + sorted(
    {n for n, _ in scores} - set(order))
TYPES = ("Explicit", "Anaphoric", "Implicit")


def cell(rows, mode):
    n = sum(r[mode]["subquotes"] for r in rows)
    c = sum(r[mode]["correct"] for r in rows)
    by = []
    for t in TYPES:
        tn = sum(r[mode]["by_type"].get(t, {}).get("n", 0) for r in rows)
        tc = sum(r[mode]["by_type"].get(t, {}).get("correct", 0) for r in rows)
        by.append(f"{tc / tn:.3f}" if tn else "  -  ")
    return f"{c / n:.3f} ({' '.join(by)})" if n else "-"


rows = {n: {m: scores[(n, m)] for m in ("plain", "cast") if (n, m) in scores} for n in novels}
failed = [n for n in novels if any(r.get("failed") for r in rows[n].values()) or len(rows[n]) < 2]
if failed:
    sys.exit(f"eval-summary: no scores for {', '.join(failed)}")
print(f"{'novel':30s} {'plain (explicit anaphoric implicit)':37s} {'cast (explicit anaphoric implicit)'}")
for n in novels:
    print(f"{n:30s} {cell([rows[n]], 'plain'):37s} {cell([rows[n]], 'cast')}")
groups = [("first six", novels[:6]), ("last eight", novels[6:]), (f"all {len(novels)}", novels)]
print()
for name, members in groups:
    if members:
        chosen = [rows[n] for n in members]
        print(f"{name:30s} {cell(chosen, 'plain'):37s} {cell(chosen, 'cast')}")
low = min(novels, key=lambda n: rows[n]["cast"]["accuracy"])
print(f"\nlowest with a cast: {low} {rows[low]['cast']['accuracy']:.3f}")
