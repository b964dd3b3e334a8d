#!/usr/bin/env bash
# Rendering speed and memory, measured side by side in one run (medians of RUNS):
#   espeak-ng -w on the whole text with one voice; two espeak-ng -w at once on its halves (what the
#   cores allow); a full render with --jobs 1 and with the
#   default; a second render with nothing changed; a render after changing the pitch of one
#   minor character (1-3% of the dialogue lines); a one-scene preview, cold and with the render
#   beside it; peak resident memory of a full render, and of one twice as long.
# usage: scripts/bench-render.sh AUDIOBOOK_BINARY MANUSCRIPT [RUNS]
source "$(dirname "$0")/bench-common.sh" "$@"
peak_mb() { sync; /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.1f\n", $1 / 1024}'; }
wav_total() { local t=0 f; for f in "$@"; do t=$(awk -v t="$t" -v d="$(sox --i -D "$f")" 'BEGIN {print t + d}'); done; echo "$t"; }

# Voices: the project's defaults, copied so that the bench can change one profile.
cp -r "$here/Voices" "$work/voices"
render() { "$bin" render "$manuscript" --voices "$work/voices" --quiet "$@"; }

# The minor character: a speaker with 1-3% of the dialogue lines.
"$bin" cast "$manuscript" --voices "$work/voices" > "$work/cast.txt" 2>/dev/null
read -r total minor_lines minor < <(python3 - "$work/cast.txt" <<'PY'
import re, sys
rows = [re.match(r"^(.*?\S)\s+(\d+)  ", line) for line in open(sys.argv[1]).read().splitlines()[1:]]
rows = [(m.group(1), int(m.group(2))) for m in rows if m]
total = sum(n for _, n in rows)
minor = next((name, n) for name, n in rows if name not in ("narrator", "unknown") and 0.01 * total <= n <= 0.03 * total)
print(total, minor[1], minor[0])
PY
)
"$bin" cast "$manuscript" --voices "$work/voices" --write > /dev/null 2>&1
profile=$(ls "$work/voices" | grep -Fx "$minor.yaml" || true)

# The same text in two halves, for two espeak-ng processes at once: what this machine's cores allow.
lines=$(wc -l < "$manuscript")
head -n $((lines / 2)) "$manuscript" > "$work/half1.txt"; tail -n +$((lines / 2 + 1)) "$manuscript" > "$work/half2.txt"
both() { espeak-ng -v en-us -f "$work/half1.txt" -w "$work/half1.wav" & espeak-ng -v en-us -f "$work/half2.txt" -w "$work/half2.wav"; wait; }

cli=(); pair=(); one=(); full=(); again=(); tuned=(); cold=(); warm=()
for i in $(seq "$runs"); do
  cli+=("$(timed espeak-ng -v en-us -f "$manuscript" -w "$work/cli.wav")")
  pair+=("$(timed both)")
  rm -f "$work/half1.wav" "$work/half2.wav"
  rm -rf "$work/one" "$work/full"
  one+=("$(timed render --output "$work/one" --jobs 1 --no-cache)")
  full+=("$(timed render --output "$work/full" --no-cache)")
  again+=("$(timed render --output "$work/full")")
  # Change the minor character's pitch (alternating, so every run changes it).
  pitch=$((30 + i % 2 * 40))
  sed -i "s/^pitch: .*/pitch: $pitch/" "$work/voices/$profile"
  tuned+=("$(timed render --output "$work/full")")
  scene=$(( $(ls "$work/full/$book"/scene-*.wav | wc -l) / 2 + 1 ))
  cold+=("$(timed "$bin" preview "$manuscript" --scene "$scene" --voices "$work/voices" --output "$work/p.wav" --render-output "$work/none")")
  warm+=("$(timed "$bin" preview "$manuscript" --scene "$scene" --voices "$work/voices" --output "$work/p.wav" --render-output "$work/full")")
done
cli_m=$(m "${cli[@]}"); pair_m=$(m "${pair[@]}"); one_m=$(m "${one[@]}"); full_m=$(m "${full[@]}"); again_m=$(m "${again[@]}")
tuned_m=$(m "${tuned[@]}"); cold_m=$(m "${cold[@]}"); warm_m=$(m "${warm[@]}")
audio=$(wav_total "$work/full/$book"/scene-*.wav); cli_audio=$(sox --i -D "$work/cli.wav")
rm -rf "$work/mem1" "$work/mem2"
mem1=$(peak_mb "$bin" render "$manuscript" --voices "$work/voices" --output "$work/mem1" --quiet --no-cache)
cat "$manuscript" "$manuscript" > "$work/${book}-twice.txt"
mem2=$(peak_mb "$bin" render "$work/${book}-twice.txt" --voices "$work/voices" --output "$work/mem2" --quiet --no-cache)

echo "manuscript: $manuscript ($(wc -w < "$manuscript") words, $(ls "$work/full/$book"/scene-*.wav | wc -l) scenes), medians of $runs runs, $(nproc) cores"
echo "minor character: $minor ($minor_lines of $total dialogue lines)"
row() { awk -v n="$1" -v w="$2" -v r="$3" -v rn="$4" 'BEGIN {printf "%-44s %8.2f s   %6.3f x %s\n", n, w, w / r, rn}'; }
awk -v w="$cli_m" -v a="$cli_audio" 'BEGIN {printf "%-44s %8.2f s   (%.0f s of audio, %.0f audio s / wall s)\n", "espeak-ng -w, one voice", w, a, a / w}'
awk -v w="$pair_m" -v c="$cli_m" 'BEGIN {printf "%-44s %8.2f s   %6.3f x espeak-ng -w (the cores\x27 limit)\n", "2 x espeak-ng -w at once, half the text each", w, w / c}'
awk -v w="$one_m" -v a="$audio" -v c="$cli_m" 'BEGIN {printf "%-44s %8.2f s   %6.3f x espeak-ng -w (%.0f s of audio, %.0f audio s / wall s)\n", "full render, --jobs 1", w, w / c, a, a / w}'
awk -v w="$full_m" -v a="$audio" -v c="$cli_m" 'BEGIN {printf "%-44s %8.2f s   %6.3f x espeak-ng -w (%.0f audio s / wall s)\n", "full render, default jobs", w, w / c, a / w}'
row "render again, nothing changed" "$again_m" "$full_m" "full render"
row "render after one minor character's pitch" "$tuned_m" "$full_m" "full render"
row "preview of one scene (cold)" "$cold_m" "$full_m" "full render"
row "preview of one scene (render beside it)" "$warm_m" "$full_m" "full render"
echo "peak resident memory, full render: ${mem1} MB; twice as long: ${mem2} MB ($(awk -v a="$mem1" -v b="$mem2" 'BEGIN {printf "%+.1f%%", (b / a - 1) * 100}'))"
