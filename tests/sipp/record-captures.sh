#!/usr/bin/env bash
# Records the SIPp test captures in tests/captures/: one transaction per line of
# codes.tsv between a SIPp UAC and a SIPp UAS on loopback, over UDP and over
# TCP, and one per line of methods.tsv over UDP, captured with dumpcap. Needs
# root (or capture rights) and sip-tester. The captures are committed, so the
# tests never need to run this. `record-captures.sh DIR methods` (or `headers`)
# re-records only that capture.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../captures}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

command -v sipp >/dev/null || { echo "needs sipp (apt-get install sip-tester)" >&2; exit 1; }
command -v dumpcap >/dev/null || { echo "needs dumpcap (apt-get install tshark)" >&2; exit 1; }

uas_port=5070
uac_port=5080

render() {  # template code method phrase -> file
    local extra=""
    case "$3" in
        SUBSCRIBE) extra='Event: presence\nExpires: 600\n' ;;
        NOTIFY) extra='Event: presence\nSubscription-State: active;expires=600\n' ;;
        PUBLISH) extra='Event: presence\nExpires: 600\nSIP-If-Match: dx200xyz\n' ;;
        REGISTER) extra='Expires: 30\n' ;;
        REFER) extra='Refer-To: <sip:target@127.0.0.1>\n' ;;
        INFO) extra='Info-Package: foo\n' ;;
    esac
    sed -e "s|@CODE@|$2|g" -e "s|@METHOD@|$3|g" -e "s|@PHRASE@|$4|g" -e "s|@EXTRA@|$extra|g" \
        "$here/$1" > "$5"
}

record() {  # transport(u1|t1) file [list, default codes.tsv]
    local transport=$1 file=$2 list=${3:-$here/codes.tsv}
    dumpcap -q -i lo -f "port $uas_port" -w "$file" 2>"$work/dumpcap.log" &
    local cap=$!
    sleep 1
    while IFS=$'\t' read -r code method flow phrase; do
        [[ -z "$code" || "$code" == \#* ]] && continue
        case "$flow" in
            answered) uas=uas_invite_answered.xml uac=uac_invite_answered.xml ;;
            final) uas=uas_invite_final.xml uac=uac_invite_final.xml ;;
            request) uas=uas_request.xml uac=uac_request.xml ;;
        esac
        render "$uas" "$code" "$method" "$phrase" "$work/uas.xml"
        render "$uac" "$code" "$method" "$phrase" "$work/uac.xml"
        sipp -sf "$work/uas.xml" -i 127.0.0.1 -p $uas_port -t "$transport" -m 1 -nostdin \
            -timeout 10 -trace_err -error_file "$work/uas.err" >/dev/null 2>&1 &
        local uas_pid=$!
        sleep 0.3
        sipp 127.0.0.1:$uas_port -sf "$work/uac.xml" -i 127.0.0.1 -p $uac_port -t "$transport" -m 1 \
            -nostdin -timeout 10 -trace_err -error_file "$work/uac.err" >/dev/null 2>&1 ||
            echo "note: UAC for $code $method over $transport ended with an error (see capture)" >&2
        wait $uas_pid 2>/dev/null || true
    done < "$list"
    sleep 1
    kill -INT $cap
    wait $cap 2>/dev/null || true
}

# SIPp against raw_uas.py: codes outside 100..699, and over TCP three responses
# in one segment.
record_odd() {  # transport(udp|tcp) file
    local transport=$1 file=$2 t=u1
    [ "$transport" = tcp ] && t=t1
    dumpcap -q -i lo -f "port $uas_port" -w "$file" 2>"$work/dumpcap.log" &
    local cap=$!
    sleep 1
    python3 "$here/raw_uas.py" "$transport" $uas_port "700 Beyond Range" "000 Zero" \
        "100 Trying+180 Ringing+486 Busy Here" &
    local uas_pid=$!
    sleep 0.3
    for step in "700 OPTIONS request" "000 OPTIONS request" "486 INVITE final"; do
        set -- $step
        render "uac_$( [ "$3" = final ] && echo invite_final || echo request ).xml" "$1" "$2" "-" "$work/uac.xml"
        sipp 127.0.0.1:$uas_port -sf "$work/uac.xml" -i 127.0.0.1 -p $uac_port -t $t -m 1 -nostdin \
            -timeout 3 -trace_err -error_file "$work/uac.err" >/dev/null 2>&1 || true
        [ "$t" = t1 ] && [ "$1" != 486 ] && sleep 0.2
    done
    wait $uas_pid 2>/dev/null || true
    sleep 1
    kill -INT $cap
    wait $cap 2>/dev/null || true
}

# Header values sipcat reads from the message bytes: a 488 with 20 Warning
# lines (40 values, more than the 32 kept; one of them folded), a 486 in
# compact forms with Retry-After.
record_headers() {  # file
    local file=$1 warnings="" i
    for i in $(seq 0 19); do
        local sep=" "
        [ $i -eq 7 ] && sep="|    "  # this line's second value folded onto a continuation line
        warnings+="|Warning: 30$((i % 10)) gw.example.net \"text, $i\", 399 gw.example.net${sep}\"second $i\""
    done
    dumpcap -q -i lo -f "port $uas_port" -w "$file" 2>"$work/dumpcap.log" &
    local cap=$!
    sleep 1
    python3 "$here/raw_uas.py" udp $uas_port "488 Not Acceptable Here$warnings" \
        "486 Busy Here|compact|Retry-After: 30" &
    local uas_pid=$!
    sleep 0.3
    for code in 488 486; do
        render uac_request.xml "$code" OPTIONS "-" "$work/uac.xml"
        sipp 127.0.0.1:$uas_port -sf "$work/uac.xml" -i 127.0.0.1 -p $uac_port -t u1 -m 1 -nostdin \
            -timeout 3 -trace_err -error_file "$work/uac.err" >/dev/null 2>&1 || true
    done
    wait $uas_pid 2>/dev/null || true
    sleep 1
    kill -INT $cap
    wait $cap 2>/dev/null || true
}

mkdir -p "$out"
if [ "${2:-}" = methods ]; then  # only the method-variants capture
    record u1 "$out/sipp-methods-udp.pcapng" "$here/methods.tsv"
    chmod 644 "$out"/sipp-methods-udp.pcapng
    exit 0
fi
if [ "${2:-}" = headers ]; then  # only the header-values capture
    record_headers "$out/header-values-udp.pcapng"
    chmod 644 "$out"/header-values-udp.pcapng
    exit 0
fi
record_headers "$out/header-values-udp.pcapng"
record u1 "$out/sipp-codes-udp.pcapng"
record t1 "$out/sipp-codes-tcp.pcapng"
record u1 "$out/sipp-methods-udp.pcapng" "$here/methods.tsv"
record_odd udp "$out/odd-responses-udp.pcapng"
record_odd tcp "$out/odd-responses-tcp.pcapng"
chmod 644 "$out"/*.pcapng
echo "wrote $(ls "$out"/*.pcapng | tr '\n' ' ')"
