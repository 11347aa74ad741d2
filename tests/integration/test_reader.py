"""Reading SIP messages from their bytes (plugin/core/sip_message.h) and paying
only for what a run reads (plugin/ws/readers.h), with the real tshark."""

import os
import re
import subprocess

CAPTURE = "header-values-udp"  # tests/sipp/record-captures.sh (record_headers)


def by_frame(ts, source, fields, extra=()):
    rows = ts.fields(source.capture(CAPTURE), ["frame.number"] + fields, extra=list(extra))
    return {int(r[0]): dict(zip(fields, r[1:])) for r in rows if r and r[0]}


def test_header_values(ts, source):
    """20 Warning lines (40 values, one folded): the 32 documented values and
    the note that more were left out; a 486 in compact forms is paired with its
    request, and the OPTIONS retransmissions SIPp sent (frames 2, 5 and 6) do
    not take the first copy's place; Retry-After is read."""
    fields = ["sipcat.code", "sipcat.warning.code", "sipcat.warning.text", "sipcat.request_frame",
              "sipcat.retry_after", "_ws.expert.message"]
    for extra in ([], ["-2"], ["-Y", "sipcat"]):
        got = by_frame(ts, source, fields, extra)
        w = got[3]
        codes = w["sipcat.warning.code"].split("|")
        assert w["sipcat.code"] == "488", (extra, w)
        assert len(codes) == 32, (extra, len(codes), codes)
        assert codes[:4] == ["300", "399", "301", "399"], (extra, codes[:4])
        texts = w["sipcat.warning.text"].split("|")
        assert texts[0] == "text, 0" and texts[15] == "second 7", (extra, texts[:16])
        assert "more" in w["_ws.expert.message"], (extra, w["_ws.expert.message"][-400:])
        assert w["sipcat.request_frame"] == "1", (extra, w)
        busy = got[7]
        assert busy["sipcat.code"] == "486", (extra, busy)
        assert busy["sipcat.request_frame"] == "4", (extra, busy)
        assert busy["sipcat.retry_after"] == "30", (extra, busy)


def test_readers_modes(ts, source):
    """Runs that read nothing of sipcat stay quiet; -z expert without a filter
    says why it gets no sipcat items; a first pass without a tree (-2 -V) still
    gives the second pass its annotations; disabled means nothing at all."""
    cap = source.capture(CAPTURE)
    out, err = ts.run(["-q", "-z", "sip,stat"], cap)
    assert "sipcat" not in err.lower(), err
    _, err = ts.run(["-q", "-z", "expert"], cap)
    assert err.count("sipcat: this run builds no protocol tree") == 1, err
    out, _ = ts.run(["-q", "-z", "expert,sip"], cap)
    assert "486 Busy Here:" in out, out
    out, _ = ts.run(["-2", "-V"], cap)
    # The two responses; the OPTIONS retransmissions before them are findings of their own (test_silence.py).
    assert len(re.findall(r"SIP Response Catalogue: \d{3} ", out)) == 2, out[-3000:]
    assert "Request in frame: 4" in out, out[-3000:]
    out, _ = ts.run(["--disable-protocol", "sipcat", "-V"], cap)
    assert "SIP Response Catalogue" not in out, out[-3000:]
    # A filter on one of sipcat's expert items finds them.
    frames = [r[0] for r in ts.fields(cap, ["frame.number"], extra=["-Y", "sipcat.response"])]
    assert frames == ["3", "7"], frames
    frames = [r[0] for r in ts.fields(cap, ["frame.number"], extra=["-Y", "sipcat.warning_explained"])]
    assert frames == ["3"], frames
    out, _ = ts.run(["-q", "-z", "sipcat,tree"], cap)
    assert "486 Busy Here" in out and "488 Not Acceptable Here" in out, out


def test_warning_names_its_rfc(ts, source):
    """A registered warn-code's expert line says where it is defined (the
    catalogue's rfc: line), before the explanation that the 240-byte expert
    text may cut: 308 comes from RFC 8373, the others from RFC 3261 §20.43; an
    unregistered one has no RFC to name."""
    got = by_frame(ts, source, ["_ws.expert.message"])
    lines = got[3]["_ws.expert.message"].split("|")
    assert any(l.startswith('Warning 308 "text, 8" (RFC 8373): The human languages') for l in lines), lines
    assert any(l.startswith('Warning 300 "text, 0" (RFC 3261 §20.43): ') for l in lines), lines


