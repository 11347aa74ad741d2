"""sipcat-batch over 30+ captures: the public set and ours."""
import os
import re
import shutil

from batch_tool import GOOD, Batch, read_jsonl, responses_in


def test_batch_public(ts, source, public):
    """30+ captures: the public set and ours; totals match tshark's responses."""
    pub = public.folder
    b = Batch(ts, source)
    d = b.folder("in", good=GOOD + ["sipp-codes-tcp", "odd-responses-udp"], bad=False)
    pubcopy = os.path.join(d, "public")
    shutil.copytree(pub, pubcopy)
    for root, dirs, files in os.walk(pubcopy):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    out = ts.workdir("out")
    p = b.run(["-q", "--jsonl", os.path.join(out, "all.jsonl"), d], timeout=1200)
    assert p.returncode == 0, p.stderr
    records, files = read_jsonl(os.path.join(out, "all.jsonl"))
    assert len(files) >= 30, len(files)
    want = 0
    for f in files:
        resp, _ = responses_in(ts, f["file"])
        got = sum(1 for r in records if r["file"] == f["file"] and r["kind"] == "response")
        assert got == len(resp), f"{f['file']}: {got} records, tshark sees {len(resp)} responses"
        want += len(resp)
    m = re.search(r"([\d,]+) responses \(([\d,]+) retransmissions not counted\)", p.stdout)
    assert int(m.group(1).replace(",", "")) + int(m.group(2).replace(",", "")) == want, (m.group(0), want)
