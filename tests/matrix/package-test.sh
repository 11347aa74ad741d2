#!/usr/bin/env bash
# Builds the .deb, installs it, checks that tshark run as root loads the plugin
# and annotates a capture, removes it and checks that nothing is left.
# Runs as root on a throwaway system (the matrix runs it inside each chroot).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
b=$(mktemp -d)
trap 'rm -rf "$b"' EXIT
fail() { echo "package test: $*" >&2; exit 1; }

cmake -S "$src" -B "$b" -DSIPCAT_PACKAGE=ON -DSIPCAT_BUILD_TESTS=OFF >/dev/null
cmake --build "$b" -j "$(nproc)" >/dev/null
(cd "$b" && cpack -G DEB >/dev/null)
deb=$(ls "$b"/sipcat_*.deb)
echo "package test: $(dpkg-deb -f "$deb" Package Version Depends | tr '\n' ' ')"

dpkg -i "$deb" >/dev/null || fail "dpkg -i failed"
tshark -G plugins 2>/dev/null | grep -q '^sipcat\.so' || fail "tshark as root does not list sipcat.so"
reason=$(tshark -r "$src/tests/captures/sipp-codes-udp.pcapng" -Y 'sipcat.code == 486' -T fields -e sipcat.reason 2>/dev/null)
[ "$reason" = "Busy Here" ] || fail "expected 'Busy Here' for 486, got '$reason'"
[ -f /usr/share/sipcat/colorfilters ] || fail "colouring rules not installed"
[ -f /usr/share/sipcat/sipcat_overrides.example ] || fail "example overrides table not installed"
out=$(sipcat-batch -q "$src/tests/captures/sipp-codes-udp.pcapng") || fail "sipcat-batch failed"
echo "$out" | grep -q '^ 486  Busy Here' || fail "sipcat-batch summary lacks 486: $out"

dpkg -r sipcat >/dev/null || fail "dpkg -r failed"
tshark -G plugins 2>/dev/null | grep -q '^sipcat\.so' && fail "sipcat.so still loaded after removal"
# Where a package puts files (not /tmp or /build, where tests and benchmarks keep their own copies).
left=$(find /usr /etc /opt /var/lib -xdev \( -name 'sipcat.so' -o -path '/usr/share/sipcat*' -o -path '/usr/share/doc/sipcat*' \
            -o -name 'sipcat-batch' \) 2>/dev/null | grep -v "^$src\|^$b" || true)
[ -z "$left" ] || fail "left behind after removal: $left"
echo "package test: installed, loaded by root's tshark, annotated 486, removed cleanly"
