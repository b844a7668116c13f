#!/usr/bin/env bash
# benches/instructions.sh: how many instructions `lifecycle build` executes, counted by
# valgrind's callgrind. Unlike wall time, the count does not move with the machine's load,
# so two commits (or two templates) can be compared to a fraction of a percent in one run
# each; it leaves out the kernel's share (writing files, page faults), which compare.sh's
# wall times include.
#
#   bash benches/instructions.sh [N...]          (default N: 1000)
#
# For each N: generate the corpus (`gen-site`, seed $SEED) on tmpfs and build it once under
# callgrind (one thread at a time: the count is what matters, not the time, ~25 s at
# N = 1,000). Prints the total and the functions of lifecycle that include the most, with
# their share; the callgrind file is kept in $BENCH_DIR/n<N>/callgrind.out for
# `callgrind_annotate --inclusive=yes`.
#
# Environment: SEED (1), TOP (25 functions), BENCH_DIR (/dev/shm/lifecycle-instructions),
# CARGO_TARGET_DIR. Needs root or sudo the first time, to install valgrind from Debian.
set -euo pipefail

SEED=${SEED:-1}
TOP=${TOP:-25}
AS_OF=2026-11-25 # gen-site's AS_OF: after every date in the corpus
# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if [ "$#" -eq 0 ]; then set -- 1000; fi
bench_sizes "$0" "$@"

if ! command -v valgrind >/dev/null; then
  log "installing valgrind"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y valgrind >&2 ||
    { $SUDO apt-get -o DPkg::Lock::Timeout=600 update >&2 && $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y valgrind >&2; }
fi

log "building lifecycle and gen-site (release)"
(cd "$ROOT" && cargo build --release --quiet --bin lifecycle --example gen-site)
LIFECYCLE=$TARGET/release/lifecycle
GEN=$TARGET/release/examples/gen-site

BENCH_DIR=${BENCH_DIR:-/dev/shm/lifecycle-instructions}
[ -d "$(dirname "$BENCH_DIR")" ] && [ -w "$(dirname "$BENCH_DIR")" ] || BENCH_DIR=$(mktemp -d)
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"

echo "## Instructions of \`lifecycle build\`, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "- lifecycle $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'); $(valgrind --version)"
echo "- seed $SEED, as of $AS_OF; callgrind files in $BENCH_DIR"
for n in "${NS[@]}"; do
  dir=$BENCH_DIR/n$n
  mkdir -p "$dir"
  log "N=$n: generating"
  "$GEN" "$dir/site" "$n" --seed "$SEED" >&2
  log "N=$n: building under callgrind"
  valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" \
    "$LIFECYCLE" build --site "$dir/site" --out "$dir/out" --as-of "$AS_OF" 2>"$dir/valgrind.txt" >/dev/null ||
    { cat "$dir/valgrind.txt" >&2; exit 1; }
  total=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$dir/valgrind.txt")
  echo
  echo "### N = $n: $(awk -v t="$total" 'BEGIN {printf "%.1f", t / 1e6}') million instructions"
  echo
  echo "| instructions (M) | share | function (inclusive) |"
  echo "|---:|---:|---|"
  # Lines of lifecycle's own functions ("N (P%)  /path/src/x.rs:lifecycle::a::b [binary]");
  # code inlined from elsewhere repeats a function under another file: keep its first line.
  callgrind_annotate --inclusive=yes "$dir/callgrind.out" 2>/dev/null |
    sed -nE 's/^ *([0-9,]+) +\( *([0-9.]+%)\) +[^ ]*\.rs:(lifecycle::[^ ]+).*$/\1 \2 \3/p' |
    awk '!seen[$3]++' |
    head -n "$TOP" |
    awk '{gsub(",", "", $1); printf "| %.1f | %s | `%s` |\n", $1 / 1e6, $2, $3}'
done
