"""Display filters on sipcat fields, expert severities, and every kind of
reader (-e, _ws.expert, custom columns, -z expert) getting the fields."""
import collections
import re

from expert_lines import expert_items


def test_filters(ts, source):
    cap = source.capture("sipp-codes-tcp")

    def frames(flt):
        return [r[0] for r in ts.fields(cap, ["frame.number"], extra=["-Y", flt])]

    assert frames("sipcat.class == 4") == frames("sip.Status-Code >= 400 && sip.Status-Code < 500")
    with open(source.path("tests", "sipp", "codes.tsv"), encoding="utf-8") as f:
        recorded_4xx = sum(1 for l in f if l[:1] == "4")
    assert len(frames("sipcat.class == 4")) == recorded_4xx, (len(frames("sipcat.class == 4")), recorded_4xx)
    pw = ts.fields(cap, ["sipcat.code"], extra=["-Y", 'sipcat.remedy contains "password"'])
    assert sorted({r[0] for r in pw}) == ["401", "407"], pw
    unknown = ts.fields(cap, ["sipcat.code"], extra=["-Y", "sipcat.known == 0"])
    assert [r[0] for r in unknown] == ["499", "699"], unknown
    assert frames("sipcat.unknown_code") == frames("sipcat.known == 0")
    assert len(frames("sipcat.response")) == len(frames("sip.Status-Code"))


def test_expert_severity(ts, source):
    """-z expert: one sipcat.response per response, severity by class, lowered
    for failures that are normal protocol flow."""
    cap = source.capture("sipp-codes-udp")
    rows = ts.fields(cap, ["sip.Status-Code", "sip.CSeq.method"])
    out, _ = ts.run(["-q", "-z", "expert,sipcat"], cap)
    counts = collections.Counter()
    for section, group, n, text in expert_items(out):
        if group == "Response" and re.match(r"\d{3} ", text):
            counts[section] += n
    want = collections.Counter()
    for codes, methods in rows:
        if not codes:
            continue  # a request
        for code, method in zip(codes.split("|"), methods.split("|")):
            c = int(code)
            # In this capture every request is new, so: challenges are chat,
            # a 481 to CANCEL and a 491 are expected (note); the rest by class.
            if c in (401, 407):
                want["Chats"] += 1
            elif (c == 481 and method == "CANCEL") or c == 491:
                want["Notes"] += 1
            else:
                want[{1: "Chats", 2: "Chats", 3: "Notes", 4: "Warns", 5: "Errors", 6: "Errors"}[c // 100]] += 1
    assert counts == want, f"expert counts {dict(counts)}, expected {dict(want)}"
    assert "486 Busy Here: " in out and "(RFC 3261 §21.4.24)" in out
    # and one sipcat.unknown_code note for each unregistered code (499, 699)
    unknown = re.findall(r"^\s+(\d+)\s+Response\s+SIPCAT\s+Unregistered code", out, re.M)
    assert sum(int(n) for n in unknown) == 2, unknown


def test_readers(ts, source):
    """Fields and expert items appear for every kind of reader, also when no
    filter names them: -e alone, -e of _ws.expert alone, a custom column, -z expert."""
    cap = source.capture("sipp-codes-udp")
    responses = [c for r in ts.fields(cap, ["sip.Status-Code"]) if r[0] for c in r[0].split("|")]
    summaries = [s for r in ts.fields(cap, ["sipcat.summary"]) if r[0] for s in r[0].split("|")]
    assert len(summaries) == len(responses) >= 140, (len(summaries), len(responses))
    messages = [r[0] for r in ts.fields(cap, ["_ws.expert.message"]) if "Busy Here" in r[0]]
    assert len(messages) == 1 and "486 Busy Here: " in messages[0], messages
    out, _ = ts.run(["-o", 'gui.column.format:"No.","%m","Code","%Cus:sipcat.code"'], cap)
    assert sum(1 for l in out.splitlines() if l.split()[1:2] == ["486"]) == 1, out[:2000]
