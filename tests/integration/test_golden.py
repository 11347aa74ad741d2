"""The SIPp captures against expected files: -T fields in one pass and -2,
the -V subtrees, -T json and -T ek."""
import json
import re

import pytest

from expected_files import compare, fields_text

OWN_CAPTURES = ["sipp-codes-udp", "sipp-codes-tcp", "odd-responses-udp", "odd-responses-tcp"]


@pytest.mark.parametrize("passes", [[], ["-2"]], ids=["one_pass", "two_pass"])
@pytest.mark.parametrize("cap", OWN_CAPTURES)
def test_golden_fields(ts, source, cap, passes):
    compare(fields_text(ts, source.capture(cap), passes), source.expected(cap + ".fields.tsv"), ts.version, "fields")


def test_verbose(ts, source):
    """-V shows one subtree per response, in order, with the expert texts."""
    out, _ = ts.run(["-V", "-Y", "sipcat"], source.capture("odd-responses-tcp"))
    # Only the frame number of Wireshark's own frame line: its wording changes
    # between versions (4.6 added "Packet,") and is not ours to test.
    lines = [re.sub(r"^(Frame \d+):.*", r"\1", l.rstrip()) for l in out.splitlines()
             if l.startswith("[SIP Response Catalogue") or l.startswith("Frame ")
             or l.startswith("    [Expert Info")]
    compare("\n".join(lines) + "\n", source.expected("odd-responses-tcp.verbose.txt"))


def test_json(ts, source):
    out, _ = ts.run(["-T", "json", "--no-duplicate-keys", "-j", "sipcat", "-Y", "sipcat",
                     "-o", "sipcat.wrap_long_text:FALSE"], source.capture("odd-responses-tcp"))
    packets = json.loads(out)
    got = []
    for p in packets:
        cat = p["_source"]["layers"]["sipcat"]
        got.append(cat if isinstance(cat, list) else [cat])
    with open(source.expected("odd-responses-tcp.sipcat.json"), encoding="utf-8") as f:
        expected = json.load(f)
    assert [len(g) for g in got] == [1, 1, 3], "one subtree per response, three in frame 27"
    assert got == expected, json.dumps(got, indent=1, ensure_ascii=False)[:3000]


def test_ek(ts, source):
    out, _ = ts.run(["-T", "ek", "-Y", "sipcat.code == 486"], source.capture("sipp-codes-udp"))
    docs = [json.loads(l) for l in out.splitlines() if l.startswith("{") and '"layers"' in l]
    assert len(docs) == 1, f"{len(docs)} ek documents for the one 486"
    layers = docs[0]["layers"]
    assert layers["sipcat"]["sipcat_sipcat_code"] == "486", layers["sipcat"]
    assert layers["sipcat"]["sipcat_sipcat_reason"] == "Busy Here", layers["sipcat"]
