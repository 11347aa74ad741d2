#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/)
from real material: the catalogue files, the example overrides table, Warning
and status lines as the test captures carry them, and a few edge cases.
Deterministic; the output is committed. usage: make_seeds.py [SOURCE_DIR]"""
import csv
import hashlib
import os
import struct
import sys

SRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(SRC, "tests", "fuzz", "corpus")


def write(target, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def catalogue(name):
    with open(os.path.join(SRC, "catalogue", name), "rb") as f:
        return f.read()


def udp_payloads(path):
    """UDP payloads of an Ethernet pcapng (the loopback captures of tests/captures), in order."""
    with open(path, "rb") as f:
        data = f.read()
    i = 0
    while i + 12 <= len(data):
        kind, length = struct.unpack_from("<II", data, i)
        if length < 12:
            return
        if kind == 6:  # Enhanced Packet Block
            caplen = struct.unpack_from("<I", data, i + 20)[0]
            frame = data[i + 28:i + 28 + caplen]
            if len(frame) > 14 and frame[12:14] == b"\x08\x00" and frame[23] == 17:
                ihl = (frame[14] & 0x0F) * 4
                yield frame[14 + ihl + 8:]
        i += length


def sip_messages():
    """One message of each start line from the test captures (real peers), plus hostile ones."""
    seen, out = set(), []
    for name in ("kamailio-diagnosis-udp", "sipp-codes-udp", "odd-responses-udp", "hostile-udp"):
        path = os.path.join(SRC, "tests", "captures", name + ".pcapng")
        if not os.path.exists(path):
            continue
        for payload in udp_payloads(path):
            first = payload.split(b"\r\n", 1)[0]
            key = first.split(b" ")[0] if not first.startswith(b"SIP/") else first[:11]
            if key not in seen and len(out) < 40:
                seen.add(key)
                out.append(payload)
    crlf = lambda t: t.replace("\n", "\r\n").encode()
    out += [
        crlf("SIP/2.0 401 X\nWWW-Authenticate: Digest realm=\"r\", nonce=\"a\", stale=\"TRUE\"\n"
             "Proxy-Authenticate: Digest nonce=b, Digest nonce=c, nonce=d, nonce=e\n\n"),
        crlf("SIP/2.0 488 X\n" + "".join('Warning: 30%d h "t, %d", 399 h "u"\n' % (i % 10, i) for i in range(20)) + "\n"),
        crlf("INVITE sip:a@b SIP/2.0\nv: SIP/2.0/UDP h\n ;branch=z9\ni: x\nt: <sip:b;tag=u>;tag=t\nCSeq: 1\n"
             "Reason: Q.850;text=\"x\";cause=16\nReason: SIP\n\n"),
        b"SIP/2.0 200 OK\nCall-ID: \"unterminated, <open\nCSeq: 99999999999 INV\x00ITE\nRetry-After: -1\n",
        b"SIP/2.0 999\r\n\r",
        b"\r\n",
        # The one-pass Via, To and Digest readers: separators inside quotes and
        # <...>, a branch in a later value, an empty branch, a tag without a value.
        crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP a;received=\"1;branch=q,\\\"\";branch, SIP/2.0/UDP <b;branch=in>;rport\n"
             "Via: SIP/2.0/UDP c;BRANCH = z9hG4bKc x\nTo: \"a<b;tag=x\" <sip:b@c;tag=y>;tag\n"
             "Authorization: Digest username=\"a,b\", uri=<sip:x=y,z>, nonce=n, Digest nonce=m\n\n"),
        # Lone CR line ends; a name folded before its colon; a colon only on the next line.
        b"SIP/2.0 180 Ringing\rVia: SIP/2.0/UDP a\r ;branch=z9cr\rTo\r\n : <sip:a>;tag=1\rCall-ID\r: x\rCSeq: 2 INVITE\r\r",
    ]
    return out


def main():
    warnings = [
        '305 gw1.example.net "Incompatible media format", 304 gw1.example.net "Video not available"',
        '399 gw1.example.net "No trunk available"',
        '399 - "quoted \\"escape\\" inside"',
        '370 10.0.0.1:5060 "Insufficient bandwidth"',
        '399 host "unterminated, 301 host "second"',
        '999 [2001:db8::1]:5060 "IPv6 agent"',
        ",,,, 399",
        "",
        ", ".join(f'30{i % 10} agent{i} "text {i}"' for i in range(40)),
    ]
    for w in warnings:
        write("fuzz_warning_header", w)

    for s in ["SIP/2.0 200 OK", "SIP/2.0 504 Gateway Time-out", "SIP/2.0 486", "SIP/2.0 486 ", "SIP/2.0",
              "SIP/2.0 000 Zero", '"bob"', '"', '""', "bob", "Warte auf Bestätigung – äöü €", "a" * 300,
              "line one two three four five six seven eight nine ten eleven twelve thirteen"]:
        write("fuzz_sip_text", s)

    files = [catalogue(n) for n in ("responses.cat", "messages.cat", "q850.cat", "warnings.cat", "findings.cat")]
    write("fuzz_catalogue", b"\x1f".join(files))
    # Small catalogues: the first sections of each file, so mutations reach every rule quickly.
    small = [b"\n\n".join(f.split(b"\n\n")[:6]) for f in files]
    write("fuzz_catalogue", b"\x1f".join(small))
    write("fuzz_catalogue", b"\x1f".join([small[0], files[1], b"", b""]))
    # Near misses the parser must refuse; a parser that lets one through fails
    # the target's checks (a placeholder left unfilled, a text missing).
    near_misses = [
        files[1].replace(b"{line}", b"{lines}", 1),                    # unknown placeholder
        files[1].replace(b"\ntext.de.other:", b"\n# text.de.other:", 1),  # a plural form missing
        files[1].replace(b"[message retry-after]", b"[message retry-afterwards]", 1),  # a message missing
        files[1].replace(b"{count} Warning", b"{count Warning", 1),    # an unclosed brace
    ]
    for m in near_misses:
        assert m != files[1]
        write("fuzz_catalogue", b"\x1f".join([small[0], m, b"", b""]))
    entry_missing = small[0].replace(b"\nremedy.de:", b"\n# remedy.de:", 1)  # a language's remedy missing
    assert entry_missing != small[0]
    write("fuzz_catalogue", b"\x1f".join([entry_missing, files[1], b"", b""]))
    # Syntax errors on a file's last line (no line end after it) and in an
    # otherwise empty file: each error must name a line that file has.
    write("fuzz_catalogue", b"\x1f".join([small[0].rstrip(b"\n") + b"\nno colon on the last line", files[1], b"", b""]))
    write("fuzz_catalogue", b"\x1f".join([small[0], files[1], b"[q850 16", b"  indented: first line"]))

    rows = []
    with open(os.path.join(SRC, "share", "sipcat_overrides.example"), encoding="utf-8") as f:
        for r in csv.reader(l for l in f if not l.startswith("#") and l.strip()):
            rows.append("\t".join(r))
    write("fuzz_override_row", "\n".join(rows))
    for r in rows:
        write("fuzz_override_row", r)
    for bad in ["99\t\t\tx\t\t", "486\tinv ite\ten\tx\t\t", "486\t\txx\tx\t\t", "486\t\t\t\t\tloud",
                "486\t\t\t" + "x" * 1001 + "\t\t", b"486\t\t\t\xff\xfe\t\t", "\t\t\t\t\t", "600\tINVITE\tde\ta\tb\terror"]:
        write("fuzz_override_row", bad)

    # Diagnoser: op byte, call-id, branch, cseq, method, then per kind.
    def req(op, call, branch, cseq, method, user=b"", nonce=b""):
        return bytes([op, len(call)]) + call + bytes([len(branch)]) + branch + bytes([cseq, method, len(user)]) + user + \
            bytes([len(nonce)]) + nonce

    def resp(op, call, branch, cseq, method, hi, lo, headers=0, nonces=()):
        b = bytes([op, len(call)]) + call + bytes([len(branch)]) + branch + bytes([cseq, method, hi, lo, headers, len(nonces)])
        for n in nonces:
            b += bytes([len(n)]) + n
        return b
    # REGISTER, 401 challenge, REGISTER with credentials, 200 (codes: 100 + (hi*3+lo) % 600).
    write("fuzz_diagnoser", req(1, b"c1", b"b1", 1, 4) + resp(0, b"c1", b"b1", 1, 4, 100, 1, 0, [b"n1"]) +
          req(5, b"c1", b"b2", 2, 4, b"bob", b"n1") + resp(0, b"c1", b"b2", 2, 4, 33, 1))
    # INVITE, CANCEL, 487; BYE 200 then 481.
    write("fuzz_diagnoser", req(1, b"c2", b"b1", 1, 0) + req(1, b"c2", b"b1", 1, 3) + resp(0, b"c2", b"b1", 1, 0, 129, 0) +
          req(3, b"c2", b"b3", 2, 2) + resp(0, b"c2", b"b3", 2, 2, 33, 1) + resp(0, b"c2", b"b3", 2, 2, 127, 0))
    # The registration of issue 16: 401, credentials -> 401, no credentials -> 401 (a loop of three), credentials -> 200.
    write("fuzz_diagnoser", req(1, b"c3", b"b1", 1, 4) + resp(0, b"c3", b"b1", 1, 4, 100, 1, 0, [b"n1"]) +
          req(5, b"c3", b"b2", 2, 4, b"bob", b"n1") + resp(0, b"c3", b"b2", 2, 4, 100, 1, 0, [b"n2"]) +
          req(1, b"c3", b"b3", 3, 4) + resp(0, b"c3", b"b3", 3, 4, 100, 1, 0, [b"n3"]) +
          req(5, b"c3", b"b4", 0, 4, b"bob", b"n3") + resp(0, b"c3", b"b4", 0, 4, 33, 1))
    # INVITE, CANCEL with the INVITE's branch, 200 to the CANCEL, 487 to the INVITE.
    write("fuzz_diagnoser", req(1, b"c4", b"b1", 1, 0) + req(1, b"c4", b"b1", 1, 3) + resp(0, b"c4", b"b1", 1, 3, 33, 1) +
          resp(0, b"c4", b"b1", 1, 0, 129, 0))
    # Capture time (op's high bits: 0x40 +1 s, 0x80 +40 s, 0xc0 -10,000 s): an OPTIONS answered, 80 s on
    # (expired), its 200 again; an INVITE answered, the clock set back, its 200 again (still a copy).
    write("fuzz_diagnoser", req(1, b"c5", b"b1", 1, 5) + resp(0, b"c5", b"b1", 1, 5, 33, 1) +
          req(0x81, b"c6", b"b1", 1, 5) + req(0x81, b"c7", b"b1", 1, 5) + resp(0x40, b"c5", b"b1", 1, 5, 33, 1) +
          req(1, b"c8", b"b1", 1, 0) + resp(0, b"c8", b"b1", 1, 0, 33, 1) + req(0xc1, b"c9", b"b1", 1, 5) +
          resp(0x40, b"c8", b"b1", 1, 0, 33, 1))
    # Silence watcher: op byte, call-id, branch, cseq, method, time step (x 0.25 s), then size or code.
    def sreq(op, call, branch, cseq, method, step, size=25):
        return bytes([op, len(call)]) + call + bytes([len(branch)]) + branch + bytes([cseq, method, step, size])

    def sresp(call, branch, cseq, method, step, code_byte):
        return bytes([0, len(call)]) + call + bytes([len(branch)]) + branch + bytes([cseq, method, step, code_byte])
    # An INVITE over UDP never answered (Timer A copies), a large one, then an OPTIONS answered late.
    write("fuzz_silence", b"".join(sreq(3, b"c1", b"b1", 1, 0, s) for s in (0, 2, 4, 8, 16, 32, 64)) +
          sreq(3, b"c2", b"b1", 1, 0, 1, 130) + sreq(3, b"c3", b"b1", 1, 5, 1) + sresp(b"c3", b"b1", 1, 5, 140, 20))
    # A 200 to INVITE retransmitted and ACKed on a second leg; another never ACKed and the callee's BYE.
    write("fuzz_silence", sreq(3, b"c4", b"b1", 1, 0, 0) + sresp(b"c4", b"p1", 1, 0, 0, 20) +
          sresp(b"c4", b"b1", 1, 0, 0, 20) + sresp(b"c4", b"b1", 1, 0, 2, 20) + sreq(3, b"c4", b"a1", 1, 1, 1) +
          sresp(b"c5", b"b1", 1, 0, 0, 20) + sresp(b"c5", b"b1", 1, 0, 2, 20) + sreq(3, b"c5", b"y1", 2, 2, 128) +
          sresp(b"c5", b"y1", 2, 2, 0, 20))
    for m in sip_messages():
        write("fuzz_sip_message", m)
    print(f"seeds written to {OUT}")


if __name__ == "__main__":
    main()
