#!/usr/bin/env bash
# Installs the external checkers that lifecycle's integration tests call, and exports
# the LIFECYCLE_* variables that tell the tests where they are.
#
#   source .ci/install-tools.sh      install, then export the variables into this shell
#                                    (this is what .ci/run does)
#   bash .ci/install-tools.sh        install, then print `export VAR=...` lines on stdout:
#                                    eval "$(bash .ci/install-tools.sh)"
#
# Idempotent and quick the second time: apt packages already installed are skipped
# (and `apt-get update` runs only when something is missing), and the Python venv
# (.ci/venv) and tests/tools/node_modules are rebuilt only when their lock files or
# the interpreter changed (a stamp file records what they were built from).
# Progress and timings go to stderr.
#
# Installs:
#   apt:    libxml2-utils chromium fonts-dejavu-core (default-jre-headless if no java)
#   PyPI:   tests/tools/requirements.txt (+ constraints.txt) into .ci/venv
#   npm:    tests/tools/package.json (+ package-lock.json): vnu-jar, playwright-core,
#           @axe-core/playwright; install scripts are never run (tests/tools/.npmrc)
# Knobs: LIFECYCLE_BASE_PYTHON (interpreter the venv is made from, default python3).

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    _lc_sourced=0
else
    _lc_sourced=1
fi

_lc_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_lc_log() { printf '[ci] %s\n' "$*" >&2; }

# ci_time NAME CMD...: runs CMD, then prints how long it took (also on failure).
# CMD runs where `set -e` does not apply, so the functions below check every step.
ci_time() {
    local name=$1 t0 t1 rc=0
    shift
    t0=$(date +%s.%N)
    _lc_log "==> $name"
    "$@" || rc=$?
    t1=$(date +%s.%N)
    _lc_log "$(awk -v n="$name" -v a="$t0" -v b="$t1" -v rc="$rc" 'BEGIN { printf "<== %s: %.1f s (exit %d)", n, b - a, rc }')"
    return "$rc"
}

