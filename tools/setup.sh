#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test sipcat,
# then configures and builds it in ./build. Used by quickstart.sh and run-tests.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

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
    echo "sipcat: installing ${missing[*]}" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$root/build" -j "$(nproc)"
