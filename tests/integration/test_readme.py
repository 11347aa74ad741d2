"""Every recipe of README.md runs, as written, and does what the text says.

Extraction rule (from README.md itself, so an edited recipe is tested as written):

- in fenced code blocks: every line whose first word, after indentation and a
  `$ ` prompt, is `tshark`, `sipcat-batch` or `parallel` (a command; `\\`
  continuations joined, a trailing ` # comment` cut), a `for ... done` loop as
  a whole (a shell recipe), and every line that starts with a `sipcat` field
  (a display filter, comment cut);
- in inline code outside fences: every span that starts with `tshark ` (a
  command), the filter of every `-Y '...'`, and every span that is a display
  filter on sipcat fields (it holds `==`, `>=`, `<=`, `!=`, `contains`, `&&`
  or `!sipcat`).

Each recipe is run by the shell, as `nobody` with the fresh plugin
(tshark_env.py), in a folder where the README's names are test captures:
`call.pcap` (the capture named by the recipe's expectation), `captures/` (three
test captures), `tests/captures/kamailio-diagnosis-udp.pcapng`, a profile
`provider` holding share/sipcat_overrides.example, and `sipcat-batch` on PATH.
A display filter runs as `tshark -r call.pcap -Y FILTER -T fields -e
frame.number` and must select exactly the frames of its expectation (a list
reviewed against the capture, or the same frames selected by Wireshark's own
sip.* fields). A command must exit 0 and print what the README says it prints.

A recipe without an entry in EXPECT fails ("new recipe without expectation:
add one"); an entry whose recipe left the README fails too. What cannot run
here as written is run in its closest local form, and says so (`local`):
GNU parallel's ssh hosts become the local machine (`--sshlogin :`), an
option named in prose gets a capture."""
import collections
import csv
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Callable, Optional

import pytest

from expected_files import compare
from stats_tree_text import tree_rows, tree_text
from tshark_env import sanitizer_report

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(os.path.dirname(os.path.dirname(HERE)), "README.md")

COMMANDS = ("tshark", "sipcat-batch", "parallel")
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.M | re.S)
FILTER_SPAN = re.compile(r"sipcat[.\w]* *(==|>=|<=|!=|contains)|!sipcat|&&")
CAPTURES = ["kamailio-diagnosis-udp", "diagnosis-rules", "sipp-codes-udp"]  # the folder captures/


def strip_comment(line):
    """The line without a ` # comment` that is outside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


@dataclass
class Recipe:
    kind: str   # command, shell or filter
    text: str
    line: int   # of its first occurrence in README.md


def extract(text):
    """The recipes of a README text, by the rule in this module's docstring, each once."""
    found = []
    for m in FENCE.finditer(text):
        first = text.count("\n", 0, m.start(3)) + 1
        lines = m.group(3).split("\n")
        i = 0
        while i < len(lines):
            number = first + i
            line = strip_comment(lines[i].strip())
            while line.endswith("\\") and i + 1 < len(lines):
                i += 1
                line = line[:-1].rstrip() + " " + strip_comment(lines[i].strip())
            if line.startswith("$ "):
                line = line[2:]
            if line.startswith("for ") and "tshark" in m.group(3):
                loop = [lines[i]]
                while not lines[i].strip().startswith("done") and i + 1 < len(lines):
                    i += 1
                    loop.append(lines[i])
                found.append(Recipe("shell", "\n".join(loop), number))
            elif line.split(" ")[0] in COMMANDS:
                found.append(Recipe("command", line, number))
            elif re.match(r"!?sipcat[.\w]*( |$)", line):
                found.append(Recipe("filter", line, number))
            i += 1
    prose = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for m in re.finditer(r"`([^`\n]+)`", prose):
        number = prose.count("\n", 0, m.start()) + 1
        span = m.group(1)
        if span.startswith("tshark "):
            found.append(Recipe("command", span, number))
        elif span.startswith("-Y '") and span.endswith("'"):
            found.append(Recipe("filter", span[4:-1], number))
        elif FILTER_SPAN.search(span):
            found.append(Recipe("filter", span, number))
    once = {}
    for r in found:
        once.setdefault(r.text, r)
    return list(once.values())


def readme_recipes():
    with open(README, encoding="utf-8") as f:
        return extract(f.read())


# ---------------------------------------------------------------- running

