#!/usr/bin/env bash
# benches/serve.sh: how long after an edit `lifecycle serve` (and `hugo server`) serves the
# new bytes, on generated corpora.
#
#   bash benches/serve.sh [N...]          (default N: 1000 10000)
#
# For each N: generate the corpus (`gen-site`, seed $SEED, with the Hugo pages) on tmpfs,
# start `lifecycle serve` on it, and time EDITS edits of one release file (in turn its
# summary line, its end-of-support date and its components) from the write to the moment
# its page is served with the new bytes (`examples/serve_bench.rs`, polling every 2 ms),
# and to the moment the whole site is the new build's (serve sends the edited file's
# pages ahead of the rest of a rebuild; the home page's answer waits for the rest); then
# the same for `hugo server` (fast render mode) editing that release's page, when Hugo is
# on PATH. Prints a Markdown table of medians for BENCHMARKS.md.
#
# Environment: EDITS (10), SEED (1), BENCH_DIR (/dev/shm/lifecycle-serve-bench; removed
# afterwards unless KEEP=1), CARGO_TARGET_DIR.
set -euo pipefail

EDITS=${EDITS:-10}
SEED=${SEED:-1}
# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_sizes "$0" "$@"

log "building lifecycle, gen-site and serve-bench (release)"
(cd "$ROOT" && cargo build --release --quiet --bin lifecycle --example gen-site --example serve-bench)
LIFECYCLE=$TARGET/release/lifecycle
GEN=$TARGET/release/examples/gen-site
BENCH=$TARGET/release/examples/serve-bench

BENCH_DIR=${BENCH_DIR:-/dev/shm/lifecycle-serve-bench}
[ -d "$(dirname "$BENCH_DIR")" ] && [ -w "$(dirname "$BENCH_DIR")" ] || BENCH_DIR=$(mktemp -d)
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$BENCH_DIR"' EXIT

declare -A LC LW HG
for n in "${NS[@]}"; do
  dir=$BENCH_DIR/n$n
  bench_corpus "$dir" "$n"
  log "N=$n: lifecycle serve, $EDITS edits"
  "$BENCH" lifecycle "$LIFECYCLE" "$dir/site" --edits "$EDITS" | tee "$dir/lifecycle.txt" >&2
  LC[$n]=$(awk '/^median_ms/ {print $2}' "$dir/lifecycle.txt")
  LW[$n]=$(awk '/^median_whole_ms/ {print $2}' "$dir/lifecycle.txt")
  if command -v hugo >/dev/null; then
    log "N=$n: hugo server, $EDITS edits"
    "$BENCH" hugo "$dir/hugo" --edits "$EDITS" | tee "$dir/hugo.txt" >&2
    HG[$n]=$(awk '/^median_ms/ {print $2}' "$dir/hugo.txt")
  else
    HG[$n]="(no hugo on PATH)"
  fi
done

echo "## Serve: edit -> new bytes served, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "- machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "- lifecycle $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?'); $(command -v hugo >/dev/null && hugo version | cut -d' ' -f1-2 || echo 'no hugo')"
echo "- $EDITS edits per tool and N (median), seed $SEED, work dir $BENCH_DIR"
echo
echo "| N | lifecycle serve: edited page (ms) | lifecycle serve: whole site (ms) | hugo server (ms) |"
echo "|---:|---:|---:|---:|"
for n in "${NS[@]}"; do
  echo "| $n | ${LC[$n]} | ${LW[$n]} | ${HG[$n]} |"
done
