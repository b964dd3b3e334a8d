#!/usr/bin/env bash
# Rendering speed, measured side by side in one run: `espeak-ng -w` reading the whole
# manuscript with one voice, then `audiobook render` with --jobs 1 and with the default.
# Prints wall seconds, seconds of audio and audio seconds per wall second (medians of RUNS).
# usage: scripts/bench-render.sh AUDIOBOOK_BINARY MANUSCRIPT [RUNS]
set -euo pipefail
bin=$(realpath "$1"); manuscript=$(realpath "$2"); runs=${3:-3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s%N; }
seconds_between() { awk -v s="$1" -v e="$2" 'BEGIN {printf "%.3f\n", (e - s) / 1e9}'; }
wav_seconds() { sox --i -D "$1"; }
total_wav_seconds() { local t=0; for f in "$@"; do t=$(awk -v t="$t" -v d="$(wav_seconds "$f")" 'BEGIN {print t + d}'); done; echo "$t"; }

row() { # name wall audio
  awk -v n="$1" -v w="$2" -v a="$3" 'BEGIN {printf "%-28s wall %8.2f s  audio %9.1f s  %7.0f audio s / wall s\n", n, w, a, a / w}'
}

cli_walls=(); one_walls=(); many_walls=()
for i in $(seq "$runs"); do
  s=$(now); espeak-ng -v en-us -f "$manuscript" -w "$work/cli.wav"; e=$(now); cli_walls+=("$(seconds_between "$s" "$e")")
  rm -rf "$work/one" "$work/many"
  s=$(now); "$bin" render "$manuscript" --output "$work/one" --jobs 1 --quiet; e=$(now); one_walls+=("$(seconds_between "$s" "$e")")
  s=$(now); "$bin" render "$manuscript" --output "$work/many" --quiet; e=$(now); many_walls+=("$(seconds_between "$s" "$e")")
done
cli_audio=$(wav_seconds "$work/cli.wav")
book=$(basename "${manuscript%.*}")
one_audio=$(total_wav_seconds "$work/one/$book"/scene-*.wav)
cli=$(printf '%s\n' "${cli_walls[@]}" | median)
one=$(printf '%s\n' "${one_walls[@]}" | median)
many=$(printf '%s\n' "${many_walls[@]}" | median)
echo "manuscript: $manuscript ($(wc -w < "$manuscript") words), medians of $runs runs, $(nproc) cores"
row "espeak-ng -w (one voice)" "$cli" "$cli_audio"
row "audiobook render --jobs 1" "$one" "$one_audio"
row "audiobook render (default)" "$many" "$one_audio"
awk -v c="$cli" -v o="$one" -v m="$many" 'BEGIN {printf "wall ratio vs espeak-ng -w: --jobs 1 %.2f, default %.2f\n", o / c, m / c}'
