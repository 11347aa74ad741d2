"""Integration tests of tools/batch/sipcat-batch: records, summary, bad files,
merging partial outputs, the HTML report in a real browser, Ctrl-C."""
import collections
import csv
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

from skip import Skip

GOOD = ["sipp-codes-udp", "kamailio-diagnosis-udp", "odd-responses-tcp"]


class Batch:
    def __init__(self, ctx):
        self.ctx = ctx
        self.tool = os.path.join(ctx.source, "tools", "batch", "sipcat-batch")

    def folder(self, name, good=GOOD, bad=True):
        d = self.ctx.ts.workdir(name)
        for g in good:
            dst = os.path.join(d, g + ".pcapng")
            shutil.copy(self.ctx.capture(g), dst)
            os.chmod(dst, 0o644)
        if bad:
            with open(self.ctx.capture("kamailio-diagnosis-udp"), "rb") as f:
                data = f.read()
            for fname, content in (("empty.pcapng", b""), ("cut.pcapng", data[:3000]),
                                   ("notes.pcap", b"these are notes, not packets\n"),
                                   ("README.txt", b"skipped: a text file in a folder\n")):
                with open(os.path.join(d, fname), "wb") as f:
                    f.write(content)
                os.chmod(os.path.join(d, fname), 0o644)
        return d

    def run(self, args, timeout=600):
        return self.ctx.ts.run_tool(["python3", self.tool] + list(args), timeout=timeout)


def responses_in(ctx, capture):
    """(frame, code) of every response tshark's SIP dissector sees, and the retransmitted ones."""
    rows = ctx.ts.fields(capture, ["frame.number", "sip.Status-Code", "sipcat.retransmission"],
                         ["-Y", "sip.Status-Code"])
    out, retrans = [], 0
    for frame, codes, flags in rows:
        for c in codes.split("|"):
            out.append((int(frame), int(c)))
        retrans += sum(1 for f in flags.split("|") if f in ("1", "True")) if flags else 0
    return out, retrans


def read_jsonl(path):
    records, files = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            (files if "file_status" in obj else records).append(obj)
    return records, files


def summary_section(text, title):
    lines = text.split("\n")
    i = lines.index(title)
    out = []
    for line in lines[i + 3:]:
        if not line.strip():
            break
        out.append(line)
    return out


