"""The diagnosis of each SIP response, read from tshark's PDML: one row per
`sipcat` subtree (several per frame over TCP), so that a field absent for one
response cannot slide into another's column, as it would in -T fields with
occurrence=a.

Run directly to print the rows of captures, for reviewing a table against the
captures (never to overwrite one unread):
  sudo /usr/bin/python3 diagnosis_rows.py build/sipcat.so CAPTURE..."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from field_flags import flag

# The columns of tests/expected/public-diagnosis.tsv between frame and comment.
FIELDS = ["sipcat.code", "sipcat.method", "sipcat.auth", "sipcat.expected", "sipcat.call.outcome",
          "sipcat.request_frame", "sipcat.auth_loop", "sipcat.retransmission"]
FLAGS = ("sipcat.expected", "sipcat.retransmission")
# Responses whose diagnosis the table holds: the auth codes, 481 and 487, and
# every final response to INVITE.
REVIEWED_CODES = {"401", "407", "403", "481", "487"}


def reviewed(row):
    return row["sipcat.code"] in REVIEWED_CODES or \
        (row["sipcat.method"] == "INVITE" and int(row["sipcat.code"]) >= 200)


def responses(ts, capture, extra=()):
    """(frame, row) for every response sipcat annotated, in capture order;
    flags as "1" or "0", however tshark prints them (or leaves them out)."""
    out, _ = ts.run(list(extra) + ["-T", "pdml", "-Y", "sipcat.code"], capture)
    result = []
    for packet in ET.fromstring(out).iter("packet"):
        frame = None
        for proto in packet.iter("proto"):
            if proto.get("name") == "geninfo":
                frame = next(f.get("show") for f in proto.iter("field") if f.get("name") == "num")
            if proto.get("name") != "sipcat":
                continue
            shown = {}
            for field in proto.iter("field"):  # nested ones too (sipcat.basis sits below sipcat.rfc)
                shown.setdefault(field.get("name"), field.get("show"))
            if "sipcat.code" not in shown:
                continue  # a BYE's or CANCEL's Reason subtree
            row = {f: shown.get(f, "") for f in FIELDS}
            for f in FLAGS:
                row[f] = "1" if flag(row[f]) else "0"
            result.append((frame, row))
    return result


def reviewed_rows(ts, capture, extra=()):
    """[frame, value per FIELDS] of the responses the table holds."""
    return [[frame] + [row[f] for f in FIELDS] for frame, row in responses(ts, capture, extra) if reviewed(row)]


def main(argv):
    from tshark_env import Tshark
    first = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout
    ts = Tshark(argv[1], ".".join(re.search(r"(\d+)\.(\d+)\.\d+", first).groups()))
    try:
        for cap in argv[2:]:
            for row in reviewed_rows(ts, cap):
                print("\t".join([os.path.basename(cap)] + row))
    finally:
        ts.close()


if __name__ == "__main__":
    main(sys.argv)
