#!/usr/bin/env python3
"""Where attribution goes wrong on annotated novels (PDNC layout): errors by rule and quotation type,
confidence bins against accuracy, and (with --show N) N wrong lines of each novel with their context.

usage: scripts/attribution-errors.py AUDIOBOOK_BINARY [NOVEL_DIR…] [--cast] [--show N] [--rule RULE]
                                     [--weights DIR]
Without NOVEL_DIR, every novel of ../shared/pdnc-dev. --cast reads with the cast `pdnc_cast.py` makes.
--weights DIR reads DIR/NOVEL.json with --attribution-weights (the leave-one-novel-out sets of
`scripts/fit-attribution.py --leave-one-out DIR`).
Nothing but the Python standard library is used."""
import bisect
import collections
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..", "..", "shared", "eval")
sys.path.insert(0, EVAL)
import pdnc  # noqa: E402
import score_attribution  # noqa: E402


def script_lines(binary, novel, cast, weights):
    command = [binary, "script", os.path.join(novel, "novel_text.txt"), "--format", "json"]
    name = os.path.basename(os.path.normpath(novel))
    with tempfile.TemporaryDirectory() as work:
        if cast:
            path = os.path.join(work, "cast.yaml")
            with open(path, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(EVAL, "pdnc_cast.py"), novel], stdout=f, check=True)
            command += ["--cast", path]
        if weights:
            command += ["--attribution-weights", os.path.join(weights, f"{name}.json")]
        script = json.loads(subprocess.run(command, stdout=subprocess.PIPE, check=True).stdout)
    return [line for scene in script["scenes"] for line in scene["lines"] if line.get("kind") == "dialogue"]


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args.pop(0))
    cast = "--cast" in args
    show, rule_filter, weights = 0, None, None
    novels = []
    i = 0
    while i < len(args):
        if args[i] == "--show":
            show = int(args[i + 1])
            i += 2
        elif args[i] == "--rule":
            rule_filter = args[i + 1]
            i += 2
        elif args[i] == "--weights":
            weights = args[i + 1]
            i += 2
        elif args[i] == "--cast":
            i += 1
        else:
            novels.append(args[i])
            i += 1
    if not novels:
        data = os.path.join(HERE, "..", "..", "shared", "pdnc-dev")
        novels = [os.path.join(data, n) for n in sorted(os.listdir(data)) if os.path.isdir(os.path.join(data, n))]
    by_rule = collections.Counter()
    wrong_rule = collections.Counter()
    by_type = collections.Counter()
    wrong_type = collections.Counter()
    bins = collections.Counter()
    wrong_bins = collections.Counter()
    for novel in novels:
        text, characters, quotes, by_name = pdnc.load(novel)
        names = {c["id"]: c["main"] for c in characters}
        lines = sorted(
            (int(l["start"]), int(l["end"]), l.get("speaker", ""), l.get("rule", "?"), l.get("confidence", 0))
            for l in script_lines(binary, novel, cast, weights))
        starts = [l[0] for l in lines]
        shown = 0
        for q in quotes:
            for a, b in q["spans"]:
                best, overlap = None, 0
                k = max(bisect.bisect_right(starts, a) - 1, 0)
                while k < len(lines) and lines[k][0] < b:
                    o = min(b, lines[k][1]) - max(a, lines[k][0])
                    if o > overlap:
                        best, overlap = lines[k], o
                    k += 1
                rule = best[3] if best else "missed"
                confidence = best[4] if best else 0
                ok = best is not None and score_attribution.resolve(best[2], characters, by_name) == q["speaker_id"]
                by_rule[rule] += 1
                by_type[q["type"]] += 1
                bin_ = min(int(confidence * 10), 9)
                bins[bin_] += 1
                if not ok:
                    wrong_rule[rule] += 1
                    wrong_type[q["type"]] += 1
                    wrong_bins[bin_] += 1
                    if shown < show and (rule_filter is None or rule == rule_filter):
                        shown += 1
                        before = text[max(0, a - 300):a].replace("\n", " / ")
                        after = text[b:b + 120].replace("\n", " / ")
                        print(f"--- {os.path.basename(novel)} [{q['type']}] gold {names.get(q['speaker_id'], q['speaker'])!r}"
                              f" got {best[2] if best else None!r} by {rule} ({confidence})")
                        print(f"    …{before}«{text[a:b][:200]}»{after}")
    total = sum(by_rule.values())
    print(f"\n{'rule':16s} {'lines':>6s} {'wrong':>6s} {'acc':>6s} {'share of errors':>16s}")
    errors = sum(wrong_rule.values())
    for rule, n in by_rule.most_common():
        print(f"{rule:16s} {n:6d} {wrong_rule[rule]:6d} {1 - wrong_rule[rule] / n:6.3f} {wrong_rule[rule] / max(errors, 1):16.3f}")
    print(f"{'all':16s} {total:6d} {errors:6d} {1 - errors / max(total, 1):6.3f}")
    print(f"\n{'type':16s} {'lines':>6s} {'wrong':>6s} {'acc':>6s}")
    for t, n in by_type.most_common():
        print(f"{t:16s} {n:6d} {wrong_type[t]:6d} {1 - wrong_type[t] / n:6.3f}")
    print(f"\n{'confidence':16s} {'lines':>6s} {'acc':>6s} {'cum. lines':>11s} {'cum. errors':>12s}")
    cum_lines = cum_errors = 0
    for b in range(10):
        if bins[b]:
            cum_lines += bins[b]
            cum_errors += wrong_bins[b]
            print(f"{b / 10:.1f}–{(b + 1) / 10:.1f}{'':8s} {bins[b]:6d} {1 - wrong_bins[b] / bins[b]:6.3f}"
                  f" {cum_lines / total:11.3f} {cum_errors / max(errors, 1):12.3f}")


if __name__ == "__main__":
    main()
