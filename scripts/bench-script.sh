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
