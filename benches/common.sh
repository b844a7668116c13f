# benches/common.sh: what the benchmark scripts share; sourced, not run.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/common.sh"; bench_sizes "$0" "$@"
#
# Sets ROOT (the repository), TARGET (cargo's target directory), NS (the corpus sizes: the
# arguments, default 1000 10000, each a positive number), log() and bench_corpus() (which
# needs GEN, the gen-site binary, and SEED).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
log() { echo "== $*" >&2; }

bench_sizes() { # script args...: NS from the arguments, or exit 2 with the usage
  local script=$1
  shift
  if [ "$#" -gt 0 ]; then NS=("$@"); else NS=(1000 10000); fi
  for n in "${NS[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || {
      echo "usage: bash benches/$(basename "$script") [N...] (N a positive number, got '$n')" >&2
      exit 2
    }
  done
}

bench_corpus() { # dir n: gen-site's corpus of n releases in dir/site, and Hugo's in dir/hugo
  mkdir -p "$1/hugo"
  cp -r "$ROOT/benches/hugo-site/." "$1/hugo/"
  log "N=$2: generating"
  "$GEN" "$1/site" "$2" --seed "$SEED" --hugo "$1/hugo" >&2
}
