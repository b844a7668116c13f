#!/usr/bin/env bash
# Check every internal link of a built site with LinkChecker, over HTTP on loopback.
#
# Usage: linkcheck.sh DIR PREFIX PORT [LINKCHECKER-ARGS...]
#   DIR     the built site (lifecycle build --out DIR)
#   PREFIX  the URL path the site lives under, e.g. /neuron-lifecycle/ ("/" for none);
#           the site must have been built with --base-url http://127.0.0.1:PORT/PREFIX/
#   PORT    a free TCP port on 127.0.0.1, picked by the caller (it is in the base URL)
#   LINKCHECKER-ARGS  passed on to linkchecker after the defaults below
#
# Serves DIR at http://127.0.0.1:PORT/PREFIX/ with `python -m http.server` from a
# temporary, world-readable root (DIR is copied there: as root, linkchecker drops its
# privileges to `nobody`), waits until the server answers, then runs
#   linkchecker --no-status --no-warnings --recursion-level=50 http://127.0.0.1:PORT/PREFIX/
# and stops the server. Every URL on http://127.0.0.1:PORT/ is internal (a config
# file sets LinkChecker's internlinks to the whole host, not just the start URL's
# folder), so a root-relative link that lacks the prefix (/style.css instead of
# /PREFIX/style.css) is checked, is a 404 and so an error. Other hosts are external
# and are not checked, so nothing leaves the machine.
#
# Tools: env LIFECYCLE_PYTHON (default python3) serves; env LIFECYCLE_LINKCHECKER
# (default: linkchecker on PATH) checks.
#
# Exit codes: linkchecker's: 0 no broken link, 1 broken links (or warnings, which
# --no-warnings hides), 2 linkchecker failed; this script also exits 2 on a usage
# error, a missing DIR, or a server that did not start (e.g. PORT in use).
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 3 ]] || usage
dir=$1 prefix=$2 port=$3
shift 3
[[ -d $dir ]] || { echo "linkcheck.sh: no such directory: $dir" >&2; exit 2; }
[[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || { echo "linkcheck.sh: bad port: $port" >&2; exit 2; }
python=${LIFECYCLE_PYTHON:-python3}
linkchecker=${LIFECYCLE_LINKCHECKER:-linkchecker}

# Normalise PREFIX to "a/b" (no leading or trailing slash; empty for the root).
prefix=${prefix#"${prefix%%[!/]*}"}
prefix=${prefix%"${prefix##*[!/]}"}
if [[ $prefix == *..* ]]; then echo "linkcheck.sh: bad prefix: $2" >&2; exit 2; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/linkcheck.XXXXXX")
server_pid=
cleanup() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

root=$work/root
site=$root${prefix:+/$prefix}
mkdir -p "$(dirname "$site")"
cp -R -- "$dir" "$site"
chmod -R a+rX "$work"

# -u: the "Serving HTTP on ..." line, printed once the port is bound, shows up at once.
"$python" -u -m http.server "$port" --bind 127.0.0.1 --directory "$root" \
    >"$work/server.log" 2>&1 &
server_pid=$!

# Wait (at most 15 s) until this server has bound the port. Checking that something
# answers on the port is not enough: it could be another process that holds it.
up=0
for _ in $(seq 1 150); do
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    if grep -q '^Serving HTTP on' "$work/server.log"; then up=1; break; fi
    sleep 0.1
done
if ((!up)); then
    echo "linkcheck.sh: http.server did not start on 127.0.0.1:$port:" >&2
    cat "$work/server.log" >&2
    exit 2
fi

url="http://127.0.0.1:$port/${prefix:+$prefix/}"
cat >"$work/linkcheckerrc" <<EOF
[filtering]
internlinks=^https?://127\\.0\\.0\\.1:$port/
EOF
echo "linkcheck.sh: checking $url (serving $dir)" >&2
rc=0
# HOME: linkchecker (as nobody) reads its config from and writes its cookies/cache
# under $HOME; point it at the world-readable temp dir rather than /root.
HOME=$work "$linkchecker" --config "$work/linkcheckerrc" \
    --no-status --no-warnings --recursion-level=50 "$@" "$url" || rc=$?
exit "$rc"
