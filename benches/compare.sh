#!/usr/bin/env bash
# benches/compare.sh: build generated corpora with `lifecycle build` and with Hugo, side by side.
#
#   bash benches/compare.sh [N...]          (default N: 1000 10000)
#
# For each N: generate the corpus (`gen-site`, seed $SEED) on tmpfs, check it is clean
# (`check --strict`), then build it RUNS times with lifecycle and RUNS times with Hugo (the
# same whats_new text as one Markdown page per release, one list page, RSS), interleaved so
# that background load hits both tools alike. Wall time is measured around each build; peak
# RSS comes from `/usr/bin/time -v`; the output directory is removed before each run (outside
# the timing) so both tools write a fresh tree. Then the default site (the repository root)
# is built DEFAULT_RUNS times. Prints machine info and a Markdown table for BENCHMARKS.md.
#
# Environment: RUNS (5), DEFAULT_RUNS (10), WARMUP (1 untimed build per tool and N), SEED (1),
# BENCH_DIR (/dev/shm/lifecycle-bench; removed afterwards unless KEEP=1), CARGO_TARGET_DIR.
# Needs root or sudo the first time, to install `hugo` and `time` from Debian if missing.
set -euo pipefail

RUNS=${RUNS:-5}
DEFAULT_RUNS=${DEFAULT_RUNS:-10}
WARMUP=${WARMUP:-1}
SEED=${SEED:-1}
AS_OF=2026-11-25 # gen-site's AS_OF: after every date in the corpus
# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_sizes "$0" "$@"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# --- tools -------------------------------------------------------------------------------
apt_install() { # package: install from the distribution, refreshing the index only if needed
  local candidate
  candidate=$(apt-cache policy "$1" | awk '/Candidate:/ {print $2}')
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update >&2
  fi
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y "$1" >&2
}
[ -x /usr/bin/time ] || { log "installing time"; apt_install time; }
command -v hugo >/dev/null || { log "installing hugo"; apt_install hugo; }

log "building lifecycle and gen-site (release)"
(cd "$ROOT" && cargo build --release --quiet --bin lifecycle --example gen-site)
LIFECYCLE=$TARGET/release/lifecycle
GEN=$TARGET/release/examples/gen-site

