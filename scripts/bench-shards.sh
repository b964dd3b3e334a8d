#!/usr/bin/env bash
# Shards against one render, side by side in one run (medians of RUNS): one `render --jobs N`
# against N shards (`--shard K/N --jobs 1`, run at once by GNU parallel into one folder) and the
# `assemble` that follows, with the ratio; then checks the two books are byte-identical.
# usage: scripts/bench-shards.sh AUDIOBOOK_BINARY MANUSCRIPT [RUNS] [N]
source "$(dirname "$0")/bench-common.sh" "$@"
shards=${4:-$(nproc)}
one=(); sharded=(); assembled=()
for i in $(seq "$runs"); do
  rm -rf "$work/one" "$work/shards"
  one+=("$(timed "$bin" render "$manuscript" --voices "$here/Voices" --output "$work/one" --jobs "$shards" --quiet)")
  sharded+=("$(timed parallel -j "$shards" -N0 "$bin" render "$manuscript" --voices "$here/Voices" --output "$work/shards" --shard "auto/$shards" --jobs 1 --quiet ::: $(seq "$shards"))")
  assembled+=("$(timed "$bin" assemble "$manuscript" --voices "$here/Voices" --output "$work/shards" --quiet)")
done
one_m=$(m "${one[@]}"); sh_m=$(m "${sharded[@]}"); as_m=$(m "${assembled[@]}")
echo "manuscript: $manuscript ($(wc -w < "$manuscript") words), medians of $runs runs, $(nproc) cores, $shards shards"
awk -v o="$one_m" -v s="$sh_m" -v a="$as_m" -v n="$shards" 'BEGIN {
  printf "%-44s %8.2f s\n", "render --jobs " n, o
  printf "%-44s %8.2f s   %6.3f x render\n", n " shards at once (--jobs 1 each)", s, s / o
  printf "%-44s %8.2f s\n", "assemble", a
  printf "%-44s %8.2f s   %6.3f x render\n", "shards + assemble", s + a, (s + a) / o }'
book=$(basename "${manuscript%.*}")
if diff -rq --exclude=.audiobook "$work/one/$book" "$work/shards/$book" > /dev/null; then
  echo "identical: every WAV and cue file of the sharded book is the one render's"
else
  echo "DIFFERENT:"; diff -rq --exclude=.audiobook "$work/one/$book" "$work/shards/$book"; exit 1
fi
