#!/usr/bin/env bash
# The path to a playable audiobook file, measured side by side in one run (medians of RUNS):
#   espeak-ng -w on the whole text; `render` alone; `render --m4b` from nothing; `render --m4b`
#   when only the M4B is missing; `render --m4b` after changing one minor character's pitch;
#   each with its ratio to espeak-ng -w. Then the chapter marks of the M4B against the cues.
# usage: scripts/bench-m4b.sh AUDIOBOOK_BINARY MANUSCRIPT [RUNS]
source "$(dirname "$0")/bench-common.sh" "$@"
cp -r "$here/Voices" "$work/voices"
render() { "$bin" render "$manuscript" --voices "$work/voices" --quiet "$@"; }
# The minor character: a speaker with 1-3% of the dialogue lines, given a profile of their own.
"$bin" cast "$manuscript" --voices "$work/voices" > "$work/cast.txt" 2>/dev/null
minor=$(python3 - "$work/cast.txt" <<'PY'
import re, sys
rows = [re.match(r"^(.*?\S)\s+(\d+)  ", line) for line in open(sys.argv[1]).read().splitlines()[1:]]
rows = [(m.group(1), int(m.group(2))) for m in rows if m]
total = sum(n for _, n in rows)
print(next(name for name, n in rows if name not in ("narrator", "unknown") and 0.01 * total <= n <= 0.03 * total))
PY
)
"$bin" cast "$manuscript" --voices "$work/voices" --write > /dev/null 2>&1
cli=(); plain=(); m4b=(); missing=(); tuned=(); encoded=()
for i in $(seq "$runs"); do
  cli+=("$(timed espeak-ng -v en-us -f "$manuscript" -w "$work/cli.wav")")
  rm -rf "$work/plain" "$work/m4b"
  plain+=("$(timed render --output "$work/plain" --no-cache)")
  m4b+=("$(timed render --output "$work/m4b" --no-cache --m4b)")
  rm -f "$work/m4b/$book/$book.m4b"
  missing+=("$(timed render --output "$work/m4b" --m4b)")
  # The minor character's pitch changes (to a value it never had before): timed, then once more to count.
  sed -i "s/^pitch: .*/pitch: $((20 + 2 * i))/" "$work/voices/$minor.yaml"
  tuned+=("$(timed render --output "$work/m4b" --m4b)")
  sed -i "s/^pitch: .*/pitch: $((21 + 2 * i))/" "$work/voices/$minor.yaml"
  encoded+=("$("$bin" render "$manuscript" --voices "$work/voices" --output "$work/m4b" --m4b 2>/dev/null | sed -n 's/.*; \([0-9]*\) scenes\{0,1\} encoded afresh.*/\1/p')")
done
cli_m=$(m "${cli[@]}"); plain_m=$(m "${plain[@]}"); m4b_m=$(m "${m4b[@]}"); missing_m=$(m "${missing[@]}"); tuned_m=$(m "${tuned[@]}")
scenes=$(ls "$work/m4b/$book"/scene-*.wav | wc -l)
echo "manuscript: $manuscript ($(wc -w < "$manuscript") words, $scenes scenes), medians of $runs runs, $(nproc) cores"
echo "minor character: $minor (scenes encoded again after a pitch change: ${encoded[*]})"
row() { awk -v n="$1" -v w="$2" -v c="$cli_m" -v r="$3" -v rn="$4" 'BEGIN {printf "%-46s %8.2f s   %6.3f x espeak-ng -w   %6.3f x %s\n", n, w, w / c, w / r, rn}'; }
awk -v w="$cli_m" 'BEGIN {printf "%-46s %8.2f s\n", "espeak-ng -w, one voice", w}'
row "render (WAVs and cue files)" "$plain_m" "$plain_m" "render"
row "render --m4b from nothing" "$m4b_m" "$plain_m" "render"
row "render --m4b, only the M4B missing" "$missing_m" "$m4b_m" "render --m4b"
row "render --m4b after a minor voice change" "$tuned_m" "$m4b_m" "render --m4b"
python3 "$here/scripts/check-m4b.py" "$work/m4b/$book"
