"""Running tools/batch/sipcat-batch as tshark runs (same user, HOME, plugin)
and reading what it writes."""
import json
import os
import shutil

from field_flags import flag

GOOD = ["sipp-codes-udp", "kamailio-diagnosis-udp", "odd-responses-tcp"]


class Batch:
    def __init__(self, ts, source):
        self.ts = ts
        self.source = source
        self.tool = source.path("tools", "batch", "sipcat-batch")

    def folder(self, name, good=GOOD, bad=True):
        """A folder the tshark user can read with copies of `good` test captures
        and, with `bad`, an empty file, a cut capture, a non-capture and a text file."""
        d = self.ts.workdir(name)
        for g in good:
            dst = os.path.join(d, g + ".pcapng")
            shutil.copy(self.source.capture(g), dst)
            os.chmod(dst, 0o644)
        if bad:
            with open(self.source.capture("kamailio-diagnosis-udp"), "rb") as f:
                data = f.read()
            for fname, content in (("empty.pcapng", b""), ("cut.pcapng", data[:3000]),
                                   ("notes.pcap", b"these are notes, not packets\n"),
                                   ("README.txt", b"skipped: a text file in a folder\n")):
                with open(os.path.join(d, fname), "wb") as f:
                    f.write(content)
                os.chmod(os.path.join(d, fname), 0o644)
        return d

    def run(self, args, timeout=600):
        return self.ts.run_tool(["python3", self.tool] + list(args), timeout=timeout)


def responses_in(ts, capture):
    """(frame, code) of every response tshark's SIP dissector sees, and the number sipcat calls retransmitted."""
    rows = ts.fields(capture, ["frame.number", "sip.Status-Code", "sipcat.retransmission"],
                     ["-Y", "sip.Status-Code"])
    out, retrans = [], 0
    for frame, codes, flags in rows:
        for c in codes.split("|"):
            out.append((int(frame), int(c)))
        retrans += sum(1 for f in flags.split("|") if flag(f))
    return out, retrans


def read_jsonl(path):
    """(records, file status lines) of a --jsonl output."""
    records, files = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            (files if "file_status" in obj else records).append(obj)
    return records, files


def summary_section(text, title):
    """The table lines of one section of the summary printout."""
    lines = text.split("\n")
    i = lines.index(title)
    out = []
    for line in lines[i + 3:]:
        if not line.strip():
            break
        out.append(line)
    return out