STAND_DOWN = "sipcat: nothing in this run reads sipcat; it is off for the rest of the file (from frame 2)"


def test_stands_down_when_nothing_reads(ts, source):
    """tshark runs in which nothing can read sipcat switch it off after the
    first frame (readers.h: the stand-down), with the same output as without
    it (not -T fields: 4.0 builds a visible tree for it); runs with a reader, and the first pass of -2 (its records serve the
    second), keep it on to the end."""
    cap = source.capture("kamailio-diagnosis-udp")
    quiet = [["-q", "-z", "sip,stat"], ["-q", "-Y", "sip.Status-Code >= 400", "-z", "io,stat,0"],
             ["-2", "-q", "-z", "sip,stat"], ["-x"]]
    for args in quiet:
        out, err = ts.run(args + ["--log-level", "info"], cap)
        assert err.count(STAND_DOWN) == 1, (args, err[-2000:])
        off, _ = ts.run(args + ["--disable-protocol", "sipcat"], cap)
        assert out == off, (args, out, off)
    readers = [["-V"], ["-Y", "sipcat"], ["-q", "-z", "sipcat,tree"], ["-T", "fields", "-e", "sipcat.code"],
               ["-q", "-z", "expert"], ["-q", "-z", "expert,sip"], ["-2", "-V"], ["-2", "-R", "sip", "-V"],
               ["-Y", "_ws.expert.severity >= warning"], ["-q", "-z", "io,stat,0,sipcat.class==4"]]
    for args in readers:
        _, err = ts.run(args + ["--log-level", "info"], cap)
        assert STAND_DOWN not in err and "nothing in this run reads sipcat" not in err, (args, err[-2000:])
    # The second pass after a first with a tree that nothing read still annotates every response.
    one, _ = ts.run(["-Y", "sip", "-V"], cap)
    two, _ = ts.run(["-2", "-R", "sip", "-V"], cap)
    count = len(re.findall(r"SIP Response Catalogue: \d{3} ", one))
    assert count >= 2 and len(re.findall(r"SIP Response Catalogue: \d{3} ", two)) == count, (count, two[-3000:])


def test_two_passes_after_a_first_without_readers(ts, source):
    """tshark -2 whose first pass has a tree nothing of sipcat reads (-R sip)
    and whose second pass asks for sipcat fields: every SIP frame of the second
    pass is annotated as in one pass, the first one too (4.6 fakes its `sip`
    item unless sipcat marks it again when the first pass ends: without that
    mark frame 1 of this cut lost its 401 on 4.6.9)."""
    # From its second frame on, so that the first SIP frame is a response (a 401):
    # a request's frame has no sipcat field to lose. Cut by editcap, as users do.
    cap = os.path.join(ts.workdir("cut"), "from-the-401.pcapng")
    subprocess.run(["editcap", "-r", source.capture("kamailio-diagnosis-udp"), cap, "2-1000000"], check=True)
    fields = ["sipcat.code", "sipcat.summary", "sipcat.request_frame"]
    one = ts.fields(cap, ["frame.number"] + fields, extra=["-Y", "sip"])
    two = ts.fields(cap, ["frame.number"] + fields, extra=["-2", "-R", "sip"])
    assert one[0][:2] == ["1", "401"], one[:2]
    assert sum(1 for r in one if len(r) > 1 and r[1]) >= 10, one
    assert two == one, [(a, b) for a, b in zip(one, two) if a != b][:5]


def test_title_only_for_its_readers(ts, source):
    """sipcat's item text is made only where someone reads it; -e sipcat (the
    protocol itself) does, so it still gets the whole title."""
    cap = source.capture("kamailio-diagnosis-udp")
    rows = ts.fields(cap, ["frame.number", "sipcat"], extra=["-Y", "sipcat.class == 4"])
    assert rows and all(r[1].startswith("SIP Response Catalogue: 4") and "(Client Error)" in r[1] for r in rows), rows
