#!/usr/bin/env python3
"""Integration tests: the real tshark with the freshly built plugin.

usage: run.py --plugin sipcat.so --series 4.0 --source DIR TEST
Exit 0 pass, 1 fail, 77 skipped (ctest SKIP_RETURN_CODE)."""
import argparse
import collections
import json
import os
import re
import sys

import batch_tests
import overrides
import stats_tree_tests as stats_tests
import hostile_tests
from skip import Skip
from tshark_env import Tshark

SKIP = 77
FIELDS = ["frame.number", "sip.Status-Code", "sip.CSeq.method", "sipcat.code", "sipcat.class",
          "sipcat.method", "sipcat.known", "sipcat.reason", "sipcat.rfc", "sipcat.summary"]
OWN_CAPTURES = ["sipp-codes-udp", "sipp-codes-tcp", "odd-responses-udp", "odd-responses-tcp"]
DIAG_FIELDS = ["frame.number", "udp.dstport", "sipcat.code", "sipcat.method", "sipcat.request_frame", "sipcat.auth",
               "sipcat.expected", "sipcat.call.outcome", "sipcat.retransmission", "sipcat.q850.cause",
               "sipcat.warning.code", "sipcat.retry_after"]
SIPCAT_FIELDS = {"sipcat", "sipcat.code", "sipcat.class", "sipcat.reason", "sipcat.summary",
                 "sipcat.explanation", "sipcat.remedy", "sipcat.rfc", "sipcat.note", "sipcat.status", "sipcat.method",
                 "sipcat.known", "sipcat.response", "sipcat.unknown_code", "sipcat.bad_status",
                 "sipcat.request_frame", "sipcat.retransmission", "sipcat.auth", "sipcat.expected",
                 "sipcat.call.outcome", "sipcat.retry_after", "sipcat.auth_rejected", "sipcat.missing_header",
                 "sipcat.phrase_differs", "sipcat.q850.cause", "sipcat.q850.explanation",
                 "sipcat.reason.sip.cause", "sipcat.reason.sip.explanation", "sipcat.reason.text",
                 "sipcat.warning.code", "sipcat.warning.text", "sipcat.warning.explanation",
                 "sipcat.reason_cause", "sipcat.warning_explained", "sipcat.request_uri", "sipcat.source",
                 "sipcat.auth_loop", "sipcat.challenge_loop"}


class Context:
    def __init__(self, args):
        self.source = args.source
        self.ts = Tshark(args.plugin, args.series, preload=args.preload)

    def capture(self, name):
        return os.path.join(self.source, "tests", "captures", name + ".pcapng")

    def expected(self, name):
        return os.path.join(self.source, "tests", "expected", name)

    def shared_captures(self):
        d = os.path.join(self.source, "..", "shared", "captures", "public")
        if not os.path.isfile(os.path.join(d, "MANIFEST.tsv")):
            raise Skip(f"public captures not found at {os.path.normpath(d)}; that set is skipped")
        return d


def fields_text(ctx, capture, extra=()):
    rows = ctx.ts.fields(capture, FIELDS, extra=list(extra) + ["-Y", "sipcat"])
    return "".join("\t".join(r) + "\n" for r in rows)


# Expected files are written as Wireshark 4.0 prints; what later versions print
# differently is mapped here, exactly, and nowhere else.
BOOL_COLUMNS = {"fields": [FIELDS.index("sipcat.known")],
                "diagnosis": [DIAG_FIELDS.index("sipcat.expected"), DIAG_FIELDS.index("sipcat.retransmission")]}


def for_version(ctx, text, kind):
    """Wireshark 4.2 and later print booleans in -T fields as True/False, 4.0 as 1/0."""
    if ctx.ts.version < (4, 2) or kind not in BOOL_COLUMNS:
        return text
    names = {"1": "True", "0": "False", "": ""}
    lines = []
    for line in text.splitlines():
        cols = line.split("\t")
        for c in BOOL_COLUMNS[kind]:
            cols[c] = "|".join(names[v] for v in cols[c].split("|"))
        lines.append("\t".join(cols))
    return "".join(l + "\n" for l in lines)


def compare(actual, expected_file, ctx=None, kind=None):
    with open(expected_file, encoding="utf-8") as f:
        expected = f.read()
    if ctx is not None:
        expected = for_version(ctx, expected, kind)
    if actual != expected:
        a, e = actual.splitlines(), expected.splitlines()
        for i, (x, y) in enumerate(zip(a, e)):
            if x != y:
                raise AssertionError(f"{expected_file}:{i + 1} differs\n expected: {y}\n actual:   {x}")
        raise AssertionError(f"{expected_file}: {len(e)} lines expected, {len(a)} got")