@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    dir: str


class Place:
    """The folder a recipe runs in, with the README's names made real."""

    def __init__(self, ts, source, call_pcap):
        self.ts, self.source = ts, source
        self.dir = ts.workdir("readme")
        self.put(source.capture(call_pcap), "call.pcap")
        self.put(source.capture("kamailio-diagnosis-udp"), "tests/captures/kamailio-diagnosis-udp.pcapng")
        for c in CAPTURES:
            self.put(source.capture(c), f"captures/{c}.pcapng")
        with open(source.path("share", "sipcat_overrides.example"), encoding="utf-8") as f:
            ts.write_config("sipcat_overrides", f.read(), profile="provider")
        bindir = os.path.join(self.dir, "bin")
        os.makedirs(bindir, exist_ok=True)
        with open(os.path.join(bindir, "sipcat-batch"), "w") as f:
            f.write('#!/bin/sh\nexec python3 %s "$@"\n' % source.path("tools", "batch", "sipcat-batch"))
        os.chmod(os.path.join(bindir, "sipcat-batch"), 0o755)
        self.parallel_home = ts.workdir("readme/.parallel")

    def put(self, src, rel):
        dst = os.path.join(self.dir, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        os.chmod(os.path.dirname(dst), 0o777)
        shutil.copy(src, dst)
        os.chmod(dst, 0o644)

    def path(self, rel):
        return os.path.join(self.dir, rel)

    def sh(self, script, timeout=600):
        env = self.ts.env()
        env["PATH"] = os.path.join(self.dir, "bin") + ":" + env["PATH"]
        env["PARALLEL_HOME"] = self.parallel_home
        p = subprocess.run(self.ts.prefix + ["sh", "-c", f"cd {self.dir} && {script}"], stdin=subprocess.DEVNULL,
                           capture_output=True, env=env, timeout=timeout, text=True, errors="replace")
        report = sanitizer_report(p.stderr)
        assert not report, f"sanitizer report in {script}:\n{report}"
        assert "Dissector bug" not in p.stdout + p.stderr, f"Dissector bug in {script}:\n{p.stderr[-2000:]}"
        return Result(p.returncode, p.stdout, p.stderr, self.dir)

    def frames(self, display_filter, extra=""):
        """Frame numbers `display_filter` selects on call.pcap."""
        r = self.sh(f"tshark -r call.pcap {extra} -Y {shell_quote(display_filter)} -T fields -e frame.number")
        assert r.returncode == 0, r.stderr
        return [int(x) for x in r.stdout.split()]


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


@dataclass
class Expect:
    capture: str = "kamailio-diagnosis-udp"     # what call.pcap is
    frames: Optional[list] = None                # filter: exactly these frames
    like: Optional[str] = None                   # filter: the frames this filter on sip.* fields selects
    all_but: Optional[list] = None               # filter: every frame except these
    extra: str = ""                              # filter: tshark options it needs (a profile)
    check: Optional[Callable] = None             # command: check(result, place)
    run: Optional[str] = None                    # the closest local form, when it cannot run as written
    local: str = ""                              # why it is run in that form
    before: tuple = ()                           # recipes whose outputs it reads, run first
    not_run: str = ""                            # not a recipe (a placeholder or syntax): why


def ok(r):
    assert r.returncode == 0, f"exit {r.returncode}:\n{r.stderr[-3000:]}"


def rows(r):
    return [line.split("\t") for line in r.stdout.splitlines()]


# Reviewed against the captures (tests/captures/README.md and tshark -V):
# kamailio-diagnosis-udp: wrong REGISTER password (8), busy on both legs (41, 43),
# 603 Decline (81, 83), 503 turned into 500 by Kamailio (93, 95; its copies 98 and
# 117 are retransmissions), 404 to a BYE for a call that failed (97), 488 on both
# legs (107, 109), wrong INVITE password (115). The expected ones: the first
# challenges and the stale nonce (2, 6, 10, 14, 18, 34, 46, 62, 74, 86, 100, 112)
# and the 487s after CANCEL (57, 59).
REAL_FAILURES = [8, 41, 43, 81, 83, 93, 95, 97, 107, 109, 115]
EXPECTED = [2, 6, 10, 14, 18, 34, 46, 57, 59, 62, 74, 86, 100, 112]
RETRANSMITTED = [98, 117]
REAL_FAILURES_FILTER = "sipcat.class >= 4 && !sipcat.expected && !sipcat.retransmission"


def first_column_frames(r):
    return [int(line.split()[0]) for line in r.stdout.splitlines() if line.strip()]


def check_real_failures(r, place):
    ok(r)
    assert first_column_frames(r) == REAL_FAILURES, r.stdout


def check_auth_rejected(r, place):
    ok(r)
    got = rows(r)
    assert [(g[0], g[1]) for g in got] == [("8", "7"), ("115", "114")], got
    assert 'Credentials rejected: 401 to a request that carried credentials for user "bob"' in got[0][2], got
    assert 'Credentials rejected: 407 to a request that carried credentials for user "alice"' in got[1][2], got


def check_auth_loop(r, place):
    ok(r)
    got = rows(r)
    assert len(got) == 1 and got[0][:2] == ["6", "3"] and got[0][2], got


def check_outcomes(r, place):
    ok(r)
    got = rows(r)
    assert collections.Counter(g[2] for g in got) == collections.Counter(
        ["answered", "busy", "cancelled", "redirected", "rejected", "auth-failed", "failed", "failed"]), got
    assert all(g[0] for g in got), got  # every call names its Call-ID
    declined = [g for g in got if g[2] == "rejected"]
    assert declined[0][1] == "603" and "21" in declined[0][3] and "rejected" in declined[0][3].lower(), declined


def check_provider_profile(r, place):
    ok(r)
    got = rows(r)
    codes = collections.Counter(g[0] for g in got)
    assert codes == collections.Counter({"401": 5, "487": 2, "180": 14}), got  # the example table's rows
    remedy = "Check your user name (your phone number in international format) and the password shown in the " \
             "customer portal; in isolated cases resetting the password there helps."
    assert all(g[1] == remedy for g in got if g[0] == "401"), got
    assert all(g[1] and g[1] != remedy for g in got if g[0] != "401"), got  # empty cell: the built-in remedy


def check_uat_row(r, place):
    ok(r)
    assert rows(r) == [["user", "Ask the callee to free the line."]] * 2, r.stdout  # frames 41, 43


def check_failure_texts(r, place):
    ok(r)
    got = rows(r)
    assert [int(g[0]) for g in got] == place.frames("sip.Status-Code >= 400"), got
    assert all(len(g) == 5 and int(g[1]) >= 400 and g[2] and g[3] and g[4] for g in got), got


def expert_lines(out):
    return [l.strip() for l in out.splitlines()]


def check_expert_en(r, place):
    ok(r)
    # The very text the README's expert table gives for a 486.
    assert re.search(r"\b2\s+Response\s+SIPCAT\s+486 Busy Here: The callee's device is busy; try later or elsewhere "
                     r"\(e\.g\. voicemail\)\. \(RFC 3261 §21\.4\.24\)$", r.stdout, re.M), r.stdout
    assert "Errors (" in r.stdout and "Warns (" in r.stdout, r.stdout


def check_expert_de(r, place):
    ok(r)
    assert re.search(r"\b2\s+Response\s+SIPCAT\s+486 Busy Here: Das Gerät des Angerufenen ist besetzt", r.stdout), \
        r.stdout
    assert "The callee's device is busy" not in r.stdout, r.stdout


def check_severities_off(r, place):
    ok(r)
    assert not re.search(r"SIPCAT\s+[12]\d\d ", r.stdout), r.stdout  # no 1xx/2xx item left
    assert re.search(r"SIPCAT\s+486 Busy Here:", r.stdout) and re.search(r"SIPCAT\s+401 Unauthorized:", r.stdout), \
        r.stdout  # failures, and the challenges lowered to chat, stay


def check_json(r, place):
    ok(r)
    layers = [p["_source"]["layers"]["sipcat"] for p in json.loads(r.stdout)]
    # Frame 27 of odd-responses-tcp holds 100, 180 and 486 in one TCP segment: all three are kept.
    several = [s for s in layers if isinstance(s, list)]
    assert [[x["sipcat.code"] for x in s] for s in several] == [["100", "180", "486"]], several
    assert len(layers) == len(place.frames("sip.Status-Code")), layers


def check_ek(r, place):
    ok(r)
    lines = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    docs = [l for l in lines if "layers" in l]
    assert len(lines) == 2 * len(docs) and all("index" in l for l in lines[::2]), lines[:4]
    frames = [int(d["layers"]["frame"]["frame_frame_number"]) for d in docs]
    assert all("sipcat" in d["layers"] for d in docs), docs[0]
    assert set(place.frames("sip.Status-Code")) <= set(frames), frames


def check_folder_loop(r, place):
    ok(r)
    got = collections.Counter()
    for line in r.stdout.splitlines():
        f, time, call_id, code, reason = line.split("\t")
        assert time and call_id and int(code) >= 400 and (reason or code in ("499", "699")), line  # unregistered
        got[f] += 1
    want = {}
    for c in CAPTURES:
        s = place.sh(f"tshark -r captures/{c}.pcapng -Y 'sip.Status-Code >= 400' -T fields -e frame.number")
        want[f"captures/{c}.pcapng"] = len(s.stdout.split())
    assert dict(got) == want, (dict(got), want)


def readme_tree_rows():
    """(label, count, percent) of the statistics tree the README prints."""
    with open(README, encoding="utf-8") as f:
        text = f.read()
    block = text.split("$ tshark -r tests/captures/kamailio-diagnosis-udp.pcapng -q -z sipcat,tree\n", 1)[1]
    block = block.split("```", 1)[0]
    out = []
    for line in block.splitlines()[1:]:
        m = re.match(r"^(.*?)\s+(\d+)\s+([\d.]+%)$", line)
        if m:
            out.append((m.group(1), int(m.group(2)), m.group(3)))
        else:
            assert line.strip() == "...", line
    return out


def check_stats_tree(r, place):
    ok(r)
    got = tree_rows(r.stdout)
    shown = readme_tree_rows()
    assert len(shown) >= 20, shown
    # Every row the README shows, with its count and share ("..." leaves rows out);
    # the top-level rows in its order (Wireshark versions order ties below them differently).
    missing = [row for row in shown if row not in got]
    assert not missing, f"README rows not in tshark's tree: {missing}\n{r.stdout}"
    top = [row for row in got if not row[0].startswith(" ")]
    assert [row for row in shown if not row[0].startswith(" ")] == top, top


def check_tree_filtered(r, place):
    ok(r)
    compare(tree_text(tree_rows(r.stdout)), place.source.expected("kamailio-diagnosis-udp.tree-invite-failures.tsv"))
    methods = [label.strip() for label, _, _ in tree_rows(r.stdout) if label.startswith("   ")]
    assert methods and set(methods) == {"INVITE"}, methods


def check_columns(r, place):
    ok(r)
    lines = {int(l.split()[0]): l for l in r.stdout.splitlines()}
    for f in (41, 43):
        assert re.search(r"\b486 The callee's device is busy; try later or elsewhere \(e\.g\. voicemail\)\.$",
                         lines[f]), lines[f]
    assert lines[1].split() == ["1"], lines[1]  # a request: no code, no summary


def check_expert_without_filter(r, place):
    ok(r)
    said = [l for l in r.stderr.splitlines() if "sipcat: this run builds no protocol tree" in l]
    assert len(said) == 1 and "-z expert,sip" in said[0], r.stderr


def check_two_pass(r, place):
    ok(r)
    one = place.sh("tshark -r call.pcap -O sipcat -Y sipcat")
    ok(one)
    assert "SIP Response Catalogue" in r.stdout and r.stdout == one.stdout


def check_log_level(r, place):
    ok(r)
    calls = len(set(place.sh("tshark -r call.pcap -Y sip -T fields -e sip.Call-ID").stdout.split()))
    assert re.search(rf"file closed: released the diagnosis state of {calls} calls \(\d+ transactions\)",
                     r.stderr), (calls, r.stderr)


def check_folders(r, place):
    ok(r)
    assert re.search(r"^Personal Plugins:\s+/", r.stdout, re.M) and re.search(r"^Global Plugins:\s+/", r.stdout,
                                                                                  re.M), r.stdout


def check_plugin_listed(r, place):
    ok(r)
    assert re.match(r"^sipcat\.so\s+\S+\s+dissector\s+/\S+/sipcat\.so$", r.stdout.strip()), r.stdout


def real_failures_per_file(place):
    return {f"captures/{c}.pcapng": len(place.sh(
        f"tshark -r captures/{c}.pcapng -Y '{REAL_FAILURES_FILTER}' -T fields -e frame.number").stdout.split())
        for c in CAPTURES}


def summary_failures(stdout):
    """file -> failures of the summary's "Files with the most failures"."""
    lines = stdout.split("\n")
    i = next(i for i, l in enumerate(lines) if l.startswith("Files with the most failures"))
    out = {}
    for line in lines[i + 1:]:
        if not line.strip():
            break
        m = re.match(r"^\s*([\d,]+)\s+(\S+)$", line)
        if m:
            out[m.group(2)] = int(m.group(1).replace(",", ""))
    return out


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_batch_csv_html(r, place):
    ok(r)
    records = read_csv(place.path("responses.csv"))
    assert {x["file"] for x in records} == {f"captures/{c}.pcapng" for c in CAPTURES}, records[:2]
    assert all(x["expected"] in ("0", "1") and x["retransmission"] in ("0", "1") for x in records), records[:2]
    # The batch's failures are the README's "real failures only" per file.
    per_file = real_failures_per_file(place)
    assert per_file["captures/kamailio-diagnosis-udp.pcapng"] == len(REAL_FAILURES), per_file
    failures = collections.Counter(x["file"] for x in records if int(x["class"] or 0) >= 4
                                   and x["expected"] == "0" and x["retransmission"] == "0")
    assert dict(failures) == per_file, (dict(failures), per_file)
    assert summary_failures(r.stdout) == per_file, r.stdout
    with open(place.path("report.html"), encoding="utf-8") as f:
        html = f.read()
    assert 'id="chart-failures"' in html and "<script" not in html, html[:500]


def check_batch_profile(r, place):
    ok(r)
    assert set(summary_failures(r.stdout)) == {f"captures/{c}.pcapng" for c in CAPTURES}, r.stdout
    # The same line with the records on stdout: the provider's German text reached tshark.
    with_records = place.sh("sipcat-batch -o sipcat.language:de -C provider captures/ --no-summary --jsonl -")
    ok(with_records)
    records = [json.loads(l) for l in with_records.stdout.splitlines()]
    register_401 = [x for x in records if x.get("code") == 401 and x.get("method") == "REGISTER"]
    assert register_401 and all(x["explanation"].startswith("Die Anmeldung an unserem VoIP-Dienst")
                                for x in register_401), register_401[:1]


PARALLEL = "parallel --sshlogin host1,host2 --transferfile {} --return {/.}.jsonl --cleanup sipcat-batch -q " \
           "--no-summary --jsonl {/.}.jsonl {} ::: captures/*.pcap*"


def check_parallel(r, place):
    ok(r)
    for c in CAPTURES:
        with open(place.path(c + ".jsonl"), encoding="utf-8") as f:
            lines = [json.loads(l) for l in f]
        assert lines[-1] == {"file": f"captures/{c}.pcapng", "file_status": "ok", "responses": len(lines) - 1,
                             "message": None}, lines[-1]
        assert all(x["expected"] in (True, False) and x["retransmission"] in (True, False) for x in lines[:-1])
        assert os.path.exists(place.path(f"captures/{c}.pcapng"))  # --cleanup leaves local input alone


def check_merge(r, place):
    ok(r)
    single = place.sh("sipcat-batch -q captures/ --csv single.csv")
    ok(single)
    key = lambda x: (x["file"], int(x["frame"]), x["code"])  # noqa: E731
    assert sorted(read_csv(place.path("responses.csv")), key=key) == sorted(read_csv(place.path("single.csv")),
                                                                          key=key)
    assert r.stdout == single.stdout and "Files with the most failures" in r.stdout, r.stdout
    assert os.path.getsize(place.path("report.html")) > 1000


def local_parallel(text):
    return text.replace("--sshlogin host1,host2", "--sshlogin :")



# unanswered-udp (tests/captures/README.md): an INVITE (1, 4, 13, 25, 30, 38, 52) and one of
# 2,460 bytes (5, 10, 20, 28, 33, 41, 55), 7 copies each; a REGISTER (2, 6, 16, ...) and an OPTIONS
# (3, 8, 17, ...), 11 copies each, all never answered. The controls (answered at 18, 21 and late at 57)
# stay out of a two-pass reading.
UNANSWERED_TWO_PASS = {"INVITE": [[1, 4, 13, 25, 30, 38, 52], [5, 10, 20, 28, 33, 41, 55]],
                       "REGISTER": [[2, 6, 16, 26, 31, 35, 39, 43, 46, 49, 53]],
                       "OPTIONS": [[3, 8, 17, 27, 32, 36, 40, 44, 47, 50, 54]]}


def check_unanswered_two_pass(r, place):
    ok(r)
    got = {int(g[0]): g for g in rows(r)}
    want = sorted(f for runs in UNANSWERED_TWO_PASS.values() for run in runs for f in run)
    assert sorted(got) == want, sorted(got)
    for method, runs in UNANSWERED_TWO_PASS.items():
        for run in runs:
            assert [got[f][1] for f in run] == [method] * len(run), [got[f] for f in run]
            assert [int(got[f][2]) for f in run] == list(range(1, len(run) + 1)), [got[f] for f in run]
            waited = [float(got[f][3]) for f in run]
            assert waited[0] == 0 and waited == sorted(waited) and 31.4 < waited[-1] < 31.7, waited


# no-ack-udp: the 200 OK nobody ACKs, 11 copies (2, 5, 8, 11-18), then the callee's BYE (19);
# the control's 200 (4, 6) was ACKed (7).
def check_ack_missing(r, place):
    ok(r)
    got = rows(r)
    assert [int(g[0]) for g in got] == [2, 5, 8] + list(range(11, 20)), got
    assert len({g[1] for g in got}) == 1, got  # one call
    assert all("200 to INVITE was never ACKed in this capture" in g[2] for g in got[:-1]), got
    assert got[-1][2].startswith("BYE 32.1 s after the 2xx that got no ACK"), got[-1]


# unanswered-udp: the OPTIONS answered 33 s after its first copy, after the sender gave up (frame 57).
def check_late(r, place):
    ok(r)
    got = rows(r)
    assert [(g[0], g[1]) for g in got] == [("57", "200")], got
    assert 32.0 < float(got[0][2]) < 34.0, got


EXPECT = {
    # Diagnosis in context
    'tshark -r call.pcap -Y \'sipcat.auth == "rejected"\' -T fields -e frame.number -e sipcat.request_frame '
    '-e _ws.expert.message': Expect(check=check_auth_rejected),
    "tshark -r call.pcap -Y 'sipcat.auth_loop' -T fields -e frame.number -e sipcat.auth_loop -e sip.Call-ID":
        Expect(capture="diagnosis-rules", check=check_auth_loop),
    "tshark -r call.pcap -Y 'sipcat.call.outcome' -T fields -e sip.Call-ID -e sipcat.code -e sipcat.call.outcome "
    "-e sipcat.q850.explanation": Expect(check=check_outcomes),
    "tshark -r call.pcap -Y '" + REAL_FAILURES_FILTER + "'": Expect(check=check_real_failures),
    REAL_FAILURES_FILTER: Expect(frames=REAL_FAILURES),
    "!sipcat.expected": Expect(all_but=EXPECTED),
    "!sipcat.retransmission": Expect(all_but=RETRANSMITTED),
    'sipcat.auth == "rejected"': Expect(frames=[8, 115]),
    # sipp-methods-udp: SIPp answered a lone CANCEL with 401 (46) and one with 407 (48).
    'sipcat.auth == "cancel-challenged"': Expect(capture="sipp-methods-udp", frames=[46, 48]),
    # sipp-codes-udp: one transaction per code (tests/sipp/codes.tsv)
    "sipcat.class == 4": Expect(capture="sipp-codes-udp", like="sip.Status-Code >= 400 && sip.Status-Code < 500"),
    "sipcat.class >= 4": Expect(capture="sipp-codes-udp", like="sip.Status-Code >= 400"),
    "sipcat.class >= 5": Expect(capture="sipp-codes-udp", like="sip.Status-Code >= 500"),
    "sipcat.code == 486": Expect(capture="sipp-codes-udp", frames=[204]),
    'sipcat.remedy contains "password"': Expect(capture="sipp-codes-udp", frames=[67, 90]),  # 401 REGISTER, 407
    "sipcat.known == 0": Expect(capture="sipp-codes-udp", frames=[228, 288]),  # 499, 699
    "!sipcat.known": Expect(capture="sipp-codes-udp", like="!sip.Status-Code"),
    'sipcat.status == "deprecated"': Expect(capture="sipp-codes-udp", frames=[39]),  # 202 to SUBSCRIBE
    'sipcat.method == "REGISTER" && sipcat.class >= 4':
        Expect(capture="sipp-codes-udp", like='sip.CSeq.method == "REGISTER" && sip.Status-Code >= 400'),
    # The sipcat_overrides table
    # The example table's rows: 401 to REGISTER, 487 to INVITE (all of them here), 180 (severity off).
    'sipcat.source == "user"': Expect(extra="-C provider", like='(sip.Status-Code == 401 && sip.CSeq.method == '
                                      '"REGISTER") || sip.Status-Code == 487 || sip.Status-Code == 180'),
    "tshark -C provider -r call.pcap -Y 'sipcat.source == \"user\"' -T fields -e sipcat.code -e sipcat.remedy":
        Expect(check=check_provider_profile),
    "tshark -r call.pcap -o 'uat:sipcat_overrides:\"486\",\"\",\"\",\"\",\"Ask the callee to free the line.\",\"\"' "
    "-Y 'sipcat.code == 486' -T fields -e sipcat.source -e sipcat.remedy": Expect(check=check_uat_row),
    "tshark -C NAME": Expect(not_run="NAME is a placeholder: the profile recipe runs with -C provider"),
    "tshark -o sipcat.severity_1xx:off -o sipcat.severity_2xx:off -q -z expert,sipcat":
        Expect(check=check_severities_off,
               run="tshark -r call.pcap -o sipcat.severity_1xx:off -o sipcat.severity_2xx:off -q -z expert,sipcat",
               local="given a capture"),
    # tshark recipes
    "tshark -r call.pcap -Y 'sipcat.class >= 4' -T fields -e frame.number -e sipcat.code -e sipcat.reason "
    "-e sipcat.explanation -e sipcat.remedy": Expect(check=check_failure_texts),
    "tshark -r call.pcap -q -z expert,sipcat": Expect(check=check_expert_en),
    "tshark -r call.pcap -q -z expert,sipcat -o sipcat.language:de": Expect(check=check_expert_de),
    "tshark -r call.pcap -Y sipcat -T json --no-duplicate-keys -j sipcat":
        Expect(capture="odd-responses-tcp", check=check_json),
    "tshark -r call.pcap -Y sipcat -T ek": Expect(check=check_ek),
    'for f in captures/*.pcap*; do\n'
    '  tshark -r "$f" -Y \'sipcat.class >= 4\' -T fields -E header=n -e frame.time -e sip.Call-ID \\\n'
    '         -e sipcat.code -e sipcat.reason | sed "s|^|$f\\t|"\n'
    'done': Expect(check=check_folder_loop),
    # Statistics and batch analysis
    "tshark -r tests/captures/kamailio-diagnosis-udp.pcapng -q -z sipcat,tree": Expect(check=check_stats_tree),
    "tshark -q -z sipcat,tree[,FILTER]": Expect(not_run="syntax: both forms run in the recipes below and above"),
    "tshark -r call.pcap -q -z 'sipcat,tree,sipcat.method == \"INVITE\" && sipcat.class >= 4'":
        Expect(check=check_tree_filtered),
    "sipcat-batch captures/ --csv responses.csv --html report.html": Expect(check=check_batch_csv_html),
    "sipcat-batch -o sipcat.language:de -C provider captures/": Expect(check=check_batch_profile),
    PARALLEL: Expect(check=check_parallel, run=local_parallel(PARALLEL),
                     local="no ssh hosts here: --sshlogin : runs the jobs on this machine"),
    "sipcat-batch --merge *.jsonl --html report.html --csv responses.csv":
        Expect(check=check_merge, before=(local_parallel(PARALLEL),)),
    "tshark -r call.pcap -o 'gui.column.format:\"No.\",\"%m\",\"Code\",\"%Cus:sipcat.code\",\"Summary\","
    "\"%Cus:sipcat.summary\"'": Expect(check=check_columns),
    # Performance, Robustness, Installing: options named in prose
    "tshark -z expert": Expect(check=check_expert_without_filter, run="tshark -r call.pcap -q -z expert",
                               local="given a capture"),
    "tshark -2": Expect(check=check_two_pass, run="tshark -r call.pcap -2 -O sipcat -Y sipcat",
                        local="given a capture, sipcat's details (-O: Wireshark's SIP tree itself differs in -2) "
                              "and a filter: compared with one pass"),
    "tshark --log-level info": Expect(check=check_log_level, run="tshark --log-level info -r call.pcap -Y sipcat",
                                      local="given a capture and a filter that reads sipcat"),
    "tshark -G folders": Expect(check=check_folders),
    # Trouble without a status code
    "tshark -r": Expect(not_run="named in prose (a one-pass read): the recipes below run it"),
    # One pass: every retransmission sent before its answer, as Wireshark's own sip.resend marks them here
    # (the controls' copies 7/12 and 9/14 included: they came before the answer).
    "sipcat.unanswered": Expect(capture="unanswered-udp", like="sip.resend == 1 && sip.Request-Line"),
    "tshark -r call.pcap -2 -Y 'sipcat.unanswered' -T fields -e frame.number -e sip.Method "
    "-e sipcat.unanswered.copies -e sipcat.unanswered.waited":
        Expect(capture="unanswered-udp", check=check_unanswered_two_pass),
    "tshark -r call.pcap -2 -Y 'sipcat.ack_missing' -T fields -e frame.number -e sip.Call-ID -e _ws.expert.message":
        Expect(capture="no-ack-udp", check=check_ack_missing),
    "tshark -r call.pcap -Y 'sipcat.late' -T fields -e frame.number -e sipcat.code -e sipcat.late":
        Expect(capture="unanswered-udp", check=check_late),
    "tshark -G plugins | grep sipcat": Expect(check=check_plugin_listed),
}

RECIPES = readme_recipes()


def test_extraction_finds_the_recipes():
    """The rule finds recipes of every kind, and the known ones (a rule that found nothing would pass all)."""
    texts = [r.text for r in RECIPES]
    kinds = collections.Counter(r.kind for r in RECIPES)
    assert kinds["command"] >= 20 and kinds["filter"] >= 10 and kinds["shell"] >= 1, kinds
    assert "tshark -r call.pcap -Y '" + REAL_FAILURES_FILTER + "'" in texts
    assert PARALLEL in texts and "sipcat.known == 0" in texts
    assert extract("```sh\ntshark -r a.pcap -Y 'x' \\\n   -T fields   # a comment\n```\n"
                   "and `sipcat.code == 4` or `-Y 'sipcat.class >= 5'` or `sipcat.code`\n") == [
        Recipe("command", "tshark -r a.pcap -Y 'x' -T fields", 2), Recipe("filter", "sipcat.code == 4", 5),
        Recipe("filter", "sipcat.class >= 5", 5)]


def test_every_expectation_has_its_recipe():
    """An expectation whose recipe left or changed in the README would test nothing."""
    texts = {r.text for r in RECIPES}
    stale = [k for k in EXPECT if k not in texts]
    assert not stale, f"expectations for recipes no longer in README.md (update the key): {stale}"


@pytest.mark.parametrize("recipe", RECIPES, ids=[f"L{r.line}-{r.text[:50]}" for r in RECIPES])
def test_recipe(ts, source, recipe):
    e = EXPECT.get(recipe.text)
    assert e is not None, f"README.md line {recipe.line}: new recipe without expectation: add one to EXPECT " \
                          f"in {os.path.basename(__file__)}:\n{recipe.text}"
    if e.not_run:
        assert not e.check and not e.run, "a recipe that is not run has nothing to check"
        return  # reviewed: not a recipe of its own
    place = Place(ts, source, e.capture)
    for b in e.before:
        ok(place.sh(b))
    if recipe.kind == "filter":
        got = place.frames(recipe.text, e.extra)
        if e.frames is not None:
            want = e.frames
        elif e.like is not None:
            want = place.frames(e.like, e.extra)
        else:
            every = place.frames("frame")
            want = [f for f in every if f not in e.all_but]
        assert want, "an expectation with no frame cannot tell a right filter from a wrong one"
        assert got == want, f"README.md line {recipe.line}: {recipe.text!r} on {e.capture} " \
                            f"selects {got}, should select {want}"
        return
    assert e.check, f"README.md line {recipe.line}: the expectation needs a check"
    r = place.sh(e.run or recipe.text)
    e.check(r, place)
