"""tools/batch/sipcat-batch: records, summary, bad files, merging partial
outputs (also made by GNU parallel), Ctrl-C."""
import collections
import csv
import glob
import os
import shutil
import signal
import subprocess
import time

import pytest

from batch_tool import GOOD, Batch, read_jsonl, responses_in, summary_section


def test_batch_folder(ts, source):
    """A folder with good captures, an empty file, a truncated capture and a
    non-capture: records and summary as expected, a message per bad file, exit 1."""
    b = Batch(ts, source)
    d = b.folder("in")
    out_dir = ts.workdir("out")
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
        want, _ = responses_in(ts, source.capture(g))
        got = sorted((r["frame"], r["code"]) for r in records if r["file"] == path and r["kind"] == "response")
        assert got == sorted(want), f"{g}: records {got[:5]}..., tshark {sorted(want)[:5]}..."
    k = os.path.join(d, "kamailio-diagnosis-udp.pcapng")
    rows = ts.fields(source.capture("kamailio-diagnosis-udp"),
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
    assert [(r["file"], int(r["frame"]), int(r["code"] or 0)) for r in rows] == \
        [(r["file"], r["frame"], r["code"] or 0) for r in records]
    # Summary: counts per code less retransmissions; the worst files first.
    total = collections.Counter(r["code"] for r in records if not r["retransmission"] and r["kind"] == "response")
    section = summary_section(p.stdout, "Responses by code")
    got = {int(l.split()[0]): int(l.split()[-2].replace(",", "")) for l in section if l.split()[0].isdigit()}
    assert got == dict(total), (got, total)
    top = summary_section(p.stdout, "Files with the most failures (4xx-6xx, not expected, not retransmitted)")
    assert top[0].split()[-1].endswith("sipp-codes-udp.pcapng"), top
    assert "Files that could not be read (whole)" in p.stdout
    # Class names as the plugin registers sipcat.class's values (tshark -G values).
    classes = {l.split()[0]: " ".join(l.split()[1:-2]) for l in summary_section(p.stdout, "Responses by class")
               if l.split()[0].endswith("xx")}
    assert classes == {"1xx": "Provisional", "2xx": "Success", "3xx": "Redirection", "4xx": "Client Error",
                       "5xx": "Server Error", "6xx": "Global Failure"}, classes


def test_batch_merge(ts, source):
    """Two partial outputs (two hosts, or two jobs) merge to the same summary
    and HTML as one run over all files; a broken one is reported."""
    b = Batch(ts, source)
    d = b.folder("in", good=GOOD + ["sipp-codes-tcp"], bad=False)
    out = ts.workdir("out")
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
    # A broken partial output is reported, the rest still merged.
    with open(os.path.join(out, "broken.jsonl"), "w") as f:
        f.write('{"file": "x", "frame": 1\n')
    p = b.run(["-q", "--merge", os.path.join(out, "a.jsonl"), os.path.join(out, "broken.jsonl")])
    assert p.returncode == 1 and "broken.jsonl: line 1 is not JSON" in p.stderr, p.stderr


def test_batch_merge_parallel(ts, source):
    """The same with GNU parallel as the job runner (as across hosts with --sshlogin)."""
    if not shutil.which("parallel"):
        pytest.skip("GNU parallel not installed (apt-get install parallel); the merge of its parts is skipped")
    b = Batch(ts, source)
    d = b.folder("in", good=GOOD + ["sipp-codes-tcp"], bad=False)
    out = ts.workdir("out")
    files = sorted(glob.glob(os.path.join(d, "*.pcapng")))
    one = b.run(["-q"] + files)
    assert one.returncode == 0, one.stderr
    p = ts.run_tool(["parallel", "--will-cite", "-j", "2", "python3", b.tool, "-q", "--no-summary",
                     "--jsonl", os.path.join(out, "part-{#}.jsonl"), "{}", ":::"] + files)
    assert p.returncode == 0, p.stderr
    parts = sorted(glob.glob(os.path.join(out, "part-*.jsonl")))
    assert len(parts) == len(files), parts
    merged = b.run(["-q", "--merge"] + parts)
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout == one.stdout, merged.stdout


def test_batch_interrupt(ts, source):
    """Ctrl-C stops the workers and leaves no output file, complete or partial."""
    b = Batch(ts, source)
    d = ts.workdir("many")
    for i in range(40):
        dst = os.path.join(d, f"c{i:02}.pcapng")
        shutil.copy(source.capture("sipp-codes-tcp"), dst)
        os.chmod(dst, 0o644)
    out = ts.workdir("out")
    p = ts.popen_tool(["python3", b.tool, "-j", "2", d, "--csv", os.path.join(out, "r.csv"),
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


def test_batch_silence(ts, source):
    """Requests never answered and 2xx never ACKed: a record per marked copy (CSV/JSONL columns), counted once
    per transaction in the summary and in a row of the HTML report."""
    b = Batch(ts, source)
    d = b.folder("in", good=["unanswered-udp", "no-ack-udp"], bad=False)
    out = ts.workdir("out")
    p = b.run([d, "--jsonl", os.path.join(out, "r.jsonl"), "--csv", os.path.join(out, "r.csv"),
               "--html", os.path.join(out, "r.html")])
    assert p.returncode == 0, p.stderr
    records, _ = read_jsonl(os.path.join(out, "r.jsonl"))
    u = os.path.join(d, "unanswered-udp.pcapng")
    req = sorted(r["frame"] for r in records if r["file"] == u and r["kind"] == "request")
    # Every copy of the INVITE, REGISTER, OPTIONS and large INVITE never answered (tests/captures/README.md).
    assert len(req) == 7 + 11 + 11 + 7 and 1 in req and 55 in req and 12 not in req, req
    first = {r["frame"]: r for r in records if r["file"] == u and r["kind"] == "request" and r["copies"] == 1}
    assert sorted(first) == [1, 2, 3, 5], sorted(first)
    assert first[2]["method"] == "REGISTER" and first[2]["unanswered"] is True and first[2]["waited"] == 0.0
    assert "_sip._udp" in first[2]["remedy"], first[2]
    late = [r for r in records if r["file"] == u and r["late"]]
    assert [(r["frame"], r["code"]) for r in late] == [(57, 200)] and abs(late[0]["late"] - 33.0) < 0.1, late
    n = os.path.join(d, "no-ack-udp.pcapng")
    ok = [r for r in records if r["file"] == n and r["ack_missing"] and r["kind"] == "response"]
    assert sorted(r["frame"] for r in ok) == [2, 5, 8, 11, 12, 13, 14, 15, 16, 17, 18], ok
    bye = [r for r in records if r["file"] == n and r["kind"] == "request"]
    assert [(r["frame"], r["method"], r["ack_missing"]) for r in bye] == [(19, "BYE", True)], bye
    with open(os.path.join(out, "r.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {"kind", "unanswered", "copies", "waited", "ack_missing", "late"} <= set(rows[0]), rows[0].keys()
    section = summary_section(p.stdout, "Requests without a response, 2xx without ACK")
    counts = {l.rsplit(None, 1)[0].strip(): int(l.split()[-1]) for l in section}
    assert counts == {"INVITE never answered": 2, "REGISTER never answered": 1, "OPTIONS never answered": 1,
                      "2xx to INVITE never ACKed": 1, "responses after the sender gave up": 1}, counts
    html = open(os.path.join(out, "r.html"), encoding="utf-8").read()
    assert '<table id="silence">' in html and "<td>2xx to INVITE never ACKed</td><td class=\"n\">1</td>" in html