# ---------------------------------------------------------------- tests

def test_plugin_loads(ctx):
    out, _ = ctx.ts.run(["-G", "plugins"])
    line = next((l for l in out.splitlines() if l.startswith("sipcat.so")), None)
    assert line, "sipcat.so is not in tshark -G plugins:\n" + out
    assert "dissector" in line, line
    assert ctx.ts.home in line, "tshark loaded another sipcat.so than the one under test: " + line
    out, _ = ctx.ts.run(["-G", "fields"])
    names = {l.split("\t")[2] for l in out.splitlines() if l.count("\t") >= 2 and l.split("\t")[2].startswith("sipcat")}
    assert names == SIPCAT_FIELDS, f"fields differ: missing {SIPCAT_FIELDS - names}, extra {names - SIPCAT_FIELDS}"
    out, _ = ctx.ts.run(["-G", "protocols"])
    assert any(l.split("\t")[2:3] == ["sipcat"] for l in out.splitlines()), "protocol sipcat not registered"


def golden(mode):
    def test(ctx):
        extra = {"one": [], "two": ["-2"]}[mode]
        for cap in OWN_CAPTURES:
            compare(fields_text(ctx, ctx.capture(cap), extra), ctx.expected(cap + ".fields.tsv"), ctx, "fields")
    return test


def test_verbose(ctx):
    """-V shows one subtree per response, in order, with the expert texts."""
    out, _ = ctx.ts.run(["-V", "-Y", "sipcat"], ctx.capture("odd-responses-tcp"))
    # Only the frame number of Wireshark's own frame line: its wording changes
    # between versions (4.6 added "Packet,") and is not ours to test.
    lines = [re.sub(r"^(Frame \d+):.*", r"\1", l.rstrip()) for l in out.splitlines()
             if l.startswith("[SIP Response Catalogue") or l.startswith("Frame ")
             or l.startswith("    [Expert Info")]
    compare("\n".join(lines) + "\n", ctx.expected("odd-responses-tcp.verbose.txt"))


def test_json(ctx):
    out, _ = ctx.ts.run(["-T", "json", "--no-duplicate-keys", "-j", "sipcat", "-Y", "sipcat",
                         "-o", "sipcat.wrap_long_text:FALSE"], ctx.capture("odd-responses-tcp"))
    packets = json.loads(out)
    got = []
    for p in packets:
        cat = p["_source"]["layers"]["sipcat"]
        got.append(cat if isinstance(cat, list) else [cat])
    with open(ctx.expected("odd-responses-tcp.sipcat.json"), encoding="utf-8") as f:
        expected = json.load(f)
    assert [len(g) for g in got] == [1, 1, 3], "one subtree per response, three in frame 27"
    assert got == expected, json.dumps(got, indent=1, ensure_ascii=False)[:3000]


def test_wrapped_lines(ctx):
    """Long texts are also shown line by line (tree labels stop at 240 bytes):
    the lines fit and join to the whole field; the preference turns them off."""
    args = ["-Y", "sipcat.code == 401 && sipcat.method == \"REGISTER\"", "-T", "json", "--no-duplicate-keys"]
    for lang in ("en", "de"):
        out, _ = ctx.ts.run(args + ["-o", "sipcat.language:" + lang], ctx.capture("sipp-codes-udp"))
        cat = json.loads(out)[0]["_source"]["layers"]["sipcat"]
        for field in ("sipcat.explanation", "sipcat.remedy"):
            lines = list(cat[field + "_tree"].keys())
            assert len(lines) >= 2, (field, lines)
            assert all(len(l.encode()) <= 110 for l in lines), lines
            assert " ".join(lines) == cat[field], (field, lines, cat[field])
    out, _ = ctx.ts.run(args + ["-o", "sipcat.wrap_long_text:FALSE"], ctx.capture("sipp-codes-udp"))
    cat = json.loads(out)[0]["_source"]["layers"]["sipcat"]
    assert "sipcat.remedy_tree" not in cat and cat["sipcat.remedy"].startswith("Normal on the first REGISTER")


def test_ek(ctx):
    out, _ = ctx.ts.run(["-T", "ek", "-Y", "sipcat.code == 486"], ctx.capture("sipp-codes-udp"))
    docs = [json.loads(l) for l in out.splitlines() if l.startswith("{") and '"layers"' in l]
    assert len(docs) == 1, f"{len(docs)} ek documents for the one 486"
    layers = docs[0]["layers"]
    assert layers["sipcat"]["sipcat_sipcat_code"] == "486", layers["sipcat"]
    assert layers["sipcat"]["sipcat_sipcat_reason"] == "Busy Here", layers["sipcat"]


