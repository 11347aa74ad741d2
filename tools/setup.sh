#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test sipcat,
# then configures and builds it in ./build (SIPCAT_BUILD_DIR). Used by
# quickstart.sh and run-tests.sh. Progress is one short line per step on
# stderr; stdout stays free for the caller's answer. The full log of apt-get
# and the build goes to BUILD/setup.log, and its tail is shown when a step fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIPCAT_BUILD_DIR:-$root/build}
mkdir -p "$build"
log=$build/setup.log
: > "$log"

step() { echo "sipcat: $*" >&2; }
# Runs a command with its output in the log; on failure shows the log's tail and stops.
logged() {
    if ! "$@" >> "$log" 2>&1; then
        echo "sipcat: failed: $* (last lines of $log):" >&2
        tail -n 25 "$log" >&2
        exit 1
    fi
}

packages=(cmake g++ make pkg-config libglib2.0-dev libwireshark-dev wireshark-dev tshark
          libgtest-dev python3 python3-pytest)
# Callers add their own (run-tests.sh: what only the tests need).
read -r -a extra <<< "${SIPCAT_EXTRA_PACKAGES:-}"
packages+=("${extra[@]}")
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    step "installing ${missing[*]}"
    logged $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    logged $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    step "packages: all ${#packages[@]} installed"
fi

step "configuring $build (log: $log)"
logged cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
step "building (a few minutes the first time)"
logged cmake --build "$build" -j "$(nproc)"
