"""Requests nobody answers and 2xx nobody ACKs, on captures made by SIPp peers
(tests/silence/record.sh; the frames are listed in tests/captures/README.md).

One pass (tshark -r) knows only the past: the retransmissions sent while no
answer (no ACK) had come yet are marked. Two passes (tshark -2 with a filter
naming sipcat, so that the first pass reads the messages: a first pass that
nothing asks about sipcat reads nothing, see README) know how each
transaction ended: every copy of one that was never answered (never ACKed),
and nothing of one answered (ACKed) after a retransmission."""
import re
import xml.etree.ElementTree as ET

import pytest

from stats_tree_text import tree_rows

ONE_PASS, TWO_PASS = [], ["-2"]

# unanswered-udp.pcapng: frame -> (copy, seconds since the first copy) on RFC 3261's schedule.
INVITE = dict(zip([1, 4, 13, 25, 30, 38, 52], zip(range(1, 8), [0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5])))
NON_INVITE_TIMES = [0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5]
REGISTER = dict(zip([2, 6, 16, 26, 31, 35, 39, 43, 46, 49, 53], zip(range(1, 12), NON_INVITE_TIMES)))
OPTIONS = dict(zip([3, 8, 17, 27, 32, 36, 40, 44, 47, 50, 54], zip(range(1, 12), NON_INVITE_TIMES)))
BIG_INVITE = dict(zip([5, 10, 20, 28, 33, 41, 55], zip(range(1, 8), [0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5])))
NEVER_ANSWERED = {**INVITE, **REGISTER, **OPTIONS, **BIG_INVITE}
# Controls: answered after one retransmission (INVITE 7, 12 -> 18; OPTIONS 9, 14 -> 21), and an OPTIONS
# answered 33 s after its first copy (11, 15, 24, ... 56 -> 57).
LATE_OPTIONS = [11, 15, 24, 29, 34, 37, 42, 45, 48, 51, 56]
CONTROL_RETRANSMISSIONS = [12, 14] + LATE_OPTIONS[1:]

# no-ack-udp.pcapng: the 200 OK never ACKed, 11 copies, then the callee's BYE (frame 19); the control's
# 200 (4) is retransmitted once (6) and then ACKed (7).
NO_ACK_200 = dict(zip([2, 5, 8, 11, 12, 13, 14, 15, 16, 17, 18], zip(range(1, 12), NON_INVITE_TIMES)))


def rows(ts, cap, filt, fields, passes, extra=()):
    return ts.fields(cap, ["frame.number"] + fields, extra=passes + ["-Y", filt] + list(extra))


def marked(ts, cap, passes, flag, copies, waited):
    out = {}
    for r in rows(ts, cap, flag, [copies, waited], passes):
        out[int(r[0])] = (int(r[1]) if r[1] else None, float(r[2]) if r[2] else None)
    return out


def assert_schedule(got, expected):
    assert sorted(got) == sorted(expected), (sorted(got), sorted(expected))
    for frame, (copy, waited) in expected.items():
        assert got[frame][0] == copy, (frame, got[frame], copy)
        # The peers keep RFC 3261's schedule to a few milliseconds.
        assert got[frame][1] == pytest.approx(waited, abs=0.1), (frame, got[frame], waited)


def test_unanswered_one_pass(ts, source):
    cap = source.capture("unanswered-udp")
    got = marked(ts, cap, ONE_PASS, "sipcat.unanswered", "sipcat.unanswered.copies", "sipcat.unanswered.waited")
    # Every retransmission sent while no answer had come yet, controls included; never a first copy.
    expected = {f: v for f, v in NEVER_ANSWERED.items() if v[0] >= 2}
    expected.update({12: (2, 0.5), 14: (2, 0.5)})
    expected.update({f: (i + 1, NON_INVITE_TIMES[i]) for i, f in enumerate(LATE_OPTIONS) if i >= 1})
    assert_schedule(got, expected)


