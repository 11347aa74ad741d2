#!/usr/bin/env bash
# Set-up, build, and the whole test suite: unit tests, tshark integration tests,
# memcheck; then the same suite with the plugin under ASan + UBSan plus a short
# capture fuzz run (build-asan/); then a short libFuzzer run of the core's
# parsers (build-fuzz/, clang).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
# Test-only tools: a browser for the HTML report test, GNU parallel for the merge
# test, valgrind for memcheck, clang and its runtime for libFuzzer.
SIPCAT_EXTRA_PACKAGES="chromium parallel valgrind clang libclang-rt-14-dev" "$root/tools/setup.sh"
(cd "$root/build" && ctest --output-on-failure -j "$jobs")

echo "run-tests: the suite again with the plugin built with ASan + UBSan (build-asan/)" >&2
cmake -S "$root" -B "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIPCAT_SANITIZE=ON >/dev/null
cmake --build "$root/build-asan" -j "$jobs" >/dev/null
(cd "$root/build-asan" && ctest --output-on-failure -j "$jobs")

echo "run-tests: libFuzzer, 15 s per target (build-fuzz/)" >&2
"$root/tests/fuzz/run-libfuzzer" 15
