#!/usr/bin/env bash
# Set-up, build, install, and annotate a capture: every SIP response with its
# frame, code, registered phrase, explanation and remedy.
# usage: tools/quickstart.sh [CAPTURE]   (default: a bundled SIPp capture)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
capture=${1:-$root/tests/captures/sipp-codes-udp.pcapng}
[ -r "$capture" ] || { echo "sipcat: cannot read $capture" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
    # Wireshark ignores the personal plugin folder when run as root.
    "$root/tools/setup.sh" -DSIPCAT_INSTALL_GLOBAL=ON
else
    "$root/tools/setup.sh" -DSIPCAT_INSTALL_GLOBAL=OFF
fi
cmake --install "$root/build" | grep -v '^-- Install configuration' >&2

tshark -r "$capture" -Y sipcat -T fields -E separator=$'\x1f' -E occurrence=a -E aggregator=$'\x1e' \
    -e frame.number -e sipcat.code -e sipcat.reason -e sipcat.method -e sipcat.explanation -e sipcat.remedy \
    2>/dev/null |
python3 -c '
import sys, textwrap
n = 0
for line in sys.stdin:
    frame, *cols = line.rstrip("\n").split("\x1f")
    for code, reason, method, expl, remedy in zip(*(c.split("\x1e") for c in cols)):
        n += 1
        phrase = reason or "(unregistered)"
        print(f"frame {frame}: {code} {phrase}" + (f" to {method}" if method else ""))
        for label, text in (("meaning", expl), ("remedy ", remedy)):
            if text:
                print(textwrap.fill(text, 100, initial_indent=f"  {label}: ", subsequent_indent=" " * 11))
print(f"{n} SIP responses annotated", file=sys.stderr)
'
