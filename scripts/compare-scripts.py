#!/usr/bin/env python3
"""Compares the scripts two builds of audiobook make, line by line, on every dev novel (with and
without its PDNC cast) and on Examples/: the before/after check of a change that should decide
nothing differently.

usage: scripts/compare-scripts.py OLD_BINARY NEW_BINARY [--fields speaker,rule,confidence]

Prints, per field, how many lines differ (and the first few), and exits non-zero when a line's
kind, text or offsets differ, or when a compared field differs.
"""
import argparse, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def inputs():
    corpus = os.path.join(SHARED, "pdnc-dev")
    novels = sorted(n for n in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, n))) if os.path.isdir(corpus) else []
    work = tempfile.mkdtemp(prefix="compare-scripts-")
    for name in novels:
        folder = os.path.join(corpus, name)
        cast = os.path.join(work, name + ".cast.yaml")
        with open(cast, "w") as handle:
            subprocess.run([sys.executable, os.path.join(SHARED, "eval", "pdnc_cast.py"), folder], stdout=handle, check=True)
        yield f"{name} plain", [os.path.join(folder, "novel_text.txt")]
        yield f"{name} cast", [os.path.join(folder, "novel_text.txt"), "--cast", cast]
    yield "lighthouse plain", [os.path.join(ROOT, "Examples", "lighthouse.md")]
    yield "lighthouse cast", [os.path.join(ROOT, "Examples", "lighthouse.md"), "--cast", os.path.join(ROOT, "Examples", "lighthouse.cast.yaml")]


def lines(binary, arguments):
    out = subprocess.run([binary, "script", *arguments, "--format", "json"], capture_output=True, check=True).stdout
    return [line for scene in json.loads(out)["scenes"] for line in scene["lines"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--fields", default="speaker,rule,confidence")
    arguments = parser.parse_args()
    fields = arguments.fields.split(",")
    differences = {field: 0 for field in fields}
    total, broken = 0, 0
    for name, args in inputs():
        old, new = lines(arguments.old, args), lines(arguments.new, args)
        shape = lambda l: (l["kind"], l["text"], l["start"], l["end"])
        if list(map(shape, old)) != list(map(shape, new)):
            print(f"{name}: the lines themselves differ ({len(old)} before, {len(new)} after)")
            broken += 1
            continue
        for a, b in zip(old, new):
            total += 1
            for field in fields:
                if a.get(field) != b.get(field):
                    differences[field] += 1
                    if differences[field] <= 5:
                        print(f"{name}: {field} {a.get(field)!r} → {b.get(field)!r}: {a['text'][:60]!r}")
    print(f"{total} lines compared; " + ", ".join(f"{field}: {count} differ" for field, count in differences.items()))
    sys.exit(1 if broken or any(differences.values()) else 0)


if __name__ == "__main__":
    main()
