#!/usr/bin/env bash
# Times `audiobook script` on a manuscript and on a copy 50 times as long (about 45 MB for
# OliverTwist), and prints medians and the ratio; linear time gives a ratio near 50.
# usage: scripts/bench-script.sh AUDIOBOOK_BINARY MANUSCRIPT [RUNS]
set -euo pipefail
bin=$1; manuscript=$2; runs=${3:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_run() {
  local s e
  s=$(date +%s%N); "$bin" script "$1" --format json > /dev/null 2>&1; e=$(date +%s%N)
  awk -v s="$s" -v e="$e" 'BEGIN {printf "%.4f\n", (e - s) / 1e9}'
}
for i in $(seq 50); do cat "$manuscript"; echo; done > "$work/x50.txt"
size=$(stat -c %s "$manuscript"); big=$(stat -c %s "$work/x50.txt")
one=$(for i in $(seq "$runs"); do time_run "$manuscript"; done | median)
fifty=$(for i in 1 2 3; do time_run "$work/x50.txt"; done | median)
printf 'script  %-44s %9d bytes  median %7.3f s (%d runs)\n' "$manuscript" "$size" "$one" "$runs"
printf 'script  %-44s %9d bytes  median %7.3f s (3 runs)\n' "the same text 50 times" "$big" "$fifty"
awk -v a="$one" -v b="$fifty" 'BEGIN {printf "ratio 50x / 1x: %.1f (linear: 50)\n", b / a}'
# One scene: the text without its headings and scene breaks, once, twice and four times over;
# linear time in the length of a scene doubles with each.
python3 - "$manuscript" "$work" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
paragraphs = [p for p in re.split(r"\n\s*\n", text)
              if p.strip() and not re.match(r"\s*(CHAPTER|Chapter|BOOK|PART|#)", p) and not re.fullmatch(r"[\s*#~_=-]+", p)]
one = "\n\n".join(paragraphs) + "\n"
for copies in (1, 2, 4):
    open(f"{sys.argv[2]}/scene{copies}.txt", "w", encoding="utf-8").write("\n\n".join([one] * copies))
PY
for copies in 1 2 4; do
  t=$(for i in 1 2 3; do time_run "$work/scene$copies.txt"; done | median)
  printf 'script  %-44s %9d bytes  median %7.3f s (3 runs)\n' "the text as one scene, x$copies" "$(stat -c %s "$work/scene$copies.txt")" "$t"
done
