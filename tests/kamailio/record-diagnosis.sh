#!/usr/bin/env bash
# Records tests/captures/kamailio-diagnosis-udp.pcapng: Kamailio (registrar and
# proxy with digest auth, kamailio.cfg) between SIPp UACs and SIPp UASes on
# loopback, one case after the other:
#   REGISTER right password; wrong password; stale nonce on refresh;
#   calls answered, busy, cancelled, redirected, declined with Reason Q.850 21,
#   503 with Retry-After and Warning 399, 488 with Warning 305, wrong password.
# Needs root, kamailio and sip-tester. The capture is committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../captures/kamailio-diagnosis-udp.pcapng}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/k.pid" ] && kill "$(cat "$work/k.pid")" 2>/dev/null; rm -rf "$work"' EXIT

render() {  # template out CODE PHRASE EXTRA FLOWBLOCK ANSWER REFRESH
    python3 - "$@" <<'PY'
import sys
tmpl, out, code, phrase, extra, flow, answer, refresh = sys.argv[1:9]
s = open(tmpl).read()
if flow:
    s = s.replace("@FLOW_BLOCK@", open(flow).read())
s = s.replace("@REFRESH_BLOCK@", open(refresh).read() if refresh else "")
s = s.replace("@CODE@", code).replace("@PHRASE@", phrase).replace("@ANSWER@", answer)
s = s.replace("@EXTRA@", extra.replace("\\n", "\r\n") if extra else "")
open(out, "w").write(s)
PY
}

kamailio -f "$here/kamailio.cfg" -P "$work/k.pid" -Y "$work" -D -E >"$work/kamailio.log" 2>&1 &
kam_pid=$!
dumpcap -q -i lo -f "udp port 5090 or udp port 5070" -w "$out" 2>"$work/dumpcap.log" &
cap_pid=$!
sleep 2

uac() {  # scenario user password
    sipp 127.0.0.1:5090 -sf "$1" -s "$2" -au "$2" -ap "$3" -i 127.0.0.1 -p 5080 -t u1 -m 1 -nostdin \
        -timeout 15 >/dev/null 2>&1 || echo "note: UAC $(basename "$1") $2 ended with an error" >&2
}
uas_pid=""
uas() {  # scenario
    sipp -sf "$1" -i 127.0.0.1 -p 5070 -t u1 -m 1 -nostdin -timeout 15 >/dev/null 2>&1 &
    uas_pid=$!
    sleep 0.3
}

# Registrations (the refresh's old nonce has expired: Kamailio challenges it
# again, without stale=true)
render "$here/uac_register.xml" "$work/reg_ok.xml" "" "" "" "" 200 ""
render "$here/uac_register.xml" "$work/reg_bad.xml" "" "" "" "" 401 ""
render "$here/uac_register.xml" "$work/reg_stale.xml" "" "" "" "" 200 "$here/refresh_block.xml"
uac "$work/reg_ok.xml" alice secret
uac "$work/reg_bad.xml" bob wrong
uac "$work/reg_stale.xml" carol secret

# Calls
call() {  # flow uas-scenario code phrase extra
    render "$here/uac_call.xml" "$work/uac.xml" "$3" "$4" "" "$here/flow_$1.xml" "" ""
    uas_pid=""
    if [ -n "$2" ]; then
        render "$here/$2" "$work/uas.xml" "$3" "$4" "${5:-}" "" "" ""
        uas "$work/uas.xml"
    fi
    uac "$work/uac.xml" "${6:-dave}" "${7:-secret}"
    if [ -n "$uas_pid" ]; then
        wait "$uas_pid" 2>/dev/null || true
    fi
}
call answered uas_answer.xml 200 OK
call final uas_final.xml 486 "Busy Here"
call cancel uas_cancel.xml 487 "Request Terminated"
call final uas_final.xml 302 "Moved Temporarily" 'Contact: <sip:dave@127.0.0.1:5999>\n'
call final uas_final.xml 603 "Decline" 'Reason: Q.850;cause=21;text="Call rejected"\n'
call final uas_final.xml 503 "Service Unavailable" 'Retry-After: 120\nWarning: 399 gw1.example.net "No trunk available"\n'
call final uas_final.xml 488 "Not Acceptable Here" 'Warning: 305 gw1.example.net "Incompatible media format", 304 gw1.example.net "Video not available"\n'
call rejected "" 407 "" "" erin wrong

sleep 1
kill -INT "$cap_pid" 2>/dev/null || true
wait "$cap_pid" 2>/dev/null || true
kill "$kam_pid" 2>/dev/null || true
chmod 644 "$out"
echo "wrote $out"
