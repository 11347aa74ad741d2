"""Runs tshark with the sipcat plugin on one capture file and turns its JSON
into response records, streaming (a packet at a time), so that memory does not
grow with the capture."""
import json
import os
import subprocess

from .records import normalise
from .timestamps import record_time

# Magic numbers of the formats tshark reads that a capture usually has.
CAPTURE_MAGICS = [b"\xa1\xb2\xc3\xd4", b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\x3c\x4d", b"\x4d\x3c\xb2\xa1",
                  b"\x0a\x0d\x0d\x0a", b"\x1f\x8b", b"\x28\xb5\x2f\xfd", b"\x04\x22\x4d\x18"]
# Types captype gives to files that are not network captures (Wireshark's
# heuristics read a text file as MP4, a table as ERF, ...).
NOT_CAPTURES = {"unknown", "mp4", "jpeg", "mime", "json", "tnef", "ruby_marshal", "rfc7468"}


class FileError(Exception):
    pass


class Tshark:
    def __init__(self, path="tshark", options=(), profile=None):
        self.path = path
        self.options = list(options)
        self.profile = profile
        self.running = set()  # Popen objects, so that Ctrl-C can stop them

    def base(self):
        cmd = [self.path]
        if self.profile:
            cmd += ["-C", self.profile]
        for o in self.options:
            cmd += ["-o", o]
        return cmd

    def check_plugin(self):
        """A clear message when tshark is missing or does not load the plugin."""
        try:
            out = subprocess.run([self.path, "-G", "protocols"], capture_output=True, text=True, timeout=120).stdout
        except FileNotFoundError:
            raise FileError(f"{self.path} not found; install tshark (apt-get install tshark)")
        if not any(line.split("\t")[2:3] == ["sipcat"] for line in out.splitlines()):
            raise FileError(f"{self.path} does not load the sipcat plugin (see `tshark -G plugins`; "
                            "Wireshark run as root ignores personal plugins)")

    def class_names(self):
        """The names of sipcat.class's values as the plugin registers them
        (`tshark -G values`), so that the summary names classes as Wireshark
        does; {} where tshark or the plugin is missing (a merge elsewhere)."""
        names = {}
        try:
            p = subprocess.Popen([self.path, "-G", "values"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 stdin=subprocess.DEVNULL, text=True, errors="replace")
        except OSError:
            return names
        try:
            for line in p.stdout:  # 1.4 million lines: read as they come, stop after ours
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 4 and cols[:2] == ["V", "sipcat.class"] and cols[2].isdigit():
                    names[int(cols[2])] = cols[3]
                elif names:
                    break
        finally:
            p.kill()
            p.wait()
        return names


def check_capture(path, captype="captype"):
    """Raises FileError for files that are not captures, before tshark reads them
    (tshark reads an empty file as an empty capture and some text as MP4)."""
    if not os.path.exists(path):
        raise FileError("does not exist")
    if not os.path.isfile(path):
        raise FileError("is not a regular file")
    if not os.access(path, os.R_OK):
        raise FileError("cannot be read (permission denied)")
    if os.path.getsize(path) == 0:
        raise FileError("is empty, not a capture file")
    with open(path, "rb") as f:
        head = f.read(4)
    if any(head.startswith(m) for m in CAPTURE_MAGICS):
        return
    try:
        out = subprocess.run([captype, path], capture_output=True, text=True, timeout=60).stdout.strip()
        kind = out.rsplit(": ", 1)[-1] if out else "unknown"
    except (FileNotFoundError, subprocess.TimeoutExpired):
        kind = "unknown"
    if kind in NOT_CAPTURES or (kind == "erf" and not path.lower().endswith(".erf")):
        raise FileError(f"is not a capture file (Wireshark's guess: {kind})")


def _one(v):
    return v[0] if isinstance(v, list) else v


def _all(v):
    return v if isinstance(v, list) else ([] if v is None else [v])


def _silence(s):
    """The columns of the findings without a status code (README: Trouble without a status code)."""
    return {"unanswered": _one(s.get("sipcat.unanswered")),
            "copies": _one(s.get("sipcat.unanswered.copies")) or _one(s.get("sipcat.ack_missing.copies")),
            "waited": _one(s.get("sipcat.unanswered.waited")) or _one(s.get("sipcat.ack_missing.waited")),
            "ack_missing": _one(s.get("sipcat.ack_missing")),
            "late": _one(s.get("sipcat.late"))}


def request_records(path, layers):
    """Records of the requests of one packet that sipcat marks (subtrees without a status code)."""
    frame = layers.get("frame", {})
    sip_msgs = [m for m in _all(layers.get("sip")) if isinstance(m, dict) and "sip.Request-Line" in m]
    subtrees = [s for s in _all(layers.get("sipcat")) if isinstance(s, dict) and "sipcat.code" not in s
                and ("sipcat.unanswered" in s or "sipcat.ack_missing" in s)]
    out = []
    for i, s in enumerate(subtrees):
        msg = sip_msgs[i] if i < len(sip_msgs) else {}
        hdr = msg.get("sip.msg_hdr_tree", {})
        out.append(normalise(dict({
            "file": path,
            "frame": _one(frame.get("frame.number")),
            "time": record_time(_one(frame.get("frame.time_epoch"))),
            "call_id": _one(hdr.get("sip.Call-ID")),
            "method": _one(s.get("sipcat.method")),
            "explanation": _one(s.get("sipcat.explanation")),
            "remedy": _one(s.get("sipcat.remedy")),
            "kind": "request",
        }, **_silence(s))))
    return out


def packet_records(path, layers):
    """Records of one packet: its sipcat subtrees that describe responses,
    paired in order with its SIP messages that have a status line; then its marked requests."""
    frame = layers.get("frame", {})
    sip_msgs = [m for m in _all(layers.get("sip")) if isinstance(m, dict) and "sip.Status-Line" in m]
    subtrees = [s for s in _all(layers.get("sipcat")) if isinstance(s, dict)
                and ("sipcat.code" in s or "sipcat.bad_status" in json.dumps(s.get("_ws.expert", "")))]
    out = []
    for i, s in enumerate(subtrees):
        msg = sip_msgs[i] if i < len(sip_msgs) else {}
        hdr = msg.get("sip.msg_hdr_tree", {})
        status = _one(msg.get("sip.Status-Line")) or ""
        parts = status.split(" ", 2)
        warnings = _all(s.get("sipcat.warning.code"))
        out.append(normalise(dict({
            "file": path,
            "frame": _one(frame.get("frame.number")),
            "time": record_time(_one(frame.get("frame.time_epoch"))),
            "call_id": _one(hdr.get("sip.Call-ID")),
            "method": _one(s.get("sipcat.method")),
            "code": _one(s.get("sipcat.code")),
            "wire_phrase": parts[2] if len(parts) == 3 else None,
            "reason": _one(s.get("sipcat.reason")),
            "class": _one(s.get("sipcat.class")),
            "explanation": _one(s.get("sipcat.explanation")),
            "remedy": _one(s.get("sipcat.remedy")),
            "source": _one(s.get("sipcat.source")),
            "auth": _one(s.get("sipcat.auth")),
            "expected": _one(s.get("sipcat.expected")),
            "outcome": _one(s.get("sipcat.call.outcome")),
            "retransmission": _one(s.get("sipcat.retransmission")),
            "request_frame": _one(s.get("sipcat.request_frame")),
            "q850_cause": _one(s.get("sipcat.q850.cause")),
            "reason_sip_cause": _one(s.get("sipcat.reason.sip.cause")),
            "warning_codes": " ".join(warnings) if warnings else None,
            "kind": "response",
        }, **_silence(s))))
    return out + request_records(path, layers)


def _packets(stream, chunk=1 << 16):
    """The packet objects of tshark -T json, one at a time, whatever its
    indentation: the array's elements are decoded as they arrive."""
    decoder = json.JSONDecoder()
    buf, pos, eof = "", 0, False
    while True:
        while pos < len(buf) and buf[pos] in " \t\r\n,[]":
            pos += 1
        if pos < len(buf):
            try:
                obj, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError:
                if eof:
                    return  # a cut-off tail: tshark was stopped or failed
                obj = None
            if obj is not None:
                pos = end
                yield obj
                continue
        elif eof:
            return
        data = stream.read(chunk)
        if not data:
            eof = True
        buf, pos = buf[pos:] + data, 0


def extract(tshark, path, on_record):
    """Calls on_record for each response record of `path`; returns the number of
    records. Raises FileError when the file could not be read whole (records read
    before a cut have been passed on already)."""
    check_capture(path)
    # Two passes: the second knows which requests were never answered and which 2xx never ACKed.
    cmd = tshark.base() + ["-o", "sipcat.wrap_long_text:FALSE", "-2", "-r", path, "-Y", "sipcat", "-T", "json",
                           "--no-duplicate-keys", "-J", "frame sip sipcat"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         text=True, encoding="utf-8", errors="replace")
    tshark.running.add(p)
    count = 0
    try:
        for pkt in _packets(p.stdout):
            for r in packet_records(path, pkt.get("_source", {}).get("layers", {})):
                on_record(r)
                count += 1
        err = p.stderr.read()
        rc = p.wait()
    finally:
        tshark.running.discard(p)
        if p.poll() is None:
            p.kill()
            p.wait()
    messages = [l.strip() for l in err.splitlines() if l.strip() and "Running as user" not in l]
    if "cut short" in err:
        raise FileError(f"is truncated (cut short in the middle of a packet); {count} responses read before the cut")
    if rc != 0:
        reason = messages[-1] if messages else f"tshark exited with status {rc}"
        raise FileError(reason.replace("tshark: ", "", 1))
    return count
