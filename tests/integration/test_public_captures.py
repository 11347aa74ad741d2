"""The public captures of ../shared/captures/public (which no expected file
was written from): every response annotated once, codes as in the MANIFEST,
-2 as one pass, 4xx explained; the statistics tree's counts."""
import collections
import os

from expected_files import fields_text
from stats_tree_text import check_counts

CAPTURE_ENDINGS = (".pcap", ".pcapng", ".cap")


def test_public_set_complete(public):
    """Every capture file of the folder is in the MANIFEST (and so tested below), and the other way round."""
    files = sorted(f for f in os.listdir(public.folder) if f.endswith(CAPTURE_ENDINGS))
    assert files == public.names()
    assert len(files) >= 20, files


def test_public_annotated(ts, public, public_name):
    """Every response annotated once; same with -2; codes as the MANIFEST counts them; 4xx explained."""
    cap = public.path(public_name)
    rows = ts.fields(cap, ["sip.Status-Code", "sipcat.code", "sipcat.class", "sipcat.explanation", "sipcat.remedy"])
    sip = [c for r in rows for c in r[0].split("|") if c]
    cat = [c for r in rows for c in r[1].split("|") if c]
    assert sorted(sip) == sorted(cat), f"sip.Status-Code {len(sip)} vs sipcat.code {len(cat)}"
    assert collections.Counter(cat) == public.status_codes(public_name), "codes differ from the MANIFEST's"
    for r in rows:
        for cls, expl, rem in zip(r[2].split("|"), r[3].split("|"), r[4].split("|")):
            assert cls != "4" or (expl.strip() and rem.strip()), "a 4xx without explanation or remedy"
    assert fields_text(ts, cap) == fields_text(ts, cap, ["-2"]), "-2 output differs from one pass"


def test_public_stats_tree(ts, public, public_name):
    """The tree's counts match sip.Status-Code counts less retransmissions."""
    check_counts(ts, public.path(public_name))
