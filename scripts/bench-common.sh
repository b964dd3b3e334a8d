# Shared by the bench scripts (sourced): arguments, a work folder, medians and timing.
# usage inside a script: source "$(dirname "$0")/bench-common.sh" "$@"
set -euo pipefail
bin=$(realpath "$1"); manuscript=$(realpath "$2"); runs=${3:-3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
book=$(basename "${manuscript%.*}")
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Each timed step starts from a quiet disk: `sync` first, so that no step pays for writing back the last one's files.
timed() { local s e; sync; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); awk -v s="$s" -v e="$e" 'BEGIN {printf "%.3f\n", (e - s) / 1e9}'; }
m() { printf '%s\n' "$@" | median; }