def test_method_specific_text(ctx):
    rows = ctx.ts.fields(ctx.capture("sipp-codes-udp"), ["sipcat.code", "sipcat.method", "sipcat.remedy"],
                         extra=["-Y", "sipcat.code == 401 || sipcat.code == 481"])
    remedies = {(c, m): r for c, m, r in rows}
    assert remedies[("401", "REGISTER")].startswith("Normal on the first REGISTER"), remedies
    assert remedies[("401", "INVITE")].startswith("Normal on the first INVITE"), remedies
    assert remedies[("481", "BYE")].startswith("The call was already gone"), remedies
    assert remedies[("481", "CANCEL")].startswith("The CANCEL arrived after"), remedies


def test_filters(ctx):
    cap = ctx.capture("sipp-codes-tcp")

    def frames(flt):
        return [r[0] for r in ctx.ts.fields(cap, ["frame.number"], extra=["-Y", flt])]

    assert frames("sipcat.class == 4") == frames("sip.Status-Code >= 400 && sip.Status-Code < 500")
    with open(os.path.join(ctx.source, "tests", "sipp", "codes.tsv"), encoding="utf-8") as f:
        recorded_4xx = sum(1 for l in f if l[:1] == "4")
    assert len(frames("sipcat.class == 4")) == recorded_4xx, (len(frames("sipcat.class == 4")), recorded_4xx)
    pw = ctx.ts.fields(cap, ["sipcat.code"], extra=["-Y", 'sipcat.remedy contains "password"'])
    assert sorted({r[0] for r in pw}) == ["401", "407"], pw
    unknown = ctx.ts.fields(cap, ["sipcat.code"], extra=["-Y", "sipcat.known == 0"])
    assert [r[0] for r in unknown] == ["499", "699"], unknown
    assert frames("sipcat.unknown_code") == frames("sipcat.known == 0")
    assert len(frames("sipcat.response")) == len(frames("sip.Status-Code"))


def test_expert_severity(ctx):
    """-z expert: one sipcat.response per response, severity by class, lowered
    for failures that are normal protocol flow."""
    cap = ctx.capture("sipp-codes-udp")
    rows = ctx.ts.fields(cap, ["sip.Status-Code", "sip.CSeq.method"])
    out, _ = ctx.ts.run(["-q", "-z", "expert,sipcat"], cap)
    counts = collections.Counter()
    for section, group, n, text in overrides.expert_items(out):
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


LANG_FIELDS = ["frame.number", "sipcat.code", "sipcat.method", "sipcat.summary", "sipcat.explanation",
               "sipcat.remedy", "sipcat.note"]


def test_languages(ctx):
    """Every code in both languages (-o sipcat.language), as users read it."""
    cap = ctx.capture("sipp-codes-udp")
    texts = {}
    for lang in ("en", "de"):
        rows = ctx.ts.fields(cap, LANG_FIELDS, extra=["-o", "sipcat.language:" + lang, "-Y", "sipcat"])
        for r in rows:
            assert all(r[1:6]), f"{lang}: empty field in {r}"
        texts[lang] = "".join("\t".join(r) + "\n" for r in rows)
        compare(texts[lang], ctx.expected(f"sipp-codes-udp.{lang}.tsv"))
    assert texts["en"] != texts["de"]
    # The expert text follows the language too.
    out, _ = ctx.ts.run(["-o", "sipcat.language:de", "-q", "-z", "expert,sipcat.code == 486"], cap)
    assert "486 Busy Here: Das Gerät des Angerufenen ist belegt" in out, out
    # The subtree label of an unregistered code, in both languages.
    for lang, label in (("en", "[SIP Response Catalogue: 499 (unregistered code) (Client Error)]"),
                        ("de", "[SIP Response Catalogue: 499 (nicht registrierter Code) (Client Error)]")):
        out, _ = ctx.ts.run(["-o", "sipcat.language:" + lang, "-V", "-Y", "sipcat.code == 499"], cap)
        assert label in out.splitlines(), (lang, [l for l in out.splitlines() if "Catalogue" in l])


