#!/usr/bin/env bash
# Every SIP response of a capture with its frame, code, registered phrase,
# diagnosis, explanation and remedy, on stdout (the answer of quickstart.sh);
# the count on stderr. Needs tshark with sipcat installed.
# usage: tools/explain.sh CAPTURE [TSHARK OPTION...]   e.g. -o sipcat.language:de
set -euo pipefail
capture=${1:?usage: tools/explain.sh CAPTURE [TSHARK OPTION...]}
shift
[ -r "$capture" ] || { echo "sipcat: cannot read $capture" >&2; exit 1; }

tshark -r "$capture" "$@" -Y sipcat -T fields -E separator=$'\x1f' -E occurrence=a -E aggregator=$'\x1e' \
    -e frame.number -e sipcat.code -e sipcat.reason -e sipcat.method -e sipcat.explanation -e sipcat.remedy \
    -e sipcat.auth -e sipcat.call.outcome -e sipcat.q850.explanation |
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
        if not code:
            continue  # a BYE or CANCEL with a Reason: a request, not a response
        n += 1
        phrase = reason or ("(unregistered)" if 100 <= int(code) <= 699 else "(not a valid status code)")
        notes = [f"{label} {vals[0]}" for label, vals in zip(("auth", "call", "reason:"), extras)
                 if vals and len(responses) == 1]
        diagnosis = "  [" + "; ".join(notes) + "]" if notes else ""
        print(f"frame {frame}: {code} {phrase}" + (f" to {method}" if method else "") + diagnosis)
        for label, text in (("meaning", expl), ("remedy ", remedy)):
            if text:
                print(textwrap.fill(text, 100, initial_indent=f"  {label}: ", subsequent_indent=" " * 11))
print(f"sipcat: {n} SIP responses annotated", file=sys.stderr)
'
