"""The diagnosis rules of issue 16 on captures by real peers: the challenge
loop as its own finding, a quoted stale flag, a copy of a request that
Wireshark 4.0 does not mark, the responses to CANCEL, and long texts shown once
(tests/diagnosis/record.sh, tests/kamailio/record-diagnosis.sh)."""
import json
import re
import xml.etree.ElementTree as ET

import pytest

from field_flags import flag
from stats_tree_text import tree_rows

FIELDS = ["frame.number", "sipcat.code", "sipcat.request_frame", "sipcat.auth", "sipcat.expected", "sipcat.auth_loop",
          "_ws.expert.message"]
PASSES = pytest.mark.parametrize("passes", [[], ["-2"]], ids=["one_pass", "two_pass"])


def by_frame(ts, capture, passes=(), extra=()):
    rows = ts.fields(capture, FIELDS, extra=list(passes) + list(extra) + ["-Y", "sipcat.code"])
    return {int(r[0]): dict(zip(FIELDS[1:], r[1:])) for r in rows}


@PASSES
def test_challenge_loop_is_its_own_finding(ts, source, passes):
    """The registration of issue 16 against Kamailio: REGISTER, 401; wrong
    password, 401; a fresh REGISTER without credentials, 401; right password,
    200. The third 401 answers a request without credentials: a challenge,
    expected, and the third challenge without a success (a loop naming 2 and 4)."""
    got = by_frame(ts, source.capture("diagnosis-rules"), passes)
    assert [(f, got[f]["sipcat.auth"], flag(got[f]["sipcat.expected"]), got[f]["sipcat.auth_loop"])
            for f in (2, 4, 6)] == [(2, "challenge", True, ""), (4, "rejected", False, ""), (6, "challenge", True, "3")]
    assert (got[8]["sipcat.code"], got[8]["sipcat.auth"], got[8]["sipcat.auth_loop"]) == ("200", "", "")
    assert [got[f]["sipcat.request_frame"] for f in (2, 4, 6, 8)] == ["1", "3", "5", "7"]
    loop = [m for m in got[6]["_ws.expert.message"].split("|") if m.startswith("Challenge loop")]
    assert loop == ["Challenge loop: 3 challenges in this dialog or registration without a success in between "
                    "(earlier: frames 2, 4). If no 2xx follows, check the client's account, user name, password "
                    "and realm."], loop
    assert 'Credentials rejected: 401 to a request that carried credentials for user "dave"' in \
        got[4]["_ws.expert.message"]
    assert "Credentials rejected" not in got[6]["_ws.expert.message"]


def test_challenge_loop_in_german_and_as_filter(ts, source):
    cap = source.capture("diagnosis-rules")
    out, _ = ts.run(["-o", "sipcat.language:de", "-Y", "sipcat.auth_loop", "-T", "fields", "-e", "frame.number",
                     "-e", "sipcat.challenge_loop", "-e", "_ws.expert.message"], cap)
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("6\t"), lines
    assert "Challenge-Schleife: 3 Challenges in diesem Dialog bzw. dieser Registrierung ohne Erfolg dazwischen " \
           "(vorige: Frames 2, 4). Folgt kein 2xx, Konto, Benutzername, Passwort und Realm im Client prüfen." \
           in lines[0], lines
    # The expert item is filterable by itself, in the Security group.
    out, _ = ts.run(["-q", "-z", "expert,sipcat.challenge_loop"], cap)
    assert re.search(r"^\s+1\s+Security\s+SIPCAT\s+Challenge loop: 3 challenges", out, re.M), out


def test_challenge_loop_in_the_statistics_tree(ts, source):
    out, _ = ts.run(["-q", "-z", "sipcat,tree"], source.capture("diagnosis-rules"))
    rows = {label.strip(): count for label, count, _ in tree_rows(out)}
    assert rows["Challenge loops (3 or more challenges without a success)"] == 1, rows
    assert rows["Credentials rejected"] == 1 and rows["Authentication challenges"] == 3, rows
    assert rows["Stale nonce (client retries)"] == 1, rows


@PASSES
def test_quoted_stale_flag(ts, source, passes):
    """stale="TRUE", quoted and in capitals, to credentials that answered the
    latest challenge: stale (benign), not rejected."""
    got = by_frame(ts, source.capture("diagnosis-rules"), passes)
    assert (got[12]["sipcat.auth"], flag(got[12]["sipcat.expected"]), got[12]["sipcat.request_frame"]) == \
        ("stale", True, "11"), got[12]
    assert "Credentials rejected" not in got[12]["_ws.expert.message"]
    assert got[14]["sipcat.request_frame"] == "13"


