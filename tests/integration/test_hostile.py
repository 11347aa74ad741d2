"""Hostile captures (tests/hostile/record.sh): what no proper peer sends. Each
must pass every way of reading (one pass, two passes, details, JSON) without a
crash or "Dissector bug", and get a sensible annotation or a note."""
import json
import re

import pytest

CAPTURES = ["hostile-udp", "hostile-tcp", "hostile-truncated"]
FIELDS = ["frame.number", "sipcat.code", "sipcat.class", "sipcat.request_frame", "sipcat.warning.code",
          "sipcat.reason.sip.cause", "sipcat.phrase_differs", "_ws.expert.message"]


def rows(ts, source, name, extra=()):
    """frame number -> {field: [values]} for frames with a sipcat subtree."""
    args = list(extra) + ["-Y", "sipcat", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
                          "-E", "aggregator=\x1e"]
    for f in FIELDS:
        args += ["-e", f]
    out, _ = ts.run(args, source.capture(name))
    got = {}
    for line in out.split("\n"):  # not splitlines(): it also splits at the \x1e aggregator
        if not line:
            continue
        cols = line.split("\t")
        got[int(cols[0])] = {f: (c.split("\x1e") if c else []) for f, c in zip(FIELDS[1:], cols[1:])}
    return got


def experts(row):
    return row["_ws.expert.message"]


@pytest.mark.parametrize("name", CAPTURES)
def test_hostile_every_pass(ts, source, name):
    """Every reading of every hostile capture ends normally; output is valid UTF-8."""
    cap = source.capture(name)
    for args in (["-V"], ["-2", "-V"], ["-T", "json", "--no-duplicate-keys"], ["-q", "-z", "sipcat,tree"],
                 ["-2", "-T", "fields", "-e", "sipcat.explanation", "-e", "_ws.expert.message"],
                 ["-o", "sipcat.language:de", "-V"]):
        out, _ = ts.run(args, cap)
        if "json" in args:
            json.loads(out)
    # tshark turns bytes that are not UTF-8 into U+FFFD; nothing of ours breaks that.
    p = ts.run_tool(["tshark", "-r", ts.readable(cap), "-V"])
    assert p.returncode == 0


def test_hostile_status_codes(ts, source):
    """000 and 700 are decoded by Wireshark and flagged out of range; 99, 99999,
    letters and a code without the space after it are left as data by Wireshark
    and get our note; an empty phrase is a plain 486."""
    got = rows(ts, source, "hostile-udp")
    for frame, code in ((2, "0"), (6, "700")):
        assert got[frame]["sipcat.code"] == [code], got[frame]
        assert any(m.startswith(f"Status code {code} is outside 100..699") for m in experts(got[frame])), got[frame]
    for frame, line in ((4, "SIP/2.0 99 Too Short"), (8, "SIP/2.0 99999 Far Beyond"), (10, "SIP/2.0 4x6 Busy Here"),
                        (12, "SIP/2.0 ABC Letters"), (16, "SIP/2.0 486")):
        assert got[frame]["sipcat.code"] == [], got[frame]
        assert experts(got[frame]) == [f'"{line}" looks like a SIP status line but is not "SIP/2.0", a three-digit '
                                       "code and a space (RFC 3261 §7.2), so Wireshark shows it as data and receivers "
                                       "discard it. Check the sender's SIP stack."], got[frame]
    # "SIP/2.0 486 " (empty phrase): a 486 and nothing about the phrase.
    assert got[14]["sipcat.code"] == ["486"] and got[14]["sipcat.class"] == ["4"], got[14]
    assert got[14]["sipcat.phrase_differs"] == [] and len(experts(got[14])) == 1, got[14]
    # Requests and the good responses have no note; no frame is annotated twice.
    assert sorted(got) == [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 23], sorted(got)


def test_hostile_undecoded(ts, source):
    """With SIP's heuristics off, every status line is data: the broken ones get
    their note (000 and 700 the out-of-range one), a well-formed one is not
    called broken."""
    got = rows(ts, source, "hostile-udp", ["--disable-heuristic", "sip_udp"])
    assert sorted(got) == [2, 4, 6, 8, 10, 12, 16], sorted(got)
    for frame, code in ((2, "0"), (6, "700")):
        assert got[frame]["sipcat.code"] == [code], got[frame]
        assert experts(got[frame]) == [f"Status code {code} is outside 100..699, so this is not a valid SIP response "
                                       "(RFC 3261 §7.2); receivers discard it. Check the sender's SIP stack."], got[frame]
    for frame in (4, 8, 10, 12, 16):
        assert len(experts(got[frame])) == 1 and "looks like a SIP status line" in experts(got[frame])[0], got[frame]