def test_unanswered_two_passes(ts, source):
    cap = source.capture("unanswered-udp")
    got = marked(ts, cap, TWO_PASS, "sipcat.unanswered", "sipcat.unanswered.copies", "sipcat.unanswered.waited")
    # Every copy of the four never answered; the controls (answered, also late) stay quiet.
    assert_schedule(got, NEVER_ANSWERED)
    for f in [7, 9] + CONTROL_RETRANSMISSIONS + [11]:
        assert f not in got, f


@pytest.mark.parametrize("passes", [ONE_PASS, TWO_PASS], ids=["one_pass", "two_pass"])
def test_expert_texts_per_case(ts, source, passes):
    cap = source.capture("unanswered-udp")
    msgs = {int(r[0]): r[1] for r in rows(ts, cap, "sipcat.unanswered", ["_ws.expert.message"], passes)}
    state = "never answered in this capture" if passes else "got no response yet"
    assert msgs[52].startswith(f"INVITE {state} ("), msgs[52]
    assert "(Timer B)" in msgs[52], msgs[52]
    assert msgs[53].startswith(f"REGISTER {state} (11 copies in 31.5 s)"), msgs[53]
    assert "(Timer F)" in msgs[53] and "unregistered" in msgs[53], msgs[53]
    assert msgs[54].startswith(f"OPTIONS {state} (11 copies in 31.5 s)"), msgs[54]
    assert "keep-alive" in msgs[54], msgs[54]
    # Two passes: how it ended (all copies) already at the first copy; one pass: so far.
    assert (f"INVITE {state} (7 copies in 31.5 s)" in msgs[4]) == bool(passes), msgs[4]
    assert (f"INVITE {state} (2 copies in 0.5 s)" in msgs[4]) == (not passes), msgs[4]
    # Only the INVITE of 2,418 bytes over UDP is over RFC 3261 §18.1.1's 1,300 bytes.
    big = [f for f, m in msgs.items() if "2418 bytes over UDP" in m]
    assert sorted(big) == sorted(f for f in BIG_INVITE if passes or BIG_INVITE[f][0] >= 2), big
    # The texts of each case: the remedy names what to check.
    texts = rows(ts, cap, "sipcat && (frame.number == 52 || frame.number == 53 || frame.number == 54)", ["sipcat.explanation", "sipcat.remedy"], passes)
    by_frame = {int(r[0]): (r[1], r[2]) for r in texts}
    assert "Timer B" in by_frame[52][0] and "NAPTR" in by_frame[52][1] and "1,300 bytes" in by_frame[52][1]
    assert "401" in by_frame[53][0] and "_sip._udp" in by_frame[53][1]
    assert "OPTIONS pings" in by_frame[54][0] and "allowed hosts" in by_frame[54][1]


@pytest.mark.parametrize("passes", [ONE_PASS, TWO_PASS], ids=["one_pass", "two_pass"])
def test_late_response(ts, source, passes):
    cap = source.capture("unanswered-udp")
    r = rows(ts, cap, "sipcat.late", ["sipcat.late", "_ws.expert.message"], passes)
    assert [x[0] for x in r] == ["57"], r
    assert float(r[0][1]) == pytest.approx(33.0, abs=0.1), r
    assert "200 to OPTIONS came 33.0 s after the request's first copy" in r[0][2], r
    # The answers in time are no late responses.
    assert not rows(ts, cap, "sipcat.late && (frame.number == 18 || frame.number == 21)", [], passes)


def test_no_ack_one_pass(ts, source):
    cap = source.capture("no-ack-udp")
    got = marked(ts, cap, ONE_PASS, "sipcat.ack_missing && sip.Status-Code", "sipcat.ack_missing.copies",
                 "sipcat.ack_missing.waited")
    expected = {f: v for f, v in NO_ACK_200.items() if v[0] >= 2}
    expected[6] = (2, 0.5)  # the control's copy before its ACK came
    assert_schedule(got, expected)