@PASSES
def test_unmarked_copy_keeps_the_first_request(ts, source, passes):
    """An OPTIONS sent twice on one branch over TCP (frames 18 and 20): the 200
    names the first copy, whether Wireshark marks the second as a resend (4.6)
    or not (4.0 marks resends over UDP only)."""
    cap = source.capture("diagnosis-rules")
    resend = ts.fields(cap, ["frame.number", "sip.resend"], extra=["-Y", "sip.Method == \"OPTIONS\""])
    assert [r[0] for r in resend] == ["18", "20"], resend
    if ts.version < (4, 2):
        assert {r[1] for r in resend} == {"0"}, f"the copy is not marked on {ts.version}: {resend}"
    assert by_frame(ts, cap, passes)[22]["sipcat.request_frame"] == "18"


@PASSES
def test_responses_to_cancel_name_the_cancel(ts, source, passes):
    """A CANCEL is its own transaction: its 200 (Kamailio's capture, both legs)
    and its 481 (SIPp's codes capture) name it; the INVITE's 487 still knows it
    was cancelled."""
    rows = ts.fields(source.capture("kamailio-diagnosis-udp"),
                     ["frame.number", "sipcat.code", "sipcat.method", "sipcat.request_frame", "sipcat.request_uri",
                      "sipcat.expected", "sipcat.call.outcome"],
                     extra=passes + ["-Y", "frame.number >= 53 && frame.number <= 57"])
    got = {int(r[0]): r[1:] for r in rows}
    assert got[55][:4] == ["200", "CANCEL", "54", "sip:dave@127.0.0.1:5090"], got[55]
    assert got[56][:4] == ["200", "CANCEL", "53", "sip:dave@127.0.0.1:5090"], got[56]
    assert got[57][0:3] == ["487", "INVITE", "50"] and flag(got[57][4]) and got[57][5] == "cancelled", got[57]
    rows = ts.fields(source.capture("sipp-codes-udp"), ["sipcat.request_frame", "sipcat.expected"],
                     extra=passes + ["-Y", "sipcat.code == 481 && sipcat.method == \"CANCEL\""])
    assert [(r[0], flag(r[1])) for r in rows] == [("184", True)], rows


def test_long_texts_once(ts, source):
    """A long explanation or remedy: the item's label is its name and the first
    line, the rest of the text follows once as wrapped lines below it; the
    value stays the whole text (-V, PDML, JSON, -T fields)."""
    cap = source.capture("sipp-codes-udp")
    flt = ["-Y", "sipcat.code == 401 && sipcat.method == \"REGISTER\""]
    whole = ts.fields(cap, ["sipcat.explanation", "sipcat.remedy"], extra=flt)[0]
    assert all(len(t.encode()) > 240 for t in whole), "the test needs texts longer than a tree label"

    out, _ = ts.run(["-V"] + flt, cap)
    lines = out.splitlines()
    assert not [l for l in lines if "truncated" in l], [l for l in lines if "truncated" in l]
    for name, text in zip(("Explanation", "Remedy"), whole):
        at = [i for i, l in enumerate(lines) if l.strip().startswith(f"[{name}: ")]
        assert len(at) == 1, (name, [l for l in lines if name in l])
        indent = len(lines[at[0]]) - len(lines[at[0]].lstrip())
        below = [lines[at[0]].strip()[len(name) + 3:-1]]
        assert 0 < len(below[0].encode()) <= 110, below
        for l in lines[at[0] + 1:]:
            if len(l) - len(l.lstrip()) <= indent:
                break
            below.append(l.strip())
        assert len(below) >= 2 and " ".join(below) == text, (name, below)
        assert sum(text[:60] in l for l in lines) == 1, f"{name}: its text appears more than once"

    pdml = ET.fromstring(ts.run(["-T", "pdml"] + flt, cap)[0])
    for field, name, text in zip(("sipcat.explanation", "sipcat.remedy"), ("Explanation", "Remedy"), whole):
        items = pdml.findall(f".//field[@name='{field}']")
        shown = items[0].get("showname", "") if len(items) == 1 else ""
        assert shown.startswith(name + ": ") and items[0].get("show") == text, \
            [(i.get("showname"), i.get("show")) for i in items]
        assert " ".join([shown[len(name) + 2:]] + [c.get("show") for c in items[0]]) == text

    layers = json.loads(ts.run(["-T", "json", "--no-duplicate-keys"] + flt, cap)[0])[0]["_source"]["layers"]
    for field, text in zip(("sipcat.explanation", "sipcat.remedy"), whole):
        assert layers["sipcat"][field] == text
        rest = " ".join(layers["sipcat"][field + "_tree"])
        assert text.endswith(" " + rest) and len(rest) < len(text) - 60, (rest, text)