def test_hostile_text(ts, source):
    """Bytes that are not UTF-8, 1,000 Warning values, a huge Reason cause, a
    64 KiB reason phrase: bounded, readable annotations."""
    got = rows(ts, source, "hostile-udp")
    r = got[18]
    assert r["sipcat.code"] == ["486"], r
    assert any(m.startswith('Reason phrase "Bes\ufffdtzt \ufffd\ufffd" on the wire') for m in experts(r)), experts(r)
    assert any(m.startswith('Warning 399 "caf\ufffd \ufffd\ufffd broken"') for m in experts(r)), experts(r)
    # 1,000 Warning values: the first 32 are kept and a note says there are more.
    r = got[20]
    assert r["sipcat.warning.code"] == [str(300 + i) for i in range(32)], r["sipcat.warning.code"]
    assert "Only the first 32 Warning values are shown; the response carries more." in experts(r), experts(r)
    # Reason: Q.850 cause of 20 digits (Wireshark reads none) and SIP cause 99999.
    r = got[22]
    assert r["sipcat.code"] == ["480"] and r["sipcat.reason.sip.cause"] == ["99999"], r
    lead = [m for m in experts(r) if m.startswith("Reason: SIP cause 99999")]
    assert lead and len(lead[0].encode()) <= 240, lead
    # A response to nothing: annotated, without a request frame.
    assert got[23]["sipcat.code"] == ["200"] and got[23]["sipcat.request_frame"] == [], got[23]
    tcp = rows(ts, source, "hostile-tcp")
    big = [f for f, r in tcp.items() if r["sipcat.code"] == ["486"]]
    assert len(big) == 1, big
    diff = [m for m in experts(tcp[big[0]]) if m.startswith('Reason phrase "Busy Busy')]
    assert diff and len(diff[0].encode()) < 300, "the 64 KiB phrase is shortened"


def test_hostile_burst(ts, source):
    """1,000 pipelined OPTIONS answered in one TCP write: 1,000 annotations,
    each with its own request, none taken for a retransmission."""
    for extra in ([], ["-2"]):
        got = rows(ts, source, "hostile-tcp", extra)
        codes = [c for r in got.values() for c in r["sipcat.code"] if c == "200"]
        assert len(codes) == 1000, len(codes)
        requests = [f for r in got.values() if "200" in r["sipcat.code"] for f in r["sipcat.request_frame"]]
        assert len(requests) == 1000 and all(int(f) > 0 for f in requests), len(requests)
    out, _ = ts.run(["-q", "-z", "sipcat,tree"], source.capture("hostile-tcp"))
    assert re.search(r"^Responses \(retransmissions not counted\)\s+1001\s", out, re.M), out
    assert re.search(r"^Retransmitted responses \(not counted above\)\s+0\s", out, re.M), out


def test_hostile_truncated(ts, source):
    """Every frame cut to 150 bytes: status lines still annotated, headers
    beyond the cut are not invented."""
    got = rows(ts, source, "hostile-truncated")
    full = rows(ts, source, "hostile-udp")
    assert sorted(got) == sorted(full), (sorted(got), sorted(full))
    for frame in got:
        assert got[frame]["sipcat.code"] == full[frame]["sipcat.code"], frame
    assert got[20]["sipcat.warning.code"] == [], "the Warning header was cut away"
    assert got[22]["sipcat.reason.sip.cause"] == [], "the Reason header was cut away"


def test_state_released(ts, source):
    """The diagnosis state is given back when tshark closes the file (the
    cleanup routine; Wireshark does the same on reload or opening another file)."""
    # Kamailio: 11 Call-IDs, 36 requests that are neither ACK nor resent, by Call-ID,
    # branch and method; hostile-tcp: the 1,000 pipelined OPTIONS of one call and an INVITE.
    for name, calls, transactions in (("kamailio-diagnosis-udp", 11, 36), ("hostile-tcp", 2, 1001)):
        _, err = ts.run(["-V", "--log-level", "info"], source.capture(name))
        m = re.findall(r"file closed: released the diagnosis state of (\d+) calls \((\d+) transactions\)", err)
        assert len(m) == 1, err[-2000:]
        assert (int(m[0][0]), int(m[0][1])) == (calls, transactions), (name, m)
