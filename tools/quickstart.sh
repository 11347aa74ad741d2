#!/usr/bin/env bash
# Set-up, build, install, and annotate a capture: every SIP response with its
# frame, code, registered phrase, explanation and remedy. Only the explained
# responses go to stdout (tools/quickstart.sh capture.pcap > explained.txt);
# progress goes to stderr, one line per step, the build log to build/setup.log.
# usage: tools/quickstart.sh [CAPTURE]   (default: a bundled SIPp capture)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SIPCAT_BUILD_DIR:-$root/build}
capture=${1:-$root/tests/captures/sipp-codes-udp.pcapng}
[ -r "$capture" ] || { echo "sipcat: cannot read $capture" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
    # Wireshark ignores the personal plugin folder when run as root.
    "$root/tools/setup.sh" -DSIPCAT_INSTALL_GLOBAL=ON
else
    "$root/tools/setup.sh" -DSIPCAT_INSTALL_GLOBAL=OFF
fi
if ! cmake --install "$build" >> "$build/setup.log" 2>&1; then
    echo "sipcat: failed: cmake --install $build (last lines of $build/setup.log):" >&2
    tail -n 25 "$build/setup.log" >&2
    exit 1
fi
plugin=$(sed -n 's/^-- \(Installing\|Up-to-date\): \(.*sipcat\.so\)$/\2/p' "$build/setup.log" | tail -n 1)
echo "sipcat: installed ${plugin:-the plugin}; annotating $capture" >&2

"$root/tools/explain.sh" "$capture"
