#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png with the current plugin, so that the
# README's pictures show what the plugin does now. Not part of CI.
#
# Wireshark runs under Xvfb as `nobody` with a private HOME that holds only the
# plugin (Wireshark ignores personal plugins for root) and fixed preferences;
# xdotool clicks as a user would (the README's GUI steps):
#   wireshark-401-register.png  sipp-codes-udp, frame 67 selected, the SIP
#       Response Catalogue subtree expanded; custom columns sipcat.code and
#       sipcat.summary in the packet list
#   wireshark-preferences.png   the same subtree, right-click -> Protocol
#       Preferences: sipcat's preferences
#   wireshark-expert-info.png   kamailio-diagnosis-udp, Analyze -> Expert
#       Information (the status bar's expert button), Group by summary off,
#       every group but Chat expanded
#   sipcat-batch-report.png     sipcat-batch --html over tests/captures and
#       ../shared/captures/public, drawn by headless Chromium
# Installs what is missing with apt-get (wireshark-qt xvfb xdotool x11-apps
# imagemagick chromium). Needs root.
# usage: tools/screenshots.sh [PLUGIN]   (default: build/sipcat.so)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
plugin=$(realpath "${1:-$root/build/sipcat.so}")
out=$root/docs/screenshots
[ "$(id -u)" -eq 0 ] || { echo "screenshots: run as root (Wireshark runs as nobody)" >&2; exit 2; }
[ -r "$plugin" ] || { echo "screenshots: no plugin at $plugin: build it first" >&2; exit 2; }

need=()
for t in wireshark:wireshark-qt Xvfb:xvfb xdotool:xdotool xwd:x11-apps convert:imagemagick chromium:chromium; do
    command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "screenshots: installing ${need[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