_lc_apt() {
    local missing=() p
    for p in libxml2-utils chromium fonts-dejavu-core; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
    if ((${#missing[@]} == 0)); then
        _lc_log "apt: all packages already installed, skipping"
        return 0
    fi
    if [[ $EUID -ne 0 ]]; then
        _lc_log "apt: missing ${missing[*]} and not root: install them first"
        return 1
    fi
    _lc_log "apt: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Another apt may hold the lists lock; DPkg::Lock::Timeout covers the dpkg locks,
    # so retry the update a few times as well.
    local try
    for try in 1 2 3 4 5 6; do
        apt-get -o DPkg::Lock::Timeout=600 update -qq && break
        ((try < 6)) || return 1
        _lc_log "apt: apt-get update failed (try $try), retrying in 10 s"
        sleep 10
    done
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}

_lc_venv() {
    local venv="$_lc_root/.ci/venv" tools="$_lc_root/tests/tools" base want f
    base="${LIFECYCLE_BASE_PYTHON:-python3}"
    for f in requirements.txt constraints.txt; do
        [[ -f "$tools/$f" ]] || { _lc_log "venv: $tools/$f is missing"; return 1; }
    done
    want="$(cat "$tools/requirements.txt" "$tools/constraints.txt" | sha256sum | cut -d' ' -f1) $("$base" -c 'import sys; print(sys.version.split()[0], sys.base_prefix)')" || return 1
    if [[ -x "$venv/bin/python" && -f "$venv/.lifecycle-stamp" && "$(cat "$venv/.lifecycle-stamp")" == "$want" ]]; then
        _lc_log "venv: $venv is up to date, skipping"
        return 0
    fi
    _lc_log "venv: creating $venv"
    rm -rf "$venv" || return 1
    "$base" -m venv "$venv" || return 1
    "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q \
        -r "$tools/requirements.txt" -c "$tools/constraints.txt" || return 1
    echo "$want" >"$venv/.lifecycle-stamp"
}

_lc_npm() {
    local tools="$_lc_root/tests/tools" want f
    for f in package.json package-lock.json .npmrc; do
        [[ -f "$tools/$f" ]] || { _lc_log "npm: $tools/$f is missing"; return 1; }
    done
    want="$(sha256sum "$tools/package.json" "$tools/package-lock.json" | cut -d' ' -f1 | tr '\n' ' ')$(node --version)" || return 1
    if [[ -f "$tools/node_modules/.lifecycle-stamp" && "$(cat "$tools/node_modules/.lifecycle-stamp")" == "$want" &&
        -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ]]; then
        _lc_log "npm: $tools/node_modules is up to date, skipping"
        return 0
    fi
    _lc_log "npm: npm ci in $tools"
    (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2 || return 1
    echo "$want" >"$tools/node_modules/.lifecycle-stamp"
}

_lc_exports() {
    export LIFECYCLE_PYTHON="$_lc_root/.ci/venv/bin/python"
    export LIFECYCLE_VNU_JAR="$_lc_root/tests/tools/node_modules/vnu-jar/build/dist/vnu.jar"
    LIFECYCLE_XMLLINT="$(command -v xmllint)"
    export LIFECYCLE_XMLLINT
    export LIFECYCLE_CHROMIUM=/usr/bin/chromium
    LIFECYCLE_NODE="$(command -v node)"
    export LIFECYCLE_NODE
    LIFECYCLE_JAVA="$(command -v java)"
    export LIFECYCLE_JAVA
    export LIFECYCLE_LINKCHECKER="$_lc_root/.ci/venv/bin/linkchecker"
    export LIFECYCLE_MOTO_SERVER="$_lc_root/.ci/venv/bin/moto_server"
    export LIFECYCLE_REQUIRE_TOOLS=1
    local v
    for v in LIFECYCLE_PYTHON LIFECYCLE_VNU_JAR LIFECYCLE_XMLLINT LIFECYCLE_CHROMIUM \
        LIFECYCLE_NODE LIFECYCLE_JAVA LIFECYCLE_LINKCHECKER LIFECYCLE_MOTO_SERVER; do
        if [[ ! -e "${!v}" ]]; then
            _lc_log "tool missing after install: $v=${!v}"
            return 1
        fi
    done
}

_lc_versions() {
    {
        echo "  python      $("$LIFECYCLE_PYTHON" --version 2>&1)"
        echo "  xmllint     $("$LIFECYCLE_XMLLINT" --version 2>&1 | head -n1)"
        echo "  java        $("$LIFECYCLE_JAVA" -version 2>&1 | head -n1)"
        echo "  node        $("$LIFECYCLE_NODE" --version)"
        echo "  chromium    $("$LIFECYCLE_CHROMIUM" --version 2>/dev/null | tail -n1)"
        echo "  py packages $("$LIFECYCLE_PYTHON" -m pip list --disable-pip-version-check --format=freeze 2>/dev/null |
            grep -Ei '^(feedparser|icalendar|linkchecker|moto|boto3)==' | tr '\n' ' ')"
        echo "  npm         $(cd "$_lc_root/tests/tools" && node -p '["vnu-jar","playwright-core","@axe-core/playwright","axe-core"].map(n => n + "@" + require("./node_modules/" + n + "/package.json").version).join(" ")')"
    } >&2
}

_lc_install_all() {
    ci_time "install: apt packages" _lc_apt &&
        ci_time "install: python venv (.ci/venv)" _lc_venv &&
        ci_time "install: npm packages (tests/tools)" _lc_npm &&
        _lc_exports &&
        _lc_versions
}

if ((_lc_sourced)); then
    _lc_install_all
else
    _lc_install_all
    for _lc_v in LIFECYCLE_PYTHON LIFECYCLE_VNU_JAR LIFECYCLE_XMLLINT LIFECYCLE_CHROMIUM \
        LIFECYCLE_NODE LIFECYCLE_JAVA LIFECYCLE_LINKCHECKER LIFECYCLE_MOTO_SERVER \
        LIFECYCLE_REQUIRE_TOOLS; do
        printf 'export %s=%q\n' "$_lc_v" "${!_lc_v}"
    done
fi
