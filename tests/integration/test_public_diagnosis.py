"""The reviewed diagnosis of the public captures (../shared/captures/public):
every 401/407/403/481/487 and every final response to INVITE, as
tests/expected/public-diagnosis.tsv holds it. Each row of that table was
checked against the capture (did the request carry credentials, which
challenge did they answer, which request does the response answer, what would
a VoIP engineer call the outcome); its comment column says why, and where the
capture is ambiguous. A change here is a change of diagnosis: read it."""
import csv

from diagnosis_rows import FIELDS, reviewed_rows

TABLE = "public-diagnosis.tsv"
HEAD = ["capture", "frame"] + FIELDS + ["comment"]


def table(source):
    """capture -> [[frame, value per FIELDS], ...] in table order."""
    with open(source.expected(TABLE), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == HEAD, f"{TABLE}: header {rows[0]}"
    by_capture = {}
    for n, r in enumerate(rows[1:], start=2):
        assert len(r) == len(HEAD) and r[-1].strip(), f"{TABLE}:{n}: {len(r)} columns or no comment: {r}"
        by_capture.setdefault(r[0], []).append(r[1:-1])
    return by_capture


def test_table_names_only_public_captures(source, public):
    unknown = sorted(set(table(source)) - set(public.names()))
    assert not unknown, f"{TABLE} names captures the MANIFEST does not: {unknown}"


def test_public_diagnosis(ts, source, public, public_name):
    """Row by row as reviewed; a capture without such responses has no rows."""
    want = table(source).get(public_name, [])
    got = reviewed_rows(ts, public.path(public_name))
    for w, g in zip(want, got):
        assert g == w, (f"{public_name} frame {w[0]}: expected {dict(zip(['frame'] + FIELDS, w))}\n"
                        f"got {dict(zip(['frame'] + FIELDS, g))}")
    assert len(got) == len(want), (f"{public_name}: {len(want)} reviewed rows, {len(got)} responses now; "
                                   f"first extra or missing: {(got[len(want):] or want[len(got):])[0]}")
