#!/usr/bin/env bash
# Set-up, build, and the whole test suite (unit tests and tshark integration tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