def test_no_ack_two_passes(ts, source):
    cap = source.capture("no-ack-udp")
    got = marked(ts, cap, TWO_PASS, "sipcat.ack_missing && sip.Status-Code", "sipcat.ack_missing.copies",
                 "sipcat.ack_missing.waited")
    assert_schedule(got, NO_ACK_200)  # the control (4, 6, ACKed at 7) stays quiet


@pytest.mark.parametrize("passes", [ONE_PASS, TWO_PASS], ids=["one_pass", "two_pass"])
def test_the_callees_bye(ts, source, passes):
    cap = source.capture("no-ack-udp")
    r = rows(ts, cap, "sipcat.ack_missing && sip.Method", ["sipcat.ack_missing.waited", "_ws.expert.message"],
             passes)
    assert [x[0] for x in r] == ["19"], r  # not the control's BYE (9), nor any ACK
    assert float(r[0][1]) == pytest.approx(32.07, abs=0.05), r
    assert r[0][2].startswith("BYE 32.1 s after the 2xx that got no ACK"), r
    state = "was never ACKed in this capture (11 copies in 31.6 s)" if passes else "has no ACK yet (11 copies in 31.6 s)"
    last = rows(ts, cap, "sipcat && frame.number == 18", ["_ws.expert.message"], passes)
    assert f"200 to INVITE {state}" in last[0][1], last
    # The finding's own explanation and remedy, beside the 200's.
    texts = rows(ts, cap, "sipcat && frame.number == 18", ["sipcat.remedy"], passes)
    assert "Record-Route" in texts[0][1] and "private address" in texts[0][1], texts


def test_request_subtree_title(ts, source):
    out, _ = ts.run(["-2", "-V", "-Y", "sipcat.unanswered && frame.number == 1"], source.capture("unanswered-udp"))
    assert "SIP Response Catalogue: INVITE without a response" in out, out[-3000:]
    out, _ = ts.run(["-2", "-V", "-Y", "sipcat.ack_missing && frame.number == 19"], source.capture("no-ack-udp"))
    assert "SIP Response Catalogue: BYE after a 2xx without ACK" in out, out[-3000:]


def test_german(ts, source):
    de = ["-o", "sipcat.language:de"]
    cap = source.capture("unanswered-udp")
    msgs = {int(r[0]): r[1] for r in rows(ts, cap, "sipcat.unanswered || sipcat.late", ["_ws.expert.message"],
                                          TWO_PASS, de)}
    assert msgs[52].startswith("INVITE in diesem Mitschnitt nie beantwortet (7 Kopien in 31,5 s)"), msgs[52]
    assert msgs[53].startswith("REGISTER in diesem Mitschnitt nie beantwortet (11 Kopien"), msgs[53]
    assert "Keep-Alive" in msgs[54], msgs[54]
    assert "2418 Byte" in msgs[55], msgs[55]
    assert "|200 auf OPTIONS kam 33,0 s nach der ersten Kopie" in msgs[57], msgs[57]
    one = {int(r[0]): r[1] for r in rows(ts, cap, "sipcat.unanswered", ["_ws.expert.message"], ONE_PASS, de)}
    assert one[4].startswith("INVITE noch ohne Antwort (2 Kopien in 0,5 s)"), one[4]
    cap = source.capture("no-ack-udp")
    msgs = {int(r[0]): r[1] for r in rows(ts, cap, "sipcat.ack_missing", ["_ws.expert.message"], TWO_PASS, de)}
    assert "200 auf INVITE in diesem Mitschnitt nie mit ACK bestätigt (11 Kopien" in msgs[18], msgs[18]
    assert msgs[19].startswith("BYE 32,1 s nach dem 2xx ohne ACK"), msgs[19]
    out, _ = ts.run(["-2", "-V", "-Y", "sipcat && frame.number == 1"] + de, source.capture("unanswered-udp"))
    assert "INVITE ohne Antwort" in out and "Unbeantwortet: ja" in out, out[-3000:]
    # Tree labels too: the German decimal comma.
    assert re.search(r"\[Sekunden seit der ersten Kopie: \d+,\d{3}\]", out), out[-3000:]