# --- work directory on tmpfs: disk builds are 2-2.5x slower and vary run to run ----------
if [ -z "${BENCH_DIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    BENCH_DIR=/dev/shm/lifecycle-bench
  else
    BENCH_DIR=$(mktemp -d)
    log "warning: no writable /dev/shm; measuring on $BENCH_DIR (disk figures are not comparable)"
  fi
fi
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$BENCH_DIR"' EXIT

# --- measuring ---------------------------------------------------------------------------
# measure OUT_DIR CMD...: run CMD once with OUT_DIR removed first; prints "seconds rss_kb".
measure() {
  local out=$1 tv=$BENCH_DIR/time.txt err=$BENCH_DIR/stderr.txt t0 t1 rss
  shift
  rm -rf "$out"
  t0=$(date +%s%N)
  if ! /usr/bin/time -v -o "$tv" "$@" >/dev/null 2>"$err"; then
    echo "command failed: $*" >&2
    cat "$err" >&2
    exit 1
  fi
  t1=$(date +%s%N)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", (b - a) / 1e9}') $rss"
}
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
minimum() { sort -g | head -n 1; }
maximum() { sort -g | tail -n 1; }
fmt() { awk -v x="$1" -v p="${2:-3}" 'BEGIN {printf "%." p "f", x}'; }

build_lifecycle() { measure "$2" "$LIFECYCLE" build --site "$1" --out "$2" --as-of "$AS_OF"; }
build_hugo() { measure "$2" hugo --quiet --source "$1" --destination "$2"; }

# --- the runs ----------------------------------------------------------------------------
declare -A MEDIAN MIN RSS BYTES FILES HTML
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
for n in "${NS[@]}"; do
  dir=$BENCH_DIR/n$n
  bench_corpus "$dir" "$n"
  if ! "$LIFECYCLE" check --site "$dir/site" --strict --as-of "$AS_OF" 2>"$dir/check.txt" ||
    ! grep -q ' 0 errors, 0 warnings' "$dir/check.txt"; then
    echo "the generated corpus is not clean (N=$n):" >&2
    cat "$dir/check.txt" >&2
    exit 1
  fi
  for ((w = 0; w < WARMUP; w++)); do
    build_lifecycle "$dir/site" "$dir/out-lifecycle" >/dev/null
    build_hugo "$dir/hugo" "$dir/out-hugo" >/dev/null
  done
  : >"$dir/lifecycle.txt"
  : >"$dir/hugo.txt"
  for ((r = 1; r <= RUNS; r++)); do
    log "N=$n: run $r/$RUNS"
    build_lifecycle "$dir/site" "$dir/out-lifecycle" >>"$dir/lifecycle.txt"
    build_hugo "$dir/hugo" "$dir/out-hugo" >>"$dir/hugo.txt"
  done
  for tool in lifecycle hugo; do
    key=$n/$tool
    MEDIAN[$key]=$(cut -d' ' -f1 "$dir/$tool.txt" | median)
    MIN[$key]=$(cut -d' ' -f1 "$dir/$tool.txt" | minimum)
    RSS[$key]=$(cut -d' ' -f2 "$dir/$tool.txt" | maximum)
    BYTES[$key]=$(du -sb "$dir/out-$tool" | cut -f1)
    FILES[$key]=$(find "$dir/out-$tool" -type f | wc -l)
    HTML[$key]=$(find "$dir/out-$tool" -type f -name '*.html' | wc -l)
  done
  rm -rf "$dir/out-lifecycle" "$dir/out-hugo" "$dir/hugo/public"
done

log "default site: $DEFAULT_RUNS builds"
: >"$BENCH_DIR/default.txt"
for ((r = 1; r <= DEFAULT_RUNS; r++)); do
  build_lifecycle "$ROOT" "$BENCH_DIR/out-default" >>"$BENCH_DIR/default.txt"
done
DEFAULT_MEDIAN=$(cut -d' ' -f1 "$BENCH_DIR/default.txt" | median)
DEFAULT_RSS=$(cut -d' ' -f2 "$BENCH_DIR/default.txt" | maximum)
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------
echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "- machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "- kernel: $(uname -sr); $(sed -n 's/^PRETTY_NAME="\(.*\)"$/\1/p' /etc/os-release 2>/dev/null)"
echo "- lifecycle $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'); $(hugo version | cut -d' ' -f1-2)"
echo "- work dir: $BENCH_DIR ($(df --output=fstype "$BENCH_DIR" | tail -n 1)); $RUNS runs per tool and N after $WARMUP warm-up, seed $SEED, as of $AS_OF"
echo "- load average (1, 5, 15 min): $START_LOAD at start, $END_LOAD at end"
echo
echo "| N | tool | median wall s | min s | peak RSS MB | pages/s | HTML files | files | output MB | lifecycle/hugo |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${NS[@]}"; do
  for tool in lifecycle hugo; do
    key=$n/$tool
    ratio=""
    [ "$tool" = lifecycle ] && ratio=$(awk -v a="${MEDIAN[$n/lifecycle]}" -v b="${MEDIAN[$n/hugo]}" 'BEGIN {printf "%.2f", a / b}')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$tool" \
      "$(fmt "${MEDIAN[$key]}")" "$(fmt "${MIN[$key]}")" "$(fmt "$(awk -v k="${RSS[$key]}" 'BEGIN {print k / 1024}')" 0)" \
      "$(fmt "$(awk -v n="$n" -v t="${MEDIAN[$key]}" 'BEGIN {print n / t}')" 0)" \
      "${HTML[$key]}" "${FILES[$key]}" "$(fmt "$(awk -v b="${BYTES[$key]}" 'BEGIN {print b / 1048576}')" 1)" "$ratio"
  done
done
echo
prev=""
for n in "${NS[@]}"; do
  if [ -n "$prev" ]; then
    echo "- lifecycle time($n) / time($prev) = $(awk -v a="${MEDIAN[$n/lifecycle]}" -v b="${MEDIAN[$prev/lifecycle]}" 'BEGIN {printf "%.2f", a / b}') for $(awk -v a="$n" -v b="$prev" 'BEGIN {printf "%g", a / b}')x the releases; output bytes $(awk -v a="${BYTES[$n/lifecycle]}" -v b="${BYTES[$prev/lifecycle]}" 'BEGIN {printf "%.2f", a / b}')x"
  fi
  prev=$n
done
echo "- default site (repository root): median $(awk -v t="$DEFAULT_MEDIAN" 'BEGIN {printf "%.0f", t * 1000}') ms over $DEFAULT_RUNS builds, peak RSS $(awk -v k="$DEFAULT_RSS" 'BEGIN {printf "%.0f", k / 1024}') MB"
