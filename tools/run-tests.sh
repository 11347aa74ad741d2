#!/usr/bin/env bash
# Set-up, build, and the whole test suite (unit tests and tshark integration tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
# Test-only tools: a browser for the HTML report test, GNU parallel for the merge test.
test_packages=()
for p in chromium parallel; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || test_packages+=("$p")
done
if [ ${#test_packages[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "sipcat: installing ${test_packages[*]} for the tests" >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${test_packages[@]}" >/dev/null
fi
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