def test_language_auto(ctx):
    """The default language follows the locale: LC_ALL, then LC_MESSAGES, then LANG."""
    cap = ctx.capture("odd-responses-udp")

    def summary(locale, extra=()):
        out, _ = ctx.ts.run(list(extra) + ["-Y", "sipcat.code == 486", "-T", "fields", "-e", "sipcat.summary"],
                            cap, locale=locale)
        return out.strip()

    de = "Das Gerät des Angerufenen ist belegt; später erneut, evtl. erreicht der Anruf die Mailbox."
    en = "The callee's device is busy; try later, or the call may reach voicemail elsewhere."
    assert summary({"LANG": "de_DE.UTF-8"}) == de
    assert summary({"LC_MESSAGES": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}) == de
    assert summary({"LC_ALL": "en_GB.UTF-8", "LANG": "de_DE.UTF-8"}) == en
    assert summary({"LANG": "fr_FR.UTF-8"}) == en  # no French: the default language
    assert summary({"LANG": "de_DE.UTF-8"}, ["-o", "sipcat.language:en"]) == en


def test_diagnosis(ctx):
    """Kamailio between SIPp peers (tests/kamailio/record-diagnosis.sh): every
    rule of the diagnosis on both legs of each call, in one pass and with -2."""
    cap = ctx.capture("kamailio-diagnosis-udp")
    for extra in ([], ["-2"]):
        rows = ctx.ts.fields(cap, DIAG_FIELDS, extra=extra + ["-Y", "sipcat"])
        text = "".join("\t".join(r) + "\n" for r in rows)
        compare(text, ctx.expected("kamailio-diagnosis-udp.diagnosis.tsv"), ctx, "diagnosis")


def test_readers(ctx):
    """Fields and expert items appear for every kind of reader, also when no
    filter names them: -e alone, -e of _ws.expert alone, a custom column, -z expert."""
    cap = ctx.capture("sipp-codes-udp")
    responses = [c for r in ctx.ts.fields(cap, ["sip.Status-Code"]) if r[0] for c in r[0].split("|")]
    summaries = [s for r in ctx.ts.fields(cap, ["sipcat.summary"]) if r[0] for s in r[0].split("|")]
    assert len(summaries) == len(responses) >= 140, (len(summaries), len(responses))
    messages = [r[0] for r in ctx.ts.fields(cap, ["_ws.expert.message"]) if "Busy Here" in r[0]]
    assert len(messages) == 1 and "486 Busy Here: " in messages[0], messages
    out, _ = ctx.ts.run(["-o", 'gui.column.format:"No.","%m","Code","%Cus:sipcat.code"'], cap)
    assert sum(1 for l in out.splitlines() if l.split()[1:2] == ["486"]) == 1, out[:2000]


def test_diagnosis_experts(ctx):
    cap = ctx.capture("kamailio-diagnosis-udp")
    out, _ = ctx.ts.run(["-q", "-z", "expert,sipcat"], cap)
    rejected = [l for l in out.splitlines() if "Credentials rejected" in l]
    assert len(rejected) == 2, rejected  # bob's REGISTER and alice's INVITE with a wrong password
    assert any('user "bob"' in l for l in rejected) and any('user "alice"' in l for l in rejected), rejected
    assert "Reason: Q.850 cause 21, \"Call rejected\"" in out, out
    assert "Warning 305 \"Incompatible media format\"" in out, out
    assert "Warning 399 \"No trunk available\"" in out, out
    assert "503 Service Unavailable: " in out and "Retry after 120 s." in out, out
    rows = ctx.ts.fields(cap, ["sipcat.request_frame", "sipcat.request_uri"], extra=["-Y", "frame.number == 8"])
    assert rows == [["7", "sip:127.0.0.1:5090"]], rows
    # The Reason leads: its expert item comes before the response's in the frame.
    rows = ctx.ts.fields(cap, ["_ws.expert.message"], extra=["-Y", "frame.number == 81"])
    messages = rows[0][0].split("|")
    assert messages[0].startswith("Reason: Q.850 cause 21") and messages[1].startswith("603 Decline"), messages
    # In German too.
    out, _ = ctx.ts.run(["-q", "-z", "expert,sipcat", "-o", "sipcat.language:de"], cap)
    assert "Zugangsdaten abgelehnt" in out and "Grund: Q.850-Ursache 21" in out, out


def test_missing_headers(ctx):
    """The SIPp UAS of tests/sipp sends bare responses: each required header
    that is missing is reported once, naming the header."""
    rows = ctx.ts.fields(ctx.capture("sipp-codes-udp"), ["sipcat.code", "sipcat.method", "_ws.expert.message"],
                         extra=["-Y", "sipcat.missing_header"])
    got = {}
    for code, method, messages in rows:
        got[(code, method)] = [m for m in messages.split("|") if "header it requires" in m]
    want = {("401", "REGISTER"): "WWW-Authenticate", ("401", "INVITE"): "WWW-Authenticate",
            ("405", "OPTIONS"): "Allow", ("407", "INVITE"): "Proxy-Authenticate", ("420", "INVITE"): "Unsupported",
            ("421", "INVITE"): "Require", ("422", "INVITE"): "Min-SE", ("423", "REGISTER"): "Min-Expires",
            ("494", "REGISTER"): "Security-Server"}
    assert set(got) == set(want), sorted(got)
    for key, header in want.items():
        assert len(got[key]) == 1 and f"without the {header} header" in got[key][0], (key, got[key])


