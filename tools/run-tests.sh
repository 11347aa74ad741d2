#!/usr/bin/env bash
# Set-up, build, and the whole test suite (unit tests and tshark integration tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# Test-only tools: a browser for the HTML report test, GNU parallel for the merge test.
SIPCAT_EXTRA_PACKAGES="chromium parallel" "$root/tools/setup.sh"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