def test_batch_folder(ctx):
    """A folder with good captures, an empty file, a truncated capture and a
    non-capture: records and summary as expected, a message per bad file, exit 1."""
    b = Batch(ctx)
    d = b.folder("in")
    out_dir = ctx.ts.workdir("out")
    p = b.run(["-j", "2", d, "--csv", os.path.join(out_dir, "r.csv"), "--jsonl", os.path.join(out_dir, "r.jsonl")])
    assert p.returncode == 1, (p.returncode, p.stderr)
    for name, why in (("empty.pcapng", "is empty, not a capture file"),
                      ("cut.pcapng", "is truncated (cut short in the middle of a packet)"),
                      ("notes.pcap", "is not a capture file")):
        assert f"sipcat-batch: {os.path.join(d, name)}: {why}" in p.stderr, p.stderr
    assert "README.txt" not in p.stderr + p.stdout, "text files in a folder are not captures"
    records, files = read_jsonl(os.path.join(out_dir, "r.jsonl"))
    assert sorted(f["file"] for f in files) == sorted(
        os.path.join(d, n) for n in ["empty.pcapng", "cut.pcapng", "notes.pcap"] + [g + ".pcapng" for g in GOOD])
    # Every response of every good file is a record, with the plugin's texts.
    for g in GOOD:
        path = os.path.join(d, g + ".pcapng")
        want, _ = responses_in(ctx, ctx.capture(g))
        got = sorted((r["frame"], r["code"]) for r in records if r["file"] == path)
        assert got == sorted(want), f"{g}: records {got[:5]}..., tshark {sorted(want)[:5]}..."
    k = os.path.join(d, "kamailio-diagnosis-udp.pcapng")
    rows = ctx.ts.fields(ctx.capture("kamailio-diagnosis-udp"),
                         ["frame.number", "sipcat.explanation", "sipcat.remedy", "sipcat.auth", "sip.Call-ID"],
                         ["-Y", "sipcat.code == 401", "-o", "sipcat.wrap_long_text:FALSE"])
    by_frame = {(r["file"], r["frame"]): r for r in records}
    for frame, explanation, remedy, auth, call_id in rows:
        r = by_frame[(k, int(frame))]
        assert (r["explanation"], r["remedy"], r["auth"] or "", r["call_id"]) == (explanation, remedy, auth, call_id)
        assert r["method"] == "REGISTER" and r["wire_phrase"] == "Unauthorized" and r["class"] == 4
    # Three responses in one TCP segment are three records, in order, each with its own phrase.
    o = os.path.join(d, "odd-responses-tcp.pcapng")
    seg = [(r["code"], r["wire_phrase"]) for r in records if r["file"] == o and r["code"] in (100, 180, 486)]
    assert seg == [(100, "Trying"), (180, "Ringing"), (486, "Busy Here")], seg
    # The truncated file's records are those tshark reads before the cut, and are kept.
    cut = [r for r in records if r["file"].endswith("cut.pcapng")]
    assert cut and all(r["call_id"] for r in cut), cut
    with open(os.path.join(out_dir, "r.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(records) and rows[0].keys() == records[0].keys()
    assert [(r["file"], int(r["frame"]), int(r["code"])) for r in rows] == \
        [(r["file"], r["frame"], r["code"]) for r in records]
    # Summary: counts per code less retransmissions; the worst files first.
    total = collections.Counter(r["code"] for r in records if not r["retransmission"])
    section = summary_section(p.stdout, "Responses by code")
    got = {int(l.split()[0]): int(l.split()[-2].replace(",", "")) for l in section if l.split()[0].isdigit()}
    assert got == dict(total), (got, total)
    top = summary_section(p.stdout, "Files with the most failures (4xx-6xx, not expected, not retransmitted)")
    assert top[0].split()[-1].endswith("sipp-codes-udp.pcapng"), top
    assert "Files that could not be read (whole)" in p.stdout


def test_batch_merge(ctx):
    """Two partial outputs (two hosts, or GNU parallel jobs) merge to the same
    summary and HTML as one run over all files."""
    b = Batch(ctx)
    d = b.folder("in", good=GOOD + ["sipp-codes-tcp"], bad=False)
    out = ctx.ts.workdir("out")
    files = sorted(glob.glob(os.path.join(d, "*.pcapng")))
    one = b.run(["-q", "--html", os.path.join(out, "one.html")] + files)
    assert one.returncode == 0, one.stderr
    a = b.run(["-q", "--jsonl", os.path.join(out, "a.jsonl")] + files[:2])
    c = b.run(["-q", "--jsonl", os.path.join(out, "b.jsonl")] + files[2:])
    assert a.returncode == 0 and c.returncode == 0, a.stderr + c.stderr
    merged = b.run(["-q", "--merge", "--html", os.path.join(out, "merged.html"),
                    os.path.join(out, "a.jsonl"), os.path.join(out, "b.jsonl")])
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout == one.stdout, f"merged:\n{merged.stdout}\none run:\n{one.stdout}"
    assert open(os.path.join(out, "merged.html")).read() == open(os.path.join(out, "one.html")).read()
    # The same with GNU parallel as the job runner (as across hosts with --sshlogin).
    if shutil.which("parallel"):
        p = ctx.ts.run_tool(["parallel", "--will-cite", "-j", "2", "python3", b.tool, "-q", "--no-summary",
                             "--jsonl", os.path.join(out, "part-{#}.jsonl"), "{}", ":::"] + files)
        assert p.returncode == 0, p.stderr
        parts = sorted(glob.glob(os.path.join(out, "part-*.jsonl")))
        assert len(parts) == len(files), parts
        merged = b.run(["-q", "--merge"] + parts)
        assert merged.stdout == one.stdout, merged.stdout
    else:
        print("note: GNU parallel not installed; its part of the merge test is skipped")
    # A broken partial output is reported, the rest still merged.
    with open(os.path.join(out, "broken.jsonl"), "w") as f:
        f.write('{"file": "x", "frame": 1\n')
    p = b.run(["-q", "--merge", os.path.join(out, "a.jsonl"), os.path.join(out, "broken.jsonl")])
    assert p.returncode == 1 and "broken.jsonl: line 1 is not JSON" in p.stderr, p.stderr


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def test_batch_html(ctx):
    """The HTML report renders in headless Chromium with both charts and no console error."""
    browser = chromium()
    if not browser:
        raise Skip("chromium not installed (apt-get install chromium); the HTML rendering test is skipped")
    b = Batch(ctx)
    d = b.folder("in", bad=True)
    out = ctx.ts.workdir("out")
    report = os.path.join(out, "report.html")
    p = b.run(["-q", "--html", report, d])
    assert p.returncode == 1, p.stderr
    page = open(report, encoding="utf-8").read()
    assert "<script" not in page.lower()
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:|//)', page), "the report must not load anything"
    profile = tempfile.mkdtemp(prefix="sipcat-chromium-")
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
             "--enable-logging=stderr", "--v=0", "--window-size=1100,1400"]
    try:
        shot = os.path.join(profile, "report.png")
        r = subprocess.run(flags + ["--screenshot=" + shot, "file://" + report], capture_output=True, text=True,
                           timeout=120)
        assert os.path.getsize(shot) > 20000, "screenshot too small: the page did not render"
        console = [l for l in r.stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l]
        assert not console, console
        dom = subprocess.run(flags + ["--dump-dom", "file://" + report], capture_output=True, text=True,
                             timeout=120).stdout
        for chart in ("chart-classes", "chart-failures"):
            m = re.search(r'<svg id="%s".*?</svg>' % chart, dom, re.S)
            assert m and m.group(0).count('class="bar"') >= 2, f"{chart} has no bars"
        assert 'id="codes"' in dom and "486" in dom and "cut.pcapng" in dom
        keep = os.environ.get("SIPCAT_REPORT_SCREENSHOT")
        if keep:
            shutil.copy(shot, keep)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def test_batch_interrupt(ctx):
    """Ctrl-C stops the workers and leaves no output file, complete or partial."""
    b = Batch(ctx)
    d = ctx.ts.workdir("many")
    for i in range(40):
        dst = os.path.join(d, f"c{i:02}.pcapng")
        shutil.copy(ctx.capture("sipp-codes-tcp"), dst)
        os.chmod(dst, 0o644)
    out = ctx.ts.workdir("out")
    p = ctx.ts.popen_tool(["python3", b.tool, "-j", "2", d, "--csv", os.path.join(out, "r.csv"),
                           "--html", os.path.join(out, "r.html")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()  # the first file is done
    assert "files]" in line, line
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130, (p.returncode, err)
    assert "interrupted; no output written" in err, err
    time.sleep(0.5)
    assert os.listdir(out) == [], os.listdir(out)
    left = subprocess.run(["pgrep", "-f", os.path.join(d, "c")], capture_output=True, text=True).stdout
    assert not left.strip(), "tshark still running: " + left


def test_batch_public(ctx):
    """30+ captures: the public set and ours; totals match tshark's responses."""
    pub = ctx.shared_captures()
    b = Batch(ctx)
    d = b.folder("in", good=GOOD + ["sipp-codes-tcp", "odd-responses-udp"], bad=False)
    pubcopy = os.path.join(d, "public")
    shutil.copytree(pub, pubcopy)
    for root, dirs, files in os.walk(pubcopy):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    out = ctx.ts.workdir("out")
    p = b.run(["-q", "--jsonl", os.path.join(out, "all.jsonl"), d], timeout=1200)
    assert p.returncode == 0, p.stderr
    records, files = read_jsonl(os.path.join(out, "all.jsonl"))
    assert len(files) >= 30, len(files)
    want = 0
    for f in files:
        resp, _ = responses_in(ctx, f["file"])
        got = sum(1 for r in records if r["file"] == f["file"])
        assert got == len(resp), f"{f['file']}: {got} records, tshark sees {len(resp)} responses"
        want += len(resp)
    m = re.search(r"([\d,]+) responses \(([\d,]+) retransmissions not counted\)", p.stdout)
    assert int(m.group(1).replace(",", "")) + int(m.group(2).replace(",", "")) == want, (m.group(0), want)


TESTS = {
    "batch_folder": test_batch_folder,
    "batch_merge": test_batch_merge,
    "batch_html": test_batch_html,
    "batch_interrupt": test_batch_interrupt,
    "batch_public": test_batch_public,
}
