#!/usr/bin/env bash
# Records tests/captures/diagnosis-rules.pcapng on loopback, one case after the other:
#   UDP 5090: the registration of issue 16 against Kamailio (tests/kamailio/kamailio.cfg):
#             REGISTER, 401; wrong password, 401; no credentials, 401; right password, 200
#   UDP 5076: a SIPp registrar whose second 401 says stale="TRUE" (quoted), then 200
#   TCP 5078: an OPTIONS sent twice on one branch (a copy Wireshark 4.0 does not mark), one 200
# Needs root, kamailio and sip-tester. The capture is committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../captures/diagnosis-rules.pcapng}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/k.pid" ] && kill "$(cat "$work/k.pid")" 2>/dev/null; rm -rf "$work"' EXIT

kamailio -f "$here/../kamailio/kamailio.cfg" -P "$work/k.pid" -Y "$work" -D -E >"$work/kamailio.log" 2>&1 &
dumpcap -q -i lo -f "udp port 5090 or udp port 5076 or tcp port 5078" -w "$out" 2>"$work/dumpcap.log" &
cap_pid=$!
sleep 2

run() {  # what, then the sipp arguments
    local what=$1
    shift
    sipp "$@" -i 127.0.0.1 -m 1 -nostdin -timeout 15 >"$work/sipp.log" 2>&1 || {
        echo "$what: SIPp ended with an error" >&2
        cat "$work/sipp.log" >&2
    }
}

run "auth loop" 127.0.0.1:5090 -sf "$here/uac_auth_loop.xml" -s dave -au dave -ap secret -p 5080 -t u1

sipp -sf "$here/uas_stale.xml" -i 127.0.0.1 -p 5076 -t u1 -m 1 -nostdin -timeout 15 >/dev/null 2>&1 &
uas=$!
sleep 0.3
run "stale" 127.0.0.1:5076 -sf "$here/uac_stale.xml" -s erin -au erin -ap secret -p 5086 -t u1
wait "$uas" || true

sipp -sf "$here/uas_copy.xml" -i 127.0.0.1 -p 5078 -t t1 -m 1 -nostdin -timeout 15 >/dev/null 2>&1 &
uas=$!
sleep 0.3
run "copy" 127.0.0.1:5078 -sf "$here/uac_copy.xml" -s frank -p 5088 -t t1
wait "$uas" || true

sleep 1
kill -INT "$cap_pid" 2>/dev/null || true
wait "$cap_pid" 2>/dev/null || true
chmod 644 "$out"
echo "wrote $out"
