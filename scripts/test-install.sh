#!/usr/bin/env bash
# `make install` into a temporary PREFIX: the binary runs from there, the man page renders,
# and the completion scripts are those of the installed binary for each shell.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
make --no-print-directory install PREFIX="$prefix" >/dev/null
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }
[ -x "$prefix/bin/audiobook" ] || fail "no $prefix/bin/audiobook"
version=$("$prefix/bin/audiobook" --version)
[ -n "$version" ] || fail "audiobook --version printed nothing"
grep -q '^\.Dt AUDIOBOOK 1' "$prefix/share/man/man1/audiobook.1" || fail "the man page has no .Dt AUDIOBOOK 1 header"
grep -q 'render' "$prefix/share/man/man1/audiobook.1" || fail "the man page does not document render"
grep -q '_audiobook' "$prefix/share/bash-completion/completions/audiobook" || fail "no bash completion"
grep -q '#compdef audiobook' "$prefix/share/zsh/site-functions/_audiobook" || fail "no zsh completion"
grep -q "complete -c 'audiobook'" "$prefix/share/fish/vendor_completions.d/audiobook.fish" || fail "no fish completion"
# The installed binary finds its own worker (it re-executes itself) from any folder.
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
printf '"Hello there," said Agnes.\n' > "$work/book.txt"
(cd "$work" && PATH="$prefix/bin:/usr/bin:/bin" audiobook render book.txt --quiet) || fail "the installed binary could not render"
[ -s "$work/Output/book/scene-001.wav" ] || fail "the installed binary wrote no WAV"
echo "test-install: make install PREFIX=… gives the binary ($version), its man page and bash/zsh/fish completions"
echo "test-install: 1 passed, 0 failed"
# Every example of the README, run as written with the installed binary on PATH.
scripts/readme-examples.py --check --path "$prefix/bin"
