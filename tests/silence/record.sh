#!/usr/bin/env bash
# Records the captures of requests nobody answers and of 2xx responses nobody ACKs (tests/captures/
# unanswered-udp.pcapng, no-ack-udp.pcapng): SIPp UACs and UASes on loopback over UDP, captured with
# dumpcap, with controls that must stay quiet. Needs root (or capture rights) and sip-tester. Each capture
# takes about 40 s (the RFC 3261 timers run out: Timer B/F and the 2xx retransmission are 64*T1 = 32 s).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../captures}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v sipp >/dev/null || { echo "needs sipp (apt-get install sip-tester)" >&2; exit 1; }
command -v dumpcap >/dev/null || { echo "needs dumpcap (apt-get install tshark)" >&2; exit 1; }

# The scenarios spell out every retransmission on RFC 3261's schedule (see scenarios.py).
python3 "$here/scenarios.py" "$work"
sipp_common=(-i 127.0.0.1 -t u1 -m 1 -nostdin -timeout 60 -default_behaviors -bye)

uac() {  # local_port remote_port scenario
    sipp "127.0.0.1:$2" -sf "$work/$3" -p "$1" "${sipp_common[@]}" >/dev/null 2>&1 || true
}
uas() {  # port scenario
    sipp -sf "$work/$2" -p "$1" "${sipp_common[@]}" >/dev/null 2>&1 || true
}
capture() {  # file filter; starts dumpcap, sets cap_pid
    dumpcap -q -i lo -f "$2" -w "$1" 2>"$work/dumpcap.log" &
    cap_pid=$!
    sleep 1
}
finish() {  # waits for the peers, then stops the capture
    wait $(jobs -p | grep -v "^$cap_pid\$") 2>/dev/null || true
    sleep 1
    kill -INT "$cap_pid"
    wait "$cap_pid" 2>/dev/null || true
}

# Requests nobody answers (nothing listens on 5091-5094), and controls: answered after a retransmission
# (5095, 5096), answered after the sender gave up (5097).
record_unanswered() {
    capture "$1" "udp portrange 5081-5099"
    uas 5095 uas-invite-soon.xml & uas 5096 uas-options-soon.xml & uas 5097 uas-options-late.xml &
    sleep 0.5
    uac 5081 5091 invite.xml &
    sleep 0.2; uac 5082 5092 register.xml &
    sleep 0.2; uac 5083 5093 options.xml &
    sleep 0.2; uac 5084 5094 big-invite.xml &   # over 1300 bytes over UDP (RFC 3261 §18.1.1)
    sleep 0.2; uac 5085 5095 invite.xml &
    sleep 0.2; uac 5086 5096 options.xml &
    sleep 0.2; uac 5087 5097 options.xml &
    finish
}

# A 200 OK the caller never ACKs (the callee ends the call with BYE after 32 s), and a control ACKed after
# two copies of the 200.
record_no_ack() {
    capture "$1" "udp portrange 5181-5199"
    uas 5191 uas-invite.xml & uas 5192 uas-invite.xml &
    sleep 0.5
    uac 5181 5191 call-no-ack.xml &
    sleep 0.2; uac 5182 5192 call-late-ack.xml &
    finish
}

mkdir -p "$out"
record_unanswered "$out/unanswered-udp.pcapng"
record_no_ack "$out/no-ack-udp.pcapng"
chmod 644 "$out"/unanswered-udp.pcapng "$out"/no-ack-udp.pcapng
echo "wrote $out/unanswered-udp.pcapng $out/no-ack-udp.pcapng"
