#!/usr/bin/env bash
# The read-along EPUB beside the M4B, measured side by side in one run (medians of RUNS):
#   `render` alone; `render --m4b` and `render --epub` from nothing; each book file alone when
#   only it is missing (the scenes and their pieces rendered); the files' sizes; epubcheck's verdict.
# usage: scripts/bench-epub.sh AUDIOBOOK_BINARY MANUSCRIPT [RUNS]
source "$(dirname "$0")/bench-common.sh" "$@"
render() { "$bin" render "$manuscript" --voices "$here/Voices" --quiet "$@"; }
plain=(); m4b=(); epub=(); m4b_only=(); epub_only=()
for i in $(seq "$runs"); do
  rm -rf "$work/plain" "$work/m4b" "$work/epub"
  plain+=("$(timed render --output "$work/plain" --no-cache)")
  m4b+=("$(timed render --output "$work/m4b" --no-cache --m4b)")
  epub+=("$(timed render --output "$work/epub" --no-cache --epub)")
  rm -f "$work/m4b/$book/$book.m4b"
  m4b_only+=("$(timed render --output "$work/m4b" --m4b)")
  rm -f "$work/epub/$book/$book.epub"
  epub_only+=("$(timed render --output "$work/epub" --epub)")
done
plain_m=$(m "${plain[@]}")
scenes=$(ls "$work/plain/$book"/scene-*.wav | wc -l)
audio=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(round(sum(1 for _ in d['cues'])))" "$work/plain/$book/cues.json")
echo "manuscript: $manuscript ($(wc -w < "$manuscript") words, $scenes scenes, $audio cues), medians of $runs runs, $(nproc) cores"
row() { awk -v n="$1" -v w="$2" -v r="$plain_m" 'BEGIN {printf "%-44s %8.2f s   %6.3f x render\n", n, w, w / r}'; }
row "render (WAVs and cue files)" "$plain_m"
row "render --m4b from nothing" "$(m "${m4b[@]}")"
row "render --epub from nothing" "$(m "${epub[@]}")"
row "render --m4b, only the M4B missing" "$(m "${m4b_only[@]}")"
row "render --epub, only the EPUB missing" "$(m "${epub_only[@]}")"
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN {printf "%.1f MB", b / 1e6}'; }
echo "sizes: $book.m4b $(size "$work/m4b/$book/$book.m4b"), $book.epub $(size "$work/epub/$book/$book.epub"), scene WAVs $(du -cb "$work/plain/$book"/scene-*.wav | awk 'END {printf "%.1f MB", $1 / 1e6}')"
jar=/usr/share/java/epubcheck.jar
if [ -f "$jar" ]; then
  echo "epubcheck: $(java -jar "$jar" "$work/epub/$book/$book.epub" 2>&1 | grep -E '^Messages|No errors' | tr '\n' ' ')"
fi
