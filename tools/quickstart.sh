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
    -e sipcat.auth -e sipcat.call.outcome -e sipcat.q850.explanation \
    2>/dev/null |
python3 -c '
import sys, textwrap
n = 0
for line in sys.stdin:
    frame, *cols = line.rstrip("\n").split("\x1f")
    # Per-response columns. Auth, outcome and Q.850 exist only on some responses,
    # so -T fields cannot say which one they belong to when a frame has several:
    # they are shown for single-response frames only.
    responses = list(zip(*(c.split("\x1e") for c in cols[:5])))
    extras = [c.split("\x1e") if c else [] for c in cols[5:]]
    for code, reason, method, expl, remedy in responses:
        n += 1
        phrase = reason or ("(unregistered)" if 100 <= int(code) <= 699 else "(not a valid status code)")
        notes = [f"{label} {vals[0]}" for label, vals in zip(("auth", "call", "reason:"), extras)
                 if vals and len(responses) == 1]
        diagnosis = "  [" + "; ".join(notes) + "]" if notes else ""
        print(f"frame {frame}: {code} {phrase}" + (f" to {method}" if method else "") + diagnosis)
        for label, text in (("meaning", expl), ("remedy ", remedy)):
            if text:
                print(textwrap.fill(text, 100, initial_indent=f"  {label}: ", subsequent_indent=" " * 11))
print(f"{n} SIP responses annotated", file=sys.stderr)
'