series=$(tshark --version | sed -n '1s/^[^0-9]*\([0-9]*\.[0-9]*\)\..*/\1/p')
work=$(mktemp -d /tmp/sipcat-screenshots.XXXXXX)
home=$work/home
xvfb_pid="" ws_pid=""
cleanup() {
    [ -n "$ws_pid" ] && kill "$ws_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A private HOME: the plugin, the captures, and preferences that fix what the
# pictures show (three panes stacked, no bytes pane, sipcat's custom columns).
mkdir -p "$home/.local/lib/wireshark/plugins/$series/epan" "$home/.config/wireshark" "$home/captures" "$home/run"
cp "$plugin" "$home/.local/lib/wireshark/plugins/$series/epan/sipcat.so"
cp "$root"/tests/captures/*.pcapng "$home/captures/"
cat > "$home/.config/wireshark/preferences" <<'EOF'
gui.layout_type: 1
gui.layout_content_1: PLIST
gui.layout_content_2: PDETAILS
gui.layout_content_3: NONE
gui.column.format: "No.", "%m", "Time", "%t", "Protocol", "%p", "Code", "%Cus:sipcat.code:0:R", "Summary", "%Cus:sipcat.summary:0:R"
EOF
cat > "$home/.config/wireshark/recent_common" <<'EOF'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1600
gui.geometry_main_height: 1000
privs.warn_if_elevated: FALSE
EOF
cat > "$home/.config/wireshark/recent" <<'EOF'
column.width:
	%m, 50,
	%t, 100,
	%p, 70,
	%Cus:sipcat.code:0:R, 50,
	%Cus:sipcat.summary:0:R, 1200
EOF
chmod -R a+rwX "$work"
chown -R nobody "$home"

display=""
for n in $(seq 90 120); do
    [ -e "/tmp/.X$n-lock" ] || { display=:$n; break; }
done
[ -n "$display" ] || { echo "screenshots: no free X display in :90-:120" >&2; exit 1; }
Xvfb "$display" -screen 0 1600x1000x24 -ac -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
sleep 2

as_nobody() {
    runuser -u nobody -- env HOME="$home" DISPLAY="$display" LC_ALL=C.UTF-8 XDG_RUNTIME_DIR="$home/run" \
        WIRESHARK_PLUGIN_DIR="$home/no-global-plugins" "$@"
}

# The first visible window whose name matches, waiting up to 60 s.
window() {
    local id=""
    for _ in $(seq 120); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1) && [ -n "$id" ] && break
        sleep 0.5
    done
    [ -n "$id" ] || { echo "screenshots: no window \"$1\" (log: $work/wireshark.log)" >&2; exit 1; }
    echo "$id"
}

click() { xdotool mousemove "$1" "$2" click 1; sleep 0.7; }

shoot() {  # shoot FILE [GEOMETRY]: the screen (or a part), as PNG
    xwd -root -silent | convert xwd:- ${2:+-crop "$2" +repage} "$1"
    echo "screenshots: wrote ${1#"$root"/}" >&2
}

wireshark_on() {  # wireshark_on CAPTURE ARGS...: starts Wireshark, returns when its main window is up
    [ -n "$ws_pid" ] && { kill "$ws_pid" 2>/dev/null || true; wait "$ws_pid" 2>/dev/null || true; }
    as_nobody wireshark -r "$home/captures/$1.pcapng" "${@:2}" >"$work/wireshark.log" 2>&1 &
    ws_pid=$!
    main=$(window "$1")
    xdotool windowsize "$main" 1600 1000
    sleep 3
}

# 1. A 401 to REGISTER: select the packet (-g), then in the details pane the
#    last top-level item (the SIP Response Catalogue) and expand it with its
#    subtrees (Shift+Right), as the README's "Select a SIP response" says.
wireshark_on sipp-codes-udp -g 67
click 800 950          # the empty part of the details pane: focus there
xdotool key End
sleep 0.5
xdotool key shift+Right
sleep 1.5
shoot "$out/wireshark-401-register.png"

# 1b. Right-click the subtree -> Protocol Preferences: sipcat's preferences as
#     the README lists them (the menu opens upwards from the row at y 630).
click_right() { xdotool mousemove "$1" "$2" click 3; sleep 1.5; }
click_right 200 630
xdotool mousemove 300 541
sleep 0.5
click 300 541
sleep 1
shoot "$out/wireshark-preferences.png" 960x840+200+120
xdotool key Escape Escape

# 2. Analyze -> Expert Information on the Kamailio capture: the status bar's
#    expert button opens it; Group by summary off lists each response's own
#    text under its severity; the groups are expanded from the bottom up so
#    that the rows above keep their place.
wireshark_on kamailio-diagnosis-udp
click 16 988
dialog=$(window "Expert Information")
xdotool windowmove "$dialog" 0 0
xdotool windowsize "$dialog" 1600 1000
sleep 3
eval "$(xdotool getwindowgeometry --shell "$dialog")"
click $((X + 208)) $((Y + HEIGHT - 55))      # Group by summary: off
# A wider Summary column: its right edge from about 540 px to 1250 px.
xdotool mousemove $((X + 541)) $((Y + 22)) mousedown 1 mousemove $((X + 900)) $((Y + 22)) \
    mousemove $((X + 1250)) $((Y + 22)) mouseup 1
sleep 1.5
# The dialog's top-level rows are the distinct (severity, group) pairs, Chat last.
rows=$(as_nobody tshark -r "$home/captures/kamailio-diagnosis-udp.pcapng" -Y sipcat -T fields -E occurrence=a \
        -E aggregator='|' -e _ws.expert.severity -e _ws.expert.group 2>/dev/null |
    python3 -c '
import sys
pairs = set()
for line in sys.stdin:
    sev, grp = (c.split("|") for c in line.rstrip("\n").split("\t"))
    pairs.update((s, g) for s, g in zip(sev, grp) if s and int(s) > 0x00200000)  # above Chat
print(len(pairs))')
for row in $(seq $((rows - 1)) -1 0); do
    click $((X + 22)) $((Y + 41 + 17 * row))
done
xdotool mousemove $((X + WIDTH - 20)) $((Y + HEIGHT - 20))
sleep 1
shoot "$out/wireshark-expert-info.png"
kill "$ws_pid" 2>/dev/null || true
wait "$ws_pid" 2>/dev/null || true
ws_pid=""

# 3. sipcat-batch's HTML report over the test and public captures.
mkdir -p "$home/batch"
public=$root/../shared/captures/public
[ -d "$public" ] && cp "$public"/*.pcap* "$home/batch/" 2>/dev/null || true
cp "$root"/tests/captures/*.pcapng "$home/batch/"
chown -R nobody "$home/batch"
files=$(find "$home/batch" -name '*.pcap*' | wc -l)
as_nobody python3 "$root/tools/batch/sipcat-batch" -q "$home/batch" --html "$home/batch/report.html" >/dev/null || true
[ -s "$home/batch/report.html" ] || { echo "screenshots: sipcat-batch wrote no report" >&2; exit 1; }
as_nobody chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --window-size=1200,1500 \
    --screenshot="$home/batch/report.png" "file://$home/batch/report.html" >/dev/null 2>&1
cp "$home/batch/report.png" "$out/sipcat-batch-report.png"
echo "screenshots: wrote docs/screenshots/sipcat-batch-report.png ($files captures)" >&2
