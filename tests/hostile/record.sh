#!/usr/bin/env bash
# Records the hostile test captures in tests/captures/ (hostile-udp,
# hostile-tcp) from tests/hostile/hostile_peer.py on loopback with dumpcap, and
# cuts every frame of hostile-udp to 150 bytes for hostile-truncated. Needs root
# (or capture rights). The captures are committed; tests never run this.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../captures}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v dumpcap >/dev/null || { echo "needs dumpcap (apt-get install tshark)" >&2; exit 1; }
uas_port=5070  # 5072 is AYIYA to Wireshark
uac_port=5080

for transport in udp tcp; do
    file=$out/hostile-$transport.pcapng
    dumpcap -q -i lo -f "port $uas_port" -w "$work/$transport.pcapng" 2>"$work/dumpcap.log" &
    cap=$!
    sleep 1
    python3 "$here/hostile_peer.py" "$transport" $uas_port $uac_port
    sleep 1
    kill -INT $cap
    wait $cap 2>/dev/null || true
    cp "$work/$transport.pcapng" "$file"
done
editcap -s 150 "$out/hostile-udp.pcapng" "$out/hostile-truncated.pcapng"
chmod 644 "$out"/hostile-*.pcapng
ls -l "$out"/hostile-*.pcapng