def test_expert_groups(ts, source):
    """-z expert lists them as warnings of group Sequence."""
    out, _ = ts.run(["-2", "-q", "-Y", "sipcat", "-z", "expert,sipcat"], source.capture("no-ack-udp"))
    assert "Sequence" in out and "200 to INVITE was never ACKed in this capture" in out, out


@pytest.mark.parametrize("passes", [ONE_PASS, TWO_PASS], ids=["one_pass", "two_pass"])
def test_statistics_tree(ts, source, passes):
    """-z sipcat,tree counts the transactions the fields mark, once each: one pass those retransmitted
    without an answer so far (the controls too), two passes those never answered."""
    def tree(cap, extra=()):
        out, _ = ts.run(passes + ["-q", "-z", "sipcat,tree"] + list(extra), source.capture(cap))
        return {label: count for label, count, _ in tree_rows(out)}
    rows = tree("unanswered-udp")
    if passes:
        want = {"Requests without a response": 4, " INVITE": 2, " REGISTER": 1, " OPTIONS": 1}
    else:
        want = {"Requests without a response": 7, " INVITE": 3, " REGISTER": 1, " OPTIONS": 3}
    assert {k: rows.get(k) for k in want} == want, rows
    assert rows["Responses after the sender gave up"] == 1, rows
    assert "2xx to INVITE without ACK" not in rows, rows
    rows = tree("no-ack-udp")
    assert rows["2xx to INVITE without ACK"] == (1 if passes else 2), rows  # one pass: the control before its ACK
    assert "Requests without a response" not in rows, rows
    rows = tree("no-ack-udp", ["-o", "sipcat.language:de"])
    assert rows["2xx auf INVITE ohne ACK"] == (1 if passes else 2), rows


def test_long_finding_texts(ts, source):
    """A finding's explanation and remedy are longer than a tree label (240 bytes): shown whole in lines,
    or, with wrapping off, one item whose label is cut (Wireshark marks its own English label; the German
    one is cut by sipcat at a character, with "…"), as the catalogue's texts are; the field keeps the whole text."""
    cap, frame = source.capture("unanswered-udp"), ["-2", "-T", "pdml", "-Y", "sipcat.unanswered && frame.number == 52"]

    def items(extra):
        out, _ = ts.run(frame + extra, cap)
        return {f: ET.fromstring(out).find(f".//field[@name='{f}']") for f in ("sipcat.explanation", "sipcat.remedy")}

    for (field, item), name in zip(items([]).items(), ("Explanation", "Remedy")):
        whole = item.get("show")
        assert len(whole.encode()) > 240, whole
        lines = [item.get("showname")[len(name) + 2:]] + [c.get("show") for c in item]
        assert len(lines) >= 3 and " ".join(lines) == whole, (field, lines)
    for (field, item), name in zip(items(["-o", "sipcat.wrap_long_text:FALSE"]).items(), ("Explanation", "Remedy")):
        assert len(item) == 0, field
        label = re.fullmatch(name + r" \[[^\]]+\]: (.*)", item.get("showname"))
        assert label and item.get("show").startswith(label[1]) and label[1] != item.get("show"), item.get("showname")
    de = items(["-o", "sipcat.wrap_long_text:FALSE", "-o", "sipcat.language:de"])
    for (field, item), name in zip(de.items(), ("Erklärung", "Abhilfe")):
        shown = item.get("showname")
        assert shown.startswith(name + ": ") and shown.endswith("…") and len(shown.encode()) < 240, shown
        assert item.get("show").startswith(shown[len(name) + 2:-1]), (shown, item.get("show"))