def test_bad_override_row_once_per_load(ts, source):
    """A bad row of the table file and a bad -o row are each reported once,
    although the table is applied again after every -o row."""
    from uat_rows import uat_file, uat_row
    ts.write_config("sipcat_overrides", uat_file([("99", "", "", "bad code", "", ""), ("486", "", "", "ok", "", "")]))
    _, err = ts.run(["-o", "uat:sipcat_overrides:" + uat_row("98", "", "", "bad too", "", ""),
                     "-o", "uat:sipcat_overrides:" + uat_row("603", "", "", "fine", "", ""),
                     "-o", "uat:sipcat_overrides:" + uat_row("604", "", "", "fine", "", ""),
                     "-Y", "sipcat.code == 486", "-T", "fields", "-e", "sipcat.explanation"],
                    source.capture("sipp-codes-udp"))
    problems = [l for l in err.splitlines() if "sipcat_overrides: row" in l]
    assert problems == ['tshark: sipcat_overrides: row 1 (code "99"): the code must be a number from 100 to 699; '
                        'row ignored',
                        'tshark: sipcat_overrides: row 3 (code "98"): the code must be a number from 100 to 699; '
                        'row ignored'], err


# The expert line of a 401/407 to a CANCEL, as a user reads it, per language.
CANCEL_CHALLENGED = {
    "en": "Challenged CANCEL: a {code} to a CANCEL, which servers must not send: a CANCEL cannot be resent with "
          "credentials (RFC 3261 §22.1). The INVITE may go on ringing; the server should accept a CANCEL from the "
          "INVITE's hop.",
    "de": "CANCEL mit Challenge: {code} auf ein CANCEL, das kein Server challengen darf, da es nicht mit "
          "Zugangsdaten wiederholbar ist (RFC 3261 §22.1). Das INVITE klingelt evtl. weiter; der Server soll ein "
          "CANCEL vom Hop des INVITE annehmen.",
}


@pytest.mark.parametrize("lang", ["en", "de"])
@PASSES
def test_challenge_to_cancel_is_its_own_finding(ts, source, lang, passes):
    """SIPp answered a lone CANCEL with 401 (frame 46) and one with 407 (frame
    48, tests/sipp/methods.tsv). Servers MUST NOT challenge a CANCEL (RFC 3261
    §22.1): sipcat.auth is cancel-challenged (not challenge), not expected, the
    response keeps its class severity (warning, not lowered to chat), and a
    warning of group Protocol says why, whole (under Wireshark's 240 bytes)."""
    cap = source.capture("sipp-methods-udp")
    got = by_frame(ts, cap, passes, ["-o", "sipcat.language:" + lang])
    for f, code in ((46, "401"), (48, "407")):
        assert (got[f]["sipcat.code"], got[f]["sipcat.auth"], flag(got[f]["sipcat.expected"]),
                got[f]["sipcat.auth_loop"], got[f]["sipcat.request_frame"]) == \
            (code, "cancel-challenged", False, "", str(f - 1)), got[f]
        assert CANCEL_CHALLENGED[lang].format(code=code) in got[f]["_ws.expert.message"].split("|"), got[f]
    rows = ts.fields(cap, ["frame.number", "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group"],
                     extra=passes + ["-o", "sipcat.language:" + lang, "-Y", "sipcat.cancel_challenged"])
    assert [r[0] for r in rows] == ["46", "48"], rows
    for r in rows:
        items = list(zip(*(c.split("|") for c in r[1:])))
        mine = [(sev, grp) for text, sev, grp in items if text.startswith(CANCEL_CHALLENGED[lang][:20])]
        response = [sev for text, sev, grp in items if grp == "50331648"]  # PI_RESPONSE_CODE: sipcat.response
        assert mine == [("6291456", "150994944")], items  # PI_WARN, PI_PROTOCOL
        assert response == ["6291456"], items  # warning: the 4xx class's, not the chat of a normal challenge
    # A filter on the normal challenge does not pick them up; sipcat.auth does.
    assert ts.fields(cap, ["frame.number"], extra=passes + ["-Y", 'sipcat.auth == "challenge"']) == []
    assert [r[0] for r in ts.fields(cap, ["frame.number"], extra=passes + ["-Y", "sipcat.auth"])] == ["46", "48"]


def test_challenge_to_cancel_in_the_statistics_tree(ts, source):
    out, _ = ts.run(["-q", "-z", "sipcat,tree"], source.capture("sipp-methods-udp"))
    rows = {label.strip(): count for label, count, _ in tree_rows(out)}
    assert rows["Challenges to CANCEL (not allowed)"] == 2, rows
    assert "Authentication challenges" not in rows and rows["Unexpected failures"] == 20, rows
    out, _ = ts.run(["-q", "-z", "sipcat,tree", "-o", "sipcat.language:de"], source.capture("sipp-methods-udp"))
    rows = {label.strip(): count for label, count, _ in tree_rows(out)}
    assert rows["Challenges auf CANCEL (nicht erlaubt)"] == 2, rows