def test_phrase_differs(ctx):
    rows = ctx.ts.fields(ctx.capture("sipp-codes-udp"), ["sipcat.code", "_ws.expert.message"],
                         extra=["-Y", "sipcat.phrase_differs"])
    assert sorted(r[0] for r in rows) == ["481", "504"], rows  # "Call Leg/...", "Gateway Time-out"
    assert any('"Gateway Time-out" on the wire; the registered phrase of 504 is "Server Time-out"' in r[1]
               for r in rows), rows


def test_bad_status(ctx):
    for cap in ("odd-responses-udp", "odd-responses-tcp"):
        rows = ctx.ts.fields(ctx.capture(cap), ["sipcat.code", "sipcat.class", "_ws.expert.message"],
                             extra=["-Y", "sipcat.bad_status"])
        assert [r[0] for r in rows] == ["700", "0"], rows
        assert all(r[1] == "" for r in rows), "no class for an out-of-range code"
        assert "Status code 700 is outside 100..699" in rows[0][2], rows


def test_public_captures(ctx):
    """Every response in the public captures annotated once; same with -2; 4xx explained."""
    d = ctx.shared_captures()
    manifest = {}
    with open(os.path.join(d, "MANIFEST.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            manifest[row["file"]] = row
    problems = []
    for name, row in sorted(manifest.items()):
        cap = os.path.join(d, name)
        rows = ctx.ts.fields(cap, ["sip.Status-Code", "sipcat.code", "sipcat.class", "sipcat.explanation",
                                   "sipcat.remedy"])
        sip = [c for r in rows for c in r[0].split("|") if c]
        cat = [c for r in rows for c in r[1].split("|") if c]
        if sorted(sip) != sorted(cat):
            problems.append(f"{name}: sip.Status-Code {len(sip)} vs sipcat.code {len(cat)}")
        want = collections.Counter()
        for item in row["status_codes(code:count)"].split():
            code, n = item.split(":")
            want[code] += int(n)
        if collections.Counter(cat) != want:
            problems.append(f"{name}: codes {dict(collections.Counter(cat))}, MANIFEST says {dict(want)}")
        for r in rows:
            for cls, expl, rem in zip(r[2].split("|"), r[3].split("|"), r[4].split("|")):
                if cls == "4" and (not expl.strip() or not rem.strip()):
                    problems.append(f"{name}: a 4xx without explanation or remedy")
        one = fields_text(ctx, cap)
        two = fields_text(ctx, cap, ["-2"])
        if one != two:
            problems.append(f"{name}: -2 output differs from one pass")
    assert not problems, "\n".join(problems)


TESTS = {
    "plugin_loads": test_plugin_loads,
    "golden_one_pass": golden("one"),
    "golden_two_pass": golden("two"),
    "verbose": test_verbose,
    "json": test_json,
    "ek": test_ek,
    "wrapped_lines": test_wrapped_lines,
    "method_specific_text": test_method_specific_text,
    "filters": test_filters,
    "expert_severity": test_expert_severity,
    "bad_status": test_bad_status,
    "languages": test_languages,
    "language_auto": test_language_auto,
    "diagnosis": test_diagnosis,
    "diagnosis_experts": test_diagnosis_experts,
    "readers": test_readers,
    "missing_headers": test_missing_headers,
    "phrase_differs": test_phrase_differs,
    "public_captures": test_public_captures,
    **overrides.TESTS,
    **stats_tests.TESTS,
    **batch_tests.TESTS,
    **hostile_tests.TESTS,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--series", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--preload", help="sanitizer runtime to preload into tshark (sanitized builds)")
    ap.add_argument("test", choices=sorted(TESTS) + ["list"])
    args = ap.parse_args()
    if args.test == "list":
        print("\n".join(sorted(TESTS)))
        return 0
    ctx = Context(args)
    try:
        TESTS[args.test](ctx)
    except Skip as e:
        print(f"SKIPPED: {e}")
        return SKIP
    except AssertionError as e:
        print(f"FAILED: {args.test}: {e}")
        return 1
    finally:
        ctx.ts.close()
    print(f"passed: {args.test}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
